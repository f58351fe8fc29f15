DROP TRIGGER recommendation_themes_generation ON recommendation_themes;
DROP TRIGGER recommendations_generation ON recommendations;
DROP FUNCTION recommendation_generation_bump();
DROP TABLE recommendation_generation;

DROP TRIGGER recommendations_search_delete;
DROP TRIGGER recommendations_search_update;
DROP TRIGGER recommendations_search_insert;
DROP TABLE recommendations_fts;
DROP TABLE recommendation_search;

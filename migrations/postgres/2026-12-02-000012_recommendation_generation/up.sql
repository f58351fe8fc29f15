-- tcmatch schema, version 12: a number that grows with every statement that changes the
-- recommendations, so that an instance may keep the counts of its searches until it does. A
-- trigger keeps it, whoever writes (the service, an import, a person with psql); the theme links
-- of a recommendation change only with the recommendation itself (its version).
CREATE TABLE recommendation_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    generation BIGINT NOT NULL
);
INSERT INTO recommendation_generation (id, generation) VALUES (1, 1);
CREATE FUNCTION recommendation_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE recommendation_generation SET generation = generation + 1 WHERE id = 1;
    RETURN NULL;
END $$;
CREATE TRIGGER recommendations_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recommendations
    FOR EACH STATEMENT EXECUTE FUNCTION recommendation_generation_bump();
CREATE TRIGGER recommendation_themes_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recommendation_themes
    FOR EACH STATEMENT EXECUTE FUNCTION recommendation_generation_bump();

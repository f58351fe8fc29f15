-- tcmatch schema, version 12: a number that grows with every change to the recommendations, so
-- that the service may keep the counts of its searches until it does. Triggers keep it, whoever
-- writes. SQLite has no statement triggers: these fire per row, on the recommendations only (the
-- theme links of a recommendation change only with the recommendation itself, its version).
CREATE TABLE recommendation_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    generation BIGINT NOT NULL
);
INSERT INTO recommendation_generation (id, generation) VALUES (1, 1);
CREATE TRIGGER recommendations_generation_insert AFTER INSERT ON recommendations BEGIN
    UPDATE recommendation_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER recommendations_generation_update AFTER UPDATE ON recommendations BEGIN
    UPDATE recommendation_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER recommendations_generation_delete AFTER DELETE ON recommendations BEGIN
    UPDATE recommendation_generation SET generation = generation + 1 WHERE id = 1;
END;

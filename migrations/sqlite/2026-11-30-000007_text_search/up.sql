-- tcmatch schema, version 7: the recommendations' text in a full-text index (FTS5), kept by
-- triggers. Each recommendation gets a search key in the order it was stored (an INTEGER
-- PRIMARY KEY, which VACUUM keeps, unlike the rowids of a table keyed by text); the index is
-- keyed by it, so a search reads its matches in that order straight from the index.
CREATE TABLE recommendation_search (
    key INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    id TEXT NOT NULL UNIQUE REFERENCES recommendations (id)
);
CREATE VIRTUAL TABLE recommendations_fts USING fts5(
    text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO recommendation_search (id) SELECT id FROM recommendations ORDER BY id;
INSERT INTO recommendations_fts (rowid, text)
    SELECT s.key, r.text FROM recommendations r JOIN recommendation_search s ON s.id = r.id;
CREATE TRIGGER recommendations_search_insert AFTER INSERT ON recommendations BEGIN
    INSERT INTO recommendation_search (id) VALUES (new.id);
    INSERT INTO recommendations_fts (rowid, text)
        VALUES ((SELECT key FROM recommendation_search WHERE id = new.id), new.text);
END;
CREATE TRIGGER recommendations_search_update AFTER UPDATE OF text ON recommendations BEGIN
    DELETE FROM recommendations_fts WHERE rowid = (SELECT key FROM recommendation_search WHERE id = old.id);
    INSERT INTO recommendations_fts (rowid, text)
        VALUES ((SELECT key FROM recommendation_search WHERE id = old.id), new.text);
END;
CREATE TRIGGER recommendations_search_delete BEFORE DELETE ON recommendations BEGIN
    DELETE FROM recommendations_fts WHERE rowid = (SELECT key FROM recommendation_search WHERE id = old.id);
    DELETE FROM recommendation_search WHERE id = old.id;
END;

-- tcmatch schema, version 7: the recommendations' text in a full-text index (FTS5), kept by
-- triggers. It holds its own copy of the text with the id, rather than pointing at the table's
-- rowids, which VACUUM may renumber.
CREATE VIRTUAL TABLE recommendations_fts USING fts5(id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO recommendations_fts (id, text) SELECT id, text FROM recommendations;
CREATE TRIGGER recommendations_fts_insert AFTER INSERT ON recommendations BEGIN
    INSERT INTO recommendations_fts (id, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER recommendations_fts_update AFTER UPDATE OF text ON recommendations BEGIN
    DELETE FROM recommendations_fts WHERE id = old.id;
    INSERT INTO recommendations_fts (id, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER recommendations_fts_delete AFTER DELETE ON recommendations BEGIN
    DELETE FROM recommendations_fts WHERE id = old.id;
END;

-- tcmatch schema, version 5: themes the model suggested from a record's text and no person has
-- confirmed yet (JSON array of {theme, confidence, words}); they are among `themes` too.
ALTER TABLE recommendations ADD COLUMN suggested_themes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE requests ADD COLUMN suggested_themes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE offers ADD COLUMN suggested_themes TEXT NOT NULL DEFAULT '[]';

ALTER TABLE offers DROP COLUMN suggested_themes;
ALTER TABLE requests DROP COLUMN suggested_themes;
ALTER TABLE recommendations DROP COLUMN suggested_themes;

DROP INDEX recommendations_text_search;
ALTER TABLE recommendations DROP COLUMN text_search;

DROP TRIGGER recommendations_fts_delete;
DROP TRIGGER recommendations_fts_update;
DROP TRIGGER recommendations_fts_insert;
DROP TABLE recommendations_fts;

ALTER TABLE engagements DROP COLUMN iati_identifier;
ALTER TABLE offers DROP COLUMN iati_identifier;

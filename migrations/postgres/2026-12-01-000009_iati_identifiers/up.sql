-- tcmatch schema, version 9: IATI activity identifiers. An offer may name the provider's own
-- IATI activity it belongs to; an engagement may name the IATI activity that reports it (when
-- absent, its IATI export uses the repository's reporting organisation and the engagement id).

ALTER TABLE offers ADD COLUMN iati_identifier TEXT;
ALTER TABLE engagements ADD COLUMN iati_identifier TEXT;

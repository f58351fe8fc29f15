-- tcmatch schema, version 7: the recommendations' text as a tsvector (the 'simple'
-- configuration: lowercased words, no stemming, so every language is treated alike) with a GIN
-- index, for word search.
ALTER TABLE recommendations ADD COLUMN text_search tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED;
CREATE INDEX recommendations_text_search ON recommendations USING GIN (text_search);

-- tcmatch schema, version 10: import jobs. A large import answers 202 at once and runs in the
-- background on the instance that took it, which writes its progress here every half second;
-- any instance answers for it (one whose progress stopped moving was interrupted).

CREATE TABLE import_jobs (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    key_id TEXT NOT NULL,
    status TEXT NOT NULL,
    rows_total BIGINT,
    rows_done BIGINT NOT NULL,
    result TEXT,
    problem TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
CREATE INDEX import_jobs_key ON import_jobs (key_id, created_at);

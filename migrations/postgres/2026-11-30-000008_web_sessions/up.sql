-- tcmatch schema, version 8: sessions of the web pages. A person signs in with an API key; the
-- browser keeps only a random session secret in a cookie, stored here by its SHA-256, with the
-- key it stands for and the token every form of the session must carry (CSRF). Signing out
-- deletes the row; a revoked key ends its sessions at once (they are read with the key).

CREATE TABLE web_sessions (
    secret_hash TEXT PRIMARY KEY NOT NULL,
    key_id TEXT NOT NULL REFERENCES api_keys (id),
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX web_sessions_expires ON web_sessions (expires_at);

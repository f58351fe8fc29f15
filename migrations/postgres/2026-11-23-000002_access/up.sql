-- tcmatch schema, version 2: API keys (only their SHA-256 is stored) and the append-only audit
-- trail of every write.

CREATE TABLE api_keys (
    id TEXT PRIMARY KEY NOT NULL,
    prefix TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    state TEXT REFERENCES states (code),
    organization_id TEXT REFERENCES organizations (id),
    label TEXT NOT NULL,
    created_by TEXT,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);

CREATE TABLE audit_events (
    id TEXT PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    actor_key_id TEXT,
    actor_role TEXT NOT NULL,
    actor_state TEXT,
    actor_organization_id TEXT,
    action TEXT NOT NULL,
    resource TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    -- The State whose request this event concerns, so a State can read the events on its own.
    owner_state TEXT,
    changes TEXT NOT NULL,
    request_id TEXT
);
CREATE INDEX audit_events_resource ON audit_events (resource, resource_id);
CREATE INDEX audit_events_owner_state ON audit_events (owner_state, id);
CREATE INDEX audit_events_actor ON audit_events (actor_key_id, id);

-- tcmatch schema, version 11: webhooks. A key subscribes a URL to events it may see; each
-- event is stored as a delivery in the same transaction as the write that caused it (so none
-- is lost in a restart), then sent, signed, and retried with growing waits until it is
-- answered 2xx or given up. Pairs already announced as new matches are remembered per webhook.

CREATE TABLE webhooks (
    id TEXT PRIMARY KEY NOT NULL,
    key_id TEXT NOT NULL REFERENCES api_keys (id),
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    events TEXT NOT NULL,
    min_score REAL NOT NULL,
    created_at TIMESTAMP NOT NULL,
    removed_at TIMESTAMP
);
CREATE INDEX webhooks_key ON webhooks (key_id);

CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    webhook_id TEXT NOT NULL REFERENCES webhooks (id),
    event TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    last_status INTEGER,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_hook ON webhook_deliveries (webhook_id, created_at);

CREATE TABLE webhook_matches (
    webhook_id TEXT NOT NULL REFERENCES webhooks (id),
    request_id TEXT NOT NULL,
    offer_id TEXT NOT NULL,
    PRIMARY KEY (webhook_id, request_id, offer_id)
);

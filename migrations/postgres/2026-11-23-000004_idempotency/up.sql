-- tcmatch schema, version 4: answers to bulk calls made with an Idempotency-Key, so a retried
-- call gets the same answer instead of doing the work twice.
CREATE TABLE idempotency_keys (
    actor TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (actor, endpoint, idempotency_key)
);

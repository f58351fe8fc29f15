-- tcmatch schema, version 3: engagements (matches someone acted on) with their transitions, and
-- the change sequence every instance's matcher index follows.

CREATE TABLE engagements (
    id TEXT PRIMARY KEY NOT NULL,
    request_id TEXT NOT NULL REFERENCES requests (id),
    offer_id TEXT NOT NULL REFERENCES offers (id),
    -- Who expressed interest first: 'request' (the State) or 'offer' (the provider).
    initiated_by TEXT NOT NULL,
    status TEXT NOT NULL,
    outcome TEXT,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX engagements_request ON engagements (request_id, id);
CREATE INDEX engagements_offer ON engagements (offer_id, id);

CREATE TABLE engagement_events (
    id TEXT PRIMARY KEY NOT NULL,
    engagement_id TEXT NOT NULL REFERENCES engagements (id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    side TEXT NOT NULL,
    recorded_by TEXT,
    note TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX engagement_events_engagement ON engagement_events (engagement_id, at);

-- Every write to what the matcher indexes appends here, in the write's transaction.
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL
);

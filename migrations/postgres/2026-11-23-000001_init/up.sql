-- tcmatch schema, version 1: reference data, organizations, recommendations, requests with
-- their consent history, offers. Lists are kept as JSON text in the row (read path) and as
-- rows of join tables (filter path), written in the same transaction.

CREATE TABLE states (
    code TEXT PRIMARY KEY NOT NULL,
    alpha2 TEXT NOT NULL,
    name TEXT NOT NULL,
    upr_name TEXT NOT NULL,
    un_status TEXT NOT NULL,
    region TEXT NOT NULL,
    region_code TEXT NOT NULL,
    sub_region TEXT NOT NULL,
    sub_region_code TEXT NOT NULL,
    intermediate_region TEXT,
    intermediate_region_code TEXT,
    regional_group TEXT
);

CREATE TABLE theme_groups (
    slug TEXT PRIMARY KEY NOT NULL,
    label TEXT NOT NULL
);

CREATE TABLE themes (
    slug TEXT PRIMARY KEY NOT NULL,
    label TEXT NOT NULL,
    group_slug TEXT NOT NULL REFERENCES theme_groups (slug),
    upr_info_label TEXT NOT NULL,
    sdg_goals TEXT NOT NULL,
    synonyms TEXT NOT NULL
);

-- Which version of the shipped reference data the tables hold (seeded at start-up).
CREATE TABLE reference_data (
    name TEXT PRIMARY KEY NOT NULL,
    checksum TEXT NOT NULL
);

CREATE TABLE organizations (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT REFERENCES states (code),
    website TEXT,
    description TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX organizations_updated_at ON organizations (updated_at);

CREATE TABLE recommendations (
    id TEXT PRIMARY KEY NOT NULL,
    state_under_review TEXT NOT NULL REFERENCES states (code),
    recommending_state TEXT REFERENCES states (code),
    cycle INTEGER NOT NULL,
    session INTEGER NOT NULL,
    text TEXT NOT NULL,
    response TEXT NOT NULL,
    action_category INTEGER,
    themes TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX recommendations_state ON recommendations (state_under_review, id);
CREATE INDEX recommendations_updated_at ON recommendations (updated_at);

CREATE TABLE recommendation_themes (
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
    theme TEXT NOT NULL REFERENCES themes (slug),
    PRIMARY KEY (recommendation_id, theme)
);
CREATE INDEX recommendation_themes_theme ON recommendation_themes (theme, recommendation_id);

CREATE TABLE requests (
    id TEXT PRIMARY KEY NOT NULL,
    state TEXT NOT NULL REFERENCES states (code),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    recommendation_ids TEXT NOT NULL,
    themes TEXT NOT NULL,
    modalities TEXT NOT NULL,
    languages TEXT NOT NULL,
    starts_on DATE,
    ends_on DATE,
    budget_min_usd BIGINT,
    budget_max_usd BIGINT,
    priority TEXT NOT NULL,
    status TEXT NOT NULL,
    consent_status TEXT NOT NULL,
    consent_updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX requests_state ON requests (state, id);
CREATE INDEX requests_updated_at ON requests (updated_at);

CREATE TABLE request_themes (
    request_id TEXT NOT NULL REFERENCES requests (id),
    theme TEXT NOT NULL REFERENCES themes (slug),
    PRIMARY KEY (request_id, theme)
);
CREATE INDEX request_themes_theme ON request_themes (theme, request_id);

CREATE TABLE request_recommendations (
    request_id TEXT NOT NULL REFERENCES requests (id),
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
    PRIMARY KEY (request_id, recommendation_id)
);
CREATE INDEX request_recommendations_recommendation ON request_recommendations (recommendation_id);

-- Append-only: every consent decision on a request, never updated or deleted.
CREATE TABLE consent_events (
    id TEXT PRIMARY KEY NOT NULL,
    request_id TEXT NOT NULL REFERENCES requests (id),
    status TEXT NOT NULL,
    previous_status TEXT,
    note TEXT NOT NULL,
    recorded_by TEXT,
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX consent_events_request ON consent_events (request_id, recorded_at);

CREATE TABLE offers (
    id TEXT PRIMARY KEY NOT NULL,
    provider_kind TEXT NOT NULL,
    provider_id TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    themes TEXT NOT NULL,
    modalities TEXT NOT NULL,
    languages TEXT NOT NULL,
    is_global BOOLEAN NOT NULL,
    countries TEXT NOT NULL,
    regions TEXT NOT NULL,
    starts_on DATE,
    ends_on DATE,
    capacity INTEGER NOT NULL,
    budget_usd BIGINT,
    status TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX offers_provider ON offers (provider_id, id);
CREATE INDEX offers_updated_at ON offers (updated_at);

CREATE TABLE offer_themes (
    offer_id TEXT NOT NULL REFERENCES offers (id),
    theme TEXT NOT NULL REFERENCES themes (slug),
    PRIMARY KEY (offer_id, theme)
);
CREATE INDEX offer_themes_theme ON offer_themes (theme, offer_id);

-- Where an offer is available: 'GLOBAL', State codes (alpha-3) and M49 region codes.
CREATE TABLE offer_areas (
    offer_id TEXT NOT NULL REFERENCES offers (id),
    area TEXT NOT NULL,
    PRIMARY KEY (offer_id, area)
);
CREATE INDEX offer_areas_area ON offer_areas (area, offer_id);

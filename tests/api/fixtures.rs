//! Bodies of the records tests create, built from plain defaults with only what a test cares
//! about changed, instead of JSON written out again in every file.

use serde_json::{json, Value};

use crate::helpers::{Session, TestApp};

/// An offer to publish.
pub struct OfferBody(Value);

impl OfferBody {
    /// The least an offer needs: by `provider`, on torture, available everywhere.
    pub fn by(provider: &str) -> OfferBody {
        OfferBody(json!({"provider": provider, "title": "Help offered", "themes": ["torture"], "global": true}))
    }

    /// An offer with every field set: legal drafting and training on torture and detention, in
    /// English and French, for Africa and Haiti, 2027-2028, three engagements, USD 100,000.
    pub fn detailed(provider: &str) -> OfferBody {
        OfferBody(json!({
            "provider": provider, "title": "Legal drafting support on torture prevention",
            "themes": ["torture", "detention"], "modalities": ["legal_drafting", "training"],
            "languages": ["en", "fr"], "regions": ["Africa"], "countries": ["HTI"],
            "starts_on": "2027-01-01", "ends_on": "2028-12-31", "capacity": 3, "budget_usd": 100000
        }))
    }

    /// For matching tests: legal drafting in English, 2029-2031, one engagement, USD 20,000.
    pub fn for_matching(provider: &str, themes: Value) -> OfferBody {
        OfferBody(json!({
            "provider": provider, "title": "Help offered", "themes": themes, "modalities": ["legal_drafting"],
            "languages": ["en"], "starts_on": "2029-01-01", "ends_on": "2031-12-31", "capacity": 1,
            "budget_usd": 20000, "global": true
        }))
    }

    /// Served areas instead of everywhere (`"global"` keeps it global).
    pub fn serving(mut self, areas: Value) -> OfferBody {
        if areas != json!("global") {
            self.0["global"] = json!(false);
            self.0["regions"] = areas;
        }
        self
    }

    pub fn set(mut self, field: &str, value: Value) -> OfferBody {
        self.0[field] = value;
        self
    }

    pub fn json(self) -> Value {
        self.0
    }

    /// Publishes it as `session`; its id.
    pub fn create(self, session: &Session<'_>) -> String {
        id_of(session.create("/api/v1/offers", &self.0))
    }
}

/// An assistance request to submit.
pub struct RequestBody(Value);

impl RequestBody {
    /// A request with every field set: drafting a law criminalising torture, legal drafting and
    /// expert advice (one given twice), in English and Swahili, 2027, USD 20,000-80,000.
    pub fn detailed(state: &str) -> RequestBody {
        RequestBody(json!({
            "state": state, "title": "Draft a law criminalising torture",
            "description": "Support to the drafting committee of the Ministry of Justice.",
            "themes": ["torture", "Justice"], "modalities": ["legal_drafting", "expert_advice", "legal_drafting"],
            "languages": ["EN", "sw"], "starts_on": "2027-01-01", "ends_on": "2027-12-31",
            "budget_min_usd": 20000, "budget_max_usd": 80000, "priority": "high"
        }))
    }

    /// For matching tests: legal drafting in English, in 2030, from USD 10,000.
    pub fn for_matching(state: &str, themes: Value) -> RequestBody {
        RequestBody(json!({
            "state": state, "title": "Help wanted", "themes": themes, "modalities": ["legal_drafting"],
            "languages": ["en"], "starts_on": "2030-01-01", "ends_on": "2030-12-31", "budget_min_usd": 10000
        }))
    }

    pub fn set(mut self, field: &str, value: Value) -> RequestBody {
        self.0[field] = value;
        self
    }

    pub fn json(self) -> Value {
        self.0
    }

    /// Submits it as `session` and records `consent` if given; its id.
    pub fn create(self, session: &Session<'_>, consent: Option<&str>) -> String {
        let id = id_of(session.create("/api/v1/requests", &self.0));
        if let Some(status) = consent {
            session.create(&format!("/api/v1/requests/{id}/consent"), &json!({"status": status}));
        }
        id
    }
}

/// A request for matching tests, submitted with `key`, with its consent recorded if given.
pub fn request(app: &TestApp, key: &str, state: &str, themes: Value, consent: Option<&str>) -> String {
    RequestBody::for_matching(state, themes).create(&app.with_key(Some(key)), consent)
}

/// An offer for matching tests, by `provider`, serving `areas` (or `"global"`), published by the admin.
pub fn offer(app: &TestApp, provider: &str, themes: Value, areas: Value) -> String {
    OfferBody::for_matching(provider, themes).serving(areas).create(&app.admin())
}

fn id_of(created: Value) -> String {
    created["id"].as_str().expect("an id").to_string()
}

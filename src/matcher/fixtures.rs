//! Facts for the matcher's tests: an offer and a request with plain defaults to adjust.

use crate::domain::ids;
use crate::domain::vocab::{ConsentStatus, Modality};
use crate::matcher::{OfferFacts, RequestFacts};

/// An open offer by Norway, for training in English, with one engagement left.
pub fn offer(themes: &[&str], areas: &[&str], global: bool) -> OfferFacts {
    OfferFacts {
        id: ids::new_id(ids::OFFER),
        provider: "NOR".into(),
        themes: themes.iter().map(|t| t.to_string()).collect(),
        modalities: vec![Modality::Training],
        languages: vec!["en".into()],
        global,
        areas: areas.iter().map(|t| t.to_string()).collect(),
        starts_on: None,
        ends_on: None,
        capacity_left: 1,
        budget_usd: None,
    }
}

/// A request for training in English, with no timeframe or budget.
pub fn request(state: &str, themes: &[&str], consent: ConsentStatus) -> RequestFacts {
    RequestFacts {
        id: ids::new_id(ids::REQUEST),
        state: state.into(),
        themes: themes.iter().map(|t| t.to_string()).collect(),
        modalities: vec![Modality::Training],
        languages: vec!["en".into()],
        starts_on: None,
        ends_on: None,
        budget_min_usd: None,
        budget_max_usd: None,
        consent,
    }
}

//! Each record a list answers with, as one CSV row: the API's field names as the header, lists
//! joined with `;` (as the CSV upload reads them), absent values as empty cells.

use super::csv::{list, optional};
use super::table::Columns;
use crate::service::engagements::Engagement;
use crate::service::matches::Match;
use crate::service::offers::Offer;
use crate::service::recommendations::summary::SummaryGroup;
use crate::service::recommendations::Recommendation;
use crate::service::requests::AssistanceRequest;
use crate::service::stats::ThemeSupply;

/// A record as one row of a download.
pub trait Tabular {
    /// The column names, in row order.
    const HEADER: &'static [&'static str];
    /// The columns that hold numbers (an XLSX sheet writes them as numbers).
    const NUMBERS: &'static [&'static str];
    const COLUMNS: Columns = Columns { names: Self::HEADER, numbers: Self::NUMBERS };
    fn row(&self) -> Vec<String>;
}

impl Tabular for Offer {
    const HEADER: &'static [&'static str] = &[
        "id",
        "provider",
        "provider_kind",
        "title",
        "description",
        "themes",
        "modalities",
        "languages",
        "global",
        "countries",
        "regions",
        "starts_on",
        "ends_on",
        "capacity",
        "capacity_left",
        "budget_usd",
        "status",
        "iati_identifier",
        "created_at",
        "updated_at",
    ];

    const NUMBERS: &'static [&'static str] = &["capacity", "capacity_left", "budget_usd"];

    fn row(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.provider.clone(),
            self.provider_kind.to_string(),
            self.title.clone(),
            self.description.clone(),
            list(&self.themes),
            list(&self.modalities),
            list(&self.languages),
            self.global.to_string(),
            list(&self.countries),
            list(&self.regions),
            optional(self.starts_on),
            optional(self.ends_on),
            self.capacity.to_string(),
            optional(self.capacity_left),
            optional(self.budget_usd),
            self.status.to_string(),
            optional(self.iati_identifier.as_deref()),
            self.created_at.to_rfc3339(),
            self.updated_at.to_rfc3339(),
        ]
    }
}

impl Tabular for AssistanceRequest {
    const HEADER: &'static [&'static str] = &[
        "id",
        "state",
        "title",
        "description",
        "recommendation_ids",
        "themes",
        "modalities",
        "languages",
        "starts_on",
        "ends_on",
        "budget_min_usd",
        "budget_max_usd",
        "priority",
        "status",
        "consent",
        "created_at",
        "updated_at",
    ];

    const NUMBERS: &'static [&'static str] = &["budget_min_usd", "budget_max_usd"];

    fn row(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.state.clone(),
            self.title.clone(),
            self.description.clone(),
            list(&self.recommendation_ids),
            list(&self.themes),
            list(&self.modalities),
            list(&self.languages),
            optional(self.starts_on),
            optional(self.ends_on),
            optional(self.budget_min_usd),
            optional(self.budget_max_usd),
            self.priority.to_string(),
            self.status.to_string(),
            self.consent.status.to_string(),
            self.created_at.to_rfc3339(),
            self.updated_at.to_rfc3339(),
        ]
    }
}

impl Tabular for Recommendation {
    const HEADER: &'static [&'static str] = &[
        "id",
        "state_under_review",
        "recommending_state",
        "cycle",
        "session",
        "text",
        "response",
        "action_category",
        "themes",
    ];

    const NUMBERS: &'static [&'static str] = &["cycle", "session"];

    fn row(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.state_under_review.clone(),
            optional(self.recommending_state.as_deref()),
            self.cycle.to_string(),
            self.session.to_string(),
            self.text.clone(),
            self.response.to_string(),
            optional(self.action_category),
            list(&self.themes),
        ]
    }
}

impl Tabular for Match {
    const HEADER: &'static [&'static str] = &[
        "request_id",
        "request_title",
        "state",
        "state_name",
        "offer_id",
        "offer_title",
        "provider",
        "provider_name",
        "score",
        "consent",
        "theme",
        "modality",
        "language",
        "timeframe",
        "budget",
        "consent_factor",
        "shared_themes",
        "related_themes",
        "missing_themes",
        "common_languages",
        "common_modalities",
        "reasons",
    ];

    const NUMBERS: &'static [&'static str] =
        &["score", "theme", "modality", "language", "timeframe", "budget", "consent_factor"];

    fn row(&self) -> Vec<String> {
        let b = &self.breakdown;
        vec![
            self.request_id.clone(),
            self.request_title.clone(),
            self.state.clone(),
            self.state_name.clone(),
            self.offer_id.clone(),
            self.offer_title.clone(),
            self.provider.clone(),
            self.provider_name.clone(),
            self.score.to_string(),
            self.consent.to_string(),
            b.theme.to_string(),
            b.modality.to_string(),
            b.language.to_string(),
            b.timeframe.to_string(),
            b.budget.to_string(),
            b.consent_factor.to_string(),
            list(&self.shared_themes),
            list(&self.related_themes),
            list(&self.missing_themes),
            list(&self.common_languages),
            list(&self.common_modalities),
            list(&self.reasons),
        ]
    }
}

impl Tabular for Engagement {
    const HEADER: &'static [&'static str] = &[
        "id",
        "request_id",
        "request_title",
        "state",
        "state_name",
        "offer_id",
        "offer_title",
        "provider",
        "provider_name",
        "initiated_by",
        "status",
        "outcome",
        "iati_identifier",
        "created_at",
        "updated_at",
    ];

    const NUMBERS: &'static [&'static str] = &[];

    fn row(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.request_id.clone(),
            self.request_title.clone(),
            self.state.clone(),
            self.state_name.clone(),
            self.offer_id.clone(),
            self.offer_title.clone(),
            self.provider.clone(),
            self.provider_name.clone(),
            self.initiated_by.to_string(),
            self.status.to_string(),
            optional(self.outcome.as_deref()),
            optional(self.iati_identifier.as_deref()),
            self.created_at.to_rfc3339(),
            self.updated_at.to_rfc3339(),
        ]
    }
}

impl Tabular for ThemeSupply {
    const HEADER: &'static [&'static str] =
        &["theme", "label", "group", "requests", "states", "offers", "providers", "offers_per_request"];

    const NUMBERS: &'static [&'static str] = &["requests", "states", "offers", "providers", "offers_per_request"];

    fn row(&self) -> Vec<String> {
        vec![
            self.theme.clone(),
            self.label.clone(),
            self.group.clone(),
            self.requests.to_string(),
            self.states.to_string(),
            self.offers.to_string(),
            self.providers.to_string(),
            optional(self.offers_per_request),
        ]
    }
}

impl Tabular for SummaryGroup {
    const HEADER: &'static [&'static str] = &["key", "label", "count", "supported", "noted"];

    const NUMBERS: &'static [&'static str] = &["count", "supported", "noted"];

    fn row(&self) -> Vec<String> {
        vec![
            optional(self.key.as_deref()),
            self.label.clone(),
            self.count.to_string(),
            self.supported.to_string(),
            self.noted.to_string(),
        ]
    }
}

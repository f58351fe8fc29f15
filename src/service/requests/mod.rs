//! Assistance requests by reviewed States: submit, change, read and list, always through the
//! consent gate; their consent decisions are in [`consent`].

mod bulk;
pub mod consent;
mod fields;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use bulk::{create_many, decide_many, BulkConsent, BulkRequests, ConsentItem, RecordedConsent, MAX_BULK_ITEMS};
pub use consent::{consent_history, record_consent, ConsentDecision, ConsentEvent, ConsentHistory};
pub use fields::Fields;

use super::update::{self, not_null, nullable, Asked, Editable, IfMatch};
use super::webhooks;
use super::write::{Audit, Idempotency, Tx, Written};
use super::Services;
use crate::db::changes::Entity;
use crate::db::columns::json_list;
use crate::db::engagements as engagement_store;
use crate::db::page::{now, PageOf, PageRequest};
use crate::db::requests::{self as store, ConsentEventRow, RequestFilter, RequestRow};
use crate::db::DbConn;
use crate::domain::access::Caller;
use crate::domain::audit::{Action, Resource};
use crate::domain::ids;
use crate::domain::validate::{Checks, RuleChecks};
use crate::domain::vocab::{ConsentStatus, Modality, Priority, RequestStatus};
use crate::error::{AppError, AppResult, Arg, FieldError, Said};
use crate::suggest::{self, ThemeSuggestion};

/// The request's current consent; its history is at `/requests/{id}/consent`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentSummary {
    pub status: ConsentStatus,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AssistanceRequest {
    #[schema(example = "req_01935c3ea0b37d51a1f1c5e0f6d0a7b2")]
    pub id: String,
    /// The requesting (reviewed) State, alpha-3.
    #[schema(example = "KEN")]
    pub state: String,
    pub title: String,
    pub description: String,
    /// The UPR recommendations this request is about (all addressed to `state`).
    pub recommendation_ids: Vec<String>,
    /// Theme slugs: given, or inherited from the recommendations, and those suggested.
    pub themes: Vec<String>,
    /// Themes among `themes` that the model suggested from the title and description and no
    /// person has confirmed yet; a PATCH that sets `themes` confirms them.
    pub suggested_themes: Vec<ThemeSuggestion>,
    pub modalities: Vec<Modality>,
    /// ISO 639-1 codes of the languages the assistance can be given in.
    pub languages: Vec<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub budget_min_usd: Option<i64>,
    pub budget_max_usd: Option<i64>,
    pub priority: Priority,
    pub status: RequestStatus,
    pub consent: ConsentSummary,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    /// The requesting State, alpha-3.
    #[schema(example = "KEN")]
    pub state: String,
    #[schema(min_length = 1, max_length = 300)]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
    #[serde(default)]
    pub recommendation_ids: Vec<String>,
    /// Theme slugs or free text; may be left empty when recommendations are given or
    /// `suggest_themes` is set.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Also tag the request with the themes suggested from its title and description (listed in
    /// `suggested_themes` until confirmed); with no theme otherwise, the most likely one if its
    /// confidence reaches 0.2, else the body is refused so that a person names its themes.
    #[serde(default)]
    pub suggest_themes: bool,
    #[serde(default)]
    pub modalities: Vec<Modality>,
    #[serde(default)]
    pub languages: Vec<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    #[schema(minimum = 0)]
    pub budget_min_usd: Option<i64>,
    #[schema(minimum = 0)]
    pub budget_max_usd: Option<i64>,
    /// Default `medium`.
    pub priority: Option<Priority>,
    /// `draft` or `open` (default `open`).
    pub status: Option<RequestStatus>,
}

/// Fields to change; absent fields stay as they are, `null` clears an optional one.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestChanges {
    #[schema(min_length = 1, max_length = 300)]
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub title: Option<String>,
    #[schema(max_length = 20000)]
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub recommendation_ids: Option<Vec<String>>,
    /// Sets the themes, confirming them all.
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub themes: Option<Vec<String>>,
    /// Suggest themes again from the title and description (by default, unconfirmed
    /// suggestions are made again when either changes).
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub suggest_themes: Option<bool>,
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub modalities: Option<Vec<Modality>>,
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub languages: Option<Vec<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<NaiveDate>, nullable)]
    pub starts_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<NaiveDate>, nullable)]
    pub ends_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>, nullable)]
    #[schema(minimum = 0)]
    pub budget_min_usd: Option<Option<i64>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>, nullable)]
    #[schema(minimum = 0)]
    pub budget_max_usd: Option<Option<i64>>,
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub priority: Option<Priority>,
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub status: Option<RequestStatus>,
}

pub fn view(row: &RequestRow) -> AppResult<AssistanceRequest> {
    let stored = |what: &str| AppError::internal(format!("stored {what} is unknown"));
    Ok(AssistanceRequest {
        recommendation_ids: json_list(&row.recommendation_ids)?,
        themes: json_list(&row.themes)?,
        suggested_themes: json_list(&row.suggested_themes)?,
        modalities: json_list(&row.modalities)?,
        languages: json_list(&row.languages)?,
        priority: Priority::parse(&row.priority).ok_or_else(|| stored("priority"))?,
        status: RequestStatus::parse(&row.status).ok_or_else(|| stored("status"))?,
        consent: ConsentSummary {
            status: ConsentStatus::parse(&row.consent_status).ok_or_else(|| stored("consent"))?,
            updated_at: row.consent_updated_at.and_utc(),
        },
        id: row.id.clone(),
        state: row.state.clone(),
        title: row.title.clone(),
        description: row.description.clone(),
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        budget_min_usd: row.budget_min_usd,
        budget_max_usd: row.budget_max_usd,
        version: row.version,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

fn not_found() -> AppError {
    AppError::NotFound(Said::of("not-found-request"))
}

/// The request, if the caller may see it (a hidden one reads as missing: 404).
pub fn load(conn: &mut DbConn, caller: &Caller, id: &str) -> AppResult<RequestRow> {
    store::find(conn, id, &caller.request_scope())?.ok_or_else(not_found)
}

impl RuleChecks for NewRequest {
    fn rule_problems(self) -> Vec<FieldError> {
        match self.into_fields() {
            Err(AppError::Validation(problems)) => problems,
            _ => Vec::new(),
        }
    }
}

impl NewRequest {
    /// The request's State and its fields, checked as far as no database is needed: every
    /// problem at once.
    pub fn into_fields(self) -> AppResult<(String, Fields)> {
        let mut c = Checks::new();
        let state_code = c.state("state", &self.state);
        let status = self.status.unwrap_or(RequestStatus::Open);
        if !status.creatable() {
            c.say("status", "field-new-request-status", vec![]);
        }
        let fields = Fields {
            title: self.title,
            description: self.description,
            recommendation_ids: self.recommendation_ids,
            themes: self.themes,
            suggest: self.suggest_themes,
            suggested: Vec::new(),
            modalities: self.modalities,
            languages: self.languages,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            budget_min_usd: self.budget_min_usd,
            budget_max_usd: self.budget_max_usd,
            priority: self.priority.unwrap_or(Priority::Medium),
            status,
        }
        .checked(c)?;
        Ok((state_code, fields))
    }
}

/// Submits a request; its consent starts `pending`. Admins, and States for themselves.
pub async fn create(
    services: &Services,
    caller: &Caller,
    once: Option<Idempotency>,
    new: NewRequest,
) -> AppResult<Written<AssistanceRequest>> {
    caller.key()?;
    let (state_code, fields) = new.into_fields()?;
    caller.may_act_for_state(&state_code)?;
    let written = services.write_once(caller, once, move |tx| store_new(tx, state_code, fields)).await?;
    if let Written::Done(request) = &written {
        webhooks::announce_after_write(services, vec![], vec![request.id.clone()]).await;
    }
    Ok(written)
}

/// Stores a new request of `state` (whose fields passed [`NewRequest::into_fields`]) after
/// linking its recommendations, with its first consent event, change record and audit event.
fn store_new(tx: &mut Tx<'_>, state: String, mut fields: Fields) -> AppResult<AssistanceRequest> {
    fields.link_recommendations(tx.conn(), &state)?;
    let at = now();
    let mut row = RequestRow {
        id: ids::new_id(ids::REQUEST),
        state,
        title: String::new(),
        description: String::new(),
        recommendation_ids: String::new(),
        themes: String::new(),
        modalities: String::new(),
        languages: String::new(),
        starts_on: None,
        ends_on: None,
        budget_min_usd: None,
        budget_max_usd: None,
        priority: String::new(),
        status: String::new(),
        consent_status: ConsentStatus::Pending.as_str().to_string(),
        consent_updated_at: at,
        version: 1,
        created_at: at,
        updated_at: at,
        suggested_themes: String::new(),
    };
    fields.write_into(&mut row);
    let first = ConsentEventRow {
        id: ids::new_id(ids::CONSENT_EVENT),
        request_id: row.id.clone(),
        status: ConsentStatus::Pending.as_str().to_string(),
        previous_status: None,
        note: "request submitted".into(),
        recorded_by: tx.caller().recorded_as(),
        recorded_at: at,
    };
    store::insert(tx.conn(), &row, &fields.themes, &fields.recommendation_ids, &first)?;
    tx.changed(Entity::Request, &row.id)?;
    let created = view(&row)?;
    tx.audit(Audit {
        action: Action::Create,
        resource: Resource::Request,
        id: &row.id,
        owner_state: Some(&row.state),
        before: None,
        after: &created,
    })?;
    Ok(created)
}

/// Changes a request. Admins, and its State; completed and withdrawn requests no longer change,
/// and a request becomes matched, in progress or completed only through its engagements.
pub async fn update(
    services: &Services,
    caller: &Caller,
    id: String,
    if_match: IfMatch,
    asked: Asked<RequestChanges>,
) -> AppResult<AssistanceRequest> {
    caller.key()?;
    let row = update::update::<RequestEdit>(services, caller, id, if_match, asked).await?;
    webhooks::announce_after_write(services, vec![], vec![row.id.clone()]).await;
    view(&row)
}

pub async fn get(services: &Services, caller: &Caller, id: String) -> AppResult<AssistanceRequest> {
    let caller = caller.clone();
    view(&services.db.run(move |conn| load(conn, &caller, &id)).await?)
}

/// The given requests that the caller may see, in id order (the others are left out).
pub async fn by_ids(services: &Services, caller: &Caller, ids: Vec<String>) -> AppResult<Vec<AssistanceRequest>> {
    let scope = caller.request_scope();
    services.db.run(move |conn| store::by_ids(conn, &ids, &scope)).await?.iter().map(view).collect()
}

/// A page of the requests the caller may see that `filter` selects, oldest first; the total
/// counts only what the caller sees.
pub async fn list(
    services: &Services,
    caller: &Caller,
    filter: RequestFilter,
    page: PageRequest,
) -> AppResult<PageOf<RequestRow>> {
    let scope = caller.request_scope();
    services.db.run(move |conn| store::list(conn, &filter, &page, &scope)).await
}

/// Requests in the update pipeline.
struct RequestEdit;

impl Editable for RequestEdit {
    type Row = RequestRow;
    type View = AssistanceRequest;
    type Changes = RequestChanges;
    /// The themes and recommendations to write again, when they changed.
    type Extra = Option<(Vec<String>, Vec<String>)>;

    const RESOURCE: Resource = Resource::Request;

    fn load(conn: &mut DbConn, caller: &Caller, id: &str) -> AppResult<Option<RequestRow>> {
        store::find(conn, id, &caller.request_scope())
    }

    fn may_edit(caller: &Caller, row: &RequestRow) -> AppResult<()> {
        caller.may_act_for_state(&row.state)
    }

    fn is_final(row: &RequestRow) -> AppResult<Option<Said>> {
        let status = view(row)?.status;
        Ok(status.is_final().then(|| {
            Said::new("conflict-request-final", vec![("status", Arg::term("request-status", status.as_str()))])
        }))
    }

    fn view(row: &RequestRow) -> AppResult<AssistanceRequest> {
        view(row)
    }

    fn merge(conn: &mut DbConn, row: &RequestRow, ch: RequestChanges) -> AppResult<(RequestRow, Self::Extra)> {
        let current = view(row)?;
        let text_changed = ch.title.as_ref().is_some_and(|t| *t != current.title)
            || ch.description.as_ref().is_some_and(|d| *d != current.description);
        let given_themes = ch.themes.is_some();
        let (themes, suggested, suggest) =
            suggest::after_change(current.themes, current.suggested_themes, ch.themes, ch.suggest_themes, text_changed);
        let links_changed = given_themes || suggest || ch.recommendation_ids.is_some();
        let mut fields = Fields {
            title: ch.title.unwrap_or(current.title),
            description: ch.description.unwrap_or(current.description),
            recommendation_ids: ch.recommendation_ids.unwrap_or(current.recommendation_ids),
            themes,
            suggest,
            suggested,
            modalities: ch.modalities.unwrap_or(current.modalities),
            languages: ch.languages.unwrap_or(current.languages),
            starts_on: ch.starts_on.unwrap_or(current.starts_on),
            ends_on: ch.ends_on.unwrap_or(current.ends_on),
            budget_min_usd: ch.budget_min_usd.unwrap_or(current.budget_min_usd),
            budget_max_usd: ch.budget_max_usd.unwrap_or(current.budget_max_usd),
            priority: ch.priority.unwrap_or(current.priority),
            status: ch.status.unwrap_or(current.status),
        }
        .checked(Checks::new())?;
        if let Some(needed) = fields.status.needs_engagement().filter(|_| fields.status != current.status) {
            if !engagement_store::request_has(conn, &row.id, needed)? {
                let status = Arg::term("request-status", fields.status.as_str());
                let needed = Arg::Terms(needed.iter().map(|s| format!("engagement-status-{s}")).collect());
                return Err(AppError::Conflict(Said::new(
                    "conflict-status-by-engagement",
                    vec![("status", status), ("needed", needed)],
                )));
            }
        }
        fields.link_recommendations(conn, &row.state)?;
        let mut updated = row.clone();
        fields.write_into(&mut updated);
        Ok((updated, links_changed.then(|| (fields.themes.clone(), fields.recommendation_ids.clone()))))
    }

    fn write(conn: &mut DbConn, row: &RequestRow, links: &Self::Extra, expected: i64) -> AppResult<bool> {
        let links = links.as_ref().map(|(themes, recs)| (themes.as_slice(), recs.as_slice()));
        store::update(conn, row, expected, links)
    }

    fn owner_state(row: &RequestRow) -> Option<&str> {
        Some(&row.state)
    }

    fn indexed_as() -> Option<Entity> {
        Some(Entity::Request)
    }
}

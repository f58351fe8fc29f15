//! `/requests`: assistance requests made by reviewed States for specific recommendations.

use actix_web::http::StatusCode;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::audit::record_change;
use super::http::{self, JsonBody, Page};
use super::idempotent::Once;
use super::responses::{AccessErrors, CreateErrors, ItemRead, ListRead, UpdateErrors};
use super::AppState;
use crate::db::changes;
use crate::db::engagements as engagement_store;
use crate::db::page::now;
use crate::db::recommendations as recommendation_store;
use crate::db::requests::{self as store, ConsentEventRow, RequestFilter, RequestRow};
use crate::db::DbConn;
use crate::domain::access::{Caller, RequestScope};
use crate::domain::ids;
use crate::domain::validate::{dedup, Checks, MAX_LIST_ITEMS, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use crate::domain::vocab::{ConsentStatus, Modality, Priority, RequestStatus};
use crate::error::{AppError, AppResult};
use crate::suggest::{self, Suggester, ThemeSuggestion};

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
    /// `suggested_themes` until confirmed); with no theme otherwise, the most likely one.
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
    pub title: Option<String>,
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    pub recommendation_ids: Option<Vec<String>>,
    /// Sets the themes, confirming them all.
    pub themes: Option<Vec<String>>,
    /// Suggest themes again from the title and description (by default, unconfirmed
    /// suggestions are made again when either changes).
    pub suggest_themes: Option<bool>,
    pub modalities: Option<Vec<Modality>>,
    pub languages: Option<Vec<String>>,
    #[serde(default, deserialize_with = "http::nullable")]
    #[schema(value_type = Option<NaiveDate>, nullable)]
    pub starts_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "http::nullable")]
    #[schema(value_type = Option<NaiveDate>, nullable)]
    pub ends_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "http::nullable")]
    #[schema(value_type = Option<i64>, nullable)]
    #[schema(minimum = 0)]
    pub budget_min_usd: Option<Option<i64>>,
    #[serde(default, deserialize_with = "http::nullable")]
    #[schema(value_type = Option<i64>, nullable)]
    #[schema(minimum = 0)]
    pub budget_max_usd: Option<Option<i64>>,
    pub priority: Option<Priority>,
    pub status: Option<RequestStatus>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RequestQuery {
    /// Page size, 1-200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Requesting State (alpha-3).
    pub state: Option<String>,
    /// Region of the requesting State: M49 code or name, or UN regional group.
    pub region: Option<String>,
    /// Theme slug (or text that resolves to one theme).
    pub theme: Option<String>,
    #[param(value_type = Option<RequestStatus>)]
    pub status: Option<String>,
    /// Current consent status.
    #[param(value_type = Option<ConsentStatus>)]
    pub consent: Option<String>,
    #[param(value_type = Option<Priority>)]
    pub priority: Option<String>,
    /// Requests linked to this recommendation.
    pub recommendation_id: Option<String>,
    /// Only requests changed at or after this RFC 3339 time.
    #[param(value_type = Option<DateTime<Utc>>)]
    pub updated_since: Option<String>,
    /// Words that must all appear in the title or description (case-insensitive).
    pub q: Option<String>,
}

/// Every field of a request a State edits, merged and checked.
struct Draft {
    title: String,
    description: String,
    recommendation_ids: Vec<String>,
    themes: Vec<String>,
    /// Suggest themes from the text once the others are known.
    suggest: bool,
    suggested: Vec<ThemeSuggestion>,
    modalities: Vec<Modality>,
    languages: Vec<String>,
    starts_on: Option<NaiveDate>,
    ends_on: Option<NaiveDate>,
    budget_min_usd: Option<i64>,
    budget_max_usd: Option<i64>,
    priority: Priority,
    status: RequestStatus,
}

impl Draft {
    /// The checks that need no database, normalising tags and lists.
    fn checked(self) -> AppResult<Draft> {
        let mut c = Checks::new();
        let title = c.required_text("title", &self.title, MAX_TITLE_CHARS);
        let description = c.optional_text("description", &self.description, MAX_TEXT_CHARS);
        c.list_size("recommendation_ids", self.recommendation_ids.len());
        let themes = c.themes("themes", &self.themes);
        c.list_size("modalities", self.modalities.len());
        let languages = c.languages("languages", &self.languages);
        c.period(self.starts_on, self.ends_on);
        c.non_negative("budget_min_usd", self.budget_min_usd);
        c.non_negative("budget_max_usd", self.budget_max_usd);
        if let (Some(min), Some(max)) = (self.budget_min_usd, self.budget_max_usd) {
            if max < min {
                c.fail("budget_max_usd", format!("must not be below budget_min_usd ({min})"));
            }
        }
        c.finish()?;
        Ok(Draft {
            title,
            description,
            recommendation_ids: dedup_strings(self.recommendation_ids),
            themes,
            modalities: dedup(&self.modalities),
            languages,
            ..self
        })
    }

    /// Checks the recommendations exist and address `state`; without themes of its own, the
    /// request takes theirs; then come the suggested themes, when asked for.
    fn link_recommendations(&mut self, conn: &mut DbConn, state: &str) -> AppResult<()> {
        let mut c = Checks::new();
        let found = recommendation_store::find_many(conn, &self.recommendation_ids)?;
        for (i, id) in self.recommendation_ids.iter().enumerate() {
            match found.iter().find(|r| &r.id == id) {
                None => c.fail(format!("recommendation_ids[{i}]"), format!("no recommendation '{id}'")),
                Some(r) if r.state_under_review != state => c.fail(
                    format!("recommendation_ids[{i}]"),
                    format!("recommendation '{id}' is addressed to {}, not {state}", r.state_under_review),
                ),
                Some(_) => {}
            }
        }
        if self.themes.is_empty() {
            for r in &found {
                for slug in http::json_list::<String>(&r.themes)? {
                    if !self.themes.contains(&slug) && self.themes.len() < MAX_LIST_ITEMS {
                        self.themes.push(slug);
                    }
                }
            }
        }
        if self.suggest {
            let text = suggest::text_of(&self.title, &self.description);
            let added = Suggester::shipped().tag(&mut self.themes, &text, MAX_LIST_ITEMS);
            self.suggested.extend(added);
        }
        if self.themes.is_empty() {
            c.fail("themes", "give at least one theme, or recommendations that have themes, or set suggest_themes");
        }
        c.finish()
    }

    fn write_into(&self, row: &mut RequestRow) {
        row.title = self.title.clone();
        row.description = self.description.clone();
        row.recommendation_ids = http::to_json_text(&self.recommendation_ids);
        row.themes = http::to_json_text(&self.themes);
        row.suggested_themes = http::to_json_text(&self.suggested);
        row.modalities = http::to_json_text(&self.modalities);
        row.languages = http::to_json_text(&self.languages);
        row.starts_on = self.starts_on;
        row.ends_on = self.ends_on;
        row.budget_min_usd = self.budget_min_usd;
        row.budget_max_usd = self.budget_max_usd;
        row.priority = self.priority.as_str().to_string();
        row.status = self.status.as_str().to_string();
    }
}

fn dedup_strings(values: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for v in values {
        let v = v.trim().to_string();
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

pub fn view(row: RequestRow) -> AppResult<AssistanceRequest> {
    let stored = |what: &str| AppError::internal(format!("stored {what} is unknown"));
    Ok(AssistanceRequest {
        recommendation_ids: http::json_list(&row.recommendation_ids)?,
        themes: http::json_list(&row.themes)?,
        suggested_themes: http::json_list(&row.suggested_themes)?,
        modalities: http::json_list(&row.modalities)?,
        languages: http::json_list(&row.languages)?,
        priority: Priority::parse(&row.priority).ok_or_else(|| stored("priority"))?,
        status: RequestStatus::parse(&row.status).ok_or_else(|| stored("status"))?,
        consent: ConsentSummary {
            status: ConsentStatus::parse(&row.consent_status).ok_or_else(|| stored("consent"))?,
            updated_at: http::utc(row.consent_updated_at),
        },
        id: row.id,
        state: row.state,
        title: row.title,
        description: row.description,
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        budget_min_usd: row.budget_min_usd,
        budget_max_usd: row.budget_max_usd,
        version: row.version,
        created_at: http::utc(row.created_at),
        updated_at: http::utc(row.updated_at),
    })
}

fn not_found() -> AppError {
    AppError::NotFound("request".into())
}

/// Loads a request the scope may see, or answers 404 (hidden and missing look the same).
pub fn load(conn: &mut DbConn, id: &str, scope: &RequestScope) -> AppResult<RequestRow> {
    store::find(conn, id, scope)?.ok_or_else(not_found)
}

/// Submit an assistance request. Its consent starts `pending`. **Roles:** admin; state (for itself).
#[utoipa::path(
    security(("api_key" = [])),
    tag = "requests",
    request_body = NewRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Any unique string (1-200 printable characters) that makes a retried call safe: a retry within 24 hours gets the first answer (`Idempotent-Replayed: true`)")),
    responses(
        (status = 201, body = AssistanceRequest, headers(("ETag" = String), ("Location" = String))),
        CreateErrors,
        AccessErrors,
    )
)]
#[post("/requests")]
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<NewRequest>,
) -> AppResult<HttpResponse> {
    caller.key()?;
    let JsonBody(b, bytes) = body;
    let once = Once::new(&req, "requests", &bytes)?;
    let mut c = Checks::new();
    let state_code = c.state("state", &b.state);
    let status = b.status.unwrap_or(RequestStatus::Open);
    if !status.creatable() {
        c.fail("status", "a new request is draft or open");
    }
    c.finish()?;
    caller.may_act_for_state(&state_code)?;
    let draft = Draft {
        title: b.title,
        description: b.description,
        recommendation_ids: b.recommendation_ids,
        themes: b.themes,
        suggest: b.suggest_themes,
        suggested: Vec::new(),
        modalities: b.modalities,
        languages: b.languages,
        starts_on: b.starts_on,
        ends_on: b.ends_on,
        budget_min_usd: b.budget_min_usd,
        budget_max_usd: b.budget_max_usd,
        priority: b.priority.unwrap_or(Priority::Medium),
        status,
    }
    .checked()?;
    let stored = state
        .services
        .db
        .write(move |conn| {
            if let Some(first) = once.replay(conn, &caller)? {
                return Ok(Err(first));
            }
            let mut draft = draft;
            draft.link_recommendations(conn, &state_code)?;
            let at = now();
            let mut row = RequestRow {
                id: ids::new_id(ids::REQUEST),
                state: state_code,
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
            draft.write_into(&mut row);
            let first = ConsentEventRow {
                id: ids::new_id(ids::CONSENT_EVENT),
                request_id: row.id.clone(),
                status: ConsentStatus::Pending.as_str().to_string(),
                previous_status: None,
                note: "request submitted".into(),
                recorded_by: caller.recorded_as(),
                recorded_at: at,
            };
            store::insert(conn, &row, &draft.themes, &draft.recommendation_ids, &first)?;
            changes::record(conn, changes::Entity::Request, &row.id)?;
            let created = view(row.clone())?;
            record_change(conn, &caller, "create", "request", &row.id, Some(&row.state), None, &created)?;
            once.remember_created(conn, &caller, &created)?;
            Ok(Ok((row, created)))
        })
        .await?;
    let (row, created) = match stored {
        Ok(stored) => stored,
        Err(first) => return first.response(Some("/api/v1/requests")),
    };
    state.services.matching.catch_up(&state.services.db).await;
    let location = format!("/api/v1/requests/{}", row.id);
    http::created(&req, location, row.version, &created)
}

/// One assistance request. **Roles:** anyone sees requests whose State granted consent (not drafts); a state key also its own; admin all. A hidden request is 404.
#[utoipa::path(
    security((), ("api_key" = [])),
    tag = "requests",
    params(("id" = String, Path, description = "Request id")),
    responses(
        (status = 200, body = AssistanceRequest, headers(("ETag" = String))),
        ItemRead,
    )
)]
#[get("/requests/{id}")]
pub async fn get(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let scope = caller.request_scope();
    let row = state.services.db.run(move |conn| load(conn, &id, &scope)).await?;
    http::versioned(&req, StatusCode::OK, row.version, &view(row)?)
}

/// List assistance requests, oldest first. **Roles:** anyone sees requests whose State granted consent (not drafts); a state key also its own; admin all. Totals count only what the caller sees.
#[utoipa::path(
    security((), ("api_key" = [])),
    tag = "requests",
    params(RequestQuery),
    responses(
        (status = 200, body = Page<AssistanceRequest>, headers(("ETag" = String))),
        ListRead,
    )
)]
#[get("/requests")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    q: http::Params<RequestQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let page = http::page_request(q.limit.as_deref(), q.cursor.as_deref(), ids::REQUEST)?;
    let requesting = http::state_param("state", q.state.as_deref())?;
    let region = http::region_param("region", q.region.as_deref())?;
    let filter = RequestFilter {
        states: http::state_or_region(requesting, region),
        theme: http::theme_param("theme", q.theme.as_deref())?,
        status: http::vocab_param("status", q.status.as_deref(), RequestStatus::parse, RequestStatus::expected)?
            .map(|s| s.as_str().to_string()),
        consent_status: http::vocab_param(
            "consent",
            q.consent.as_deref(),
            ConsentStatus::parse,
            ConsentStatus::expected,
        )?
        .map(|s| s.as_str().to_string()),
        priority: http::vocab_param("priority", q.priority.as_deref(), Priority::parse, Priority::expected)?
            .map(|s| s.as_str().to_string()),
        recommendation_id: q.recommendation_id,
        updated_since: http::timestamp_param("updated_since", q.updated_since.as_deref())?,
        words: http::search_words("q", q.q.as_deref())?,
    };
    let request = page.clone();
    let scope = caller.request_scope();
    let rows = state.services.db.run(move |conn| store::list(conn, &filter, &request, &scope)).await?;
    http::json_response(&req, StatusCode::OK, &Page::from_rows(rows, &page, view)?, None)
}

/// Change a request. Needs `If-Match` with its current ETag or version. Completed and
/// withdrawn requests no longer change (409). **Roles:** admin; state (its own requests).
#[utoipa::path(
    security(("api_key" = [])),
    tag = "requests",
    params(
        ("id" = String, Path, description = "Request id"),
        ("If-Match" = String, Header, description = "Current ETag (\"v3\") or version (3)"),
    ),
    request_body = RequestChanges,
    responses(
        (status = 200, body = AssistanceRequest, headers(("ETag" = String))),
        UpdateErrors,
        AccessErrors,
    )
)]
#[patch("/requests/{id}")]
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: JsonBody<RequestChanges>,
) -> AppResult<HttpResponse> {
    caller.key()?;
    let id = id.into_inner();
    let ch = body.0;
    let if_match = http::IfMatch::from_request(&req)?;
    let row = state
        .services
        .db
        .write(move |conn| {
            let row = load(conn, &id, &caller.request_scope())?;
            caller.may_act_for_state(&row.state)?;
            if_match.check(row.version)?;
            let before = view(row.clone())?;
            let current = view(row.clone())?;
            if current.status.is_final() {
                return Err(AppError::Conflict(format!("the request is {}; it no longer changes", current.status)));
            }
            let text_changed = ch.title.as_ref().is_some_and(|t| *t != current.title)
                || ch.description.as_ref().is_some_and(|d| *d != current.description);
            let given_themes = ch.themes.is_some();
            let (themes, suggested, suggest) = suggest::after_change(
                current.themes,
                current.suggested_themes,
                ch.themes,
                ch.suggest_themes,
                text_changed,
            );
            let links_changed = given_themes || suggest || ch.recommendation_ids.is_some();
            let mut draft = Draft {
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
            .checked()?;
            if let Some(needed) = draft.status.needs_engagement().filter(|_| draft.status != current.status) {
                if !engagement_store::request_has(conn, &row.id, needed)? {
                    return Err(AppError::Conflict(format!(
                        "a request becomes {} through its engagements, and it has none {}",
                        draft.status,
                        needed.join(" or ")
                    )));
                }
            }
            draft.link_recommendations(conn, &row.state)?;
            let mut updated = RequestRow { version: row.version + 1, updated_at: now(), ..row.clone() };
            draft.write_into(&mut updated);
            let links = links_changed.then_some((draft.themes.as_slice(), draft.recommendation_ids.as_slice()));
            if !store::update(conn, &updated, row.version, links)? {
                return Err(AppError::PreconditionFailed("the request changed meanwhile; fetch it again".into()));
            }
            changes::record(conn, changes::Entity::Request, &updated.id)?;
            record_change(
                conn,
                &caller,
                "update",
                "request",
                &updated.id,
                Some(&updated.state),
                Some(&before),
                &view(updated.clone())?,
            )?;
            Ok(updated)
        })
        .await?;
    state.services.matching.catch_up(&state.services.db).await;
    http::versioned(&req, StatusCode::OK, row.version, &view(row)?)
}

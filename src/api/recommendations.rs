//! `/recommendations`: UPR recommendations, one by one or imported from the UPR Info CSV.

use actix_web::http::StatusCode;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::audit::record_change;
use super::http::{self, JsonBody, Page};
use super::idempotent::Once;
use super::responses::{AccessErrors, CreateErrors, ItemRead, ListRead, UpdateErrors};
use super::AppState;
use crate::db::audit::{self as audit_store, Entry};
use crate::db::page::now;
use crate::db::recommendations::{self as store, RecommendationFilter, RecommendationRow, SummaryKey};
use crate::db::text_search;
use crate::domain::access::Caller;
use crate::domain::ids;
use crate::domain::recommendation_csv::{self, cycle_of_session, ImportedRecommendation};
use crate::domain::validate::{Checks, MAX_LIST_ITEMS, MAX_TEXT_CHARS};
use crate::domain::vocab::Response;
use crate::error::{AppError, AppResult, Problem};
use crate::suggest::{self, Suggester, ThemeSuggestion};

#[derive(Debug, Serialize, ToSchema)]
pub struct Recommendation {
    #[schema(example = "rec_01935c3ea0b37d51a1f1c5e0f6d0a7b2")]
    pub id: String,
    /// The reviewed State (alpha-3).
    #[schema(example = "KEN")]
    pub state_under_review: String,
    /// The State that made the recommendation; null when the record does not say.
    #[schema(example = "NOR")]
    pub recommending_state: Option<String>,
    /// UPR cycle (1-4...), derived from the session when not given.
    pub cycle: i32,
    /// UPR Working Group session.
    pub session: i32,
    pub text: String,
    pub response: Response,
    /// UPR Info action category, 1 (minimal action) to 5 (specific action).
    pub action_category: Option<i32>,
    /// Theme slugs: given, or suggested from the text when none was given.
    pub themes: Vec<String>,
    /// Themes among `themes` that the model suggested and no person has confirmed yet; a PATCH
    /// that sets `themes` confirms them.
    pub suggested_themes: Vec<ThemeSuggestion>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRecommendation {
    pub state_under_review: String,
    pub recommending_state: Option<String>,
    #[schema(minimum = 1, maximum = 99)]
    pub session: i32,
    /// Must agree with the session when given.
    #[schema(minimum = 1, maximum = 99)]
    pub cycle: Option<i32>,
    #[schema(min_length = 1, max_length = 20000)]
    pub text: String,
    pub response: Response,
    #[schema(minimum = 1, maximum = 5)]
    pub action_category: Option<i32>,
    /// Theme slugs or free text (normalised to the taxonomy); when empty, themes are
    /// suggested from the text.
    #[serde(default)]
    pub themes: Vec<String>,
}

/// Fields to change; absent fields stay as they are, `null` clears an optional one.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationChanges {
    pub state_under_review: Option<String>,
    #[serde(default, deserialize_with = "http::nullable")]
    #[schema(value_type = Option<String>, nullable)]
    pub recommending_state: Option<Option<String>>,
    #[schema(minimum = 1, maximum = 99)]
    pub session: Option<i32>,
    #[schema(minimum = 1, maximum = 99)]
    pub cycle: Option<i32>,
    #[schema(min_length = 1, max_length = 20000)]
    pub text: Option<String>,
    pub response: Option<Response>,
    #[serde(default, deserialize_with = "http::nullable")]
    #[schema(value_type = Option<i32>, nullable)]
    #[schema(minimum = 1, maximum = 5)]
    pub action_category: Option<Option<i32>>,
    pub themes: Option<Vec<String>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportSummary {
    /// Rows stored.
    pub imported: usize,
    /// Id of the first and last stored row (ids are in file order).
    pub first_id: String,
    pub last_id: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RecommendationQuery {
    /// Page size, 1-200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// The reviewed State (alpha-3).
    pub state_under_review: Option<String>,
    /// Region of the reviewed State: M49 code or name, or UN regional group.
    pub region: Option<String>,
    pub recommending_state: Option<String>,
    /// Theme slug (or text that resolves to one theme).
    pub theme: Option<String>,
    #[param(value_type = Option<Response>)]
    pub response: Option<String>,
    #[param(value_type = Option<u32>, minimum = 1, maximum = 99)]
    pub cycle: Option<String>,
    #[param(value_type = Option<u32>, minimum = 1, maximum = 99)]
    pub session: Option<String>,
    /// Words that must each begin a word of the text, in any case ("child" finds "children").
    pub q: Option<String>,
    /// Only recommendations changed at or after this RFC 3339 time.
    #[param(value_type = Option<DateTime<Utc>>)]
    pub updated_since: Option<String>,
}

fn view(row: RecommendationRow) -> AppResult<Recommendation> {
    Ok(Recommendation {
        response: Response::parse(&row.response).ok_or_else(|| AppError::internal("stored response is unknown"))?,
        themes: http::json_list(&row.themes)?,
        suggested_themes: http::json_list(&row.suggested_themes)?,
        id: row.id,
        state_under_review: row.state_under_review,
        recommending_state: row.recommending_state,
        cycle: row.cycle,
        session: row.session,
        text: row.text,
        action_category: row.action_category,
        version: row.version,
        created_at: http::utc(row.created_at),
        updated_at: http::utc(row.updated_at),
    })
}

/// Checks a whole recommendation (new, or existing with changes applied).
fn checked(r: &NewRecommendation) -> AppResult<ImportedRecommendation> {
    let mut c = Checks::new();
    let state_under_review = c.state("state_under_review", &r.state_under_review);
    let recommending_state = r.recommending_state.as_deref().map(|s| c.state("recommending_state", s));
    if !(1..=99).contains(&r.session) {
        c.fail("session", "must be a session number from 1 to 99");
    }
    let cycle = cycle_of_session(r.session);
    if r.cycle.is_some_and(|given| given != cycle) {
        c.fail("cycle", format!("session {} belongs to cycle {cycle}", r.session));
    }
    let text = c.required_text("text", &r.text, MAX_TEXT_CHARS);
    if r.action_category.is_some_and(|a| !(1..=5).contains(&a)) {
        c.fail("action_category", "must be from 1 to 5");
    }
    let themes = c.themes("themes", &r.themes);
    c.finish()?;
    Ok(ImportedRecommendation {
        state_under_review,
        recommending_state,
        cycle,
        session: r.session,
        text,
        response: r.response,
        action_category: r.action_category,
        themes,
    })
}

/// Themes for a recommendation given none: suggested from its text, and marked so.
fn suggest_missing_themes(r: &mut ImportedRecommendation) -> Vec<ThemeSuggestion> {
    if r.themes.is_empty() {
        Suggester::shipped().tag(&mut r.themes, &r.text, MAX_LIST_ITEMS)
    } else {
        Vec::new()
    }
}

fn new_row(r: &ImportedRecommendation, suggested: &[ThemeSuggestion], at: chrono::NaiveDateTime) -> RecommendationRow {
    RecommendationRow {
        id: ids::new_id(ids::RECOMMENDATION),
        state_under_review: r.state_under_review.clone(),
        recommending_state: r.recommending_state.clone(),
        cycle: r.cycle,
        session: r.session,
        text: r.text.clone(),
        response: r.response.as_str().to_string(),
        action_category: r.action_category,
        themes: http::to_json_text(&r.themes),
        version: 1,
        created_at: at,
        updated_at: at,
        suggested_themes: http::to_json_text(&suggested),
    }
}

/// Add one recommendation. **Roles:** admin.
#[utoipa::path(
    security(("api_key" = [])),
    tag = "recommendations",
    request_body = NewRecommendation,
    params(("Idempotency-Key" = Option<String>, Header, description = "Any unique string (1-200 printable characters) that makes a retried call safe: a retry within 24 hours gets the first answer (`Idempotent-Replayed: true`)")),
    responses(
        (status = 201, body = Recommendation, headers(("ETag" = String), ("Location" = String))),
        CreateErrors,
        AccessErrors,
    )
)]
#[post("/recommendations")]
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<NewRecommendation>,
) -> AppResult<HttpResponse> {
    caller.must_be_admin()?;
    let once = Once::new(&req, "recommendations", &body.1)?;
    let mut rec = checked(&body.0)?;
    let suggested = suggest_missing_themes(&mut rec);
    let row = new_row(&rec, &suggested, now());
    let stored = row.clone();
    let replayed = state
        .services
        .db
        .write(move |conn| {
            if let Some(first) = once.replay(conn, &caller)? {
                return Ok(Some(first));
            }
            store::insert_many(conn, std::slice::from_ref(&stored), &[rec.themes])?;
            let created = view(stored.clone())?;
            record_change(conn, &caller, "create", "recommendation", &stored.id, None, None, &created)?;
            once.remember_created(conn, &caller, &created)?;
            Ok(None)
        })
        .await?;
    if let Some(first) = replayed {
        return first.response(Some("/api/v1/recommendations"));
    }
    let location = format!("/api/v1/recommendations/{}", row.id);
    http::created(&req, location, row.version, &view(row)?)
}

/// Import a UPR Info CSV export (columns To, Text, From, Response, Action, Issue, Session).
/// All rows are stored in one transaction, or none: a bad row rejects the file, naming its line.
/// With an `Idempotency-Key`, a retried upload (within 24 hours) gets the first answer again
/// (`Idempotent-Replayed: true`) instead of storing the rows twice. **Roles:** admin.
#[utoipa::path(
    security(("api_key" = [])),
    tag = "recommendations",
    request_body(content = String, content_type = "text/csv",
        description = "UPR Info CSV: `To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session`; `Accepted` means supported"),
    params(("Idempotency-Key" = Option<String>, Header, description = "Any unique string (1-200 printable characters) that makes a retried upload safe")),
    responses(
        (status = 201, body = ImportSummary),
        (status = 400, description = "Not UTF-8", body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad rows, by line", body = Problem, content_type = "application/problem+json"),
        AccessErrors,
    )
)]
#[post("/recommendations/import")]
pub async fn import(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    mut payload: web::Payload,
) -> AppResult<HttpResponse> {
    caller.must_be_admin()?;
    http::require_content_type(&req, &["text/csv", "application/csv", "text/plain"], "text/csv")?;
    let body = http::read_body(&req, &mut payload, state.limits.import_body_bytes).await?;
    let once = Once::new(&req, "recommendations/import", &body)?;
    let at = now();
    let parsed = web::block(move || {
        recommendation_csv::parse(&body).map(|rows| {
            rows.into_iter()
                .map(|mut r| {
                    let suggested = suggest_missing_themes(&mut r);
                    let row = new_row(&r, &suggested, at);
                    (r, row)
                })
                .collect::<Vec<_>>()
        })
    })
    .await??;
    let (parsed, rows): (Vec<ImportedRecommendation>, Vec<RecommendationRow>) = parsed.into_iter().unzip();
    let themes: Vec<Vec<String>> = parsed.into_iter().map(|r| r.themes).collect();
    let summary = ImportSummary {
        imported: rows.len(),
        first_id: rows.first().map(|r| r.id.clone()).unwrap_or_default(),
        last_id: rows.last().map(|r| r.id.clone()).unwrap_or_default(),
    };
    let changes = serde_json::to_value(&summary).map_err(AppError::internal)?;
    let answer = serde_json::to_string(&summary).map_err(AppError::internal)?;
    let replayed = state
        .services
        .db
        .write(move |conn| {
            if let Some(first) = once.replay(conn, &caller)? {
                return Ok(Some(first));
            }
            store::insert_many(conn, &rows, &themes)?;
            let entry = Entry {
                action: crate::domain::audit::Action::Import,
                resource: crate::domain::audit::Resource::Recommendation,
                resource_id: "import",
                owner_state: None,
                changes,
            };
            audit_store::record(conn, &caller, entry)?;
            once.remember(conn, &caller, StatusCode::CREATED, &answer)?;
            Ok(None)
        })
        .await?;
    if let Some(first) = replayed {
        return first.response(None);
    }
    tracing::info!(rows = summary.imported, "imported recommendations");
    http::json_response(&req, StatusCode::CREATED, &summary, None)
}

/// One recommendation.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = String, Path, description = "Recommendation id")),
    responses(
        (status = 200, body = Recommendation, headers(("ETag" = String))),
        ItemRead,
    )
)]
#[get("/recommendations/{id}")]
pub async fn get(req: HttpRequest, state: web::Data<AppState>, id: web::Path<String>) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let row = state
        .services
        .db
        .run(move |conn| store::find(conn, &id))
        .await?
        .ok_or_else(|| AppError::NotFound("recommendation".into()))?;
    http::versioned(&req, StatusCode::OK, row.version, &view(row)?)
}

/// List recommendations in import order.
#[utoipa::path(
    tag = "recommendations",
    params(RecommendationQuery),
    responses(
        (status = 200, body = Page<Recommendation>, headers(("ETag" = String))),
        ListRead,
    )
)]
#[get("/recommendations")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: http::Params<RecommendationQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let page = http::page_request(q.limit.as_deref(), q.cursor.as_deref(), ids::RECOMMENDATION)?;
    let filter = Filters {
        state_under_review: q.state_under_review.as_deref(),
        region: q.region.as_deref(),
        recommending_state: q.recommending_state.as_deref(),
        theme: q.theme.as_deref(),
        response: q.response.as_deref(),
        cycle: q.cycle.as_deref(),
        session: q.session.as_deref(),
        text: q.q.as_deref(),
        updated_since: q.updated_since.as_deref(),
    }
    .parse()?;
    let request = page.clone();
    let rows = state.services.db.run(move |conn| store::list(conn, &filter, &request)).await?;
    http::json_response(&req, StatusCode::OK, &Page::from_rows(rows, &page, view)?, None)
}

/// The filters the list and the summary share, as given.
struct Filters<'a> {
    state_under_review: Option<&'a str>,
    region: Option<&'a str>,
    recommending_state: Option<&'a str>,
    theme: Option<&'a str>,
    response: Option<&'a str>,
    cycle: Option<&'a str>,
    session: Option<&'a str>,
    text: Option<&'a str>,
    updated_since: Option<&'a str>,
}

impl Filters<'_> {
    fn parse(&self) -> AppResult<RecommendationFilter> {
        let state = http::state_param("state_under_review", self.state_under_review)?;
        let region = http::region_param("region", self.region)?;
        let words = http::search_words("q", self.text)?;
        if !words.is_empty() && text_search::terms(&words).is_empty() {
            return Err(AppError::bad_param("q", "give at least one word of letters or digits"));
        }
        Ok(RecommendationFilter {
            states_under_review: http::state_or_region(state, region),
            recommending_state: http::state_param("recommending_state", self.recommending_state)?,
            theme: http::theme_param("theme", self.theme)?,
            response: http::vocab_param("response", self.response, Response::parse, Response::expected)?
                .map(|r| r.as_str().to_string()),
            cycle: http::int_param("cycle", self.cycle, 1, 99)?,
            session: http::int_param("session", self.session, 1, 99)?,
            words,
            updated_since: http::timestamp_param("updated_since", self.updated_since)?,
        })
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// `recommending_state` (default), `theme`, `response` or `cycle`.
    #[param(pattern = "^(recommending_state|theme|response|cycle)$")]
    pub group_by: Option<String>,
    /// The reviewed State (alpha-3).
    pub state_under_review: Option<String>,
    /// Region of the reviewed State: M49 code or name, or UN regional group.
    pub region: Option<String>,
    pub recommending_state: Option<String>,
    /// Theme slug (or text that resolves to one theme).
    pub theme: Option<String>,
    #[param(value_type = Option<Response>)]
    pub response: Option<String>,
    #[param(value_type = Option<u32>, minimum = 1, maximum = 99)]
    pub cycle: Option<String>,
    #[param(value_type = Option<u32>, minimum = 1, maximum = 99)]
    pub session: Option<String>,
    /// Words that must each begin a word of the recommendation's text, in any case ("child"
    /// finds "children").
    pub q: Option<String>,
    /// Language of theme labels: ar, en, es, fr, ru or zh (else `Accept-Language`, else en).
    #[param(pattern = "^(ar|en|es|fr|ru|zh)$")]
    pub lang: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Summary {
    pub group_by: String,
    /// Recommendations matching the filters.
    pub total: i64,
    /// Largest first.
    pub groups: Vec<SummaryGroup>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SummaryGroup {
    /// A State code, theme slug, response or cycle; null for recommendations whose
    /// recommending State is not recorded.
    pub key: Option<String>,
    pub label: String,
    pub count: i64,
    pub supported: i64,
    pub noted: i64,
}

/// Who recommended what: counts of recommendations grouped by recommending State, theme,
/// response or cycle, with how many were supported and noted, under the list's filters
/// (e.g. which States raised torture with Kenya, and what Kenya answered).
#[utoipa::path(
    tag = "recommendations",
    params(SummaryQuery),
    responses((status = 200, body = Summary, headers(("ETag" = String))), ListRead)
)]
#[get("/recommendations/summary")]
pub async fn summarize(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: http::Params<SummaryQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let by = match q.group_by.as_deref().unwrap_or("recommending_state") {
        "recommending_state" => SummaryKey::RecommendingState,
        "theme" => SummaryKey::Theme,
        "response" => SummaryKey::Response,
        "cycle" => SummaryKey::Cycle,
        _ => return Err(AppError::bad_param("group_by", "must be recommending_state, theme, response or cycle")),
    };
    let filter = Filters {
        state_under_review: q.state_under_review.as_deref(),
        region: q.region.as_deref(),
        recommending_state: q.recommending_state.as_deref(),
        theme: q.theme.as_deref(),
        response: q.response.as_deref(),
        cycle: q.cycle.as_deref(),
        session: q.session.as_deref(),
        text: q.q.as_deref(),
        updated_since: None,
    }
    .parse()?;
    let (total, rows) = state
        .services
        .db
        .run(move |conn| Ok((store::count(conn, &filter)?, store::summary(conn, &filter, by)?)))
        .await?;
    let catalog = state.services.catalog;
    let lang = super::themes::language(&req, q.lang.as_deref())?;
    let groups = rows
        .into_iter()
        .map(|r| SummaryGroup {
            label: match (by, r.key.as_deref()) {
                (_, None) => "Not recorded".to_string(),
                (SummaryKey::RecommendingState, Some(code)) => {
                    catalog.state(code).map_or(code.to_string(), |s| s.name.clone())
                }
                (SummaryKey::Theme, Some(slug)) => {
                    catalog.theme(slug).map_or(slug.to_string(), |t| t.label_in(lang).to_string())
                }
                (SummaryKey::Cycle, Some(cycle)) => format!("Cycle {cycle}"),
                (SummaryKey::Response, Some(response)) => response.to_string(),
            },
            noted: r.count - r.supported,
            key: r.key,
            count: r.count,
            supported: r.supported,
        })
        .collect();
    let group_by = q.group_by.unwrap_or_else(|| "recommending_state".into());
    let res = http::json_response(&req, StatusCode::OK, &Summary { group_by, total, groups }, None)?;
    Ok(super::themes::in_language(res, lang))
}

/// Change a recommendation. Needs `If-Match` with its current ETag or version. **Roles:** admin.
#[utoipa::path(
    security(("api_key" = [])),
    tag = "recommendations",
    params(
        ("id" = String, Path, description = "Recommendation id"),
        ("If-Match" = String, Header, description = "Current ETag (\"v3\") or version (3)"),
    ),
    request_body = RecommendationChanges,
    responses(
        (status = 200, body = Recommendation, headers(("ETag" = String))),
        UpdateErrors,
        AccessErrors,
    )
)]
#[patch("/recommendations/{id}")]
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: JsonBody<RecommendationChanges>,
) -> AppResult<HttpResponse> {
    caller.must_be_admin()?;
    let id = id.into_inner();
    let ch = body.0;
    let if_match = http::IfMatch::from_request(&req)?;
    let row = state
        .services
        .db
        .write(move |conn| {
            let row = store::find(conn, &id)?.ok_or_else(|| AppError::NotFound("recommendation".into()))?;
            if_match.check(row.version)?;
            let before = view(row.clone())?;
            let current = view(row.clone())?;
            let text_changed = ch.text.as_ref().is_some_and(|t| *t != current.text);
            let (themes, suggested, _) =
                suggest::after_change(current.themes, current.suggested_themes, ch.themes, None, text_changed);
            let merged = NewRecommendation {
                state_under_review: ch.state_under_review.unwrap_or(current.state_under_review),
                recommending_state: ch.recommending_state.unwrap_or(current.recommending_state),
                session: ch.session.unwrap_or(current.session),
                cycle: ch.cycle,
                text: ch.text.unwrap_or(current.text),
                response: ch.response.unwrap_or(current.response),
                action_category: ch.action_category.unwrap_or(current.action_category),
                themes,
            };
            let mut rec = checked(&merged)?;
            let suggested = if rec.themes.is_empty() { suggest_missing_themes(&mut rec) } else { suggested };
            let updated = RecommendationRow {
                version: row.version + 1,
                updated_at: now(),
                id: row.id.clone(),
                created_at: row.created_at,
                ..new_row(&rec, &suggested, row.created_at)
            };
            if !store::update(conn, &updated, row.version, &rec.themes)? {
                return Err(AppError::PreconditionFailed(
                    "the recommendation changed meanwhile; fetch it again".into(),
                ));
            }
            let after = view(updated.clone())?;
            record_change(conn, &caller, "update", "recommendation", &updated.id, None, Some(&before), &after)?;
            Ok(updated)
        })
        .await?;
    http::versioned(&req, StatusCode::OK, row.version, &view(row)?)
}

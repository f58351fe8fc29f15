//! `/recommendations`: UPR recommendations, one by one or imported from the UPR Info CSV.

use actix_web::http::StatusCode;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use std::sync::Arc;

use super::http::{self, ChangesBody, JsonBody, Page};
use super::responses::{AccessErrors, CreateErrors, ItemRead, ListRead, UpdateErrors};
use super::AppState;
use super::{downloads, idempotent};
use crate::db::recommendations::{RecommendationFilter, SummaryKey};
use crate::db::text_search;
use crate::domain::access::Caller;
use crate::domain::ids;
use crate::domain::vocab::Response;
use crate::error::{AppError, AppResult, Problem, Said};
use crate::export::{table, Tabular};
use crate::service::names::Names;
use crate::service::recommendations::import::{self as importing, ImportSummary};
use crate::service::recommendations::summary::{self, Summary};
use crate::service::recommendations::{self as service, NewRecommendation, Recommendation, RecommendationChanges};
use crate::service::write::Written;

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
    /// Only recommendations without a theme, which a person should tag (`true`), or only
    /// those with one (`false`).
    #[param(value_type = Option<bool>)]
    pub needs_review: Option<String>,
    /// `json` (one page, the default), `csv` or `xlsx` (every item the filters select; `limit`
    /// and `cursor` do not apply); without it, `Accept` may ask for `text/csv` or the XLSX type.
    #[param(pattern = "^(json|csv|xlsx)$")]
    pub format: Option<String>,
    /// Language of the page's `names` (ar, en, es, fr, ru, zh); default from `Accept-Language`.
    pub lang: Option<String>,
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
    let JsonBody(new, bytes) = body;
    let once = idempotent::claim(&req, "recommendations", &bytes)?;
    let written = service::create(&state.services, &caller, once, new).await?;
    idempotent::created(&req, "/api/v1/recommendations", written, |r| (&r.id, r.version))
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
    let once = idempotent::claim(&req, "recommendations/import", &body)?;
    match importing::import(&state.services, &caller, once, body).await? {
        Written::Done(summary) => http::json_response(&req, StatusCode::CREATED, &summary, None),
        Written::Replayed { status, body } => idempotent::replayed(status, body, None),
    }
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
    let recommendation = service::get(&state.services, id.into_inner()).await?;
    http::versioned(&req, StatusCode::OK, recommendation.version, &recommendation)
}

/// List recommendations in import order.
#[utoipa::path(
    tag = "recommendations",
    params(RecommendationQuery),
    responses(
        (status = 200, description = "A page of recommendations, or (as CSV or XLSX) all of them",
            content((Page<Recommendation> = "application/json"), (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")), headers(("ETag" = String))),
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
    let lang = http::language(&req, q.lang.as_deref())?;
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
        needs_review: q.needs_review.as_deref(),
    }
    .parse()?;
    if let Some(sheet) = http::format(&req, q.format.as_deref())?.sheet() {
        let services = Arc::clone(&state.services);
        let list = move |filter, page| {
            let services = Arc::clone(&services);
            async move { service::list(&services, filter, page).await }
        };
        let columns = Recommendation::COLUMNS;
        return table::list(sheet, lang, "tcmatch-recommendations", columns, filter, list, |r| {
            service::view(r).map(|r| r.row())
        })
        .await;
    }
    let rows = service::list(&state.services, filter, page.clone()).await?;
    let body = Page::from_rows(rows, &page, |r| service::view(&r))?;
    let names = Names::of_recommendations(&body.items, lang);
    Ok(http::in_language(http::json_response(&req, StatusCode::OK, &body.named(names), None)?, lang))
}

/// The filters the list and the summary share (and the web pages' explorer), as given.
#[derive(Default)]
pub struct Filters<'a> {
    pub state_under_review: Option<&'a str>,
    pub region: Option<&'a str>,
    pub recommending_state: Option<&'a str>,
    pub theme: Option<&'a str>,
    pub response: Option<&'a str>,
    pub cycle: Option<&'a str>,
    pub session: Option<&'a str>,
    pub text: Option<&'a str>,
    pub updated_since: Option<&'a str>,
    pub needs_review: Option<&'a str>,
}

impl Filters<'_> {
    pub fn parse(&self) -> AppResult<RecommendationFilter> {
        let state = http::state_param("state_under_review", self.state_under_review)?;
        let region = http::region_param("region", self.region)?;
        let words = http::search_words("q", self.text)?;
        if !words.is_empty() && text_search::terms(&words).is_empty() {
            return Err(AppError::bad_param("q", Said::of("field-search-letters")));
        }
        Ok(RecommendationFilter {
            states_under_review: http::state_or_region(state, region),
            recommending_state: http::state_param("recommending_state", self.recommending_state)?,
            theme: http::theme_param("theme", self.theme)?,
            response: http::vocab_param("response", self.response, Response::parse, Response::expected)?,
            cycle: http::int_param("cycle", self.cycle, 1, 99)?,
            session: http::int_param("session", self.session, 1, 99)?,
            words,
            updated_since: http::timestamp_param("updated_since", self.updated_since)?,
            needs_review: match self.needs_review {
                None => None,
                Some("true") => Some(true),
                Some("false") => Some(false),
                Some(_) => return Err(AppError::bad_param("needs_review", Said::of("field-boolean"))),
            },
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
    /// Only recommendations without a theme (`true`), or only those with one (`false`).
    #[param(value_type = Option<bool>)]
    pub needs_review: Option<String>,
    /// Language of theme labels: ar, en, es, fr, ru or zh (else `Accept-Language`, else en).
    #[param(pattern = "^(ar|en|es|fr|ru|zh)$")]
    pub lang: Option<String>,
    /// `json` (the default), `csv` or `xlsx` (the groups as a table); without it, `Accept` may
    /// ask for `text/csv` or the XLSX type.
    #[param(pattern = "^(json|csv|xlsx)$")]
    pub format: Option<String>,
}

/// Who recommended what: counts of recommendations grouped by recommending State, theme,
/// response or cycle, with how many were supported and noted, under the list's filters
/// (e.g. which States raised torture with Kenya, and what Kenya answered).
#[utoipa::path(
    tag = "recommendations",
    params(SummaryQuery),
    responses(
        (status = 200, description = "The groups, largest first",
            content((Summary = "application/json"), (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")), headers(("ETag" = String))),
        ListRead,
    )
)]
#[get("/recommendations/summary")]
pub async fn summarize(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: http::Params<SummaryQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let by = match q.group_by.as_deref() {
        None => SummaryKey::RecommendingState,
        Some(key) => SummaryKey::parse(key).ok_or_else(|| {
            AppError::bad_param("group_by", Said::one_of("recommending_state, theme, response, cycle"))
        })?,
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
        needs_review: q.needs_review.as_deref(),
    }
    .parse()?;
    let lang = http::language(&req, q.lang.as_deref())?;
    let form = http::format(&req, q.format.as_deref())?;
    let summary = summary::summarize(&state.services, filter, by, lang).await?;
    if let Some(sheet) = form.sheet() {
        return downloads::records(sheet, lang, &format!("recommendations-by-{}", by.as_str()), &summary.groups);
    }
    let res = http::json_response(&req, StatusCode::OK, &summary, None)?;
    Ok(http::in_language(res, lang))
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
    body: ChangesBody<RecommendationChanges>,
) -> AppResult<HttpResponse> {
    let if_match = http::if_match(&req)?;
    let recommendation = service::update(&state.services, &caller, id.into_inner(), if_match, body.0).await?;
    http::versioned(&req, StatusCode::OK, recommendation.version, &recommendation)
}

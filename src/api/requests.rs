//! `/requests`: assistance requests made by reviewed States for specific recommendations.

use actix_web::http::StatusCode;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use std::sync::Arc;

use super::http::{self, ChangesBody, CheckedBody, Page};
use super::idempotent;
use super::responses::{AccessErrors, CreateErrors, ItemRead, ListRead, UpdateErrors};
use super::AppState;
use crate::db::page::PageRequest;
use crate::db::requests::RequestFilter;
use crate::domain::access::Caller;
use crate::domain::ids;
use crate::domain::vocab::{ConsentStatus, Priority, RequestStatus};
use crate::error::AppResult;
use crate::export::{table, Tabular};
use crate::service::names::Names;
use crate::service::requests::{self as service, AssistanceRequest, NewRequest, RequestChanges};

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
    /// `json` (one page, the default), `csv` or `xlsx` (every item the filters select; `limit`
    /// and `cursor` do not apply); without it, `Accept` may ask for `text/csv` or the XLSX type.
    #[param(pattern = "^(json|csv|xlsx)$")]
    pub format: Option<String>,
    /// Language of the page's `names` (ar, en, es, fr, ru, zh); default from `Accept-Language`.
    pub lang: Option<String>,
}

impl RequestQuery {
    /// The filter and page asked for, each value checked (the web pages read the same query).
    pub fn parsed(self) -> AppResult<(RequestFilter, PageRequest)> {
        let q = self;
        let page = http::page_request(q.limit.as_deref(), q.cursor.as_deref(), ids::REQUEST)?;
        let requesting = http::state_param("state", q.state.as_deref())?;
        let region = http::region_param("region", q.region.as_deref())?;
        let filter = RequestFilter {
            states: http::state_or_region(requesting, region),
            theme: http::theme_param("theme", q.theme.as_deref())?,
            status: http::vocab_param("status", q.status.as_deref(), RequestStatus::parse, RequestStatus::expected)?,
            consent_status: http::vocab_param(
                "consent",
                q.consent.as_deref(),
                ConsentStatus::parse,
                ConsentStatus::expected,
            )?,
            priority: http::vocab_param("priority", q.priority.as_deref(), Priority::parse, Priority::expected)?,
            recommendation_id: q.recommendation_id,
            updated_since: http::timestamp_param("updated_since", q.updated_since.as_deref())?,
            words: http::search_words("q", q.q.as_deref())?,
        };
        Ok((filter, page))
    }
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
    body: CheckedBody<NewRequest>,
) -> AppResult<HttpResponse> {
    let CheckedBody(new, bytes) = body;
    let once = idempotent::claim(&req, "requests", &bytes)?;
    let written = service::create(&state.services, &caller, once, new).await?;
    idempotent::created(&req, "/api/v1/requests", written, |r| (&r.id, r.version))
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
    let request = service::get(&state.services, &caller, id.into_inner()).await?;
    http::versioned(&req, StatusCode::OK, request.version, &request)
}

/// List assistance requests, oldest first. **Roles:** anyone sees requests whose State granted consent (not drafts); a state key also its own; admin all. Totals count only what the caller sees.
#[utoipa::path(
    security((), ("api_key" = [])),
    tag = "requests",
    params(RequestQuery),
    responses(
        (status = 200, description = "A page of requests, or (as CSV or XLSX) all of them",
            content((Page<AssistanceRequest> = "application/json"), (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")), headers(("ETag" = String))),
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
    let form = http::format(&req, q.format.as_deref())?;
    let lang = http::language(&req, q.lang.as_deref())?;
    let (filter, page) = q.parsed()?;
    if let Some(sheet) = form.sheet() {
        let services = Arc::clone(&state.services);
        let list = move |filter, page| {
            let (services, caller) = (Arc::clone(&services), caller.clone());
            async move { service::list(&services, &caller, filter, page).await }
        };
        let columns = AssistanceRequest::COLUMNS;
        return table::list(sheet, lang, "tcmatch-requests", columns, filter, list, |r| {
            service::view(r).map(|r| r.row())
        })
        .await;
    }
    let rows = service::list(&state.services, &caller, filter, page.clone()).await?;
    let body = Page::from_rows(rows, &page, |r| service::view(&r))?;
    let names = Names::of_requests(&body.items, lang);
    Ok(http::in_language(http::json_response(&req, StatusCode::OK, &body.named(names), None)?, lang))
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
    body: ChangesBody<RequestChanges>,
) -> AppResult<HttpResponse> {
    let if_match = http::if_match(&req)?;
    let request = service::update(&state.services, &caller, id.into_inner(), if_match, body.0).await?;
    http::versioned(&req, StatusCode::OK, request.version, &request)
}

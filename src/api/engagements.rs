//! `/engagements`: matches someone acted on, and their lifecycle (see [`service`]).

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use std::sync::Arc;

use super::http::{self, Format, JsonBody, Page};
use super::responses::{AccessErrors, CreateErrors, ListRead};
use super::AppState;
use super::{downloads, idempotent};
use crate::db::engagements::EngagementFilter;
use crate::domain::access::Caller;
use crate::domain::engagement::EngagementStatus;
use crate::domain::ids;
use crate::error::{AppResult, Problem};
use crate::export::{table, Tabular};
use crate::service::engagements::{self as service, Engagement, NewEngagement, Transition};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EngagementQuery {
    /// Page size, 1-200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    pub request_id: Option<String>,
    pub offer_id: Option<String>,
    #[param(value_type = Option<EngagementStatus>)]
    pub status: Option<String>,
    /// Language of State names (ar, en, es, fr, ru, zh); default from `Accept-Language`.
    #[param(pattern = "^(ar|en|es|fr|ru|zh)$")]
    pub lang: Option<String>,
    /// `json` (one page, the default), `csv` or `xlsx` (every engagement the filters select) or
    /// `iati` (those agreed, in progress or completed, as IATI 2.03 activities); `limit` and
    /// `cursor` apply to JSON only. Without it, `Accept` may ask for `text/csv`, the XLSX type
    /// or `application/xml` (IATI).
    #[param(pattern = "^(json|csv|xlsx|iati)$")]
    pub format: Option<String>,
}

/// Express interest in a pair, for the caller's side. **Roles:** the requesting State; the
/// offer's provider; admin (naming the side). The request must be consented and open, the offer
/// open and serving the requesting State.
#[utoipa::path(
    security(("api_key" = [])),
    tag = "engagements",
    request_body = NewEngagement,
    params(("Idempotency-Key" = Option<String>, Header, description = "Any unique string (1-200 printable characters) that makes a retried call safe: a retry within 24 hours gets the first answer (`Idempotent-Replayed: true`)")),
    responses(
        (status = 201, body = Engagement, headers(("Location" = String))),
        (status = 409, description = "Not consented, not open, not served, or already under way", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
        AccessErrors,
    )
)]
#[post("/engagements")]
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<NewEngagement>,
) -> AppResult<HttpResponse> {
    let JsonBody(new, bytes) = body;
    let once = idempotent::claim(&req, "engagements", &bytes)?;
    let lang = http::language(&req, None)?;
    let written = service::create(&state.services, &caller, once, new, lang).await?;
    Ok(http::in_language(idempotent::created(&req, "/api/v1/engagements", written, |e| (&e.id, e.version))?, lang))
}

/// Move an engagement along its lifecycle. **Roles:** the two parties (the side that did not
/// express interest answers it); admin (naming the side).
#[utoipa::path(
    security(("api_key" = [])),
    tag = "engagements",
    params(("id" = String, Path, description = "Engagement id")),
    request_body = Transition,
    responses(
        (status = 200, body = Engagement),
        (status = 404, description = "No such engagement, or not a party to it", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a legal transition, or no capacity left", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
        AccessErrors,
    )
)]
#[post("/engagements/{id}/transitions")]
pub async fn transition(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: JsonBody<Transition>,
) -> AppResult<HttpResponse> {
    let lang = http::language(&req, None)?;
    let engagement = service::transition(&state.services, &caller, id.into_inner(), body.0, lang).await?;
    Ok(http::in_language(http::versioned(&req, StatusCode::OK, engagement.version, &engagement)?, lang))
}

/// One engagement with its history. **Roles:** the two parties; admin.
#[utoipa::path(
    security(("api_key" = [])),
    tag = "engagements",
    params(("id" = String, Path, description = "Engagement id")),
    responses(
        (status = 200, body = Engagement, headers(("ETag" = String))),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 404, description = "No such engagement, or not a party to it", body = Problem, content_type = "application/problem+json"),
        AccessErrors,
    )
)]
#[get("/engagements/{id}")]
pub async fn get(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let lang = http::language(&req, None)?;
    let engagement = service::get(&state.services, &caller, id.into_inner(), lang).await?;
    Ok(http::in_language(http::versioned(&req, StatusCode::OK, engagement.version, &engagement)?, lang))
}

/// The caller's engagements (all, for admins), oldest first; also as CSV, and as IATI activity
/// XML for donors' aid reporting (a request whose State no longer consents is left out).
/// **Roles:** the parties; admin.
#[utoipa::path(
    security(("api_key" = [])),
    tag = "engagements",
    params(EngagementQuery),
    responses(
        (status = 200, description = "A page of engagements, or (as CSV, XLSX or IATI XML) all of them",
            content((Page<Engagement> = "application/json"), (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (String = "application/xml")),
            headers(("ETag" = String))),
        (status = 204, description = "IATI asked for, and none of the caller's engagements is agreed, in progress or completed"),
        ListRead,
        AccessErrors,
    )
)]
#[get("/engagements")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    q: http::Params<EngagementQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let page = http::page_request(q.limit.as_deref(), q.cursor.as_deref(), ids::ENGAGEMENT)?;
    let filter = EngagementFilter {
        request_id: q.request_id,
        offer_id: q.offer_id,
        status: http::vocab_param("status", q.status.as_deref(), EngagementStatus::parse, EngagementStatus::expected)?,
    };
    let lang = http::language(&req, q.lang.as_deref())?;
    // A download's status goes out before its rows: who may list engagements is checked first.
    caller.engagement_scope()?;
    let form = http::format_or_iati(&req, q.format.as_deref())?;
    if form == Format::Iati {
        return downloads::iati(Arc::clone(&state.services), caller, filter).await;
    }
    if let Some(sheet) = form.sheet() {
        let services = Arc::clone(&state.services);
        let list = move |filter, page| {
            let (services, caller) = (Arc::clone(&services), caller.clone());
            async move { service::list(&services, &caller, filter, page, lang).await }
        };
        let columns = Engagement::COLUMNS;
        return table::list(sheet, lang, "tcmatch-engagements", columns, filter, list, |e| Ok(e.row())).await;
    }
    let rows = service::list(&state.services, &caller, filter, page.clone(), lang).await?;
    let body = Page::from_rows(rows, &page, Ok)?;
    Ok(http::in_language(http::json_response(&req, StatusCode::OK, &body, None)?, lang))
}

//! `/requests/{id}/consent`: the requesting State's consent decisions, kept as history.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};

use super::http::{self, JsonBody};
use super::responses::{AccessErrors, CreateErrors, ItemRead};
use super::AppState;
use crate::domain::access::Caller;
use crate::error::{AppResult, Problem};
use crate::service::requests::{self as service, ConsentDecision, ConsentEvent, ConsentHistory};

/// Record the State's consent decision on its request. The request's version changes with it. **Roles:** admin (recorded as admin); state (its own requests).
#[utoipa::path(
    security(("api_key" = [])),
    tag = "requests",
    params(("id" = String, Path, description = "Request id")),
    request_body = ConsentDecision,
    responses(
        (status = 201, body = ConsentEvent, headers(("ETag" = String, description = "The request's new ETag"))),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Same status as now, or back to pending", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
        AccessErrors,
    )
)]
#[post("/requests/{id}/consent")]
pub async fn record(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: JsonBody<ConsentDecision>,
) -> AppResult<HttpResponse> {
    let (event, version) = service::record_consent(&state.services, &caller, id.into_inner(), body.0).await?;
    let location = format!("/api/v1/requests/{}/consent", event.request_id);
    http::created(&req, location, version, &event)
}

/// The full consent history of a request, newest first. **Roles:** admin; state (its own requests).
#[utoipa::path(
    security(("api_key" = [])),
    tag = "requests",
    params(("id" = String, Path, description = "Request id")),
    responses(
        (status = 200, body = ConsentHistory, headers(("ETag" = String))),
        ItemRead,
        AccessErrors,
    )
)]
#[get("/requests/{id}/consent")]
pub async fn history(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let history = service::consent_history(&state.services, &caller, id.into_inner()).await?;
    http::json_response(&req, StatusCode::OK, &history, None)
}

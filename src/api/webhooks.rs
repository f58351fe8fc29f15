//! `/webhooks`: a key's subscriptions to events about what it may see, and their delivery log
//! (see [`service`]).

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::http::{self, JsonBody};
use super::responses::{AccessErrors, CreateErrors, ItemRead, ListRead};
use super::AppState;
use crate::domain::access::Caller;
use crate::error::AppResult;
use crate::service::webhooks::{self as service, Delivery, NewWebhook, Webhook};

/// Subscribe a URL to events: `match.new` (a pair scoring at least `min_score` that the key may
/// see, announced once: for a State, with its requests; for a provider, of its offers with
/// consented requests), `engagement.moved` (an engagement the key is party to began or moved),
/// `consent.changed` (a request of the key's State). Each delivery is a POST of JSON
/// (`{"id", "event", "created_at", "data"}`) signed in `X-Tcmatch-Signature: sha256=<hex
/// HMAC-SHA256 of the body, keyed with the secret>`, with `X-Tcmatch-Event` and
/// `X-Tcmatch-Delivery`; an answer other than 2xx is retried after 10 s, then four times
/// longer each time, eight attempts in all. The secret is shown only in this answer.
/// **Roles:** any key.
#[utoipa::path(
    security(("api_key" = [])),
    tag = "webhooks",
    request_body = NewWebhook,
    responses((status = 201, body = Webhook), CreateErrors, AccessErrors)
)]
#[post("/webhooks")]
pub async fn create(state: web::Data<AppState>, caller: Caller, body: JsonBody<NewWebhook>) -> AppResult<HttpResponse> {
    let hook = service::subscribe(&state.services, &caller, body.0).await?;
    Ok(HttpResponse::Created().insert_header(("Location", format!("/api/v1/webhooks/{}", hook.id))).json(hook))
}

/// The key's live subscriptions (an admin's: every key's). **Roles:** any key.
#[utoipa::path(
    security(("api_key" = [])),
    tag = "webhooks",
    responses((status = 200, body = Vec<Webhook>), ListRead, AccessErrors)
)]
#[get("/webhooks")]
pub async fn list(req: HttpRequest, state: web::Data<AppState>, caller: Caller) -> AppResult<HttpResponse> {
    let hooks = service::list(&state.services, &caller).await?;
    http::json_response(&req, StatusCode::OK, &hooks, None)
}

/// End a subscription: deliveries not yet made are given up. **Roles:** its key; admin.
#[utoipa::path(
    security(("api_key" = [])),
    tag = "webhooks",
    params(("id" = String, Path, description = "Webhook id")),
    responses((status = 204, description = "Removed"), ItemRead, AccessErrors)
)]
#[delete("/webhooks/{id}")]
pub async fn remove(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> AppResult<HttpResponse> {
    service::remove(&state.services, &caller, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DeliveryQuery {
    /// How many, newest first, 1-200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
}

/// A subscription's delivery log, newest first: what was sent, how often, and what the
/// receiver answered. **Roles:** its key; admin.
#[utoipa::path(
    security(("api_key" = [])),
    tag = "webhooks",
    params(("id" = String, Path, description = "Webhook id"), DeliveryQuery),
    responses((status = 200, body = Vec<Delivery>), ItemRead, AccessErrors)
)]
#[get("/webhooks/{id}/deliveries")]
pub async fn deliveries(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: http::Params<DeliveryQuery>,
) -> AppResult<HttpResponse> {
    let limit = http::int_param("limit", q.limit.as_deref(), 1, 200)?.unwrap_or(50);
    let log = service::deliveries(&state.services, &caller, id.into_inner(), i64::from(limit)).await?;
    http::json_response(&req, StatusCode::OK, &log, None)
}

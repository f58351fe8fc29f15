//! `/keys`: API keys, managed by admins (see [`service`]).

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::http::{self, JsonBody, Page};
use super::responses::{AccessErrors, CreateErrors, ListRead};
use super::AppState;
use crate::domain::access::Caller;
use crate::domain::ids;
use crate::error::{AppError, AppResult, Problem, Said};
use crate::service::keys::{self as service, ApiKey, IssuedKey, NewKey};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct KeyQuery {
    /// Page size, 1-200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Also list revoked keys (default false).
    #[param(value_type = Option<bool>)]
    pub include_revoked: Option<String>,
}

/// Create an API key. **Roles:** admin.
#[utoipa::path(
    tag = "keys",
    request_body = NewKey,
    security(("api_key" = [])),
    responses(
        (status = 201, description = "The key, with its secret (shown only now)", body = IssuedKey),
        CreateErrors,
        AccessErrors,
    )
)]
#[post("/keys")]
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<NewKey>,
) -> AppResult<HttpResponse> {
    let issued = service::create(&state.services, &caller, body.0).await?;
    let mut res = http::json_response(&req, StatusCode::CREATED, &issued, None)?;
    res.headers_mut()
        .insert(actix_web::http::header::CACHE_CONTROL, actix_web::http::header::HeaderValue::from_static("no-store"));
    Ok(res)
}

/// List API keys (never their secrets). **Roles:** admin.
#[utoipa::path(
    tag = "keys",
    params(KeyQuery),
    security(("api_key" = [])),
    responses(
        (status = 200, body = Page<ApiKey>, headers(("ETag" = String))),
        ListRead,
        AccessErrors,
    )
)]
#[get("/keys")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    q: http::Params<KeyQuery>,
) -> AppResult<HttpResponse> {
    let page = http::page_request(q.limit.as_deref(), q.cursor.as_deref(), ids::API_KEY)?;
    let include_revoked = match q.include_revoked.as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(AppError::bad_param("include_revoked", Said::of("field-boolean"))),
    };
    let rows = service::list(&state.services, &caller, include_revoked, page.clone()).await?;
    http::json_response(&req, StatusCode::OK, &Page::from_rows(rows, &page, service::view)?, None)
}

/// Revoke an API key: it fails at once, on every instance. **Roles:** admin.
#[utoipa::path(
    tag = "keys",
    params(("id" = String, Path, description = "Key id")),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "The revoked key", body = ApiKey),
        AccessErrors,
        (status = 404, description = "No such key", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already revoked", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/keys/{id}")]
pub async fn revoke(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let key = service::revoke(&state.services, &caller, id.into_inner()).await?;
    http::json_response(&req, StatusCode::OK, &key, None)
}

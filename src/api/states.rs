//! `/states`: the UN member and observer States (reference data, read-only).

use actix_web::http::StatusCode;
use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::http;
use super::responses::{ItemRead, ListRead};
use super::AppState;
use crate::domain::catalog::State;
use crate::error::{AppError, AppResult, Said};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StateQuery {
    /// M49 region code or name (`002`, `Africa`), or UN regional group (`weog`).
    pub region: Option<String>,
    /// `member` or `observer`.
    #[param(pattern = "^(member|observer)$")]
    pub un_status: Option<String>,
}

/// All States, by code. Not paginated: 195 entries.
#[utoipa::path(
    tag = "reference data",
    params(StateQuery),
    responses(
        (status = 200, body = Vec<State>, headers(("ETag" = String))),
        ListRead,
    )
)]
#[get("/states")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: http::Params<StateQuery>,
) -> AppResult<HttpResponse> {
    let region = http::region_param("region", q.region.as_deref())?;
    if let Some(status) = q.un_status.as_deref() {
        if status != "member" && status != "observer" {
            return Err(AppError::bad_param("un_status", Said::one_of("member, observer")));
        }
    }
    let states: Vec<&State> = state
        .services
        .catalog
        .states
        .iter()
        .filter(|s| region.as_ref().is_none_or(|(_, members)| members.contains(&s.code)))
        .filter(|s| q.un_status.as_deref().is_none_or(|u| s.un_status == u))
        .collect();
    http::json_response(&req, StatusCode::OK, &states, None)
}

/// One State by ISO alpha-3 code (any case).
#[utoipa::path(
    tag = "reference data",
    params(("code" = String, Path, description = "ISO 3166-1 alpha-3 code", example = "KEN")),
    responses(
        (status = 200, body = State, headers(("ETag" = String))),
        ItemRead,
    )
)]
#[get("/states/{code}")]
pub async fn get(req: HttpRequest, state: web::Data<AppState>, code: web::Path<String>) -> AppResult<HttpResponse> {
    let found = state
        .services
        .catalog
        .state(&code.to_ascii_uppercase())
        .ok_or_else(|| AppError::NotFound(Said::new("not-found-state", vec![("code", code.as_str().into())])))?;
    http::json_response(&req, StatusCode::OK, found, None)
}

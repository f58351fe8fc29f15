//! `/organizations`: providers that are not States (UN entities, NHRIs, CSOs, ...).

use actix_web::http::StatusCode;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::http::{self, ChangesBody, JsonBody, Page};
use super::idempotent;
use super::responses::{AccessErrors, CreateErrors, ItemRead, ListRead, UpdateErrors};
use super::AppState;
use crate::db::organizations::OrganizationFilter;
use crate::domain::access::Caller;
use crate::domain::ids;
use crate::domain::vocab::OrganizationKind;
use crate::error::{AppResult, Problem};
use crate::service::organizations::{self as service, NewOrganization, Organization, OrganizationChanges};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OrganizationQuery {
    /// Page size, 1-200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    #[param(value_type = Option<OrganizationKind>)]
    pub kind: Option<String>,
    /// Home State (alpha-3).
    pub country: Option<String>,
    /// Case-insensitive part of the name.
    pub q: Option<String>,
    /// Only organizations changed at or after this RFC 3339 time.
    #[param(value_type = Option<DateTime<Utc>>)]
    pub updated_since: Option<String>,
}

/// Register an organization. An organization with the same name (in any case) and country is
/// refused (409), naming the existing one. **Roles:** admin.
#[utoipa::path(
    security(("api_key" = [])),
    tag = "organizations",
    request_body = NewOrganization,
    params(("Idempotency-Key" = Option<String>, Header, description = "Any unique string (1-200 printable characters) that makes a retried call safe: a retry within 24 hours gets the first answer (`Idempotent-Replayed: true`)")),
    responses(
        (status = 201, description = "Created", body = Organization,
         headers(("ETag" = String), ("Location" = String))),
        (status = 409, description = "An organization with this name and country exists; the detail names it", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
        AccessErrors,
    )
)]
#[post("/organizations")]
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<NewOrganization>,
) -> AppResult<HttpResponse> {
    let JsonBody(new, bytes) = body;
    let once = idempotent::claim(&req, "organizations", &bytes)?;
    let written = service::create(&state.services, &caller, once, new).await?;
    idempotent::created(&req, "/api/v1/organizations", written, |o| (&o.id, o.version))
}

/// One organization.
#[utoipa::path(
    tag = "organizations",
    params(("id" = String, Path, description = "Organization id")),
    responses(
        (status = 200, body = Organization, headers(("ETag" = String))),
        ItemRead,
    )
)]
#[get("/organizations/{id}")]
pub async fn get(req: HttpRequest, state: web::Data<AppState>, id: web::Path<String>) -> AppResult<HttpResponse> {
    let organization = service::get(&state.services, id.into_inner()).await?;
    http::versioned(&req, StatusCode::OK, organization.version, &organization)
}

/// List organizations, oldest first.
#[utoipa::path(
    tag = "organizations",
    params(OrganizationQuery),
    responses(
        (status = 200, body = Page<Organization>, headers(("ETag" = String))),
        ListRead,
    )
)]
#[get("/organizations")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: http::Params<OrganizationQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let page = http::page_request(q.limit.as_deref(), q.cursor.as_deref(), ids::ORGANIZATION)?;
    let filter = OrganizationFilter {
        kind: http::vocab_param("kind", q.kind.as_deref(), OrganizationKind::parse, OrganizationKind::expected)?
            .map(|k| k.as_str().to_string()),
        country: http::state_param("country", q.country.as_deref())?,
        name_contains: q.q.filter(|t| !t.trim().is_empty()).map(|t| t.trim().to_string()),
        updated_since: http::timestamp_param("updated_since", q.updated_since.as_deref())?,
    };
    let rows = service::list(&state.services, filter, page.clone()).await?;
    http::json_response(&req, StatusCode::OK, &Page::from_rows(rows, &page, |r| service::view(&r))?, None)
}

/// Change an organization. Needs `If-Match` with its current ETag or version. **Roles:** admin.
#[utoipa::path(
    security(("api_key" = [])),
    tag = "organizations",
    params(
        ("id" = String, Path, description = "Organization id"),
        ("If-Match" = String, Header, description = "Current ETag (\"v3\") or version (3)"),
    ),
    request_body = OrganizationChanges,
    responses(
        (status = 200, body = Organization, headers(("ETag" = String))),
        UpdateErrors,
        AccessErrors,
    )
)]
#[patch("/organizations/{id}")]
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: ChangesBody<OrganizationChanges>,
) -> AppResult<HttpResponse> {
    let if_match = http::if_match(&req)?;
    let organization = service::update(&state.services, &caller, id.into_inner(), if_match, body.0).await?;
    http::versioned(&req, StatusCode::OK, organization.version, &organization)
}

//! `/organizations`: providers that are not States (UN entities, NHRIs, CSOs, ...).

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
use crate::db::organizations::{self as store, OrganizationFilter, OrganizationRow};
use crate::db::page::now;
use crate::domain::access::Caller;
use crate::domain::ids;
use crate::domain::validate::{Checks, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use crate::domain::vocab::OrganizationKind;
use crate::error::{AppError, AppResult};

#[derive(Debug, Serialize, ToSchema)]
pub struct Organization {
    #[schema(example = "org_01935c3ea0b37d51a1f1c5e0f6d0a7b2")]
    pub id: String,
    pub kind: OrganizationKind,
    #[schema(example = "OHCHR Regional Office for East Africa")]
    pub name: String,
    /// Home State (alpha-3), if any.
    pub country: Option<String>,
    pub website: Option<String>,
    pub description: String,
    /// Increments on every change; send it (or the ETag) back in `If-Match` to update.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrganization {
    pub kind: OrganizationKind,
    #[schema(min_length = 1, max_length = 300)]
    pub name: String,
    pub country: Option<String>,
    pub website: Option<String>,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
}

/// Fields to change; absent fields stay as they are, `null` clears an optional one.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationChanges {
    pub kind: Option<OrganizationKind>,
    #[schema(min_length = 1, max_length = 300)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "http::nullable")]
    #[schema(value_type = Option<String>, nullable)]
    pub country: Option<Option<String>>,
    #[serde(default, deserialize_with = "http::nullable")]
    #[schema(value_type = Option<String>, nullable)]
    pub website: Option<Option<String>>,
    #[schema(max_length = 20000)]
    pub description: Option<String>,
}

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

fn view(row: OrganizationRow) -> AppResult<Organization> {
    Ok(Organization {
        kind: OrganizationKind::parse(&row.kind).ok_or_else(|| AppError::internal("stored kind is unknown"))?,
        id: row.id,
        name: row.name,
        country: row.country,
        website: row.website,
        description: row.description,
        version: row.version,
        created_at: http::utc(row.created_at),
        updated_at: http::utc(row.updated_at),
    })
}

/// The editable fields of an organization, checked and normalised.
struct Fields {
    kind: String,
    name: String,
    country: Option<String>,
    website: Option<String>,
    description: String,
}

impl Fields {
    fn checked(
        kind: OrganizationKind,
        name: &str,
        country: Option<&str>,
        website: Option<&str>,
        description: &str,
    ) -> AppResult<Fields> {
        let mut c = Checks::new();
        let name = c.required_text("name", name, MAX_TITLE_CHARS);
        let country = country.map(|code| c.state("country", code));
        let website = website.map(|w| {
            let w = c.optional_text("website", w, 500);
            if !(w.starts_with("https://") || w.starts_with("http://")) {
                c.fail("website", "must be an http(s) URL");
            }
            w
        });
        let description = c.optional_text("description", description, MAX_TEXT_CHARS);
        c.finish()?;
        Ok(Fields { kind: kind.as_str().to_string(), name, country, website, description })
    }
}

/// Register an organization. **Roles:** admin.
#[utoipa::path(
    security(("api_key" = [])),
    tag = "organizations",
    request_body = NewOrganization,
    params(("Idempotency-Key" = Option<String>, Header, description = "Any unique string (1-200 printable characters) that makes a retried call safe: a retry within 24 hours gets the first answer (`Idempotent-Replayed: true`)")),
    responses(
        (status = 201, description = "Created", body = Organization,
         headers(("ETag" = String), ("Location" = String))),
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
    caller.must_be_admin()?;
    let JsonBody(b, bytes) = body;
    let once = Once::new(&req, "organizations", &bytes)?;
    let Fields { kind, name, country, website, description } =
        Fields::checked(b.kind, &b.name, b.country.as_deref(), b.website.as_deref(), &b.description)?;
    let at = now();
    let row = OrganizationRow {
        id: ids::new_id(ids::ORGANIZATION),
        kind,
        name,
        country,
        website,
        description,
        version: 1,
        created_at: at,
        updated_at: at,
    };
    let stored = row.clone();
    let replayed = state
        .db
        .write(move |conn| {
            if let Some(first) = once.replay(conn, &caller)? {
                return Ok(Some(first));
            }
            store::insert(conn, &stored)?;
            let created = view(stored.clone())?;
            record_change(conn, &caller, "create", "organization", &stored.id, None, None, &created)?;
            once.remember_created(conn, &caller, &created)?;
            Ok(None)
        })
        .await?;
    if let Some(first) = replayed {
        return first.response(Some("/api/v1/organizations"));
    }
    let location = format!("/api/v1/organizations/{}", row.id);
    http::created(&req, location, row.version, &view(row)?)
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
    let id = id.into_inner();
    let row = state
        .db
        .run(move |conn| store::find(conn, &id))
        .await?
        .ok_or_else(|| AppError::NotFound("organization".into()))?;
    http::versioned(&req, StatusCode::OK, row.version, &view(row)?)
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
    let request = page.clone();
    let rows = state.db.run(move |conn| store::list(conn, &filter, &request)).await?;
    http::json_response(&req, StatusCode::OK, &Page::from_rows(rows, &page, view)?, None)
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
    body: JsonBody<OrganizationChanges>,
) -> AppResult<HttpResponse> {
    caller.must_be_admin()?;
    let id = id.into_inner();
    let changes = body.0;
    let if_match = http::IfMatch::from_request(&req)?;
    let row = state
        .db
        .write(move |conn| {
            let mut row = store::find(conn, &id)?.ok_or_else(|| AppError::NotFound("organization".into()))?;
            if_match.check(row.version)?;
            let before = view(row.clone())?;
            let kind = match changes.kind {
                Some(k) => k,
                None => {
                    OrganizationKind::parse(&row.kind).ok_or_else(|| AppError::internal("stored kind is unknown"))?
                }
            };
            let name = changes.name.unwrap_or(row.name.clone());
            let country = changes.country.unwrap_or(row.country.clone());
            let website = changes.website.unwrap_or(row.website.clone());
            let description = changes.description.unwrap_or(row.description.clone());
            let Fields { kind, name, country, website, description } =
                Fields::checked(kind, &name, country.as_deref(), website.as_deref(), &description)?;
            let expected = row.version;
            row = OrganizationRow {
                kind,
                name,
                country,
                website,
                description,
                version: expected + 1,
                updated_at: now(),
                ..row
            };
            if !store::update(conn, &row, expected)? {
                return Err(AppError::PreconditionFailed("the organization changed meanwhile; fetch it again".into()));
            }
            record_change(conn, &caller, "update", "organization", &row.id, None, Some(&before), &view(row.clone())?)?;
            Ok(row)
        })
        .await?;
    http::versioned(&req, StatusCode::OK, row.version, &view(row)?)
}

//! `/keys`: API keys, managed by admins. A key's secret is shown once, at creation; only its
//! hash is stored. Revoked keys stay listed (with `revoked_at`) and fail at once everywhere.

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::audit::record_change;
use super::http::{self, JsonBody, Page};
use super::responses::{AccessErrors, CreateErrors, ListRead};
use super::AppState;
use crate::db::keys::{self as store, KeyRow};
use crate::db::organizations as organization_store;
use crate::db::page::now;
use crate::db::DbConn;
use crate::domain::access::{generate_secret, Caller, Role};
use crate::domain::ids;
use crate::domain::validate::{Checks, MAX_TITLE_CHARS};
use crate::error::{AppError, AppResult, Problem};

/// A key as listed: never its secret.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApiKey {
    #[schema(example = "key_01935c3ea0b37d51a1f1c5e0f6d0a7b2")]
    pub id: String,
    /// The first characters of the secret, to recognise it.
    #[schema(example = "tcm_3f9a1c2b")]
    pub prefix: String,
    pub role: Role,
    /// The State a `state` key acts for, or the donor State of a `provider` key.
    pub state: Option<String>,
    /// The organization of a `provider` key.
    pub organization_id: Option<String>,
    pub label: String,
    /// Key id of the admin who created it; null when made with `tcmatch create-key`.
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A new key, with its secret: store it now, it is never shown again.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedKey {
    /// Send as `Authorization: Bearer <secret>`.
    pub secret: String,
    #[serde(flatten)]
    pub key: ApiKey,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewKey {
    pub role: Role,
    /// For `state` keys (required) and donor-State `provider` keys.
    pub state: Option<String>,
    /// For organization `provider` keys.
    pub organization_id: Option<String>,
    /// Who or what the key is for.
    #[serde(default)]
    pub label: String,
}

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

fn view(row: KeyRow) -> AppResult<ApiKey> {
    Ok(ApiKey {
        role: Role::parse(&row.role).ok_or_else(|| AppError::internal("stored role is unknown"))?,
        id: row.id,
        prefix: row.prefix,
        state: row.state,
        organization_id: row.organization_id,
        label: row.label,
        created_by: row.created_by,
        created_at: http::utc(row.created_at),
        last_used_at: row.last_used_at.map(http::utc),
        revoked_at: row.revoked_at.map(http::utc),
    })
}

/// Checks the key's owner fields, creates it and records it in the audit trail. Shared by the
/// API and `tcmatch create-key` (which acts as `system`).
pub fn issue(conn: &mut DbConn, caller: &Caller, new: NewKey) -> AppResult<IssuedKey> {
    let mut c = Checks::new();
    let state = new.state.as_deref().map(|s| c.state("state", s));
    let label = c.optional_text("label", &new.label, MAX_TITLE_CHARS);
    match (new.role, &state, &new.organization_id) {
        (Role::Admin, None, None) | (Role::State, Some(_), None) => {}
        (Role::Provider, Some(_), None) | (Role::Provider, None, Some(_)) => {}
        (Role::Admin, _, _) => c.fail("role", "an admin key acts for no State or organization"),
        (Role::State, None, _) => c.fail("state", "a state key needs the State it acts for"),
        (Role::State, Some(_), Some(_)) => c.fail("organization_id", "a state key has no organization"),
        (Role::Provider, None, None) => {
            c.fail("organization_id", "a provider key needs an organization_id or a donor state")
        }
        (Role::Provider, Some(_), Some(_)) => {
            c.fail("state", "a provider key acts for an organization or a State, not both")
        }
    }
    c.finish()?;
    if let Some(org) = &new.organization_id {
        if organization_store::find(conn, org)?.is_none() {
            return Err(AppError::invalid("organization_id", format!("no organization '{org}'")));
        }
    }
    let secret = generate_secret()?;
    let row = KeyRow {
        id: ids::new_id(ids::API_KEY),
        prefix: secret.prefix,
        secret_hash: secret.hash,
        role: new.role.as_str().to_string(),
        state,
        organization_id: new.organization_id,
        label,
        created_by: caller.identity.as_ref().map(|i| i.key_id.clone()),
        created_at: now(),
        last_used_at: None,
        revoked_at: None,
    };
    store::insert(conn, &row)?;
    let key = view(row)?;
    record_change(conn, caller, "create", "key", &key.id, None, None, &key)?;
    Ok(IssuedKey { secret: secret.secret, key })
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
    caller.must_be_admin()?;
    let new = body.0;
    let issued = state.services.db.write(move |conn| issue(conn, &caller, new)).await?;
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
    caller.must_be_admin()?;
    let page = http::page_request(q.limit.as_deref(), q.cursor.as_deref(), ids::API_KEY)?;
    let include_revoked = match q.include_revoked.as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(AppError::bad_param("include_revoked", "must be true or false")),
    };
    let request = page.clone();
    let rows = state.services.db.run(move |conn| store::list(conn, include_revoked, &request)).await?;
    http::json_response(&req, StatusCode::OK, &Page::from_rows(rows, &page, view)?, None)
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
    caller.must_be_admin()?;
    let id = id.into_inner();
    let key = state
        .services
        .db
        .write(move |conn| {
            let before = view(store::find(conn, &id)?.ok_or_else(|| AppError::NotFound("key".into()))?)?;
            if !store::revoke(conn, &id, now())? {
                return Err(AppError::Conflict("the key is already revoked".into()));
            }
            let after = view(store::find(conn, &id)?.ok_or_else(|| AppError::NotFound("key".into()))?)?;
            record_change(conn, &caller, "revoke", "key", &id, None, Some(&before), &after)?;
            Ok(after)
        })
        .await?;
    http::json_response(&req, StatusCode::OK, &key, None)
}

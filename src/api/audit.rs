//! `/audit`: the append-only trail of every write. Admins read all of it; a State reads the
//! events on its own requests.

use actix_web::http::StatusCode;
use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::http::{self, Page};
use super::responses::{AccessErrors, ListRead};
use super::AppState;
use crate::db::audit::{self as store, AuditFilter, AuditRow, Entry};
use crate::db::DbConn;
use crate::domain::access::{Caller, Role};
use crate::domain::audit::{changes, Action, Resource};
use crate::domain::ids;
use crate::error::{AppError, AppResult};

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEvent {
    pub id: String,
    pub at: DateTime<Utc>,
    /// The API key that made the change; null for the command line (`system`).
    pub actor_key_id: Option<String>,
    /// `admin`, `state`, `provider` or `system`.
    pub actor_role: String,
    pub actor_state: Option<String>,
    pub actor_organization_id: Option<String>,
    /// `create`, `update`, `consent`, `import` or `revoke`.
    pub action: String,
    /// `organization`, `recommendation`, `request`, `offer`, `engagement` or `key`.
    pub resource: String,
    pub resource_id: String,
    /// The State whose request the event concerns.
    pub owner_state: Option<String>,
    /// `{field: {before, after}}` for changes, or a summary (imports, keys).
    #[schema(value_type = Object)]
    pub changes: serde_json::Value,
    /// The `X-Request-Id` of the call that made the change.
    pub request_id: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Page size, 1-200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// `organization`, `recommendation`, `request`, `offer`, `engagement` or `key`.
    pub resource: Option<String>,
    pub resource_id: Option<String>,
    /// The key id of the actor.
    pub actor: Option<String>,
    /// Events at or after this RFC 3339 time.
    #[param(value_type = Option<DateTime<Utc>>)]
    pub since: Option<String>,
    /// Events before this RFC 3339 time.
    #[param(value_type = Option<DateTime<Utc>>)]
    pub until: Option<String>,
}

const RESOURCES: &[&str] = &["organization", "recommendation", "request", "offer", "engagement", "key"];

/// Records one write in the audit trail, inside the write's transaction: the fields that differ
/// between `before` (none for a creation) and `after`.
#[allow(clippy::too_many_arguments)]
pub fn record_change<T: Serialize>(
    conn: &mut DbConn,
    caller: &Caller,
    action: &str,
    resource: &str,
    resource_id: &str,
    owner_state: Option<&str>,
    before: Option<&T>,
    after: &T,
) -> AppResult<()> {
    let to_value = |v: &T| serde_json::to_value(v).map_err(AppError::internal);
    let before = before.map(to_value).transpose()?.unwrap_or(serde_json::Value::Null);
    let action = Action::parse(action).ok_or_else(|| AppError::internal("unknown audit action"))?;
    let resource = Resource::parse(resource).ok_or_else(|| AppError::internal("unknown audit resource"))?;
    let entry = Entry { action, resource, resource_id, owner_state, changes: changes(&before, &to_value(after)?) };
    store::record(conn, caller, entry)
}

fn view(row: AuditRow) -> AppResult<AuditEvent> {
    Ok(AuditEvent {
        changes: serde_json::from_str(&row.changes).map_err(AppError::internal)?,
        id: row.id,
        at: http::utc(row.at),
        actor_key_id: row.actor_key_id,
        actor_role: row.actor_role,
        actor_state: row.actor_state,
        actor_organization_id: row.actor_organization_id,
        action: row.action,
        resource: row.resource,
        resource_id: row.resource_id,
        owner_state: row.owner_state,
        request_id: row.request_id,
    })
}

/// Read the audit trail, oldest first. **Roles:** admin (everything); state (the events on its
/// own requests and their engagements).
#[utoipa::path(
    tag = "audit",
    params(AuditQuery),
    security(("api_key" = [])),
    responses(
        (status = 200, body = Page<AuditEvent>, headers(("ETag" = String))),
        ListRead,
        AccessErrors,
    )
)]
#[get("/audit")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    q: http::Params<AuditQuery>,
) -> AppResult<HttpResponse> {
    let key = caller.key()?;
    let owner_state = match key.role {
        Role::Admin => None,
        Role::State => key.state.clone(),
        Role::Provider => return Err(AppError::Forbidden("provider keys cannot read the audit trail".into())),
    };
    let q = q.into_inner();
    let page = http::page_request(q.limit.as_deref(), q.cursor.as_deref(), ids::AUDIT_EVENT)?;
    if let Some(r) = q.resource.as_deref() {
        if !RESOURCES.contains(&r) {
            return Err(AppError::bad_param("resource", format!("must be one of {}", RESOURCES.join(", "))));
        }
    }
    let filter = AuditFilter {
        resource: q.resource,
        resource_id: q.resource_id,
        actor_key_id: q.actor,
        owner_state,
        since: http::timestamp_param("since", q.since.as_deref())?,
        until: http::timestamp_param("until", q.until.as_deref())?,
    };
    let request = page.clone();
    let rows = state.services.db.run(move |conn| store::list(conn, &filter, &request)).await?;
    http::json_response(&req, StatusCode::OK, &Page::from_rows(rows, &page, view)?, None)
}

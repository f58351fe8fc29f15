//! The audit trail of every write, read back: admins read all of it; a State reads the events
//! on its own requests and their engagements.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::Services;
use crate::db::audit::{self as store, AuditFilter, AuditRow};
use crate::db::page::{PageOf, PageRequest};
use crate::domain::access::{Caller, Role};
use crate::domain::audit::readable;
use crate::error::{AppError, AppResult, Said};

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

pub fn view(row: AuditRow) -> AppResult<AuditEvent> {
    Ok(AuditEvent {
        changes: readable(&row.action, serde_json::from_str(&row.changes).map_err(AppError::internal)?),
        id: row.id,
        at: row.at.and_utc(),
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

/// The events `filter` selects that the caller may read, oldest first.
pub async fn list(
    services: &Services,
    caller: &Caller,
    mut filter: AuditFilter,
    page: PageRequest,
) -> AppResult<PageOf<AuditRow>> {
    let key = caller.key()?;
    filter.owner_state = match key.role {
        Role::Admin => None,
        Role::State => key.state.clone(),
        Role::Provider => return Err(AppError::Forbidden(Said::of("forbidden-audit-provider"))),
    };
    services.db.run(move |conn| store::list(conn, &filter, &page)).await
}

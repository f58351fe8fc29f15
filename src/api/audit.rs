//! `/audit`: the append-only trail of every write (see [`service`]).

use actix_web::http::StatusCode;
use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::http::{self, Page};
use super::responses::{AccessErrors, ListRead};
use super::AppState;
use crate::db::audit::AuditFilter;
use crate::domain::access::Caller;
use crate::domain::audit::Resource;
use crate::domain::ids;
use crate::error::AppResult;
use crate::service::audit::{self as service, AuditEvent};

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
    let q = q.into_inner();
    let page = http::page_request(q.limit.as_deref(), q.cursor.as_deref(), ids::AUDIT_EVENT)?;
    let filter = AuditFilter {
        resource: http::vocab_param("resource", q.resource.as_deref(), Resource::parse, Resource::expected)?,
        resource_id: q.resource_id,
        actor_key_id: q.actor,
        owner_state: None,
        since: http::timestamp_param("since", q.since.as_deref())?,
        until: http::timestamp_param("until", q.until.as_deref())?,
    };
    let rows = service::list(&state.services, &caller, filter, page.clone()).await?;
    http::json_response(&req, StatusCode::OK, &Page::from_rows(rows, &page, service::view)?, None)
}

//! `/requests/{id}/consent`: the requesting State's consent decisions, kept as history.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::audit::record_change;
use super::http::{self, JsonBody};
use super::requests::load;
use super::responses::{AccessErrors, CreateErrors, ItemRead};
use super::AppState;
use crate::db::changes;
use crate::db::page::now;
use crate::db::requests::{self as store, ConsentEventRow, RequestRow};
use crate::domain::access::Caller;
use crate::domain::ids;
use crate::domain::validate::{Checks, MAX_TEXT_CHARS};
use crate::domain::vocab::ConsentStatus;
use crate::error::{AppError, AppResult, Problem};

/// One recorded consent decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentEvent {
    pub id: String,
    pub request_id: String,
    pub status: ConsentStatus,
    /// The status before this decision; null for the first event.
    pub previous_status: Option<ConsentStatus>,
    pub note: String,
    /// Who recorded it (the API key's owner, once keys exist); null when unknown.
    pub recorded_by: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentHistory {
    pub request_id: String,
    /// The current status (the newest event's).
    pub status: ConsentStatus,
    /// Every decision, newest first.
    pub history: Vec<ConsentEvent>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentDecision {
    /// `granted`, `refused` or `withdrawn` (`pending` is only the initial state).
    pub status: ConsentStatus,
    /// Why, or under what conditions (e.g. the scope of sharing).
    #[serde(default)]
    pub note: String,
}

fn view(row: ConsentEventRow) -> AppResult<ConsentEvent> {
    let parse = |s: &str| ConsentStatus::parse(s).ok_or_else(|| AppError::internal("stored consent status is unknown"));
    Ok(ConsentEvent {
        status: parse(&row.status)?,
        previous_status: row.previous_status.as_deref().map(parse).transpose()?,
        id: row.id,
        request_id: row.request_id,
        note: row.note,
        recorded_by: row.recorded_by,
        recorded_at: http::utc(row.recorded_at),
    })
}

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
    caller.key()?;
    let id = id.into_inner();
    let decision = body.0;
    let mut c = Checks::new();
    let note = c.optional_text("note", &decision.note, MAX_TEXT_CHARS);
    c.finish()?;
    let (event, version) = state
        .services
        .db
        .write(move |conn| {
            let row = load(conn, &id, &caller.request_scope())?;
            caller.may_act_for_state(&row.state)?;
            let current = ConsentStatus::parse(&row.consent_status)
                .ok_or_else(|| AppError::internal("stored consent status is unknown"))?;
            current.may_become(decision.status).map_err(AppError::Conflict)?;
            let at = now();
            let event = ConsentEventRow {
                id: ids::new_id(ids::CONSENT_EVENT),
                request_id: row.id.clone(),
                status: decision.status.as_str().to_string(),
                previous_status: Some(current.as_str().to_string()),
                note,
                recorded_by: caller.recorded_as(),
                recorded_at: at,
            };
            let updated = RequestRow {
                consent_status: event.status.clone(),
                consent_updated_at: at,
                version: row.version + 1,
                updated_at: at,
                ..row.clone()
            };
            if !store::update(conn, &updated, row.version, None)? {
                return Err(AppError::Conflict("the request changed meanwhile; retry".into()));
            }
            store::insert_consent_event(conn, &event)?;
            changes::record(conn, changes::Entity::Request, &row.id)?;
            let before = serde_json::json!({"consent": current, "version": row.version});
            let after = serde_json::json!({"consent": decision.status, "note": event.note, "version": updated.version});
            record_change(conn, &caller, "consent", "request", &row.id, Some(&row.state), Some(&before), &after)?;
            Ok((event, updated.version))
        })
        .await?;
    state.services.matching.catch_up(&state.services.db).await;
    let location = format!("/api/v1/requests/{}/consent", event.request_id);
    http::created(&req, location, version, &view(event)?)
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
    let id = id.into_inner();
    let (row, events) = state
        .services
        .db
        .run(move |conn| {
            let row = load(conn, &id, &caller.request_scope())?;
            caller.may_act_for_state(&row.state)?;
            let events = store::consent_history(conn, &id)?;
            Ok((row, events))
        })
        .await?;
    let body = ConsentHistory {
        status: ConsentStatus::parse(&row.consent_status)
            .ok_or_else(|| AppError::internal("stored consent status is unknown"))?,
        request_id: row.id,
        history: events.into_iter().map(view).collect::<AppResult<_>>()?,
    };
    http::json_response(&req, StatusCode::OK, &body, None)
}

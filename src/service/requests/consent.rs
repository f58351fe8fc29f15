//! A requesting State's consent decisions on its request: recorded one after another (never
//! back to pending, never twice the same), kept as history, and read back.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::load;
use crate::db::changes::Entity;
use crate::db::page::now;
use crate::db::requests::{self as store, ConsentEventRow, RequestRow};
use crate::domain::access::Caller;
use crate::domain::audit::{Action, Resource};
use crate::domain::ids;
use crate::domain::validate::{Checks, MAX_TEXT_CHARS};
use crate::domain::vocab::ConsentStatus;
use crate::error::{AppError, AppResult, Said};
use crate::service::webhooks;
use crate::service::write::{Audit, Tx};
use crate::service::Services;

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

fn consent_view(row: ConsentEventRow) -> AppResult<ConsentEvent> {
    let parse = |s: &str| ConsentStatus::parse(s).ok_or_else(|| AppError::internal("stored consent status is unknown"));
    Ok(ConsentEvent {
        status: parse(&row.status)?,
        previous_status: row.previous_status.as_deref().map(parse).transpose()?,
        id: row.id,
        request_id: row.request_id,
        note: row.note,
        recorded_by: row.recorded_by,
        recorded_at: row.recorded_at.and_utc(),
    })
}

/// Records the State's consent decision on its request (the request's version changes with
/// it); returns the event and the request's new version. Admins, and the request's State.
pub async fn record_consent(
    services: &Services,
    caller: &Caller,
    id: String,
    decision: ConsentDecision,
) -> AppResult<(ConsentEvent, i64)> {
    caller.key()?;
    let mut c = Checks::new();
    let note = c.optional_text("note", &decision.note, MAX_TEXT_CHARS);
    c.finish()?;
    let (event, version) = services.write(caller, move |tx| record_in(tx, &id, decision.status, note)).await?;
    webhooks::announce_after_write(services, vec![], vec![event.request_id.clone()]).await;
    Ok((consent_view(event)?, version))
}

/// Records a consent decision on the request `id` within a write: the event, and the request's
/// new version. The caller must act for the request's State.
pub(super) fn record_in(
    tx: &mut Tx<'_>,
    id: &str,
    status: ConsentStatus,
    note: String,
) -> AppResult<(ConsentEventRow, i64)> {
    let caller = tx.caller().clone();
    let row = load(tx.conn(), &caller, id)?;
    caller.may_act_for_state(&row.state)?;
    let current = ConsentStatus::parse(&row.consent_status)
        .ok_or_else(|| AppError::internal("stored consent status is unknown"))?;
    current.may_become(status).map_err(AppError::Conflict)?;
    let at = now();
    let event = ConsentEventRow {
        id: ids::new_id(ids::CONSENT_EVENT),
        request_id: row.id.clone(),
        status: status.as_str().to_string(),
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
    if !store::update(tx.conn(), &updated, row.version, None)? {
        return Err(AppError::Conflict(Said::of("conflict-request-changed")));
    }
    store::insert_consent_event(tx.conn(), &event)?;
    tx.changed(Entity::Request, &row.id)?;
    webhooks::consent_changed(tx, &row.id, &row.state, current.as_str(), status.as_str())?;
    let before = serde_json::json!({"consent": current, "version": row.version});
    let after = serde_json::json!({"consent": status, "note": event.note, "version": updated.version});
    tx.audit(Audit {
        action: Action::Consent,
        resource: Resource::Request,
        id: &row.id,
        owner_state: Some(&row.state),
        before: Some(&before),
        after: &after,
    })?;
    Ok((event, updated.version))
}

/// The full consent history of a request, newest first. Admins, and the request's State.
pub async fn consent_history(services: &Services, caller: &Caller, id: String) -> AppResult<ConsentHistory> {
    let caller = caller.clone();
    let (row, events) = services
        .db
        .run(move |conn| {
            let row = load(conn, &caller, &id)?;
            caller.may_act_for_state(&row.state)?;
            let events = store::consent_history(conn, &id)?;
            Ok((row, events))
        })
        .await?;
    Ok(ConsentHistory {
        status: ConsentStatus::parse(&row.consent_status)
            .ok_or_else(|| AppError::internal("stored consent status is unknown"))?,
        request_id: row.id,
        history: events.into_iter().map(consent_view).collect::<AppResult<_>>()?,
    })
}

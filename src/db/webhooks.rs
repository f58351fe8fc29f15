//! Webhook subscriptions, their deliveries (the outbox), and the pairs each has announced.

use diesel::prelude::*;

use super::schema::{api_keys, webhook_deliveries, webhook_matches, webhooks};
use super::{DbConn, MultiBackend};
use crate::error::AppResult;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhooks)]
pub struct WebhookRow {
    pub id: String,
    pub key_id: String,
    pub url: String,
    /// The key that signs each delivery (HMAC-SHA256).
    pub secret: String,
    /// JSON array of event names.
    pub events: String,
    pub min_score: f64,
    pub created_at: chrono::NaiveDateTime,
    pub removed_at: Option<chrono::NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhook_deliveries, treat_none_as_default_value = false)]
pub struct DeliveryRow {
    pub id: String,
    pub webhook_id: String,
    pub event: String,
    pub payload: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: chrono::NaiveDateTime,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub finished_at: Option<chrono::NaiveDateTime>,
}

/// A live subscription with what its key may see: the key's role, State and organization.
#[derive(Debug, Clone)]
pub struct Subscriber {
    pub webhook: WebhookRow,
    pub role: String,
    pub state: Option<String>,
    pub organization_id: Option<String>,
}

pub fn insert(conn: &mut DbConn, row: &WebhookRow) -> AppResult<()> {
    diesel::insert_into(webhooks::table).values(row).execute(conn)?;
    Ok(())
}

/// The live subscriptions of a key (all, for `None`), oldest first.
pub fn of_key(conn: &mut DbConn, key_id: Option<&str>) -> AppResult<Vec<WebhookRow>> {
    let mut q = webhooks::table.filter(webhooks::removed_at.is_null()).into_boxed::<MultiBackend>();
    if let Some(key) = key_id {
        q = q.filter(webhooks::key_id.eq(key.to_string()));
    }
    Ok(q.order(webhooks::id.asc()).select(WebhookRow::as_select()).load(conn)?)
}

pub fn find(conn: &mut DbConn, id: &str) -> AppResult<Option<WebhookRow>> {
    Ok(webhooks::table.find(id).select(WebhookRow::as_select()).first(conn).optional()?)
}

pub fn remove(conn: &mut DbConn, id: &str, at: chrono::NaiveDateTime) -> AppResult<()> {
    diesel::update(webhooks::table.find(id)).set(webhooks::removed_at.eq(Some(at))).execute(conn)?;
    Ok(())
}

/// The live subscriptions to `event` whose keys are not revoked, with what each key may see.
pub fn subscribers(conn: &mut DbConn, event: &str) -> AppResult<Vec<Subscriber>> {
    let pattern = format!("%\"{event}\"%");
    Ok(webhooks::table
        .inner_join(api_keys::table)
        .filter(webhooks::removed_at.is_null())
        .filter(api_keys::revoked_at.is_null())
        .filter(webhooks::events.like(pattern))
        .order(webhooks::id.asc())
        .select((WebhookRow::as_select(), api_keys::role, api_keys::state, api_keys::organization_id))
        .load::<(WebhookRow, String, Option<String>, Option<String>)>(conn)?
        .into_iter()
        .map(|(webhook, role, state, organization_id)| Subscriber { webhook, role, state, organization_id })
        .collect())
}

pub fn enqueue(conn: &mut DbConn, rows: &[DeliveryRow]) -> AppResult<()> {
    for chunk in rows.chunks(1000) {
        super::insert_all!(conn, webhook_deliveries::table, chunk)?;
    }
    Ok(())
}

/// Up to `limit` deliveries due by `now`, oldest first.
pub fn due(conn: &mut DbConn, now: chrono::NaiveDateTime, limit: i64) -> AppResult<Vec<DeliveryRow>> {
    Ok(webhook_deliveries::table
        .filter(webhook_deliveries::status.eq("pending"))
        .filter(webhook_deliveries::next_attempt_at.le(now))
        .order(webhook_deliveries::next_attempt_at.asc())
        .limit(limit)
        .select(DeliveryRow::as_select())
        .load(conn)?)
}

/// Takes a due delivery for one attempt: pushes its next attempt to `lease_until` if it is still
/// as read (another instance may have taken it); whether this caller has it.
pub fn claim(conn: &mut DbConn, row: &DeliveryRow, lease_until: chrono::NaiveDateTime) -> AppResult<bool> {
    let n = diesel::update(
        webhook_deliveries::table
            .find(&row.id)
            .filter(webhook_deliveries::status.eq("pending"))
            .filter(webhook_deliveries::next_attempt_at.eq(row.next_attempt_at)),
    )
    .set(webhook_deliveries::next_attempt_at.eq(lease_until))
    .execute(conn)?;
    Ok(n == 1)
}

/// Records an attempt's outcome.
pub fn record_attempt(conn: &mut DbConn, row: &DeliveryRow) -> AppResult<()> {
    diesel::update(webhook_deliveries::table.find(&row.id))
        .set((
            webhook_deliveries::status.eq(&row.status),
            webhook_deliveries::attempts.eq(row.attempts),
            webhook_deliveries::next_attempt_at.eq(row.next_attempt_at),
            webhook_deliveries::last_status.eq(row.last_status),
            webhook_deliveries::last_error.eq(&row.last_error),
            webhook_deliveries::finished_at.eq(row.finished_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// A subscription's deliveries, newest first, at most `limit`.
pub fn deliveries(conn: &mut DbConn, webhook_id: &str, limit: i64) -> AppResult<Vec<DeliveryRow>> {
    Ok(webhook_deliveries::table
        .filter(webhook_deliveries::webhook_id.eq(webhook_id))
        .order(webhook_deliveries::id.desc())
        .limit(limit)
        .select(DeliveryRow::as_select())
        .load(conn)?)
}

/// Remembers that a subscription announced a pair; false when it had already.
pub fn first_announcement(conn: &mut DbConn, webhook_id: &str, request_id: &str, offer_id: &str) -> AppResult<bool> {
    let known: i64 = webhook_matches::table
        .filter(webhook_matches::webhook_id.eq(webhook_id))
        .filter(webhook_matches::request_id.eq(request_id))
        .filter(webhook_matches::offer_id.eq(offer_id))
        .count()
        .get_result(conn)?;
    if known > 0 {
        return Ok(false);
    }
    diesel::insert_into(webhook_matches::table)
        .values((
            webhook_matches::webhook_id.eq(webhook_id),
            webhook_matches::request_id.eq(request_id),
            webhook_matches::offer_id.eq(offer_id),
        ))
        .execute(conn)?;
    Ok(true)
}

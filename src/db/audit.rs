//! The audit trail: one row per write, appended in the write's own transaction, never changed.

use diesel::prelude::*;

use super::page::{PageOf, PageRequest};
use super::schema::audit_events;
use super::{DbConn, MultiBackend};
use crate::domain::access::Caller;
use crate::domain::audit::{Action, Resource};
use crate::domain::ids;
use crate::error::AppResult;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events, treat_none_as_default_value = false)]
pub struct AuditRow {
    pub id: String,
    pub at: chrono::NaiveDateTime,
    pub actor_key_id: Option<String>,
    pub actor_role: String,
    pub actor_state: Option<String>,
    pub actor_organization_id: Option<String>,
    pub action: String,
    pub resource: String,
    pub resource_id: String,
    pub owner_state: Option<String>,
    /// JSON object: what changed.
    pub changes: String,
    pub request_id: Option<String>,
}

/// What one write did, to be recorded with [`record`].
pub struct Entry<'a> {
    pub action: Action,
    pub resource: Resource,
    pub resource_id: &'a str,
    /// The State whose request this concerns, if any.
    pub owner_state: Option<&'a str>,
    /// JSON object: what changed (see [`crate::domain::audit`]).
    pub changes: String,
}

/// Appends the event; call it inside the write's transaction.
pub fn record(conn: &mut DbConn, caller: &Caller, entry: Entry<'_>) -> AppResult<()> {
    diesel::insert_into(audit_events::table).values(&row_of(caller, entry)).execute(conn)?;
    Ok(())
}

/// Records many events of one caller, many rows per statement (a bulk submission).
pub fn record_many(conn: &mut DbConn, caller: &Caller, entries: Vec<Entry<'_>>) -> AppResult<()> {
    let rows: Vec<AuditRow> = entries.into_iter().map(|e| row_of(caller, e)).collect();
    for chunk in rows.chunks(2000) {
        super::insert_all!(conn, audit_events::table, chunk)?;
    }
    Ok(())
}

fn row_of(caller: &Caller, entry: Entry<'_>) -> AuditRow {
    let identity = caller.identity.as_ref();
    AuditRow {
        id: ids::new_id(ids::AUDIT_EVENT),
        at: super::page::now(),
        actor_key_id: identity.map(|i| i.key_id.clone()),
        actor_role: identity.map_or("system", |i| i.role.as_str()).to_string(),
        actor_state: identity.and_then(|i| i.state.clone()),
        actor_organization_id: identity.and_then(|i| i.organization_id.clone()),
        action: entry.action.as_str().to_string(),
        resource: entry.resource.as_str().to_string(),
        resource_id: entry.resource_id.to_string(),
        owner_state: entry.owner_state.map(str::to_string),
        changes: entry.changes,
        request_id: caller.request_id.clone(),
    }
}

#[derive(Debug, Default)]
pub struct AuditFilter {
    pub resource: Option<Resource>,
    pub resource_id: Option<String>,
    pub actor_key_id: Option<String>,
    /// Only events on this State's requests (what a State may read).
    pub owner_state: Option<String>,
    pub since: Option<chrono::NaiveDateTime>,
    pub until: Option<chrono::NaiveDateTime>,
}

fn filtered<'a>(f: &'a AuditFilter) -> audit_events::BoxedQuery<'a, MultiBackend> {
    let mut q = audit_events::table.into_boxed();
    if let Some(resource) = f.resource {
        q = q.filter(audit_events::resource.eq(resource.as_str()));
    }
    if let Some(id) = &f.resource_id {
        q = q.filter(audit_events::resource_id.eq(id));
    }
    if let Some(actor) = &f.actor_key_id {
        q = q.filter(audit_events::actor_key_id.eq(actor));
    }
    if let Some(state) = &f.owner_state {
        q = q.filter(audit_events::owner_state.eq(state));
    }
    if let Some(since) = f.since {
        q = q.filter(audit_events::at.ge(since));
    }
    if let Some(until) = f.until {
        q = q.filter(audit_events::at.lt(until));
    }
    q
}

pub fn list(conn: &mut DbConn, f: &AuditFilter, page: &PageRequest) -> AppResult<PageOf<AuditRow>> {
    let total = filtered(f).count().get_result(conn)?;
    let mut q = filtered(f);
    if let Some(after) = &page.after {
        q = q.filter(audit_events::id.gt(after));
    }
    let rows = q.order(audit_events::id.asc()).limit(page.limit + 1).select(AuditRow::as_select()).load(conn)?;
    Ok(PageOf::from_rows(rows, page, total, |r| &r.id))
}

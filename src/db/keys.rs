//! API keys: stored by the SHA-256 of their secret, revoked by date, never deleted.

use diesel::prelude::*;

use super::page::{PageOf, PageRequest};
use super::schema::api_keys;
use super::DbConn;
use crate::error::AppResult;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_keys)]
pub struct KeyRow {
    pub id: String,
    pub prefix: String,
    pub secret_hash: String,
    pub role: String,
    pub state: Option<String>,
    pub organization_id: Option<String>,
    pub label: String,
    pub created_by: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub last_used_at: Option<chrono::NaiveDateTime>,
    pub revoked_at: Option<chrono::NaiveDateTime>,
}

pub fn insert(conn: &mut DbConn, row: &KeyRow) -> AppResult<()> {
    diesel::insert_into(api_keys::table).values(row).execute(conn)?;
    Ok(())
}

/// The unrevoked key with this secret hash, if any.
pub fn find_active(conn: &mut DbConn, secret_hash: &str) -> AppResult<Option<KeyRow>> {
    Ok(api_keys::table
        .filter(api_keys::secret_hash.eq(secret_hash))
        .filter(api_keys::revoked_at.is_null())
        .select(KeyRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn find(conn: &mut DbConn, id: &str) -> AppResult<Option<KeyRow>> {
    Ok(api_keys::table.find(id).select(KeyRow::as_select()).first(conn).optional()?)
}

/// Records when the key was last used (callers do so at most once a minute per instance).
pub fn record_use(conn: &mut DbConn, id: &str, now: chrono::NaiveDateTime) -> AppResult<()> {
    diesel::update(api_keys::table.find(id)).set(api_keys::last_used_at.eq(now)).execute(conn)?;
    Ok(())
}

/// Marks the key revoked; false if it was already.
pub fn revoke(conn: &mut DbConn, id: &str, at: chrono::NaiveDateTime) -> AppResult<bool> {
    let n = diesel::update(api_keys::table.find(id).filter(api_keys::revoked_at.is_null()))
        .set(api_keys::revoked_at.eq(at))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn list(conn: &mut DbConn, include_revoked: bool, page: &PageRequest) -> AppResult<PageOf<KeyRow>> {
    let filtered = || {
        let mut q = api_keys::table.into_boxed();
        if !include_revoked {
            q = q.filter(api_keys::revoked_at.is_null());
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let mut q = filtered();
    if let Some(after) = &page.after {
        q = q.filter(api_keys::id.gt(after));
    }
    let rows = q.order(api_keys::id.asc()).limit(page.limit + 1).select(KeyRow::as_select()).load(conn)?;
    Ok(PageOf::from_rows(rows, page, total, |r| &r.id))
}

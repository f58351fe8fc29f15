//! Sessions of the web pages, stored by the SHA-256 of their secret.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::keys::KeyRow;
use super::schema::{api_keys, web_sessions};
use super::DbConn;
use crate::error::AppResult;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = web_sessions)]
pub struct SessionRow {
    pub secret_hash: String,
    pub key_id: String,
    pub csrf_token: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, row: &SessionRow) -> AppResult<()> {
    diesel::insert_into(web_sessions::table).values(row).execute(conn)?;
    Ok(())
}

/// The session and its key, if the session has not expired by `now` and its key is not revoked.
pub fn find_live(conn: &mut DbConn, secret_hash: &str, now: NaiveDateTime) -> AppResult<Option<(SessionRow, KeyRow)>> {
    Ok(web_sessions::table
        .inner_join(api_keys::table)
        .filter(web_sessions::secret_hash.eq(secret_hash))
        .filter(web_sessions::expires_at.gt(now))
        .filter(api_keys::revoked_at.is_null())
        .select((SessionRow::as_select(), KeyRow::as_select()))
        .first(conn)
        .optional()?)
}

/// Ends a session; true if there was one.
pub fn delete(conn: &mut DbConn, secret_hash: &str) -> AppResult<bool> {
    Ok(diesel::delete(web_sessions::table.filter(web_sessions::secret_hash.eq(secret_hash))).execute(conn)? > 0)
}

/// Forgets the sessions that expired before `now`; how many.
pub fn delete_expired(conn: &mut DbConn, now: NaiveDateTime) -> AppResult<usize> {
    Ok(diesel::delete(web_sessions::table.filter(web_sessions::expires_at.le(now))).execute(conn)?)
}

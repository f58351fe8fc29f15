//! The change sequence: each write to an offer, a request or an engagement appends
//! `(seq, entity, id)` in its transaction; every instance's matcher follows it.

use diesel::prelude::*;

use super::schema::changes;
use super::DbConn;
use crate::error::AppResult;

pub const OFFER: &str = "offer";
pub const REQUEST: &str = "request";

pub fn record(conn: &mut DbConn, entity: &str, id: &str) -> AppResult<()> {
    diesel::insert_into(changes::table)
        .values((changes::entity.eq(entity), changes::entity_id.eq(id)))
        .execute(conn)?;
    Ok(())
}

/// Changes after `seq`, oldest first.
pub fn after(conn: &mut DbConn, seq: i64, limit: i64) -> AppResult<Vec<(i64, String, String)>> {
    Ok(changes::table
        .filter(changes::seq.gt(seq))
        .order(changes::seq.asc())
        .limit(limit)
        .select((changes::seq, changes::entity, changes::entity_id))
        .load(conn)?)
}

/// The newest sequence number (0 for none): where a freshly loaded index starts following.
pub fn latest(conn: &mut DbConn) -> AppResult<i64> {
    Ok(changes::table.select(diesel::dsl::max(changes::seq)).first::<Option<i64>>(conn)?.unwrap_or(0))
}

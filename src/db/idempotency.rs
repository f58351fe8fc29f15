//! Stored answers to calls made with an `Idempotency-Key`: looked up and written inside the
//! call's own transaction, so a retry never does the work twice. Answers are kept for
//! [`KEPT_FOR_HOURS`]; after that the same key starts a new call.

use diesel::prelude::*;

use super::page::now;
use super::schema::idempotency_keys;
use super::DbConn;
use crate::error::{AppError, AppResult, Said};

/// How long a stored answer is replayed.
pub const KEPT_FOR_HOURS: i64 = 24;

/// Who sent the key, to which endpoint, the key, and a hash of the body it came with.
pub struct Claim<'a> {
    pub actor: &'a str,
    pub endpoint: &'a str,
    pub key: &'a str,
    pub request_hash: &'a str,
}

/// The stored answer for this claim, if the call was made before with the same body; 422 if
/// the key was used with another body.
pub fn replay(conn: &mut DbConn, claim: &Claim<'_>) -> AppResult<Option<(u16, String)>> {
    let expired = now() - chrono::Duration::hours(KEPT_FOR_HOURS);
    diesel::delete(idempotency_keys::table.filter(idempotency_keys::created_at.lt(expired))).execute(conn)?;
    let stored: Option<(String, i32, String)> = idempotency_keys::table
        .find((claim.actor, claim.endpoint, claim.key))
        .select((idempotency_keys::request_hash, idempotency_keys::status, idempotency_keys::body))
        .first(conn)
        .optional()?;
    match stored {
        None => Ok(None),
        Some((hash, status, body)) if hash == claim.request_hash => {
            Ok(Some((u16::try_from(status).unwrap_or(200), body)))
        }
        Some(_) => Err(AppError::invalid("Idempotency-Key", Said::of("field-idempotency-reused"))),
    }
}

/// Stores the answer; a concurrent call with the same key fails here (409) and rolls back.
pub fn remember(conn: &mut DbConn, claim: &Claim<'_>, status: u16, body: &str) -> AppResult<()> {
    diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::actor.eq(claim.actor),
            idempotency_keys::endpoint.eq(claim.endpoint),
            idempotency_keys::idempotency_key.eq(claim.key),
            idempotency_keys::request_hash.eq(claim.request_hash),
            idempotency_keys::status.eq(i32::from(status)),
            idempotency_keys::body.eq(body),
            idempotency_keys::created_at.eq(now()),
        ))
        .execute(conn)
        .map_err(|e| match AppError::from(e) {
            AppError::Conflict(_) => AppError::Conflict(Said::of("conflict-idempotency-under-way")),
            other => other,
        })?;
    Ok(())
}

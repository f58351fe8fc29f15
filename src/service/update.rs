//! The one update pipeline every PATCH runs: load what the caller may see (404 otherwise), check
//! the caller may change it (403), the `If-Match` precondition (412), that it is not final (409);
//! merge the changes and check the result; write it only if nobody wrote meanwhile (412 on a lost
//! race); record the audit event and the change the matcher follows. A resource takes part by
//! implementing [`Editable`].

use serde::{Deserialize, Deserializer, Serialize};

use super::write::{Audit, Tx};
use super::Services;
use crate::db::changes::Entity;
use crate::db::page::Versioned;
use crate::db::DbConn;
use crate::domain::access::Caller;
use crate::domain::audit::{Action, Resource};
use crate::error::{shape_then_rules, AppError, AppResult, Arg, FieldError, Said};

/// A record changed by PATCH.
pub trait Editable: Send + 'static {
    /// As stored.
    type Row: Versioned + Clone + Send + 'static;
    /// As clients see it (and as the audit trail compares it).
    type View: Serialize;
    /// The PATCH body: fields to change, the others left as they are.
    type Changes: Send + 'static;
    /// What the merge found besides the new row (say, which linked rows to write again).
    type Extra: Send + 'static;

    const RESOURCE: Resource;

    /// The record, if the caller may see it (a hidden one reads as missing).
    fn load(conn: &mut DbConn, caller: &Caller, id: &str) -> AppResult<Option<Self::Row>>;
    /// 403 unless the caller may change the record.
    fn may_edit(caller: &Caller, row: &Self::Row) -> AppResult<()>;
    /// Why the record no longer changes, if it is final.
    fn is_final(row: &Self::Row) -> AppResult<Option<Said>>;
    fn view(row: &Self::Row) -> AppResult<Self::View>;
    /// The record with the changes merged and checked (422 naming every field at fault), its
    /// version and change time left to the pipeline.
    fn merge(conn: &mut DbConn, row: &Self::Row, changes: Self::Changes) -> AppResult<(Self::Row, Self::Extra)>;
    /// Writes the record if its stored version is still `expected`; false if not.
    fn write(conn: &mut DbConn, row: &Self::Row, extra: &Self::Extra, expected: i64) -> AppResult<bool>;
    /// The State whose record this is, for who may read its audit trail.
    fn owner_state(row: &Self::Row) -> Option<&str>;
    /// The change the matcher index must follow, for records it holds.
    fn indexed_as() -> Option<Entity>;
}

/// What `If-Match` said: the record's ETag (`"v3"`) or bare version (`3`), or `*` for any.
#[derive(Debug, Clone)]
pub struct IfMatch(pub Vec<String>);

impl IfMatch {
    /// 412 unless one of the tags names `current`.
    pub fn check(&self, current: i64) -> AppResult<()> {
        let matches = self.0.iter().any(|tag| {
            if tag == "*" {
                return true;
            }
            let tag = tag.trim_start_matches("W/").trim_matches('"');
            tag.strip_prefix('v').unwrap_or(tag).parse::<i64>().is_ok_and(|v| v == current)
        });
        if matches {
            Ok(())
        } else {
            Err(AppError::PreconditionFailed(Said::new(
                "precondition-version",
                vec![("version", Arg::Number(current))],
            )))
        }
    }
}

/// What a client asked to change: the changes that decoded, and the fields that did not (each
/// named). Those are reported together with every rule the rest breaks, and nothing is written.
pub struct Asked<C> {
    pub changes: C,
    pub unreadable: Vec<FieldError>,
}

impl<C> From<C> for Asked<C> {
    fn from(changes: C) -> Self {
        Asked { changes, unreadable: Vec::new() }
    }
}

/// Runs the update pipeline for `E`, returning the record as written.
pub async fn update<E: Editable>(
    services: &Services,
    caller: &Caller,
    id: String,
    if_match: IfMatch,
    asked: Asked<E::Changes>,
) -> AppResult<E::Row> {
    services.write(caller, move |tx| update_in::<E>(tx, &id, &if_match, asked)).await
}

/// The pipeline inside a write already under way.
pub fn update_in<E: Editable>(
    tx: &mut Tx<'_>,
    id: &str,
    if_match: &IfMatch,
    asked: Asked<E::Changes>,
) -> AppResult<E::Row> {
    let caller = tx.caller().clone();
    let row = E::load(tx.conn(), &caller, id)?.ok_or_else(|| AppError::NotFound(Said::of(E::RESOURCE.not_found())))?;
    E::may_edit(&caller, &row)?;
    let version = row.version();
    if_match.check(version)?;
    if let Some(why) = E::is_final(&row)? {
        return Err(AppError::Conflict(why));
    }
    let before = E::view(&row)?;
    let (mut updated, extra) = match (E::merge(tx.conn(), &row, asked.changes), asked.unreadable) {
        (Ok(merged), unreadable) if unreadable.is_empty() => merged,
        (Ok(_), unreadable) => return Err(AppError::Validation(unreadable)),
        (Err(AppError::Validation(rules)), unreadable) => {
            return Err(AppError::Validation(shape_then_rules(unreadable, rules)))
        }
        (Err(other), _) => return Err(other),
    };
    // A change that changes nothing is no write: no new version to make others' If-Match
    // stale, no audit event, no change in the feed.
    let json = |view: &E::View| serde_json::to_value(view).map_err(AppError::internal);
    if json(&before)? == json(&E::view(&updated)?)? {
        return Ok(row);
    }
    updated.stamp(version + 1, crate::db::page::now());
    if !E::write(tx.conn(), &updated, &extra, version)? {
        return Err(AppError::PreconditionFailed(Said::of("precondition-changed")));
    }
    let after = E::view(&updated)?;
    tx.audit(Audit {
        action: Action::Update,
        resource: E::RESOURCE,
        id: updated.id(),
        owner_state: E::owner_state(&updated),
        before: Some(&before),
        after: &after,
    })?;
    if let Some(entity) = E::indexed_as() {
        tx.changed(entity, updated.id())?;
    }
    Ok(updated)
}

/// For PATCH bodies: tells "absent" (`None`) from "set to null" (`Some(None)`).
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// What serde says of a `null` given to a field [`not_null`] reads.
pub const CANNOT_BE_CLEARED: &str = "cannot be cleared";

/// For PATCH fields that always have a value: absent is `None`, and `null` is refused, not
/// read as absent (a client that sends it means to clear the field, which it cannot).
pub fn not_null<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    match Option::<T>::deserialize(deserializer)? {
        Some(value) => Ok(Some(value)),
        None => Err(serde::de::Error::custom(CANNOT_BE_CLEARED)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_takes_etags_versions_and_any() {
        let tags = |t: &[&str]| IfMatch(t.iter().map(|s| s.to_string()).collect());
        assert!(tags(&["\"v3\""]).check(3).is_ok());
        assert!(tags(&["W/\"v3\""]).check(3).is_ok());
        assert!(tags(&["3"]).check(3).is_ok());
        assert!(tags(&["*"]).check(9).is_ok());
        assert!(tags(&["\"v2\"", "\"v4\""]).check(4).is_ok());
        assert!(matches!(tags(&["\"v2\""]).check(3), Err(AppError::PreconditionFailed(_))));
    }
}

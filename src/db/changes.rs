//! The change sequence: each write to an offer or a request appends `(seq, entity, id)` in its
//! transaction, and every instance's matcher index follows it in commit order.
//!
//! On SQLite writers take turns (`BEGIN IMMEDIATE`), so numbers commit in order and following
//! means "everything after the last number read". PostgreSQL takes a number at insert, not at
//! commit: a long transaction can commit a low number after shorter ones committed higher ones.
//! There each change also records its transaction id (`tx`), and a reader takes, in the same
//! snapshot as the rows, the oldest transaction still running (the snapshot's `xmin`): every
//! transaction below it has ended, so all its changes are visible now and none can appear later.

use std::collections::HashMap;

use diesel::prelude::*;

use super::schema::changes;
use super::{backend, DbConn};
use crate::error::{AppError, AppResult};

crate::domain::vocab::vocabulary! {
    /// What the change sequence tracks: the records the matcher indexes, and engagements (for
    /// the change feed; the matcher leaves them aside).
    Entity { Offer => "offer", Request => "request", Engagement => "engagement" }
}

/// Appends a change to the current transaction.
pub fn record(conn: &mut DbConn, entity: Entity, id: &str) -> AppResult<()> {
    diesel::insert_into(changes::table)
        .values((changes::entity.eq(entity.as_str()), changes::entity_id.eq(id)))
        .execute(conn)?;
    Ok(())
}

/// Appends a change for each of `ids`, in order, many rows per statement.
pub fn record_many(conn: &mut DbConn, entity: Entity, ids: &[&str]) -> AppResult<()> {
    let rows: Vec<_> = ids.iter().map(|id| (changes::entity.eq(entity.as_str()), changes::entity_id.eq(*id))).collect();
    for chunk in rows.chunks(5000) {
        super::insert_all!(conn, changes::table, chunk)?;
    }
    Ok(())
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Change {
    pub seq: i64,
    pub tx: i64,
    /// An [`Entity`], as stored.
    pub entity: String,
    pub entity_id: String,
}

impl Change {
    pub fn entity(&self) -> AppResult<Entity> {
        Entity::parse(&self.entity).ok_or_else(|| {
            crate::error::AppError::internal(format!("unknown entity '{}' in the change sequence", self.entity))
        })
    }
}

/// A place in the change feed: a change's transaction and number (SQLite's transactions are
/// all 0: its writers take turns, so numbers commit in order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct FeedPosition {
    pub tx: i64,
    pub seq: i64,
}

/// Up to `limit` changes after `after`, in an order no later change can come before: on
/// PostgreSQL, only the changes of transactions older than every transaction still running,
/// by transaction and then number (a transaction still running may hold a lower number than
/// one already committed; once it ends, every change of its age is there).
pub fn feed(conn: &mut DbConn, after: FeedPosition, limit: i64) -> AppResult<Vec<Change>> {
    let horizon = backend::oldest_running_transaction(conn)?;
    let mut q = changes::table.select(columns()).into_boxed::<super::MultiBackend>();
    q = match horizon {
        Some(horizon) => q
            .filter(changes::tx.lt(horizon))
            .filter(changes::tx.gt(after.tx).or(changes::tx.eq(after.tx).and(changes::seq.gt(after.seq))))
            .order((changes::tx.asc(), changes::seq.asc())),
        None => q.filter(changes::seq.gt(after.seq)).order(changes::seq.asc()),
    };
    Ok(q.limit(limit).load::<Change>(conn)?)
}

/// The position of the last change [`feed`] would read through (the default before any): where
/// a reader that wants only what comes next starts, in one look-up of the index.
pub fn newest(conn: &mut DbConn) -> AppResult<FeedPosition> {
    let horizon = backend::oldest_running_transaction(conn)?;
    let q = changes::table.select((changes::tx, changes::seq)).into_boxed::<super::MultiBackend>();
    let q = match horizon {
        Some(horizon) => q.filter(changes::tx.lt(horizon)).order((changes::tx.desc(), changes::seq.desc())),
        None => q.order(changes::seq.desc()),
    };
    let last: Option<(i64, i64)> = q.first(conn).optional()?;
    Ok(last.map_or_else(FeedPosition::default, |(tx, seq)| FeedPosition { tx, seq }))
}

/// How far a reader has applied the change sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    /// SQLite: every change up to `seq` is applied.
    InOrder { seq: i64 },
    /// PostgreSQL: every change of a transaction below `horizon` is applied, and so are the
    /// changes in `applied` (sequence number to transaction), all of transactions at or above it.
    ByTransaction { horizon: i64, applied: HashMap<i64, i64> },
}

/// The changes a [`Cursor`] has not applied yet, read in one snapshot.
#[derive(Debug)]
pub struct Pending {
    pub changes: Vec<Change>,
    /// PostgreSQL: the oldest transaction running in the snapshot the changes were read in.
    horizon: Option<i64>,
}

fn columns() -> (changes::seq, changes::tx, changes::entity, changes::entity_id) {
    (changes::seq, changes::tx, changes::entity, changes::entity_id)
}

impl Cursor {
    /// Where a reader that is about to load everything starts: no change committed after this
    /// can be missed. Changes the load already saw may be applied again, which is harmless.
    pub fn start(conn: &mut DbConn) -> AppResult<Cursor> {
        Ok(match backend::oldest_running_transaction(conn)? {
            Some(horizon) => Cursor::ByTransaction { horizon, applied: HashMap::new() },
            None => Cursor::InOrder {
                seq: changes::table.select(diesel::dsl::max(changes::seq)).first::<Option<i64>>(conn)?.unwrap_or(0),
            },
        })
    }

    /// The changes committed and not yet applied, oldest first. Call inside one snapshot
    /// ([`super::read_snapshot`]) and read what they name in the same one.
    pub fn pending(&self, conn: &mut DbConn) -> AppResult<Pending> {
        match self {
            Cursor::InOrder { seq } => {
                let rows = changes::table
                    .filter(changes::seq.gt(seq))
                    .order(changes::seq.asc())
                    .select(columns())
                    .load::<Change>(conn)?;
                Ok(Pending { changes: rows, horizon: None })
            }
            Cursor::ByTransaction { horizon, applied } => {
                // The horizon first: in a repeatable-read snapshot both come from the same view.
                let next = backend::oldest_running_transaction(conn)?
                    .ok_or_else(|| AppError::internal("a transaction cursor on a database whose writers take turns"))?;
                // In the index's order (transaction, then sequence): what a change names is read
                // afresh in this snapshot, so the order they are applied in does not matter,
                // and the plan reads the few entries at or above the horizon.
                let rows = changes::table
                    .filter(changes::tx.ge(horizon))
                    .order((changes::tx.asc(), changes::seq.asc()))
                    .select(columns())
                    .load::<Change>(conn)?;
                let changes = rows.into_iter().filter(|c| !applied.contains_key(&c.seq)).collect();
                Ok(Pending { changes, horizon: Some(next) })
            }
        }
    }

    /// Marks what [`Cursor::pending`] returned as applied.
    pub fn advance(&mut self, pending: Pending) {
        match self {
            Cursor::InOrder { seq } => {
                if let Some(last) = pending.changes.iter().map(|c| c.seq).max() {
                    *seq = (*seq).max(last);
                }
            }
            Cursor::ByTransaction { horizon, applied } => {
                applied.extend(pending.changes.iter().map(|c| (c.seq, c.tx)));
                if let Some(next) = pending.horizon {
                    *horizon = (*horizon).max(next);
                }
                let horizon = *horizon;
                applied.retain(|_, tx| *tx >= horizon);
            }
        }
    }

    /// What [`Mark::is_behind`] needs, taken without holding the cursor during the query.
    pub fn mark(&self) -> Mark {
        match self {
            Cursor::InOrder { seq } => Mark::InOrder { seq: *seq },
            Cursor::ByTransaction { horizon, applied } => {
                Mark::ByTransaction { horizon: *horizon, applied: applied.len() as i64 }
            }
        }
    }
}

/// A [`Cursor`]'s position, in brief.
#[derive(Debug, Clone, Copy)]
pub enum Mark {
    InOrder { seq: i64 },
    ByTransaction { horizon: i64, applied: i64 },
}

impl Mark {
    /// Whether a change has committed that the cursor had not applied (one indexed query).
    pub fn is_behind(self, conn: &mut DbConn) -> AppResult<bool> {
        match self {
            Mark::InOrder { seq } => Ok(changes::table
                .select(diesel::dsl::max(changes::seq))
                .first::<Option<i64>>(conn)?
                .is_some_and(|newest| newest > seq)),
            Mark::ByTransaction { horizon, applied } => {
                // Every applied change is visible and at or above the horizon: any more is new.
                // Read at most one more than that, in the index's order, so the plan walks the
                // index from the horizon whatever the table's statistics say (a count would be
                // planned as a scan of the whole table until it is analysed).
                let visible = changes::table
                    .filter(changes::tx.ge(horizon))
                    .order((changes::tx.asc(), changes::seq.asc()))
                    .select(changes::seq)
                    .limit(applied + 1)
                    .load::<i64>(conn)?;
                Ok(visible.len() as i64 > applied)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(seq: i64, tx: i64) -> Change {
        Change { seq, tx, entity: Entity::Offer.as_str().into(), entity_id: format!("off_{seq}") }
    }

    #[test]
    fn in_order_cursor_moves_to_the_last_number_read() {
        let mut cursor = Cursor::InOrder { seq: 4 };
        cursor.advance(Pending { changes: vec![change(5, 0), change(7, 0)], horizon: None });
        assert_eq!(cursor, Cursor::InOrder { seq: 7 });
        cursor.advance(Pending { changes: vec![], horizon: None });
        assert_eq!(cursor, Cursor::InOrder { seq: 7 });
    }

    #[test]
    fn transaction_cursor_keeps_what_a_running_transaction_may_still_add_to() {
        // Transaction 100 took number 5 and is still running; 101 took 6 and committed.
        let mut cursor = Cursor::ByTransaction { horizon: 90, applied: HashMap::new() };
        cursor.advance(Pending { changes: vec![change(6, 101)], horizon: Some(100) });
        assert_eq!(cursor, Cursor::ByTransaction { horizon: 100, applied: HashMap::from([(6, 101)]) });
        // 100 commits (number 5, lower than one already applied); 102 is now the oldest running.
        cursor.advance(Pending { changes: vec![change(5, 100)], horizon: Some(102) });
        assert_eq!(cursor, Cursor::ByTransaction { horizon: 102, applied: HashMap::new() });
    }

    #[test]
    fn transaction_horizon_never_moves_back() {
        let mut cursor = Cursor::ByTransaction { horizon: 50, applied: HashMap::from([(9, 60)]) };
        cursor.advance(Pending { changes: vec![], horizon: Some(40) });
        assert_eq!(cursor, Cursor::ByTransaction { horizon: 50, applied: HashMap::from([(9, 60)]) });
    }
}

//! Keeps this instance's matcher index in step with the database: built at start, refreshed
//! by every write made here before it answers, and following the change sequence for writes
//! made by other instances.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};

use crate::db::{changes, match_source, Db, DbConn};
use crate::domain::catalog::Catalog;
use crate::error::{AppError, AppResult};
use crate::matcher::entry::Encoder;
use crate::matcher::{MatchConfig, MatchIndex};

/// A gap in the sequence (a transaction that took a number but has not committed) is waited
/// for this long before it is taken to be a rollback.
const GAP_PATIENCE: Duration = Duration::from_secs(10);

pub struct Matching {
    index: RwLock<MatchIndex>,
    follower: Mutex<Follower>,
}

/// Where this instance is in the change sequence: everything up to `horizon` is applied; `seen`
/// holds applied numbers above it, waiting for the gap below them to fill.
struct Follower {
    horizon: i64,
    seen: BTreeSet<i64>,
    gap_since: Option<Instant>,
}

impl Matching {
    /// Builds the index from the database.
    pub fn load(db: &Db, catalog: &Catalog, config: MatchConfig) -> AppResult<Matching> {
        let horizon = changes::latest(&mut *db.get()?)?;
        let encoder = Encoder::new(catalog);
        let halves = match_source::offer_halves(&mut *db.get()?)?;
        let mut index = MatchIndex::new(catalog, config);
        // Two connections read the two halves of the offers and a third the requests, while
        // this thread adds what they have read to the index.
        let (sender, batches) = std::sync::mpsc::sync_channel(4);
        std::thread::scope(|s| -> AppResult<()> {
            let readers = [0, 1].map(|half| {
                let (sender, encoder, halves) = (sender.clone(), &encoder, &halves);
                s.spawn(move || {
                    let deliver =
                        |batch| sender.send(batch).map_err(|_| AppError::internal("the index stopped loading"));
                    match_source::open_offer_entries(&mut *db.get()?, halves, half, encoder, deliver)
                })
            });
            drop(sender);
            let requests = s.spawn(|| match_source::open_requests(&mut *db.get()?));
            let mut bulk = index.bulk();
            for batch in batches {
                bulk.offers(batch);
            }
            for reader in readers {
                joined(reader)?;
            }
            bulk.requests(&joined(requests)?);
            Ok(())
        })?;
        Ok(Matching {
            index: RwLock::new(index),
            follower: Mutex::new(Follower { horizon, seen: BTreeSet::new(), gap_since: None }),
        })
    }

    pub fn read(&self) -> RwLockReadGuard<'_, MatchIndex> {
        self.index.read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Re-reads the given records (`(entity, id)` as in the change sequence) into the index.
    pub async fn refresh(self: &Arc<Self>, db: &Db, records: Vec<(&'static str, String)>) -> AppResult<()> {
        let this = Arc::clone(self);
        db.run(move |conn| {
            for (entity, id) in &records {
                this.apply(conn, entity, id)?;
            }
            Ok(())
        })
        .await
    }

    /// Follows the change sequence every `every` until the process ends.
    pub async fn follow_forever(self: Arc<Self>, db: Db, every: Duration) {
        let mut tick = actix_web::rt::time::interval(every);
        loop {
            tick.tick().await;
            let this = Arc::clone(&self);
            match db.run(move |conn| this.follow(conn)).await {
                Ok(0) => {}
                Ok(n) => tracing::debug!(changes = n, "matcher index caught up"),
                Err(e) => tracing::warn!(error = %e, "cannot follow the change sequence"),
            }
        }
    }

    fn apply(&self, conn: &mut DbConn, entity: &str, id: &str) -> AppResult<()> {
        match entity {
            changes::OFFER => {
                let facts = match_source::open_offer(conn, id)?;
                let mut index = self.index.write().unwrap_or_else(|p| p.into_inner());
                match facts {
                    Some(f) => index.upsert_offer(&f),
                    None => index.remove_offer(id),
                }
            }
            changes::REQUEST => {
                let facts = match_source::open_request(conn, id)?;
                let mut index = self.index.write().unwrap_or_else(|p| p.into_inner());
                match facts {
                    Some(f) => index.upsert_request(&f),
                    None => index.remove_request(id),
                }
            }
            other => return Err(AppError::internal(format!("unknown entity '{other}' in the change sequence"))),
        }
        Ok(())
    }

    /// Applies the changes recorded since the last call (by any instance); returns how many.
    pub fn follow(&self, conn: &mut DbConn) -> AppResult<usize> {
        let mut follower = self.follower.lock().unwrap_or_else(|p| p.into_inner());
        let rows = changes::after(conn, follower.horizon, 10_000)?;
        let mut applied = 0;
        for (seq, entity, id) in rows {
            if follower.seen.contains(&seq) {
                continue;
            }
            self.apply(conn, &entity, &id)?;
            follower.seen.insert(seq);
            applied += 1;
        }
        follower.advance(Instant::now());
        Ok(applied)
    }
}

impl Follower {
    /// Moves the horizon over every contiguous number seen, and over a gap that has stayed
    /// open longer than `GAP_PATIENCE`.
    fn advance(&mut self, now: Instant) {
        loop {
            while self.seen.remove(&(self.horizon + 1)) {
                self.horizon += 1;
            }
            let Some(&next) = self.seen.iter().next() else {
                self.gap_since = None;
                return;
            };
            let since = *self.gap_since.get_or_insert(now);
            if now.duration_since(since) < GAP_PATIENCE {
                return;
            }
            self.horizon = next - 1;
            self.gap_since = None;
        }
    }
}

/// What a loader thread returned, or an error if it panicked.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, AppResult<T>>) -> AppResult<T> {
    handle.join().unwrap_or_else(|_| Err(AppError::internal("index loader panicked")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn horizon_waits_for_gaps_then_moves_on() {
        let t0 = Instant::now();
        let mut f = Follower { horizon: 5, seen: BTreeSet::from([6, 7, 9]), gap_since: None };
        f.advance(t0);
        assert_eq!(f.horizon, 7);
        assert_eq!(f.seen, BTreeSet::from([9]));
        f.advance(t0 + Duration::from_secs(1));
        assert_eq!(f.horizon, 7, "8 may still commit");
        f.seen.insert(8);
        f.advance(t0 + Duration::from_secs(2));
        assert_eq!(f.horizon, 9);
        f.seen.insert(11);
        f.advance(t0 + Duration::from_secs(3));
        f.advance(t0 + Duration::from_secs(20));
        assert_eq!(f.horizon, 11, "a gap open too long was a rollback");
    }
}

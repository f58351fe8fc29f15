//! Keeps this instance's matcher index (and offer listing) exactly in step with the database: built at start, then
//! changed only by following the change sequence in commit order, after every write made here
//! and before every answer drawn from the index, and checked against the database's counts.

use std::collections::HashSet;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard};
use std::time::Duration;

use crate::db::backend::Halves;
use crate::db::changes::{Change, Cursor, Entity};
use crate::db::{match_source, read_snapshot, Db, DbConn};
use crate::domain::catalog::Catalog;
use crate::domain::vocab::OfferStatus;
use crate::error::{AppError, AppResult};
use crate::matcher::entry::Encoder;
use crate::matcher::listing::{ListingRow, OfferListing};
use crate::matcher::{ranked_pairs, MatchConfig, MatchIndex, Pair, RequestVisibility};

/// Requests ranked under one read lock by [`Matching::rank_all`].
const RANKED_AT_ONCE: usize = 256;

pub struct Matching {
    index: RwLock<MatchIndex>,
    /// Every offer, for the lists, once loaded (after the index, in the background; taken after
    /// `index` when both are held).
    listing: RwLock<Option<OfferListing>>,
    /// Held while changes are read and applied, so the index takes them in the order read.
    cursor: Mutex<Cursor>,
    catalog: &'static Catalog,
    checks: IndexChecks,
    /// How many changes this instance has read from the change sequence (engagements too): it
    /// moves whenever anything was committed, so a change stream asks the database only then.
    followed: AtomicU64,
}

/// What the self-check found, for `/metrics`.
#[derive(Default)]
pub struct IndexChecks {
    pub runs: AtomicU64,
    pub disagreements: AtomicU64,
    /// Offers and requests the database holds beyond the index's (negative: fewer), at the last check.
    pub offer_drift: AtomicI64,
    pub request_drift: AtomicI64,
}

impl Matching {
    /// Builds the index from the database.
    pub fn load(db: &Db, catalog: &'static Catalog, config: MatchConfig) -> AppResult<Matching> {
        let (index, cursor) = build(db, catalog, config)?;
        Ok(Matching {
            index: RwLock::new(index),
            listing: RwLock::new(None),
            cursor: Mutex::new(cursor),
            catalog,
            checks: IndexChecks::default(),
            followed: AtomicU64::new(0),
        })
    }

    /// How many changes this instance has read so far (see the field).
    pub fn followed(&self) -> u64 {
        self.followed.load(Ordering::Relaxed)
    }

    pub fn read(&self) -> RwLockReadGuard<'_, MatchIndex> {
        self.index.read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The offer listing (see [`OfferListing`]), once loaded.
    pub fn listing(&self) -> RwLockReadGuard<'_, Option<OfferListing>> {
        self.listing.read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Loads the offer listing, then keeps it with the index. It comes after the index so the
    /// service starts as soon as it can match; until it is there, lists are read from storage.
    pub async fn load_listing(self: Arc<Self>, db: Db) {
        let started = std::time::Instant::now();
        let loaded = actix_web::web::block(move || -> AppResult<usize> {
            let encoder = Encoder::new(self.catalog);
            let (mut listing, since) = {
                let mut conn = db.get()?;
                let since = Cursor::start(&mut conn)?;
                let mut listing = OfferListing::default();
                let mut bulk = listing.bulk();
                match_source::listing_rows(&mut conn, &encoder, |rows| {
                    rows.iter().for_each(|row| bulk.add(row));
                    Ok(())
                })?;
                bulk.finish();
                (listing, since)
            };
            // What was written since the listing's own start, applied while the follower waits,
            // so from here on the follower keeps it.
            let _held = self.cursor();
            let mut conn = db.get()?;
            read_snapshot(&mut conn, |conn| {
                let pending = since.pending(conn)?;
                let ids = offer_ids(&pending.changes)?;
                for offer in match_source::offers_by_id(conn, &ids)? {
                    if let Some(entry) = encoder.offer(&offer.facts, 0) {
                        listing.upsert(&ListingRow::of(&entry, &offer.facts.provider, offer.status, offer.updated_at));
                    }
                }
                Ok::<_, AppError>(())
            })?;
            let offers = listing.len();
            *self.listing.write().unwrap_or_else(|p| p.into_inner()) = Some(listing);
            Ok(offers)
        })
        .await;
        match loaded {
            Ok(Ok(offers)) => tracing::info!(offers, ms = started.elapsed().as_millis() as u64, "offer listing loaded"),
            Ok(Err(e)) => tracing::error!(error = %e, "cannot load the offer listing; lists are read from storage"),
            Err(e) => tracing::error!(error = %e, "cannot load the offer listing; lists are read from storage"),
        }
    }

    pub fn checks(&self) -> &IndexChecks {
        &self.checks
    }

    fn cursor(&self) -> MutexGuard<'_, Cursor> {
        self.cursor.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Applies every committed change not applied yet (this instance's own writes included):
    /// called after each write, so what it wrote is matchable when it answers. The write has
    /// committed by then, so a failure here is logged, not answered: the next read or tick of
    /// the follower catches up.
    pub async fn catch_up(self: &Arc<Self>, db: &Db) {
        let this = Arc::clone(self);
        if let Err(e) = db.run(move |conn| this.follow(conn)).await {
            tracing::warn!(error = %e, "cannot bring the matcher index up to date after a write");
        }
    }

    /// The best pairs across the repository for callers who see `visible`: each request's
    /// `per_request` best offers, best first. Ranked a slice of requests at a time, each under a
    /// short read lock, so a write (and the reads queued behind it) never waits for the whole.
    pub fn rank_all(&self, per_request: usize, today: i32, visible: &RequestVisibility) -> Vec<Pair> {
        let keys = self.read().walk_order(|r| visible.admits(r));
        let mut best = Vec::with_capacity(keys.len());
        for slice in keys.chunks(RANKED_AT_ONCE) {
            best.extend(self.read().best_offers_of(slice, per_request, today));
        }
        ranked_pairs(best)
    }

    /// Makes sure the index holds every change committed so far (one indexed count when it
    /// does), so an answer drawn from it is as current as the database, whichever instance
    /// wrote: a withdrawn consent is never paired again, here or anywhere.
    pub async fn fresh(self: &Arc<Self>, db: &Db) -> AppResult<()> {
        let this = Arc::clone(self);
        db.run(move |conn| this.fresh_on(conn)).await
    }

    /// [`Matching::fresh`] on a connection already held (to read something else on it too).
    pub fn fresh_on(&self, conn: &mut DbConn) -> AppResult<()> {
        let mark = self.cursor().mark();
        if mark.is_behind(conn)? {
            self.follow(conn)?;
        }
        Ok(())
    }

    /// Follows the change sequence every `every`, and checks the index against the database
    /// every `check_every` (if set), until the process ends.
    pub async fn follow_forever(self: Arc<Self>, db: Db, every: Duration, check_every: Option<Duration>) {
        let mut tick = actix_web::rt::time::interval(every);
        let mut last_check = std::time::Instant::now();
        loop {
            tick.tick().await;
            let check = check_every.is_some_and(|c| last_check.elapsed() >= c);
            let this = Arc::clone(&self);
            let (what, result) = if check {
                last_check = std::time::Instant::now();
                ("check the matcher index", db.run(move |conn| this.check(conn).map(|_| 0)).await)
            } else {
                ("follow the change sequence", db.run(move |conn| this.follow(conn)).await)
            };
            match result {
                Ok(0) => {}
                Ok(n) => tracing::debug!(changes = n, "matcher index caught up"),
                Err(e) => tracing::warn!(error = %e, "cannot {what}"),
            }
            if check {
                if let Err(e) = self.repair_if_drifted(&db).await {
                    tracing::error!(error = %e, "cannot rebuild the matcher index");
                }
            }
        }
    }

    /// Applies the changes committed since the last call (by any instance); returns how many.
    pub fn follow(&self, conn: &mut DbConn) -> AppResult<usize> {
        let mut cursor = self.cursor();
        let pending = read_snapshot(conn, |conn| {
            let pending = cursor.pending(conn)?;
            self.apply(conn, &pending.changes)?;
            Ok::<_, AppError>(pending)
        })?;
        let n = pending.changes.len();
        self.followed.fetch_add(n as u64, Ordering::Relaxed);
        cursor.advance(pending);
        Ok(n)
    }

    /// Catches up and counts the indexable records in one snapshot, so the index and the
    /// counts describe the same moment, and records how far they differ (which, if the index
    /// follows every write, is never).
    fn check(&self, conn: &mut DbConn) -> AppResult<()> {
        let mut cursor = self.cursor();
        let (pending, (offers, requests)) = read_snapshot(conn, |conn| {
            let pending = cursor.pending(conn)?;
            self.apply(conn, &pending.changes)?;
            Ok::<_, AppError>((pending, match_source::indexable_counts(conn)?))
        })?;
        self.followed.fetch_add(pending.changes.len() as u64, Ordering::Relaxed);
        cursor.advance(pending);
        let index = self.read();
        let (offer_drift, request_drift) =
            (offers - index.offer_count() as i64, requests - index.request_count() as i64);
        drop(index);
        self.checks.runs.fetch_add(1, Ordering::Relaxed);
        self.checks.offer_drift.store(offer_drift, Ordering::Relaxed);
        self.checks.request_drift.store(request_drift, Ordering::Relaxed);
        if offer_drift != 0 || request_drift != 0 {
            self.checks.disagreements.fetch_add(1, Ordering::Relaxed);
            tracing::error!(
                offers_in_database = offers,
                offer_drift,
                requests_in_database = requests,
                request_drift,
                "the matcher index disagrees with the database"
            );
        }
        Ok(())
    }

    /// After a check that found the index off, builds it again from the database.
    async fn repair_if_drifted(self: &Arc<Self>, db: &Db) -> AppResult<()> {
        let drifted = self.checks.offer_drift.load(Ordering::Relaxed) != 0
            || self.checks.request_drift.load(Ordering::Relaxed) != 0;
        if !drifted {
            return Ok(());
        }
        let this = Arc::clone(self);
        let rebuild_from = db.clone();
        actix_web::web::block(move || -> AppResult<()> {
            let db = rebuild_from;
            let config = *this.read().config();
            let (index, cursor) = build(&db, this.catalog, config)?;
            // The new cursor starts before the new load, so what was written meanwhile is
            // applied again on the next follow.
            let mut held = this.cursor();
            *this.index.write().unwrap_or_else(|p| p.into_inner()) = index;
            *this.listing.write().unwrap_or_else(|p| p.into_inner()) = None;
            *held = cursor;
            tracing::warn!("matcher index rebuilt from the database");
            Ok(())
        })
        .await??;
        actix_web::rt::spawn(Arc::clone(self).load_listing(db.clone()));
        Ok(())
    }

    /// Reads what the changes name, as it is now, into the index: a record no longer open (or
    /// no longer consented) leaves it.
    fn apply(&self, conn: &mut DbConn, changes: &[Change]) -> AppResult<()> {
        let mut offers = Vec::new();
        let mut requests = Vec::new();
        let mut seen = HashSet::new();
        for change in changes {
            let entity = change.entity()?;
            if !seen.insert((entity, change.entity_id.as_str())) {
                continue;
            }
            match entity {
                Entity::Offer => offers.push(change.entity_id.as_str()),
                Entity::Request => requests.push(change.entity_id.as_str()),
                // Engagements reach the index through the offer and request they change.
                Entity::Engagement => {}
            }
        }
        if offers.is_empty() && requests.is_empty() {
            return Ok(());
        }
        let stored = match_source::offers_by_id(conn, &offers)?;
        let open_requests = match_source::matchable_requests(conn, &requests)?;
        let open_offer_ids: HashSet<&str> =
            stored.iter().filter(|o| o.status == OfferStatus::Open).map(|o| o.facts.id.as_str()).collect();
        let open_request_ids: HashSet<&str> = open_requests.iter().map(|r| r.id.as_str()).collect();
        let mut index = self.index.write().unwrap_or_else(|p| p.into_inner());
        if let Some(listing) = self.listing.write().unwrap_or_else(|p| p.into_inner()).as_mut() {
            for offer in &stored {
                if let Some(entry) = index.encoder().offer(&offer.facts, 0) {
                    listing.upsert(&ListingRow::of(&entry, &offer.facts.provider, offer.status, offer.updated_at));
                }
            }
        }
        for id in offers.iter().filter(|id| !open_offer_ids.contains(*id)) {
            index.remove_offer(id);
        }
        for id in requests.iter().filter(|id| !open_request_ids.contains(*id)) {
            index.remove_request(id);
        }
        for offer in stored.iter().filter(|o| o.status == OfferStatus::Open) {
            index.upsert_offer(&offer.facts);
        }
        for request in &open_requests {
            index.upsert_request(request);
        }
        Ok(())
    }
}

/// Builds an index from the database, with the cursor it follows the change sequence from.
fn build(db: &Db, catalog: &Catalog, config: MatchConfig) -> AppResult<(MatchIndex, Cursor)> {
    let cursor = Cursor::start(&mut *db.get()?)?;
    let encoder = Encoder::new(catalog);
    let halves = Halves::of_offers(&mut *db.get()?)?;
    let mut index = MatchIndex::new(catalog, config);
    // Two connections read the two halves of the offers and a third the requests, while this
    // thread adds what they have read to the index.
    let (sender, batches) = std::sync::mpsc::sync_channel(4);
    std::thread::scope(|s| -> AppResult<()> {
        let readers = [0, 1].map(|half| {
            let (sender, encoder, halves) = (sender.clone(), &encoder, &halves);
            s.spawn(move || {
                let deliver = |batch| sender.send(batch).map_err(|_| AppError::internal("the index stopped loading"));
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
    Ok((index, cursor))
}

/// The distinct offers the changes name.
fn offer_ids(changes: &[Change]) -> AppResult<Vec<&str>> {
    let mut seen = HashSet::new();
    let mut ids = Vec::new();
    for change in changes {
        if change.entity()? == Entity::Offer && seen.insert(change.entity_id.as_str()) {
            ids.push(change.entity_id.as_str());
        }
    }
    Ok(ids)
}

/// What a loader thread returned, or an error if it panicked.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, AppResult<T>>) -> AppResult<T> {
    handle.join().unwrap_or_else(|_| Err(AppError::internal("index loader panicked")))
}

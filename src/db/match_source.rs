//! What the matcher index is built from: the open offers (with the capacity their engagements
//! leave) and the open requests whose consent is pending or granted; and the offer listing,
//! every offer. Reads everything, as the system: visibility is applied when results leave the
//! service.

use diesel::connection::DefaultLoadingMode;
use diesel::prelude::*;

use super::backend::Halves;
use super::engagements::capacity_used_by;
use super::schema::{offers, requests};
use super::{DbConn, MultiBackend};
use crate::domain::vocab::{ConsentStatus, Modality, OfferStatus, RequestStatus};
use crate::error::{AppError, AppResult};
use crate::matcher::entry::{Encoder, OfferEntry};
use crate::matcher::listing::ListingRow;
use crate::matcher::{OfferFacts, RequestFacts};

type OfferColumns = (
    String,
    String,
    String,
    String,
    String,
    bool,
    String,
    String,
    Option<chrono::NaiveDate>,
    Option<chrono::NaiveDate>,
    i32,
    Option<i64>,
);

fn json<T: serde::de::DeserializeOwned>(text: &str) -> AppResult<Vec<T>> {
    serde_json::from_str(text).map_err(AppError::internal)
}

/// A JSON list of plain strings, borrowed from the text (slugs and codes have no escapes).
fn borrowed(text: &str) -> AppResult<Vec<&str>> {
    serde_json::from_str(text).map_err(AppError::internal)
}

/// An offer as stored, for the index (when open) and the listing.
pub struct StoredOffer {
    pub facts: OfferFacts,
    pub status: OfferStatus,
    /// Microseconds since the epoch.
    pub updated_at: i64,
}

fn stored_offer(row: (OfferColumns, String, chrono::NaiveDateTime), used: i64) -> AppResult<StoredOffer> {
    let (
        (id, provider, themes, modalities, languages, global, countries, regions, starts_on, ends_on, capacity, budget),
        status,
        updated_at,
    ) = row;
    let mut areas: Vec<String> = json(&countries)?;
    areas.extend(json::<String>(&regions)?);
    let facts = OfferFacts {
        id,
        provider,
        themes: json(&themes)?,
        modalities: json::<Modality>(&modalities)?,
        languages: json(&languages)?,
        global,
        areas,
        starts_on,
        ends_on,
        capacity_left: capacity.saturating_sub(i32::try_from(used).unwrap_or(i32::MAX)),
        budget_usd: budget,
    };
    Ok(StoredOffer { facts, status: offer_status(&status)?, updated_at: updated_at.and_utc().timestamp_micros() })
}

fn offer_status(text: &str) -> AppResult<OfferStatus> {
    OfferStatus::parse(text).ok_or_else(|| AppError::internal(format!("stored offer status '{text}' is unknown")))
}

macro_rules! offer_columns {
    () => {
        (
            offers::id,
            offers::provider_id,
            offers::themes,
            offers::modalities,
            offers::languages,
            offers::is_global,
            offers::countries,
            offers::regions,
            offers::starts_on,
            offers::ends_on,
            offers::capacity,
            offers::budget_usd,
        )
    };
}

macro_rules! request_columns {
    () => {
        (
            requests::id,
            requests::state,
            requests::themes,
            requests::modalities,
            requests::languages,
            requests::starts_on,
            requests::ends_on,
            requests::budget_min_usd,
            requests::budget_max_usd,
            requests::consent_status,
        )
    };
}

type RequestColumns = (
    String,
    String,
    String,
    String,
    String,
    Option<chrono::NaiveDate>,
    Option<chrono::NaiveDate>,
    Option<i64>,
    Option<i64>,
    String,
);

fn request_facts(row: RequestColumns) -> AppResult<RequestFacts> {
    let (id, state, themes, modalities, languages, starts_on, ends_on, budget_min_usd, budget_max_usd, consent) = row;
    Ok(RequestFacts {
        id,
        state,
        themes: json(&themes)?,
        modalities: json::<Modality>(&modalities)?,
        languages: json(&languages)?,
        starts_on,
        ends_on,
        budget_min_usd,
        budget_max_usd,
        consent: ConsentStatus::parse(&consent).ok_or_else(|| AppError::internal("stored consent is unknown"))?,
    })
}

pub fn open_requests(conn: &mut DbConn) -> AppResult<Vec<RequestFacts>> {
    matchable(requests::table.into_boxed())
        .select(request_columns!())
        .load::<RequestColumns>(conn)?
        .into_iter()
        .map(request_facts)
        .collect()
}

/// Offers handed over at a time by [`open_offer_entries`] and [`listing_rows`].
const BATCH: usize = 16_384;

/// The open offers of one half (`half` 0 or 1), encoded for the index row by row as they are
/// read: the JSON lists are parsed into borrowed strings and turned into bitmasks at once, so a
/// start-up load of a million offers allocates little. Hands each batch of records, with their
/// providers, to `deliver` as soon as it is read.
pub fn open_offer_entries(
    conn: &mut DbConn,
    halves: &Halves,
    half: u8,
    encoder: &Encoder,
    mut deliver: impl FnMut(Vec<(OfferEntry, String)>) -> AppResult<()>,
) -> AppResult<()> {
    let used = capacity_used_by(conn, None)?;
    let split = halves.condition(half);
    let rows = offers::table
        .filter(offers::status.eq(OfferStatus::Open.as_str()))
        .filter(diesel::dsl::sql::<diesel::sql_types::Bool>(&split))
        .select(offer_columns!())
        .load_iter::<OfferColumns, DefaultLoadingMode>(conn)?;
    let mut batch = Vec::with_capacity(BATCH);
    for row in rows {
        let (
            id,
            provider,
            themes,
            modalities,
            languages,
            global,
            countries,
            regions,
            starts_on,
            ends_on,
            capacity,
            budget,
        ) = row?;
        let mut areas = borrowed(&countries)?;
        areas.extend(borrowed(&regions)?);
        let used = used.get(&id).copied().unwrap_or(0);
        let facts = OfferFacts {
            id: id.as_str(),
            provider: provider.as_str(),
            themes: borrowed(&themes)?,
            modalities: json::<Modality>(&modalities)?,
            languages: borrowed(&languages)?,
            global,
            areas,
            starts_on,
            ends_on,
            capacity_left: capacity.saturating_sub(i32::try_from(used).unwrap_or(i32::MAX)),
            budget_usd: budget,
        };
        if let Some(entry) = encoder.offer(&facts, 0) {
            batch.push((entry, provider));
        }
        if batch.len() == BATCH {
            deliver(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))?;
        }
    }
    deliver(batch)
}

/// Every offer, of any status, as the offer listing holds it, in batches handed to `deliver`.
pub fn listing_rows(
    conn: &mut DbConn,
    encoder: &Encoder,
    mut deliver: impl FnMut(Vec<ListingRow>) -> AppResult<()>,
) -> AppResult<()> {
    let rows = offers::table
        .select((
            offers::id,
            offers::provider_id,
            offers::status,
            offers::updated_at,
            offers::themes,
            offers::is_global,
            offers::countries,
            offers::regions,
        ))
        .load_iter::<(String, String, String, chrono::NaiveDateTime, String, bool, String, String), DefaultLoadingMode>(
            conn,
        )?;
    let mut batch = Vec::with_capacity(BATCH);
    for row in rows {
        let (id, provider, status, updated_at, themes, global, countries, regions) = row?;
        let mut areas = borrowed(&countries)?;
        areas.extend(borrowed(&regions)?);
        let facts = OfferFacts {
            id: id.as_str(),
            provider: provider.as_str(),
            themes: borrowed(&themes)?,
            modalities: vec![],
            languages: vec![],
            global,
            areas,
            starts_on: None,
            ends_on: None,
            capacity_left: 0,
            budget_usd: None,
        };
        if let Some(entry) = encoder.offer(&facts, 0) {
            let micros = updated_at.and_utc().timestamp_micros();
            batch.push(ListingRow::of(&entry, &provider, offer_status(&status)?, micros));
        }
        if batch.len() == BATCH {
            deliver(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))?;
        }
    }
    deliver(batch)
}

/// Ids read at a time by batch readers (well under both backends' parameter limits: SQLite
/// takes at most 32,766 in one query).
pub(crate) const IDS_PER_QUERY: usize = 1_000;

/// The given offers as stored (of any status; missing ones left out).
pub fn offers_by_id(conn: &mut DbConn, ids: &[&str]) -> AppResult<Vec<StoredOffer>> {
    let mut found = Vec::new();
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let rows = offers::table
            .filter(offers::id.eq_any(chunk))
            .select((offer_columns!(), offers::status, offers::updated_at))
            .load::<(OfferColumns, String, chrono::NaiveDateTime)>(conn)?;
        let used = capacity_used_by(conn, Some(chunk))?;
        for row in rows {
            let used = used.get(&row.0 .0).copied().unwrap_or(0);
            found.push(stored_offer(row, used)?);
        }
    }
    Ok(found)
}

/// Of the given requests, those that are open and not refused or withdrawn, as the index should
/// hold them; the others are not to be indexed.
pub fn matchable_requests(conn: &mut DbConn, ids: &[&str]) -> AppResult<Vec<RequestFacts>> {
    let mut found = Vec::new();
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let rows = matchable(requests::table.into_boxed())
            .filter(requests::id.eq_any(chunk))
            .select(request_columns!())
            .load::<RequestColumns>(conn)?;
        for row in rows {
            found.push(request_facts(row)?);
        }
    }
    Ok(found)
}

/// How many offers and requests the index should hold (those with at least one theme): what
/// its own counts are checked against.
pub fn indexable_counts(conn: &mut DbConn) -> AppResult<(i64, i64)> {
    let offers = offers::table
        .filter(offers::status.eq(OfferStatus::Open.as_str()))
        .filter(offers::themes.ne(NO_THEMES))
        .count()
        .get_result(conn)?;
    let requests =
        matchable(requests::table.into_boxed()).filter(requests::themes.ne(NO_THEMES)).count().get_result(conn)?;
    Ok((offers, requests))
}

/// A record's `themes` column when it has none (the index leaves such records out).
const NO_THEMES: &str = "[]";

/// Open requests whose consent is pending or granted: what the matcher works on.
fn matchable<'a>(q: requests::BoxedQuery<'a, MultiBackend>) -> requests::BoxedQuery<'a, MultiBackend> {
    q.filter(requests::status.eq(RequestStatus::Open.as_str()))
        .filter(requests::consent_status.eq_any([ConsentStatus::Pending.as_str(), ConsentStatus::Granted.as_str()]))
}

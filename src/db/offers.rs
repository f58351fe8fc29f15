//! Offers of assistance, their theme links and the areas they serve.

use diesel::prelude::*;

use super::page::{PageOf, PageRequest};
use super::schema::{offer_areas, offer_themes, offers};
use super::text_search::{containing, lower, LIKE_ESCAPE};
use super::{insert_all, DbConn, MultiBackend};
use crate::domain::access::OfferScope;
use crate::domain::catalog::Catalog;
use crate::domain::vocab::OfferStatus;
use crate::error::AppResult;

/// The area code an offer available everywhere is filed under.
pub const GLOBAL_AREA: &str = "GLOBAL";

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = offers, treat_none_as_null = true, treat_none_as_default_value = false)]
pub struct OfferRow {
    pub id: String,
    pub provider_kind: String,
    pub provider_id: String,
    pub title: String,
    pub description: String,
    /// JSON array of theme slugs.
    pub themes: String,
    /// JSON array of modalities.
    pub modalities: String,
    /// JSON array of ISO 639-1 codes.
    pub languages: String,
    pub is_global: bool,
    /// JSON array of State codes served.
    pub countries: String,
    /// JSON array of M49 region codes or UN regional groups served.
    pub regions: String,
    pub starts_on: Option<chrono::NaiveDate>,
    pub ends_on: Option<chrono::NaiveDate>,
    pub capacity: i32,
    pub budget_usd: Option<i64>,
    pub status: String,
    pub version: i64,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    /// JSON array of the themes the model suggested, not yet confirmed.
    pub suggested_themes: String,
    /// The provider's own IATI activity this offer belongs to.
    pub iati_identifier: Option<String>,
}

super::page::versioned!(OfferRow);

#[derive(Debug, Default, Clone)]
pub struct OfferFilter {
    pub provider: Option<String>,
    pub theme: Option<String>,
    pub status: Option<OfferStatus>,
    /// Offers available to this State: global, naming it, or naming an area of it.
    pub serves: Option<String>,
    /// Offers naming this area (M49 code or UN regional group), or global.
    pub region: Option<String>,
    pub updated_since: Option<chrono::NaiveDateTime>,
    /// Words that must all appear in the title or description (any case).
    pub words: Vec<String>,
}

impl OfferFilter {
    /// The areas an offer must name (besides global ones) to pass `serves` and `region`.
    fn areas(&self) -> Option<Vec<String>> {
        let catalog = Catalog::shipped();
        let serves = self.serves.as_ref().map(|code| {
            let mut areas: Vec<String> = match catalog.state(code) {
                Some(state) => catalog.areas_of(state).into_iter().map(str::to_string).collect(),
                None => Vec::new(),
            };
            areas.push(code.clone());
            areas
        });
        match (serves, &self.region) {
            (Some(areas), Some(region)) => Some(areas.into_iter().filter(|a| a == region).collect()),
            (Some(areas), None) => Some(areas),
            (None, region) => region.clone().map(|r| vec![r]),
        }
    }
}

/// Stores a new offer and its links (`areas`: State and region codes, or [`GLOBAL_AREA`]).
pub fn insert(conn: &mut DbConn, row: &OfferRow, themes: &[String], areas: &[String]) -> AppResult<()> {
    diesel::insert_into(offers::table).values(row).execute(conn)?;
    write_links(conn, &row.id, themes, areas)
}

/// Rows per multi-row INSERT of offers (23 columns): under SQLite's 32,766 bind parameters.
const OFFER_CHUNK: usize = 1000;

/// Rows per multi-row INSERT of links (2 columns).
const LINK_CHUNK: usize = 5000;

/// Stores new offers with their links, many rows per statement (a bulk submission).
pub fn insert_many(conn: &mut DbConn, rows: &[OfferRow], themes: &[&[String]], areas: &[Vec<String>]) -> AppResult<()> {
    for chunk in rows.chunks(OFFER_CHUNK) {
        insert_all!(conn, offers::table, chunk)?;
    }
    let theme_links: Vec<_> = rows
        .iter()
        .zip(themes)
        .flat_map(|(r, slugs)| slugs.iter().map(move |s| (offer_themes::offer_id.eq(&r.id), offer_themes::theme.eq(s))))
        .collect();
    for chunk in theme_links.chunks(LINK_CHUNK) {
        insert_all!(conn, offer_themes::table, chunk)?;
    }
    let area_links: Vec<_> = rows
        .iter()
        .zip(areas)
        .flat_map(|(r, codes)| codes.iter().map(move |a| (offer_areas::offer_id.eq(&r.id), offer_areas::area.eq(a))))
        .collect();
    for chunk in area_links.chunks(LINK_CHUNK) {
        insert_all!(conn, offer_areas::table, chunk)?;
    }
    Ok(())
}

fn write_links(conn: &mut DbConn, id: &str, themes: &[String], areas: &[String]) -> AppResult<()> {
    for slug in themes {
        diesel::insert_into(offer_themes::table)
            .values((offer_themes::offer_id.eq(id), offer_themes::theme.eq(slug)))
            .execute(conn)?;
    }
    for area in areas {
        diesel::insert_into(offer_areas::table)
            .values((offer_areas::offer_id.eq(id), offer_areas::area.eq(area)))
            .execute(conn)?;
    }
    Ok(())
}

/// The offer, if it exists and `scope` may see it (a hidden offer reads as missing).
pub fn find(conn: &mut DbConn, id: &str, scope: &OfferScope) -> AppResult<Option<OfferRow>> {
    Ok(visible(offers::table.into_boxed(), scope)
        .filter(offers::id.eq(id))
        .select(OfferRow::as_select())
        .first(conn)
        .optional()?)
}

/// Applied to every query that reads offers: drafts only for their provider and admins.
pub fn visible<'a>(
    q: offers::BoxedQuery<'a, MultiBackend>,
    scope: &'a OfferScope,
) -> offers::BoxedQuery<'a, MultiBackend> {
    let published = offers::status.ne(OfferStatus::Draft.as_str());
    match scope {
        OfferScope::All => q,
        OfferScope::Published { own_provider: None } => q.filter(published),
        OfferScope::Published { own_provider: Some(provider) } => {
            q.filter(published.or(offers::provider_id.eq(provider)))
        }
    }
}

pub fn update(
    conn: &mut DbConn,
    row: &OfferRow,
    expected: i64,
    links: Option<(&[String], &[String])>,
) -> AppResult<bool> {
    let n = diesel::update(offers::table.find(&row.id).filter(offers::version.eq(expected))).set(row).execute(conn)?;
    if n == 1 {
        if let Some((themes, areas)) = links {
            diesel::delete(offer_themes::table.filter(offer_themes::offer_id.eq(&row.id))).execute(conn)?;
            diesel::delete(offer_areas::table.filter(offer_areas::offer_id.eq(&row.id))).execute(conn)?;
            write_links(conn, &row.id, themes, areas)?;
        }
    }
    Ok(n == 1)
}

fn filtered<'a>(f: &'a OfferFilter, scope: &'a OfferScope) -> offers::BoxedQuery<'a, MultiBackend> {
    let mut q = visible(offers::table.into_boxed(), scope);
    if let Some(provider) = &f.provider {
        q = q.filter(offers::provider_id.eq(provider));
    }
    if let Some(theme) = &f.theme {
        q = q.filter(
            offers::id.eq_any(offer_themes::table.filter(offer_themes::theme.eq(theme)).select(offer_themes::offer_id)),
        );
    }
    if let Some(status) = f.status {
        q = q.filter(offers::status.eq(status.as_str()));
    }
    if let Some(areas) = f.areas() {
        q = q.filter(
            offers::id.eq_any(
                offer_areas::table
                    .filter(offer_areas::area.eq_any(areas).or(offer_areas::area.eq(GLOBAL_AREA)))
                    .select(offer_areas::offer_id),
            ),
        );
    }
    if let Some(since) = f.updated_since {
        q = q.filter(offers::updated_at.ge(since));
    }
    for word in &f.words {
        let pattern = containing(word);
        q = q.filter(
            lower(offers::title)
                .like(pattern.clone())
                .escape(LIKE_ESCAPE)
                .or(lower(offers::description).like(pattern).escape(LIKE_ESCAPE)),
        );
    }
    q
}

pub fn list(conn: &mut DbConn, f: &OfferFilter, page: &PageRequest, scope: &OfferScope) -> AppResult<PageOf<OfferRow>> {
    let total = filtered(f, scope).count().get_result(conn)?;
    let mut q = filtered(f, scope);
    if let Some(after) = &page.after {
        q = q.filter(offers::id.gt(after));
    }
    let rows = q.order(offers::id.asc()).limit(page.limit + 1).select(OfferRow::as_select()).load(conn)?;
    Ok(PageOf::from_rows(rows, page, total, |r| &r.id))
}

/// The given offers that `scope` may see, in id order.
pub fn by_ids(conn: &mut DbConn, ids: &[String], scope: &OfferScope) -> AppResult<Vec<OfferRow>> {
    Ok(visible(offers::table.into_boxed(), scope)
        .filter(offers::id.eq_any(ids))
        .order(offers::id.asc())
        .select(OfferRow::as_select())
        .load(conn)?)
}

/// Holds the offer's row until the transaction ends, so that concurrent agreements check its
/// capacity one after another (PostgreSQL runs them side by side otherwise; on SQLite,
/// `BEGIN IMMEDIATE` already serialises writers). A no-op update takes the row lock.
pub fn lock(conn: &mut DbConn, id: &str) -> AppResult<()> {
    diesel::update(offers::table.find(id)).set(offers::id.eq(offers::id)).execute(conn)?;
    Ok(())
}

/// The title and provider of each of the given offers (the caller already holds the ids from
/// an answer that let them through).
pub fn heads(conn: &mut DbConn, ids: &[String]) -> AppResult<Vec<(String, String, String)>> {
    Ok(offers::table
        .filter(offers::id.eq_any(ids))
        .select((offers::id, offers::title, offers::provider_id))
        .load(conn)?)
}

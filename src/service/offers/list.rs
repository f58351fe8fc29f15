//! Offer lists: what the in-memory offer listing can answer (theme, State served, status,
//! provider, change date) is answered there, the rest by storage.

use std::sync::Arc;

use crate::db::offers::{self as store, OfferFilter, OfferRow};
use crate::db::page::{PageOf, PageRequest};
use crate::db::DbConn;
use crate::domain::access::{Caller, OfferScope};
use crate::domain::ids;
use crate::error::{AppError, AppResult, Said};
use crate::matcher::entry::{id_of, key_of};
use crate::matcher::listing::ListingQuery;
use crate::matcher::MatchIndex;
use crate::service::Services;

use super::{counted, Offer};

/// A page of the offers the caller may see that `filter` selects, oldest first.
pub async fn list(
    services: &Services,
    caller: &Caller,
    filter: OfferFilter,
    page: PageRequest,
) -> AppResult<PageOf<Offer>> {
    let scope = caller.offer_scope();
    let query = listing_query(&services.matching.read(), &filter, scope.clone());
    let after = match &query {
        Some(_) => page.after.as_deref().map(key_of).map(|k| k.ok_or_else(bad_cursor)).transpose()?,
        None => None,
    };
    let matching = Arc::clone(&services.matching);
    services
        .db
        .run(move |conn| {
            // What the listing holds answers it, once loaded: it finds the page and the total;
            // storage reads the rows.
            if let Some(query) = query {
                matching.fresh_on(conn)?;
                let listed = matching.listing().as_ref().map(|l| l.page(&query, after, page.limit as usize + 1));
                if let Some((keys, total)) = listed {
                    let ids: Vec<String> = keys.into_iter().map(|k| id_of(ids::OFFER, k)).collect();
                    let found = store::by_ids(conn, &ids, &scope)?;
                    return counted_page(conn, PageOf::from_rows(found, &page, total as i64, |r| &r.id));
                }
            }
            let rows = store::list(conn, &filter, &page, &scope)?;
            counted_page(conn, rows)
        })
        .await
}

/// A page of rows as clients see the offers, with what is left of their capacity.
fn counted_page(conn: &mut DbConn, rows: PageOf<OfferRow>) -> AppResult<PageOf<Offer>> {
    Ok(PageOf { rows: counted(conn, &rows.rows)?, next_after: rows.next_after, total: rows.total })
}

fn bad_cursor() -> AppError {
    AppError::bad_param("cursor", Said::of("field-cursor"))
}

/// The listing's query for a list filter, when the listing can answer it (no text search, no
/// region named).
fn listing_query(index: &MatchIndex, filter: &OfferFilter, scope: OfferScope) -> Option<ListingQuery> {
    if !filter.words.is_empty() || filter.region.is_some() {
        return None;
    }
    let encoder = index.encoder();
    Some(ListingQuery {
        themes: filter.theme.as_ref().map_or(0, |t| encoder.theme_mask(&[t])),
        serves: match &filter.serves {
            Some(code) => Some(encoder.state(code)?),
            None => None,
        },
        status: filter.status,
        provider: filter.provider.clone(),
        updated_since: filter.updated_since.map(|t| t.and_utc().timestamp_micros()),
        scope,
    })
}

//! Assistance requests, their theme and recommendation links, and their consent history.

use diesel::prelude::*;

use super::page::{PageOf, PageRequest};
use super::schema::{consent_events, request_recommendations, request_themes, requests};
use super::text_search::{containing, lower, LIKE_ESCAPE};
use super::{DbConn, MultiBackend};
use crate::domain::access::RequestScope;
use crate::domain::vocab::{ConsentStatus, Priority, RequestStatus};
use crate::error::AppResult;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = requests, treat_none_as_null = true)]
pub struct RequestRow {
    pub id: String,
    pub state: String,
    pub title: String,
    pub description: String,
    /// JSON array of recommendation ids.
    pub recommendation_ids: String,
    /// JSON array of theme slugs.
    pub themes: String,
    /// JSON array of modalities.
    pub modalities: String,
    /// JSON array of ISO 639-1 codes.
    pub languages: String,
    pub starts_on: Option<chrono::NaiveDate>,
    pub ends_on: Option<chrono::NaiveDate>,
    pub budget_min_usd: Option<i64>,
    pub budget_max_usd: Option<i64>,
    pub priority: String,
    pub status: String,
    pub consent_status: String,
    pub consent_updated_at: chrono::NaiveDateTime,
    pub version: i64,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    /// JSON array of the themes the model suggested, not yet confirmed.
    pub suggested_themes: String,
}

super::page::versioned!(RequestRow);

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = consent_events)]
pub struct ConsentEventRow {
    pub id: String,
    pub request_id: String,
    pub status: String,
    pub previous_status: Option<String>,
    pub note: String,
    pub recorded_by: Option<String>,
    pub recorded_at: chrono::NaiveDateTime,
}

#[derive(Debug, Default, Clone)]
pub struct RequestFilter {
    /// Requesting States (one State, or the States of a region).
    pub states: Option<Vec<String>>,
    pub theme: Option<String>,
    pub status: Option<RequestStatus>,
    pub consent_status: Option<ConsentStatus>,
    pub priority: Option<Priority>,
    pub recommendation_id: Option<String>,
    pub updated_since: Option<chrono::NaiveDateTime>,
    /// Words that must all appear in the title or description (any case).
    pub words: Vec<String>,
}

/// Stores a new request, its links and its first consent event.
pub fn insert(
    conn: &mut DbConn,
    row: &RequestRow,
    themes: &[String],
    recommendation_ids: &[String],
    first_consent: &ConsentEventRow,
) -> AppResult<()> {
    diesel::insert_into(requests::table).values(row).execute(conn)?;
    write_links(conn, &row.id, themes, recommendation_ids)?;
    diesel::insert_into(consent_events::table).values(first_consent).execute(conn)?;
    Ok(())
}

fn write_links(conn: &mut DbConn, id: &str, themes: &[String], recommendation_ids: &[String]) -> AppResult<()> {
    for slug in themes {
        diesel::insert_into(request_themes::table)
            .values((request_themes::request_id.eq(id), request_themes::theme.eq(slug)))
            .execute(conn)?;
    }
    for rec in recommendation_ids {
        diesel::insert_into(request_recommendations::table)
            .values((request_recommendations::request_id.eq(id), request_recommendations::recommendation_id.eq(rec)))
            .execute(conn)?;
    }
    Ok(())
}

/// The request, if it exists and `scope` may see it: a hidden request is reported exactly like a
/// missing one.
pub fn find(conn: &mut DbConn, id: &str, scope: &RequestScope) -> AppResult<Option<RequestRow>> {
    Ok(visible(requests::table.into_boxed(), scope)
        .filter(requests::id.eq(id))
        .select(RequestRow::as_select())
        .first(conn)
        .optional()?)
}

/// The given requests that `scope` may see, in id order.
pub fn by_ids(conn: &mut DbConn, ids: &[String], scope: &RequestScope) -> AppResult<Vec<RequestRow>> {
    Ok(visible(requests::table.into_boxed(), scope)
        .filter(requests::id.eq_any(ids))
        .order(requests::id.asc())
        .select(RequestRow::as_select())
        .load(conn)?)
}

/// The consent gate, applied to every query that reads requests: outside the admin scope only
/// consented, non-draft requests, plus a State's own.
pub fn visible<'a>(
    q: requests::BoxedQuery<'a, MultiBackend>,
    scope: &'a RequestScope,
) -> requests::BoxedQuery<'a, MultiBackend> {
    let published = requests::consent_status
        .eq(ConsentStatus::Granted.as_str())
        .and(requests::status.ne(RequestStatus::Draft.as_str()));
    match scope {
        RequestScope::All => q,
        RequestScope::Consented { own_state: None } => q.filter(published),
        RequestScope::Consented { own_state: Some(state) } => q.filter(published.or(requests::state.eq(state))),
    }
}

/// Writes `row` (carrying its new version) and its links if the stored version is still
/// `expected`; `links` is `None` when they did not change.
pub fn update(
    conn: &mut DbConn,
    row: &RequestRow,
    expected: i64,
    links: Option<(&[String], &[String])>,
) -> AppResult<bool> {
    let n =
        diesel::update(requests::table.find(&row.id).filter(requests::version.eq(expected))).set(row).execute(conn)?;
    if n == 1 {
        if let Some((themes, recommendation_ids)) = links {
            diesel::delete(request_themes::table.filter(request_themes::request_id.eq(&row.id))).execute(conn)?;
            diesel::delete(request_recommendations::table.filter(request_recommendations::request_id.eq(&row.id)))
                .execute(conn)?;
            write_links(conn, &row.id, themes, recommendation_ids)?;
        }
    }
    Ok(n == 1)
}

pub fn insert_consent_event(conn: &mut DbConn, event: &ConsentEventRow) -> AppResult<()> {
    diesel::insert_into(consent_events::table).values(event).execute(conn)?;
    Ok(())
}

/// The whole consent history of a request, newest first.
pub fn consent_history(conn: &mut DbConn, request_id: &str) -> AppResult<Vec<ConsentEventRow>> {
    Ok(consent_events::table
        .filter(consent_events::request_id.eq(request_id))
        .order((consent_events::recorded_at.desc(), consent_events::id.desc()))
        .select(ConsentEventRow::as_select())
        .load(conn)?)
}

fn filtered<'a>(f: &'a RequestFilter, scope: &'a RequestScope) -> requests::BoxedQuery<'a, MultiBackend> {
    let mut q = visible(requests::table.into_boxed(), scope);
    if let Some(states) = &f.states {
        q = q.filter(requests::state.eq_any(states));
    }
    if let Some(theme) = &f.theme {
        q =
            q.filter(requests::id.eq_any(
                request_themes::table.filter(request_themes::theme.eq(theme)).select(request_themes::request_id),
            ));
    }
    if let Some(rec) = &f.recommendation_id {
        q = q.filter(
            requests::id.eq_any(
                request_recommendations::table
                    .filter(request_recommendations::recommendation_id.eq(rec))
                    .select(request_recommendations::request_id),
            ),
        );
    }
    if let Some(status) = f.status {
        q = q.filter(requests::status.eq(status.as_str()));
    }
    if let Some(consent) = f.consent_status {
        q = q.filter(requests::consent_status.eq(consent.as_str()));
    }
    if let Some(priority) = f.priority {
        q = q.filter(requests::priority.eq(priority.as_str()));
    }
    if let Some(since) = f.updated_since {
        q = q.filter(requests::updated_at.ge(since));
    }
    for word in &f.words {
        let pattern = containing(word);
        q = q.filter(
            lower(requests::title)
                .like(pattern.clone())
                .escape(LIKE_ESCAPE)
                .or(lower(requests::description).like(pattern).escape(LIKE_ESCAPE)),
        );
    }
    q
}

pub fn list(
    conn: &mut DbConn,
    f: &RequestFilter,
    page: &PageRequest,
    scope: &RequestScope,
) -> AppResult<PageOf<RequestRow>> {
    let total = filtered(f, scope).count().get_result(conn)?;
    let mut q = filtered(f, scope);
    if let Some(after) = &page.after {
        q = q.filter(requests::id.gt(after));
    }
    let rows = q.order(requests::id.asc()).limit(page.limit + 1).select(RequestRow::as_select()).load(conn)?;
    Ok(PageOf::from_rows(rows, page, total, |r| &r.id))
}

/// The title and State of each of the given requests, whatever their consent (the caller
/// already holds the ids from an answer the consent gate let through).
pub fn heads(conn: &mut DbConn, ids: &[String]) -> AppResult<Vec<(String, String, String)>> {
    Ok(requests::table
        .filter(requests::id.eq_any(ids))
        .select((requests::id, requests::title, requests::state))
        .load(conn)?)
}

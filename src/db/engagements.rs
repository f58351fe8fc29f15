//! Engagements and their transitions. Only the two parties and admins see an engagement.

use std::collections::HashMap;

use diesel::prelude::*;

use super::page::{PageOf, PageRequest};
use super::schema::{engagement_events, engagements, offers, requests};
use super::{DbConn, MultiBackend};
use crate::domain::access::EngagementScope;
use crate::domain::engagement::EngagementStatus;
use crate::error::AppResult;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = engagements, treat_none_as_null = true)]
pub struct EngagementRow {
    pub id: String,
    pub request_id: String,
    pub offer_id: String,
    pub initiated_by: String,
    pub status: String,
    pub outcome: Option<String>,
    pub version: i64,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub iati_identifier: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = engagement_events)]
pub struct EventRow {
    pub id: String,
    pub engagement_id: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub side: String,
    pub recorded_by: Option<String>,
    pub note: String,
    pub at: chrono::NaiveDateTime,
}

#[derive(Debug, Default, Clone)]
pub struct EngagementFilter {
    pub request_id: Option<String>,
    pub offer_id: Option<String>,
    pub status: Option<EngagementStatus>,
}

/// Engagements a scope may see: all, those on a State's requests, or on a provider's offers.
fn visible<'a>(
    q: engagements::BoxedQuery<'a, MultiBackend>,
    scope: &'a EngagementScope,
) -> engagements::BoxedQuery<'a, MultiBackend> {
    match scope {
        EngagementScope::All => q,
        EngagementScope::State(state) => q.filter(
            engagements::request_id.eq_any(requests::table.filter(requests::state.eq(state)).select(requests::id)),
        ),
        EngagementScope::Provider(provider) => q.filter(
            engagements::offer_id.eq_any(offers::table.filter(offers::provider_id.eq(provider)).select(offers::id)),
        ),
    }
}

pub fn insert(conn: &mut DbConn, row: &EngagementRow, first: &EventRow) -> AppResult<()> {
    diesel::insert_into(engagements::table).values(row).execute(conn)?;
    diesel::insert_into(engagement_events::table).values(first).execute(conn)?;
    Ok(())
}

/// Those of the given engagements that `scope` may see.
pub fn visible_ids(conn: &mut DbConn, ids: &[&str], scope: &EngagementScope) -> AppResult<Vec<String>> {
    Ok(visible(engagements::table.into_boxed(), scope)
        .filter(engagements::id.eq_any(ids))
        .select(engagements::id)
        .load(conn)?)
}

pub fn find(conn: &mut DbConn, id: &str, scope: &EngagementScope) -> AppResult<Option<EngagementRow>> {
    Ok(visible(engagements::table.into_boxed(), scope)
        .filter(engagements::id.eq(id))
        .select(EngagementRow::as_select())
        .first(conn)
        .optional()?)
}

/// Writes `row` with its new status if the stored version is still `expected`, and the event.
pub fn transition(conn: &mut DbConn, row: &EngagementRow, expected: i64, event: &EventRow) -> AppResult<bool> {
    let n = diesel::update(engagements::table.find(&row.id).filter(engagements::version.eq(expected)))
        .set(row)
        .execute(conn)?;
    if n == 1 {
        diesel::insert_into(engagement_events::table).values(event).execute(conn)?;
    }
    Ok(n == 1)
}

pub fn events(conn: &mut DbConn, id: &str) -> AppResult<Vec<EventRow>> {
    Ok(engagement_events::table
        .filter(engagement_events::engagement_id.eq(id))
        .order((engagement_events::at.asc(), engagement_events::id.asc()))
        .select(EventRow::as_select())
        .load(conn)?)
}

/// Whether the pair already has an engagement that is not finished.
pub fn active_for_pair(conn: &mut DbConn, request_id: &str, offer_id: &str) -> AppResult<bool> {
    let active: Vec<&str> = EngagementStatus::ALL.iter().filter(|s| s.is_active()).map(|s| s.as_str()).collect();
    let n: i64 = engagements::table
        .filter(engagements::request_id.eq(request_id))
        .filter(engagements::offer_id.eq(offer_id))
        .filter(engagements::status.eq_any(active))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Whether the request has an engagement in one of these statuses.
pub fn request_has(conn: &mut DbConn, request_id: &str, statuses: &[&str]) -> AppResult<bool> {
    let n: i64 = engagements::table
        .filter(engagements::request_id.eq(request_id))
        .filter(engagements::status.eq_any(statuses))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

fn capacity_statuses() -> Vec<&'static str> {
    EngagementStatus::ALL.iter().filter(|s| s.uses_capacity()).map(|s| s.as_str()).collect()
}

/// How many engagements use the offer's capacity.
pub fn capacity_used(conn: &mut DbConn, offer_id: &str) -> AppResult<i64> {
    Ok(engagements::table
        .filter(engagements::offer_id.eq(offer_id))
        .filter(engagements::status.eq_any(capacity_statuses()))
        .count()
        .get_result(conn)?)
}

/// Engagements using capacity, per offer: of these offers, or of all.
pub fn capacity_used_by(conn: &mut DbConn, offers: Option<&[&str]>) -> AppResult<HashMap<String, i64>> {
    let mut q = engagements::table
        .filter(engagements::status.eq_any(capacity_statuses()))
        .group_by(engagements::offer_id)
        .select((engagements::offer_id, diesel::dsl::count_star()))
        .into_boxed();
    if let Some(ids) = offers {
        q = q.filter(engagements::offer_id.eq_any(ids));
    }
    Ok(q.load::<(String, i64)>(conn)?.into_iter().collect())
}

fn filtered<'a>(f: &'a EngagementFilter, scope: &'a EngagementScope) -> engagements::BoxedQuery<'a, MultiBackend> {
    let mut q = visible(engagements::table.into_boxed(), scope);
    if let Some(id) = &f.request_id {
        q = q.filter(engagements::request_id.eq(id));
    }
    if let Some(id) = &f.offer_id {
        q = q.filter(engagements::offer_id.eq(id));
    }
    if let Some(status) = f.status {
        q = q.filter(engagements::status.eq(status.as_str()));
    }
    q
}

pub fn list(
    conn: &mut DbConn,
    f: &EngagementFilter,
    page: &PageRequest,
    scope: &EngagementScope,
) -> AppResult<PageOf<EngagementRow>> {
    let total = filtered(f, scope).count().get_result(conn)?;
    let mut q = filtered(f, scope);
    if let Some(after) = &page.after {
        q = q.filter(engagements::id.gt(after));
    }
    let rows = q.order(engagements::id.asc()).limit(page.limit + 1).select(EngagementRow::as_select()).load(conn)?;
    Ok(PageOf::from_rows(rows, page, total, |r| &r.id))
}

/// The engagement other than `except` whose IATI identifier is `identifier`, if any.
pub fn holder_of_identifier(conn: &mut DbConn, identifier: &str, except: &str) -> AppResult<Option<String>> {
    Ok(engagements::table
        .filter(engagements::iati_identifier.eq(identifier))
        .filter(engagements::id.ne(except))
        .select(engagements::id)
        .first(conn)
        .optional()?)
}

/// One engagement on a published request, as the public record counts it: its status, when it
/// began, the requesting State and the request's themes.
#[derive(Debug)]
pub struct RecordedEngagement {
    pub status: String,
    pub created_at: chrono::NaiveDateTime,
    pub state: String,
    pub themes: Vec<String>,
}

/// Every engagement whose request is published now (consented, not a draft): the public
/// record of cooperation never counts what a State has not agreed to share.
pub fn on_published_requests(conn: &mut DbConn) -> AppResult<Vec<RecordedEngagement>> {
    use super::schema::request_themes;
    let rows: Vec<(String, chrono::NaiveDateTime, String)> = engagements::table
        .select((engagements::status, engagements::created_at, engagements::request_id))
        .load(conn)?;
    let mut ids: Vec<String> = rows.iter().map(|r| r.2.clone()).collect();
    ids.sort();
    ids.dedup();
    let scope = crate::domain::access::RequestScope::Consented { own_state: None };
    let mut states: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut themes: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for chunk in ids.chunks(super::match_source::IDS_PER_QUERY) {
        let published = super::requests::by_ids(conn, chunk, &scope)?;
        let published: Vec<String> = published
            .into_iter()
            .map(|r| {
                states.insert(r.id.clone(), r.state);
                r.id
            })
            .collect();
        for (request, theme) in request_themes::table
            .filter(request_themes::request_id.eq_any(&published))
            .select((request_themes::request_id, request_themes::theme))
            .load::<(String, String)>(conn)?
        {
            themes.entry(request).or_default().push(theme);
        }
    }
    Ok(rows
        .into_iter()
        .filter_map(|(status, created_at, request)| {
            let state = states.get(&request)?.clone();
            Some(RecordedEngagement {
                status,
                created_at,
                state,
                themes: themes.get(&request).cloned().unwrap_or_default(),
            })
        })
        .collect())
}

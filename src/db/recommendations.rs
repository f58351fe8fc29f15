//! UPR recommendations and their theme links.

use diesel::prelude::*;

use super::page::{PageOf, PageRequest};
use super::schema::{recommendation_themes, recommendations};
use super::{insert_all, DbConn, MultiBackend};
use crate::error::AppResult;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = recommendations, treat_none_as_null = true)]
pub struct RecommendationRow {
    pub id: String,
    pub state_under_review: String,
    pub recommending_state: Option<String>,
    pub cycle: i32,
    pub session: i32,
    pub text: String,
    pub response: String,
    pub action_category: Option<i32>,
    /// JSON array of theme slugs.
    pub themes: String,
    pub version: i64,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

#[derive(Debug, Default)]
pub struct RecommendationFilter {
    /// States under review (one State, or the States of a region).
    pub states_under_review: Option<Vec<String>>,
    pub recommending_state: Option<String>,
    pub theme: Option<String>,
    pub response: Option<String>,
    pub cycle: Option<i32>,
    pub session: Option<i32>,
    pub updated_since: Option<chrono::NaiveDateTime>,
}

/// Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bind-parameter limits.
const CHUNK: usize = 1000;

/// Inserts recommendations with their theme links (`themes[i]` belongs to `rows[i]`).
pub fn insert_many(conn: &mut DbConn, rows: &[RecommendationRow], themes: &[Vec<String>]) -> AppResult<()> {
    for chunk in rows.chunks(CHUNK) {
        insert_all!(conn, recommendations::table, chunk)?;
    }
    let links: Vec<_> = rows
        .iter()
        .zip(themes)
        .flat_map(|(row, slugs)| {
            slugs.iter().map(move |slug| {
                (recommendation_themes::recommendation_id.eq(&row.id), recommendation_themes::theme.eq(slug))
            })
        })
        .collect();
    for chunk in links.chunks(CHUNK) {
        insert_all!(conn, recommendation_themes::table, chunk)?;
    }
    Ok(())
}

pub fn find(conn: &mut DbConn, id: &str) -> AppResult<Option<RecommendationRow>> {
    Ok(recommendations::table.find(id).select(RecommendationRow::as_select()).first(conn).optional()?)
}

/// The stored recommendations among `ids`.
pub fn find_many(conn: &mut DbConn, ids: &[String]) -> AppResult<Vec<RecommendationRow>> {
    Ok(recommendations::table
        .filter(recommendations::id.eq_any(ids))
        .select(RecommendationRow::as_select())
        .load(conn)?)
}

pub fn update(conn: &mut DbConn, row: &RecommendationRow, expected: i64, themes: &[String]) -> AppResult<bool> {
    let n = diesel::update(recommendations::table.find(&row.id).filter(recommendations::version.eq(expected)))
        .set(row)
        .execute(conn)?;
    if n == 1 {
        diesel::delete(recommendation_themes::table.filter(recommendation_themes::recommendation_id.eq(&row.id)))
            .execute(conn)?;
        insert_many_links(conn, &row.id, themes)?;
    }
    Ok(n == 1)
}

fn insert_many_links(conn: &mut DbConn, id: &str, themes: &[String]) -> AppResult<()> {
    for slug in themes {
        diesel::insert_into(recommendation_themes::table)
            .values((recommendation_themes::recommendation_id.eq(id), recommendation_themes::theme.eq(slug)))
            .execute(conn)?;
    }
    Ok(())
}

fn filtered<'a>(f: &'a RecommendationFilter) -> recommendations::BoxedQuery<'a, MultiBackend> {
    let mut q = recommendations::table.into_boxed();
    if let Some(states) = &f.states_under_review {
        q = q.filter(recommendations::state_under_review.eq_any(states));
    }
    if let Some(state) = &f.recommending_state {
        q = q.filter(recommendations::recommending_state.eq(state));
    }
    if let Some(theme) = &f.theme {
        q = q.filter(
            recommendations::id.eq_any(
                recommendation_themes::table
                    .filter(recommendation_themes::theme.eq(theme))
                    .select(recommendation_themes::recommendation_id),
            ),
        );
    }
    if let Some(response) = &f.response {
        q = q.filter(recommendations::response.eq(response));
    }
    if let Some(cycle) = f.cycle {
        q = q.filter(recommendations::cycle.eq(cycle));
    }
    if let Some(session) = f.session {
        q = q.filter(recommendations::session.eq(session));
    }
    if let Some(since) = f.updated_since {
        q = q.filter(recommendations::updated_at.ge(since));
    }
    q
}

pub fn list(conn: &mut DbConn, f: &RecommendationFilter, page: &PageRequest) -> AppResult<PageOf<RecommendationRow>> {
    let total = filtered(f).count().get_result(conn)?;
    let mut q = filtered(f);
    if let Some(after) = &page.after {
        q = q.filter(recommendations::id.gt(after));
    }
    let rows =
        q.order(recommendations::id.asc()).limit(page.limit + 1).select(RecommendationRow::as_select()).load(conn)?;
    Ok(PageOf::from_rows(rows, page, total, |r| &r.id))
}

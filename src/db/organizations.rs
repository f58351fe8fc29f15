//! Organizations: providers that are not States.

use diesel::prelude::*;

use super::page::{PageOf, PageRequest};
use super::schema::organizations;
use super::text_search::{containing, lower, LIKE_ESCAPE};
use super::{DbConn, MultiBackend};
use crate::error::AppResult;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = organizations, treat_none_as_null = true)]
pub struct OrganizationRow {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub country: Option<String>,
    pub website: Option<String>,
    pub description: String,
    pub version: i64,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

super::page::versioned!(OrganizationRow);

#[derive(Debug, Default)]
pub struct OrganizationFilter {
    pub kind: Option<String>,
    pub country: Option<String>,
    /// Case-insensitive substring of the name.
    pub name_contains: Option<String>,
    pub updated_since: Option<chrono::NaiveDateTime>,
}

pub fn insert(conn: &mut DbConn, row: &OrganizationRow) -> AppResult<()> {
    diesel::insert_into(organizations::table).values(row).execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConn, id: &str) -> AppResult<Option<OrganizationRow>> {
    Ok(organizations::table.find(id).select(OrganizationRow::as_select()).first(conn).optional()?)
}

/// Writes `row` (carrying its new version) if the stored version is still `expected`.
/// The organization with this name (in any case) and country, if one exists: the same body
/// registered twice would split its offers and its record.
pub fn same_name_and_country(conn: &mut DbConn, name: &str, country: Option<&str>) -> AppResult<Option<String>> {
    let mut q = organizations::table
        .into_boxed::<MultiBackend>()
        .filter(lower(organizations::name).eq(lower(name.to_string())));
    q = match country {
        Some(code) => q.filter(organizations::country.eq(code.to_string())),
        None => q.filter(organizations::country.is_null()),
    };
    Ok(q.select(organizations::id).first(conn).optional()?)
}

/// The names of the given organizations, by id (ids that name none are left out).
pub fn names(conn: &mut DbConn, ids: &[String]) -> AppResult<Vec<(String, String)>> {
    Ok(organizations::table
        .filter(organizations::id.eq_any(ids))
        .select((organizations::id, organizations::name))
        .load(conn)?)
}

/// The kinds of the given organizations, by id (ids that name none are left out).
pub fn kinds(conn: &mut DbConn, ids: &[String]) -> AppResult<Vec<(String, String)>> {
    Ok(organizations::table
        .filter(organizations::id.eq_any(ids))
        .select((organizations::id, organizations::kind))
        .load(conn)?)
}

pub fn update(conn: &mut DbConn, row: &OrganizationRow, expected: i64) -> AppResult<bool> {
    let n = diesel::update(organizations::table.find(&row.id).filter(organizations::version.eq(expected)))
        .set(row)
        .execute(conn)?;
    Ok(n == 1)
}

fn filtered<'a>(f: &'a OrganizationFilter) -> organizations::BoxedQuery<'a, MultiBackend> {
    let mut q = organizations::table.into_boxed();
    if let Some(kind) = &f.kind {
        q = q.filter(organizations::kind.eq(kind));
    }
    if let Some(country) = &f.country {
        q = q.filter(organizations::country.eq(country));
    }
    if let Some(text) = &f.name_contains {
        q = q.filter(lower(organizations::name).like(containing(text)).escape(LIKE_ESCAPE));
    }
    if let Some(since) = f.updated_since {
        q = q.filter(organizations::updated_at.ge(since));
    }
    q
}

pub fn list(conn: &mut DbConn, f: &OrganizationFilter, page: &PageRequest) -> AppResult<PageOf<OrganizationRow>> {
    let total = filtered(f).count().get_result(conn)?;
    let mut q = filtered(f);
    if let Some(after) = &page.after {
        q = q.filter(organizations::id.gt(after));
    }
    let rows =
        q.order(organizations::id.asc()).limit(page.limit + 1).select(OrganizationRow::as_select()).load(conn)?;
    Ok(PageOf::from_rows(rows, page, total, |r| &r.id))
}

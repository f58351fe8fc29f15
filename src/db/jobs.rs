//! Import jobs: what each one is, how far it got, and how it ended.

use diesel::prelude::*;

use super::schema::import_jobs;
use super::DbConn;
use crate::error::AppResult;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = import_jobs)]
pub struct JobRow {
    pub id: String,
    pub kind: String,
    pub key_id: String,
    pub status: String,
    pub rows_total: Option<i64>,
    pub rows_done: i64,
    /// JSON: what the import answers when it succeeds.
    pub result: Option<String>,
    /// JSON: the problem (RFC 9457) it failed with.
    pub problem: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub finished_at: Option<chrono::NaiveDateTime>,
}

pub fn insert(conn: &mut DbConn, row: &JobRow) -> AppResult<()> {
    diesel::insert_into(import_jobs::table).values(row).execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConn, id: &str) -> AppResult<Option<JobRow>> {
    Ok(import_jobs::table.find(id).select(JobRow::as_select()).first(conn).optional()?)
}

/// Records how far a running job got (and that it is alive).
pub fn progress(
    conn: &mut DbConn,
    id: &str,
    status: &str,
    total: Option<i64>,
    done: i64,
    at: chrono::NaiveDateTime,
) -> AppResult<()> {
    diesel::update(import_jobs::table.find(id))
        .set((
            import_jobs::status.eq(status),
            import_jobs::rows_total.eq(total),
            import_jobs::rows_done.eq(done),
            import_jobs::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records how a job ended.
pub fn finish(conn: &mut DbConn, row: &JobRow) -> AppResult<()> {
    diesel::update(import_jobs::table.find(&row.id))
        .set((
            import_jobs::status.eq(&row.status),
            import_jobs::rows_total.eq(row.rows_total),
            import_jobs::rows_done.eq(row.rows_done),
            import_jobs::result.eq(&row.result),
            import_jobs::problem.eq(&row.problem),
            import_jobs::updated_at.eq(row.updated_at),
            import_jobs::finished_at.eq(row.finished_at),
        ))
        .execute(conn)?;
    Ok(())
}

//! Keyset pagination shared by every list: order by id, fetch one row more than asked to know
//! whether another page follows.

use chrono::{NaiveDateTime, Timelike};

/// What a list call asks for: at most `limit` rows with ids after `after`.
#[derive(Debug, Clone)]
pub struct PageRequest {
    pub limit: i64,
    pub after: Option<String>,
}

/// One page of rows, the cursor to the next one, and the number of rows matching the filters.
#[derive(Debug)]
pub struct PageOf<R> {
    pub rows: Vec<R>,
    pub next_after: Option<String>,
    pub total: i64,
}

impl<R> PageOf<R> {
    /// `rows` were loaded with `limit + 1`.
    pub fn from_rows(mut rows: Vec<R>, page: &PageRequest, total: i64, id: impl Fn(&R) -> &str) -> Self {
        let limit = usize::try_from(page.limit).unwrap_or(usize::MAX);
        let next_after = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|r| id(r).to_string())
        } else {
            None
        };
        PageOf { rows, next_after, total }
    }
}

/// The current time as stored: UTC, truncated to microseconds (PostgreSQL's precision) so a
/// value reads back exactly as written on both backends.
pub fn now() -> NaiveDateTime {
    let now = chrono::Utc::now().naive_utc();
    now.with_nanosecond(now.nanosecond() / 1000 * 1000).expect("micros are a valid nanosecond value")
}

/// A stored record that changes by versions: what the update pipeline reads and sets.
pub trait Versioned {
    fn id(&self) -> &str;
    fn version(&self) -> i64;
    /// Sets the new version and change time.
    fn stamp(&mut self, version: i64, at: NaiveDateTime);
}

/// Rows with `id`, `version` and `updated_at` columns are [`Versioned`].
macro_rules! versioned {
    ($($row:ty),+ $(,)?) => {$(
        impl $crate::db::page::Versioned for $row {
            fn id(&self) -> &str {
                &self.id
            }

            fn version(&self) -> i64 {
                self.version
            }

            fn stamp(&mut self, version: i64, at: chrono::NaiveDateTime) {
                self.version = version;
                self.updated_at = at;
            }
        }
    )+};
}
pub(crate) use versioned;

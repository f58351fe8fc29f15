//! Text search. Recommendations are searched in the databases' full-text indexes (SQLite FTS5,
//! PostgreSQL `tsvector` with a GIN index): every word asked for must begin a word of the text,
//! in any case, so "child" finds "children". Shorter texts (titles, names) are searched for the
//! words anywhere, with `LIKE`.

use diesel::dsl::sql;
use diesel::expression::BoxableExpression;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};

use super::schema::{recommendation_search, recommendations};
use super::{DbConn, MultiBackend};
use crate::error::{AppError, AppResult};

diesel::define_sql_function!(
    /// SQL `lower()`, on both backends.
    fn lower(x: Text) -> Text
);

/// The escape character of [`containing`]'s patterns.
pub const LIKE_ESCAPE: char = '\\';

/// A `LIKE` pattern for text containing `word`, in any case (compare with `lower(column)`);
/// the word's own `%`, `_` and `\` match literally.
pub fn containing(word: &str) -> String {
    let escaped = word.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// The words of a query as the indexes split text: runs of letters and digits, lowercased.
pub fn terms(words: &[String]) -> Vec<String> {
    words
        .iter()
        .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// An FTS5 query: each term as a prefix, all of them required. Terms hold only letters and
/// digits, so quoting cannot be escaped from.
fn fts5_query(terms: &[String]) -> String {
    terms.iter().map(|t| format!("\"{t}\"*")).collect::<Vec<_>>().join(" ")
}

/// A condition on recommendations: their text has a word beginning with each term.
pub fn recommendations_with(
    conn: &DbConn,
    terms: &[String],
) -> Box<dyn BoxableExpression<recommendations::table, MultiBackend, SqlType = Bool>> {
    match conn {
        DbConn::Sqlite(_) => Box::new(
            sql::<Bool>(
                "recommendations.id IN (SELECT s.id FROM recommendation_search s WHERE s.key IN \
                 (SELECT rowid FROM recommendations_fts WHERE recommendations_fts MATCH ",
            )
            .bind::<Text, _>(fts5_query(terms))
            .sql("))"),
        ),
        DbConn::Pg(_) => {
            let query: Vec<String> = terms.iter().map(|t| format!("{t}:*")).collect();
            Box::new(
                sql::<Bool>("recommendations.text_search @@ to_tsquery('simple', ")
                    .bind::<Text, _>(query.join(" & "))
                    .sql(")"),
            )
        }
    }
}

#[derive(QueryableByName)]
struct Key {
    #[diesel(sql_type = BigInt)]
    key: i64,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// SQLite, a search by words alone: the ids of up to `limit` matches after the one with id
/// `after`, in the order they were stored, read straight from the index, and how many match.
pub fn sqlite_search(
    conn: &mut diesel::SqliteConnection,
    terms: &[String],
    after: Option<&str>,
    limit: i64,
) -> AppResult<(Vec<String>, i64)> {
    let after_key = match after {
        Some(id) => recommendation_search::table
            .filter(recommendation_search::id.eq(id))
            .select(recommendation_search::key)
            .first::<i64>(conn)
            .optional()?
            .ok_or_else(|| AppError::bad_param("cursor", "not a cursor of this list"))?,
        None => 0,
    };
    let query = fts5_query(terms);
    let keys: Vec<i64> = diesel::sql_query(
        "SELECT rowid AS key FROM recommendations_fts WHERE recommendations_fts MATCH ? AND rowid > ? \
         ORDER BY rowid LIMIT ?",
    )
    .bind::<Text, _>(&query)
    .bind::<BigInt, _>(after_key)
    .bind::<BigInt, _>(limit)
    .load::<Key>(conn)?
    .into_iter()
    .map(|k| k.key)
    .collect();
    let ids = recommendation_search::table
        .filter(recommendation_search::key.eq_any(&keys))
        .order(recommendation_search::key.asc())
        .select(recommendation_search::id)
        .load::<String>(conn)?;
    let total = diesel::sql_query("SELECT count(*) AS n FROM recommendations_fts WHERE recommendations_fts MATCH ?")
        .bind::<Text, _>(&query)
        .get_result::<Count>(conn)?
        .n;
    Ok((ids, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_match_wildcards_literally() {
        assert_eq!(containing("Torture"), "%torture%");
        assert_eq!(containing("100%_a\\b"), "%100\\%\\_a\\\\b%");
    }

    #[test]
    fn terms_are_the_words_the_index_sees() {
        let words = ["Women's".to_string(), "death-penalty".into(), "!!".into(), "Niños".into()];
        assert_eq!(terms(&words), ["women", "s", "death", "penalty", "niños"]);
        assert_eq!(fts5_query(&terms(&words[1..2])), "\"death\"* \"penalty\"*");
    }
}

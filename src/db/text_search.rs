//! Word search in the databases' full-text indexes (SQLite FTS5, PostgreSQL `tsvector` with a
//! GIN index): every word asked for must begin a word of the text, in any case, so "child"
//! finds "children" and "death penalty" finds texts with both words.

use diesel::dsl::sql;
use diesel::expression::BoxableExpression;
use diesel::sql_types::{Bool, Text};

use super::schema::recommendations;
use super::{DbConn, MultiBackend};

/// The words of a query as the indexes split text: runs of letters and digits, lowercased.
pub fn terms(words: &[String]) -> Vec<String> {
    words
        .iter()
        .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A condition on recommendations: their text has a word beginning with each term.
pub fn recommendations_with(
    conn: &DbConn,
    terms: &[String],
) -> Box<dyn BoxableExpression<recommendations::table, MultiBackend, SqlType = Bool>> {
    match conn {
        DbConn::Sqlite(_) => {
            let query: Vec<String> = terms.iter().map(|t| format!("\"{t}\"*")).collect();
            Box::new(
                sql::<Bool>(
                    "recommendations.id IN (SELECT id FROM recommendations_fts WHERE recommendations_fts MATCH ",
                )
                .bind::<Text, _>(query.join(" "))
                .sql(")"),
            )
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_the_words_the_index_sees() {
        let words = ["Women's".to_string(), "death-penalty".into(), "!!".into(), "Niños".into()];
        assert_eq!(terms(&words), ["women", "s", "death", "penalty", "niños"]);
    }
}

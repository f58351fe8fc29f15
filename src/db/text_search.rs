//! Text search. Recommendations are searched in the databases' full-text indexes (SQLite FTS5,
//! PostgreSQL `tsvector` with a GIN index): every word asked for must begin a word of the text,
//! in any case, so "child" finds "children". Shorter texts (titles, names) are searched for the
//! words anywhere, with `LIKE`.

use diesel::sql_types::Text;

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
    }
}

//! Free-text theme tags to canonical themes: exact look-up of slugs, labels and synonyms in
//! every UN language, then fuzzy ranking (strsim) with "did you mean" suggestions.

use std::collections::HashMap;

use super::catalog::Theme;

/// A tag resolves on its own only when the best theme scores at least this...
pub const ACCEPT_SCORE: f64 = 0.85;
/// ...and beats the best other theme by this margin; otherwise the caller is asked to choose.
pub const ACCEPT_MARGIN: f64 = 0.05;
/// Themes below this score are not worth suggesting.
const SUGGEST_SCORE: f64 = 0.35;

/// One ranked theme for a query, and the name of the theme it matched best.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub theme: usize,
    pub score: f64,
    pub matched: String,
}

/// What a tag resolved to.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// One theme, unambiguously.
    Theme(usize),
    /// No single theme: the closest ones, best first (possibly none).
    Unresolved(Vec<Candidate>),
}

struct Name {
    theme: usize,
    text: String,
    normalised: String,
    tokens: Vec<String>,
}

pub struct ThemeResolver {
    names: Vec<Name>,
    exact: HashMap<String, Vec<usize>>,
}

impl ThemeResolver {
    pub fn new(themes: &[Theme]) -> Self {
        let mut names = Vec::new();
        for (i, theme) in themes.iter().enumerate() {
            let mut texts = vec![theme.slug.replace('-', " "), theme.upr_info_label.clone()];
            texts.extend(theme.labels.values().cloned());
            texts.extend(theme.synonyms.values().flatten().cloned());
            for text in texts {
                let normalised = normalise(&text);
                if normalised.is_empty() || names.iter().any(|n: &Name| n.theme == i && n.normalised == normalised) {
                    continue;
                }
                let tokens = content_tokens(&normalised);
                names.push(Name { theme: i, text, normalised, tokens });
            }
        }
        let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
        for name in &names {
            let themes = exact.entry(name.normalised.clone()).or_default();
            if !themes.contains(&name.theme) {
                themes.push(name.theme);
            }
        }
        ThemeResolver { names, exact }
    }

    /// Resolves one tag: exact names first, then fuzzy with the acceptance rule above.
    pub fn resolve(&self, tag: &str) -> Resolution {
        let query = normalise(tag);
        if let Some(themes) = self.exact.get(&query) {
            if let [only] = themes.as_slice() {
                return Resolution::Theme(*only);
            }
        }
        let ranked = self.rank(tag, 5);
        match ranked.as_slice() {
            [best, rest @ ..]
                if best.score >= ACCEPT_SCORE
                    && rest.first().is_none_or(|second| best.score - second.score >= ACCEPT_MARGIN) =>
            {
                Resolution::Theme(best.theme)
            }
            _ => Resolution::Unresolved(ranked.into_iter().filter(|c| c.score >= SUGGEST_SCORE).take(3).collect()),
        }
    }

    /// The `limit` best themes for free text, one entry per theme, best first; ties by theme
    /// order so the ranking is deterministic.
    pub fn rank(&self, text: &str, limit: usize) -> Vec<Candidate> {
        let query = normalise(text);
        if query.is_empty() {
            return vec![];
        }
        let query_tokens = content_tokens(&query);
        let mut best: HashMap<usize, Candidate> = HashMap::new();
        for name in &self.names {
            let score = similarity(&query, &query_tokens, name);
            let entry = best.entry(name.theme).or_insert_with(|| Candidate {
                theme: name.theme,
                score: -1.0,
                matched: String::new(),
            });
            if score > entry.score {
                entry.score = score;
                entry.matched = name.text.clone();
            }
        }
        let mut ranked: Vec<Candidate> = best.into_values().collect();
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.theme.cmp(&b.theme)));
        ranked.truncate(limit);
        for c in &mut ranked {
            c.score = (c.score * 1000.0).round() / 1000.0;
        }
        ranked
    }
}

/// 1.0 only for an exact (normalised) name; otherwise the best of edit distance, Jaro-Winkler
/// and a word-level F1 that forgives word order and small typos in each word.
fn similarity(query: &str, query_tokens: &[String], name: &Name) -> f64 {
    if query == name.normalised {
        return 1.0;
    }
    let edit = strsim::normalized_damerau_levenshtein(query, &name.normalised);
    let jaro = 0.9 * strsim::jaro_winkler(query, &name.normalised);
    let words = 0.95 * word_f1(query_tokens, &name.tokens);
    // Chinese has no spaces between words: its words are compared by their pairs of characters.
    let pairs = if query.chars().any(is_han) { 0.95 * character_pairs(query, &name.normalised) } else { 0.0 };
    edit.max(jaro).max(words).max(pairs).min(0.999)
}

/// The Sørensen-Dice coefficient of the pairs of consecutive characters (spaces left out) of
/// two texts, counted in characters (strsim's counts bytes, a third of a Chinese character).
fn character_pairs(a: &str, b: &str) -> f64 {
    let pairs = |text: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (a, mut b) = (pairs(a), pairs(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let total = a.len() + b.len();
    let shared = a
        .iter()
        .filter(|pair| match b.iter().position(|p| p == *pair) {
            Some(i) => {
                b.swap_remove(i);
                true
            }
            None => false,
        })
        .count();
    2.0 * shared as f64 / total as f64
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

fn word_f1(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let best_in = |from: &[String], to: &[String]| {
        from.iter().map(|w| to.iter().map(|v| word_similarity(w, v)).fold(0.0, f64::max)).sum::<f64>()
            / from.len() as f64
    };
    let recall = best_in(a, b);
    let precision = best_in(b, a);
    if recall + precision == 0.0 {
        0.0
    } else {
        2.0 * recall * precision / (recall + precision)
    }
}

/// Words count as the same with a small typo; short words must match exactly.
fn word_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.chars().count() < 4 || b.chars().count() < 4 {
        return 0.0;
    }
    let s = strsim::normalized_damerau_levenshtein(a, b);
    if s >= 0.75 {
        s
    } else {
        0.0
    }
}

/// Lowercase, accents folded, apostrophes dropped, other punctuation as spaces; Arabic without
/// its short-vowel marks, and with the letters written in several ways folded into one.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        match ch {
            '\'' | '’' | '`' | '´' => {}
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {}
            c if c.is_alphanumeric() => out.push(fold_accent(c)),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ё' => 'е',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        other => other,
    }
}

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "of", "the", "to", "in", "on", "for", "or", "de", "des", "du", "la", "le", "les", "et", "el",
    "los", "las", "y", "del", "en", "и", "в", "на",
];

fn content_tokens(normalised: &str) -> Vec<String> {
    normalised.split(' ').filter(|w| !STOP_WORDS.contains(w)).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;

    fn resolve(tag: &str) -> Option<String> {
        let c = Catalog::shipped();
        match c.resolver.resolve(tag) {
            Resolution::Theme(i) => Some(c.themes[i].slug.clone()),
            Resolution::Unresolved(_) => None,
        }
    }

    #[test]
    fn exact_names_resolve() {
        assert_eq!(resolve("womens-rights").as_deref(), Some("womens-rights"));
        assert_eq!(resolve("Women's rights").as_deref(), Some("womens-rights"));
        assert_eq!(resolve("  TORTURE  ").as_deref(), Some("torture"));
        assert_eq!(resolve("Death penalty").as_deref(), Some("death-penalty"));
    }

    #[test]
    fn typos_and_word_order_resolve() {
        assert_eq!(resolve("womens rigths").as_deref(), Some("womens-rights"));
        assert_eq!(resolve("rights of the chlid").as_deref(), Some("rights-of-the-child"));
    }

    #[test]
    fn other_languages_resolve() {
        assert_eq!(resolve("droits des femmes").as_deref(), Some("womens-rights"));
        assert_eq!(resolve("права женщин").as_deref(), Some("womens-rights"));
    }

    #[test]
    fn nonsense_is_unresolved_with_no_wild_guess() {
        assert_eq!(resolve("qwertyuiop zxcv"), None);
        assert_eq!(resolve(""), None);
    }

    #[test]
    fn ranking_is_deterministic() {
        let c = Catalog::shipped();
        let a = c.resolver.rank("freedom", 5);
        let b = c.resolver.rank("freedom", 5);
        assert_eq!(a, b);
        assert!(a.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn normalise_folds_case_accents_and_punctuation() {
        assert_eq!(normalise("Droits de l'Éducation"), "droits de leducation");
        assert_eq!(normalise("HIV - Aids"), "hiv aids");
        assert_eq!(normalise("العُنف الأسريّة"), normalise("العنف الاسريه"));
    }

    #[test]
    fn chinese_is_compared_by_its_pairs_of_characters() {
        assert!((character_pairs("家庭暴力问题", "家庭暴力") - 0.75).abs() < 1e-9);
        assert_eq!(character_pairs("死刑", "酷刑"), 0.0);
        let c = Catalog::shipped();
        let first = &c.resolver.rank("家庭暴力问题", 1)[0];
        assert_eq!(c.themes[first.theme].slug, "womens-rights", "did you mean: {first:?}");
    }

    /// tests/data/theme-tags.tsv: tags as people write them in the six UN languages (language,
    /// tag, the theme it means). Every one must rank its theme first ("did you mean"), and
    /// nearly all must resolve on their own.
    #[test]
    fn common_phrasings_in_the_six_languages_find_their_theme() {
        let c = Catalog::shipped();
        let rows: Vec<Vec<&str>> = include_str!("../../tests/data/theme-tags.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| l.split('\t').collect())
            .collect();
        assert!(rows.len() >= 300, "only {} tags", rows.len());
        for lang in crate::domain::catalog::UN_LANGUAGES {
            assert!(rows.iter().filter(|r| r[0] == lang).count() >= 40, "too few {lang} tags");
        }
        let mut misranked = Vec::new();
        let mut unresolved = Vec::new();
        for row in &rows {
            let [lang, tag, slug] = row[..] else { panic!("not language, tag, theme: {row:?}") };
            assert!(c.theme(slug).is_some(), "{slug} is no theme");
            let first = c.resolver.rank(tag, 1).first().map(|t| c.themes[t.theme].slug.as_str());
            if first != Some(slug) {
                misranked.push(format!("{lang} '{tag}': {first:?}, not {slug}"));
            }
            if resolve(tag).as_deref() != Some(slug) {
                unresolved.push(format!("{lang} '{tag}'"));
            }
        }
        assert!(
            misranked.is_empty(),
            "{} of {} tags rank another theme first:\n{}",
            misranked.len(),
            rows.len(),
            misranked.join("\n")
        );
        assert!(
            unresolved.len() * 20 <= rows.len(),
            "{} of {} tags do not resolve on their own (5% may):\n{}",
            unresolved.len(),
            rows.len(),
            unresolved.join("\n")
        );
    }
}

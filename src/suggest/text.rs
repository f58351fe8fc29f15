//! Text into terms: lowercased words of two or more characters without English stopwords, lightly stemmed,
//! bigrams of consecutive words, and character n-grams shared by a word's forms and small misspellings.

use std::hash::Hasher;

use crate::domain::fnv;

const STOPWORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "during",
    "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his",
    "how", "i", "if", "in", "into", "is", "it", "its", "itself", "me", "more", "most", "my", "of", "off", "on", "once",
    "only", "or", "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than",
    "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to",
    "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "why", "will", "with", "would", "you", "your",
];

/// Longest character n-gram a model may ask for.
const MAX_CHAR_GRAM: u8 = 16;

/// First character of every character n-gram term, which no word or bigram has.
const CHAR_GRAM_MARK: &str = "#";

pub(super) fn valid_char_grams(shortest: u8, longest: u8) -> bool {
    (1..=longest).contains(&shortest) && longest <= MAX_CHAR_GRAM
}

pub(super) fn is_char_gram(term: &str) -> bool {
    term.starts_with(CHAR_GRAM_MARK)
}

/// Text normalisation into terms (words, bigrams and character n-grams).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Tokenizer {
    pub(super) stem: bool,
    pub(super) stopwords: bool,
    pub(super) bigrams: bool,
    /// Shortest and longest character n-grams of each kept word.
    pub(super) char_grams: Option<(u8, u8)>,
}

impl Tokenizer {
    /// Lowercased words of `text` of two or more characters, stopwords dropped, in order.
    fn kept_words(&self, text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().nth(1).is_some())
            .map(str::to_lowercase)
            .filter(|w| !(self.stopwords && STOPWORDS.binary_search(&w.as_str()).is_ok()))
            .collect()
    }

    /// Words, then the bigrams of consecutive words (joined by a space), then the character
    /// n-grams of each word.
    pub(super) fn terms(&self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        self.each_term(text, |pieces| terms.push(pieces.concat()));
        terms
    }

    /// Calls `f` with each of the [`Tokenizer::terms`] of `text` in turn, as the pieces it is
    /// made of (a word; a word, a space and a word; the n-gram mark and the n-gram), without
    /// allocating one string per term.
    pub(super) fn each_term(&self, text: &str, mut f: impl FnMut(&[&str])) {
        let kept = self.kept_words(text);
        let words: Vec<String> = kept.iter().map(|w| if self.stem { stem(w.clone()) } else { w.clone() }).collect();
        words.iter().for_each(|w| f(&[w]));
        if self.bigrams {
            for pair in words.windows(2) {
                f(&[&pair[0], " ", &pair[1]]);
            }
        }
        if let Some((shortest, longest)) = self.char_grams {
            let (mut padded, mut starts) = (String::new(), Vec::new());
            for word in &kept {
                padded.clear();
                padded.extend(["<", word, ">"]);
                // Where each character starts, and the end.
                starts.clear();
                starts.extend(padded.char_indices().map(|(i, _)| i));
                starts.push(padded.len());
                for n in usize::from(shortest)..=usize::from(longest) {
                    for first in 0..starts.len().saturating_sub(n) {
                        f(&[CHAR_GRAM_MARK, &padded[starts[first]..starts[first + n]]]);
                    }
                }
            }
        }
    }
}

/// Light English suffix stripping: plurals, `-ing`, `-ed`, `-ly`.
fn stem(mut w: String) -> String {
    let n = w.chars().count();
    if n <= 3 || !w.is_ascii() {
        return w;
    }
    if w.ends_with("ies") && n > 4 {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.truncate(w.len() - 1);
    } else if w.ends_with("ing") && n > 5 {
        w.truncate(w.len() - 3);
    } else if (w.ends_with("ed") || w.ends_with("ly")) && n > 4 {
        w.truncate(w.len() - 2);
    }
    w
}

/// A term's key in the vocabulary, from the pieces [`Tokenizer::each_term`] gives: FNV-1a
/// (64 bits) of its bytes, so a text's terms are looked up without building or comparing
/// strings. Two known terms with one key are kept apart by the vocabulary (the first keeps it);
/// an unknown term takes a known term's key with a chance of about one in 10^13 per look-up.
pub(super) fn term_key(pieces: &[&str]) -> u64 {
    pieces.iter().fold(fnv::start(), |hash, piece| fnv::continued(hash, piece.as_bytes()))
}

/// Hashes a key that is already a hash (a [`term_key`], or a lexicon term's) for a table by
/// folding its high bits into its low ones (which pick the bucket); the vocabulary and the
/// lexicons are fixed once built, so input cannot crowd them.
#[derive(Default)]
pub(super) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv::continued(self.0, bytes);
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key ^ (key >> 29);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_normalises_stems_and_builds_bigrams_and_char_grams() {
        let words = Tokenizer { stem: true, stopwords: true, bigrams: false, char_grams: None };
        assert_eq!(
            words.terms("The Rights of Women's CHILDREN, policies; Égalité x"),
            ["right", "women", "children", "policy", "égalité"]
        );
        let t = Tokenizer { bigrams: true, ..words };
        assert_eq!(t.terms("Abolish death penalty"), ["abolish", "death", "penalty", "abolish death", "death penalty"]);
        let grams = Tokenizer { char_grams: Some((3, 4)), ..words };
        assert_eq!(
            grams.terms("the Rapes"),
            ["rape", "#<ra", "#rap", "#ape", "#pes", "#es>", "#<rap", "#rape", "#apes", "#pes>"]
        );
        assert_eq!(Tokenizer { char_grams: Some((2, 2)), ..words }.terms("Öl"), ["öl", "#<ö", "#öl", "#l>"]);
        assert!(valid_char_grams(2, 4) && valid_char_grams(1, 1));
        assert!(!valid_char_grams(0, 3) && !valid_char_grams(4, 2) && !valid_char_grams(2, MAX_CHAR_GRAM + 1));
        assert_eq!(stem("processes".into()), "process");
        assert_eq!(stem("training".into()), "train");
        assert_eq!(stem("status".into()), "status");
    }

    #[test]
    fn a_terms_key_is_the_hash_of_its_text() {
        let t = Tokenizer { stem: true, stopwords: true, bigrams: true, char_grams: Some((2, 5)) };
        let text = "Ratify the Optional Protocol; protéger les défenseurs, ОПКПП и 禁止酷刑";
        let mut keys = Vec::new();
        t.each_term(text, |pieces| keys.push(term_key(pieces)));
        let terms = t.terms(text);
        assert_eq!(keys.len(), terms.len());
        assert!(terms.iter().zip(&keys).all(|(term, &key)| key == fnv::fnv1a(term.as_bytes())));
    }

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }
}

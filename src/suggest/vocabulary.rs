//! The features: terms seen in at least `min_df` training texts, with their document frequencies,
//! and a text's sublinear TF-IDF vector over them, in three blocks (words, word pairs, character
//! n-grams) each normalised to unit length and then weighted.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::codec::{Reader, Writer};
use super::text::{is_char_gram, term_key, KeyHasher, Tokenizer};

/// Weights of the blocks of terms other than words (each block of a vector has unit length
/// before its weight; words weigh 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct TermWeights {
    pub(super) bigram: f32,
    pub(super) char_gram: f32,
}

/// Feature vocabulary (sorted terms) with document frequencies and TF-IDF weighting.
#[derive(Clone, Debug)]
pub(super) struct Vocab {
    pub(super) terms: Vec<String>,
    /// Each term's [`term_key`] to its feature id.
    index: HashMap<u64, u32, BuildHasherDefault<KeyHasher>>,
    df: Vec<u32>,
    n_docs: u32,
    weights: TermWeights,
    idf: Vec<f32>,
    /// Each term's block: 0 words, 1 word pairs, 2 character n-grams.
    block: Vec<u8>,
}

impl Vocab {
    pub(super) fn build(texts: &[&str], tokenizer: &Tokenizer, min_df: u32, weights: TermWeights) -> Vocab {
        let mut df: HashMap<String, u32> = HashMap::new();
        for text in texts {
            let mut unique = tokenizer.terms(text);
            unique.sort_unstable();
            unique.dedup();
            for t in unique {
                *df.entry(t).or_default() += 1;
            }
        }
        let mut kept: Vec<(String, u32)> = df.into_iter().filter(|&(_, d)| d >= min_df.max(1)).collect();
        kept.sort_unstable();
        let (terms, df) = kept.into_iter().unzip();
        let n_docs = u32::try_from(texts.len()).unwrap_or(u32::MAX);
        Vocab::new(terms, df, n_docs, weights)
    }

    fn new(terms: Vec<String>, df: Vec<u32>, n_docs: u32, weights: TermWeights) -> Vocab {
        let mut index = HashMap::with_capacity_and_hasher(terms.len(), Default::default());
        for (i, term) in terms.iter().enumerate() {
            index.entry(term_key(&[term])).or_insert(i as u32);
        }
        let idf = df.iter().map(|&d| ((1.0 + n_docs as f32) / (1.0 + d as f32)).ln() + 1.0).collect();
        let block = terms.iter().map(|t| if is_char_gram(t) { 2 } else { u8::from(t.contains(' ')) }).collect();
        Vocab { terms, index, df, n_docs, weights, idf, block }
    }

    pub(super) fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether feature `id` is a character n-gram (without reading its term).
    pub(super) fn is_char_gram(&self, id: u32) -> bool {
        self.block[id as usize] == 2
    }

    /// Sublinear TF-IDF of the known terms of `text`, sorted by feature id, each block
    /// L2-normalised and weighted.
    pub(super) fn vector(&self, tokenizer: &Tokenizer, text: &str) -> Vec<(u32, f32)> {
        let mut ids = Vec::new();
        tokenizer.each_term(text, |pieces| ids.extend(self.index.get(&term_key(pieces))));
        ids.sort_unstable();
        let mut counts: Vec<(u32, u32)> = Vec::with_capacity(ids.len());
        for id in ids {
            match counts.last_mut() {
                Some((last, c)) if *last == id => *c += 1,
                _ => counts.push((id, 1)),
            }
        }
        let mut v: Vec<(u32, f32)> =
            counts.iter().map(|&(id, c)| (id, (1.0 + (c as f32).ln()) * self.idf[id as usize])).collect();
        let mut norms = [0f32; 3];
        for &(id, x) in &v {
            norms[usize::from(self.block[id as usize])] += x * x;
        }
        let weights = [1.0, self.weights.bigram, self.weights.char_gram];
        let factors: [f32; 3] =
            std::array::from_fn(|b| if norms[b] > 0.0 { weights[b] / norms[b].sqrt() } else { 0.0 });
        v.iter_mut().for_each(|(id, x)| *x *= factors[usize::from(self.block[*id as usize])]);
        v
    }

    /// Front-coded sorted terms with their document frequencies.
    pub(super) fn write(&self, w: &mut Writer) {
        w.f32(self.weights.bigram);
        w.f32(self.weights.char_gram);
        w.varint(u64::from(self.n_docs));
        w.varint(self.terms.len() as u64);
        let mut prev: &str = "";
        for (term, &df) in self.terms.iter().zip(&self.df) {
            let shared = prev.bytes().zip(term.bytes()).take_while(|(a, b)| a == b).count();
            let shared = (0..=shared).rev().find(|&s| term.is_char_boundary(s)).unwrap_or(0);
            w.varint(shared as u64);
            w.str(&term[shared..]);
            w.varint(u64::from(df));
            prev = term;
        }
    }

    pub(super) fn read(r: &mut Reader) -> Result<Vocab, String> {
        let weights = TermWeights { bigram: r.f32()?, char_gram: r.f32()? };
        if ![weights.bigram, weights.char_gram].iter().all(|w| (0.0..=1e3).contains(w)) {
            return Err("bad term weight".into());
        }
        let n_docs = r.u32_varint()?;
        let n = r.len(3)?;
        let mut terms: Vec<String> = Vec::with_capacity(n);
        let mut df = Vec::with_capacity(n);
        for _ in 0..n {
            let shared = r.len(0)?;
            let suffix = r.str()?;
            let prev = terms.last().map_or("", String::as_str);
            if shared > prev.len() || !prev.is_char_boundary(shared) {
                return Err("bad vocabulary prefix".into());
            }
            let term = format!("{}{}", &prev[..shared], suffix);
            if !terms.is_empty() && term.as_str() <= prev {
                return Err("vocabulary not sorted".into());
            }
            let d = r.u32_varint()?;
            if d == 0 || d > n_docs {
                return Err("bad document frequency".into());
            }
            terms.push(term);
            df.push(d);
        }
        Ok(Vocab::new(terms, df, n_docs, weights))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_block_has_its_weight_as_length() {
        let tokenizer = Tokenizer { stem: false, stopwords: true, bigrams: true, char_grams: Some((2, 3)) };
        let texts = ["torture in prisons", "torture of detainees", "prisons and detainees"];
        let vocab = Vocab::build(&texts, &tokenizer, 1, TermWeights { bigram: 0.5, char_gram: 2.0 });
        let v = vocab.vector(&tokenizer, "torture in prisons");
        let mut lengths = [0f32; 3];
        for &(id, x) in &v {
            lengths[usize::from(vocab.block[id as usize])] += x * x;
        }
        let lengths = lengths.map(f32::sqrt);
        for (got, want) in lengths.iter().zip([1.0, 0.5, 2.0]) {
            assert!((got - want).abs() < 1e-5, "{lengths:?}");
        }
        assert!(vocab.vector(&tokenizer, "unknown").is_empty());
    }
}

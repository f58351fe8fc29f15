//! Multi-label theme classifier for UPR recommendations (pure std, no crates).
//!
//! A text becomes a sparse TF-IDF vector: lowercased unicode-alphanumeric words of two or more
//! characters, English stopwords removed, light suffix stemming, unigrams plus bigrams of
//! consecutive kept words, plus character n-grams of each kept word (shared by the forms of a
//! word and by its small misspellings; bigrams and n-grams down-weighted), terms seen in fewer than `min_df` training
//! texts dropped, sublinear tf, L2-normalised. One-vs-rest logistic regression, trained by
//! AdaGrad SGD with L2 regularisation, scores every label; its weights are pruned and quantised
//! to `i16` with one scale.
//!
//! Per-label thresholds are tuned on out-of-fold probabilities of the training set (coordinate
//! ascent on micro-F1, shrunk towards one global threshold); [`Model::threshold`] hands them to the
//! caller, which decides.
//!
//! [`Model::to_bytes`] writes a versioned binary format: magic, version, payload length,
//! payload, FNV-1a 64 checksum of the payload. [`Model::from_bytes`] validates all of it and
//! returns `Err` on any corrupt input, never panicking.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::domain::fnv;

/// One training example: a text and the indices of its labels (`0..n_labels`).
#[derive(Clone, Debug)]
pub struct Example<'a> {
    pub text: &'a str,
    pub labels: Vec<u16>,
}

/// Training settings. `Default` holds the settings tuned by rolling validation on UPR sessions 1-10.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainParams {
    /// Apply light English suffix stemming to words.
    pub stem: bool,
    /// Drop English stopwords.
    pub stopwords: bool,
    /// Add bigrams of consecutive kept words to the unigrams.
    pub bigrams: bool,
    /// Factor applied to the TF-IDF weight of bigrams before normalisation.
    pub bigram_weight: f32,
    /// Shortest and longest character n-grams taken from each kept word (before stemming, with
    /// `<` and `>` marking its ends); `None` for none.
    pub char_grams: Option<(u8, u8)>,
    /// Factor applied to the TF-IDF weight of character n-grams before normalisation.
    pub char_gram_weight: f32,
    /// Minimum number of training texts a term must occur in to be a feature.
    pub min_df: u32,
    /// Passes of AdaGrad SGD over the training set.
    pub epochs: u32,
    /// AdaGrad base learning rate.
    pub learning_rate: f32,
    /// L2 regularisation applied to the weights touched by each update.
    pub l2: f32,
    /// Linear weights whose magnitude is below this are dropped from the model.
    pub prune: f32,
    /// Folds giving out-of-fold probabilities for threshold tuning (< 2: every threshold 0.5).
    pub folds: u32,
    /// Pseudo-count of positives pulling each label's threshold towards the global one.
    pub threshold_shrink: f32,
    /// Seed of the example shuffling.
    pub seed: u64,
}

impl Default for TrainParams {
    fn default() -> Self {
        TrainParams {
            stem: true,
            stopwords: true,
            bigrams: true,
            bigram_weight: 0.3,
            char_grams: Some((2, 4)),
            char_gram_weight: 0.3,
            min_df: 10,
            epochs: 15,
            learning_rate: 0.5,
            l2: 1e-3,
            prune: 0.02,
            folds: 3,
            threshold_shrink: 20.0,
            seed: 42,
        }
    }
}

/// Maximum number of drivers reported per label.
pub const MAX_DRIVERS: usize = 5;

const MAGIC: &[u8; 8] = b"TCMSUGG\0";
const VERSION: u32 = 2;
const HEADER_LEN: usize = 8 + 4 + 8;
const THRESHOLD_GRID: usize = 50;

/// A trained classifier.
#[derive(Clone, Debug)]
pub struct Model {
    labels: Vec<String>,
    tokenizer: Tokenizer,
    vocab: Vocab,
    linear: Linear,
    thresholds: Vec<f32>,
}

impl Model {
    /// Trains a model. Labels are named `"0"`, `"1"`, …; see [`Model::with_labels`].
    ///
    /// Label indices `>= n_labels` in `examples` are ignored. The out-of-fold split for
    /// threshold tuning interleaves the examples (example `i` is in fold `i % folds`).
    pub fn train(examples: &[Example], n_labels: usize, params: &TrainParams) -> Model {
        let n_labels = n_labels.min(usize::from(u16::MAX) + 1);
        let tokenizer = Tokenizer {
            stem: params.stem,
            stopwords: params.stopwords,
            bigrams: params.bigrams,
            char_grams: params.char_grams.filter(|&(shortest, longest)| valid_char_grams(shortest, longest)),
        };
        let texts: Vec<&str> = examples.iter().map(|e| e.text).collect();
        let weights = TermWeights { bigram: params.bigram_weight, char_gram: params.char_gram_weight };
        let vocab = Vocab::build(&texts, &tokenizer, params.min_df, weights);
        let vectors: Vec<Vec<(u32, f32)>> = texts.iter().map(|text| vocab.vector(&tokenizer, text)).collect();
        let labels: Vec<Vec<u16>> = examples
            .iter()
            .map(|e| {
                let mut labels: Vec<u16> = e.labels.iter().copied().filter(|&l| usize::from(l) < n_labels).collect();
                labels.sort_unstable();
                labels.dedup();
                labels
            })
            .collect();
        let all: Vec<usize> = (0..examples.len()).collect();

        let folds = params.folds as usize;
        let thresholds = if folds >= 2 && examples.len() >= folds {
            let mut oof = vec![Vec::new(); examples.len()];
            for fold in 0..folds {
                let (test, train): (Vec<usize>, Vec<usize>) = all.iter().partition(|&&i| i % folds == fold);
                let linear = Linear::train(&vectors, &labels, &train, vocab.len(), n_labels, params);
                for &i in &test {
                    oof[i] = linear.probabilities(&vectors[i], n_labels);
                }
            }
            tune_thresholds(&oof, &labels, n_labels, params.threshold_shrink)
        } else {
            vec![0.5; n_labels]
        };

        let linear = Linear::train(&vectors, &labels, &all, vocab.len(), n_labels, params);
        let labels = (0..n_labels).map(|l| l.to_string()).collect();
        Model { labels, tokenizer, vocab, linear, thresholds }
    }

    /// Names the labels (one name per label index).
    pub fn with_labels(mut self, labels: Vec<String>) -> Result<Model, String> {
        if labels.len() != self.labels.len() {
            return Err(format!("expected {} label names, got {}", self.labels.len(), labels.len()));
        }
        self.labels = labels;
        Ok(self)
    }

    /// The label names, indexed by label.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The decision threshold of `label` on its confidence (1.0 for an unknown label).
    pub fn threshold(&self, label: u16) -> f32 {
        self.thresholds.get(usize::from(label)).copied().unwrap_or(1.0)
    }

    /// Every label's confidence (the sigmoid of its linear score, in `[0, 1]`), by label index.
    pub fn confidences(&self, text: &str) -> Vec<f32> {
        let vector = self.vocab.vector(&self.tokenizer, text);
        self.linear.probabilities(&vector, self.labels.len())
    }

    /// For each of `labels`, up to [`MAX_DRIVERS`] normalised words or word pairs of `text` that
    /// raise its score most, strongest first (character n-grams count towards the score but are
    /// not shown).
    pub fn drivers(&self, text: &str, labels: &[u16]) -> Vec<Vec<String>> {
        let mut vector = self.vocab.vector(&self.tokenizer, text);
        vector.retain(|&(feature, _)| !is_char_gram(&self.vocab.terms[feature as usize]));
        labels.iter().map(|&label| self.label_drivers(&vector, label)).collect()
    }

    fn label_drivers(&self, vector: &[(u32, f32)], label: u16) -> Vec<String> {
        let mut contributions: Vec<(f32, u32)> = vector
            .iter()
            .filter_map(|&(feature, x)| {
                let weight = self.linear.row(feature).iter().find(|(l, _)| *l == label)?.1;
                let c = x * f32::from(weight);
                (c > 0.0).then_some((c, feature))
            })
            .collect();
        contributions.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        contributions.iter().take(MAX_DRIVERS).map(|&(_, f)| self.vocab.terms[f as usize].clone()).collect()
    }

    /// Serialises the model (see the module documentation for the format).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.varint(self.labels.len() as u64);
        for label in &self.labels {
            w.str(label);
        }
        let t = self.tokenizer;
        w.u8(u8::from(t.stem) | u8::from(t.stopwords) << 1 | u8::from(t.bigrams) << 2);
        let (shortest, longest) = t.char_grams.unwrap_or((0, 0));
        w.u8(shortest);
        w.u8(longest);
        for &t in &self.thresholds {
            w.f32(t);
        }
        self.vocab.write(&mut w);
        self.linear.write(&mut w);

        let payload = w.0;
        let mut out = Vec::with_capacity(HEADER_LEN + payload.len() + 8);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&payload);
        out.extend_from_slice(&fnv::fnv1a(&payload).to_le_bytes());
        out
    }

    /// Reads a model written by [`Model::to_bytes`]; any corrupt or truncated input is an `Err`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let header = bytes.get(..HEADER_LEN).filter(|_| bytes.len() >= HEADER_LEN + 8);
        let Some(header) = header.filter(|h| &h[..8] == MAGIC) else {
            return Err("not a suggest model (bad magic or too short)".into());
        };
        let version = u32::from_le_bytes([header[8], header[9], header[10], header[11]]);
        if version != VERSION {
            return Err(format!("unsupported model version {version} (expected {VERSION})"));
        }
        let len = u64::from_le_bytes(header[12..20].try_into().map_err(|_| "bad header")?);
        let (payload, checksum) = bytes[HEADER_LEN..].split_at(bytes.len() - HEADER_LEN - 8);
        if len != payload.len() as u64 {
            return Err("payload length does not match the file size".into());
        }
        if fnv::fnv1a(payload).to_le_bytes() != checksum {
            return Err("checksum mismatch".into());
        }

        let mut r = Reader { buf: payload, pos: 0 };
        let n_labels = r.len(1)?;
        if n_labels > usize::from(u16::MAX) + 1 {
            return Err(format!("bad label count {n_labels}"));
        }
        let labels = (0..n_labels).map(|_| r.str()).collect::<Result<Vec<_>, _>>()?;
        let flags = r.u8()?;
        if flags > 7 {
            return Err("bad tokenizer flags".into());
        }
        let char_grams = match (r.u8()?, r.u8()?) {
            (0, 0) => None,
            (shortest, longest) if valid_char_grams(shortest, longest) => Some((shortest, longest)),
            _ => return Err("bad character n-gram lengths".into()),
        };
        let tokenizer =
            Tokenizer { stem: flags & 1 != 0, stopwords: flags & 2 != 0, bigrams: flags & 4 != 0, char_grams };
        let thresholds = (0..n_labels).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        if thresholds.iter().any(|t| !(0.0..=1.0).contains(t)) {
            return Err("threshold out of [0, 1]".into());
        }
        let vocab = Vocab::read(&mut r)?;
        let linear = Linear::read(&mut r, vocab.len(), n_labels)?;
        if r.pos != payload.len() {
            return Err("trailing bytes in payload".into());
        }
        Ok(Model { labels, tokenizer, vocab, linear, thresholds })
    }
}

/// Per-label thresholds maximising micro-F1 of out-of-fold scores by coordinate ascent,
/// each shrunk towards the best global threshold by `shrink` pseudo-positives.
fn tune_thresholds(oof: &[Vec<f32>], labels: &[Vec<u16>], n_labels: usize, shrink: f32) -> Vec<f32> {
    let grid: Vec<f32> = (1..THRESHOLD_GRID).map(|i| i as f32 / THRESHOLD_GRID as f32).collect();
    // counts[label][g] = (true positives, false positives) at threshold grid[g]; positives[label].
    let mut counts = vec![vec![(0u32, 0u32); grid.len()]; n_labels];
    let mut positives = vec![0u32; n_labels];
    for (probs, labels) in oof.iter().zip(labels) {
        for &l in labels {
            positives[usize::from(l)] += 1;
        }
        for (l, &p) in probs.iter().enumerate() {
            let relevant = labels.binary_search(&(l as u16)).is_ok();
            for (g, &t) in grid.iter().enumerate() {
                if p >= t {
                    if relevant {
                        counts[l][g].0 += 1;
                    } else {
                        counts[l][g].1 += 1;
                    }
                }
            }
        }
    }
    let f1 = |tp: u64, fp: u64, fn_: u64| 2.0 * tp as f64 / (2 * tp + fp + fn_).max(1) as f64;
    let totals = |choice: &[usize]| {
        choice.iter().enumerate().fold((0u64, 0u64, 0u64), |(tp, fp, fn_), (l, &g)| {
            let (t, f) = counts[l][g];
            (tp + u64::from(t), fp + u64::from(f), fn_ + u64::from(positives[l] - t))
        })
    };
    let global = (0..grid.len())
        .max_by(|&a, &b| {
            let (ta, fa, na) = totals(&vec![a; n_labels]);
            let (tb, fb, nb) = totals(&vec![b; n_labels]);
            f1(ta, fa, na).total_cmp(&f1(tb, fb, nb)).then(b.cmp(&a))
        })
        .unwrap_or(grid.len() / 2);
    let mut choice = vec![global; n_labels];
    for _ in 0..2 {
        for l in 0..n_labels {
            let (tp, fp, fn_) = totals(&choice);
            let (t0, f0) = counts[l][choice[l]];
            let rest = (tp - u64::from(t0), fp - u64::from(f0), fn_ - u64::from(positives[l] - t0));
            choice[l] = (0..grid.len())
                .max_by(|&a, &b| {
                    let score = |g: usize| {
                        let (t, f) = counts[l][g];
                        f1(rest.0 + u64::from(t), rest.1 + u64::from(f), rest.2 + u64::from(positives[l] - t))
                    };
                    score(a).total_cmp(&score(b)).then(b.cmp(&a))
                })
                .unwrap_or(global);
        }
    }
    choice
        .iter()
        .zip(&positives)
        .map(|(&g, &n)| {
            let own = n as f32 / (n as f32 + shrink.max(0.0)).max(1.0);
            own * grid[g] + (1.0 - own) * grid[global]
        })
        .collect()
}

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
const CHAR_GRAM_MARK: char = '#';

fn valid_char_grams(shortest: u8, longest: u8) -> bool {
    (1..=longest).contains(&shortest) && longest <= MAX_CHAR_GRAM
}

fn is_char_gram(term: &str) -> bool {
    term.starts_with(CHAR_GRAM_MARK)
}

/// Text normalisation into terms (words, bigrams and character n-grams).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Tokenizer {
    stem: bool,
    stopwords: bool,
    bigrams: bool,
    /// Shortest and longest character n-grams of each kept word.
    char_grams: Option<(u8, u8)>,
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
    fn terms(&self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        self.each_term(text, |term| terms.push(term.to_string()));
        terms
    }

    /// Calls `f` with each of the [`Tokenizer::terms`] of `text` in turn, without allocating
    /// one string per term.
    fn each_term(&self, text: &str, mut f: impl FnMut(&str)) {
        let kept = self.kept_words(text);
        let words: Vec<String> = kept.iter().map(|w| if self.stem { stem(w.clone()) } else { w.clone() }).collect();
        words.iter().for_each(|w| f(w));
        let mut term = String::new();
        if self.bigrams {
            for pair in words.windows(2) {
                term.clear();
                term.extend([pair[0].as_str(), " ", pair[1].as_str()]);
                f(&term);
            }
        }
        if let Some((shortest, longest)) = self.char_grams {
            for word in &kept {
                let chars: Vec<char> = std::iter::once('<').chain(word.chars()).chain(std::iter::once('>')).collect();
                for n in shortest..=longest {
                    for gram in chars.windows(usize::from(n)) {
                        term.clear();
                        term.push(CHAR_GRAM_MARK);
                        term.extend(gram);
                        f(&term);
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

/// FNV-1a for the vocabulary's short keys, several times faster than the default SipHash; the
/// table is fixed after training, so input cannot crowd its buckets.
struct TermHasher(u64);

impl Default for TermHasher {
    fn default() -> Self {
        TermHasher(fnv::start())
    }
}

impl Hasher for TermHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv::continued(self.0, bytes);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Factors applied to the TF-IDF weight of the kinds of terms other than words.
#[derive(Clone, Copy, Debug, PartialEq)]
struct TermWeights {
    bigram: f32,
    char_gram: f32,
}

/// Feature vocabulary (sorted terms) with document frequencies and TF-IDF weighting.
#[derive(Clone, Debug)]
struct Vocab {
    terms: Vec<String>,
    index: HashMap<String, u32, BuildHasherDefault<TermHasher>>,
    df: Vec<u32>,
    n_docs: u32,
    weights: TermWeights,
    idf: Vec<f32>,
}

impl Vocab {
    fn build(texts: &[&str], tokenizer: &Tokenizer, min_df: u32, weights: TermWeights) -> Vocab {
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
        let index = terms.iter().enumerate().map(|(i, t)| (t.clone(), i as u32)).collect();
        let idf = terms
            .iter()
            .zip(&df)
            .map(|(t, &d)| {
                let idf = ((1.0 + n_docs as f32) / (1.0 + d as f32)).ln() + 1.0;
                if is_char_gram(t) {
                    idf * weights.char_gram
                } else if t.contains(' ') {
                    idf * weights.bigram
                } else {
                    idf
                }
            })
            .collect();
        Vocab { terms, index, df, n_docs, weights, idf }
    }

    fn len(&self) -> usize {
        self.terms.len()
    }

    /// Sublinear TF-IDF of the known terms of `text`, sorted by feature id, L2-normalised.
    fn vector(&self, tokenizer: &Tokenizer, text: &str) -> Vec<(u32, f32)> {
        let mut ids = Vec::new();
        tokenizer.each_term(text, |term| ids.extend(self.index.get(term)));
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
        let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, x)| *x /= norm);
        }
        v
    }

    /// Front-coded sorted terms with their document frequencies.
    fn write(&self, w: &mut Writer) {
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

    fn read(r: &mut Reader) -> Result<Vocab, String> {
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

/// One-vs-rest logistic regression with sparse quantised weights.
#[derive(Clone, Debug)]
struct Linear {
    bias: Vec<f32>,
    scale: f32,
    /// `entries[offsets[f]..offsets[f + 1]]` are feature `f`'s `(label, weight / scale)`.
    offsets: Vec<u32>,
    entries: Vec<(u16, i16)>,
}

impl Linear {
    fn train(
        vectors: &[Vec<(u32, f32)>],
        labels: &[Vec<u16>],
        subset: &[usize],
        n_features: usize,
        n_labels: usize,
        params: &TrainParams,
    ) -> Linear {
        let mut w = vec![0f32; n_features * n_labels];
        let mut g2 = vec![1e-6f32; n_features * n_labels];
        let mut bias = vec![0f32; n_labels];
        let mut bias_g2 = vec![1e-6f32; n_labels];
        let mut order = subset.to_vec();
        let mut rng = params.seed | 1;
        let mut z = vec![0f32; n_labels];
        let mut y = vec![0f32; n_labels];
        for _ in 0..params.epochs {
            for i in (1..order.len()).rev() {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                order.swap(i, (rng % (i as u64 + 1)) as usize);
            }
            for &d in &order {
                let x = &vectors[d];
                z.copy_from_slice(&bias);
                for &(f, v) in x {
                    let row = &w[f as usize * n_labels..][..n_labels];
                    z.iter_mut().zip(row).for_each(|(z, w)| *z += v * w);
                }
                y.iter_mut().for_each(|y| *y = 0.0);
                for &l in &labels[d] {
                    y[usize::from(l)] = 1.0;
                }
                for l in 0..n_labels {
                    z[l] = sigmoid(z[l]) - y[l];
                    bias_g2[l] += z[l] * z[l];
                    bias[l] -= params.learning_rate * z[l] / bias_g2[l].sqrt();
                }
                for &(f, v) in x {
                    let base = f as usize * n_labels;
                    let row = &mut w[base..][..n_labels];
                    let acc = &mut g2[base..][..n_labels];
                    for ((w, g2), &e) in row.iter_mut().zip(acc.iter_mut()).zip(&z) {
                        let g = e * v + params.l2 * *w;
                        *g2 += g * g;
                        *w -= params.learning_rate * g / g2.sqrt();
                    }
                }
            }
        }
        let max = w.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / f32::from(i16::MAX) } else { 1.0 };
        let mut offsets = Vec::with_capacity(n_features + 1);
        let mut entries = Vec::new();
        offsets.push(0);
        for row in w.chunks(n_labels.max(1)).take(n_features) {
            for (l, &v) in row.iter().enumerate() {
                if v.abs() >= params.prune && v != 0.0 {
                    entries.push((l as u16, (v / scale).round() as i16));
                }
            }
            offsets.push(entries.len() as u32);
        }
        offsets.resize(n_features + 1, entries.len() as u32);
        Linear { bias, scale, offsets, entries }
    }

    fn row(&self, feature: u32) -> &[(u16, i16)] {
        let f = feature as usize;
        &self.entries[self.offsets[f] as usize..self.offsets[f + 1] as usize]
    }

    fn probabilities(&self, vector: &[(u32, f32)], n_labels: usize) -> Vec<f32> {
        let mut z = self.bias.clone();
        z.resize(n_labels, 0.0);
        for &(f, x) in vector {
            let x = x * self.scale;
            for &(l, w) in self.row(f) {
                z[usize::from(l)] += x * f32::from(w);
            }
        }
        z.into_iter().map(sigmoid).collect()
    }

    fn write(&self, w: &mut Writer) {
        for &b in &self.bias {
            w.f32(b);
        }
        w.f32(self.scale);
        for f in 0..self.offsets.len() - 1 {
            let row = self.row(f as u32);
            w.varint(row.len() as u64);
            let mut prev = 0u16;
            for &(l, q) in row {
                w.varint(u64::from(l - prev));
                w.varint(zigzag(q));
                prev = l;
            }
        }
    }

    fn read(r: &mut Reader, n_features: usize, n_labels: usize) -> Result<Linear, String> {
        let bias = (0..n_labels).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        let scale = r.f32()?;
        if !scale.is_finite() || scale <= 0.0 || bias.iter().any(|b| !b.is_finite()) {
            return Err("bad linear weights".into());
        }
        let mut offsets = Vec::with_capacity(n_features + 1);
        let mut entries = Vec::new();
        offsets.push(0);
        for _ in 0..n_features {
            let n = r.len(2)?;
            let mut label = 0u64;
            for i in 0..n {
                let delta = r.varint()?;
                if i > 0 && delta == 0 {
                    return Err("duplicate label in weights".into());
                }
                label += delta;
                if label >= n_labels as u64 {
                    return Err("label out of range in weights".into());
                }
                let q = unzigzag(r.varint()?).ok_or("weight out of range")?;
                entries.push((label as u16, q));
            }
            offsets.push(u32::try_from(entries.len()).map_err(|_| "too many weights")?);
        }
        Ok(Linear { bias, scale, offsets, entries })
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

fn zigzag(v: i16) -> u64 {
    u64::from(((v << 1) ^ (v >> 15)) as u16)
}

fn unzigzag(v: u64) -> Option<i16> {
    let v = u16::try_from(v).ok()?;
    Some(((v >> 1) as i16) ^ -((v & 1) as i16))
}

#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }

    fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len()).ok_or("truncated model")?;
        let bytes = &self.buf[self.pos..end];
        self.pos = end;
        Ok(bytes)
    }

    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn f32(&mut self) -> Result<f32, String> {
        let v = f32::from_le_bytes(self.take(4)?.try_into().map_err(|_| "truncated model")?);
        if v.is_nan() {
            return Err("NaN in model".into());
        }
        Ok(v)
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("varint too long".into())
    }

    fn u32_varint(&mut self) -> Result<u32, String> {
        u32::try_from(self.varint()?).map_err(|_| "value out of range".to_string())
    }

    /// A count of items each taking at least `min_item_bytes` bytes, checked against what is left.
    fn len(&mut self, min_item_bytes: usize) -> Result<usize, String> {
        let n = usize::try_from(self.varint()?).map_err(|_| "count out of range")?;
        if n.saturating_mul(min_item_bytes) > self.buf.len() - self.pos {
            return Err("count exceeds the model size".into());
        }
        Ok(n)
    }

    fn str(&mut self) -> Result<String, String> {
        let n = self.len(1)?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| "invalid UTF-8 in model".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: &[(&str, &[u16])] = &[
        ("Abolish the death penalty and commute all death sentences.", &[0]),
        ("Establish a moratorium on executions with a view to abolishing the death penalty.", &[0]),
        ("Consider abolishing capital punishment and the death penalty.", &[0]),
        ("Ratify the Convention on the Rights of Persons with Disabilities.", &[1, 2]),
        ("Ratify the Optional Protocol to the Convention against Torture.", &[1, 3]),
        ("Prevent torture in detention centres and investigate torture allegations.", &[3]),
        ("Investigate all allegations of torture by the police.", &[3]),
        ("Improve access to education for children with disabilities.", &[2]),
        ("Ensure inclusive education and accessibility for persons with disabilities.", &[2]),
        ("Ratify the Convention on enforced disappearances.", &[1]),
    ];

    fn toy_model(params: &TrainParams) -> Model {
        let examples: Vec<Example> =
            TEXTS.iter().map(|&(text, labels)| Example { text, labels: labels.to_vec() }).collect();
        let names = ["Death penalty", "International instruments", "Disabilities", "Torture"];
        Model::train(&examples, 4, params).with_labels(names.iter().map(|s| s.to_string()).collect()).unwrap()
    }

    fn toy_params() -> TrainParams {
        TrainParams { min_df: 1, epochs: 30, folds: 2, ..TrainParams::default() }
    }

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
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn learns_toy_labels_with_drivers() {
        let model = toy_model(&toy_params());
        assert_eq!(model.labels()[0], "Death penalty");
        let text = "The State should abolish the death penalty.";
        let confidences = model.confidences(text);
        assert_eq!(confidences.len(), 4);
        assert!(confidences.iter().all(|c| (0.0..=1.0).contains(c)));
        let best = (0..4).max_by(|&a, &b| confidences[a].total_cmp(&confidences[b])).unwrap();
        assert_eq!(best, 0);
        let drivers = model.drivers(text, &[0, 3]);
        assert_eq!(drivers.len(), 2);
        let drivers = &drivers[0];
        assert!(drivers.iter().any(|d| d.contains("death")), "{drivers:?}");
        assert!(drivers.len() <= MAX_DRIVERS);
        assert!(drivers.iter().all(|d| !is_char_gram(d)), "character n-grams are not shown: {drivers:?}");
        let torture = model.confidences("Investigate torture allegations in detention.");
        assert!(torture[3] >= model.threshold(3), "{torture:?}");
        assert!(model.drivers("zzz qqq", &[0])[0].is_empty(), "unknown words drive nothing");
    }

    #[test]
    fn thresholds_are_probabilities() {
        let model = toy_model(&toy_params());
        assert!((0..4).all(|l| (0.0..=1.0).contains(&model.threshold(l))));
        assert_eq!(model.threshold(99), 1.0);
        let no_folds = toy_model(&TrainParams { folds: 0, ..toy_params() });
        assert_eq!(no_folds.threshold(0), 0.5);
    }

    #[test]
    fn round_trips_through_bytes() {
        let words_only =
            TrainParams { bigrams: false, stem: false, stopwords: false, char_grams: None, ..toy_params() };
        for params in [toy_params(), words_only] {
            let model = toy_model(&params);
            let bytes = model.to_bytes();
            let back = Model::from_bytes(&bytes).unwrap();
            assert_eq!(back.to_bytes(), bytes);
            assert_eq!(back.labels(), model.labels());
            for (text, _) in TEXTS {
                assert_eq!(back.confidences(text), model.confidences(text));
                assert_eq!(back.drivers(text, &[0, 1]), model.drivers(text, &[0, 1]));
            }
        }
    }

    #[test]
    fn rejects_corrupt_input_without_panicking() {
        let bytes = toy_model(&toy_params()).to_bytes();
        assert!(Model::from_bytes(&[]).is_err());
        assert!(Model::from_bytes(b"TCMSUGG\0").is_err());
        for len in 0..bytes.len() {
            assert!(Model::from_bytes(&bytes[..len]).is_err());
        }
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x5a;
            assert!(Model::from_bytes(&bad).is_err(), "flip at {i}");
        }
        let mut wrong_version = bytes.clone();
        wrong_version[8] = 9;
        assert!(Model::from_bytes(&wrong_version).unwrap_err().contains("version"));
    }

    #[test]
    fn rejects_valid_checksum_over_bad_payload() {
        let payload = [1u8, 0xff, 0xff, 0xff, 0xff, 0x0f];
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&VERSION.to_le_bytes());
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&payload);
        bytes.extend_from_slice(&fnv::fnv1a(&payload).to_le_bytes());
        assert!(Model::from_bytes(&bytes).is_err());
    }

    #[test]
    fn survives_corrupt_payloads_with_valid_checksums() {
        let bytes = toy_model(&toy_params()).to_bytes();
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..2000 {
            let mut bad = bytes.clone();
            for _ in 0..3 {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                let i = HEADER_LEN + (rng % (bytes.len() - HEADER_LEN - 8) as u64) as usize;
                bad[i] = (rng >> 32) as u8;
            }
            let end = bad.len() - 8;
            let checksum = fnv::fnv1a(&bad[HEADER_LEN..end]).to_le_bytes();
            bad[end..].copy_from_slice(&checksum);
            if let Ok(model) = Model::from_bytes(&bad) {
                let _ = model.confidences("abolish the death penalty");
                let _ = model.drivers("ratify the convention", &[1]);
            }
        }
    }

    #[test]
    fn tuned_thresholds_separate_out_of_fold_scores() {
        // Label 0: positives score 0.8, negatives 0.6; label 1: positives 0.3, negatives 0.1.
        let oof: Vec<Vec<f32>> = (0..40).map(|i| if i % 2 == 0 { vec![0.8, 0.1] } else { vec![0.6, 0.3] }).collect();
        let labels: Vec<Vec<u16>> = (0..40).map(|i| if i % 2 == 0 { vec![0] } else { vec![1] }).collect();
        let t = tune_thresholds(&oof, &labels, 2, 0.0);
        assert!(t[0] > 0.6 && t[0] <= 0.8, "{t:?}");
        assert!(t[1] > 0.1 && t[1] <= 0.3, "{t:?}");
        let empty = tune_thresholds(&oof, &vec![Vec::new(); 40], 2, 0.0);
        assert!(empty.iter().all(|&t| t > 0.0), "{empty:?}");
    }

    #[test]
    fn zigzag_round_trips() {
        for v in [0i16, 1, -1, i16::MAX, i16::MIN, 1234, -4321] {
            assert_eq!(unzigzag(zigzag(v)), Some(v));
        }
        assert_eq!(unzigzag(1 << 20), None);
    }
}

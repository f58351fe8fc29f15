//! The multi-label theme classifier (pure std, no crates): trains on labelled texts, scores every label of
//! a text with the words behind it, and hands each label's tuned threshold to the caller, which decides.

use super::linear::{tune_thresholds, Linear};
use super::text::{is_char_gram, valid_char_grams, Tokenizer};
use super::vocabulary::{TermWeights, Vocab};

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

/// A trained classifier.
#[derive(Clone, Debug)]
pub struct Model {
    // Open to the sibling codec, which writes and reads them.
    pub(super) labels: Vec<String>,
    pub(super) tokenizer: Tokenizer,
    pub(super) vocab: Vocab,
    pub(super) linear: Linear,
    pub(super) thresholds: Vec<f32>,
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
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    // The codec tests round-trip the same toy model.
    pub(in crate::suggest) const TEXTS: &[(&str, &[u16])] = &[
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

    pub(in crate::suggest) fn toy_model(params: &TrainParams) -> Model {
        let examples: Vec<Example> =
            TEXTS.iter().map(|&(text, labels)| Example { text, labels: labels.to_vec() }).collect();
        let names = ["Death penalty", "International instruments", "Disabilities", "Torture"];
        Model::train(&examples, 4, params).with_labels(names.iter().map(|s| s.to_string()).collect()).unwrap()
    }

    pub(in crate::suggest) fn toy_params() -> TrainParams {
        TrainParams { min_df: 1, epochs: 30, folds: 2, ..TrainParams::default() }
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
}

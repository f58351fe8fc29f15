//! The multi-label theme classifier (pure std, no crates): trains on labelled texts, scores every label of
//! a text with the words behind it, and turns each label's margin into a confidence whose one
//! half is the decision threshold tuned in training.

use super::linear::{scored, tune_slope, tune_threshold, Linear};
use super::text::{valid_char_grams, Tokenizer};
use super::vocabulary::{TermWeights, Vocab};

/// One training example: a text, the indices of its labels (`0..n_labels`) and its group (a
/// UPR session), which tuning holds out as a whole.
#[derive(Clone, Debug)]
pub struct Example<'a> {
    pub text: &'a str,
    pub labels: Vec<u16>,
    pub group: u32,
}

/// Training settings. `Default` holds the settings chosen inside sessions 1-10 (learning from
/// 1-8 and measuring on 9-10, and from 1-6 on 7-8); see the README.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainParams {
    /// Apply light English suffix stemming to words.
    pub stem: bool,
    /// Drop English stopwords.
    pub stopwords: bool,
    /// Add bigrams of consecutive kept words to the unigrams.
    pub bigrams: bool,
    /// Weight of the bigram block (each block of a text's vector has unit length before it).
    pub bigram_weight: f32,
    /// Shortest and longest character n-grams taken from each kept word (before stemming, with
    /// `<` and `>` marking its ends); `None` for none.
    pub char_grams: Option<(u8, u8)>,
    /// Weight of the character n-gram block.
    pub char_gram_weight: f32,
    /// Minimum number of training texts a term must occur in to be a feature.
    pub min_df: u32,
    /// The SVM's cost of a margin violation (liblinear's C): lower regularises more.
    pub c: f32,
    /// How far each theme's naive-Bayes feature scaling goes, from 0 (plain SVM) to 1 (NBSVM).
    pub nb_interpolation: f32,
    /// Most passes of coordinate descent over the examples per theme.
    pub max_passes: u32,
    /// Coordinate descent stops when the projected gradients span less than this.
    pub tolerance: f32,
    /// Linear weights whose magnitude is below this are dropped from the model.
    pub prune: f32,
    /// Folds giving out-of-fold margins for the threshold and the confidence slope (< 2: margin 0
    /// and slope 1).
    pub folds: u32,
    /// Seed of the example shuffling.
    pub seed: u64,
}

impl Default for TrainParams {
    fn default() -> Self {
        TrainParams {
            stem: true,
            stopwords: true,
            bigrams: true,
            bigram_weight: 1.0,
            char_grams: Some((2, 5)),
            char_gram_weight: 1.0,
            min_df: 1,
            c: 0.5,
            nb_interpolation: 0.25,
            max_passes: 50,
            tolerance: 0.1,
            prune: 0.01,
            folds: 3,
            seed: 42,
        }
    }
}

impl TrainParams {
    /// Changes one setting by its name, as `tcmatch train --set name=value` does.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let mut next = self.clone();
        next.set_unchecked(name, value)?;
        let positive = next.c > 0.0 && next.tolerance > 0.0 && next.prune >= 0.0;
        let weights = next.bigram_weight >= 0.0 && next.char_gram_weight >= 0.0;
        if !positive || !weights || !(0.0..=1.0).contains(&next.nb_interpolation) {
            return Err(format!("{name}={value} is out of range"));
        }
        *self = next;
        Ok(())
    }

    fn set_unchecked(&mut self, name: &str, value: &str) -> Result<(), String> {
        fn parsed<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, String> {
            value.parse().map_err(|_| format!("'{value}' is no value for {name}"))
        }
        match name {
            "stem" => self.stem = parsed(name, value)?,
            "stopwords" => self.stopwords = parsed(name, value)?,
            "bigrams" => self.bigrams = parsed(name, value)?,
            "bigram_weight" => self.bigram_weight = parsed(name, value)?,
            "char_grams" => {
                self.char_grams = match value {
                    "none" => None,
                    range => {
                        let (a, b) =
                            range.split_once('-').ok_or(format!("char_grams is none or like 2-5, not '{value}'"))?;
                        Some((parsed(name, a)?, parsed(name, b)?))
                    }
                }
            }
            "char_gram_weight" => self.char_gram_weight = parsed(name, value)?,
            "min_df" => self.min_df = parsed(name, value)?,
            "c" => self.c = parsed(name, value)?,
            "nb_interpolation" => self.nb_interpolation = parsed(name, value)?,
            "max_passes" => self.max_passes = parsed(name, value)?,
            "tolerance" => self.tolerance = parsed(name, value)?,
            "prune" => self.prune = parsed(name, value)?,
            "folds" => self.folds = parsed(name, value)?,
            "seed" => self.seed = parsed(name, value)?,
            _ => return Err(format!("no training setting '{name}'")),
        }
        Ok(())
    }
}

/// Each example's fold: the groups in their order, dealt round the folds, so that a text is
/// scored by a model that saw nothing of its group (a UPR session repeats many recommendations
/// word for word, which would make out-of-fold margins look surer than on a new session); with
/// fewer groups than folds, the examples themselves are dealt round.
fn folds_of(examples: &[Example], folds: usize) -> Vec<usize> {
    let mut groups: Vec<u32> = examples.iter().map(|e| e.group).collect();
    groups.sort_unstable();
    groups.dedup();
    if groups.len() < folds {
        return (0..examples.len()).map(|i| i % folds).collect();
    }
    examples.iter().map(|e| groups.binary_search(&e.group).unwrap_or(0) % folds).collect()
}

/// A text as the model read it.
pub struct Reading {
    vector: Vec<(u32, f32)>,
    /// Every label's confidence, by label index.
    pub confidences: Vec<f32>,
}

fn confidence(margin: f32, threshold: f32, slope: f32) -> f32 {
    1.0 / (1.0 + (-slope * (margin - threshold)).exp())
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
    /// The margin from which a label is suggested (the same for every label).
    pub(super) threshold: f32,
    /// How steeply the confidence rises with the margin around the threshold.
    pub(super) slope: f32,
}

impl Model {
    /// Trains a model. Labels are named `"0"`, `"1"`, …; see [`Model::with_labels`].
    ///
    /// Label indices `>= n_labels` in `examples` are ignored. The out-of-fold split for
    /// tuning the threshold and the slope keeps each group together (see [`folds_of`]).
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
        let (threshold, slope) = if folds >= 2 && examples.len() >= folds {
            let mut oof = vec![Vec::new(); examples.len()];
            let fold_of = folds_of(examples, folds);
            for fold in 0..folds {
                let (test, train): (Vec<usize>, Vec<usize>) = all.iter().partition(|&&i| fold_of[i] == fold);
                let linear = Linear::train(&vectors, &labels, &train, vocab.len(), n_labels, params);
                for &i in &test {
                    oof[i] = linear.margins(&vectors[i], n_labels);
                }
            }
            let scored = scored(&oof, &labels);
            let threshold = tune_threshold(&scored);
            (threshold, tune_slope(&scored, threshold))
        } else {
            (0.0, 1.0)
        };

        let linear = Linear::train(&vectors, &labels, &all, vocab.len(), n_labels, params);
        let labels = (0..n_labels).map(|l| l.to_string()).collect();
        Model { labels, tokenizer, vocab, linear, threshold, slope }
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

    /// Reads `text`: its features, and every label's confidence, by label index:
    /// `sigmoid(slope * (margin - threshold))`, in `[0, 1]`, one half exactly at the tuned
    /// threshold.
    pub fn read(&self, text: &str) -> Reading {
        let vector = self.vocab.vector(&self.tokenizer, text);
        let margins = self.linear.margins(&vector, self.labels.len());
        let confidences = margins.into_iter().map(|z| confidence(z, self.threshold, self.slope)).collect();
        Reading { vector, confidences }
    }

    /// For each of `labels`, up to [`MAX_DRIVERS`] normalised words or word pairs of the text that
    /// raise its score most, strongest first (character n-grams count towards the score but are
    /// not shown).
    pub fn drivers(&self, reading: &Reading, labels: &[u16]) -> Vec<Vec<String>> {
        if labels.is_empty() {
            return Vec::new();
        }
        let words: Vec<(u32, f32)> =
            reading.vector.iter().copied().filter(|&(feature, _)| !self.vocab.is_char_gram(feature)).collect();
        labels.iter().map(|&label| self.label_drivers(&words, label)).collect()
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
    use super::super::text::is_char_gram;
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
            TEXTS.iter().map(|&(text, labels)| Example { text, labels: labels.to_vec(), group: 0 }).collect();
        let names = ["Death penalty", "International instruments", "Disabilities", "Torture"];
        Model::train(&examples, 4, params).with_labels(names.iter().map(|s| s.to_string()).collect()).unwrap()
    }

    pub(in crate::suggest) fn toy_params() -> TrainParams {
        TrainParams { min_df: 1, folds: 2, ..TrainParams::default() }
    }

    #[test]
    fn learns_toy_labels_with_drivers() {
        let model = toy_model(&toy_params());
        assert_eq!(model.labels()[0], "Death penalty");
        let text = "The State should abolish the death penalty.";
        let confidences = model.read(text).confidences;
        assert_eq!(confidences.len(), 4);
        assert!(confidences.iter().all(|c| (0.0..=1.0).contains(c)));
        let best = (0..4).max_by(|&a, &b| confidences[a].total_cmp(&confidences[b])).unwrap();
        assert_eq!(best, 0);
        let drivers = model.drivers(&model.read(text), &[0, 3]);
        assert_eq!(drivers.len(), 2);
        let drivers = &drivers[0];
        assert!(drivers.iter().any(|d| d.contains("death")), "{drivers:?}");
        assert!(drivers.len() <= MAX_DRIVERS);
        assert!(drivers.iter().all(|d| !is_char_gram(d)), "character n-grams are not shown: {drivers:?}");
        let torture = model.read("Investigate torture allegations in detention.").confidences;
        assert!(torture[3] >= 0.5, "{torture:?}");
        assert!(model.drivers(&model.read("zzz qqq"), &[0])[0].is_empty(), "unknown words drive nothing");
    }

    #[test]
    fn confidences_are_one_half_at_the_threshold() {
        let model = toy_model(&toy_params());
        assert!(model.slope > 0.0 && model.threshold.is_finite());
        let no_folds = toy_model(&TrainParams { folds: 0, ..toy_params() });
        assert_eq!((no_folds.threshold, no_folds.slope), (0.0, 1.0));
        assert_eq!(confidence(model.threshold, model.threshold, model.slope), 0.5);
        assert!(confidence(-0.1, 0.2, 3.0) < 0.5 && confidence(0.3, 0.2, 3.0) > 0.5);
        assert_eq!((confidence(-1e9, 0.0, 1.0), confidence(1e9, 0.0, 1.0)), (0.0, 1.0));
    }

    #[test]
    fn tuning_folds_hold_out_whole_groups() {
        let example = |group| Example { text: "", labels: vec![], group };
        let examples: Vec<Example> = [7, 3, 3, 9, 7, 12].into_iter().map(example).collect();
        // Groups 3, 7, 9, 12 in order, dealt round two folds.
        assert_eq!(folds_of(&examples, 2), [1, 0, 0, 0, 1, 1]);
        // Fewer groups than folds: the examples themselves are dealt round.
        assert_eq!(folds_of(&examples[..3], 3), [0, 1, 2]);
    }

    #[test]
    fn settings_are_changed_by_name_and_checked() {
        let mut params = TrainParams::default();
        params.set("c", "0.5").unwrap();
        params.set("char_grams", "3-6").unwrap();
        assert_eq!((params.c, params.char_grams), (0.5, Some((3, 6))));
        params.set("char_grams", "none").unwrap();
        assert_eq!(params.char_grams, None);
        assert!(params.set("c", "-1").is_err());
        assert_eq!(params.c, 0.5, "a refused value changes nothing");
        assert!(params.set("nb_interpolation", "2").is_err());
        assert!(params.set("epochs", "3").is_err());
        assert!(params.set("min_df", "many").is_err());
    }
}

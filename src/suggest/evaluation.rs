//! Training and measuring the theme model on UPR Info CSV exports (the format of the import:
//! `Text` is the recommendation, `Issue` its human labels, `Session` its UPR session).
//! Measured as the model decides: the themes reaching the threshold ([`Suggester::suggest`]).

use std::collections::HashMap;
use std::time::Instant;

use super::language;
use super::model::{Example, Model, TrainParams};
use super::Suggester;
use crate::domain::catalog::Catalog;
use crate::domain::recommendation_csv::{self, ImportedRecommendation};
use crate::error::AppError;

/// Recommendations with their labels, as read from a CSV.
pub struct Labelled {
    pub rows: Vec<ImportedRecommendation>,
    /// Rows without any `Issue` label, left out.
    pub unlabelled: usize,
}

/// Reads a UPR Info CSV export; the whole file must be valid, as for the import.
pub fn read_csv(bytes: &[u8]) -> Result<Labelled, String> {
    let parsed = recommendation_csv::parse(bytes).map_err(|e| match e {
        AppError::Validation(errors) | AppError::BadRequest { errors, .. } if !errors.is_empty() => {
            errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("\n")
        }
        other => other.to_string(),
    })?;
    let total = parsed.len();
    let rows: Vec<ImportedRecommendation> = parsed.into_iter().filter(|r| !r.themes.is_empty()).collect();
    Ok(Labelled { unlabelled: total - rows.len(), rows })
}

/// A range of UPR sessions, such as `1-10` or `11`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sessions {
    pub first: i32,
    pub last: i32,
}

impl std::str::FromStr for Sessions {
    type Err = String;

    fn from_str(text: &str) -> Result<Sessions, String> {
        let number =
            |s: &str| s.trim().parse::<i32>().map_err(|_| format!("'{text}' is not a session range like 1-10"));
        let (first, last) = match text.split_once('-') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => (number(text)?, number(text)?),
        };
        if first < 1 || last < first {
            return Err(format!("'{text}' is not a session range like 1-10"));
        }
        Ok(Sessions { first, last })
    }
}

impl std::fmt::Display for Sessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.first, self.last)
    }
}

impl Sessions {
    pub fn select<'a>(&self, rows: &'a [ImportedRecommendation]) -> Vec<&'a ImportedRecommendation> {
        rows.iter().filter(|r| (self.first..=self.last).contains(&r.session)).collect()
    }
}

/// Trains a model on `rows`, one label per catalog theme (named by its UPR Info issue).
pub fn train(rows: &[&ImportedRecommendation], catalog: &Catalog, params: &TrainParams) -> Result<Model, String> {
    let position = |slug: &str| catalog.themes.iter().position(|t| t.slug == slug).map(|i| i as u16);
    let examples: Vec<Example> = rows
        .iter()
        .map(|r| Example {
            text: &r.text,
            labels: r.themes.iter().filter_map(|s| position(s)).collect(),
            group: r.session.unsigned_abs(),
        })
        .collect();
    let labels = catalog.themes.iter().map(|t| t.upr_info_label.clone()).collect();
    Model::train(&examples, catalog.themes.len(), params).with_labels(labels)
}

/// How one theme fares.
#[derive(Debug, Clone)]
pub struct ThemeScore {
    pub theme: String,
    /// Rows that carry it.
    pub support: usize,
    /// Rows it was suggested for.
    pub suggested: usize,
    pub f1: f64,
}

/// Quality and speed of suggestion over labelled rows.
#[derive(Debug, Clone)]
pub struct Report {
    pub rows: usize,
    pub micro_precision: f64,
    pub micro_recall: f64,
    pub micro_f1: f64,
    /// Mean F1 over the themes that occur in the rows or were suggested for them.
    pub macro_f1: f64,
    pub micros_per_row: f64,
    /// Worst F1 first.
    pub themes: Vec<ThemeScore>,
    /// Rows for which no theme reached the threshold.
    pub without_theme: usize,
    /// Micro- and macro-F1 when such a row gets its most likely theme if that reaches the
    /// floor, as records without themes are tagged.
    pub with_best_theme: (f64, f64),
    /// How far the figures could move on other reviews like these: see [`Spread`].
    pub spread: Spread,
}

/// 95% intervals of micro- and macro-F1 from a bootstrap over reviews (a State under review
/// in one session): the rows of a review are taken or left together, since a review's
/// recommendations share their wording and their labeller far more than rows of different
/// reviews do.
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    pub reviews: usize,
    pub resamples: usize,
    pub micro_f1: (f64, f64),
    pub macro_f1: (f64, f64),
}

/// Suggests themes for every row (those reaching the threshold, and no others) and compares
/// them with the rows' own labels; also measures giving a row without any its most likely one
/// from the floor, as records are tagged.
pub fn evaluate(suggester: &Suggester, rows: &[&ImportedRecommendation]) -> Report {
    // The model and the rows' lexicon load on first use, which is not a row's time.
    if let Some(first) = rows.first() {
        suggester.suggest(&first.text, false);
    }
    let started = Instant::now();
    let suggested: Vec<Vec<String>> =
        rows.iter().map(|r| suggester.suggest(&r.text, false).into_iter().map(|s| s.theme).collect()).collect();
    let micros_per_row = started.elapsed().as_secs_f64() * 1e6 / rows.len().max(1) as f64;
    let without_theme = suggested.iter().filter(|s| s.is_empty()).count();
    let with_best: Vec<Vec<String>> = rows
        .iter()
        .zip(&suggested)
        .map(|(r, s)| match s.is_empty() {
            true => suggester.suggest(&r.text, true).into_iter().map(|s| s.theme).collect(),
            false => s.clone(),
        })
        .collect();
    let catalog = Catalog::shipped();
    let reviews = counts_by_review(rows, &suggested, catalog);
    let decided = Scores::of(&total(&reviews), catalog);
    let best = Scores::of(&total(&counts_by_review(rows, &with_best, catalog)), catalog);
    Report {
        rows: rows.len(),
        micro_precision: decided.micro_precision,
        micro_recall: decided.micro_recall,
        micro_f1: decided.micro_f1,
        macro_f1: decided.macro_f1,
        micros_per_row,
        themes: decided.themes,
        without_theme,
        with_best_theme: (best.micro_f1, best.macro_f1),
        spread: spread(&reviews, RESAMPLES),
    }
}

/// Bootstrap resamples behind a [`Spread`].
const RESAMPLES: usize = 1000;

/// Per theme of the catalog, in its order: true positives, false positives, false negatives.
type Counts = Vec<[usize; 3]>;

/// The [`Counts`] of each review (a State under review in one session), in the order the
/// reviews first occur in the rows.
fn counts_by_review(rows: &[&ImportedRecommendation], suggested: &[Vec<String>], catalog: &Catalog) -> Vec<Counts> {
    let mut index: HashMap<(&str, i32), usize> = HashMap::new();
    let mut reviews: Vec<Counts> = Vec::new();
    for (row, got) in rows.iter().zip(suggested) {
        let next = reviews.len();
        let review = *index.entry((row.state_under_review.as_str(), row.session)).or_insert(next);
        if review == next {
            reviews.push(vec![[0; 3]; catalog.themes.len()]);
        }
        for (theme, counts) in catalog.themes.iter().zip(reviews[review].iter_mut()) {
            let slug = theme.slug.as_str();
            match (row.themes.iter().any(|t| t == slug), got.iter().any(|t| t == slug)) {
                (true, true) => counts[0] += 1,
                (false, true) => counts[1] += 1,
                (true, false) => counts[2] += 1,
                (false, false) => {}
            }
        }
    }
    reviews
}

fn add(sum: &mut Counts, counts: &Counts) {
    sum.resize(counts.len(), [0; 3]);
    for (s, c) in sum.iter_mut().zip(counts) {
        (0..3).for_each(|k| s[k] += c[k]);
    }
}

fn total(reviews: &[Counts]) -> Counts {
    let mut sum = Counts::new();
    reviews.iter().for_each(|r| add(&mut sum, r));
    sum
}

/// Draws `resamples` sets of as many reviews as there are, with replacement (a fixed seed, so
/// the same rows give the same interval), and takes the 2.5th and 97.5th percentiles of the
/// micro- and macro-F1 they give.
fn spread(reviews: &[Counts], resamples: usize) -> Spread {
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let (mut micro, mut macro_) = (Vec::with_capacity(resamples), Vec::with_capacity(resamples));
    for _ in 0..resamples {
        let mut sum = Counts::new();
        for _ in 0..reviews.len() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            add(&mut sum, &reviews[(rng % reviews.len() as u64) as usize]);
        }
        let (micro_f1, macro_f1) = f1s(&sum);
        micro.push(micro_f1);
        macro_.push(macro_f1);
    }
    let interval = |mut values: Vec<f64>| -> (f64, f64) {
        values.sort_by(f64::total_cmp);
        match values.len() {
            0 => (0.0, 0.0),
            n => (values[n * 25 / 1000], values[(n * 975).div_ceil(1000) - 1]),
        }
    };
    Spread { reviews: reviews.len(), resamples, micro_f1: interval(micro), macro_f1: interval(macro_) }
}

/// True positives, false positives and false negatives over every theme.
fn sums(counts: &Counts) -> [usize; 3] {
    counts.iter().fold([0; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]])
}

/// Micro-F1 over every theme, and macro-F1: the mean F1 of the themes that occur or were
/// suggested.
fn f1s(counts: &Counts) -> (f64, f64) {
    let [tp, fp, fn_] = sums(counts);
    let present: Vec<f64> =
        counts.iter().filter(|c| c.iter().sum::<usize>() > 0).map(|c| f1(c[0], c[1], c[2])).collect();
    let macro_f1 = if present.is_empty() { 0.0 } else { present.iter().sum::<f64>() / present.len() as f64 };
    (f1(tp, fp, fn_), macro_f1)
}

/// The language most `rows` are detected in, and the share of rows detected in it.
pub fn languages(rows: &[&ImportedRecommendation]) -> (&'static str, f64) {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for row in rows {
        let language = language::detect(&row.text);
        match counts.iter_mut().find(|(l, _)| *l == language) {
            Some((_, n)) => *n += 1,
            None => counts.push((language, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts.first().map_or(("-", 0.0), |&(language, n)| (language, n as f64 / rows.len() as f64))
}

struct Scores {
    micro_precision: f64,
    micro_recall: f64,
    micro_f1: f64,
    macro_f1: f64,
    themes: Vec<ThemeScore>,
}

impl Scores {
    fn of(counts: &Counts, catalog: &Catalog) -> Scores {
        let mut themes: Vec<ThemeScore> = catalog
            .themes
            .iter()
            .zip(counts)
            .filter(|(_, c)| c.iter().sum::<usize>() > 0)
            .map(|(theme, &[tp, fp, fn_])| ThemeScore {
                theme: theme.slug.clone(),
                support: tp + fn_,
                suggested: tp + fp,
                f1: f1(tp, fp, fn_),
            })
            .collect();
        themes.sort_by(|a, b| a.f1.total_cmp(&b.f1).then_with(|| b.support.cmp(&a.support)));
        let [tp, fp, fn_] = sums(counts);
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (micro_f1, macro_f1) = f1s(counts);
        Scores { micro_precision: ratio(tp, tp + fp), micro_recall: ratio(tp, tp + fn_), micro_f1, macro_f1, themes }
    }
}

fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
    if tp == 0 {
        0.0
    } else {
        2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_ranges_parse_and_refuse_nonsense() {
        assert_eq!("1-10".parse::<Sessions>(), Ok(Sessions { first: 1, last: 10 }));
        assert_eq!("11".parse::<Sessions>(), Ok(Sessions { first: 11, last: 11 }));
        for bad in ["", "0-3", "5-2", "a-b", "1-"] {
            assert!(bad.parse::<Sessions>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_spread_resamples_whole_reviews_and_holds_the_figure() {
        let review = |tp, fp, fn_| vec![[tp, fp, fn_], [1, 0, 1]];
        // Reviews all alike: every resample gives the same figures.
        let alike = vec![review(8, 2, 2); 5];
        let same = spread(&alike, 200);
        let (micro, macro_f1) = f1s(&total(&alike));
        assert_eq!((same.micro_f1, same.macro_f1), ((micro, micro), (macro_f1, macro_f1)));
        // Reviews that differ: an interval around the figure, the same on every run.
        let mixed: Vec<Counts> = (0..40).map(|i| review(5 + i % 7, i % 3, i % 4)).collect();
        let around = spread(&mixed, 1000);
        let (micro, _) = f1s(&total(&mixed));
        assert_eq!(around.reviews, 40);
        assert!(around.micro_f1.0 < micro && micro < around.micro_f1.1, "{around:?} {micro}");
        assert!(around.macro_f1.0 < around.macro_f1.1);
        assert_eq!(around, spread(&mixed, 1000));
    }

    #[test]
    fn f1_counts_agree_with_the_definition() {
        assert_eq!(f1(0, 3, 4), 0.0);
        assert!((f1(8, 2, 2) - 0.8).abs() < 1e-12);
    }
}

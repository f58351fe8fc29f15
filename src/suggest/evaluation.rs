//! Training and measuring the theme model on UPR Info CSV exports (the format of the import:
//! `Text` is the recommendation, `Issue` its human labels, `Session` its UPR session).
//! Measured as the model decides: the themes reaching the threshold ([`Suggester::suggest`]).

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
    let decided = Scores::of(rows, &suggested);
    let best = Scores::of(rows, &with_best);
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
    }
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
    fn of(rows: &[&ImportedRecommendation], suggested: &[Vec<String>]) -> Scores {
        let catalog = Catalog::shipped();
        let mut themes: Vec<ThemeScore> = Vec::new();
        let (mut tp_all, mut fp_all, mut fn_all) = (0usize, 0usize, 0usize);
        for theme in &catalog.themes {
            let slug = theme.slug.as_str();
            let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
            for (row, got) in rows.iter().zip(suggested) {
                match (row.themes.iter().any(|t| t == slug), got.iter().any(|t| t == slug)) {
                    (true, true) => tp += 1,
                    (false, true) => fp += 1,
                    (true, false) => fn_ += 1,
                    (false, false) => {}
                }
            }
            (tp_all, fp_all, fn_all) = (tp_all + tp, fp_all + fp, fn_all + fn_);
            if tp + fp + fn_ > 0 {
                themes.push(ThemeScore {
                    theme: slug.to_string(),
                    support: tp + fn_,
                    suggested: tp + fp,
                    f1: f1(tp, fp, fn_),
                });
            }
        }
        themes.sort_by(|a, b| a.f1.total_cmp(&b.f1).then_with(|| b.support.cmp(&a.support)));
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        Scores {
            micro_precision: ratio(tp_all, tp_all + fp_all),
            micro_recall: ratio(tp_all, tp_all + fn_all),
            micro_f1: f1(tp_all, fp_all, fn_all),
            macro_f1: if themes.is_empty() {
                0.0
            } else {
                themes.iter().map(|t| t.f1).sum::<f64>() / themes.len() as f64
            },
            themes,
        }
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
    fn f1_counts_agree_with_the_definition() {
        assert_eq!(f1(0, 3, 4), 0.0);
        assert!((f1(8, 2, 2) - 0.8).abs() < 1e-12);
    }
}

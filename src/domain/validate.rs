//! Input rules shared by every resource: collect all field errors of a body at once, then
//! answer them together (422) so a client fixes everything in one round.

use chrono::{Datelike, NaiveDate};

use super::catalog::Catalog;
use super::theme_resolver::Resolution;
use crate::error::{AppError, Arg, FieldError, Said};

pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_TEXT_CHARS: usize = 20_000;
pub const MAX_LIST_ITEMS: usize = 100;
/// The years a stored date may fall in: wide for any plan, narrow enough to catch a typed year
/// like 20227 or -5000 (which PostgreSQL could not store either).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// ISO 639-1 language codes.
pub const LANGUAGES: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi", "bm", "bn", "bo",
    "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo",
    "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi",
    "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka",
    "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng",
    "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn",
    "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su",
    "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur",
    "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// Accumulates field errors; `finish` turns them into one 422.
#[derive(Default)]
pub struct Checks {
    errors: Vec<FieldError>,
}

impl Checks {
    pub fn new() -> Self {
        Self::default()
    }

    /// A problem said by a message of `locales/<lang>/api.ftl` (`id`), with its variables.
    pub fn say(&mut self, field: impl Into<String>, id: &'static str, args: Vec<(&'static str, Arg)>) {
        self.errors.push(FieldError::said(field, Said::new(id, args)));
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.errors))
        }
    }

    /// Trimmed, non-empty, at most `max` characters.
    pub fn required_text(&mut self, field: &str, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.say(field, "field-not-empty", vec![]);
        }
        self.optional_text(field, value, max)
    }

    pub fn optional_text(&mut self, field: &str, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.chars().count() > max {
            self.say(field, "field-at-most-chars", vec![("max", Arg::Number(max as i64))]);
        }
        value.to_string()
    }

    /// A known State code (alpha-3, any case), returned upper-case.
    pub fn state(&mut self, field: &str, code: &str) -> String {
        let upper = code.trim().to_ascii_uppercase();
        if Catalog::shipped().state(&upper).is_none() {
            self.say(field, "field-unknown-state", vec![("code", code.into())]);
        }
        upper
    }

    /// Free-text or slug tags to canonical theme slugs, deduplicated, order kept.
    pub fn themes(&mut self, field: &str, tags: &[String]) -> Vec<String> {
        let catalog = Catalog::shipped();
        let mut slugs: Vec<String> = Vec::new();
        self.list_size(field, tags.len());
        for (i, tag) in tags.iter().enumerate() {
            match catalog.resolver.resolve(tag) {
                Resolution::Theme(t) => {
                    let slug = &catalog.themes[t].slug;
                    if !slugs.contains(slug) {
                        slugs.push(slug.clone());
                    }
                }
                Resolution::Unresolved(candidates) if candidates.is_empty() => {
                    self.say(format!("{field}[{i}]"), "field-unknown-theme-none", vec![("tag", tag.as_str().into())]);
                }
                Resolution::Unresolved(candidates) => {
                    let slugs = candidates.iter().map(|c| catalog.themes[c.theme].slug.clone()).collect();
                    let args = vec![("tag", tag.as_str().into()), ("themes", Arg::Themes(slugs))];
                    self.say(format!("{field}[{i}]"), "field-unknown-theme", args);
                }
            }
        }
        slugs
    }

    /// ISO 639-1 codes, lower-cased and deduplicated.
    pub fn languages(&mut self, field: &str, codes: &[String]) -> Vec<String> {
        self.list_size(field, codes.len());
        let mut out: Vec<String> = Vec::new();
        for (i, code) in codes.iter().enumerate() {
            let lower = code.trim().to_ascii_lowercase();
            if !LANGUAGES.contains(&lower.as_str()) {
                self.say(format!("{field}[{i}]"), "field-unknown-language", vec![("code", code.as_str().into())]);
            } else if !out.contains(&lower) {
                out.push(lower);
            }
        }
        out
    }

    pub fn list_size(&mut self, field: &str, len: usize) {
        if len > MAX_LIST_ITEMS {
            self.say(field, "field-at-most-items", vec![("max", Arg::Number(MAX_LIST_ITEMS as i64))]);
        }
    }

    pub fn period(&mut self, starts_on: Option<NaiveDate>, ends_on: Option<NaiveDate>) {
        for (field, date) in [("starts_on", starts_on), ("ends_on", ends_on)] {
            if date.is_some_and(|d| !YEARS.contains(&d.year())) {
                let (first, last) = (format!("{}-01-01", YEARS.start()), format!("{}-12-31", YEARS.end()));
                self.say(field, "field-date-range", vec![("first", first.into()), ("last", last.into())]);
            }
        }
        if let (Some(start), Some(end)) = (starts_on, ends_on) {
            if end < start {
                let args = vec![("other", "starts_on".into()), ("value", start.to_string().into())];
                self.say("ends_on", "field-not-before", args);
            }
        }
    }

    /// An IATI activity identifier, trimmed: 1-200 characters, no spaces and none of `/ & | ?`
    /// (the IATI Standard's rule for identifiers).
    pub fn iati_identifier(&mut self, field: &str, value: Option<&str>) -> Option<String> {
        let value = value?.trim();
        if value.is_empty()
            || value.chars().count() > 200
            || value.chars().any(|ch| ch.is_whitespace() || "/&|?".contains(ch))
        {
            self.say(field, "field-iati-identifier", vec![]);
        }
        Some(value.to_string())
    }

    pub fn non_negative(&mut self, field: &str, value: Option<i64>) {
        if value.is_some_and(|v| v < 0) {
            self.say(field, "field-not-negative", vec![]);
        }
    }
}

/// Deduplicates values of a closed vocabulary, keeping the first occurrence's position.
pub fn dedup<T: PartialEq + Copy>(values: &[T]) -> Vec<T> {
    let mut out = Vec::with_capacity(values.len());
    for v in values {
        if !out.contains(v) {
            out.push(*v);
        }
    }
    out
}

/// The checks of a new record that need no storage, for a body that also has fields of the wrong
/// shape: what the rest of it breaks, so one answer names every problem.
pub trait RuleChecks {
    fn rule_problems(self) -> Vec<crate::error::FieldError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_error() {
        let mut c = Checks::new();
        c.required_text("title", "   ", 10);
        let langs = c.languages("languages", &["EN".into(), "xx".into(), "en".into()]);
        c.period(NaiveDate::from_ymd_opt(2027, 1, 2), NaiveDate::from_ymd_opt(2027, 1, 1));
        assert_eq!(langs, vec!["en"]);
        match c.finish() {
            Err(AppError::Validation(errors)) => {
                let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
                assert_eq!(fields, ["title", "languages[1]", "ends_on"]);
            }
            other => panic!("expected validation errors, got {other:?}"),
        }
    }

    #[test]
    fn dates_stay_within_the_stored_years() {
        let mut c = Checks::new();
        c.period(NaiveDate::from_ymd_opt(-5000, 1, 1), NaiveDate::from_ymd_opt(2200, 1, 1));
        c.period(NaiveDate::from_ymd_opt(1900, 1, 1), NaiveDate::from_ymd_opt(2199, 12, 31));
        let Err(AppError::Validation(errors)) = c.finish() else { panic!("expected errors") };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["starts_on", "ends_on"]);
        assert_eq!(errors[0].message, "must be a date from 1900-01-01 to 2199-12-31");
    }

    #[test]
    fn unknown_theme_suggests() {
        let mut c = Checks::new();
        let slugs = c.themes("themes", &["torture".into(), "tortur and ill treatmnt".into()]);
        assert_eq!(slugs, vec!["torture"]);
        let Err(AppError::Validation(errors)) = c.finish() else { panic!("expected an error") };
        assert_eq!(errors[0].field, "themes[1]");
        assert!(errors[0].message.contains("did you mean"), "{}", errors[0].message);
    }
}

//! Theme suggestion: which recommendation themes a text is about. A multi-label classifier
//! ([`model`]) learned from UPR recommendations labelled by UPR Info ([`evaluation`] trains and
//! measures it; `tcmatch train` and `tcmatch evaluate` run that) ships in `data/`, so the
//! service needs no training at start and no network.

mod codec;
pub mod evaluation;
pub mod language;
mod lexicon;
mod linear;
pub mod model;
mod text;
mod vocabulary;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::catalog::Catalog;
use lexicon::Rendering;
use model::{Model, Reading};

/// The shipped model, trained by `tcmatch train` on all of tests/data (UPR sessions 1-13).
const SHIPPED_MODEL: &[u8] = include_bytes!("../../data/theme-model.bin");

/// A theme is suggested when its confidence reaches this: the model's decision threshold,
/// tuned on held-out data in training, gives this confidence.
pub const SUGGEST_THRESHOLD: f32 = 0.5;

/// A text that must have a theme and reaches no threshold gets its most likely theme only from
/// this confidence; below it, none (a person should choose). Chosen inside sessions 1-10: it
/// neither gained nor lost micro-F1 against giving none, where giving the most likely theme
/// whatever its confidence lost 0.1 to 0.3 points.
pub const BEST_THEME_FLOOR: f32 = 0.2;

/// The `themes` problem of a request or offer that asked for suggestions and got none (the id of
/// its message in `locales/<lang>/api.ftl`).
pub const NO_THEME_SUGGESTED: &str = "field-no-theme-suggested";

/// One theme the model sees in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ThemeSuggestion {
    /// Theme slug.
    #[schema(example = "womens-rights")]
    pub theme: String,
    /// From 0 to 1; the theme is suggested from 0.5.
    #[schema(example = 0.93)]
    pub confidence: f32,
    /// The words of the text (and pairs of words) that weigh most for it.
    #[schema(example = json!(["women", "domestic violence", "rape"]))]
    pub words: Vec<String>,
    /// The language the text was read in, as detected (ISO 639-1: ar, en, es, fr, ru or zh);
    /// suggestions stored before the service read other languages were read in English.
    #[serde(default = "read_in_english")]
    #[schema(example = "en")]
    pub text_language: String,
}

fn read_in_english() -> String {
    "en".to_string()
}

/// A text as the model read it: the language it was written in, its English rendering, and
/// the model's reading of that.
struct Read<'a> {
    language: &'static str,
    rendering: Rendering<'a>,
    reading: Reading,
}

/// The model with its labels mapped onto the catalog's themes.
pub struct Suggester {
    model: Model,
    /// For each model label, the slug of its theme.
    slugs: Vec<String>,
}

impl Suggester {
    /// The model shipped in the binary (checked by the tests, so loading cannot fail).
    pub fn shipped() -> &'static Suggester {
        static SHIPPED: OnceLock<Suggester> = OnceLock::new();
        SHIPPED.get_or_init(|| {
            let model = Model::from_bytes(SHIPPED_MODEL).expect("the shipped theme model is valid");
            Suggester::new(model, Catalog::shipped()).expect("the shipped theme model knows the catalog's themes")
        })
    }

    /// Maps the model's labels (UPR Info issue names) onto the catalog's themes.
    pub fn new(model: Model, catalog: &Catalog) -> Result<Suggester, String> {
        let slugs = model
            .labels()
            .iter()
            .map(|label| {
                catalog
                    .theme_by_upr_label(label)
                    .map(|t| t.slug.clone())
                    .ok_or_else(|| format!("the model's label '{label}' is no theme of the catalog"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Suggester { model, slugs })
    }

    /// How many themes the model tells apart.
    pub fn theme_count(&self) -> usize {
        self.slugs.len()
    }

    /// `text` (in any of the six UN languages) read in English, and the model's reading of it.
    fn read<'a>(&self, text: &'a str) -> Read<'a> {
        let language = language::detect(text);
        let rendering = lexicon::in_english(language, text);
        let reading = self.model.read(&rendering.english);
        Read { language, rendering, reading }
    }

    /// The `limit` most likely themes, best first.
    pub fn rank(&self, text: &str, limit: usize) -> Vec<ThemeSuggestion> {
        let read = self.read(text);
        let mut ranked = self.ranked(&read.reading);
        ranked.truncate(limit);
        self.explained(&read, ranked)
    }

    /// The themes to tag `text` with: those reaching [`SUGGEST_THRESHOLD`], or, when none does
    /// and `at_least_one` says the text should have a theme, the most likely one if it reaches
    /// [`BEST_THEME_FLOOR`].
    pub fn suggest(&self, text: &str, at_least_one: bool) -> Vec<ThemeSuggestion> {
        let read = self.read(text);
        let mut ranked = self.ranked(&read.reading);
        let reached = ranked.iter().take_while(|(_, confidence)| *confidence >= SUGGEST_THRESHOLD).count();
        let best = usize::from(ranked.first().is_some_and(|&(_, confidence)| confidence >= BEST_THEME_FLOOR));
        ranked.truncate(if reached == 0 && at_least_one { best } else { reached });
        self.explained(&read, ranked)
    }

    /// Every label with its confidence, most likely first (ordered before rounding, so two
    /// themes that both round to 1.0 keep their order; ties by theme).
    fn ranked(&self, reading: &Reading) -> Vec<(u16, f32)> {
        let mut ranked: Vec<(u16, f32)> = (0u16..).zip(reading.confidences.iter().copied()).collect();
        ranked.sort_by(|a, b| {
            b.1.total_cmp(&a.1).then_with(|| self.slugs[usize::from(a.0)].cmp(&self.slugs[usize::from(b.0)]))
        });
        ranked.into_iter().map(|(label, c)| (label, rounded(c))).collect()
    }

    /// The chosen labels as themes, with the words behind each.
    fn explained(&self, read: &Read, chosen: Vec<(u16, f32)>) -> Vec<ThemeSuggestion> {
        let labels: Vec<u16> = chosen.iter().map(|&(label, _)| label).collect();
        let suggestions = chosen
            .into_iter()
            .zip(self.model.drivers(&read.reading, &labels))
            .map(|((label, confidence), words)| ThemeSuggestion {
                theme: self.slugs[usize::from(label)].clone(),
                confidence,
                words,
                text_language: read.language.to_string(),
            })
            .collect();
        in_own_words(&read.rendering.words(), suggestions)
    }
}

/// Replaces the model's word stems ("violenc", "forc marriag") by the words of the text they
/// come from ("violence", "forced marriages"; in the text's own language when it was read in
/// English), the first occurrence of each; a stem not found stays as it is.
fn in_own_words(words: &[(String, String)], mut suggestions: Vec<ThemeSuggestion>) -> Vec<ThemeSuggestion> {
    let surface = |stems: &[&str]| -> Option<String> {
        (0..words.len().saturating_sub(stems.len() - 1)).find_map(|start| {
            let window = &words[start..start + stems.len()];
            window.iter().zip(stems).all(|((english, _), stem)| english.starts_with(stem)).then(|| {
                let mut sources: Vec<&str> = window.iter().map(|(_, source)| source.as_str()).collect();
                sources.dedup();
                sources.join(" ")
            })
        })
    };
    for s in &mut suggestions {
        let mut own: Vec<String> = Vec::with_capacity(s.words.len());
        for term in &s.words {
            let stems: Vec<&str> = term.split(' ').collect();
            let word = surface(&stems).unwrap_or_else(|| term.clone());
            if !own.contains(&word) {
                own.push(word);
            }
        }
        s.words = own;
    }
    suggestions
}

/// Themes of a record the model suggested and no person has confirmed (they are among its
/// `themes` too): everything else of `themes` is confirmed.
pub fn confirmed(themes: &[String], suggested: &[ThemeSuggestion]) -> Vec<String> {
    themes.iter().filter(|t| !suggested.iter().any(|s| &s.theme == *t)).cloned().collect()
}

/// A record's themes after a change: the list to start from, the suggestions that stay, and
/// whether to suggest again. Setting `themes` confirms exactly those; suggestions no one
/// confirmed are made again when asked (`suggest_again`) or, by default, when the text changed.
pub fn after_change(
    themes: Vec<String>,
    suggested: Vec<ThemeSuggestion>,
    new_themes: Option<Vec<String>>,
    suggest_again: Option<bool>,
    text_changed: bool,
) -> (Vec<String>, Vec<ThemeSuggestion>, bool) {
    match new_themes {
        Some(given) => (given, Vec::new(), suggest_again == Some(true)),
        None if suggest_again.unwrap_or(text_changed && !suggested.is_empty()) => {
            (confirmed(&themes, &suggested), Vec::new(), true)
        }
        None => (themes, suggested, false),
    }
}

/// The text of a request or offer the model reads.
pub fn text_of(title: &str, description: &str) -> String {
    format!("{title}\n{description}")
}

impl Suggester {
    /// Adds to `themes` the themes suggested for `text` that it lacks (the most likely one
    /// alone when `themes` is empty, none reaches the threshold and it reaches the floor),
    /// keeping at most `max` themes in all; returns the added ones.
    pub fn tag(&self, themes: &mut Vec<String>, text: &str, max: usize) -> Vec<ThemeSuggestion> {
        let added: Vec<ThemeSuggestion> = self
            .suggest(text, themes.is_empty())
            .into_iter()
            .filter(|s| !themes.contains(&s.theme))
            .take(max.saturating_sub(themes.len()))
            .collect();
        themes.extend(added.iter().map(|s| s.theme.clone()));
        added
    }
}

/// A confidence to 3 decimals, on the same side of [`SUGGEST_THRESHOLD`] as before.
fn rounded(confidence: f32) -> f32 {
    let r = (confidence * 1000.0).round() / 1000.0;
    if confidence < SUGGEST_THRESHOLD {
        r.min(SUGGEST_THRESHOLD - 0.001)
    } else {
        r.max(SUGGEST_THRESHOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tagging_adds_missing_themes_and_confirmed_ones_stay_apart() {
        let suggester = Suggester::shipped();
        let text = "Abolish the death penalty and ratify the Second Optional Protocol to the ICCPR";
        let mut themes = vec!["death-penalty".to_string()];
        let added = suggester.tag(&mut themes, text, 10);
        assert!(added.iter().all(|s| s.theme != "death-penalty" && s.confidence >= SUGGEST_THRESHOLD));
        assert_eq!(themes.len(), 1 + added.len());
        assert_eq!(confirmed(&themes, &added), vec!["death-penalty".to_string()]);
        let mut full = vec!["torture".to_string()];
        assert!(suggester.tag(&mut full, text, 1).is_empty(), "no room beyond max");
        let mut none: Vec<String> = Vec::new();
        assert!(suggester.tag(&mut none, "zzz", 10).is_empty(), "nothing when the model is not sure of anything");
        let mut vague: Vec<String> = Vec::new();
        let text = "Strengthen the capacity of the police";
        let best = suggester.rank(text, 1).remove(0);
        assert!((BEST_THEME_FLOOR..SUGGEST_THRESHOLD).contains(&best.confidence), "{best:?}");
        assert_eq!(suggester.tag(&mut vague, text, 10), [best], "an untagged text gets its best theme above the floor");
    }

    #[test]
    fn words_are_shown_as_the_text_has_them() {
        let text = "Prevent Forced Marriages and violence against girls";
        let shown = in_own_words(
            &Rendering::as_is(text).words(),
            vec![ThemeSuggestion {
                theme: "womens-rights".into(),
                confidence: 0.9,
                words: vec!["forc marriag".into(), "violenc".into(), "girl".into(), "unseen".into(), "violenc".into()],
                text_language: "en".into(),
            }],
        );
        assert_eq!(shown[0].words, ["Forced Marriages", "violence", "girls", "unseen"]);
        let real = Suggester::shipped().rank("Criminalise domestic violence and marital rape", 1);
        assert!(real[0].words.iter().all(|w| !w.contains("violenc ") && w != "violenc"), "{real:?}");
    }

    #[test]
    fn themes_rank_by_their_unrounded_confidence() {
        let suggester = Suggester::shipped();
        let text = "Adopt a law criminalising domestic violence and marital rape";
        let raw = suggester.read(text).reading.confidences;
        let ranked = suggester.rank(text, 5);
        let unrounded: Vec<f32> =
            ranked.iter().map(|t| raw[suggester.slugs.iter().position(|s| *s == t.theme).unwrap()]).collect();
        assert!(unrounded.windows(2).all(|w| w[0] >= w[1]), "{ranked:?} {unrounded:?}");
    }

    /// The texts the issue found stored under a wrong theme, and their like in each language.
    #[test]
    fn texts_in_every_un_language_get_their_theme() {
        let suggester = Suggester::shipped();
        let cases = [
            ("ru", "Ратифицировать Факультативный протокол к Конвенции против пыток", "torture"),
            ("zh", "废除死刑，并在此之前暂停执行死刑", "death-penalty"),
            ("fr", "Adopter une loi érigeant la violence domestique en infraction pénale", "womens-rights"),
            ("es", "Abolir la pena de muerte y ratificar el Segundo Protocolo Facultativo", "death-penalty"),
            ("ar", "اعتماد قانون لمكافحة العنف الأسري", "womens-rights"),
            ("zh", "加强努力打击贩运人口，特别是贩运妇女和儿童", "trafficking"),
            ("ru", "Обеспечить свободу выражения мнений и защиту журналистов", "freedom-of-expression"),
        ];
        for (lang, text, theme) in cases {
            assert_eq!(language::detect(text), lang, "{text}");
            let suggested = suggester.suggest(text, true);
            assert!(suggested.iter().any(|s| s.theme == theme), "{lang} {text}: {suggested:?}");
        }
        let words = &suggester.rank("Отменить смертную казнь", 1)[0].words;
        assert!(words.iter().any(|w| w.contains("смертную казнь")), "the words of the text itself: {words:?}");
    }

    #[test]
    fn rounding_never_moves_a_confidence_across_the_threshold() {
        assert_eq!(rounded(0.4996), 0.499);
        assert_eq!(rounded(0.5), 0.5);
        assert_eq!(rounded(0.50004), 0.5);
        assert_eq!(rounded(0.12345), 0.123);
        assert_eq!((rounded(0.0), rounded(1.0)), (0.0, 1.0));
    }

    #[test]
    fn the_shipped_model_loads_and_knows_every_theme() {
        let suggester = Suggester::shipped();
        let catalog = Catalog::shipped();
        assert_eq!(suggester.theme_count(), catalog.themes.len());
        for theme in &catalog.themes {
            assert!(suggester.slugs.contains(&theme.slug), "{}", theme.slug);
        }
    }

    /// tests/data/theme-sample.csv: 32 recommendations written for this test in the style of
    /// later UPR cycles (sessions 34-41), labelled by hand; no model has seen them.
    #[test]
    fn the_shipped_model_beats_a_floor_on_a_fixed_unseen_sample() {
        let sample = evaluation::read_csv(include_bytes!("../../tests/data/theme-sample.csv")).unwrap();
        let rows: Vec<_> = sample.rows.iter().collect();
        let report = evaluation::evaluate(Suggester::shipped(), &rows);
        assert_eq!(report.rows, 32);
        assert!(report.micro_f1 >= 0.75, "micro-F1 {:.3} below the floor", report.micro_f1);
        assert!(report.macro_f1 >= 0.70, "macro-F1 {:.3} below the floor", report.macro_f1);
    }

    #[test]
    fn suggestions_reach_the_threshold_or_are_the_single_best() {
        let suggester = Suggester::shipped();
        let text =
            "Ratify the Optional Protocol to the Convention against Torture and set up a national preventive mechanism";
        let suggested = suggester.suggest(text, true);
        assert!(suggested.iter().any(|s| s.theme == "torture"), "{suggested:?}");
        assert!(suggested.iter().all(|s| s.confidence >= SUGGEST_THRESHOLD));
        assert!(suggested.iter().all(|s| !s.words.is_empty()));
        assert!(suggester.suggest("zzz qqq", true).is_empty(), "nothing below the floor");
        assert!(suggester.suggest("zzz qqq", false).is_empty());
    }
}

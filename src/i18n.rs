//! The service's words in the six UN languages, from Project Fluent files compiled into the
//! binary: `locales/<lang>/pages.ftl` for the web pages, `locales/<lang>/api.ftl` for what the
//! API says to people (problems, field messages, match reasons). A test checks that every
//! language has every message and that each formats without error.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language of the pages: one of the six UN languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Ar,
    En,
    Es,
    Fr,
    Ru,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 6] = [Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru, Lang::Zh];

    /// The language's code (ISO 639-1), as in paths (`/fr/requests`) and `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Zh => "zh",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's name in itself, for the language switch.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Ar => "العربية",
            Lang::En => "English",
            Lang::Es => "Español",
            Lang::Fr => "Français",
            Lang::Ru => "Русский",
            Lang::Zh => "中文",
        }
    }

    /// The direction its text runs: `rtl` for Arabic.
    pub fn dir(self) -> &'static str {
        if self == Lang::Ar {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// A term of a controlled vocabulary (`term("modality", "legal_drafting")`), from the
    /// message `modality-legal_drafting`.
    pub fn term(self, vocabulary: &str, value: &str) -> String {
        self.t(&format!("{vocabulary}-{value}"))
    }

    /// A whole number as readers of the language write it: `12,345` in English, `12 345` in
    /// French and Russian, `12.345` in Spanish (which leaves four digits ungrouped).
    pub fn number(self, n: u64) -> String {
        let digits = n.to_string();
        let (separator, least) = self.grouping();
        if digits.len() < least {
            return digits;
        }
        let mut out = String::with_capacity(digits.len() * 2);
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(separator);
            }
            out.push(d);
        }
        out
    }

    /// A number with two decimals at most, with the language's decimal sign.
    pub fn decimal(self, x: f64) -> String {
        let rounded = (x * 100.0).round() / 100.0;
        let whole = self.number(rounded.trunc() as u64);
        let fraction = format!("{:.2}", rounded.fract());
        let fraction = fraction.trim_start_matches('0').trim_end_matches('0').trim_end_matches('.');
        match fraction.strip_prefix('.') {
            Some(digits) => format!("{whole}{}{digits}", self.decimal_sign()),
            None => whole,
        }
    }

    /// The group separator, and the fewest digits that are grouped.
    fn grouping(self) -> (char, usize) {
        match self {
            Lang::Ar | Lang::En | Lang::Zh => (',', 4),
            Lang::Es => ('.', 5),
            Lang::Fr => ('\u{202f}', 4),
            Lang::Ru => ('\u{a0}', 4),
        }
    }

    fn decimal_sign(self) -> char {
        match self {
            Lang::Ar | Lang::En | Lang::Zh => '.',
            Lang::Es | Lang::Fr | Lang::Ru => ',',
        }
    }

    /// The language's Fluent files: the pages' words, then the API's.
    fn sources(self) -> [(&'static str, &'static str); 2] {
        match self {
            Lang::Ar => {
                [("pages", include_str!("../locales/ar/pages.ftl")), ("api", include_str!("../locales/ar/api.ftl"))]
            }
            Lang::En => {
                [("pages", include_str!("../locales/en/pages.ftl")), ("api", include_str!("../locales/en/api.ftl"))]
            }
            Lang::Es => {
                [("pages", include_str!("../locales/es/pages.ftl")), ("api", include_str!("../locales/es/api.ftl"))]
            }
            Lang::Fr => {
                [("pages", include_str!("../locales/fr/pages.ftl")), ("api", include_str!("../locales/fr/api.ftl"))]
            }
            Lang::Ru => {
                [("pages", include_str!("../locales/ru/pages.ftl")), ("api", include_str!("../locales/ru/api.ftl"))]
            }
            Lang::Zh => {
                [("pages", include_str!("../locales/zh/pages.ftl")), ("api", include_str!("../locales/zh/api.ftl"))]
            }
        }
    }

    /// The message `id` in this language.
    pub fn t(self, id: &str) -> String {
        format(self, id, None)
    }

    /// The message `id` with its variables (`{ $name }` in the Fluent file).
    pub fn t_with(self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        format(self, id, Some(&fluent_args))
    }
}

static BUNDLES: LazyLock<Vec<FluentBundle<FluentResource>>> = LazyLock::new(|| {
    Lang::ALL
        .iter()
        .map(|lang| {
            let id = lang.code().parse().expect("a valid language identifier");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Pages mark direction in their markup; isolation marks would only get in the way
            // of copying and searching.
            bundle.set_use_isolating(false);
            for (name, source) in lang.sources() {
                let file = format!("locales/{}/{name}.ftl", lang.code());
                let resource = FluentResource::try_new(source.to_string())
                    .unwrap_or_else(|(_, errors)| panic!("{file}: {errors:?}"));
                bundle.add_resource(resource).unwrap_or_else(|e| panic!("{file}: {e:?}"));
            }
            bundle
        })
        .collect()
});

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    &BUNDLES[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(1)]
}

/// A missing message shows its id (and is logged), never an empty space; the tests keep
/// every language complete.
fn format(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        tracing::warn!(lang = lang.code(), id, "no such message");
        return id.to_string();
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::warn!(lang = lang.code(), id, ?errors, "message formatted with errors");
    }
    text.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn source(lang: Lang) -> String {
        lang.sources().map(|(_, text)| text).join("\n")
    }

    /// The message ids of a language's file: the lines that start a message (`id = ...`).
    fn ids(lang: Lang) -> BTreeSet<String> {
        source(lang)
            .lines()
            .filter_map(|line| line.split_once(" ="))
            .map(|(id, _)| id)
            .filter(|id| id.starts_with(|c: char| c.is_ascii_lowercase()) && !id.contains(' '))
            .map(str::to_string)
            .collect()
    }

    /// Every variable a language's messages use (`{ $name }`).
    fn variables(lang: Lang) -> BTreeSet<String> {
        source(lang)
            .split("{ $")
            .skip(1)
            .filter_map(|rest| rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn every_language_has_every_message_and_nothing_else() {
        let english = ids(Lang::En);
        assert!(english.len() > 10);
        for lang in Lang::ALL {
            let theirs = ids(lang);
            let missing: Vec<_> = english.difference(&theirs).collect();
            let extra: Vec<_> = theirs.difference(&english).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{}: missing {missing:?}, extra {extra:?}", lang.code());
        }
    }

    #[test]
    fn every_message_formats_without_errors_with_numbers_for_its_variables() {
        for lang in Lang::ALL {
            let bundle = bundle(lang);
            for id in ids(Lang::En) {
                let pattern = bundle.get_message(&id).and_then(|m| m.value()).expect("has a value");
                let mut args = FluentArgs::new();
                for name in variables(Lang::En) {
                    args.set(name, 2);
                }
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{}: {id}: {errors:?}", lang.code());
                assert!(!text.trim().is_empty(), "{}: {id} is empty", lang.code());
            }
        }
    }

    #[test]
    fn every_term_theme_group_and_region_the_pages_name_has_a_message() {
        use crate::domain::access::Role;
        use crate::domain::engagement::EngagementStatus;
        use crate::domain::vocab::{ConsentStatus, Modality, OfferStatus, Priority, RequestStatus, Response};
        let english = ids(Lang::En);
        let mut wanted: Vec<String> = Vec::new();
        wanted.extend(RequestStatus::ALL.iter().map(|v| format!("request-status-{v}")));
        wanted.extend(OfferStatus::ALL.iter().map(|v| format!("offer-status-{v}")));
        wanted.extend(Priority::ALL.iter().map(|v| format!("priority-{v}")));
        wanted.extend(Modality::ALL.iter().map(|v| format!("modality-{v}")));
        wanted.extend(Response::ALL.iter().map(|v| format!("response-{v}")));
        wanted.extend(ConsentStatus::ALL.iter().map(|v| format!("consent-{v}")));
        wanted.extend(Role::ALL.iter().map(|v| format!("role-{v}")));
        wanted.extend(EngagementStatus::ALL.iter().map(|v| format!("engagement-status-{v}")));
        wanted.extend(crate::domain::audit::Action::ALL.iter().map(|v| format!("action-{v}")));
        wanted.extend(crate::domain::audit::Resource::ALL.iter().map(|v| format!("resource-{v}")));
        wanted.extend(crate::db::recommendations::SummaryKey::ALL.iter().map(|v| format!("group-by-{v}")));
        wanted.extend(EngagementStatus::ALL.iter().map(|v| format!("engagement-to-{v}")));
        wanted.extend(crate::domain::catalog::Catalog::shipped().groups.iter().map(|g| format!("group-{}", g.slug)));
        wanted.extend(crate::pages::parts::REGIONS.iter().map(|r| format!("region-{r}")));
        let missing: Vec<&String> = wanted.iter().filter(|id| !english.contains(*id)).collect();
        assert!(missing.is_empty(), "no message for {missing:?}");
    }

    #[test]
    fn numbers_are_written_as_each_language_writes_them() {
        assert_eq!(Lang::En.number(1234567), "1,234,567");
        assert_eq!(Lang::En.number(999), "999");
        assert_eq!(Lang::Fr.number(1234), "1\u{202f}234");
        assert_eq!(Lang::Ru.number(12345), "12\u{a0}345");
        assert_eq!(Lang::Es.number(1234), "1234");
        assert_eq!(Lang::Es.number(12345), "12.345");
        assert_eq!(Lang::En.decimal(0.5), "0.5");
        assert_eq!(Lang::Fr.decimal(1234.25), "1\u{202f}234,25");
        assert_eq!(Lang::En.decimal(3.0), "3");
        assert_eq!(Lang::Ru.decimal(0.004), "0");
    }

    #[test]
    fn codes_round_trip_and_arabic_runs_right_to_left() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::Zh.dir(), "ltr");
        assert_eq!(Lang::parse("de"), None);
    }
}

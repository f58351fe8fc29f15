//! What the service says to people, as messages of `locales/<lang>/api.ftl` with their
//! variables: said in English where it is raised, in the reader's language where it is answered.

use fluent_bundle::FluentValue;

use crate::domain::catalog::Catalog;
use crate::i18n::Lang;

/// A message of `locales/<lang>/api.ftl` with its variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// A variable of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Number(i64),
    /// Theme slugs, said as `'slug' (label)` in the reader's language, joined by "or".
    Themes(Vec<String>),
    /// Terms of a vocabulary by their message ids (`request-status-withdrawn`), said in lower
    /// case in the reader's language, joined by "or".
    Terms(Vec<String>),
    /// A message said inside another (the reason after a place: `[3]: ...`).
    Said(Box<Said>),
}

impl Arg {
    /// One term of a vocabulary: `Arg::term("request-status", "withdrawn")`.
    pub fn term(vocabulary: &str, value: &str) -> Arg {
        Arg::Terms(vec![format!("{vocabulary}-{value}")])
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n)
    }
}

impl Said {
    pub fn new(id: &'static str, args: Vec<(&'static str, Arg)>) -> Said {
        Said { id, args }
    }

    /// "must be one of: ..." the values listed.
    pub fn one_of(values: impl Into<String>) -> Said {
        Said::new("field-one-of", vec![("values", Arg::Text(values.into()))])
    }

    /// A message without variables.
    pub fn of(id: &'static str) -> Said {
        Said { id, args: Vec::new() }
    }

    /// This message after the place it is about: `[3]: ...`, `line 5: ...`.
    pub fn at(self, place: &str) -> Said {
        Said::new("detail-at", vec![("at", place.into()), ("why", Arg::Said(Box::new(self)))])
    }

    /// The message in `lang`.
    pub fn in_language(&self, lang: Lang) -> String {
        let args: Vec<(&str, FluentValue<'_>)> = self
            .args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(text) => FluentValue::from(text.as_str()),
                    Arg::Number(n) => FluentValue::from(*n),
                    Arg::Themes(slugs) => FluentValue::from(themes_in(slugs, lang)),
                    Arg::Terms(ids) => FluentValue::from(terms_in(ids, lang)),
                    Arg::Said(said) => FluentValue::from(said.in_language(lang)),
                };
                (*name, value)
            })
            .collect();
        lang.t_with(self.id, &args)
    }
}

/// Themes as a reader of `lang` knows them: `'womens-rights' (Droits des femmes)`, joined by
/// the language's "or".
fn themes_in(slugs: &[String], lang: Lang) -> String {
    let catalog = Catalog::shipped();
    let named: Vec<String> = slugs
        .iter()
        .map(|slug| match catalog.theme(slug) {
            Some(theme) => format!("'{slug}' ({})", theme.label_in(lang.code())),
            None => format!("'{slug}'"),
        })
        .collect();
    named.join(&lang.t("list-or"))
}

/// Terms as a reader of `lang` says them inside a sentence: lower case, joined by "or".
fn terms_in(ids: &[String], lang: Lang) -> String {
    let said: Vec<String> = ids.iter().map(|id| lang.t(id).to_lowercase()).collect();
    said.join(&lang.t("list-or"))
}

/// In English, for logs and `Display`.
impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_language(Lang::En))
    }
}

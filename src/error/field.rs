//! Field-level problems, and how those of a bulk submission or of a body's shape and rules are
//! put together.

use serde::Serialize;
use utoipa::ToSchema;

use super::Said;
use crate::i18n::Lang;

/// One field-level problem: `field` is a JSON path into the body (`themes[2]`), a query
/// parameter, a header, or a CSV `line N` reference. `field` never changes with the language;
/// `message` is in the reader's language where the service's catalogue has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
    /// The message as an entry of `locales/<lang>/api.ftl`, to say it in another language.
    #[serde(skip)]
    #[schema(ignore)]
    pub said: Option<Said>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into(), said: None }
    }

    /// A problem said by a message of the service's catalogue: in English here, in the
    /// reader's language in the answer.
    pub fn said(field: impl Into<String>, said: Said) -> Self {
        Self { field: field.into(), message: said.in_language(Lang::En), said: Some(said) }
    }

    /// The message in `lang`, where the catalogue has it (else as it was written).
    pub fn message_in(&self, lang: Lang) -> String {
        match &self.said {
            Some(said) if lang != Lang::En => said.in_language(lang),
            _ => self.message.clone(),
        }
    }
}

/// Field errors of the item at `at` in a bulk submission, named from the submission's root
/// (`[3].themes[0]`, `line 5: themes[0]`).
pub fn named(at: &str, errors: Vec<FieldError>) -> Vec<FieldError> {
    let joiner = if at.starts_with('[') { "." } else { ": " };
    errors.into_iter().map(|e| FieldError { field: format!("{at}{joiner}{}", e.field), ..e }).collect()
}

/// The problems of a body's shape, then those of the rules the rest of it breaks, leaving out
/// a rule's problem with a field (or a part of one) whose shape was already wrong.
pub fn shape_then_rules(mut shape: Vec<FieldError>, rules: Vec<FieldError>) -> Vec<FieldError> {
    let overlaps =
        |a: &str, b: &str| a.strip_prefix(b).is_some_and(|rest| rest.is_empty() || rest.starts_with(['[', '.']));
    let shaped: Vec<String> = shape.iter().map(|p| p.field.clone()).collect();
    shape.extend(rules.into_iter().filter(|r| !shaped.iter().any(|s| overlaps(s, &r.field) || overlaps(&r.field, s))));
    shape
}

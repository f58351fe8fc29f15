//! Query parameters: the extractor (empty ones left out, unknown ones named) and the parsers
//! every list shares (timestamps, words, vocabularies, numbers, States, themes, regions).

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use chrono::{DateTime, NaiveDateTime};
use serde::de::DeserializeOwned;

use crate::error::{AppError, AppResult, Arg, FieldError, Said};

/// Query parameters, decoded into `T`. A parameter given empty (`?state=&limit=`) counts as left
/// out, as a form that submits its blank fields means.
pub struct Params<T>(T);

impl<T> Params<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Params<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned> FromRequest for Params<T> {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(given_params(req.query_string()))
    }
}

fn given_params<T: DeserializeOwned>(query: &str) -> AppResult<Params<T>> {
    let given: Vec<&str> =
        query.split('&').filter(|pair| pair.split_once('=').is_some_and(|(_, v)| !v.is_empty())).collect();
    match actix_web::web::Query::<T>::from_query(&given.join("&")) {
        Ok(q) => Ok(Params(q.into_inner())),
        Err(err) => Err(param_error(err.to_string().trim_start_matches("Query deserialize error: "))),
    }
}

/// The field-level error for serde's message about the query (which names the parameter in
/// backticks: "missing field `q`", "unknown field `colour`, expected one of `limit`, ...").
fn param_error(message: &str) -> AppError {
    let named = |prefix: &str| message.strip_prefix(prefix).and_then(|rest| rest.split('`').next());
    if let Some(field) = named("missing field `") {
        AppError::bad_param(field, Said::new("field-required", vec![]))
    } else if let Some(field) = named("unknown field `") {
        let expected = message
            .split_once("expected ")
            .map_or(String::new(), |(_, e)| e.trim_start_matches("one of ").replace('`', ""));
        AppError::bad_param(field, Said::new("field-unknown-parameter", vec![("expected", expected.into())]))
    } else {
        let said = Said::new("detail-query-not-valid", vec![("why", message.into())]);
        AppError::unreadable("query", format!("the query parameters are not valid: {message}"), said)
    }
}

/// An RFC 3339 timestamp parameter, as stored (UTC, naive).
pub fn timestamp_param(field: &str, value: Option<&str>) -> AppResult<Option<NaiveDateTime>> {
    value
        .map(|v| {
            DateTime::parse_from_rfc3339(v.trim())
                .map(|t| t.naive_utc())
                .map_err(|_| AppError::bad_param(field, Said::new("field-timestamp", vec![])))
        })
        .transpose()
}

/// The words of a `q` text search: at most 10, each of at most 100 characters.
pub fn search_words(field: &str, value: Option<&str>) -> AppResult<Vec<String>> {
    let words: Vec<String> = value.unwrap_or("").split_whitespace().map(str::to_string).collect();
    if words.len() > 10 || words.iter().any(|w| w.chars().count() > 100) {
        return Err(AppError::bad_param(field, Said::of("field-search-words")));
    }
    Ok(words)
}

/// A closed-vocabulary parameter: returns its canonical text.
pub fn vocab_param<V: Copy>(
    field: &str,
    value: Option<&str>,
    parse: fn(&str) -> Option<V>,
    expected: fn() -> String,
) -> AppResult<Option<V>> {
    value.map(|v| parse(v.trim()).ok_or_else(|| AppError::bad_param(field, Said::one_of(expected())))).transpose()
}

/// An integer parameter in a range.
pub fn int_param(field: &str, value: Option<&str>, min: i32, max: i32) -> AppResult<Option<i32>> {
    value
        .map(|v| {
            v.trim().parse::<i32>().ok().filter(|n| (min..=max).contains(n)).ok_or_else(|| {
                let range = vec![("min", Arg::Number(min.into())), ("max", Arg::Number(max.into()))];
                AppError::bad_param(field, Said::new("field-whole-number-range", range))
            })
        })
        .transpose()
}

/// A State-code parameter (alpha-3, any case).
pub fn state_param(field: &str, value: Option<&str>) -> AppResult<Option<String>> {
    value
        .map(|v| {
            let code = v.trim().to_ascii_uppercase();
            crate::domain::catalog::Catalog::shipped()
                .state(&code)
                .map(|s| s.code.clone())
                .ok_or_else(|| AppError::bad_param(field, Said::new("field-unknown-state", vec![("code", v.into())])))
        })
        .transpose()
}

/// A theme parameter: a slug, or free text that resolves to one theme.
pub fn theme_param(field: &str, value: Option<&str>) -> AppResult<Option<String>> {
    let Some(value) = value else { return Ok(None) };
    let mut checks = crate::domain::validate::Checks::new();
    let slugs = checks.themes(field, &[value.to_string()]);
    match (checks.finish(), slugs.into_iter().next()) {
        (Ok(()), Some(slug)) => Ok(Some(slug)),
        (Err(AppError::Validation(errors)), _) => Err(AppError::BadRequest {
            detail: format!("query parameter '{field}' is not valid"),
            errors: errors.into_iter().map(|e| FieldError { field: field.to_string(), ..e }).collect(),
        }),
        (other, _) => other.map(|_| None),
    }
}

/// The States of a `region` parameter: M49 code or name, or UN regional group.
pub fn region_param(field: &str, value: Option<&str>) -> AppResult<Option<(String, Vec<String>)>> {
    value
        .map(|v| {
            crate::domain::catalog::Catalog::shipped().area(v).map(|a| (a.code.clone(), a.states.clone())).ok_or_else(
                || AppError::bad_param(field, Said::new("field-unknown-region-param", vec![("region", v.into())])),
            )
        })
        .transpose()
}

/// A State filter combined with a region filter: the State if it is in the region, else none.
pub fn state_or_region(state: Option<String>, region: Option<(String, Vec<String>)>) -> Option<Vec<String>> {
    match (state, region) {
        (None, None) => None,
        (Some(s), None) => Some(vec![s]),
        (None, Some((_, members))) => Some(members),
        (Some(s), Some((_, members))) => Some(if members.contains(&s) { vec![s] } else { vec![] }),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Query {
        q: String,
        limit: Option<String>,
    }

    #[test]
    fn empty_parameters_are_left_out_and_bad_ones_named() {
        let given: Params<Query> = given_params("q=x&limit=&").unwrap();
        assert_eq!((given.q.as_str(), given.limit.as_deref()), ("x", None));
        let field = |query: &str| match given_params::<Query>(query) {
            Err(AppError::BadRequest { errors, .. }) => (errors[0].field.clone(), errors[0].message.clone()),
            other => panic!("{:?}", other.map(|p| p.into_inner())),
        };
        assert_eq!(field("q=&limit=3"), ("q".into(), "is required".into()));
        assert_eq!(
            field("q=x&colour=red"),
            ("colour".into(), "is not a parameter of this operation; it takes q or limit".into())
        );
    }
}

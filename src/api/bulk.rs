//! Bulk bodies (offers, requests, consent decisions from scripts and spreadsheets): a JSON
//! array, NDJSON (one item per line) or CSV (a header row naming the fields). Each item is
//! decoded on its own and then checked, so every problem of every item, of shape or of rule,
//! is reported in one answer, each named by the item's place (`[3].title`, `line 5: themes`).

use actix_web::HttpRequest;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{http, idempotent};
use crate::domain::csv_rows::{self, Column};
use crate::error::{named, AppError, AppResult, Arg, FieldError, Said};
use crate::service::write::Idempotency;

/// The forms a bulk body comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Json,
    Ndjson,
    Csv,
}

impl Form {
    /// The form the request's Content-Type names (415 for any other).
    pub fn of(req: &HttpRequest) -> AppResult<Form> {
        http::require_content_type(
            req,
            &["application/json", "application/x-ndjson", "text/csv"],
            "a JSON array (application/json), NDJSON (application/x-ndjson) or CSV (text/csv)",
        )?;
        Ok(match http::media_type(req).as_deref() {
            Some("application/x-ndjson") => Form::Ndjson,
            Some("text/csv") => Form::Csv,
            _ => Form::Json,
        })
    }
}

/// A bulk body as received: its form (from Content-Type: 415 for another), its bytes (413 over
/// the import limit), and its `Idempotency-Key` claim for `endpoint`.
pub async fn received(
    req: &HttpRequest,
    payload: &mut actix_web::web::Payload,
    limit: usize,
    endpoint: &'static str,
) -> AppResult<(Form, actix_web::web::Bytes, Option<Idempotency>)> {
    let form = Form::of(req)?;
    let body = http::read_body(req, payload, limit).await?;
    let once = idempotent::claim(req, endpoint, &body)?;
    Ok((form, body, once))
}

/// How a CSV of items reads: its columns, and those it must have.
pub struct CsvShape {
    pub columns: &'static [Column],
    pub required: &'static [&'static str],
}

/// One item of a bulk body: its place, what decoded of it (`None` when a required field did
/// not), and the fields that did not.
struct Item<T> {
    at: String,
    decoded: Option<T>,
    problems: Vec<FieldError>,
}

/// What a bulk body holds: the items that passed their checks, in order with their places, and
/// the problems of the others (each named by its place), for the checks that need storage to add
/// to before anything is answered.
pub struct Checked<F> {
    pub items: Vec<(String, F)>,
    pub problems: Vec<FieldError>,
}

impl<F> Checked<F> {
    /// The items, when no item had a problem.
    pub fn all_good(self) -> AppResult<Vec<(String, F)>> {
        if self.problems.is_empty() {
            Ok(self.items)
        } else {
            Err(AppError::Validation(self.problems))
        }
    }
}

/// Decodes every item of `body` and checks each with `check`, all items of at most `max`.
pub fn checked<T, F>(
    body: &[u8],
    form: Form,
    shape: &CsvShape,
    max: usize,
    check: impl Fn(T) -> AppResult<F>,
) -> AppResult<Checked<F>>
where
    T: DeserializeOwned,
{
    let items: Vec<Item<T>> = match form {
        Form::Json => json_items(body)?,
        Form::Ndjson => ndjson_items(body)?,
        Form::Csv => csv_items(body, shape)?,
    };
    if items.is_empty() {
        return Err(AppError::invalid("body", Said::of("field-at-least-one-item")));
    }
    if items.len() > max {
        return Err(AppError::invalid(
            "body",
            Said::new("field-at-most-items-call", vec![("max", Arg::Number(max as i64))]),
        ));
    }
    let mut good = Vec::with_capacity(items.len());
    let mut problems = Vec::new();
    for item in items {
        let mut found = item.problems;
        if let Some(decoded) = item.decoded {
            match check(decoded) {
                Ok(checked) if found.is_empty() => good.push((item.at.clone(), checked)),
                Ok(_) => {}
                // A field refused for its shape is not named again for what it then lacks.
                Err(AppError::Validation(rules)) => {
                    let shaped: Vec<String> = found.iter().map(|p| p.field.clone()).collect();
                    found.extend(rules.into_iter().filter(|r| !shaped.contains(&r.field)));
                }
                Err(AppError::Forbidden(why)) => return Err(AppError::Forbidden(why.at(&item.at))),
                Err(other) => return Err(other),
            }
        }
        problems.extend(named(&item.at, found));
    }
    Ok(Checked { items: good, problems })
}

/// The decoding of one JSON value as an item at `at`.
fn item<T: DeserializeOwned>(at: String, value: Value) -> Item<T> {
    let (decoded, problems) = http::decode_value(value);
    Item { at, decoded, problems }
}

fn json_items<T: DeserializeOwned>(body: &[u8]) -> AppResult<Vec<Item<T>>> {
    match http::decode_json::<Value>(body)? {
        Value::Array(values) => Ok(values.into_iter().enumerate().map(|(i, v)| item(format!("[{i}]"), v)).collect()),
        _ => Err(AppError::invalid("body", Said::of("field-json-array"))),
    }
}

fn ndjson_items<T: DeserializeOwned>(body: &[u8]) -> AppResult<Vec<Item<T>>> {
    let text = std::str::from_utf8(body).map_err(|e| {
        let detail = format!("the body is not valid UTF-8 (byte {})", e.valid_up_to());
        AppError::unreadable("body", detail, Said::of("field-invalid-utf8"))
    })?;
    let lines = text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty());
    lines
        .enumerate()
        .map(|(i, (line, json))| {
            let at = format!("[{i}]");
            match http::decode_json::<Value>(json.as_bytes()) {
                Ok(value) => Ok(item(at, value)),
                Err(AppError::BadRequest { detail, .. }) => {
                    Err(AppError::unreadable(at, format!("line {}: {detail}", line + 1), Said::of("field-json-object")))
                }
                Err(AppError::Validation(errors)) => Err(AppError::Validation(named(&at, errors))),
                Err(other) => Err(other),
            }
        })
        .collect()
}

/// Each CSV row, read as the JSON object of an item; its cells that cannot be read are among
/// its problems, and the rest is decoded and checked as a JSON item is.
fn csv_items<T: DeserializeOwned>(body: &[u8], shape: &CsvShape) -> AppResult<Vec<Item<T>>> {
    let rows = csv_rows::json_rows(body, shape.columns, shape.required)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let decoded: Item<T> = item(format!("line {}", row.line), Value::Object(row.object));
            let mut problems = row.problems;
            let unread: Vec<String> = problems.iter().map(|p| p.field.clone()).collect();
            // A required cell that could not be read is not named again as missing.
            problems.extend(decoded.problems.into_iter().filter(|p| !unread.contains(&p.field)));
            Item { problems, ..decoded }
        })
        .collect())
}

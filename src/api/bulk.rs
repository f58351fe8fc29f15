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
    // Counted before any item is decoded: a body of millions of tiny items is refused in one
    // pass over its bytes, not after building every item and its problems.
    if count_items(body, form) > max {
        return Err(AppError::invalid(
            "body",
            Said::new("field-at-most-items-call", vec![("max", Arg::Number(max as i64))]),
        ));
    }
    let items: Vec<Item<T>> = match form {
        Form::Json => json_items(body)?,
        Form::Ndjson => ndjson_items(body)?,
        Form::Csv => csv_items(body, shape)?,
    };
    if items.is_empty() {
        return Err(AppError::invalid("body", Said::of("field-at-least-one-item")));
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

/// How many items `body` holds, read without decoding any: the values of a JSON array, the
/// lines of NDJSON that are not blank, the rows of a CSV after its header. Exact for a
/// well-formed body; a malformed one is refused by its decoding afterwards.
fn count_items(body: &[u8], form: Form) -> usize {
    match form {
        Form::Json => json_array_len(body),
        Form::Ndjson => body.split(|&b| b == b'\n').filter(|line| !line.trim_ascii().is_empty()).count(),
        Form::Csv => {
            let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(body);
            let mut record = csv::ByteRecord::new();
            let mut rows = 0;
            while reader.read_byte_record(&mut record).unwrap_or(false) {
                rows += 1;
            }
            rows
        }
    }
}

/// The number of values in the JSON array `body` is (0 when it is not an array), by counting
/// the commas outside strings at its top level.
fn json_array_len(body: &[u8]) -> usize {
    if body.trim_ascii_start().first() != Some(&b'[') {
        return 0;
    }
    let (mut depth, mut in_string, mut escaped, mut commas, mut any) = (0usize, false, false, 0usize, false);
    for &b in body {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'[' | b'{' => {
                any |= depth == 1;
                depth += 1;
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 1 => commas += 1,
            b'"' => {
                any |= depth == 1;
                in_string = true;
            }
            _ if depth == 1 && !b.is_ascii_whitespace() => any = true,
            _ => {}
        }
    }
    if any {
        commas + 1
    } else {
        0
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_counted_without_decoding_them() {
        let json = |text: &str| count_items(text.as_bytes(), Form::Json);
        assert_eq!(json("[]"), 0);
        assert_eq!(json(" [ ] "), 0);
        assert_eq!(json("[0]"), 1);
        assert_eq!(json(r#"[{"a": [1, 2], "b": "x, y"}, "q\",", [3, {"c": ","}], null]"#), 4);
        assert_eq!(json(r#"{"a": 1, "b": 2}"#), 0, "not an array");
        assert_eq!(json(&format!("[{}0]", "0,".repeat(2_000_000))), 2_000_001);
        assert_eq!(count_items(b"{\"a\":1}\n\n  \r\n{\"a\":2}\r\n", Form::Ndjson), 2);
        assert_eq!(count_items(b"title,themes\n\"a,\nb\",x\nc,y\n", Form::Csv), 2);
        assert_eq!(count_items(b"title\n", Form::Csv), 0);
    }
}

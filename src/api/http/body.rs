//! Request bodies: the JSON body extractor (size limit, media type, UTF-8, NUL characters, and
//! the error of the exact field that is wrong), and reading any body within a limit.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::web::{Bytes, BytesMut};
use actix_web::{FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use crate::api::AppState;
use crate::domain::validate::RuleChecks;
use crate::error::{shape_then_rules, AppError, AppResult, Arg, FieldError, Said};
use crate::service::update::Asked;

/// A JSON request body, decoded with the error of the exact field that is wrong, and its bytes
/// (which an `Idempotency-Key` retry must repeat).
pub struct JsonBody<T>(pub T, pub Bytes);

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            require_content_type(&req, &["application/json"], "application/json")?;
            let limit = req.app_data::<actix_web::web::Data<AppState>>().map_or(1 << 20, |s| s.limits.json_body_bytes);
            let bytes = read_body(&req, &mut payload, limit).await?;
            decode_json(&bytes).map(|body| JsonBody(body, bytes))
        })
    }
}

/// A JSON body decoded like [`JsonBody`], for new records: when some fields have the wrong
/// shape, the rest is still checked ([`RuleChecks`]) and every problem is answered at once.
pub struct CheckedBody<T>(pub T, pub Bytes);

impl<T: DeserializeOwned + RuleChecks + 'static> FromRequest for CheckedBody<T> {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = JsonBody::<serde_json::Value>::from_request(req, payload);
        Box::pin(async move {
            let JsonBody(value, bytes) = body.await?;
            match decode_value::<T>(value) {
                (Some(decoded), problems) if problems.is_empty() => Ok(CheckedBody(decoded, bytes)),
                (Some(decoded), problems) => {
                    Err(AppError::Validation(shape_then_rules(problems, decoded.rule_problems())))
                }
                (None, problems) => Err(AppError::Validation(problems)),
            }
        })
    }
}

/// A JSON body of changes decoded like [`JsonBody`], except that fields of the wrong shape are
/// left out and named instead of refused at once: the use case reports them together with every
/// rule the rest breaks against the stored record, and writes nothing.
pub struct ChangesBody<T>(pub Asked<T>);

impl<T: DeserializeOwned + 'static> FromRequest for ChangesBody<T> {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = JsonBody::<serde_json::Value>::from_request(req, payload);
        Box::pin(async move {
            let JsonBody(value, _) = body.await?;
            match decode_value::<T>(value) {
                (Some(changes), unreadable) => Ok(ChangesBody(Asked { changes, unreadable })),
                (None, problems) => Err(AppError::Validation(problems)),
            }
        })
    }
}

/// Fails with 415 unless the request's media type is one of `accepted` (or a `+json` type when
/// JSON is accepted). A missing Content-Type is taken as the first accepted type.
pub fn require_content_type(req: &HttpRequest, accepted: &[&str], name: &str) -> AppResult<()> {
    let Some(media) = media_type(req) else { return Ok(()) };
    let json_like = accepted.contains(&"application/json") && media.ends_with("+json");
    if accepted.contains(&media.as_str()) || json_like {
        Ok(())
    } else {
        Err(AppError::UnsupportedMediaType(Said::new(
            "media-type",
            vec![("expected", name.into()), ("got", media.into())],
        )))
    }
}

/// The request's media type, lowercased, without parameters (`None` without a Content-Type).
pub fn media_type(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::CONTENT_TYPE)?;
    Some(value.to_str().unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase())
}

/// Reads the whole body, failing with 413 as soon as it exceeds `limit` bytes.
pub async fn read_body<S, E>(req: &HttpRequest, payload: &mut S, limit: usize) -> AppResult<Bytes>
where
    S: futures_util::Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let too_large =
        || AppError::PayloadTooLarge(Said::new("payload-too-large", vec![("limit", Arg::Number(limit as i64))]));
    let declared =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut body = BytesMut::with_capacity(declared.unwrap_or(0).min(limit));
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| {
            let why = e.to_string();
            AppError::unreadable(
                "body",
                format!("the body could not be read: {why}"),
                Said::new("detail-body-unreadable", vec![("why", why.into())]),
            )
        })?;
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// Decodes JSON: 400 for bytes that are not JSON, 422 naming the field for JSON of the wrong
/// shape (wrong type, unknown enum value, missing or unknown field).
pub fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> AppResult<T> {
    if let Err(e) = std::str::from_utf8(bytes) {
        let detail = format!("the body is not valid UTF-8 (byte {})", e.valid_up_to());
        return Err(AppError::unreadable("body", detail, Said::of("field-invalid-utf8")));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(AppError::unreadable(
            "body",
            "the body is empty; send a JSON object",
            Said::of("field-empty-body"),
        ));
    }
    // A NUL can only arrive escaped (`\u0000`); look for where only when the bytes say so.
    if bytes.windows(6).any(|w| w == b"\\u0000") {
        let mut fields = Vec::new();
        if let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) {
            nul_fields(&value, String::new(), &mut fields);
        }
        if !fields.is_empty() {
            return Err(AppError::Validation(
                fields.into_iter().map(|f| FieldError::said(f, Said::of("field-nul"))).collect(),
            ));
        }
    }
    // A body of the right shape decodes straight from its bytes; only one that is not is read
    // again as a JSON value, to name every field at fault.
    match serde_json::from_slice::<T>(bytes) {
        Ok(decoded) => return Ok(decoded),
        Err(e) if e.classify() != serde_json::error::Category::Data => return Err(malformed(&e)),
        Err(_) => {}
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| malformed(&e))?;
    match decode_value(value) {
        (Some(decoded), problems) if problems.is_empty() => Ok(decoded),
        (_, problems) => Err(AppError::Validation(problems)),
    }
}

/// Decodes a JSON value, reporting every field of the wrong shape, not only the first: a field
/// that does not decode is named, left out (a required text field: left empty), and the rest
/// decoded again (at most 100 times). The value, when what is left still decodes, and the
/// problems (a value with problems is for further checks only, never to be stored).
pub fn decode_value<T: DeserializeOwned>(mut value: serde_json::Value) -> (Option<T>, Vec<FieldError>) {
    let mut problems: Vec<FieldError> = Vec::new();
    let mut stood_in: Vec<String> = Vec::new();
    for _ in 0..100 {
        let err = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(decoded) => return (Some(decoded), problems),
            Err(err) => err,
        };
        let path = err.path().to_string();
        let message = strip_position(&err.into_inner().to_string());
        let field = field_of(&path, &message);
        // A required field left out after its value was refused: already said. A text field at
        // the top gets an empty stand-in, so the rest can still be decoded and checked (the
        // answer is an error anyway: the stand-in never reaches a record).
        let said = |p: &FieldError| {
            p.field.strip_prefix(field.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with(['[', '.']))
        };
        if problems.iter().any(said) {
            let top_level = path == "." && !field.contains(['.', '[']);
            match value.as_object_mut() {
                Some(members) if top_level && !stood_in.contains(&field) => {
                    members.insert(field.clone(), serde_json::Value::String(String::new()));
                    stood_in.push(field);
                    continue;
                }
                _ => break,
            }
        }
        problems.push(humane(field, &message));
        if !leave_out(&mut value, &path) {
            break;
        }
    }
    (None, problems)
}

/// Removes the member of an object that `path` (`tags[1]`, `[2].title`, `.`) runs through last,
/// so the rest can be decoded again; false when there is none to remove.
fn leave_out(value: &mut serde_json::Value, path: &str) -> bool {
    let mut steps: Vec<Result<String, usize>> = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, indices) = part.split_once('[').map_or((part, ""), |(n, rest)| (n, rest));
        if !name.is_empty() {
            steps.push(Ok(name.to_string()));
        }
        for index in indices.split('[').filter(|i| !i.is_empty()) {
            match index.trim_end_matches(']').parse() {
                Ok(i) => steps.push(Err(i)),
                Err(_) => return false,
            }
        }
    }
    let Some(last_key) = steps.iter().rposition(Result::is_ok) else { return false };
    let mut at = value;
    for step in &steps[..last_key] {
        at = match (step, at) {
            (Ok(name), serde_json::Value::Object(members)) => match members.get_mut(name) {
                Some(next) => next,
                None => return false,
            },
            (Err(i), serde_json::Value::Array(items)) => match items.get_mut(*i) {
                Some(next) => next,
                None => return false,
            },
            _ => return false,
        };
    }
    match (&steps[last_key], at) {
        (Ok(name), serde_json::Value::Object(members)) => members.remove(name).is_some(),
        _ => false,
    }
}

/// The fields (as `themes[0]`, `[2].title`) whose strings hold a NUL character.
fn nul_fields(value: &serde_json::Value, path: String, out: &mut Vec<String>) {
    use serde_json::Value;
    match value {
        Value::String(s) if s.contains('\0') => out.push(if path.is_empty() { "body".into() } else { path }),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                nul_fields(item, format!("{path}[{i}]"), out);
            }
        }
        Value::Object(fields) => {
            for (name, item) in fields {
                let at = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
                nul_fields(item, at, out);
            }
        }
        _ => {}
    }
}

fn malformed(err: &serde_json::Error) -> AppError {
    let why = strip_position(&err.to_string());
    AppError::unreadable(
        "body",
        format!("the body is not valid JSON: {err}"),
        Said::new("field-not-json", vec![("why", why.into())]),
    )
}

/// serde reports a missing field at the enclosing object; name the field itself.
fn field_of(path: &str, message: &str) -> String {
    let missing = message.strip_prefix("missing field `").and_then(|rest| rest.split('`').next());
    match (path, missing) {
        (".", Some(name)) => name.to_string(),
        (_, Some(name)) => format!("{path}.{name}"),
        (".", None) => "body".to_string(),
        (_, None) => path.to_string(),
    }
}

/// A decoding problem in words for people ("use the date format YYYY-MM-DD", not "input
/// contains invalid characters"; "a whole number", not "expected i64"), from serde's message;
/// a message it does not know stays as it is.
fn humane(field: String, message: &str) -> FieldError {
    let quoted = |text: &str| -> String { text.split('`').skip(1).step_by(2).collect::<Vec<_>>().join(", ") };
    let said = |id: &'static str, args: Vec<(&'static str, Arg)>| Some(Said::new(id, args));
    let expected = message.rsplit_once(", expected ").map(|(_, e)| e);
    let whole = ["i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "usize", "isize"];
    let said = if message.starts_with("missing field `") {
        said("field-required", vec![])
    } else if let Some(rest) = message.strip_prefix("unknown field `") {
        let fields = rest.split_once(", expected").map_or(String::new(), |(_, listed)| quoted(listed));
        said("field-unknown-field", vec![("fields", fields.into())])
    } else if let Some(rest) = message.strip_prefix("unknown variant `") {
        let values = rest.split_once(", expected").map_or(String::new(), |(_, listed)| quoted(listed));
        said("field-one-of", vec![("values", values.into())])
    } else if message == crate::service::update::CANNOT_BE_CLEARED {
        said("field-cannot-be-cleared", vec![])
    } else if message == "input is out of range" {
        said("field-no-such-day", vec![])
    } else if CHRONO_DATE_ERRORS.contains(&message) || expected.is_some_and(|e| e.contains("date")) {
        said("field-date", vec![])
    } else {
        match expected {
            Some(e) if whole.contains(&e) && field.ends_with("_usd") => said("field-usd", vec![]),
            Some(e) if whole.contains(&e) => said("field-whole-number", vec![]),
            Some("f32" | "f64") => said("field-number", vec![]),
            Some("a string" | "a borrowed string") => said("field-text", vec![]),
            Some("a boolean") => said("field-boolean", vec![]),
            Some("a sequence") => said("field-list", vec![]),
            Some(e) if e.starts_with("struct") || e == "a map" => said("field-object", vec![]),
            _ => None,
        }
    };
    match said {
        Some(said) => FieldError::said(field, said),
        None => FieldError::new(field, message),
    }
}

/// What chrono says of a date it cannot read (of a day that does not exist, apart).
const CHRONO_DATE_ERRORS: [&str; 5] = [
    "input contains invalid characters",
    "premature end of input",
    "trailing input",
    "input is not enough for unique date and time",
    "no possible date and time matching input",
];

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Body {
        title: String,
        tags: Vec<u8>,
    }

    fn error_field(json: &str) -> (u16, String) {
        use actix_web::ResponseError;
        let err = decode_json::<Body>(json.as_bytes()).unwrap_err();
        let problem = err.to_problem();
        (err.status_code().as_u16(), problem.errors.first().map(|e| e.field.clone()).unwrap_or_default())
    }

    #[test]
    fn decodes_a_valid_body() {
        let body: Body = decode_json(br#"{"title": "a", "tags": [1, 2]}"#).unwrap();
        assert_eq!((body.title.as_str(), body.tags), ("a", vec![1, 2]));
    }

    #[test]
    fn nul_characters_are_refused_by_field() {
        let err = decode_json::<Body>(br#"{"title": "a\u0000b", "tags": [1]}"#).unwrap_err();
        let AppError::Validation(errors) = err else { panic!("expected 422, got {err:?}") };
        assert_eq!(errors[0].field, "title");
        let in_array = decode_json::<Vec<Body>>(br#"[{"title": "ok", "tags": []}, {"title": "\u0000", "tags": []}]"#);
        let Err(AppError::Validation(errors)) = in_array else { panic!("expected 422") };
        assert_eq!(errors[0].field, "[1].title");
        let body: Body = decode_json(br#"{"title": "a\\u0000b", "tags": []}"#).unwrap();
        assert_eq!(body.title, "a\\u0000b", "an escaped backslash before 'u0000' is plain text");
    }

    #[test]
    fn every_field_of_the_wrong_shape_is_named_at_once() {
        let Err(AppError::Validation(errors)) =
            decode_json::<Body>(br#"{"title": 1, "tags": ["x"], "id": 3, "more": true}"#)
        else {
            panic!("expected 422")
        };
        let mut fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        fields.sort();
        assert_eq!(fields, ["id", "more", "tags[0]", "title"], "{errors:?}");
        let Err(AppError::Validation(errors)) =
            decode_json::<Vec<Body>>(br#"[{"title": "a", "tags": [300]}, {"title": [], "tags": []}]"#)
        else {
            panic!("expected 422")
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["[0].tags[0]"], "a required field refused is said once: {errors:?}");
    }

    #[test]
    fn decoding_problems_speak_to_people() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Plan {
            starts_on: Option<chrono::NaiveDate>,
            budget_usd: Option<i64>,
            people: Option<u32>,
            share: Option<f64>,
            open: Option<bool>,
            tags: Option<Vec<String>>,
            title: Option<String>,
        }
        let body = serde_json::json!({"starts_on": "31/12/2027", "budget_usd": "12,000", "people": -3, "share": "half",
            "open": "yes", "tags": "a", "title": 5, "colour": 1});
        let (_, problems) = decode_value::<Plan>(body);
        let said: Vec<(&str, &str)> = problems.iter().map(|p| (p.field.as_str(), p.message.as_str())).collect();
        let message = |field: &str| said.iter().find(|(f, _)| *f == field).map(|(_, m)| *m).unwrap_or_default();
        assert_eq!(message("starts_on"), "use the date format YYYY-MM-DD (e.g. 2027-03-31)");
        assert!(message("budget_usd").starts_with("must be a whole number of US dollars"), "{said:?}");
        assert!(message("people").starts_with("must be a whole number"), "{said:?}");
        assert!(message("share").starts_with("must be a number"), "{said:?}");
        assert_eq!(message("open"), "must be true or false");
        assert!(message("tags").starts_with("must be a list"), "{said:?}");
        assert!(message("title").starts_with("must be text"), "{said:?}");
        assert!(message("colour").contains("starts_on, budget_usd"), "{said:?}");
        assert!(said.iter().all(|(_, m)| !m.contains("expected") && !m.contains("invalid")), "{said:?}");
    }

    #[test]
    fn decode_errors_name_the_field() {
        assert_eq!(error_field(r#"{"title": 1, "tags": []}"#), (422, "title".into()));
        assert_eq!(error_field(r#"{"title": "a", "tags": [1, "x"]}"#), (422, "tags[1]".into()));
        assert_eq!(error_field(r#"{"tags": []}"#), (422, "title".into()));
        assert_eq!(error_field(r#"{"title": "a", "tags": [], "id": 3}"#), (422, "id".into()));
        assert_eq!(error_field(r#"{"title": "a""#).0, 400);
        assert_eq!(error_field(r#"{"title": "a", "tags": []} x"#).0, 400);
        assert_eq!(error_field("").0, 400);
    }
}

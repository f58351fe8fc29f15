//! HTTP plumbing every resource uses: the JSON body extractor (size limit, UTF-8, field-level
//! decode errors), conditional requests (ETag / If-None-Match / If-Match), list paging and
//! query-parameter parsing.

use actix_web::dev::Payload;
use actix_web::http::{header, StatusCode};
use actix_web::web::{Bytes, BytesMut};
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDateTime};
use futures_util::future::LocalBoxFuture;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use serde::Serialize;
use utoipa::ToSchema;

use super::AppState;
use crate::db::page::{PageOf, PageRequest};
use crate::domain::csv_rows::NUL_MESSAGE;
use crate::domain::fnv::fnv1a;
use crate::domain::ids;
use crate::error::{AppError, AppResult, FieldError};
use crate::service::update::IfMatch;

/// Default and maximum page sizes of every list.
pub const DEFAULT_PAGE_SIZE: i64 = 50;
pub const MAX_PAGE_SIZE: i64 = 200;

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
        AppError::bad_param(field, "is required")
    } else if let Some(field) = named("unknown field `") {
        let expected = message
            .split_once("expected ")
            .map_or(String::new(), |(_, e)| e.trim_start_matches("one of ").replace('`', ""));
        AppError::bad_param(field, format!("is not a parameter of this operation; it takes {expected}"))
    } else {
        AppError::BadRequest {
            detail: format!("the query parameters are not valid: {message}"),
            errors: vec![FieldError::new("query", message)],
        }
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
        Err(AppError::UnsupportedMediaType(format!("send the body as {name} (got '{media}')")))
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
    let too_large = || AppError::PayloadTooLarge(format!("the body may be at most {limit} bytes"));
    let declared =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut body = BytesMut::with_capacity(declared.unwrap_or(0).min(limit));
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|e| AppError::BadRequest { detail: format!("cannot read the body: {e}"), errors: vec![] })?;
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
        return Err(AppError::BadRequest {
            detail: format!("the body is not valid UTF-8 (byte {})", e.valid_up_to()),
            errors: vec![FieldError::new("body", "invalid UTF-8")],
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(AppError::BadRequest {
            detail: "the body is empty; send a JSON object".into(),
            errors: vec![FieldError::new("body", "empty")],
        });
    }
    // A NUL can only arrive escaped (`\u0000`); look for where only when the bytes say so.
    if bytes.windows(6).any(|w| w == b"\\u0000") {
        let mut fields = Vec::new();
        if let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) {
            nul_fields(&value, String::new(), &mut fields);
        }
        if !fields.is_empty() {
            return Err(AppError::Validation(fields.into_iter().map(|f| FieldError::new(f, NUL_MESSAGE)).collect()));
        }
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let message = strip_position(&inner.to_string());
        match inner.classify() {
            serde_json::error::Category::Data => {
                AppError::Validation(vec![FieldError::new(field_of(&path, &message), message)])
            }
            _ => malformed(&inner),
        }
    })?;
    de.end().map_err(|e| malformed(&e))?;
    Ok(value)
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
    AppError::BadRequest {
        detail: format!("the body is not valid JSON: {err}"),
        errors: vec![FieldError::new("body", strip_position(&err.to_string()))],
    }
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

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The strong ETag of a versioned resource.
pub fn version_etag(version: i64) -> String {
    format!("\"v{version}\"")
}

/// A JSON response with an ETag (the given one, or a hash of the body), answering
/// `If-None-Match` with 304 and no body.
pub fn json_response<T: Serialize>(
    req: &HttpRequest,
    status: StatusCode,
    body: &T,
    etag: Option<String>,
) -> AppResult<HttpResponse> {
    let bytes = serde_json::to_vec(body).map_err(AppError::internal)?;
    let etag = etag.unwrap_or_else(|| format!("\"{:016x}\"", fnv1a(&bytes)));
    if let Some(unchanged) = not_modified(req, &etag).filter(|_| status == StatusCode::OK) {
        return Ok(unchanged);
    }
    Ok(HttpResponse::build(status)
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .content_type("application/json")
        .body(bytes))
}

/// A versioned resource: its ETag is its version.
pub fn versioned<T: Serialize>(
    req: &HttpRequest,
    status: StatusCode,
    version: i64,
    body: &T,
) -> AppResult<HttpResponse> {
    json_response(req, status, body, Some(version_etag(version)))
}

/// Like [`versioned`] with 201 Created and a `Location`.
pub fn created<T: Serialize>(req: &HttpRequest, location: String, version: i64, body: &T) -> AppResult<HttpResponse> {
    let mut res = versioned(req, StatusCode::CREATED, version, body)?;
    let value = header::HeaderValue::from_str(&location).map_err(AppError::internal)?;
    res.headers_mut().insert(header::LOCATION, value);
    Ok(res)
}

/// 304 when the request's `If-None-Match` names `etag`, so an unchanged answer is not rebuilt.
pub fn not_modified(req: &HttpRequest, etag: &str) -> Option<HttpResponse> {
    none_match(req, etag).then(|| {
        HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .insert_header((header::CACHE_CONTROL, "no-cache"))
            .finish()
    })
}

fn none_match(req: &HttpRequest, etag: &str) -> bool {
    let bare = etag.trim_start_matches("W/");
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(',').map(str::trim).any(|tag| tag == "*" || tag.trim_start_matches("W/") == bare))
}

/// The `If-Match` tags; an update without them is refused (428) so nobody overwrites blindly.
pub fn if_match(req: &HttpRequest) -> AppResult<IfMatch> {
    let tags: Vec<String> = req
        .headers()
        .get_all(header::IF_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    if tags.is_empty() {
        Err(AppError::PreconditionRequired)
    } else {
        Ok(IfMatch(tags))
    }
}

/// The `Idempotency-Key` header, if sent: 1-200 printable ASCII characters.
pub fn idempotency_key(req: &HttpRequest) -> AppResult<Option<String>> {
    let Some(value) = req.headers().get("Idempotency-Key") else { return Ok(None) };
    let key = value.to_str().unwrap_or("").trim();
    if key.is_empty() || key.len() > 200 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(AppError::BadRequest {
            detail: "the Idempotency-Key header must be 1 to 200 printable characters".into(),
            errors: vec![FieldError::new("Idempotency-Key", "1 to 200 printable ASCII characters")],
        });
    }
    Ok(Some(key.to_string()))
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// How many items match the filters, over all pages.
    pub total: i64,
    pub limit: i64,
}

impl<T> Page<T> {
    pub fn from_rows<R>(
        page: PageOf<R>,
        request: &PageRequest,
        view: impl FnMut(R) -> AppResult<T>,
    ) -> AppResult<Self> {
        Ok(Page {
            items: page.rows.into_iter().map(view).collect::<AppResult<_>>()?,
            next_cursor: page.next_after.as_deref().map(ids::encode_cursor),
            total: page.total,
            limit: request.limit,
        })
    }
}

/// `limit` and `cursor` of a list call, checked.
pub fn page_request(limit: Option<&str>, cursor: Option<&str>, id_prefix: &str) -> AppResult<PageRequest> {
    let limit = match limit {
        None => DEFAULT_PAGE_SIZE,
        Some(text) => {
            text.trim().parse::<i64>().ok().filter(|n| (1..=MAX_PAGE_SIZE).contains(n)).ok_or_else(|| {
                AppError::bad_param("limit", format!("must be a whole number from 1 to {MAX_PAGE_SIZE}"))
            })?
        }
    };
    let after = cursor.map(|c| ids::decode_cursor(c, id_prefix)).transpose()?;
    Ok(PageRequest { limit, after })
}

/// An RFC 3339 timestamp parameter, as stored (UTC, naive).
pub fn timestamp_param(field: &str, value: Option<&str>) -> AppResult<Option<NaiveDateTime>> {
    value
        .map(|v| {
            DateTime::parse_from_rfc3339(v.trim())
                .map(|t| t.naive_utc())
                .map_err(|_| AppError::bad_param(field, "must be an RFC 3339 timestamp, e.g. 2026-01-31T00:00:00Z"))
        })
        .transpose()
}

/// The words of a `q` text search: at most 10, each of at most 100 characters.
pub fn search_words(field: &str, value: Option<&str>) -> AppResult<Vec<String>> {
    let words: Vec<String> = value.unwrap_or("").split_whitespace().map(str::to_string).collect();
    if words.len() > 10 || words.iter().any(|w| w.chars().count() > 100) {
        return Err(AppError::bad_param(field, "at most 10 words of at most 100 characters"));
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
    value
        .map(|v| parse(v.trim()).ok_or_else(|| AppError::bad_param(field, format!("must be one of {}", expected()))))
        .transpose()
}

/// An integer parameter in a range.
pub fn int_param(field: &str, value: Option<&str>, min: i32, max: i32) -> AppResult<Option<i32>> {
    value
        .map(|v| {
            v.trim()
                .parse::<i32>()
                .ok()
                .filter(|n| (min..=max).contains(n))
                .ok_or_else(|| AppError::bad_param(field, format!("must be a whole number from {min} to {max}")))
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
                .ok_or_else(|| AppError::bad_param(field, format!("unknown State code '{v}'")))
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
            errors: errors.into_iter().map(|e| FieldError::new(field, e.message)).collect(),
        }),
        (other, _) => other.map(|_| None),
    }
}

/// The States of a `region` parameter: M49 code or name, or UN regional group.
pub fn region_param(field: &str, value: Option<&str>) -> AppResult<Option<(String, Vec<String>)>> {
    value
        .map(|v| {
            crate::domain::catalog::Catalog::shipped()
                .area(v)
                .map(|a| (a.code.clone(), a.states.clone()))
                .ok_or_else(|| {
                    AppError::bad_param(
                        field,
                        format!("unknown region '{v}' (use an M49 code or name such as 002 or Africa, or a UN regional group: african, asia_pacific, eeg, grulac, weog)"),
                    )
                })
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

/// Parses a stored JSON list column; corruption is an internal error, never a client one.
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
    fn decode_errors_name_the_field() {
        assert_eq!(error_field(r#"{"title": 1, "tags": []}"#), (422, "title".into()));
        assert_eq!(error_field(r#"{"title": "a", "tags": [1, "x"]}"#), (422, "tags[1]".into()));
        assert_eq!(error_field(r#"{"tags": []}"#), (422, "title".into()));
        assert_eq!(error_field(r#"{"title": "a", "tags": [], "id": 3}"#), (422, "id".into()));
        assert_eq!(error_field(r#"{"title": "a""#).0, 400);
        assert_eq!(error_field(r#"{"title": "a", "tags": []} x"#).0, 400);
        assert_eq!(error_field("").0, 400);
    }

    #[test]
    fn page_request_checks_limit_and_cursor() {
        assert_eq!(page_request(None, None, "req").unwrap().limit, DEFAULT_PAGE_SIZE);
        assert!(page_request(Some("0"), None, "req").is_err());
        assert!(page_request(Some("201"), None, "req").is_err());
        assert!(page_request(Some("ten"), None, "req").is_err());
        assert!(page_request(None, Some("nope"), "req").is_err());
    }
}

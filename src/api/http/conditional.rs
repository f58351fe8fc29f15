//! Answers and conditional requests: ETags (of a stored version, or of the content), 304 for
//! a current `If-None-Match`, `If-Match` for updates, and the `Idempotency-Key` header.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

use crate::domain::fnv::fnv1a;
use crate::error::{AppError, AppResult, Said};
use crate::service::update::IfMatch;

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
        let detail = "the Idempotency-Key header must be 1 to 200 printable characters";
        return Err(AppError::unreadable("Idempotency-Key", detail, Said::of("field-idempotency-key")));
    }
    Ok(Some(key.to_string()))
}

//! `Idempotency-Key` on creating calls, in HTTP terms: the claim a call makes (its key and a
//! fingerprint of its body), and the answers: 201 for what was created, or the first answer again
//! (`Idempotent-Replayed: true`) for a retry. The write unit (`service::write`) looks the claim up
//! and keeps the answer inside the call's own transaction.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

use super::http;
use crate::domain::fnv::fnv1a;
use crate::error::{AppError, AppResult};
use crate::service::write::{Idempotency, Written};

/// The idempotency claim of a creating call: its `Idempotency-Key`, if sent, with a fingerprint
/// of its body (what a retry must repeat).
pub fn claim(req: &HttpRequest, endpoint: &'static str, body: &[u8]) -> AppResult<Option<Idempotency>> {
    let fingerprint = || format!("{:016x}-{}", fnv1a(body), body.len());
    Ok(http::idempotency_key(req)?.map(|key| Idempotency { endpoint, key, fingerprint: fingerprint() }))
}

/// The answer to a creating call: 201 with `Location` and `ETag` for what `written` created, or
/// the first answer again (`Idempotent-Replayed: true`) for a retry.
pub fn created<T: Serialize>(
    req: &HttpRequest,
    collection: &str,
    written: Written<T>,
    id_and_version: impl FnOnce(&T) -> (&str, i64),
) -> AppResult<HttpResponse> {
    match written {
        Written::Done(item) => {
            let (id, version) = id_and_version(&item);
            http::created(req, format!("{collection}/{id}"), version, &item)
        }
        Written::Replayed { status, body } => replayed(status, body, Some(collection)),
    }
}

/// The first answer to a call, again (`Idempotent-Replayed: true`); for a created item
/// (`collection` given), with its `Location` and `ETag` as first sent.
pub fn replayed(status: u16, body: String, collection: Option<&str>) -> AppResult<HttpResponse> {
    Replayed { status, body }.response(collection)
}

/// The first answer to a call.
struct Replayed {
    status: u16,
    body: String,
}

impl Replayed {
    /// The first answer again; for a created item (`collection` given), with its `Location`
    /// and `ETag` as first sent.
    fn response(self, collection: Option<&str>) -> AppResult<HttpResponse> {
        tracing::info!("replayed an answer for its Idempotency-Key");
        let mut res = HttpResponse::build(StatusCode::from_u16(self.status).map_err(AppError::internal)?);
        res.insert_header(("Idempotent-Replayed", "true"));
        if let Some(collection) = collection {
            let item: serde_json::Value = serde_json::from_str(&self.body).map_err(AppError::internal)?;
            if let (Some(id), Some(version)) = (item["id"].as_str(), item["version"].as_i64()) {
                res.insert_header((header::LOCATION, format!("{collection}/{id}")));
                res.insert_header((header::ETAG, http::version_etag(version)));
            }
        }
        Ok(res.content_type("application/json").body(self.body))
    }
}

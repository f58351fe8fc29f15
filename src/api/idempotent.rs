//! `Idempotency-Key` on creating calls: a retry with the same key and body gets the first answer
//! again (`Idempotent-Replayed: true`) instead of doing the work twice, and the same key with
//! another body gets 422. The answer is looked up and kept inside the call's own transaction, for
//! [`idempotency::KEPT_FOR_HOURS`] hours.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

use super::http;
use crate::db::idempotency::{self, Claim};
use crate::db::DbConn;
use crate::domain::access::Caller;
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

/// One call to a creating endpoint, with the key it was sent with and a fingerprint of its body
/// (what a retry must repeat), when a key was sent.
pub struct Once {
    endpoint: &'static str,
    keyed: Option<(String, String)>,
}

/// The first answer to a call, replayed.
pub struct Replayed {
    status: u16,
    body: String,
}

impl Once {
    pub fn new(req: &HttpRequest, endpoint: &'static str, body: &[u8]) -> AppResult<Once> {
        let fingerprint = || format!("{:016x}-{}", fnv1a(body), body.len());
        Ok(Once { endpoint, keyed: http::idempotency_key(req)?.map(|key| (key, fingerprint())) })
    }

    /// The first answer, if this call was made before (inside the write's transaction).
    pub fn replay(&self, conn: &mut DbConn, caller: &Caller) -> AppResult<Option<Replayed>> {
        let Some(claim) = self.claim(caller)? else { return Ok(None) };
        let stored = idempotency::replay(conn, &claim)?;
        Ok(stored.map(|(status, body)| Replayed { status, body }))
    }

    /// Keeps the answer for retries (inside the write's transaction).
    pub fn remember(&self, conn: &mut DbConn, caller: &Caller, status: StatusCode, body: &str) -> AppResult<()> {
        let Some(claim) = self.claim(caller)? else { return Ok(()) };
        idempotency::remember(conn, &claim, status.as_u16(), body)
    }

    /// Keeps a created item's JSON for retries (serialised only when a key was sent).
    pub fn remember_created<T: Serialize>(&self, conn: &mut DbConn, caller: &Caller, item: &T) -> AppResult<()> {
        if self.keyed.is_none() {
            return Ok(());
        }
        let body = serde_json::to_string(item).map_err(AppError::internal)?;
        self.remember(conn, caller, StatusCode::CREATED, &body)
    }

    fn claim<'a>(&'a self, caller: &'a Caller) -> AppResult<Option<Claim<'a>>> {
        let Some((key, fingerprint)) = &self.keyed else { return Ok(None) };
        Ok(Some(Claim { actor: &caller.key()?.key_id, endpoint: self.endpoint, key, request_hash: fingerprint }))
    }
}

impl Replayed {
    /// The first answer again; for a created item (`collection` given), with its `Location`
    /// and `ETag` as first sent.
    pub fn response(self, collection: Option<&str>) -> AppResult<HttpResponse> {
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

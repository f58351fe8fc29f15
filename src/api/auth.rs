//! Who is calling. Middleware on every `/api/` request checks `Authorization: Bearer <key>`
//! against the stored key hashes (so a revoked key fails at once, on every instance, on every
//! endpoint) and leaves the `Caller` for handlers; no header means anonymous, which may only read.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use std::future::{ready, Ready};

use super::rate_limit::{Allowance, Payer, RateLimits};
use super::request_id::RequestId;
use super::AppState;
use crate::db::keys as key_store;
use crate::db::page::now;
use crate::domain::access::{hash_secret, Caller, Identity, KEY_PREFIX};
use crate::error::{AppError, AppResult};
use crate::service::keys;

pub async fn authenticate(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if !req.path().starts_with("/api/") {
        return next.call(req).await.map(ServiceResponse::map_into_left_body);
    }
    match admit(&req).await {
        Ok((caller, payer, allowance)) => {
            req.extensions_mut().insert(caller);
            req.extensions_mut().insert(payer);
            let mut res = next.call(req).await?;
            if let Some(a) = allowance {
                let headers = res.headers_mut();
                for (name, value) in [
                    ("ratelimit-limit", a.limit.into()),
                    ("ratelimit-remaining", a.remaining.into()),
                    ("ratelimit-reset", a.reset_secs),
                ] {
                    headers.insert(HeaderName::from_static(name), HeaderValue::from(value));
                }
            }
            Ok(res.map_into_left_body())
        }
        // Answered, not raised, so the request log and metrics see it.
        Err(err) => Ok(req.error_response(err).map_into_right_body()),
    }
}

/// Who is calling, and whether their allowance covers this request: 401 for a bad key, 429
/// past the limit (a key's own, an address's, or an address's failed authentications).
async fn admit(req: &ServiceRequest) -> AppResult<(Caller, Payer, Option<Allowance>)> {
    let state = req.app_data::<web::Data<AppState>>().ok_or_else(|| AppError::internal("no app state"))?;
    let limits = req.app_data::<web::Data<RateLimits>>().ok_or_else(|| AppError::internal("no rate limits"))?;
    let forwarded = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
    let client = limits.proxies.client(req.peer_addr().map(|a| a.ip()), forwarded);
    let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
    let identity = match req.headers().get(header::AUTHORIZATION) {
        None => None,
        Some(value) => {
            let token = value.to_str().ok().and_then(bearer_token);
            let hash = token.as_deref().map(hash_secret).unwrap_or_default();
            limits.before_lookup(client, &hash)?;
            if token.is_none() {
                return Err(AppError::Unauthorized);
            }
            match lookup(state, hash.clone()).await {
                Ok(identity) => {
                    if limits.authenticated(&hash) {
                        record_use(state, identity.key_id.clone());
                    }
                    Some(identity)
                }
                Err(AppError::Unauthorized) => {
                    limits.failed(client, &hash)?;
                    return Err(AppError::Unauthorized);
                }
                Err(other) => return Err(other),
            }
        }
    };
    // Every write needs a key: say so before the body is read or validated.
    if identity.is_none() && is_write(req.method()) {
        return Err(AppError::Unauthorized);
    }
    let payer = identity.as_ref().map_or(Payer::Address(client), Payer::of);
    let allowance = limits.admit(&payer, 1)?;
    Ok((Caller { identity, request_id }, payer, allowance))
}

fn is_write(method: &Method) -> bool {
    [Method::POST, Method::PUT, Method::PATCH, Method::DELETE].contains(method)
}

async fn lookup(state: &web::Data<AppState>, hash: String) -> AppResult<Identity> {
    state
        .services
        .db
        .run(move |conn| {
            let key = key_store::find_active(conn, &hash)?.ok_or(AppError::Unauthorized)?;
            keys::identity(&key)
        })
        .await
}

/// Records a key's use in the background: a read never waits for a write (on SQLite, for the
/// write lock) to note when its key was last used.
fn record_use(state: &web::Data<AppState>, key_id: String) {
    let db = state.services.db.clone();
    actix_web::rt::spawn(async move {
        if let Err(e) = db.run(move |conn| key_store::record_use(conn, &key_id, now())).await {
            tracing::debug!(error = %e, "cannot record a key's use");
        }
    });
}

/// Handlers take the caller the middleware established.
impl FromRequest for Caller {
    type Error = AppError;
    type Future = Ready<Result<Caller, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.extensions()
                .get::<Caller>()
                .cloned()
                .ok_or_else(|| AppError::internal("route outside /api/ asked for a caller")),
        )
    }
}

/// The key of a well-formed `Bearer` header (scheme case-insensitive).
fn bearer_token(header: &str) -> Option<String> {
    let (scheme, token) = header.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && token.starts_with(KEY_PREFIX) && token.len() <= 200)
        .then(|| token.to_string())
}

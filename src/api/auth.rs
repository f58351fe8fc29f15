//! Who is calling. Middleware on every `/api/` request checks `Authorization: Bearer <key>`
//! against the stored key hashes (so a revoked key fails at once, on every instance, on every
//! endpoint) and leaves the `Caller` for handlers; no header means anonymous, which may only read.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use std::future::{ready, Ready};

use super::AppState;
use crate::db::keys::{self, KeyRow};
use crate::db::page::now;
use crate::domain::access::{hash_secret, Caller, Identity, Role, KEY_PREFIX};
use crate::error::{AppError, AppResult};
use crate::telemetry::RequestId;

pub async fn authenticate(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if req.path().starts_with("/api/") {
        match caller_of(&req).await {
            Ok(caller) => {
                req.extensions_mut().insert(caller);
            }
            // Answered, not raised, so the request log and metrics see it.
            Err(err) => return Ok(req.error_response(err).map_into_right_body()),
        }
    }
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}

async fn caller_of(req: &ServiceRequest) -> AppResult<Caller> {
    let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
    let identity = match req.headers().get(header::AUTHORIZATION) {
        None => None,
        Some(value) => {
            let token = value.to_str().ok().and_then(bearer_token).ok_or(AppError::Unauthorized)?;
            let state = req.app_data::<web::Data<AppState>>().ok_or_else(|| AppError::internal("no app state"))?;
            Some(lookup(state, hash_secret(&token)).await?)
        }
    };
    // Every write needs a key: say so before the body is read or validated.
    if identity.is_none() && is_write(req.method()) {
        return Err(AppError::Unauthorized);
    }
    Ok(Caller { identity, request_id })
}

fn is_write(method: &Method) -> bool {
    [Method::POST, Method::PUT, Method::PATCH, Method::DELETE].contains(method)
}

async fn lookup(state: &web::Data<AppState>, hash: String) -> AppResult<Identity> {
    state
        .db
        .run(move |conn| {
            let key = keys::find_active(conn, &hash)?.ok_or(AppError::Unauthorized)?;
            keys::touch(conn, &key, now())?;
            identity_of(&key)
        })
        .await
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

fn identity_of(key: &KeyRow) -> AppResult<Identity> {
    Ok(Identity {
        key_id: key.id.clone(),
        role: Role::parse(&key.role).ok_or_else(|| AppError::internal("stored role is unknown"))?,
        state: key.state.clone(),
        organization_id: key.organization_id.clone(),
    })
}

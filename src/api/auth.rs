//! Who is calling: `Authorization: Bearer <key>` checked against the stored key hashes on every
//! request (so a revoked key fails at once on every instance), or anonymous without the header.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;

use super::AppState;
use crate::db::keys::{self, KeyRow};
use crate::db::page::now;
use crate::domain::access::{hash_secret, Caller, Identity, Role, KEY_PREFIX};
use crate::error::{AppError, AppResult};
use crate::telemetry::RequestId;

impl FromRequest for Caller {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Caller, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
        let header = req.headers().get(header::AUTHORIZATION).map(|v| v.to_str().map(str::to_string));
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let Some(header) = header else { return Ok(Caller { identity: None, request_id }) };
            let token = header.ok().as_deref().and_then(bearer_token).ok_or(AppError::Unauthorized)?;
            let hash = hash_secret(&token);
            let state = state.ok_or_else(|| AppError::internal("no app state"))?;
            let identity = state
                .db
                .run(move |conn| {
                    let key = keys::find_active(conn, &hash)?.ok_or(AppError::Unauthorized)?;
                    keys::touch(conn, &key, now())?;
                    identity_of(&key)
                })
                .await?;
            Ok(Caller { identity: Some(identity), request_id })
        })
    }
}

/// The key of a well-formed `Bearer` header (scheme case-insensitive).
pub fn bearer_token(header: &str) -> Option<String> {
    let (scheme, token) = header.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && token.starts_with(KEY_PREFIX) && token.len() <= 200)
        .then(|| token.to_string())
}

pub fn identity_of(key: &KeyRow) -> AppResult<Identity> {
    Ok(Identity {
        key_id: key.id.clone(),
        role: Role::parse(&key.role).ok_or_else(|| AppError::internal("stored role is unknown"))?,
        state: key.state.clone(),
        organization_id: key.organization_id.clone(),
    })
}

//! Sessions of the web pages: a person signs in with an API key and gets a session, which
//! stands for that key (same role, State or organization, same rules) until it expires, the
//! person signs out, or the key is revoked. The browser holds only the session's secret; the
//! store holds its hash.

use chrono::{Duration, NaiveDateTime};

use super::keys::identity;
use super::Services;
use crate::db::keys as key_store;
use crate::db::page::now;
use crate::db::sessions::{self as store, SessionRow};
use crate::domain::access::{hash_secret, random_token, Caller, Identity};
use crate::error::{AppError, AppResult};

/// How long a session lasts from signing in.
pub const SESSION_HOURS: i64 = 12;

/// A live session: who it acts as, and the token its forms carry.
#[derive(Debug, Clone)]
pub struct Session {
    pub identity: Identity,
    /// The key's label, to show who is signed in.
    pub label: String,
    pub csrf_token: String,
    pub expires_at: NaiveDateTime,
}

impl Session {
    /// The caller the session's requests act as.
    pub fn caller(&self, request_id: Option<String>) -> Caller {
        Caller { identity: Some(self.identity.clone()), request_id }
    }
}

/// Signs in with a key's secret: the new session's secret (for the cookie) and the session.
/// An unknown or revoked key is `Unauthorized`, told apart from nothing else.
pub async fn sign_in(services: &Services, key_secret: String) -> AppResult<(String, Session)> {
    let key_hash = hash_secret(key_secret.trim());
    let secret = random_token()?;
    let csrf_token = random_token()?;
    let secret_hash = hash_secret(&secret);
    services
        .db
        .run(move |conn| {
            let key = key_store::find_active(conn, &key_hash)?.ok_or(AppError::Unauthorized)?;
            let at = now();
            store::delete_expired(conn, at)?;
            let row = SessionRow {
                secret_hash,
                key_id: key.id.clone(),
                csrf_token,
                created_at: at,
                expires_at: at + Duration::hours(SESSION_HOURS),
            };
            store::insert(conn, &row)?;
            Ok((secret, session(&row, &key.label, identity(&key)?)))
        })
        .await
}

/// The live session a secret names, if any.
pub async fn find(services: &Services, secret: &str) -> AppResult<Option<Session>> {
    let secret_hash = hash_secret(secret);
    services
        .db
        .run(move |conn| {
            store::find_live(conn, &secret_hash, now())?
                .map(|(row, key)| Ok(session(&row, &key.label, identity(&key)?)))
                .transpose()
        })
        .await
}

/// Ends the session a secret names (nothing happens for an unknown one).
pub async fn sign_out(services: &Services, secret: &str) -> AppResult<()> {
    let secret_hash = hash_secret(secret);
    services.db.run(move |conn| store::delete(conn, &secret_hash).map(|_| ())).await
}

fn session(row: &SessionRow, label: &str, identity: Identity) -> Session {
    Session { identity, label: label.to_string(), csrf_token: row.csrf_token.clone(), expires_at: row.expires_at }
}

//! API keys, managed by admins. A key's secret is shown once, at creation; only its hash is
//! stored. Revoked keys stay listed (with `revoked_at`) and fail at once everywhere.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::write::{self, Audit, Tx};
use super::Services;
use crate::db::keys::{self as store, KeyRow};
use crate::db::organizations as organization_store;
use crate::db::page::{now, PageOf, PageRequest};
use crate::db::Db;
use crate::domain::access::{generate_secret, Caller, Identity, Role};
use crate::domain::audit::{Action, Resource};
use crate::domain::ids;
use crate::domain::validate::{Checks, MAX_TITLE_CHARS};
use crate::error::{AppError, AppResult, Said};

/// A key as listed: never its secret.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApiKey {
    #[schema(example = "key_01935c3ea0b37d51a1f1c5e0f6d0a7b2")]
    pub id: String,
    /// The first characters of the secret, to recognise it.
    #[schema(example = "tcm_3f9a1c2b")]
    pub prefix: String,
    pub role: Role,
    /// The State a `state` key acts for, or the donor State of a `provider` key.
    pub state: Option<String>,
    /// The organization of a `provider` key.
    pub organization_id: Option<String>,
    pub label: String,
    /// Key id of the admin who created it; null when made with `tcmatch create-key`.
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A new key, with its secret: store it now, it is never shown again.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedKey {
    /// Send as `Authorization: Bearer <secret>`.
    pub secret: String,
    #[serde(flatten)]
    pub key: ApiKey,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewKey {
    pub role: Role,
    /// For `state` keys (required) and donor-State `provider` keys.
    pub state: Option<String>,
    /// For organization `provider` keys.
    pub organization_id: Option<String>,
    /// Who or what the key is for.
    #[serde(default)]
    pub label: String,
}

/// Who a stored key stands for.
pub fn identity(key: &KeyRow) -> AppResult<Identity> {
    Ok(Identity {
        key_id: key.id.clone(),
        role: Role::parse(&key.role).ok_or_else(|| AppError::internal("stored role is unknown"))?,
        state: key.state.clone(),
        organization_id: key.organization_id.clone(),
    })
}

pub fn view(row: KeyRow) -> AppResult<ApiKey> {
    Ok(ApiKey {
        role: Role::parse(&row.role).ok_or_else(|| AppError::internal("stored role is unknown"))?,
        id: row.id,
        prefix: row.prefix,
        state: row.state,
        organization_id: row.organization_id,
        label: row.label,
        created_by: row.created_by,
        created_at: row.created_at.and_utc(),
        last_used_at: row.last_used_at.map(|t| t.and_utc()),
        revoked_at: row.revoked_at.map(|t| t.and_utc()),
    })
}

/// Checks the key's owner fields, creates it and records it in the audit trail.
fn issue(tx: &mut Tx<'_>, new: NewKey) -> AppResult<IssuedKey> {
    let mut c = Checks::new();
    let state = new.state.as_deref().map(|s| c.state("state", s));
    let label = c.optional_text("label", &new.label, MAX_TITLE_CHARS);
    match (new.role, &state, &new.organization_id) {
        (Role::Admin, None, None) | (Role::State, Some(_), None) => {}
        (Role::Provider, Some(_), None) | (Role::Provider, None, Some(_)) => {}
        (Role::Admin, _, _) => c.say("role", "field-admin-key-owner", vec![]),
        (Role::State, None, _) => c.say("state", "field-state-key-needs-state", vec![]),
        (Role::State, Some(_), Some(_)) => c.say("organization_id", "field-state-key-no-organization", vec![]),
        (Role::Provider, None, None) => c.say("organization_id", "field-provider-key-needs-owner", vec![]),
        (Role::Provider, Some(_), Some(_)) => c.say("state", "field-provider-key-one-owner", vec![]),
    }
    c.finish()?;
    if let Some(org) = &new.organization_id {
        if organization_store::find(tx.conn(), org)?.is_none() {
            return Err(AppError::invalid(
                "organization_id",
                Said::new("field-no-organization", vec![("id", org.as_str().into())]),
            ));
        }
    }
    let secret = generate_secret()?;
    let row = KeyRow {
        id: ids::new_id(ids::API_KEY),
        prefix: secret.prefix,
        secret_hash: secret.hash,
        role: new.role.as_str().to_string(),
        state,
        organization_id: new.organization_id,
        label,
        created_by: tx.caller().identity.as_ref().map(|i| i.key_id.clone()),
        created_at: now(),
        last_used_at: None,
        revoked_at: None,
    };
    store::insert(tx.conn(), &row)?;
    let key = view(row)?;
    tx.audit(Audit {
        action: Action::Create,
        resource: Resource::Key,
        id: &key.id,
        owner_state: None,
        before: None,
        after: &key,
    })?;
    Ok(IssuedKey { secret: secret.secret, key })
}

/// Creates a key. Admins only.
pub async fn create(services: &Services, caller: &Caller, new: NewKey) -> AppResult<IssuedKey> {
    caller.must_be_admin()?;
    services.write(caller, move |tx| issue(tx, new)).await
}

/// Creates a key straight in the database, as `system`: how `tcmatch create-key` bootstraps the
/// first admin, with no service running.
pub fn bootstrap(db: &Db, new: NewKey) -> AppResult<IssuedKey> {
    write::write_offline(db, &Caller::anonymous(), |tx| issue(tx, new))
}

/// Keys, never their secrets, oldest first. Admins only.
pub async fn list(
    services: &Services,
    caller: &Caller,
    include_revoked: bool,
    page: PageRequest,
) -> AppResult<PageOf<KeyRow>> {
    caller.must_be_admin()?;
    services.db.run(move |conn| store::list(conn, include_revoked, &page)).await
}

/// Revokes a key: it fails at once, on every instance. Admins only.
pub async fn revoke(services: &Services, caller: &Caller, id: String) -> AppResult<ApiKey> {
    caller.must_be_admin()?;
    services
        .write(caller, move |tx| {
            let missing = || AppError::NotFound(Said::of("not-found-key"));
            let before = view(store::find(tx.conn(), &id)?.ok_or_else(missing)?)?;
            if !store::revoke(tx.conn(), &id, now())? {
                return Err(AppError::Conflict(Said::of("conflict-key-revoked")));
            }
            let after = view(store::find(tx.conn(), &id)?.ok_or_else(missing)?)?;
            tx.audit(Audit {
                action: Action::Revoke,
                resource: Resource::Key,
                id: &id,
                owner_state: None,
                before: Some(&before),
                after: &after,
            })?;
            Ok(after)
        })
        .await
}

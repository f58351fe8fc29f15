//! The write unit: one place runs every write. Inside one transaction the use case's own work
//! runs with a [`Tx`], through which it records its audit events and the changes the matcher
//! index must follow; a creating call sent with an idempotency key is answered from its first
//! answer instead, or has its answer kept for retries. After the commit, the index catches up
//! through the change sequence, so what was written is matchable when the call answers.

use serde::Serialize;

use super::Services;
use crate::db::changes::{self, Entity};
use crate::db::idempotency::{self, Claim};
use crate::db::{audit as audit_store, Db, DbConn};
use crate::domain::access::Caller;
use crate::domain::audit::{changes as diff, created, Action, Resource};
use crate::error::{AppError, AppResult};

/// A creating call that a retry must not repeat: where it was sent, the client's key, and a
/// fingerprint of what it sent (a retry with another body is refused).
#[derive(Debug, Clone)]
pub struct Idempotency {
    pub endpoint: &'static str,
    pub key: String,
    pub fingerprint: String,
}

/// What a creating write gave: its result, or the first answer to an earlier call with the
/// same idempotency key (status and JSON body, as first sent).
pub enum Written<T> {
    Done(T),
    Replayed { status: u16, body: String },
}

/// One audit event: what was done to which record, owned by which State if any, and the record
/// as clients see it before (none when created) and after.
pub struct Audit<'a, T> {
    pub action: Action,
    pub resource: Resource,
    pub id: &'a str,
    pub owner_state: Option<&'a str>,
    pub before: Option<&'a T>,
    pub after: &'a T,
}

/// A write under way: its connection (in its transaction) and caller.
pub struct Tx<'a> {
    conn: &'a mut DbConn,
    caller: &'a Caller,
    changed: bool,
}

impl Tx<'_> {
    pub fn conn(&mut self) -> &mut DbConn {
        self.conn
    }

    pub fn caller(&self) -> &Caller {
        self.caller
    }

    /// Appends the audit event.
    pub fn audit<T: Serialize>(&mut self, event: Audit<'_, T>) -> AppResult<()> {
        let value = |v: &T| serde_json::to_value(v);
        let changes = match (event.action, event.before) {
            (Action::Create, None) => created(event.after),
            (_, before) => before
                .map(value)
                .transpose()
                .and_then(|before| Ok(diff(&before.unwrap_or_default(), &value(event.after)?).to_string())),
        }
        .map_err(AppError::internal)?;
        let entry = audit_store::Entry {
            action: event.action,
            resource: event.resource,
            resource_id: event.id,
            owner_state: event.owner_state,
            changes,
        };
        audit_store::record(self.conn, self.caller, entry)
    }

    /// Records events of records created together (a bulk submission), many per statement.
    pub fn audit_created<T: Serialize>(
        &mut self,
        resource: Resource,
        records: &[(&str, Option<&str>, &T)],
    ) -> AppResult<()> {
        let entries = records
            .iter()
            .map(|(id, owner_state, record)| {
                Ok(audit_store::Entry {
                    action: Action::Create,
                    resource,
                    resource_id: id,
                    owner_state: *owner_state,
                    changes: created(record).map_err(AppError::internal)?,
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        audit_store::record_many(self.conn, self.caller, entries)
    }

    /// Records that a record the matcher indexes changed (every instance follows it).
    pub fn changed(&mut self, entity: Entity, id: &str) -> AppResult<()> {
        self.changed = true;
        changes::record(self.conn, entity, id)
    }

    /// [`Tx::changed`] for many records of one kind.
    pub fn changed_many(&mut self, entity: Entity, ids: &[&str]) -> AppResult<()> {
        self.changed = true;
        changes::record_many(self.conn, entity, ids)
    }
}

impl Services {
    /// Runs `work` as one write (see the module's doc).
    pub async fn write<T, F>(&self, caller: &Caller, work: F) -> AppResult<T>
    where
        F: FnOnce(&mut Tx<'_>) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        match self.write_once(caller, None, move |tx| work(tx).map(Unkept)).await? {
            Written::Done(Unkept(value)) => Ok(value),
            Written::Replayed { .. } => Err(AppError::internal("a write without a key was replayed")),
        }
    }

    /// Like [`Services::write`], for a creating call that may carry an idempotency key: its
    /// answer (`work`'s result, as JSON, with 201) is kept for 24 hours and given to a retry.
    pub async fn write_once<T, F>(&self, caller: &Caller, once: Option<Idempotency>, work: F) -> AppResult<Written<T>>
    where
        F: FnOnce(&mut Tx<'_>) -> AppResult<T> + Send + 'static,
        T: Keepable + Send + 'static,
    {
        let caller = caller.clone();
        let (written, changed) = self
            .db
            .write(move |conn| {
                let actor = match &once {
                    Some(_) => caller.key()?.key_id.clone(),
                    None => String::new(),
                };
                let claim = once.as_ref().map(|once| Claim {
                    actor: &actor,
                    endpoint: once.endpoint,
                    key: &once.key,
                    request_hash: &once.fingerprint,
                });
                if let Some(claim) = &claim {
                    if let Some((status, body)) = idempotency::replay(conn, claim)? {
                        return Ok((Written::Replayed { status, body }, false));
                    }
                }
                let mut tx = Tx { conn, caller: &caller, changed: false };
                let value = work(&mut tx)?;
                let changed = tx.changed;
                if let Some(claim) = &claim {
                    idempotency::remember(conn, claim, CREATED, &value.kept()?)?;
                }
                Ok((Written::Done(value), changed))
            })
            .await?;
        if changed {
            self.matching.catch_up(&self.db).await;
        }
        Ok(written)
    }
}

/// Runs `work` as one write on a connection of `db`, with no index to catch up: for commands
/// that run without the service (`tcmatch create-key`). Records that the index follows are
/// refused here, since nothing would follow them at once.
pub fn write_offline<T>(db: &Db, caller: &Caller, work: impl FnOnce(&mut Tx<'_>) -> AppResult<T>) -> AppResult<T> {
    let mut conn = db.get()?;
    crate::db::write_tx(&mut conn, |conn| {
        let mut tx = Tx { conn, caller, changed: false };
        let value = work(&mut tx)?;
        if tx.changed {
            return Err(AppError::internal("an offline write changed what the matcher indexes"));
        }
        Ok(value)
    })
}

/// The status a kept answer is replayed with: only creating calls take idempotency keys.
const CREATED: u16 = 201;

/// A result whose answer can be kept for a retry.
pub trait Keepable {
    /// The answer's JSON body.
    fn kept(&self) -> AppResult<String>;
}

impl<T: Serialize> Keepable for T {
    fn kept(&self) -> AppResult<String> {
        serde_json::to_string(self).map_err(AppError::internal)
    }
}

/// A result no retry will ask for again (writes without a key never keep theirs).
struct Unkept<T>(T);

impl<T> Keepable for Unkept<T> {
    fn kept(&self) -> AppResult<String> {
        Err(AppError::internal("a write without a key has no answer to keep"))
    }
}

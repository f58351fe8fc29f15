//! Sending what is due: a fair share of due deliveries each round, each looked at again
//! before it goes (a removed subscription, a revoked key, a record no longer visible), signed,
//! and retried with growing waits until it is delivered or given up.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{targets, WebhookEvent, MAX_ATTEMPTS};
use crate::db::engagements as engagement_store;
use crate::db::keys as key_store;
use crate::db::page::now;
use crate::db::requests as request_store;
use crate::db::webhooks::{self as store, DeliveryRow, WebhookRow};
use crate::db::DbConn;
use crate::domain::access::{hex, Caller};
use crate::error::{AppError, AppResult};
use crate::service::{keys, Services};

/// The signature of a delivery: HMAC-SHA256 (RFC 2104) of the body under the secret.
pub fn signature(secret: &str, body: &[u8]) -> String {
    const BLOCK: usize = 64;
    let mut key = [0u8; BLOCK];
    if secret.len() > BLOCK {
        key[..32].copy_from_slice(&Sha256::digest(secret.as_bytes()));
    } else {
        key[..secret.len()].copy_from_slice(secret.as_bytes());
    }
    let pad = |byte: u8| key.iter().map(|k| k ^ byte).collect::<Vec<u8>>();
    let inner = Sha256::new().chain_update(pad(0x36)).chain_update(body).finalize();
    let outer = Sha256::new().chain_update(pad(0x5c)).chain_update(inner).finalize();
    format!("sha256={}", hex(&outer))
}

/// The wait before attempt `n + 1` after `n` failed: `base` times 4 to the power `n - 1`
/// (10 s, 40 s, 2 min 40 s, ... about 45 hours in all with the default base).
pub fn backoff(base: Duration, failed: i32) -> Duration {
    base.saturating_mul(4u32.saturating_pow(u32::try_from(failed.max(1) - 1).unwrap_or(0)))
}

/// Sends what is due, for ever: every half second, a fair share of what is due (see
/// [`SENT_AT_ONCE`]), each taken first so that no two instances send it at once.
pub async fn deliver_forever(services: Arc<Services>) {
    loop {
        if let Err(e) = deliver_due(&services).await {
            tracing::warn!(error = %e, "webhook deliveries could not be read");
        }
        actix_web::rt::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Deliveries sent at once by one instance, and of those at most this many to one subscription:
/// a slow or dead receiver holds only its own, never every other subscriber's.
const SENT_AT_ONCE: usize = 8;
const SENT_AT_ONCE_PER_HOOK: usize = 2;

async fn deliver_due(services: &Services) -> AppResult<()> {
    let due = services.db.run(|conn| store::due(conn, now(), 200)).await?;
    let fair = fair_share(due);
    let outcomes: Vec<AppResult<()>> =
        futures_util::stream::iter(fair.into_iter().map(|row| deliver_one(services, row)))
            .buffer_unordered(SENT_AT_ONCE)
            .collect()
            .await;
    outcomes.into_iter().collect()
}

/// Of the due deliveries, oldest first, those this round sends: at most
/// [`SENT_AT_ONCE_PER_HOOK`] of each subscription, four rounds of [`SENT_AT_ONCE`] in all.
fn fair_share(due: Vec<DeliveryRow>) -> Vec<DeliveryRow> {
    let mut per_hook: HashMap<String, usize> = HashMap::new();
    due.into_iter()
        .filter(|row| {
            let taken = per_hook.entry(row.webhook_id.clone()).or_insert(0);
            *taken += 1;
            *taken <= SENT_AT_ONCE_PER_HOOK
        })
        .take(4 * SENT_AT_ONCE)
        .collect()
}

/// One attempt at one due delivery, taken first so that no two instances send it at once.
async fn deliver_one(services: &Services, row: DeliveryRow) -> AppResult<()> {
    let policy = services.webhooks;
    let lease = now() + chrono::TimeDelta::seconds(60);
    let (taken, mine) = (row.clone(), row.clone());
    if !services.db.run(move |conn| store::claim(conn, &taken, lease)).await? {
        return Ok(());
    }
    let (webhook_id, checked) = (mine.webhook_id.clone(), mine.clone());
    let Some((hook, unsendable)) = services
        .db
        .run(move |conn| {
            let Some(hook) = store::find(conn, &webhook_id)? else { return Ok(None) };
            let unsendable = unsendable(conn, &hook, &checked)?;
            Ok(Some((hook, unsendable)))
        })
        .await?
    else {
        return Ok(());
    };
    let attempt = match unsendable {
        // Given up at once: sending later would not make it sendable.
        Some(why) => Err((None, why.to_string())),
        None => actix_web::web::block(move || send(&hook, &mine, policy.private_targets))
            .await
            .map_err(AppError::internal)?,
    };
    // A delivery not sent is no attempt.
    let attempts = row.attempts + i32::from(unsendable.is_none());
    let at = now();
    let (status, next, finished) = match attempt {
        Ok(_) => ("delivered", at, Some(at)),
        Err(_) if unsendable.is_some() || attempts >= MAX_ATTEMPTS => ("failed", at, Some(at)),
        Err(_) => {
            let wait = chrono::TimeDelta::from_std(backoff(policy.retry_base, attempts))
                .unwrap_or(chrono::TimeDelta::hours(1));
            ("pending", at + wait, None)
        }
    };
    let (last_status, last_error) = match &attempt {
        Ok(code) => (Some(*code), None),
        Err((code, why)) => (*code, Some(why.clone())),
    };
    let updated = DeliveryRow {
        status: status.into(),
        attempts,
        next_attempt_at: next,
        last_status,
        last_error,
        finished_at: finished,
        ..row
    };
    services.db.run(move |conn| store::record_attempt(conn, &updated)).await?;
    Ok(())
}

/// Why a due delivery must not be sent any more, looked at just before each attempt: what was
/// true when it was queued may not be now. A removed subscription or a revoked key is told
/// nothing more, and an event about a record the key may no longer see (a request whose
/// State withdrew consent, for a provider) is not sent, however long ago it was queued.
fn unsendable(conn: &mut DbConn, hook: &WebhookRow, row: &DeliveryRow) -> AppResult<Option<&'static str>> {
    if hook.removed_at.is_some() {
        return Ok(Some("not sent: the subscription was removed"));
    }
    let Some(key) = key_store::find(conn, &hook.key_id)?.filter(|k| k.revoked_at.is_none()) else {
        return Ok(Some("not sent: the subscription's key was revoked"));
    };
    let caller = Caller { identity: Some(keys::identity(&key)?), request_id: None };
    let data: Value = serde_json::from_str(&row.payload).map_err(AppError::internal)?;
    let field = |name: &str| data["data"][name].as_str().map(str::to_string);
    let visible = match (WebhookEvent::parse(&row.event), field("engagement_id"), field("request_id")) {
        (Some(WebhookEvent::EngagementMoved), Some(engagement), _) => {
            let scope = caller.engagement_scope()?;
            !engagement_store::visible_ids(conn, &[engagement.as_str()], &scope)?.is_empty()
        }
        (_, _, Some(request)) => !request_store::by_ids(conn, &[request], &caller.request_scope())?.is_empty(),
        _ => true,
    };
    Ok((!visible).then_some("not sent: the key may no longer see the record it is about"))
}

/// One attempt: the receiver's status when it answered 2xx; else its status (if any) and why.
/// It connects only to the public addresses the receiver's name resolves to (see [`targets`]).
fn send(hook: &WebhookRow, row: &DeliveryRow, private_targets: bool) -> Result<i32, (Option<i32>, String)> {
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(10))
        .redirects(0)
        .resolver(move |netloc: &str| targets::resolve(netloc, private_targets))
        .build();
    let answer = agent
        .post(&hook.url)
        .set("Content-Type", "application/json")
        .set("User-Agent", "tcmatch-webhooks")
        .set("X-Tcmatch-Event", &row.event)
        .set("X-Tcmatch-Delivery", &row.id)
        .set("X-Tcmatch-Signature", &signature(&hook.secret, row.payload.as_bytes()))
        .send_string(&row.payload);
    match answer {
        Ok(res) if (200..300).contains(&res.status()) => Ok(i32::from(res.status())),
        Ok(res) => Err((Some(i32::from(res.status())), format!("answered {}", res.status()))),
        Err(ureq::Error::Status(code, _)) => Err((Some(i32::from(code)), format!("answered {code}"))),
        Err(e) => Err((None, e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::webhooks::delivery;
    use serde_json::json;

    #[test]
    fn signatures_are_rfc_4231_hmac_sha256() {
        // RFC 4231, test case 2.
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn a_round_takes_a_fair_share_of_each_subscription() {
        let row = |hook: &str| {
            let mut row = delivery(hook, WebhookEvent::MatchNew, json!({}), now()).unwrap();
            row.webhook_id = hook.to_string();
            row
        };
        // A slow receiver's backlog first, then another subscriber's one delivery.
        let due: Vec<DeliveryRow> = (0..50).map(|_| row("whk_slow")).chain([row("whk_other")]).collect();
        let hooks: Vec<String> = fair_share(due).into_iter().map(|r| r.webhook_id).collect();
        assert_eq!(hooks, ["whk_slow", "whk_slow", "whk_other"]);
        let many: Vec<DeliveryRow> = (0..100).map(|i| row(&format!("whk_{i}"))).collect();
        assert_eq!(fair_share(many).len(), 4 * SENT_AT_ONCE);
    }

    #[test]
    fn waits_grow_fourfold() {
        let base = Duration::from_secs(10);
        let waits: Vec<u64> = (1..=4).map(|n| backoff(base, n).as_secs()).collect();
        assert_eq!(waits, [10, 40, 160, 640]);
    }
}

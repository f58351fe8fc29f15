//! Webhooks: a key subscribes a URL to events about records it may see: a new match above a
//! score for its requests or offers (`match.new`), an engagement it is party to moving
//! (`engagement.moved`), the consent of its State's requests changing (`consent.changed`).
//! Each event becomes a stored delivery in the same transaction as the write that caused it
//! (new matches: just after, from the fresh index), so a restart loses none; every instance
//! sends what is due, signed with the subscription's secret (HMAC-SHA256 of the body), and
//! retries with growing waits until the receiver answers 2xx or eight attempts failed. Every
//! attempt is kept in the delivery log.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use utoipa::ToSchema;

mod sending;
mod targets;

pub use sending::{deliver_forever, signature};

use super::matches::today;
use super::write::{Audit, Tx};
use super::Services;
use crate::db::page::now;
use crate::db::webhooks::{self as store, DeliveryRow, Subscriber, WebhookRow};
use crate::db::DbConn;
use crate::domain::access::{generate_secret, Caller, Role};
use crate::domain::audit::{Action, Resource};
use crate::domain::ids;
use crate::domain::vocab::vocabulary;
use crate::error::{AppError, AppResult, Said};
use crate::matcher::entry::Consent;

vocabulary! {
    /// What a webhook can be told.
    WebhookEvent {
        MatchNew => "match.new",
        EngagementMoved => "engagement.moved",
        ConsentChanged => "consent.changed",
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWebhook {
    /// Where to POST the events (http or https).
    #[schema(example = "https://dashboard.example.org/tcmatch-events")]
    pub url: String,
    /// At least one of `match.new`, `engagement.moved`, `consent.changed`.
    pub events: Vec<WebhookEvent>,
    /// `match.new` only for pairs scoring at least this, in [0, 1] (default 0.5).
    pub min_score: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Webhook {
    #[schema(example = "whk_01935c3ea0b37d51a1f1c5e0f6d0a7b2")]
    pub id: String,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub min_score: f64,
    pub created_at: DateTime<Utc>,
    /// Shown once, when the subscription is made: the key of each delivery's
    /// `X-Tcmatch-Signature: sha256=<hex HMAC-SHA256 of the body>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Delivery {
    #[schema(example = "whd_01935c3ea0b37d51a1f1c5e0f6d0a7b2")]
    pub id: String,
    pub event: WebhookEvent,
    /// `pending` (to be sent, or sent again), `delivered` or `failed` (given up).
    pub status: String,
    pub attempts: i32,
    /// The receiver's last status code, if it answered.
    pub last_status: Option<i32>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// When a pending delivery is next tried.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// The body sent.
    #[schema(value_type = Object)]
    pub payload: Value,
}

/// Attempts before a delivery is given up.
pub const MAX_ATTEMPTS: i32 = 8;

/// Offers or requests a new record is compared with for `match.new`.
const MATCHES_ANNOUNCED: usize = 50;

fn view(row: WebhookRow, secret: Option<String>) -> AppResult<Webhook> {
    Ok(Webhook {
        events: serde_json::from_str(&row.events).map_err(AppError::internal)?,
        id: row.id,
        url: row.url,
        min_score: row.min_score,
        created_at: row.created_at.and_utc(),
        secret,
    })
}

fn delivery_view(row: DeliveryRow) -> AppResult<Delivery> {
    Ok(Delivery {
        event: WebhookEvent::parse(&row.event).ok_or_else(|| AppError::internal("stored event is unknown"))?,
        next_attempt_at: (row.status == "pending").then(|| row.next_attempt_at.and_utc()),
        payload: serde_json::from_str(&row.payload).map_err(AppError::internal)?,
        id: row.id,
        status: row.status,
        attempts: row.attempts,
        last_status: row.last_status,
        last_error: row.last_error,
        created_at: row.created_at.and_utc(),
        finished_at: row.finished_at.map(|t| t.and_utc()),
    })
}

/// Subscribes the caller's key; the answer carries the signing secret, once.
pub async fn subscribe(services: &Services, caller: &Caller, new: NewWebhook) -> AppResult<Webhook> {
    let key_id = caller.key()?.key_id.clone();
    let mut c = crate::domain::validate::Checks::new();
    let url = new.url.trim().to_string();
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if !scheme_ok
        || url.len() > 2000
        || url.contains(char::is_whitespace)
        || url.split("//").nth(1).is_none_or(str::is_empty)
    {
        c.say("url", "field-webhook-url", vec![]);
    } else if let Some(why) = targets::refused_literal(&url).filter(|_| !services.webhooks.private_targets) {
        c.say("url", why, vec![]);
    }
    if new.events.is_empty() {
        c.say("events", "field-webhook-events", vec![("events", WebhookEvent::expected().into())]);
    }
    let min_score = new.min_score.unwrap_or(0.5);
    if !(0.0..=1.0).contains(&min_score) {
        c.say("min_score", "field-score", vec![]);
    }
    c.finish()?;
    let mut events = new.events;
    events.sort();
    events.dedup();
    let secret = generate_secret()?.secret;
    let row = WebhookRow {
        id: ids::new_id(ids::WEBHOOK),
        key_id,
        url,
        secret: secret.clone(),
        events: serde_json::to_string(&events).map_err(AppError::internal)?,
        min_score,
        created_at: now(),
        removed_at: None,
    };
    let stored = row.clone();
    services
        .write(caller, move |tx| {
            store::insert(tx.conn(), &stored)?;
            // The audit keeps the subscription without its secret.
            let made = view(stored, None)?;
            tx.audit(Audit {
                action: Action::Create,
                resource: Resource::Webhook,
                id: &made.id,
                owner_state: None,
                before: None,
                after: &made,
            })
        })
        .await?;
    view(row, Some(secret))
}

/// The caller's live subscriptions (an admin's: every key's).
pub async fn list(services: &Services, caller: &Caller) -> AppResult<Vec<Webhook>> {
    let key = caller.key()?.clone();
    let of = (key.role != Role::Admin).then_some(key.key_id);
    let rows = services.db.run(move |conn| store::of_key(conn, of.as_deref())).await?;
    rows.into_iter().map(|r| view(r, None)).collect()
}

/// A subscription the caller owns (admins: any), live.
fn owned(conn: &mut DbConn, caller: &Caller, id: &str) -> AppResult<WebhookRow> {
    let key = caller.key()?;
    match store::find(conn, id)? {
        Some(row) if row.removed_at.is_none() && (key.role == Role::Admin || row.key_id == key.key_id) => Ok(row),
        _ => Err(AppError::NotFound(Said::of("not-found-webhook"))),
    }
}

/// Ends a subscription; deliveries not yet made are given up (see [`unsendable`]).
pub async fn remove(services: &Services, caller: &Caller, id: String) -> AppResult<()> {
    services
        .write(caller, move |tx| {
            let caller = tx.caller().clone();
            let row = owned(tx.conn(), &caller, &id)?;
            let at = now();
            store::remove(tx.conn(), &id, at)?;
            let before = serde_json::to_value(view(row, None)?).map_err(AppError::internal)?;
            let mut after = before.clone();
            after["removed_at"] = json!(at.and_utc());
            tx.audit(Audit {
                action: Action::Revoke,
                resource: Resource::Webhook,
                id: &id,
                owner_state: None,
                before: Some(&before),
                after: &after,
            })
        })
        .await
}

/// A subscription's delivery log, newest first.
pub async fn deliveries(services: &Services, caller: &Caller, id: String, limit: i64) -> AppResult<Vec<Delivery>> {
    let caller = caller.clone();
    let rows = services
        .db
        .run(move |conn| {
            owned(conn, &caller, &id)?;
            store::deliveries(conn, &id, limit)
        })
        .await?;
    rows.into_iter().map(delivery_view).collect()
}

/// The provider a subscriber's key acts for, if it is a provider key.
fn provider_of(s: &Subscriber) -> Option<&str> {
    (s.role == Role::Provider.as_str()).then(|| s.organization_id.as_deref().or(s.state.as_deref())).flatten()
}

fn is_admin(s: &Subscriber) -> bool {
    s.role == Role::Admin.as_str()
}

fn is_state(s: &Subscriber, state: &str) -> bool {
    s.role == Role::State.as_str() && s.state.as_deref() == Some(state)
}

/// A delivery of `event` with `data` to a subscription, due now.
fn delivery(webhook_id: &str, event: WebhookEvent, data: Value, at: NaiveDateTime) -> AppResult<DeliveryRow> {
    let id = ids::new_id(ids::WEBHOOK_DELIVERY);
    let payload = json!({"id": id, "event": event, "created_at": at.and_utc(), "data": data});
    Ok(DeliveryRow {
        id,
        webhook_id: webhook_id.to_string(),
        event: event.as_str().to_string(),
        payload: serde_json::to_string(&payload).map_err(AppError::internal)?,
        status: "pending".into(),
        attempts: 0,
        next_attempt_at: at,
        last_status: None,
        last_error: None,
        created_at: at,
        finished_at: None,
    })
}

/// Within the write that records it: tells the request's State and admins that its consent
/// changed.
pub fn consent_changed(tx: &mut Tx<'_>, request_id: &str, state: &str, from: &str, to: &str) -> AppResult<()> {
    let subscribers = store::subscribers(tx.conn(), WebhookEvent::ConsentChanged.as_str())?;
    let at = now();
    let data = json!({"request_id": request_id, "state": state, "status": to, "previous_status": from});
    let rows = subscribers
        .iter()
        .filter(|s| is_admin(s) || is_state(s, state))
        .map(|s| delivery(&s.webhook.id, WebhookEvent::ConsentChanged, data.clone(), at))
        .collect::<AppResult<Vec<_>>>()?;
    store::enqueue(tx.conn(), &rows)
}

/// What an engagement step is, for [`engagement_moved`].
pub struct Step<'a> {
    pub engagement_id: &'a str,
    pub request_id: &'a str,
    pub state: &'a str,
    pub offer_id: &'a str,
    pub provider: &'a str,
    pub from: Option<&'a str>,
    pub to: &'a str,
}

/// Within the write that records it: tells the engagement's two parties and admins that it
/// moved (or began).
pub fn engagement_moved(tx: &mut Tx<'_>, step: Step<'_>) -> AppResult<()> {
    let subscribers = store::subscribers(tx.conn(), WebhookEvent::EngagementMoved.as_str())?;
    let at = now();
    let data = json!({
        "engagement_id": step.engagement_id, "request_id": step.request_id, "offer_id": step.offer_id,
        "from": step.from, "to": step.to,
    });
    let rows = subscribers
        .iter()
        .filter(|s| is_admin(s) || is_state(s, step.state) || provider_of(s) == Some(step.provider))
        .map(|s| delivery(&s.webhook.id, WebhookEvent::EngagementMoved, data.clone(), at))
        .collect::<AppResult<Vec<_>>>()?;
    store::enqueue(tx.conn(), &rows)
}

/// Just after a write to these offers and requests (the index holds it): tells each
/// `match.new` subscriber of the pairs they form, above its score, that it may see and was not
/// told of before: a State of pairs with its requests, a provider of pairs of its offers with
/// consented requests, admins of all.
pub async fn announce_matches(services: &Services, offers: Vec<String>, requests: Vec<String>) -> AppResult<()> {
    if offers.is_empty() && requests.is_empty() {
        return Ok(());
    }
    let subscribers = services.db.run(|conn| store::subscribers(conn, WebhookEvent::MatchNew.as_str())).await?;
    if subscribers.is_empty() {
        return Ok(());
    }
    // Pairs with their request's State and consent, and the offer's provider.
    let pairs: Vec<(String, String, f64, String, bool, String)> = {
        let index = services.matching.read();
        let day = today();
        let mut found = Vec::new();
        for offer in &offers {
            found.extend(index.requests_for(offer, MATCHES_ANNOUNCED, day, |_| true));
        }
        for request in &requests {
            found.extend(index.offers_for(request, MATCHES_ANNOUNCED, day));
        }
        found
            .into_iter()
            .filter_map(|p| {
                let request = index.request_entry(&p.request_id)?;
                let provider = index.provider_of(&p.offer_id)?.to_string();
                let state = index.request_state(request).to_string();
                let consented = request.consent == Consent::Granted;
                Some((p.request_id, p.offer_id, p.scored.score, state, consented, provider))
            })
            .collect()
    };
    services
        .db
        .run(move |conn| {
            let at = now();
            let mut rows = Vec::new();
            for s in &subscribers {
                for (request_id, offer_id, score, state, consented, provider) in &pairs {
                    let sees = is_admin(s) || is_state(s, state) || (*consented && provider_of(s) == Some(provider));
                    if !sees || *score < s.webhook.min_score {
                        continue;
                    }
                    if store::first_announcement(conn, &s.webhook.id, request_id, offer_id)? {
                        let data = json!({
                            "request_id": request_id, "offer_id": offer_id,
                            "score": (score * 10_000.0).round() / 10_000.0,
                            "consent": if *consented { "granted" } else { "pending" },
                        });
                        rows.push(delivery(&s.webhook.id, WebhookEvent::MatchNew, data, at)?);
                    }
                }
            }
            store::enqueue(conn, &rows)
        })
        .await
}

/// Runs `announce_matches` without failing the write that called it (its outcome is logged).
pub async fn announce_after_write(services: &Services, offers: Vec<String>, requests: Vec<String>) {
    if let Err(e) = announce_matches(services, offers, requests).await {
        tracing::warn!(error = %e, "could not announce new matches to webhooks");
    }
}

//! Engagements: a match someone acted on. One side (the requesting State, or the offer's
//! provider) expresses interest; the other agrees or declines; agreed work goes in progress and
//! is completed with an outcome, or cancelled. Agreed engagements use up the offer's capacity
//! and move the request to `matched` (then `in_progress`). Only the parties and admins see them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::names::Wording;
use super::webhooks;
use super::write::{Audit, Idempotency, Tx, Written};
use super::Services;
use crate::db::changes::Entity;
use crate::db::columns::json_list;
use crate::db::engagements::{self as store, EngagementFilter, EngagementRow, EventRow};
use crate::db::offers::{self as offer_store, OfferRow};
use crate::db::page::{now, PageOf, PageRequest};
use crate::db::requests::{self as request_store, RequestRow};
use crate::db::DbConn;
use crate::domain::access::{Caller, OfferScope, RequestScope, Role};
use crate::domain::audit::{Action, Resource};
use crate::domain::catalog::Catalog;
use crate::domain::engagement::{EngagementStatus, Side};
use crate::domain::ids;
use crate::domain::validate::{Checks, MAX_TEXT_CHARS};
use crate::domain::vocab::{ConsentStatus, OfferStatus, RequestStatus};
use crate::error::{AppError, AppResult, Arg, Said};

#[derive(Debug, Serialize, ToSchema)]
pub struct Engagement {
    #[schema(example = "eng_01935c3ea0b37d51a1f1c5e0f6d0a7b2")]
    pub id: String,
    pub request_id: String,
    pub request_title: String,
    /// The requesting State (alpha-3).
    pub state: String,
    /// The requesting State's name, in the answer's language.
    pub state_name: String,
    pub offer_id: String,
    pub offer_title: String,
    /// The offer's provider: a State code or an organization id.
    pub provider: String,
    /// The organization's name, or the donor State's in the answer's language.
    pub provider_name: String,
    /// The side that expressed interest first.
    pub initiated_by: Side,
    pub status: EngagementStatus,
    /// What the cooperation achieved (set on completion).
    pub outcome: Option<String>,
    /// The IATI activity that reports this cooperation, when a party named one (else its IATI
    /// export names it after the repository's reporting organisation and the engagement id).
    pub iati_identifier: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Every transition, oldest first.
    pub history: Vec<EngagementEvent>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EngagementEvent {
    pub from_status: Option<EngagementStatus>,
    pub to_status: EngagementStatus,
    /// The side that made the transition.
    pub side: Side,
    /// Role and key of who recorded it.
    pub recorded_by: Option<String>,
    pub note: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEngagement {
    pub request_id: String,
    pub offer_id: String,
    #[serde(default)]
    pub note: String,
    /// Admins only: the side they act for.
    pub side: Option<Side>,
    /// The IATI activity that will report this cooperation, if a party already has one.
    pub iati_identifier: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// `agreed` or `declined` (the other side answering interest), `in_progress`, `completed`
    /// (with an outcome) or `cancelled`.
    pub to: EngagementStatus,
    #[serde(default)]
    pub note: String,
    /// Required to complete.
    pub outcome: Option<String>,
    /// Admins only: the side they act for.
    pub side: Option<Side>,
    /// Names (or renames) the IATI activity that reports this cooperation.
    pub iati_identifier: Option<String>,
}

fn parse<T>(text: &str, parse: fn(&str) -> Option<T>) -> AppResult<T> {
    parse(text).ok_or_else(|| AppError::internal(format!("stored value '{text}' is unknown")))
}

/// An engagement as clients see it, its two sides named in the words' language.
fn view(row: EngagementRow, events: Vec<EventRow>, words: &Wording) -> AppResult<Engagement> {
    let state = words.heads.request_state(&row.request_id).to_string();
    let provider = words.heads.offer_provider(&row.offer_id).to_string();
    Ok(Engagement {
        request_title: words.heads.request_title(&row.request_id).to_string(),
        offer_title: words.heads.offer_title(&row.offer_id).to_string(),
        state_name: words.state_name(&state).to_string(),
        provider_name: words.provider_name(&provider).to_string(),
        state,
        provider,
        initiated_by: parse(&row.initiated_by, Side::parse)?,
        status: parse(&row.status, EngagementStatus::parse)?,
        history: events
            .into_iter()
            .map(|e| {
                Ok(EngagementEvent {
                    from_status: e.from_status.as_deref().map(|s| parse(s, EngagementStatus::parse)).transpose()?,
                    to_status: parse(&e.to_status, EngagementStatus::parse)?,
                    side: parse(&e.side, Side::parse)?,
                    recorded_by: e.recorded_by,
                    note: e.note,
                    at: e.at.and_utc(),
                })
            })
            .collect::<AppResult<_>>()?,
        id: row.id,
        request_id: row.request_id,
        offer_id: row.offer_id,
        outcome: row.outcome,
        iati_identifier: row.iati_identifier,
        version: row.version,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

/// The side the caller acts for on this pair: its own, or, for admins, the one they name.
fn side_of(caller: &Caller, request: &RequestRow, offer: &OfferRow, named: Option<Side>) -> AppResult<Side> {
    let key = caller.key()?;
    let side = match key.role {
        Role::Admin => named.ok_or_else(|| AppError::invalid("side", Said::of("field-admin-names-side")))?,
        Role::State if key.state.as_deref() == Some(request.state.as_str()) => Side::Request,
        Role::Provider if key.provider_id() == Some(offer.provider_id.as_str()) => Side::Offer,
        _ => return Err(AppError::Forbidden(Said::of("forbidden-not-a-side"))),
    };
    if named.is_some_and(|n| n != side) {
        return Err(AppError::invalid("side", Said::of("field-side-admin-only")));
    }
    Ok(side)
}

/// Moves the request's status forward with the engagement (never backward), as one change.
fn advance_request(tx: &mut Tx<'_>, request: &RequestRow, to: RequestStatus) -> AppResult<()> {
    let current = parse(&request.status, RequestStatus::parse)?;
    let moves = match to {
        RequestStatus::Matched => current == RequestStatus::Open,
        RequestStatus::InProgress => matches!(current, RequestStatus::Open | RequestStatus::Matched),
        RequestStatus::Completed => {
            matches!(current, RequestStatus::Open | RequestStatus::Matched | RequestStatus::InProgress)
        }
        _ => false,
    };
    if !moves {
        return Ok(());
    }
    let updated = RequestRow {
        status: to.as_str().to_string(),
        version: request.version + 1,
        updated_at: now(),
        ..request.clone()
    };
    if !request_store::update(tx.conn(), &updated, request.version, None)? {
        return Err(AppError::Conflict(Said::of("conflict-request-changed")));
    }
    let before = serde_json::json!({"status": current});
    let after = serde_json::json!({"status": to});
    tx.audit(Audit {
        action: Action::Update,
        resource: Resource::Request,
        id: &request.id,
        owner_state: Some(&request.state),
        before: Some(&before),
        after: &after,
    })
}

/// Expresses interest in a pair, for the caller's side: the requesting State, the offer's
/// provider, or an admin naming the side. The request must be consented and open, the offer
/// open and serving the requesting State.
pub async fn create(
    services: &Services,
    caller: &Caller,
    once: Option<Idempotency>,
    new: NewEngagement,
    lang: &'static str,
) -> AppResult<Written<Engagement>> {
    caller.key()?;
    let mut c = Checks::new();
    let note = c.optional_text("note", &new.note, MAX_TEXT_CHARS);
    let iati_identifier = c.iati_identifier("iati_identifier", new.iati_identifier.as_deref());
    c.finish()?;
    services
        .write_once(caller, once, move |tx| {
            let caller = tx.caller().clone();
            // Engagements on one offer are made one after another, so two never both find the
            // pair free.
            offer_store::lock(tx.conn(), &new.offer_id)?;
            let request =
                request_store::find(tx.conn(), &new.request_id, &caller.request_scope())?.ok_or_else(|| {
                    AppError::invalid(
                        "request_id",
                        Said::new("field-no-request", vec![("id", new.request_id.as_str().into())]),
                    )
                })?;
            let offer = offer_store::find(tx.conn(), &new.offer_id, &caller.offer_scope())?.ok_or_else(|| {
                AppError::invalid("offer_id", Said::new("field-no-offer", vec![("id", new.offer_id.as_str().into())]))
            })?;
            let side = side_of(&caller, &request, &offer, new.side)?;
            if request.consent_status != ConsentStatus::Granted.as_str() {
                return Err(AppError::Conflict(Said::of("conflict-no-consent")));
            }
            if !matches!(
                parse(&request.status, RequestStatus::parse)?,
                RequestStatus::Open | RequestStatus::Matched | RequestStatus::InProgress
            ) {
                return Err(AppError::Conflict(Said::new(
                    "conflict-request-status",
                    vec![("status", Arg::term("request-status", &request.status))],
                )));
            }
            if offer.status != OfferStatus::Open.as_str() {
                return Err(AppError::Conflict(Said::new(
                    "conflict-offer-status",
                    vec![("status", Arg::term("offer-status", &offer.status))],
                )));
            }
            if !serves(&offer, &request.state)? {
                return Err(AppError::Conflict(Said::new(
                    "conflict-offer-not-serving",
                    vec![("state", request.state.as_str().into())],
                )));
            }
            if store::active_for_pair(tx.conn(), &request.id, &offer.id)? {
                return Err(AppError::Conflict(Said::of("conflict-pair-under-way")));
            }
            identifier_is_free(tx.conn(), iati_identifier.as_deref(), "")?;
            let at = now();
            let row = EngagementRow {
                id: ids::new_id(ids::ENGAGEMENT),
                request_id: request.id.clone(),
                offer_id: offer.id.clone(),
                initiated_by: side.as_str().to_string(),
                status: EngagementStatus::Interest.as_str().to_string(),
                outcome: None,
                iati_identifier,
                version: 1,
                created_at: at,
                updated_at: at,
            };
            let event = EventRow {
                id: ids::new_id(ids::ENGAGEMENT_EVENT),
                engagement_id: row.id.clone(),
                from_status: None,
                to_status: row.status.clone(),
                side: row.initiated_by.clone(),
                recorded_by: caller.recorded_as(),
                note,
                at,
            };
            store::insert(tx.conn(), &row, &event)?;
            tx.changed(Entity::Engagement, &row.id)?;
            webhooks::engagement_moved(
                tx,
                webhooks::Step {
                    engagement_id: &row.id,
                    request_id: &request.id,
                    state: &request.state,
                    offer_id: &offer.id,
                    provider: &offer.provider_id,
                    from: None,
                    to: &row.status,
                },
            )?;
            let words = Wording::of_pair(tx.conn(), lang, &request.id, &offer.id)?;
            let created = view(row.clone(), vec![event], &words)?;
            tx.audit(Audit {
                action: Action::Create,
                resource: Resource::Engagement,
                id: &row.id,
                owner_state: Some(&request.state),
                before: None,
                after: &created,
            })?;
            Ok(created)
        })
        .await
}

/// Whether the offer is global or names the State or one of its areas.
/// 409 when another engagement than `engagement` already has this IATI identifier: an IATI
/// file must name each activity once.
fn identifier_is_free(conn: &mut DbConn, identifier: Option<&str>, engagement: &str) -> AppResult<()> {
    let Some(identifier) = identifier else { return Ok(()) };
    match store::holder_of_identifier(conn, identifier, engagement)? {
        Some(holder) => Err(AppError::Conflict(Said::new(
            "conflict-iati-identifier",
            vec![("identifier", identifier.into()), ("id", holder.into())],
        ))),
        None => Ok(()),
    }
}

fn serves(offer: &OfferRow, state: &str) -> AppResult<bool> {
    if offer.is_global {
        return Ok(true);
    }
    let catalog = Catalog::shipped();
    let s = catalog.state(state).ok_or_else(|| AppError::internal("stored State is unknown"))?;
    let mut areas: Vec<String> = json_list(&offer.countries)?;
    areas.extend(json_list::<String>(&offer.regions)?);
    Ok(areas.iter().any(|a| a == state || catalog.areas_of(s).contains(&a.as_str())))
}

/// Moves an engagement along its lifecycle: the two parties (the side that did not express
/// interest answers it), or an admin naming the side.
pub async fn transition(
    services: &Services,
    caller: &Caller,
    id: String,
    t: Transition,
    lang: &'static str,
) -> AppResult<Engagement> {
    let scope = caller.engagement_scope()?;
    let mut c = Checks::new();
    let note = c.optional_text("note", &t.note, MAX_TEXT_CHARS);
    let outcome = t.outcome.as_deref().map(|o| c.optional_text("outcome", o, MAX_TEXT_CHARS)).filter(|o| !o.is_empty());
    if t.to == EngagementStatus::Completed && outcome.is_none() {
        c.say("outcome", "field-outcome-needed", vec![]);
    }
    let iati_identifier = c.iati_identifier("iati_identifier", t.iati_identifier.as_deref());
    c.finish()?;
    let (row, events, words) = services
        .write(caller, move |tx| {
            let caller = tx.caller().clone();
            let row = store::find(tx.conn(), &id, &scope)?
                .ok_or_else(|| AppError::NotFound(Said::of("not-found-engagement")))?;
            if t.to == EngagementStatus::Agreed {
                // Agreements on one offer check its capacity one after another.
                offer_store::lock(tx.conn(), &row.offer_id)?;
            }
            let request = request_store::find(tx.conn(), &row.request_id, &RequestScope::All)?
                .ok_or_else(|| AppError::internal("engagement without its request"))?;
            let offer = offer_store::find(tx.conn(), &row.offer_id, &OfferScope::All)?
                .ok_or_else(|| AppError::internal("engagement without its offer"))?;
            let side = side_of(&caller, &request, &offer, t.side)?;
            let from = parse(&row.status, EngagementStatus::parse)?;
            let initiator = parse(&row.initiated_by, Side::parse)?;
            from.may_become(t.to, side, initiator).map_err(AppError::Conflict)?;
            if t.to.needs_consent() && request.consent_status != ConsentStatus::Granted.as_str() {
                return Err(AppError::Conflict(Said::of("conflict-no-consent")));
            }
            identifier_is_free(tx.conn(), iati_identifier.as_deref(), &row.id)?;
            if t.to == EngagementStatus::Agreed
                && store::capacity_used(tx.conn(), &offer.id)? >= i64::from(offer.capacity)
            {
                return Err(AppError::Conflict(Said::of("conflict-no-capacity")));
            }
            match t.to {
                EngagementStatus::Agreed => advance_request(tx, &request, RequestStatus::Matched)?,
                EngagementStatus::InProgress => advance_request(tx, &request, RequestStatus::InProgress)?,
                _ => {}
            }
            let at = now();
            let updated = EngagementRow {
                status: t.to.as_str().to_string(),
                outcome: outcome.or(row.outcome.clone()),
                iati_identifier: iati_identifier.or(row.iati_identifier.clone()),
                version: row.version + 1,
                updated_at: at,
                ..row.clone()
            };
            let event = EventRow {
                id: ids::new_id(ids::ENGAGEMENT_EVENT),
                engagement_id: row.id.clone(),
                from_status: Some(row.status.clone()),
                to_status: updated.status.clone(),
                side: side.as_str().to_string(),
                recorded_by: caller.recorded_as(),
                note,
                at,
            };
            if !store::transition(tx.conn(), &updated, row.version, &event)? {
                return Err(AppError::Conflict(Said::of("conflict-engagement-changed")));
            }
            // The last open engagement of a request completed: so is the request.
            let active: Vec<&str> =
                EngagementStatus::ALL.iter().filter(|s| s.is_active()).map(|s| s.as_str()).collect();
            if t.to == EngagementStatus::Completed && !store::request_has(tx.conn(), &request.id, &active)? {
                let current = request_store::find(tx.conn(), &request.id, &RequestScope::All)?
                    .ok_or_else(|| AppError::internal("engagement without its request"))?;
                advance_request(tx, &current, RequestStatus::Completed)?;
            }
            tx.changed(Entity::Offer, &offer.id)?;
            tx.changed(Entity::Request, &request.id)?;
            tx.changed(Entity::Engagement, &row.id)?;
            webhooks::engagement_moved(
                tx,
                webhooks::Step {
                    engagement_id: &row.id,
                    request_id: &request.id,
                    state: &request.state,
                    offer_id: &offer.id,
                    provider: &offer.provider_id,
                    from: Some(&row.status),
                    to: &updated.status,
                },
            )?;
            let before = serde_json::json!({"status": from, "outcome": row.outcome});
            let after = serde_json::json!({"status": t.to, "outcome": updated.outcome});
            tx.audit(Audit {
                action: Action::Update,
                resource: Resource::Engagement,
                id: &row.id,
                owner_state: Some(&request.state),
                before: Some(&before),
                after: &after,
            })?;
            let events = store::events(tx.conn(), &row.id)?;
            let words = Wording::of_pair(tx.conn(), lang, &request.id, &offer.id)?;
            Ok((updated, events, words))
        })
        .await?;
    view(row, events, &words)
}

/// One engagement with its history, for the two parties and admins.
pub async fn get(services: &Services, caller: &Caller, id: String, lang: &'static str) -> AppResult<Engagement> {
    let scope = caller.engagement_scope()?;
    services
        .db
        .run(move |conn| {
            let row =
                store::find(conn, &id, &scope)?.ok_or_else(|| AppError::NotFound(Said::of("not-found-engagement")))?;
            let events = store::events(conn, &row.id)?;
            let words = Wording::of_pair(conn, lang, &row.request_id, &row.offer_id)?;
            view(row, events, &words)
        })
        .await
}

/// The caller's engagements (all, for admins), oldest first, each with its history.
pub async fn list(
    services: &Services,
    caller: &Caller,
    filter: EngagementFilter,
    page: PageRequest,
    lang: &'static str,
) -> AppResult<PageOf<Engagement>> {
    let scope = caller.engagement_scope()?;
    services
        .db
        .run(move |conn| {
            let rows = store::list(conn, &filter, &page, &scope)?;
            let request_ids: Vec<String> = rows.rows.iter().map(|r| r.request_id.clone()).collect();
            let offer_ids: Vec<String> = rows.rows.iter().map(|r| r.offer_id.clone()).collect();
            let words = Wording::read(conn, lang, &request_ids, &offer_ids)?;
            let mut listed = Vec::with_capacity(rows.rows.len());
            for row in rows.rows {
                let events = store::events(conn, &row.id)?;
                listed.push(view(row, events, &words)?);
            }
            Ok(PageOf { rows: listed, next_after: rows.next_after, total: rows.total })
        })
        .await
}

//! Many requests, or many consent decisions, in one submission (a ministry's list of needs, a
//! State's answers to the requests of a review), stored all or none, every problem reported at
//! once and named by the item's place in the submission.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::consent::record_in;
use super::{store_new, AssistanceRequest, Fields};
use crate::domain::access::Caller;
use crate::domain::validate::{Checks, MAX_TEXT_CHARS};
use crate::domain::vocab::ConsentStatus;
use crate::error::{named, AppError, AppResult, Arg, FieldError, Said};
use crate::service::webhooks;
use crate::service::write::{Idempotency, Written};
use crate::service::Services;

/// Items one bulk submission may carry.
pub const MAX_BULK_ITEMS: usize = 1000;

/// What a bulk submission of requests stored, in the order given.
#[derive(Debug, Serialize, ToSchema)]
pub struct BulkRequests {
    pub created: usize,
    pub items: Vec<AssistanceRequest>,
}

/// One consent decision of a bulk submission.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentItem {
    pub request_id: String,
    /// `granted`, `refused` or `withdrawn`.
    pub status: ConsentStatus,
    /// Why, or under what conditions.
    #[serde(default)]
    pub note: String,
}

impl ConsentItem {
    /// The decision with its note checked.
    pub fn checked(self) -> AppResult<ConsentItem> {
        let mut c = Checks::new();
        let note = c.optional_text("note", &self.note, MAX_TEXT_CHARS);
        c.finish()?;
        Ok(ConsentItem { note, ..self })
    }
}

/// One decision as recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordedConsent {
    pub request_id: String,
    pub status: ConsentStatus,
    pub previous_status: Option<ConsentStatus>,
    /// The request's version after the decision.
    pub version: i64,
    pub recorded_at: DateTime<Utc>,
}

/// What a bulk submission of consent decisions recorded, in the order given.
#[derive(Debug, Serialize, ToSchema)]
pub struct BulkConsent {
    pub recorded: usize,
    pub items: Vec<RecordedConsent>,
}

/// Submits many requests, all or none: each comes with its place in the submission (`[3]`,
/// `line 5`), which names every problem, added to the `problems` the submission's other items
/// already have; a request for a State the caller may not act for is refused (403) before
/// anything is written.
pub async fn create_many(
    services: &Services,
    caller: &Caller,
    once: Option<Idempotency>,
    requests: Vec<(String, (String, Fields))>,
    problems: Vec<FieldError>,
) -> AppResult<Written<BulkRequests>> {
    caller.key()?;
    within_limits(requests.len() + usize::from(!problems.is_empty()))?;
    for (at, (state, _)) in &requests {
        caller.may_act_for_state(state).map_err(|e| at_place(at, e))?;
    }
    let written = services
        .write_once(caller, once, move |tx| {
            let mut items = Vec::with_capacity(requests.len());
            let mut problems = problems;
            for (at, (state, fields)) in requests {
                match store_new(tx, state, fields) {
                    Ok(created) => items.push(created),
                    Err(AppError::Validation(errors)) => problems.extend(named(&at, errors)),
                    Err(other) => return Err(at_place(&at, other)),
                }
            }
            if !problems.is_empty() {
                return Err(AppError::Validation(problems));
            }
            Ok(BulkRequests { created: items.len(), items })
        })
        .await?;
    if let Written::Done(stored) = &written {
        tracing::info!(requests = stored.created, "stored requests in bulk");
        let ids = stored.items.iter().map(|r| r.id.clone()).collect();
        webhooks::announce_after_write(services, vec![], ids).await;
    }
    Ok(written)
}

/// Records many consent decisions, all or none, in the order given (two decisions on one
/// request follow each other: granted, then withdrawn). An unknown request, or one the caller
/// may not see, is named by its place; a decision its request's consent cannot take (409) or a
/// request of another State (403) fails the whole submission, naming the place.
pub async fn decide_many(
    services: &Services,
    caller: &Caller,
    once: Option<Idempotency>,
    decisions: Vec<(String, ConsentItem)>,
    problems: Vec<FieldError>,
) -> AppResult<Written<BulkConsent>> {
    caller.key()?;
    within_limits(decisions.len() + usize::from(!problems.is_empty()))?;
    let written = services
        .write_once(caller, once, move |tx| {
            let mut items = Vec::with_capacity(decisions.len());
            let mut problems = problems;
            for (at, decision) in decisions {
                match record_in(tx, &decision.request_id, decision.status, decision.note) {
                    Ok((event, version)) => items.push(RecordedConsent {
                        previous_status: event.previous_status.as_deref().and_then(ConsentStatus::parse),
                        request_id: event.request_id,
                        status: decision.status,
                        version,
                        recorded_at: event.recorded_at.and_utc(),
                    }),
                    Err(AppError::NotFound(_)) => problems.extend(named(
                        &at,
                        vec![FieldError::said(
                            "request_id",
                            Said::new("field-no-request-to-decide", vec![("id", decision.request_id.as_str().into())]),
                        )],
                    )),
                    Err(other) => return Err(at_place(&at, other)),
                }
            }
            if !problems.is_empty() {
                return Err(AppError::Validation(problems));
            }
            Ok(BulkConsent { recorded: items.len(), items })
        })
        .await?;
    if let Written::Done(recorded) = &written {
        let ids = recorded.items.iter().map(|d| d.request_id.clone()).collect();
        webhooks::announce_after_write(services, vec![], ids).await;
    }
    Ok(written)
}

fn within_limits(n: usize) -> AppResult<()> {
    if n == 0 {
        return Err(AppError::invalid("body", Said::of("field-at-least-one-item")));
    }
    if n > MAX_BULK_ITEMS {
        return Err(AppError::invalid(
            "body",
            Said::new("field-at-most-items-call", vec![("max", Arg::Number(MAX_BULK_ITEMS as i64))]),
        ));
    }
    Ok(())
}

/// An error of the item at `at`, saying where.
fn at_place(at: &str, err: AppError) -> AppError {
    match err {
        AppError::Forbidden(why) => AppError::Forbidden(why.at(at)),
        AppError::Conflict(why) => AppError::Conflict(why.at(at)),
        AppError::Validation(errors) => AppError::Validation(named(at, errors)),
        other => other,
    }
}

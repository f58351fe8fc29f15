//! Many offers in one submission (scripts, spreadsheets), stored all or none, every problem
//! reported at once and named by the offer's place in the submission.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use serde::Serialize;
use utoipa::ToSchema;

use super::fields::{store_many, Fields};
use super::Offer;
use crate::domain::access::Caller;
use crate::error::{AppError, AppResult, FieldError, Said};
use crate::service::jobs::Progress;
use crate::service::webhooks;
use crate::service::write::{Idempotency, Written};
use crate::service::Services;

/// What a bulk submission stored, in the order given.
#[derive(Debug, Serialize, ToSchema)]
pub struct BulkOffers {
    pub created: usize,
    pub items: Vec<Offer>,
}

/// Offers one bulk call may carry (an import job, many more).
pub const MAX_BULK_OFFERS: usize = 1000;

/// Publishes many offers, all or none: each comes with the name of its place in the submission
/// (`[3]`, `line 5`), which prefixes the fields of every problem reported, all at once together
/// with the `problems` the submission's other items already have.
pub async fn create_many(
    services: &Services,
    caller: &Caller,
    once: Option<Idempotency>,
    offers: Vec<(String, (String, Fields))>,
    problems: Vec<FieldError>,
    progress: &Arc<Progress>,
) -> AppResult<Written<BulkOffers>> {
    caller.key()?;
    if offers.is_empty() && problems.is_empty() {
        return Err(AppError::invalid("body", Said::of("field-at-least-one-item")));
    }
    progress.storing.store(true, Ordering::Relaxed);
    let stored_so_far = Arc::clone(progress);
    let written = services
        .write_once(caller, once, move |tx| {
            let mut problems = problems;
            match store_many(tx, &offers)? {
                Ok(created) if problems.is_empty() => {
                    let items: Vec<Offer> =
                        created.into_iter().map(|o| Offer { capacity_left: Some(o.capacity), ..o }).collect();
                    stored_so_far.checked.fetch_add(items.len(), Ordering::Relaxed);
                    Ok(BulkOffers { created: items.len(), items })
                }
                Ok(_) => Err(AppError::Validation(problems)),
                Err(more) => {
                    problems.extend(more);
                    Err(AppError::Validation(problems))
                }
            }
        })
        .await?;
    if let Written::Done(stored) = &written {
        tracing::info!(offers = stored.created, "stored offers in bulk");
        let ids = stored.items.iter().map(|o| o.id.clone()).collect();
        webhooks::announce_after_write(services, ids, vec![]).await;
    }
    Ok(written)
}

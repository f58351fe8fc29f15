//! Many offers in one submission (scripts, spreadsheets), stored all or none, every problem
//! reported at once and named by the offer's place in the submission.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use serde::Serialize;
use utoipa::ToSchema;

use super::fields::{store_new, Fields};
use super::{fresh, Offer};
use crate::domain::access::Caller;
use crate::error::{named, AppError, AppResult, FieldError};
use crate::service::jobs::Progress;
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
        return Err(AppError::invalid("body", "send at least one offer"));
    }
    progress.storing.store(true, Ordering::Relaxed);
    let stored_so_far = Arc::clone(progress);
    let written = services
        .write_once(caller, once, move |tx| {
            let mut items = Vec::with_capacity(offers.len());
            let mut problems = problems;
            for (at, (given_provider, fields)) in &offers {
                match store_new(tx, given_provider, fields) {
                    Ok(row) => {
                        items.push(fresh(&row)?);
                        stored_so_far.checked.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(AppError::Validation(errors)) => problems.extend(named(at, errors)),
                    Err(AppError::Forbidden(why)) => return Err(AppError::Forbidden(format!("{at}: {why}"))),
                    Err(other) => return Err(other),
                }
            }
            if !problems.is_empty() {
                return Err(AppError::Validation(problems));
            }
            Ok(BulkOffers { created: items.len(), items })
        })
        .await?;
    if let Written::Done(stored) = &written {
        tracing::info!(offers = stored.created, "stored offers in bulk");
    }
    Ok(written)
}

//! Use cases: every operation on the repository's records, owned once, between the HTTP API
//! (and, next, the web pages, exports and commands) and storage. A use case checks its input,
//! decides who may do it, and writes through [`Services::write`] (the one write unit: the
//! transaction, the audit event, the change record, idempotent replay, and the matcher index
//! catching up after commit); updates go through [`update::update`]. The resource types (what
//! clients send and see) live here too, so every caller speaks the same ones.

pub mod audit;
pub mod cooperation;
pub mod engagements;
pub mod feed;
pub mod iati;
pub mod jobs;
pub mod keys;
pub mod matches;
pub mod names;
pub mod offers;
pub mod organizations;
pub mod recommendations;
pub mod requests;
pub mod sessions;
pub mod stats;
pub mod update;
pub mod webhooks;
pub mod write;

use std::sync::Arc;

use crate::config::{IatiReporter, WebhookPolicy};
use crate::db::Db;
use crate::domain::catalog::Catalog;
use crate::heavy_work::HeavyWork;
use crate::sync::Matching;

/// What every use case can reach: storage, the matcher index it keeps current, the reference
/// data, and the threads for work over the whole index.
pub struct Services {
    pub db: Db,
    pub matching: Arc<Matching>,
    pub catalog: &'static Catalog,
    pub heavy_work: HeavyWork,
    /// Rankings of the whole repository, kept for `matches::best_pairs`.
    pub rankings: matches::Rankings,
    /// Who reports engagements as IATI activities.
    pub iati_reporter: IatiReporter,
    /// How webhooks are delivered.
    pub webhooks: WebhookPolicy,
    /// Counts of recent recommendation searches, until the recommendations change.
    pub recommendation_counts: Arc<crate::db::recommendations::Counts>,
}

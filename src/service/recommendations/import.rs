//! Importing a UPR Info CSV export: every row checked (a bad row rejects the file, naming its
//! line), themes suggested for rows without them, all stored in one transaction or none.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use serde::Serialize;
use utoipa::ToSchema;

use super::{new_row, suggest_missing_themes};
use crate::db::page::now;
use crate::db::recommendations::{self as store, RecommendationRow};
use crate::domain::access::Caller;
use crate::domain::audit::{Action, Resource};
use crate::domain::recommendation_csv::{self, ImportedRecommendation};
use crate::error::AppResult;
use crate::service::write::{Audit, Idempotency, Written};
use crate::service::Services;

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportSummary {
    /// Rows stored.
    pub imported: usize,
    /// Id of the first and last stored row (ids are in file order).
    pub first_id: String,
    pub last_id: String,
}

/// How far an import has got, for whoever watches it (the web page streams it).
#[derive(Debug, Default)]
pub struct Progress {
    /// Rows in the file, once it is read.
    pub rows: AtomicUsize,
    /// Rows checked and given their themes.
    pub checked: AtomicUsize,
    /// The rows are being stored.
    pub storing: AtomicBool,
}

/// Imports the recommendations of a UPR Info CSV export. Admins only.
pub async fn import(
    services: &Services,
    caller: &Caller,
    once: Option<Idempotency>,
    csv: actix_web::web::Bytes,
) -> AppResult<Written<ImportSummary>> {
    import_watched(services, caller, once, csv, Arc::default()).await
}

/// [`import`], reporting its progress as it goes.
pub async fn import_watched(
    services: &Services,
    caller: &Caller,
    once: Option<Idempotency>,
    csv: actix_web::web::Bytes,
    progress: Arc<Progress>,
) -> AppResult<Written<ImportSummary>> {
    caller.must_be_admin()?;
    let at = now();
    let watched = Arc::clone(&progress);
    let parsed = actix_web::web::block(move || {
        recommendation_csv::parse(&csv).map(|rows| {
            watched.rows.store(rows.len(), Ordering::Relaxed);
            rows.into_iter()
                .map(|mut r| {
                    let suggested = suggest_missing_themes(&mut r);
                    let row = new_row(&r, &suggested, at);
                    watched.checked.fetch_add(1, Ordering::Relaxed);
                    (r, row)
                })
                .collect::<Vec<_>>()
        })
    })
    .await??;
    progress.storing.store(true, Ordering::Relaxed);
    let (parsed, rows): (Vec<ImportedRecommendation>, Vec<RecommendationRow>) = parsed.into_iter().unzip();
    let themes: Vec<Vec<String>> = parsed.into_iter().map(|r| r.themes).collect();
    let summary = ImportSummary {
        imported: rows.len(),
        first_id: rows.first().map(|r| r.id.clone()).unwrap_or_default(),
        last_id: rows.last().map(|r| r.id.clone()).unwrap_or_default(),
    };
    let written = services
        .write_once(caller, once, move |tx| {
            store::insert_many(tx.conn(), &rows, &themes)?;
            tx.audit(Audit {
                action: Action::Import,
                resource: Resource::Recommendation,
                id: "import",
                owner_state: None,
                before: None,
                after: &summary,
            })?;
            Ok(summary)
        })
        .await?;
    if let Written::Done(summary) = &written {
        tracing::info!(rows = summary.imported, "imported recommendations");
    }
    Ok(written)
}

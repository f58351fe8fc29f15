//! Import jobs: a large import answers at once (202) with a job, runs in the background on the
//! instance that took it, and reports how far it got (rows known, rows done) and how it ended
//! (the import's answer, or the problem with every field error), to its submitter and admins,
//! from any instance. The import itself is the same all-or-nothing write as a direct one, so
//! an interrupted job stored nothing: it reads as failed once its progress stops moving.

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::write::{Idempotency, Written};
use super::Services;
use crate::db::jobs::{self as store, JobRow};
use crate::db::page::now;
use crate::domain::access::{Caller, Role};
use crate::domain::ids;
use crate::domain::vocab::vocabulary;
use crate::error::{AppError, AppResult, Said};

vocabulary! {
    /// What a job imports.
    JobKind { Recommendations => "recommendations", Offers => "offers" }
}

vocabulary! {
    JobStatus { Queued => "queued", Running => "running", Succeeded => "succeeded", Failed => "failed" }
}

/// How far an import has got, for whoever watches it (a job's record, the import page).
#[derive(Debug, Default)]
pub struct Progress {
    /// Rows in the file, once it is read.
    pub rows: AtomicUsize,
    /// Rows checked (and, for offers, stored).
    pub checked: AtomicUsize,
    /// The rows are being stored.
    pub storing: AtomicBool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportJob {
    #[schema(example = "job_01935c3ea0b37d51a1f1c5e0f6d0a7b2")]
    pub id: String,
    pub kind: JobKind,
    pub status: JobStatus,
    /// Rows in the file, once it is read.
    pub rows_total: Option<i64>,
    /// Rows checked so far.
    pub rows_done: i64,
    /// What the import answered, once it succeeded: an import summary for recommendations;
    /// `created`, `first_id` and `last_id` for offers.
    #[schema(value_type = Option<Object>)]
    pub result: Option<Value>,
    /// Why it failed: a problem (RFC 9457) naming every field in error, each by its row.
    #[schema(value_type = Option<Object>)]
    pub problem: Option<Value>,
    pub created_at: DateTime<Utc>,
    /// When its progress last moved.
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// How often a running job writes its progress.
const BEAT: Duration = Duration::from_millis(500);

/// A job whose progress has not been written for this long was interrupted (its instance
/// stopped).
const STALE: chrono::TimeDelta = chrono::TimeDelta::seconds(120);

fn view(row: JobRow) -> AppResult<ImportJob> {
    let stored = |what: &str| AppError::internal(format!("stored job {what} is unknown"));
    let mut status = JobStatus::parse(&row.status).ok_or_else(|| stored("status"))?;
    let mut problem = row.problem.as_deref().map(serde_json::from_str).transpose().map_err(AppError::internal)?;
    if matches!(status, JobStatus::Queued | JobStatus::Running) && now() - row.updated_at > STALE {
        status = JobStatus::Failed;
        problem = Some(serde_json::json!({
            "type": "/problems/interrupted",
            "title": "The import was interrupted",
            "status": 503,
            "detail": "the instance running it stopped before it finished; nothing was stored: submit the file again",
            "code": "interrupted",
        }));
    }
    Ok(ImportJob {
        kind: JobKind::parse(&row.kind).ok_or_else(|| stored("kind"))?,
        status,
        rows_total: row.rows_total,
        rows_done: row.rows_done,
        result: row.result.as_deref().map(serde_json::from_str).transpose().map_err(AppError::internal)?,
        problem,
        id: row.id,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
        finished_at: row.finished_at.map(|t| t.and_utc()),
    })
}

/// Records a job of `kind` for the caller and starts `work` in the background, reporting
/// through the progress it is given; answers the job as recorded. A retry with the same
/// `Idempotency-Key` answers the same job and starts nothing.
pub async fn start<W, Fut>(
    services: &Arc<Services>,
    caller: &Caller,
    once: Option<Idempotency>,
    kind: JobKind,
    work: W,
) -> AppResult<Written<ImportJob>>
where
    W: FnOnce(Arc<Services>, Caller, Arc<Progress>) -> Fut + 'static,
    Fut: Future<Output = AppResult<Value>> + 'static,
{
    let key_id = caller.key()?.key_id.clone();
    let written = services
        .write_once(caller, once, move |tx| {
            let at = now();
            let row = JobRow {
                id: ids::new_id(ids::IMPORT_JOB),
                kind: kind.as_str().to_string(),
                key_id,
                status: JobStatus::Queued.as_str().to_string(),
                rows_total: None,
                rows_done: 0,
                result: None,
                problem: None,
                created_at: at,
                updated_at: at,
                finished_at: None,
            };
            store::insert(tx.conn(), &row)?;
            view(row)
        })
        .await?;
    if let Written::Done(job) = &written {
        let (services, caller, id) = (Arc::clone(services), caller.clone(), job.id.clone());
        actix_web::rt::spawn(run(services, caller, id, work));
    }
    Ok(written)
}

/// Runs a job's work, writing its progress every half second, then how it ended.
async fn run<W, Fut>(services: Arc<Services>, caller: Caller, id: String, work: W)
where
    W: FnOnce(Arc<Services>, Caller, Arc<Progress>) -> Fut,
    Fut: Future<Output = AppResult<Value>>,
{
    let progress = Arc::new(Progress::default());
    let finished = Arc::new(AtomicBool::new(false));
    let beating = {
        let (services, progress, finished, id) =
            (Arc::clone(&services), Arc::clone(&progress), Arc::clone(&finished), id.clone());
        actix_web::rt::spawn(async move {
            while !finished.load(Ordering::Relaxed) {
                let (total, done) = counts(&progress);
                let job = id.clone();
                let beat = services
                    .db
                    .run(move |conn| store::progress(conn, &job, JobStatus::Running.as_str(), total, done, now()))
                    .await;
                if let Err(e) = beat {
                    tracing::warn!(error = %e, job = %id, "could not record an import job's progress");
                }
                actix_web::rt::time::sleep(BEAT).await;
            }
        })
    };
    let outcome = work(Arc::clone(&services), caller, Arc::clone(&progress)).await;
    finished.store(true, Ordering::Relaxed);
    let _ = beating.await;
    let (total, done) = counts(&progress);
    let at = now();
    let (status, result, problem) = match &outcome {
        Ok(result) => (JobStatus::Succeeded, Some(result.to_string()), None),
        Err(e) => (JobStatus::Failed, None, serde_json::to_string(&e.to_problem()).ok()),
    };
    let row = JobRow {
        id: id.clone(),
        kind: String::new(),
        key_id: String::new(),
        status: status.as_str().to_string(),
        rows_total: total,
        rows_done: done,
        result,
        problem,
        created_at: at,
        updated_at: at,
        finished_at: Some(at),
    };
    match services.db.run(move |conn| store::finish(conn, &row)).await {
        Ok(()) => tracing::info!(job = %id, status = %status, "import job ended"),
        Err(e) => tracing::error!(error = %e, job = %id, "could not record how an import job ended"),
    }
}

fn counts(progress: &Progress) -> (Option<i64>, i64) {
    let total = progress.rows.load(Ordering::Relaxed);
    let done = progress.checked.load(Ordering::Relaxed);
    ((total > 0).then_some(total as i64), done as i64)
}

/// A job, for whoever submitted it and admins (to anyone else it reads as missing).
pub async fn get(services: &Services, caller: &Caller, id: String) -> AppResult<ImportJob> {
    let key = caller.key()?.clone();
    let row = services.db.run(move |conn| store::find(conn, &id)).await?;
    match row {
        Some(row) if key.role == Role::Admin || row.key_id == key.key_id => view(row),
        _ => Err(AppError::NotFound(Said::of("not-found-import-job"))),
    }
}

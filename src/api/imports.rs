//! `/imports`: large imports as jobs. The file is checked and stored in the background; the
//! answer is at once `202 Accepted` with the job, whose resource reports its progress and, at
//! the end, the import's answer or every problem of the file.

use std::sync::Arc;

use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde_json::json;

use super::bulk;
use super::bulk_offers::checked_offers;
use super::responses::{AccessErrors, CreateErrors, ItemRead};
use super::{http, idempotent, AppState};
use crate::domain::access::Caller;
use crate::error::{AppError, AppResult};
use crate::service::jobs::{self, ImportJob, JobKind};
use crate::service::offers::{self as offer_service, BulkOffers, NewOffer};
use crate::service::recommendations::import as importing;
use crate::service::write::Written;

/// Offers one import job may carry.
pub const MAX_JOB_OFFERS: usize = 100_000;

/// Import a UPR Info CSV export of recommendations as a job (as `POST
/// /recommendations/import` does, all or nothing, in the background). Follow the job at its
/// `Location`. With an `Idempotency-Key`, a retry answers the same job. **Roles:** admin.
#[utoipa::path(
    security(("api_key" = [])),
    tag = "imports",
    request_body(content = String, content_type = "text/csv", description = "A UPR Info CSV export"),
    params(("Idempotency-Key" = Option<String>, Header, description = "Any unique string (1-200 printable characters) that makes a retried submission safe")),
    responses(
        (status = 202, body = ImportJob, headers(("Location" = String))),
        CreateErrors,
        AccessErrors,
    )
)]
#[post("/imports/recommendations")]
pub async fn recommendations(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    mut payload: web::Payload,
) -> AppResult<HttpResponse> {
    caller.must_be_admin()?;
    http::require_content_type(&req, &["text/csv", "application/csv", "text/plain"], "text/csv")?;
    let body = http::read_body(&req, &mut payload, state.limits.import_body_bytes).await?;
    let once = idempotent::claim(&req, "imports/recommendations", &body)?;
    let work = move |services: Arc<_>, caller: Caller, progress| async move {
        match importing::import_watched(&services, &caller, None, body, progress).await? {
            Written::Done(summary) => serde_json::to_value(summary).map_err(AppError::internal),
            Written::Replayed { .. } => Err(AppError::internal("a replay without a key")),
        }
    };
    accepted(jobs::start(&state.services, &caller, once, JobKind::Recommendations, work).await?)
}

/// Publish many offers as a job: the body of `POST /offers/bulk` (a JSON array, NDJSON or CSV),
/// up to 100,000 offers, all or none, checked and stored in the background. The job's result
/// says how many were created and the first and last id. **Roles:** admin; provider (for its
/// own organization or donor State, in every offer).
#[utoipa::path(
    security(("api_key" = [])),
    tag = "imports",
    request_body(description = "Offers, as a JSON array, NDJSON or CSV", content(
        (Vec<NewOffer> = "application/json"),
        (String = "application/x-ndjson"),
        (String = "text/csv"),
    )),
    params(("Idempotency-Key" = Option<String>, Header, description = "Any unique string (1-200 printable characters) that makes a retried submission safe")),
    responses(
        (status = 202, body = ImportJob, headers(("Location" = String))),
        CreateErrors,
        AccessErrors,
    )
)]
#[post("/imports/offers")]
pub async fn offers(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    mut payload: web::Payload,
) -> AppResult<HttpResponse> {
    caller.key()?;
    let (form, body, once) =
        bulk::received(&req, &mut payload, state.limits.import_body_bytes, "imports/offers").await?;
    let work = move |services: Arc<_>, caller: Caller, progress: Arc<jobs::Progress>| async move {
        let watched = Arc::clone(&progress);
        let offers = web::block(move || {
            let checked = checked_offers(&body, form, MAX_JOB_OFFERS)?;
            watched.rows.store(checked.items.len() + checked.problems.len(), std::sync::atomic::Ordering::Relaxed);
            Ok::<_, AppError>(checked)
        })
        .await
        .map_err(AppError::internal)??;
        match offer_service::create_many(&services, &caller, None, offers.items, offers.problems, &progress).await? {
            Written::Done(BulkOffers { created, items }) => Ok(json!({
                "created": created,
                "first_id": items.first().map(|o| o.id.clone()),
                "last_id": items.last().map(|o| o.id.clone()),
            })),
            Written::Replayed { .. } => Err(AppError::internal("a replay without a key")),
        }
    };
    accepted(jobs::start(&state.services, &caller, once, JobKind::Offers, work).await?)
}

/// An import job: how far it got and how it ended. **Roles:** whoever submitted it; admin.
#[utoipa::path(
    security(("api_key" = [])),
    tag = "imports",
    params(("id" = String, Path, description = "Job id")),
    responses((status = 200, body = ImportJob), ItemRead, AccessErrors)
)]
#[get("/imports/{id}")]
pub async fn get(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let job = jobs::get(&state.services, &caller, id.into_inner()).await?;
    let mut res = http::json_response(&req, StatusCode::OK, &job, None)?;
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-cache"));
    Ok(res)
}

/// `202 Accepted` with the job and where to follow it (a retry: the first answer again).
fn accepted(written: Written<ImportJob>) -> AppResult<HttpResponse> {
    match written {
        Written::Done(job) => Ok(HttpResponse::Accepted()
            .insert_header((header::LOCATION, format!("/api/v1/imports/{}", job.id)))
            .json(job)),
        Written::Replayed { body, .. } => {
            let id = serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|job| job["id"].as_str().map(String::from));
            let mut res = idempotent::replayed(StatusCode::ACCEPTED.as_u16(), body, None)?;
            if let Some(id) = id.and_then(|id| header::HeaderValue::from_str(&format!("/api/v1/imports/{id}")).ok()) {
                res.headers_mut().insert(header::LOCATION, id);
            }
            Ok(res)
        }
    }
}

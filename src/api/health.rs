//! `/healthz` (the process is up), `/readyz` (the database answers; the index is built before
//! the server listens) and `/metrics` (Prometheus).

use std::sync::atomic::Ordering;

use actix_web::{get, web, HttpResponse};
use diesel::connection::SimpleConnection;
use serde::Serialize;
use utoipa::ToSchema;

use super::AppState;
use crate::error::{AppResult, Problem};
use crate::matcher::entry::Consent;
use crate::metrics::{Gauges, Metrics};

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: &'static str,
    /// `sqlite` or `postgres` (readiness only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database: Option<&'static str>,
}

/// The process is up.
#[utoipa::path(tag = "operations", responses((status = 200, body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok", database: None })
}

/// The database is reachable; load balancers route traffic only to ready instances.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, body = Health),
        (status = 503, description = "Database unreachable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    state.services.db.run(|conn| Ok(conn.batch_execute("SELECT 1")?)).await?;
    Ok(HttpResponse::Ok().json(Health { status: "ready", database: Some(state.services.db.backend()) }))
}

/// Prometheus metrics of this instance (text exposition format).
#[utoipa::path(tag = "operations", responses((status = 200, description = "Prometheus text", body = String, content_type = "text/plain")))]
#[get("/metrics")]
pub async fn metrics(state: web::Data<AppState>, metrics: web::Data<Metrics>) -> HttpResponse {
    let (pool_connections, pool_idle) = state.services.db.pool_state();
    let checks = state.services.matching.checks();
    let gauges = {
        let index = state.services.matching.read();
        Gauges {
            index_offers: index.offer_count(),
            index_consented_requests: index.requests().filter(|r| r.consent == Consent::Granted).count(),
            index_generation: index.generation(),
            index_checks: checks.runs.load(Ordering::Relaxed),
            index_disagreements: checks.disagreements.load(Ordering::Relaxed),
            index_offer_drift: checks.offer_drift.load(Ordering::Relaxed),
            index_request_drift: checks.request_drift.load(Ordering::Relaxed),
            listing_offers: state.services.matching.listing().as_ref().map(|l| l.len()),
            pool_connections,
            pool_idle,
        }
    };
    HttpResponse::Ok().content_type("text/plain; version=0.0.4").body(metrics.render(&gauges))
}

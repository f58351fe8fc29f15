//! The HTTP API under `/api/v1`: one module per resource (handlers and their OpenAPI
//! annotations; the types they send and receive belong to `service`), the shared plumbing in
//! `http`, and the middleware around every call.

pub mod audit;
pub mod auth;
pub mod bulk;
pub mod bulk_offers;
pub mod bulk_requests;
pub mod changes;
pub mod consent;
pub mod cors;
pub mod downloads;
pub mod engagements;
pub mod health;
pub mod http;
pub mod idempotent;
pub mod imports;
pub mod index_answers;
pub mod keys;
pub mod matches;
pub mod methods;
pub mod offers;
pub mod organizations;
pub mod rate_limit;
pub mod recommendations;
pub mod request_id;
pub mod requests;
pub mod responses;
pub mod states;
pub mod stats;
pub mod text_guard;
pub mod themes;
pub mod webhooks;

use utoipa_actix_web::service_config::ServiceConfig;

use std::sync::Arc;

use crate::config::Limits;
use crate::service::Services;

/// What every handler can reach: the use cases, and what only HTTP needs.
pub struct AppState {
    pub services: Arc<Services>,
    pub limits: Limits,
    /// Rankings and answers drawn from the whole index (`GET /matches`, `GET /stats/themes`).
    pub index_answers: index_answers::IndexAnswers,
    /// The change streams this instance holds open.
    pub streams: Arc<changes::Streams>,
}

/// The routes under `/api/v1`. Registering a handler here also documents it: the OpenAPI
/// document is collected from these calls.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(states::list)
        .service(states::get)
        .service(themes::list)
        .service(themes::resolve)
        .service(themes::suggest)
        .service(themes::get)
        .service(organizations::create)
        .service(organizations::list)
        .service(organizations::get)
        .service(organizations::update)
        .service(recommendations::create)
        .service(recommendations::import)
        .service(recommendations::summarize)
        .service(recommendations::list)
        .service(recommendations::get)
        .service(recommendations::update)
        .service(requests::create)
        .service(bulk_requests::create_many)
        .service(bulk_requests::decide_many)
        .service(requests::list)
        .service(requests::get)
        .service(requests::update)
        .service(matches::for_request)
        .service(consent::record)
        .service(consent::history)
        .service(offers::create)
        .service(bulk_offers::create_many)
        .service(offers::list)
        .service(offers::get)
        .service(offers::update)
        .service(matches::for_offer)
        .service(matches::list)
        .service(stats::themes)
        .service(engagements::create)
        .service(engagements::list)
        .service(engagements::get)
        .service(engagements::transition)
        .service(keys::create)
        .service(keys::list)
        .service(keys::revoke)
        .service(changes::list)
        .service(changes::stream)
        .service(webhooks::create)
        .service(webhooks::list)
        .service(webhooks::remove)
        .service(webhooks::deliveries)
        .service(imports::recommendations)
        .service(imports::offers)
        .service(imports::get)
        .service(audit::list);
}

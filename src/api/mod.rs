//! The HTTP API under `/api/v1`: one module per resource (handlers, request and response
//! types, OpenAPI annotations) and the shared plumbing in `http`.

pub mod health;
pub mod http;
pub mod organizations;
pub mod states;
pub mod themes;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::db::Db;
use crate::domain::catalog::Catalog;

/// What every handler can reach.
pub struct AppState {
    pub db: Db,
    pub catalog: &'static Catalog,
    pub limits: Limits,
}

/// Documented request-size limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest JSON body.
    pub json_body_bytes: usize,
    /// Largest CSV import body.
    pub import_body_bytes: usize,
}

/// The routes under `/api/v1`. Registering a handler here also documents it: the OpenAPI
/// document is collected from these calls.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(states::list)
        .service(states::get)
        .service(themes::list)
        .service(themes::resolve)
        .service(themes::get)
        .service(organizations::create)
        .service(organizations::list)
        .service(organizations::get)
        .service(organizations::update);
}

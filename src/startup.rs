//! Builds and runs the service: connect, migrate, seed reference data, bind, serve; and the
//! route table shared with the OpenAPI document.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::body::BoxBody;
use actix_web::dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{from_fn, Compress, DefaultHeaders};
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::api::methods::{self, AllowedMethods};
use crate::api::rate_limit::RateLimits;
use crate::api::{self, auth, cors, health, request_id, text_guard, AppState};
use crate::config::Settings;
use crate::db::{self, Db};
use crate::domain::catalog::Catalog;
use crate::error::{AppError, Said, StartupError};
use crate::heavy_work::HeavyWork;
use crate::metrics::Metrics;
use crate::openapi::{ApiDoc, LimitsAndLoad};
use crate::pages;
use crate::service::keys::{self, IssuedKey, NewKey};
use crate::service::{webhooks, Services};
use crate::suggest::Suggester;
use crate::sync::Matching;

/// Jobs that may wait for a heavy-work thread; past that, callers get 503 at once.
const HEAVY_QUEUE: usize = 32;

/// Connects to the database and brings its schema and reference data up to date.
pub fn prepare_database(database_url: &str, pool_size: u32) -> Result<Db, StartupError> {
    let db = Db::connect(database_url, pool_size)?;
    let mut conn = db.get()?;
    let prepared = db::migrate::run(&mut conn, Catalog::shipped())?;
    if !prepared.applied_migrations.is_empty() {
        tracing::info!(applied = ?prepared.applied_migrations, backend = db.backend(), "applied migrations");
    }
    if prepared.seeded {
        tracing::info!("seeded reference data");
    }
    Ok(db)
}

/// Copies the SQLite database to `output` while it stays in use (`tcmatch backup`); returns the
/// copy's size.
pub fn backup(database_url: &str, output: &std::path::Path) -> Result<u64, StartupError> {
    let db = prepare_database(database_url, 1)?;
    let mut conn = db.get()?;
    db::backend::copy_to(&mut conn, output)
}

/// Creates an API key straight in the database (`tcmatch create-key`), acting as `system`; the
/// way to get the first admin key.
pub fn create_key(database_url: &str, new: NewKey) -> Result<IssuedKey, StartupError> {
    let db = prepare_database(database_url, 1)?;
    Ok(keys::bootstrap(&db, new)?)
}

/// The app's routes with their documentation, before state and middleware are added.
pub fn documented_app() -> (
    App<
        impl ServiceFactory<
            ServiceRequest,
            Config = (),
            Response = ServiceResponse<BoxBody>,
            Error = actix_web::Error,
            InitError = (),
        >,
    >,
    utoipa::openapi::OpenApi,
) {
    let (app, mut doc) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(health::healthz)
        .service(health::readyz)
        .service(health::metrics)
        .service(utoipa_actix_web::scope("/api/v1").configure(api::routes))
        .split_for_parts();
    LimitsAndLoad.modify(&mut doc);
    (app, doc)
}

/// A bound, not yet running, server.
pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    pub fn build(settings: &Settings) -> Result<Application, StartupError> {
        let db = prepare_database(&settings.database_url, settings.pool_size)?;
        let listener = TcpListener::bind(&settings.bind)
            .map_err(|e| StartupError(format!("cannot listen on {}: {e}", settings.bind)))?;
        let port = listener.local_addr().map_err(|e| StartupError(e.to_string()))?.port();
        let matching = {
            let started = std::time::Instant::now();
            let m = Arc::new(Matching::load(&db, Catalog::shipped(), settings.match_config)?);
            let index = m.read();
            tracing::info!(
                offers = index.offer_count(),
                requests = index.request_count(),
                ms = started.elapsed().as_millis() as u64,
                "matcher index built"
            );
            drop(index);
            m
        };
        // The theme model loads now, not on the first suggestion.
        let started = std::time::Instant::now();
        let themes = Suggester::shipped();
        tracing::info!(ms = started.elapsed().as_millis() as u64, themes = themes.theme_count(), "theme model loaded");
        actix_web::rt::spawn(Arc::clone(&matching).load_listing(db.clone()));
        let check_every = (settings.index_check_secs > 0).then(|| Duration::from_secs(settings.index_check_secs));
        actix_web::rt::spawn(Arc::clone(&matching).follow_forever(
            db.clone(),
            Duration::from_millis(settings.sync_interval_ms),
            check_every,
        ));
        let state = web::Data::new(AppState {
            services: Arc::new(Services {
                db,
                catalog: Catalog::shipped(),
                matching,
                heavy_work: HeavyWork::start(settings.heavy_threads, HEAVY_QUEUE),
                rankings: Default::default(),
                iati_reporter: settings.iati_reporter.clone(),
                webhooks: settings.webhooks,
                recommendation_counts: Default::default(),
            }),
            limits: settings.limits,
            index_answers: Default::default(),
            streams: Default::default(),
        });
        let limits = web::Data::new(RateLimits::new(
            settings.rate_limit_per_minute,
            settings.rate_limit_burst,
            (settings.admin_rate_limit_per_minute, settings.admin_rate_limit_burst),
            settings.auth_failures_per_minute,
            settings.trusted_proxies.clone(),
        ));
        actix_web::rt::spawn(sweep_forever(limits.clone().into_inner()));
        actix_web::rt::spawn(webhooks::deliver_forever(Arc::clone(&state.services)));
        let metrics = web::Data::new(Metrics::default());
        let cors_origins = web::Data::new(settings.cors_origins.clone());
        let server = HttpServer::new(move || {
            let (app, doc) = documented_app();
            let allowed = web::Data::new(AllowedMethods::from_document(&doc));
            app.app_data(state.clone())
                .app_data(allowed)
                .app_data(cors_origins.clone())
                .app_data(limits.clone())
                .app_data(metrics.clone())
                .app_data(web::PathConfig::default().error_handler(|err, _| bad_path(err.to_string())))
                .service(web::redirect("/swagger-ui", "/swagger-ui/"))
                .service(SwaggerUi::new("/swagger-ui/{_:.*}").url("/api-docs/openapi.json", doc))
                .configure(pages::routes)
                .default_service(web::to(not_found))
                .wrap(from_fn(auth::authenticate))
                .wrap(from_fn(methods::head_as_get))
                .wrap(Compress::default())
                .wrap(DefaultHeaders::new().add((header::X_CONTENT_TYPE_OPTIONS, "nosniff")))
                .wrap(from_fn(text_guard::refuse_nul))
                .wrap(from_fn(cors::cors))
                .wrap(from_fn(api::http::localized_problems))
                .wrap(from_fn(request_id::traced))
        })
        .workers(settings.workers)
        .shutdown_timeout(settings.shutdown_timeout_secs)
        .client_request_timeout(Duration::from_secs(60))
        .listen(listener)
        .map_err(|e| StartupError(format!("cannot serve on {}: {e}", settings.bind)))?
        .run();
        tracing::info!(port, "tcmatch listening");
        Ok(Application { port, server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Stops the server from elsewhere (tests; signals are handled by the server itself).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Serves until SIGTERM/SIGINT, then lets in-flight requests finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Forgets idle callers of the rate limits now and then, so their memory stays bounded.
async fn sweep_forever(limits: Arc<RateLimits>) {
    let mut tick = actix_web::rt::time::interval(Duration::from_secs(10));
    loop {
        tick.tick().await;
        limits.sweep();
    }
}

/// A path segment that does not decode into what the route takes (400).
fn bad_path(message: String) -> actix_web::Error {
    let said = Said::new("detail-path-not-valid", vec![("why", message.as_str().into())]);
    AppError::unreadable("path", format!("the path parameters are not valid: {message}"), said).into()
}

/// No route took the request: 405 if the path takes other methods, else 404.
async fn not_found(req: HttpRequest, allowed: web::Data<AllowedMethods>) -> Result<HttpResponse, AppError> {
    let method = req.method().to_string();
    Err(match allowed.for_path(req.path()) {
        Some(allow) => AppError::MethodNotAllowed { method, allow },
        None => AppError::NotFound(Said::new(
            "not-found-route",
            vec![("method", method.into()), ("path", req.path().into())],
        )),
    })
}

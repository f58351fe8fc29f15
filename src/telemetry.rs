//! Structured logs (text or JSON, filtered by `TCMATCH_LOG` / `RUST_LOG`), and the middleware
//! that gives every request an id (`X-Request-Id`, taken from the client when sane) and a span.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::HttpMessage;
use tracing::Instrument;
use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;
use crate::metrics::Metrics;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Installs the global subscriber, logging to stdout (the service); later calls (tests) are
/// no-ops.
pub fn init(format: LogFormat) {
    install(format, std::io::stdout, std::io::IsTerminal::is_terminal(&std::io::stdout()));
}

/// Like [`init`], logging to stderr: for one-shot commands, whose stdout is their answer
/// (`KEY=$(tcmatch create-key ...)`).
pub fn init_on_stderr(format: LogFormat) {
    install(format, std::io::stderr, std::io::IsTerminal::is_terminal(&std::io::stderr()));
}

fn install<W>(format: LogFormat, writer: W, ansi: bool)
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    let filter = EnvFilter::try_from_env("TCMATCH_LOG")
        .or_else(|_| EnvFilter::try_from_default_env())
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder =
        tracing_subscriber::fmt().with_env_filter(filter).with_target(false).with_ansi(ansi).with_writer(writer);
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

pub async fn request_span(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
    let span = tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.path());
    req.extensions_mut().insert(RequestId(id.clone()));
    let started = Instant::now();
    let mut res = next.call(req).instrument(span.clone()).await?;
    if let Ok(value) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID, value);
    }
    let elapsed = started.elapsed();
    span.in_scope(|| {
        tracing::info!(status = res.status().as_u16(), elapsed_ms = elapsed.as_secs_f64() * 1000.0, "served");
    });
    if let Some(metrics) = res.request().app_data::<actix_web::web::Data<Metrics>>() {
        let route = res.request().match_pattern().unwrap_or_else(|| "unmatched".into());
        metrics.observe(res.request().method().as_str(), &route, res.status().as_u16(), elapsed);
    }
    Ok(res)
}

/// The id of the request being served, for the audit trail.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

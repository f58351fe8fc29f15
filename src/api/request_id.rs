//! Every request's id: the client's `X-Request-Id` when it is sane (letters, digits, `-`, `_`;
//! at most 64), else a new one. It tags the request's log lines, its answer and its audit
//! events; the middleware here also logs each answer and counts it in the metrics.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::HttpMessage;
use tracing::Instrument;

use crate::metrics::Metrics;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The id of the request being served.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

impl RequestId {
    /// The id the client sent, if usable, or a new one.
    pub fn of(headers: &HeaderMap) -> RequestId {
        let given = headers.get(&REQUEST_ID).and_then(|v| v.to_str().ok()).filter(|v| {
            !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
        RequestId(given.map_or_else(|| uuid::Uuid::new_v4().simple().to_string(), str::to_string))
    }
}

/// Gives the request its id and a span, then logs and counts its answer.
pub async fn traced(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = RequestId::of(req.headers()).0;
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

//! Cross-origin access for browser apps (dashboards on another origin), off unless origins are
//! configured. Keys travel in `Authorization`, never in cookies, so credentials are not allowed
//! and `*` is safe to configure for a public read API.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, HttpResponse};

use crate::config::origins::CorsOrigins;

/// Headers a browser may send, and read, cross-origin.
const ALLOWED_HEADERS: &str =
    "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, Accept-Language, X-Request-Id";
const EXPOSED_HEADERS: &str = "ETag, Location, Retry-After, X-Request-Id, Idempotent-Replayed, Content-Language, \
    RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset";
const ALLOWED_METHODS: &str = "GET, HEAD, POST, PATCH";
/// How long a browser may reuse a preflight answer, in seconds.
const PREFLIGHT_MAX_AGE: &str = "600";

pub async fn cors(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let origins = req.app_data::<web::Data<CorsOrigins>>().map(|o| o.get_ref());
    let listed = matches!(origins, Some(CorsOrigins::Listed(_)));
    let origin = req.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok());
    let Some(allowed) = origins.zip(origin).and_then(|(origins, origin)| origins.allow(origin)) else {
        let mut res = next.call(req).await?;
        if listed {
            // The answer differs by origin, so caches must keep them apart.
            res.headers_mut().append(header::VARY, HeaderValue::from_static("Origin"));
        }
        return Ok(res.map_into_left_body());
    };
    let allowed = HeaderValue::from_str(&allowed).map_err(actix_web::error::ErrorBadRequest)?;
    if req.method() == Method::OPTIONS && req.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD) {
        let preflight = HttpResponse::NoContent()
            .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, allowed))
            .insert_header((header::ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS))
            .insert_header((header::ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS))
            .insert_header((header::ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE))
            .insert_header((header::VARY, "Origin"))
            .finish();
        return Ok(req.into_response(preflight).map_into_right_body());
    }
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
    headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static(EXPOSED_HEADERS));
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    Ok(res.map_into_left_body())
}

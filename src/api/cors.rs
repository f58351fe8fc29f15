//! Cross-origin access for browser apps (dashboards on another origin), off unless origins are
//! configured. Keys travel in `Authorization`, never in cookies, so credentials are not allowed
//! and `*` is safe to configure for a public read API.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, HttpResponse};

/// Headers a browser may send, and read, cross-origin.
const ALLOWED_HEADERS: &str =
    "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, Accept-Language, X-Request-Id";
const EXPOSED_HEADERS: &str = "ETag, Location, Retry-After, X-Request-Id, Idempotent-Replayed, Content-Language, \
    RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset";
const ALLOWED_METHODS: &str = "GET, HEAD, POST, PATCH";
/// How long a browser may reuse a preflight answer, in seconds.
const PREFLIGHT_MAX_AGE: &str = "600";

/// The origins allowed to call the API from a browser.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CorsOrigins {
    /// No cross-origin access (the default).
    #[default]
    None,
    Any,
    Listed(Vec<String>),
}

impl CorsOrigins {
    /// `*`, or a comma-separated list of origins (`https://dash.example.org`); empty for none.
    pub fn parse(text: &str) -> Result<CorsOrigins, String> {
        let items: Vec<&str> = text.split(',').map(str::trim).filter(|o| !o.is_empty()).collect();
        match items.as_slice() {
            [] => Ok(CorsOrigins::None),
            ["*"] => Ok(CorsOrigins::Any),
            origins => origins
                .iter()
                .map(|o| checked_origin(o).map(|o| o.to_ascii_lowercase()))
                .collect::<Result<_, _>>()
                .map(CorsOrigins::Listed),
        }
    }

    /// The `Access-Control-Allow-Origin` value for a request from `origin`, if it is allowed.
    fn allow(&self, origin: &str) -> Option<String> {
        match self {
            CorsOrigins::None => None,
            CorsOrigins::Any => Some("*".into()),
            CorsOrigins::Listed(list) => {
                list.iter().any(|o| o.eq_ignore_ascii_case(origin)).then(|| origin.to_string())
            }
        }
    }
}

/// An origin is a scheme and a host, with an optional port, and nothing else.
fn checked_origin(origin: &str) -> Result<&str, String> {
    let refuse = || format!("'{origin}' is not an origin such as https://dash.example.org");
    let (scheme, rest) = origin.split_once("://").ok_or_else(refuse)?;
    let host_ok = !rest.is_empty() && !rest.contains(['/', '?', '#', '*', ' ']);
    if ["http", "https"].contains(&scheme) && host_ok {
        Ok(origin)
    } else {
        Err(refuse())
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks_origins() {
        assert_eq!(CorsOrigins::parse(""), Ok(CorsOrigins::None));
        assert_eq!(CorsOrigins::parse(" * "), Ok(CorsOrigins::Any));
        let listed = CorsOrigins::parse("https://Dash.example.org, http://localhost:3000").unwrap();
        assert_eq!(listed.allow("https://dash.example.org").as_deref(), Some("https://dash.example.org"));
        assert_eq!(listed.allow("http://localhost:3000").as_deref(), Some("http://localhost:3000"));
        assert_eq!(listed.allow("https://evil.example.org"), None);
        assert_eq!(CorsOrigins::Any.allow("https://any.example").as_deref(), Some("*"));
        assert_eq!(CorsOrigins::None.allow("https://dash.example.org"), None);
        for bad in
            ["dash.example.org", "https://dash.example.org/", "ftp://x", "https://*.example.org", "*,https://a.b"]
        {
            assert!(CorsOrigins::parse(bad).is_err(), "{bad}");
        }
    }
}

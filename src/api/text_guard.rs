//! Refuses text that no backend can store, before any handler sees it: a NUL character
//! (U+0000, `%00`) in the path or in a query parameter answers 400, on SQLite and PostgreSQL
//! alike. JSON bodies and CSV files get the same rule where they are decoded.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;

use crate::error::{AppError, Said};

pub async fn refuse_nul(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if let Some(err) = nul_in(req.uri().path(), req.uri().query().unwrap_or("")) {
        // Answered, not raised, so the request log and metrics see it.
        return Ok(req.error_response(err).map_into_right_body());
    }
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}

/// The error for a NUL character in the (percent-encoded) path or query, naming the parameter.
fn nul_in(path: &str, query: &str) -> Option<AppError> {
    if has_nul(path) {
        let nul = Said::of("field-nul");
        return Some(AppError::unreadable("path", format!("the path {nul}"), nul));
    }
    let pair = query.split('&').find(|pair| has_nul(pair))?;
    let name = pair.split_once('=').map_or(pair, |(name, _)| name);
    Some(match has_nul(name) {
        true => AppError::bad_param("query", Said::of("field-nul")),
        false => AppError::bad_param(name, Said::of("field-nul")),
    })
}

fn has_nul(encoded: &str) -> bool {
    encoded.contains("%00") || encoded.contains('\0')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(err: Option<AppError>) -> Option<String> {
        match err? {
            AppError::BadRequest { errors, .. } => Some(errors[0].field.clone()),
            other => panic!("expected 400, got {other:?}"),
        }
    }

    #[test]
    fn nul_is_found_in_the_path_and_named_in_the_query() {
        assert_eq!(field(nul_in("/api/v1/offers/%00", "")), Some("path".into()));
        assert_eq!(field(nul_in("/api/v1/offers", "theme=torture&q=a%00b")), Some("q".into()));
        assert_eq!(field(nul_in("/api/v1/offers", "a%00=b")), Some("query".into()));
        assert_eq!(field(nul_in("/api/v1/offers", "q=100%25")), None);
        assert_eq!(field(nul_in("/api/v1/offers/off_1", "q=a%2500")), None, "an encoded '%' then '00'");
    }
}

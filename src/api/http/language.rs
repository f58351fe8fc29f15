//! The language of an answer: which of the six UN languages a reader asked for, and marking
//! an answer as being in it.

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::InternalError;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse};

use crate::domain::catalog::{preferred_un_language, UN_LANGUAGES};
use crate::error::{AppError, AppResult, Said};
use crate::i18n::Lang;

/// The UN language a reader asked for: `?lang=` first (400 if it is not one of the six), then
/// the best `Accept-Language` range among them, else English.
pub fn language(req: &HttpRequest, param: Option<&str>) -> AppResult<&'static str> {
    if let Some(lang) = param {
        let lang = lang.trim().to_ascii_lowercase();
        return UN_LANGUAGES
            .iter()
            .find(|l| **l == lang)
            .copied()
            .ok_or_else(|| AppError::bad_param("lang", Said::one_of(UN_LANGUAGES.join(", "))));
    }
    Ok(accepted(req))
}

/// The best UN language of `Accept-Language`, else English.
fn accepted(req: &HttpRequest) -> &'static str {
    let header = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    preferred_un_language(header).unwrap_or("en")
}

/// Marks a response as being in `lang`, which may have come from `Accept-Language`.
pub fn in_language(mut res: HttpResponse, lang: &'static str) -> HttpResponse {
    res.headers_mut().insert(header::CONTENT_LANGUAGE, header::HeaderValue::from_static(lang));
    res.headers_mut().insert(header::VARY, header::HeaderValue::from_static("Accept-Language"));
    res
}

/// The language a reader asked for, for an answer that must not fail: a `?lang=` that is not
/// one of the six is passed over for `Accept-Language`. Read on every request, so without
/// decoding the query into strings (a language code needs no decoding).
fn reader_language(req: &HttpRequest) -> Lang {
    let asked = req
        .query_string()
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .and_then(|code| Lang::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(code.trim())));
    asked.or_else(|| Lang::parse(accepted(req))).unwrap_or(Lang::En)
}

/// Says every problem in the reader's language (`?lang=`, else `Accept-Language`): an answer
/// carrying an [`AppError`] gets its problem+json body again in that language, keeping the
/// headers the rest of the service set. English problems are written so in the first place.
pub async fn localized_problems<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    let lang = reader_language(req.request());
    let res = match next.call(req).await {
        Ok(res) => res,
        Err(err) => match err.as_error::<AppError>() {
            Some(problem) if lang != Lang::En => {
                return Err(InternalError::from_response(problem.to_string(), problem.response_in(lang)).into());
            }
            _ => return Err(err),
        },
    };
    let localized = match res.response().error().and_then(|e| e.as_error::<AppError>()) {
        Some(problem) if lang != Lang::En => serde_json::to_vec(&problem.to_problem_in(lang)).ok(),
        _ => None,
    };
    let Some(body) = localized else {
        return Ok(res.map_into_left_body());
    };
    let mut res = res.map_body(|_, _| BoxBody::new(body));
    let headers = res.headers_mut();
    headers.remove(header::CONTENT_ENCODING);
    headers.remove(header::CONTENT_LENGTH);
    headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    Ok(res.map_into_right_body())
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn chosen(accept: &str, param: Option<&str>) -> AppResult<&'static str> {
        language(&TestRequest::default().insert_header((header::ACCEPT_LANGUAGE, accept)).to_http_request(), param)
    }

    #[test]
    fn the_parameter_wins_then_the_best_accepted_un_language_then_english() {
        assert_eq!(chosen("fr", Some(" ES ")).unwrap(), "es");
        assert!(chosen("fr", Some("de")).is_err());
        assert_eq!(chosen("de-DE, ru-RU;q=0.8, en;q=0.5", None).unwrap(), "ru");
        assert_eq!(chosen("zh-Hans;q=0.4, ar;q=0.9", None).unwrap(), "ar");
        assert_eq!(chosen("fr;q=0, de", None).unwrap(), "en");
        assert_eq!(chosen("", None).unwrap(), "en");
    }
}

//! The language of an answer: which of the six UN languages a reader asked for, and marking
//! an answer as being in it.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};

use crate::domain::catalog::{preferred_un_language, UN_LANGUAGES};
use crate::error::{AppError, AppResult};

/// The UN language a reader asked for: `?lang=` first (400 if it is not one of the six), then
/// the best `Accept-Language` range among them, else English.
pub fn language(req: &HttpRequest, param: Option<&str>) -> AppResult<&'static str> {
    if let Some(lang) = param {
        let lang = lang.trim().to_ascii_lowercase();
        return UN_LANGUAGES
            .iter()
            .find(|l| **l == lang)
            .copied()
            .ok_or_else(|| AppError::bad_param("lang", format!("must be one of {}", UN_LANGUAGES.join(", "))));
    }
    let header = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    Ok(preferred_un_language(header).unwrap_or("en"))
}

/// Marks a response as being in `lang`, which may have come from `Accept-Language`.
pub fn in_language(mut res: HttpResponse, lang: &'static str) -> HttpResponse {
    res.headers_mut().insert(header::CONTENT_LANGUAGE, header::HeaderValue::from_static(lang));
    res.headers_mut().insert(header::VARY, header::HeaderValue::from_static("Accept-Language"));
    res
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

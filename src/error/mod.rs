//! The one error type of the service, and its RFC 9457 `application/problem+json` rendering.
//! Handlers, extractors and storage all return `AppError`; nothing else reaches the client.

mod field;
mod said;

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

pub use field::{named, shape_then_rules, FieldError};
pub use said::{Arg, Said};

use crate::i18n::Lang;

/// RFC 9457 problem details, as sent with `Content-Type: application/problem+json`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "/problems/validation",
    "title": "The request is not valid",
    "status": 422,
    "detail": "1 field is not valid",
    "code": "validation",
    "errors": [{"field": "themes[0]", "message": "unknown theme 'womn rihgts'; did you mean 'womens-rights' (Women's rights)?"}]
}))]
pub struct Problem {
    /// A URI reference naming the problem type; `/problems/{code}`.
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable machine-readable code, the last segment of `type`.
    pub code: &'static str,
    /// Field-level messages (validation problems); empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The body or parameters are well-formed but break a rule (422).
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// The request itself is malformed: bad JSON syntax, bad query parameter, bad cursor (400).
    #[error("bad request: {detail}")]
    BadRequest { detail: String, errors: Vec<FieldError> },
    /// A write without an API key, or a key that is unknown, malformed or revoked (401).
    #[error("unauthorized")]
    Unauthorized,
    /// A key that may not do this (403).
    #[error("forbidden: {0}")]
    Forbidden(Said),
    #[error("not found: {0}")]
    NotFound(Said),
    /// The path exists but does not take this method (405); `allow` lists those it takes.
    #[error("method not allowed: {method}")]
    MethodNotAllowed { method: String, allow: String },
    /// The change conflicts with the resource's current state (409).
    #[error("conflict: {0}")]
    Conflict(Said),
    /// `If-Match` did not match the current version (412).
    #[error("precondition failed: {0}")]
    PreconditionFailed(Said),
    /// An update was sent without `If-Match` (428).
    #[error("precondition required")]
    PreconditionRequired,
    #[error("payload too large: {0}")]
    PayloadTooLarge(Said),
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(Said),
    /// Over the per-key request rate (429).
    #[error("rate limited")]
    TooManyRequests { retry_after_secs: u64 },
    /// The database is unreachable or the pool is exhausted (503).
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// Too much heavy work is queued on this instance, or too many streams are open: what (503,
    /// retry in a second).
    #[error("busy: {0}")]
    Busy(&'static str),
    /// Anything unexpected: logged in full, answered with a generic 500.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// One field that breaks a rule, said by a message of the service's catalogue.
    pub fn invalid(field: impl Into<String>, said: Said) -> Self {
        AppError::Validation(vec![FieldError::said(field, said)])
    }

    /// A query parameter that is not valid, said by a message of the service's catalogue.
    pub fn bad_param(field: impl Into<String>, said: Said) -> Self {
        let error = FieldError::said(field, said);
        AppError::BadRequest {
            detail: format!("query parameter '{}' is not valid: {}", error.field, error.message),
            errors: vec![error],
        }
    }

    /// A request that cannot be read, its one problem at `field`.
    pub fn unreadable(field: impl Into<String>, detail: impl Into<String>, said: Said) -> Self {
        AppError::BadRequest { detail: detail.into(), errors: vec![FieldError::said(field, said)] }
    }

    pub fn internal(err: impl std::fmt::Display) -> Self {
        AppError::Internal(err.to_string())
    }

    fn code(&self) -> &'static str {
        match self {
            AppError::Validation(_) => "validation",
            AppError::BadRequest { .. } => "bad_request",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::MethodNotAllowed { .. } => "method_not_allowed",
            AppError::Conflict(_) => "conflict",
            AppError::PreconditionFailed(_) => "precondition_failed",
            AppError::PreconditionRequired => "precondition_required",
            AppError::PayloadTooLarge(_) => "payload_too_large",
            AppError::UnsupportedMediaType(_) => "unsupported_media_type",
            AppError::TooManyRequests { .. } => "rate_limited",
            AppError::Unavailable(_) => "unavailable",
            AppError::Busy(_) => "busy",
            AppError::Internal(_) => "internal",
        }
    }

    /// The problem in English.
    pub fn to_problem(&self) -> Problem {
        self.to_problem_in(Lang::En)
    }

    /// The problem in `lang`: its title and field messages, and its detail where the service
    /// says it in its own words (a detail written for one case stays as it was written).
    pub fn to_problem_in(&self, lang: Lang) -> Problem {
        let said = |id: &'static str, args: Vec<(&'static str, Arg)>| Said::new(id, args).in_language(lang);
        let messages = |errors: &[FieldError]| -> Vec<FieldError> {
            errors.iter().map(|e| FieldError { message: e.message_in(lang), ..e.clone() }).collect()
        };
        let (detail, errors) = match self {
            AppError::Validation(errors) => {
                let errors = messages(errors);
                let detail = match errors.as_slice() {
                    [one] => format!("{}: {}", one.field, one.message),
                    _ => said("detail-fields-not-valid", vec![("count", Arg::Number(errors.len() as i64))]),
                };
                (detail, errors)
            }
            AppError::BadRequest { detail, errors } => {
                let errors = messages(errors);
                let detail = match (lang, errors.as_slice()) {
                    (Lang::En, _) | (_, []) => detail.clone(),
                    (_, [one]) => format!("{}: {}", one.field, one.message),
                    (_, many) => said("detail-fields-not-valid", vec![("count", Arg::Number(many.len() as i64))]),
                };
                (detail, errors)
            }
            AppError::Unauthorized => (
                said("detail-unauthorized", vec![]),
                vec![FieldError::said("Authorization", Said::new("field-unauthorized", vec![]))],
            ),

            AppError::MethodNotAllowed { method, allow } => (
                said(
                    "detail-method-not-allowed",
                    vec![("method", method.as_str().into()), ("allow", allow.as_str().into())],
                ),
                vec![],
            ),
            AppError::TooManyRequests { retry_after_secs } => {
                (said("detail-rate-limited", vec![("seconds", Arg::Number(*retry_after_secs as i64))]), vec![])
            }
            AppError::Forbidden(d)
            | AppError::NotFound(d)
            | AppError::Conflict(d)
            | AppError::PreconditionFailed(d)
            | AppError::PayloadTooLarge(d)
            | AppError::UnsupportedMediaType(d) => (d.in_language(lang), vec![]),
            AppError::PreconditionRequired => (
                said("detail-precondition-required", vec![]),
                vec![FieldError::said("If-Match", Said::new("field-header-required", vec![]))],
            ),
            AppError::Unavailable(_) => (said("detail-unavailable", vec![]), vec![]),
            AppError::Busy(_) => (said("detail-busy", vec![]), vec![]),
            AppError::Internal(_) => (said("detail-internal", vec![]), vec![]),
        };
        let code = self.code();
        Problem {
            type_uri: format!("/problems/{code}"),
            title: lang.t(&format!("problem-{code}")),
            status: self.status_code().as_u16(),
            detail,
            code,
            errors,
        }
    }

    /// The problem+json answer in `lang`, marked as being in it (`Content-Language`, and
    /// `Vary: Accept-Language`, as the language may come from there).
    pub fn response_in(&self, lang: Lang) -> HttpResponse {
        match self {
            AppError::Internal(msg) => tracing::error!(error = %msg, "internal error"),
            AppError::Unavailable(msg) => tracing::warn!(error = %msg, "database unavailable"),
            _ => {}
        }
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        res.insert_header((header::CONTENT_LANGUAGE, lang.code()));
        res.insert_header((header::VARY, "Accept-Language"));
        match self {
            AppError::Unavailable(_) => {
                res.insert_header((header::RETRY_AFTER, "5"));
            }
            AppError::Busy(_) => {
                res.insert_header((header::RETRY_AFTER, "1"));
            }
            AppError::TooManyRequests { retry_after_secs } => {
                res.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            AppError::Unauthorized => {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            AppError::MethodNotAllowed { allow, .. } => {
                res.insert_header((header::ALLOW, allow.as_str()));
            }
            _ => {}
        }
        res.body(serde_json::to_vec(&self.to_problem_in(lang)).unwrap_or_default())
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            AppError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            AppError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) | AppError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// In English; `api::http::localized_problems` answers in the reader's language.
    fn error_response(&self) -> HttpResponse {
        self.response_in(Lang::En)
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(err: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match err {
            Error::NotFound => AppError::NotFound(Said::of("not-found-record")),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                tracing::info!(error = %info.message(), "refused as a duplicate");
                AppError::Conflict(Said::of("conflict-exists"))
            }
            Error::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
                AppError::Conflict(Said::of("conflict-missing-reference"))
            }
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, info) => {
                AppError::Unavailable(info.message().to_string())
            }
            Error::DatabaseError(_, ref info) if is_busy(info.message()) => {
                AppError::Unavailable(info.message().to_string())
            }
            other => AppError::Internal(with_causes(&other)),
        }
    }
}

/// An error's message followed by its causes', for the log (never for a response).
pub fn with_causes(err: &(dyn std::error::Error + 'static)) -> String {
    let mut message = err.to_string();
    let mut cause = err.source();
    while let Some(c) = cause {
        message.push_str(": ");
        message.push_str(&c.to_string());
        cause = c.source();
    }
    message
}

/// SQLite reports lock contention past the busy timeout as a plain error message.
fn is_busy(message: &str) -> bool {
    message.contains("database is locked") || message.contains("database is busy")
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(err: diesel::r2d2::PoolError) -> Self {
        AppError::Unavailable(with_causes(&err))
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        AppError::Internal(with_causes(&err))
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// Why the service could not start or a command could not run: a message for the operator.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StartupError(pub String);

impl From<AppError> for StartupError {
    fn from(e: AppError) -> Self {
        StartupError(e.to_string())
    }
}

impl From<diesel::result::Error> for StartupError {
    fn from(e: diesel::result::Error) -> Self {
        StartupError(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot store the offer")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn places_and_terms_are_said_in_the_readers_language() {
        let said = Said::new("conflict-consent-same", vec![("status", Arg::term("consent", "granted"))]).at("[2]");
        assert_eq!(said.in_language(Lang::En), "[2]: consent is already agreed to share");
        assert_eq!(said.in_language(Lang::Fr), "[2] : le consentement a déjà ce statut : partage accepté");
        let problem = AppError::Conflict(said).to_problem_in(Lang::Fr);
        assert_eq!(
            (problem.code, problem.title.as_str()),
            ("conflict", "La requête est en conflit avec l'état actuel")
        );
    }

    #[test]
    fn internal_errors_keep_their_causes_for_the_log_not_the_answer() {
        let err = Outer(std::io::Error::other("disk full"));
        assert_eq!(with_causes(&err), "cannot store the offer: disk full");
        let problem = AppError::Internal(with_causes(&err)).to_problem();
        assert!(!problem.detail.contains("disk"), "{}", problem.detail);
    }
}

//! Who reads a page: anonymous, or signed in with an API key for the length of a session.
//! The browser keeps a session cookie (HttpOnly, SameSite=Strict, Secure over HTTPS), never
//! the key; every form of a session carries its token (CSRF), and a form posted from another
//! site is refused by its `Origin` before anything else. Signing out ends the session on the
//! server.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use maud::html;
use serde::Deserialize;
use std::future::{ready, Ready};

use super::layout;
use super::{form_of, language_of, InPage, Lang, PageError};
use crate::api::rate_limit;
use crate::api::request_id::RequestId;
use crate::api::AppState;
use crate::domain::access::{hash_secret, Caller};
use crate::error::{AppError, AppResult, Said};
use crate::service::sessions::{self, Session, SESSION_HOURS};

const COOKIE: &str = "tcmatch_session";

/// The reader of a page: the caller every service call is made as, and the session if any.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub caller: Caller,
    pub session: Option<Session>,
}

impl Viewer {
    /// Nobody signed in (error pages, which are drawn without the request).
    pub fn anonymous() -> Viewer {
        Viewer { caller: Caller::anonymous(), session: None }
    }

    /// The session's form token, for a form's hidden field.
    pub fn csrf(&self) -> &str {
        self.session.as_ref().map_or("", |s| s.csrf_token.as_str())
    }

    /// The session, or a page asking to sign in first.
    pub fn signed_in(&self, lang: Lang) -> Result<&Session, PageError> {
        self.session.as_ref().ok_or(AppError::Unauthorized).in_page(lang)
    }

    /// Checks a posted form's token against the session's.
    pub fn check_form(&self, lang: Lang, token: &str) -> Result<&Session, PageError> {
        let session = self.signed_in(lang)?;
        let same = session.csrf_token.len() == token.len()
            && session.csrf_token.bytes().zip(token.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
        if !same {
            return Err(AppError::Forbidden(Said::of("forbidden-form-stale"))).in_page(lang);
        }
        Ok(session)
    }
}

impl FromRequest for Viewer {
    type Error = AppError;
    type Future = Ready<Result<Viewer, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(req.extensions().get::<Viewer>().cloned().ok_or_else(|| AppError::internal("page outside its scope")))
    }
}

/// Every page: refuses a form posted from elsewhere, finds the session, and admits the
/// request against its reader's allowance (the session's key, else the address), as the API
/// admits a call: a public page is no cheaper way in.
pub async fn admit(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    match viewer(&req).await {
        Ok(viewer) => {
            req.extensions_mut().insert(viewer);
            next.call(req).await.map(ServiceResponse::map_into_left_body)
        }
        Err(error) => {
            let lang = language_of(req.head()).unwrap_or(Lang::En);
            Ok(req.error_response(PageError { lang, error }).map_into_right_body())
        }
    }
}

async fn viewer(req: &ServiceRequest) -> AppResult<Viewer> {
    if req.method() != Method::GET && req.method() != Method::HEAD && !same_origin(req.request()) {
        return Err(AppError::Forbidden(Said::of("forbidden-cross-site")));
    }
    let state = req.app_data::<web::Data<AppState>>().ok_or_else(|| AppError::internal("no app state"))?;
    let session = match req.cookie(COOKIE) {
        Some(cookie) => sessions::find(&state.services, cookie.value()).await?,
        None => None,
    };
    rate_limit::admit_page(req, session.as_ref().map(|s| &s.identity))?;
    let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
    let caller = match &session {
        Some(s) => s.caller(request_id),
        None => Caller { identity: None, request_id },
    };
    Ok(Viewer { caller, session })
}

/// A form's `Origin`, when the browser sends one, names this site.
fn same_origin(req: &HttpRequest) -> bool {
    let Some(origin) = req.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = req.connection_info().host().to_string();
    origin.split_once("://").is_some_and(|(_, authority)| authority == host)
}

/// `/{lang}/sign-in`
pub async fn sign_in_page(lang: Lang, viewer: Viewer) -> HttpResponse {
    form_page(lang, &viewer, None, actix_web::http::StatusCode::OK)
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    key: String,
}

/// `POST /{lang}/sign-in`: a session for a valid key, then the reader's own page.
pub async fn sign_in(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: SignInForm = form_of(&body).in_page(lang)?;
    let key = form.key.trim().to_string();
    if key.is_empty() {
        return Ok(form_page(
            lang,
            &viewer,
            Some(lang.t("sign-in-key-missing")),
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
        ));
    }
    let key_hash = hash_secret(&key);
    rate_limit::before_sign_in(&req, &key_hash).in_page(lang)?;
    match sessions::sign_in(&state.services, key).await {
        Ok((secret, _)) => {
            let cookie = Cookie::build(COOKIE, secret)
                .path("/")
                .http_only(true)
                .same_site(SameSite::Strict)
                .secure(req.connection_info().scheme() == "https")
                .max_age(actix_web::cookie::time::Duration::hours(SESSION_HOURS))
                .finish();
            Ok(HttpResponse::SeeOther()
                .cookie(cookie)
                .insert_header((header::LOCATION, format!("/{}/my", lang.code())))
                .finish())
        }
        Err(AppError::Unauthorized) => {
            rate_limit::sign_in_failed(&req, &key_hash).in_page(lang)?;
            Ok(form_page(lang, &viewer, Some(lang.t("sign-in-key-unknown")), actix_web::http::StatusCode::UNAUTHORIZED))
        }
        Err(other) => Err(other).in_page(lang),
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /{lang}/sign-out`: the session ends on the server, and the cookie is cleared.
pub async fn sign_out(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: TokenForm = form_of(&body).in_page(lang)?;
    viewer.check_form(lang, &form.csrf)?;
    if let Some(cookie) = req.cookie(COOKIE) {
        sessions::sign_out(&state.services, cookie.value()).await.in_page(lang)?;
    }
    let mut gone = Cookie::build(COOKIE, "").path("/").http_only(true).same_site(SameSite::Strict).finish();
    gone.make_removal();
    Ok(HttpResponse::SeeOther().cookie(gone).insert_header((header::LOCATION, format!("/{}/", lang.code()))).finish())
}

/// The sign-in form, with `problem` next to the key field when the last try failed.
fn form_page(
    lang: Lang,
    viewer: &Viewer,
    problem: Option<String>,
    status: actix_web::http::StatusCode,
) -> HttpResponse {
    let content = html! {
        p { (lang.t("sign-in-intro")) }
        form.stacked method="post" action={ "/" (lang.code()) "/sign-in" } novalidate {
            div.field.wide {
                label for="key" { (lang.t("sign-in-key")) }
                @if let Some(problem) = &problem {
                    p.problem #key-problem { (problem) }
                }
                input #key type="password" name="key" autocomplete="off" spellcheck="false" required
                    aria-invalid=[problem.as_ref().map(|_| "true")] aria-describedby=[problem.as_ref().map(|_| "key-problem")];
            }
            button type="submit" { (lang.t("sign-in")) }
        }
    };
    let page = layout::page(lang, viewer, None, "/sign-in", &lang.t("sign-in-title"), content);
    let mut res = HttpResponse::build(status);
    super::with_page_headers(&mut res, lang);
    res.insert_header((header::CACHE_CONTROL, "no-store")).body(page.into_string())
}

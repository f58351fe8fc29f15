//! The web pages: HTML for people, in the six UN languages, over the same service functions as
//! the API, so the consent gate, roles and ownership hold exactly as there. Rendered on the
//! server (maud), they work without JavaScript. Every page lives under its language,
//! `/{lang}/...`; `/` sends a browser to the language it prefers.

mod admin;
mod assets;
mod chart;
mod cooperation;
mod engagements;
mod home;
mod import;
mod layout;
mod multipart;
mod my;
mod offer_upload;
mod offers;
pub(crate) mod parts;
mod recommendations;
mod request_form;
mod requests;
mod session;
mod themes;

use actix_web::dev::{Payload, RequestHead};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::from_fn;
use actix_web::{guard, web, FromRequest, HttpRequest, HttpResponse, ResponseError};
use maud::Markup;
use std::future::{ready, Ready};

pub use crate::i18n::Lang;
pub use session::Viewer;

use crate::domain::fnv::fnv1a;
use crate::error::{AppError, Said};

/// The pages' routes: registered after the API's, before the not-found answer.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home::choose_language))
        .route("/static/site.css", web::get().to(assets::stylesheet))
        .service(
            web::scope("/{lang}")
                .guard(guard::fn_guard(|ctx| language_of(ctx.head()).is_some()))
                .wrap(from_fn(session::admit))
                .route("/", web::get().to(home::page))
                .route("/sign-in", web::get().to(session::sign_in_page))
                .route("/sign-in", web::post().to(session::sign_in))
                .route("/sign-out", web::post().to(session::sign_out))
                .route("/my", web::get().to(my::page))
                .route("/admin/keys", web::get().to(admin::keys_page))
                .route("/admin/keys", web::post().to(admin::issue_key))
                .route("/admin/keys/{id}/revoke", web::post().to(admin::revoke_key))
                .route("/admin/audit", web::get().to(admin::audit_page))
                .route("/admin/import", web::get().to(import::page))
                .route("/admin/import", web::post().to(import::upload))
                .route("/my/requests/{id}/consent", web::post().to(my::record_consent))
                .route("/my/engagements", web::post().to(engagements::express_interest))
                .route("/my/engagements/{id}", web::post().to(engagements::move_engagement))
                .route("/my/offers/{id}/status", web::post().to(my::change_offer_status))
                .route("/my/offers/upload", web::get().to(offer_upload::page))
                .route("/my/offers/upload", web::post().to(offer_upload::upload))
                .route("/my/offers/template.csv", web::get().to(offer_upload::template))
                .route("/my/requests/new", web::get().to(request_form::page))
                .route("/my/requests/new", web::post().to(request_form::submit))
                .route("/requests", web::get().to(requests::list))
                .route("/requests.{ext}", web::get().to(requests::download))
                .route("/requests/{id}", web::get().to(requests::detail))
                .route("/offers", web::get().to(offers::list))
                .route("/offers.{ext}", web::get().to(offers::download))
                .route("/offers/{id}", web::get().to(offers::detail))
                .route("/recommendations", web::get().to(recommendations::page))
                .route("/recommendations/summary.{ext}", web::get().to(recommendations::summary_download))
                .route("/recommendations.{ext}", web::get().to(recommendations::download))
                .route("/cooperation", web::get().to(cooperation::page))
                .route("/cooperation.{ext}", web::get().to(cooperation::download))
                .route("/themes", web::get().to(themes::page))
                .route("/themes.{ext}", web::get().to(themes::download))
                .default_service(web::to(not_found)),
        );
}

async fn not_found(lang: Lang) -> Result<HttpResponse, PageError> {
    Err(AppError::NotFound(Said::of("not-found-page"))).in_page(lang)
}

fn language_of(head: &RequestHead) -> Option<Lang> {
    head.uri.path().split('/').nth(1).and_then(Lang::parse)
}

/// Pages take their language from their path.
impl FromRequest for Lang {
    type Error = AppError;
    type Future = Ready<Result<Lang, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(language_of(req.head()).ok_or_else(|| AppError::internal("page outside a language")))
    }
}

/// A failed page: the error, shown as a page in the reader's language.
#[derive(Debug)]
pub struct PageError {
    lang: Lang,
    error: AppError,
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        self.error.status_code()
    }

    fn error_response(&self) -> HttpResponse {
        // The problem's headers (Retry-After, Allow, ...) and language, with the page as body.
        let mut res = self.error.response_in(self.lang);
        let status = res.status();
        let page = layout::error_page(self.lang, status, &self.error.to_problem_in(self.lang));
        let body = page.into_string();
        let headers = res.headers_mut();
        headers.insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/html; charset=utf-8"));
        res.set_body(body).map_into_boxed_body()
    }
}

/// Errors of the layers below, as pages.
pub trait InPage<T> {
    fn in_page(self, lang: Lang) -> Result<T, PageError>;
}

impl<T> InPage<T> for Result<T, AppError> {
    fn in_page(self, lang: Lang) -> Result<T, PageError> {
        self.map_err(|error| PageError { lang, error })
    }
}

/// A page that reads: tagged by its content, so a reload of an unchanged page is a 304. A
/// signed-in reader's pages are theirs alone: no shared cache keeps them.
pub fn public_page(req: &HttpRequest, lang: Lang, viewer: &Viewer, markup: Markup) -> HttpResponse {
    let body = markup.into_string();
    let etag = format!("\"{:016x}\"", fnv1a(body.as_bytes()));
    if let Some(unchanged) = crate::api::http::not_modified(req, &etag) {
        return unchanged;
    }
    let mut res = HttpResponse::Ok();
    let cache = if viewer.session.is_some() { "private, no-cache" } else { "no-cache" };
    res.insert_header((header::ETAG, etag)).insert_header((header::CACHE_CONTROL, cache));
    with_page_headers(&mut res, lang);
    res.body(body)
}

/// A posted form (`application/x-www-form-urlencoded`), decoded into `T`.
pub fn form_of<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    serde_urlencoded::from_bytes(body).map_err(|e| multipart::unreadable(&e.to_string()))
}

/// What every page answers with: HTML in its language, and a content policy that allows
/// nothing from elsewhere (no inline script, no framing).
fn with_page_headers(res: &mut actix_web::HttpResponseBuilder, lang: Lang) {
    res.content_type("text/html; charset=utf-8")
        .insert_header((header::CONTENT_LANGUAGE, lang.code()))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
             form-action 'self'; frame-ancestors 'none'",
        ))
        .insert_header((header::REFERRER_POLICY, "same-origin"));
}

//! The one stylesheet, compiled into the binary (`static/site.css`). Pages link it by a URL
//! that names its content, so a browser may keep it for a year and still never shows an old
//! one after an upgrade.

use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::HttpResponse;

use crate::domain::fnv::fnv1a;

const STYLESHEET: &str = include_str!("../../static/site.css");

/// `/static/site.css?v=<content hash>`
pub static STYLESHEET_URL: LazyLock<String> =
    LazyLock::new(|| format!("/static/site.css?v={:016x}", fnv1a(STYLESHEET.as_bytes())));

pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(STYLESHEET)
}

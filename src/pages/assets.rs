//! The one stylesheet, compiled into the binary (`static/site.css`).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};

use crate::domain::fnv::fnv1a;

const STYLESHEET: &str = include_str!("../../static/site.css");

pub async fn stylesheet(req: HttpRequest) -> HttpResponse {
    let etag = format!("\"{:016x}\"", fnv1a(STYLESHEET.as_bytes()));
    if let Some(unchanged) = crate::api::http::not_modified(&req, &etag) {
        return unchanged;
    }
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(STYLESHEET)
}

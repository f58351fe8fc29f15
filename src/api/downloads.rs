//! The API's downloads beyond a list's own (a list hands its service call to
//! `export::table::list`): short lists of records whole, as CSV or XLSX, and engagements as IATI
//! activity XML, through the same service calls and consent gate as the JSON pages.

use std::sync::Arc;

use actix_web::http::header;
use actix_web::HttpResponse;

use crate::db::engagements::EngagementFilter;
use crate::db::page::PageRequest;
use crate::domain::access::Caller;
use crate::error::{AppError, AppResult};
use crate::export::table::{self, PAGE};
use crate::export::{iati, stream, Sheet, Tabular};
use crate::service::{self, Services};

/// The caller's engagements that `filter` selects, as one IATI activities document, streamed a
/// page of engagements at a time; 204 No Content when none is to be reported (the schema wants
/// at least one activity in a document).
pub async fn iati(services: Arc<Services>, caller: Caller, filter: EngagementFilter) -> AppResult<HttpResponse> {
    let mut after = None;
    let first = loop {
        let page = PageRequest { limit: PAGE, after: after.take() };
        let (xml, next) = service::iati::activities(&services, &caller, filter.clone(), page).await?;
        match (xml.is_empty(), next) {
            (false, next) => break (xml, next),
            (true, Some(next)) => after = Some(next),
            (true, None) => return Ok(HttpResponse::NoContent().finish()),
        }
    };
    let mut opening = iati::opening(chrono::Utc::now());
    opening.push_str(&first.0);
    let next_page = move |after: Option<String>| {
        let (services, caller, filter) = (Arc::clone(&services), caller.clone(), filter.clone());
        async move {
            let (xml, next) =
                service::iati::activities(&services, &caller, filter, PageRequest { limit: PAGE, after }).await?;
            Ok((xml.into_bytes(), next))
        }
    };
    let rest = move |after: Option<String>| {
        // The first page went with the opening; the rest follows its cursor.
        let next_page = next_page.clone();
        let after = after.or_else(|| first.1.clone());
        async move {
            match after {
                Some(cursor) => next_page(Some(cursor)).await,
                None => Ok((Vec::new(), None)),
            }
        }
    };
    let body = stream::pages(opening.into_bytes(), iati::CLOSING.into(), rest);
    Ok(HttpResponse::Ok()
        .content_type("application/xml; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"tcmatch-engagements-iati.xml\""))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((header::VARY, "Accept, Accept-Language"))
        .streaming::<_, AppError>(body))
}

/// A short list of records, whole, as `tcmatch-{name}.csv` (or `.xlsx`).
pub fn records<T: Tabular>(sheet: Sheet, lang: &'static str, name: &str, items: &[T]) -> AppResult<HttpResponse> {
    table::whole(sheet, lang, &format!("tcmatch-{name}"), T::COLUMNS, items.iter().map(Tabular::row))
}

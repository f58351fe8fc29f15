//! Lists as downloads: CSV (`?format=csv` or `Accept: text/csv`; UTF-8 with a byte order mark)
//! of every item the filters select, and engagements as IATI activity XML; through the same
//! service calls and consent gate as the JSON pages, streamed a page at a time.

use std::future::Future;

use std::sync::Arc;

use actix_web::http::header;
use actix_web::HttpResponse;

use crate::db::engagements::EngagementFilter;
use crate::db::page::{PageOf, PageRequest};
use crate::domain::access::Caller;
use crate::error::{AppError, AppResult};
use crate::export::{csv, iati, stream, Tabular};
use crate::service::{self, Services};

/// Streams every row `list(filter, page)` gives as `tcmatch-{name}.csv`: `header`, then each
/// row as `to_row` makes it a CSV row.
pub fn list<Filter, Row, L, Fut>(
    lang: &'static str,
    name: &str,
    header: &'static [&'static str],
    filter: Filter,
    list: L,
    to_row: fn(&Row) -> AppResult<Vec<String>>,
) -> HttpResponse
where
    Filter: Clone + 'static,
    Row: 'static,
    L: Fn(Filter, PageRequest) -> Fut + 'static,
    Fut: Future<Output = AppResult<PageOf<Row>>> + 'static,
{
    csv::stream_list(lang, &format!("tcmatch-{name}.csv"), header, filter, list, to_row)
}

/// The caller's engagements that `filter` selects, as one IATI activities document, streamed a
/// page of engagements at a time; 204 No Content when none is to be reported (the schema wants
/// at least one activity in a document).
pub async fn iati(services: Arc<Services>, caller: Caller, filter: EngagementFilter) -> AppResult<HttpResponse> {
    let mut after = None;
    let first = loop {
        let page = PageRequest { limit: csv::PAGE, after: after.take() };
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
                service::iati::activities(&services, &caller, filter, PageRequest { limit: csv::PAGE, after }).await?;
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

/// A short list of records, whole, as `tcmatch-{name}.csv`.
pub fn records<T: Tabular>(lang: &'static str, name: &str, items: &[T]) -> HttpResponse {
    csv::table(lang, &format!("tcmatch-{name}.csv"), T::HEADER, items.iter().map(Tabular::row))
}

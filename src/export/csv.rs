//! CSV downloads: lists streamed a page at a time (a list of 100,000 offers never sits in
//! memory whole), and small tables (tallies, summaries) whole. UTF-8 with a byte order mark
//! (spreadsheets in every locale read it right), the API's field names as the header, lists
//! joined with `;` as the CSV upload reads them.

use std::future::Future;

use actix_web::http::header;
use actix_web::HttpResponse;

use super::stream;
use crate::db::page::{PageOf, PageRequest};
use crate::error::{AppError, AppResult};

/// Rows fetched per page of the underlying list.
pub const PAGE: i64 = 200;

/// One page of rows, and the cursor after it (none on the last page).
pub type Rows = (Vec<Vec<String>>, Option<String>);

/// Streams `header`, then every page `next_page(after)` gives until it gives no cursor.
pub fn stream<F, Fut>(
    lang: &'static str,
    filename: &str,
    header: &'static [&'static str],
    mut next_page: F,
) -> HttpResponse
where
    F: FnMut(Option<String>) -> Fut + 'static,
    Fut: Future<Output = AppResult<Rows>> + 'static,
{
    let next_chunk = move |after| {
        let page = next_page(after);
        async move { page.await.map(|(rows, next)| (csv_lines(rows.into_iter()), next)) }
    };
    let body = stream::pages(with_header(header, std::iter::empty()), Vec::new(), next_chunk);
    download(lang, filename).streaming::<_, AppError>(body)
}

/// A small table as one download.
pub fn table(
    lang: &'static str,
    filename: &str,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> HttpResponse {
    download(lang, filename).body(with_header(header, rows))
}

/// A CSV download's answer, before its body.
fn download(lang: &'static str, filename: &str) -> actix_web::HttpResponseBuilder {
    let mut res = HttpResponse::Ok();
    res.content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")))
        .insert_header((header::CONTENT_LANGUAGE, lang))
        .insert_header((header::VARY, "Accept, Accept-Language"))
        .insert_header((header::CACHE_CONTROL, "no-cache"));
    res
}

/// The byte order mark, the header and `rows`.
fn with_header(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(csv_lines(std::iter::once(header.iter().map(|h| h.to_string()).collect()).chain(rows)));
    bytes
}

/// Streams every row of a list: `list(filter, page)` is the list's service call, `to_row` makes
/// a stored row a CSV row.
pub fn stream_list<Filter, Row, L, Fut>(
    lang: &'static str,
    filename: &str,
    header: &'static [&'static str],
    filter: Filter,
    list: L,
    to_row: impl Fn(&Row) -> AppResult<Vec<String>> + Clone + 'static,
) -> HttpResponse
where
    Filter: Clone + 'static,
    Row: 'static,
    L: Fn(Filter, PageRequest) -> Fut + 'static,
    Fut: Future<Output = AppResult<PageOf<Row>>> + 'static,
{
    let next_page = move |after: Option<String>| {
        let found = list(filter.clone(), PageRequest { limit: PAGE, after });
        let to_row = to_row.clone();
        async move {
            let found = found.await?;
            let rows = found.rows.iter().map(&to_row).collect::<AppResult<_>>()?;
            Ok((rows, found.next_after))
        }
    };
    stream(lang, filename, header, next_page)
}

/// Rows as CSV lines.
fn csv_lines(rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // Writing into memory cannot fail.
        let _ = out.write_record(&row);
    }
    out.into_inner().unwrap_or_default()
}

/// A list cell: items joined with `;`.
pub fn list<T: std::fmt::Display>(items: &[T]) -> String {
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join(";")
}

/// An optional cell: empty when absent.
pub fn optional<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn every_page_is_streamed_after_the_header_until_the_last() {
        let next_page = |after: Option<String>| async move {
            let n: u32 = after.as_deref().map_or(0, |a| a.parse().unwrap());
            let rows = vec![vec![format!("row {n}")]];
            Ok((rows, (n < 2).then(|| (n + 1).to_string())))
        };
        let res = stream("en", "x.csv", &["name"], next_page);
        assert_eq!(res.headers().get("content-disposition").unwrap(), "attachment; filename=\"x.csv\"");
        let body = actix_web::body::to_bytes(res.into_body()).await.unwrap();
        assert_eq!(std::str::from_utf8(&body).unwrap(), "\u{feff}name\nrow 0\nrow 1\nrow 2\n");
    }

    #[test]
    fn cells_are_quoted_and_lists_joined() {
        let lines = csv_lines(vec![vec!["a, b".to_string(), list(&["x", "y"]), optional::<i64>(None)]].into_iter());
        assert_eq!(String::from_utf8(lines).unwrap(), "\"a, b\",x;y,\n");
    }
}

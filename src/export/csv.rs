//! CSV downloads: UTF-8 with a byte order mark (spreadsheets in every locale read it right),
//! the API's field names as the header, lists joined with `;` as the CSV upload reads them.

use std::future::Future;

use actix_web::{HttpResponse, HttpResponseBuilder};

use super::stream;
use super::table::Rows;
use crate::domain::csv_rows::formula_safe;
use crate::error::{AppError, AppResult};

pub const MEDIA_TYPE: &str = "text/csv; charset=utf-8";

/// Streams `header`, then every page `next_page(after)` gives until it gives no cursor, as the
/// body of `download`.
pub fn stream<F, Fut>(
    mut download: HttpResponseBuilder,
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
    download.content_type(MEDIA_TYPE).streaming::<_, AppError>(body)
}

/// The byte order mark, the header and `rows`.
pub fn with_header(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(csv_lines(std::iter::once(header.iter().map(|h| h.to_string()).collect()).chain(rows)));
    bytes
}

/// Rows as CSV lines, every cell [`formula_safe`].
fn csv_lines(rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // Writing into memory cannot fail.
        let _ = out.write_record(row.into_iter().map(formula_safe));
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
        let res = stream(HttpResponse::Ok(), &["name"], next_page);
        assert_eq!(res.headers().get("content-type").unwrap(), MEDIA_TYPE);
        let body = actix_web::body::to_bytes(res.into_body()).await.unwrap();
        assert_eq!(std::str::from_utf8(&body).unwrap(), "\u{feff}name\nrow 0\nrow 1\nrow 2\n");
    }

    #[test]
    fn cells_are_quoted_and_lists_joined() {
        let lines = csv_lines(vec![vec!["a, b".to_string(), list(&["x", "y"]), optional::<i64>(None)]].into_iter());
        assert_eq!(String::from_utf8(lines).unwrap(), "\"a, b\",x;y,\n");
    }

    #[test]
    fn formulas_are_written_as_text_and_numbers_as_numbers() {
        let cells = ["=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(1+1)", "+Draft", "-5", "-", "2027-01-01"];
        let lines = csv_lines(std::iter::once(cells.iter().map(|c| c.to_string()).collect()));
        assert_eq!(
            String::from_utf8(lines).unwrap(),
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'@SUM(1+1),'+Draft,-5,'-,2027-01-01\n"
        );
    }
}

//! Tables as downloads, in the form the reader asks for: CSV (UTF-8 with a byte order mark,
//! streamed a page at a time) or XLSX (an Excel sheet, numbers as numbers). Lists go a page of
//! the list's own service call at a time, so a 100,000-row download never sits in memory whole;
//! small tables (tallies, summaries) go whole.

use std::future::Future;

use actix_web::http::header;
use actix_web::{HttpResponse, HttpResponseBuilder};

use super::{csv, xlsx};
use crate::db::page::{PageOf, PageRequest};
use crate::error::AppResult;

/// The spreadsheet forms of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    Csv,
    Xlsx,
}

impl Sheet {
    pub fn extension(self) -> &'static str {
        match self {
            Sheet::Csv => "csv",
            Sheet::Xlsx => "xlsx",
        }
    }

    /// The form a file name's extension names (`csv`, `xlsx`).
    pub fn from_extension(extension: &str) -> Option<Sheet> {
        [Sheet::Csv, Sheet::Xlsx].into_iter().find(|s| s.extension().eq_ignore_ascii_case(extension))
    }
}

/// A table's column names, in row order, and those of them that hold numbers.
pub struct Columns {
    pub names: &'static [&'static str],
    pub numbers: &'static [&'static str],
}

/// Rows fetched per page of the underlying list.
pub const PAGE: i64 = 200;

/// One page of rows, and the cursor after it (none on the last page).
pub type Rows = (Vec<Vec<String>>, Option<String>);

/// Every page `next_page(after)` gives, until it gives no cursor, as the download
/// `{stem}.{csv|xlsx}`.
pub async fn pages<F, Fut>(
    sheet: Sheet,
    lang: &'static str,
    stem: &str,
    columns: Columns,
    mut next_page: F,
) -> AppResult<HttpResponse>
where
    F: FnMut(Option<String>) -> Fut + 'static,
    Fut: Future<Output = AppResult<Rows>> + 'static,
{
    let download = download(lang, &format!("{stem}.{}", sheet.extension()));
    match sheet {
        Sheet::Csv => Ok(csv::stream(download, columns.names, next_page)),
        Sheet::Xlsx => {
            let mut book = xlsx::Book::new(&columns)?;
            let mut after = None;
            loop {
                let (rows, next) = next_page(after).await?;
                book.append(rows)?;
                match next {
                    Some(next) => after = Some(next),
                    None => break,
                }
            }
            book.answer(download)
        }
    }
}

/// Every row of a list as a download: `list(filter, page)` is the list's service call,
/// `to_row` makes a stored row a table row.
pub async fn list<Filter, Row, L, Fut>(
    sheet: Sheet,
    lang: &'static str,
    stem: &str,
    columns: Columns,
    filter: Filter,
    list: L,
    to_row: impl Fn(&Row) -> AppResult<Vec<String>> + Clone + 'static,
) -> AppResult<HttpResponse>
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
    pages(sheet, lang, stem, columns, next_page).await
}

/// A small table, whole, as the download `{stem}.{csv|xlsx}`.
pub fn whole(
    sheet: Sheet,
    lang: &'static str,
    stem: &str,
    columns: Columns,
    rows: impl Iterator<Item = Vec<String>>,
) -> AppResult<HttpResponse> {
    let mut download = download(lang, &format!("{stem}.{}", sheet.extension()));
    match sheet {
        Sheet::Csv => Ok(download.content_type(csv::MEDIA_TYPE).body(csv::with_header(columns.names, rows))),
        Sheet::Xlsx => {
            let mut book = xlsx::Book::new(&columns)?;
            book.append(rows)?;
            book.answer(download)
        }
    }
}

/// A download's answer, before its type and body. Kept by no shared cache: a signed-in
/// reader's file (a State's own pending requests, a provider's drafts) is theirs alone, and
/// the pages sign in by cookie, which a shared cache does not tell apart.
fn download(lang: &'static str, filename: &str) -> HttpResponseBuilder {
    let mut res = HttpResponse::Ok();
    res.insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")))
        .insert_header((header::CONTENT_LANGUAGE, lang))
        .insert_header((header::VARY, "Accept, Accept-Language"))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_is_named_by_its_extension() {
        assert_eq!(Sheet::from_extension("XLSX"), Some(Sheet::Xlsx));
        assert_eq!(Sheet::from_extension("csv"), Some(Sheet::Csv));
        assert_eq!(Sheet::from_extension("pdf"), None);
    }
}

//! Lists as CSV downloads (`?format=csv` or `Accept: text/csv`): every item the filters select,
//! through the same service calls and consent gate as the JSON pages, streamed a page at a
//! time, UTF-8 with a byte order mark.

use std::future::Future;

use actix_web::HttpResponse;

use crate::db::page::{PageOf, PageRequest};
use crate::error::AppResult;
use crate::export::{csv, Tabular};

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

/// A short list of records, whole, as `tcmatch-{name}.csv`.
pub fn records<T: Tabular>(lang: &'static str, name: &str, items: &[T]) -> HttpResponse {
    csv::table(lang, &format!("tcmatch-{name}.csv"), T::HEADER, items.iter().map(Tabular::row))
}

//! Lists in pages: the page size and cursor a call asks for, and the page it gets.

use serde::Serialize;
use utoipa::ToSchema;

use crate::db::page::{PageOf, PageRequest};
use crate::domain::ids;
use crate::error::{AppError, AppResult, Arg, Said};
use crate::service::names::Names;

/// Default and maximum page sizes of every list.
pub const DEFAULT_PAGE_SIZE: i64 = 50;
pub const MAX_PAGE_SIZE: i64 = 200;

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// How many items match the filters, over all pages.
    pub total: i64,
    pub limit: i64,
    /// What the items refer to by code, named in the reader's language (`?lang=` or
    /// `Accept-Language`): on lists of requests, offers and recommendations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub names: Option<Names>,
}

impl<T> Page<T> {
    pub fn from_rows<R>(
        page: PageOf<R>,
        request: &PageRequest,
        view: impl FnMut(R) -> AppResult<T>,
    ) -> AppResult<Self> {
        Ok(Page {
            items: page.rows.into_iter().map(view).collect::<AppResult<_>>()?,
            next_cursor: page.next_after.as_deref().map(ids::encode_cursor),
            total: page.total,
            limit: request.limit,
            names: None,
        })
    }

    /// The page with what its items refer to, named.
    pub fn named(self, names: Names) -> Self {
        Page { names: Some(names), ..self }
    }
}

/// `limit` and `cursor` of a list call, checked.
pub fn page_request(limit: Option<&str>, cursor: Option<&str>, id_prefix: &str) -> AppResult<PageRequest> {
    let limit = match limit {
        None => DEFAULT_PAGE_SIZE,
        Some(text) => text.trim().parse::<i64>().ok().filter(|n| (1..=MAX_PAGE_SIZE).contains(n)).ok_or_else(|| {
            AppError::bad_param(
                "limit",
                Said::new(
                    "field-whole-number-range",
                    vec![("min", Arg::Number(1)), ("max", Arg::Number(MAX_PAGE_SIZE))],
                ),
            )
        })?,
    };
    let after = cursor.map(|c| ids::decode_cursor(c, id_prefix)).transpose()?;
    Ok(PageRequest { limit, after })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_request_checks_limit_and_cursor() {
        assert_eq!(page_request(None, None, "req").unwrap().limit, DEFAULT_PAGE_SIZE);
        assert!(page_request(Some("0"), None, "req").is_err());
        assert!(page_request(Some("201"), None, "req").is_err());
        assert!(page_request(Some("ten"), None, "req").is_err());
        assert!(page_request(None, Some("nope"), "req").is_err());
    }
}

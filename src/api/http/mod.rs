//! HTTP plumbing every resource uses: request bodies, query parameters, answers and
//! conditional requests, paging, and the form and language of an answer.

mod body;
mod conditional;
mod format;
mod language;
mod paging;
mod params;

pub use body::{
    decode_json, decode_value, media_type, read_body, require_content_type, ChangesBody, CheckedBody, JsonBody,
};
pub use conditional::{created, idempotency_key, if_match, json_response, not_modified, version_etag, versioned};
pub use format::{format, format_or_iati, Format};
pub use language::{in_language, language, localized_problems};
pub use paging::{page_request, Page, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
pub use params::{
    int_param, region_param, search_words, state_or_region, state_param, theme_param, timestamp_param, vocab_param,
    Params,
};

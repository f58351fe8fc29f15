//! Lists stored as JSON text in a row's column (themes, languages, areas, ...): read back into
//! values, and written.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{AppError, AppResult};

pub fn json_list<T: DeserializeOwned>(text: &str) -> AppResult<Vec<T>> {
    serde_json::from_str(text).map_err(AppError::internal)
}

pub fn to_json_text<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("lists of strings and enums serialise")
}

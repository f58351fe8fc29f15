//! Plain types and rules of the repository: reference data (States, regions, themes), the
//! controlled vocabularies, theme-tag resolution and input validation. No HTTP, no SQL.

pub mod access;
pub mod audit;
pub mod catalog;
pub mod csv_rows;
pub mod engagement;
pub mod fnv;
pub mod ids;
pub mod recommendation_csv;
pub mod theme_resolver;
pub mod validate;
pub mod vocab;

//! Downloads, for the API and the web pages alike: records as table rows ([`Tabular`]), tables
//! as CSV or XLSX ([`table`]) streamed a page at a time, and engagements as IATI activities
//! ([`iati`]).

pub mod csv;
pub mod iati;
mod records;
pub mod stream;
pub mod table;
mod xlsx;

pub use records::Tabular;
pub use table::Sheet;
pub use xlsx::MEDIA_TYPE as XLSX_MEDIA_TYPE;

//! Downloads, for the API and the web pages alike: records as CSV rows ([`Tabular`]), CSV
//! answers streamed a page at a time ([`csv`]), and engagements as IATI activities ([`iati`]).

pub mod csv;
pub mod iati;
mod records;
pub mod stream;

pub use records::Tabular;

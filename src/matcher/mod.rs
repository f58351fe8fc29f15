//! The matcher: pure, deterministic scoring of offer-request pairs (`score`) over compact
//! in-memory records (`entry`), and the index that answers top-k queries without scanning
//! every record (`index`), why a pair ranks where it does (`explain`), every offer for lists
//! (`listing`), and supply against demand per theme (`supply`). No I/O here: storage feeds it
//! `OfferFacts` and `RequestFacts`.

pub mod config;
pub mod entry;
pub mod explain;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod index;
pub mod listing;
mod quick_hash;
pub mod score;
pub mod supply;

pub use config::MatchConfig;
pub use entry::{OfferFacts, RequestFacts};
pub use index::{ranked_pairs, MatchIndex, Pair, RequestVisibility};
pub use score::{Breakdown, Scored};

//! The matcher: pure, deterministic scoring of offer-request pairs (`score`) over compact
//! in-memory records (`entry`), and the index that answers top-k queries without scanning
//! every record (`index`). No I/O here: storage feeds it `OfferFacts` and `RequestFacts`.

pub mod config;
pub mod entry;
pub mod index;
pub mod score;

pub use config::MatchConfig;
pub use entry::{OfferFacts, RequestFacts};
pub use index::{MatchIndex, Pair, RequestVisibility};
pub use score::{Breakdown, Scored};

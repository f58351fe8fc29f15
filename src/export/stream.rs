//! A download streamed a page at a time: its opening, then every page the source gives until
//! it gives no cursor, then its closing, so a 100,000-record download never sits in memory whole.

use std::future::Future;

use actix_web::web::Bytes;
use futures_util::Stream;

use crate::error::{AppError, AppResult};

/// One page of a download's body, and the cursor after it (none on the last page).
pub type Chunk = (Vec<u8>, Option<String>);

/// `opening`, every page `next_page(after)` gives, then `closing`. An error after the first
/// bytes ends the body short (the status is sent already), and the log says why.
pub fn pages<F, Fut>(opening: Vec<u8>, closing: Vec<u8>, next_page: F) -> impl Stream<Item = Result<Bytes, AppError>>
where
    F: FnMut(Option<String>) -> Fut + 'static,
    Fut: Future<Output = AppResult<Chunk>> + 'static,
{
    enum Step {
        Opening,
        After(Option<String>),
        Closing,
        Done,
    }
    let state = (Step::Opening, next_page, opening, closing);
    futures_util::stream::unfold(state, move |(step, mut next_page, opening, closing)| async move {
        match step {
            Step::Opening => Some((Ok(Bytes::from(opening)), (Step::After(None), next_page, Vec::new(), closing))),
            Step::After(after) => match next_page(after).await {
                Ok((bytes, next)) => {
                    let following = if next.is_some() { Step::After(next) } else { Step::Closing };
                    Some((Ok(Bytes::from(bytes)), (following, next_page, opening, closing)))
                }
                Err(e) => {
                    tracing::error!(error = %e, "a download stopped");
                    Some((Err(e), (Step::Done, next_page, opening, closing)))
                }
            },
            Step::Closing => Some((Ok(Bytes::from(closing)), (Step::Done, next_page, opening, Vec::new()))),
            Step::Done => None,
        }
    })
}

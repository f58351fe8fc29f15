//! `/changes`: the change feed (see [`service`]), read a page at a time or held open as a
//! Server-Sent Events stream, so dashboards are told instead of polling every list.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::http::{header, StatusCode};
use actix_web::web::Bytes;
use actix_web::{get, web, HttpMessage, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::http;
use super::rate_limit::Payer;
use super::responses::ListRead;
use super::AppState;
use crate::db::changes::FeedPosition;
use crate::domain::access::Caller;
use crate::error::{AppError, AppResult};
use crate::service::feed::{self as service, ChangeItem, ChangePage};
use crate::service::Services;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ChangeQuery {
    /// The `position` of the last change read, or the `next_after` of the last page (default:
    /// the beginning).
    pub after: Option<String>,
    /// Changes read, 1-1000 (default 200); fewer items come back when some are hidden.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 1000)]
    pub limit: Option<String>,
}

/// What changed after a position, as far as the caller may see it: requests (consent decisions
/// included), offers and engagements, each named once at its last change in the page. Keep
/// `next_after` and ask again. **Roles:** anyone; what each caller sees follows the same rules
/// as the lists (pending requests only for their State and admins; engagements only for their
/// parties).
#[utoipa::path(
    security((), ("api_key" = [])),
    tag = "changes",
    params(ChangeQuery),
    responses((status = 200, body = ChangePage), ListRead)
)]
#[get("/changes")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    q: http::Params<ChangeQuery>,
) -> AppResult<HttpResponse> {
    let after = q.after.as_deref().map(service::parse_position).transpose()?.unwrap_or_default();
    let limit = http::int_param("limit", q.limit.as_deref(), 1, 1000)?.unwrap_or(200);
    let page = service::changes(&state.services, &caller, after, i64::from(limit)).await?;
    http::json_response(&req, StatusCode::OK, &page, None)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StreamQuery {
    /// Start after this position (default: the newest change; a reconnecting browser sends
    /// `Last-Event-ID` instead).
    pub after: Option<String>,
}

/// How often an open stream looks whether this instance has read new changes.
const POLL: Duration = Duration::from_millis(500);

/// How long a stream goes without asking the database when this instance has read no new
/// change (on PostgreSQL a change read may show in the feed only once older transactions end).
const ASK_AT_LEAST_EVERY: Duration = Duration::from_secs(5);

/// How long a quiet stream waits before a comment that keeps proxies from closing it.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Streams held open at once by one instance.
const MAX_STREAMS: usize = 200;

/// Streams held open at once by one caller (a key, or an address without one) on one
/// instance: enough for the dashboards of an office behind one address, too few for one
/// client to hold every stream of the instance.
const MAX_STREAMS_PER_CALLER: usize = 16;

/// The streams an instance holds open, in all and by caller.
#[derive(Default)]
pub struct Streams {
    open: AtomicUsize,
    by_caller: Mutex<HashMap<Payer, usize>>,
}

/// The change feed as Server-Sent Events: each change an event (`id:` its position,
/// `event: change`, `data:` the item as JSON), a comment every 15 s when nothing happens. A
/// reconnecting client resumes after `Last-Event-ID`. **Roles:** anyone; each caller sees
/// what the feed shows it.
#[utoipa::path(
    security((), ("api_key" = [])),
    tag = "changes",
    params(StreamQuery, ("Last-Event-ID" = Option<String>, Header, description = "The id of the last event received")),
    responses(
        (status = 200, description = "An event stream", content_type = "text/event-stream", body = String),
        (status = 503, description = "Too many streams open", body = crate::error::Problem, content_type = "application/problem+json"),
        ListRead,
    )
)]
#[get("/changes/stream")]
pub async fn stream(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    q: http::Params<StreamQuery>,
) -> AppResult<HttpResponse> {
    // The slot first: a stream refused for want of one costs no reading.
    let slot = StreamSlot::take(&state.streams, req.extensions().get::<Payer>().cloned())?;
    let resume = req.headers().get("last-event-id").and_then(|v| v.to_str().ok()).map(str::to_string);
    let after = match resume.or_else(|| q.after.clone()) {
        Some(given) => service::parse_position(&given)?,
        None => service::newest(&state.services).await?,
    };
    let services = Arc::clone(&state.services);
    let start =
        Watch { after, quiet: Duration::ZERO, unasked: Duration::ZERO, seen: None, first: true, slot: Some(slot) };
    let body =
        futures_util::stream::unfold(start, move |watch| next_event(Arc::clone(&services), caller.clone(), watch));
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header(("X-Accel-Buffering", "no"))
        // Compressing would hold events back in the encoder.
        .insert_header((header::CONTENT_ENCODING, "identity"))
        .streaming::<_, AppError>(body))
}

/// Where an open stream is.
struct Watch {
    after: FeedPosition,
    quiet: Duration,
    /// Since the database was last asked, and how many changes the instance had read then.
    unasked: Duration,
    seen: Option<u64>,
    first: bool,
    /// Held while the stream is open; `None` once it ended.
    slot: Option<StreamSlot>,
}

/// The next bytes of a stream: the changes after its position, or a keep-alive comment.
async fn next_event(services: Arc<Services>, caller: Caller, mut w: Watch) -> Option<(Result<Bytes, AppError>, Watch)> {
    w.slot.as_ref()?;
    if w.first {
        w.first = false;
        return Some((Ok(Bytes::from_static(b"retry: 3000\n\n")), w));
    }
    loop {
        let followed = services.matching.followed();
        if w.seen != Some(followed) || w.unasked >= ASK_AT_LEAST_EVERY {
            // Read before asking: a change read meanwhile makes the next round ask again.
            (w.seen, w.unasked) = (Some(followed), Duration::ZERO);
            let page = match service::follow(&services, &caller, w.after, 200).await {
                Ok(page) => page,
                Err(e) => {
                    tracing::warn!(error = %e, "a change stream stopped");
                    w.slot = None;
                    return Some((Err(e), w));
                }
            };
            w.after = service::parse_position(&page.next_after).unwrap_or(w.after);
            if !page.items.is_empty() {
                w.quiet = Duration::ZERO;
                return Some((Ok(Bytes::from(events(&page.items))), w));
            }
        }
        actix_web::rt::time::sleep(POLL).await;
        w.quiet += POLL;
        w.unasked += POLL;
        if w.quiet >= KEEP_ALIVE {
            w.quiet = Duration::ZERO;
            return Some((Ok(Bytes::from_static(b": keep-alive\n\n")), w));
        }
    }
}

/// Changes as Server-Sent Events.
fn events(items: &[ChangeItem]) -> String {
    items
        .iter()
        .map(|item| {
            let data = serde_json::to_string(item).unwrap_or_default();
            format!("id: {}\nevent: change\ndata: {data}\n\n", item.position)
        })
        .collect()
}

/// One of the streams an instance holds open, and its caller's; given back when the stream
/// ends.
struct StreamSlot {
    streams: Arc<Streams>,
    caller: Option<Payer>,
}

impl StreamSlot {
    /// 503 when the instance holds as many streams as it may, 429 when the caller does.
    fn take(streams: &Arc<Streams>, caller: Option<Payer>) -> AppResult<StreamSlot> {
        if streams.open.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
            streams.open.fetch_sub(1, Ordering::SeqCst);
            return Err(AppError::Busy("this instance holds as many change streams open as it may"));
        }
        // From here on, dropping the slot gives back what it holds.
        let mut slot = StreamSlot { streams: Arc::clone(streams), caller: None };
        if let Some(payer) = caller {
            let mut held = streams.by_caller.lock().unwrap_or_else(|e| e.into_inner());
            let count = held.entry(payer.clone()).or_insert(0);
            if *count >= MAX_STREAMS_PER_CALLER {
                // A stream whose client left is noticed at its next keep-alive.
                return Err(AppError::TooManyRequests { retry_after_secs: KEEP_ALIVE.as_secs() });
            }
            *count += 1;
            slot.caller = Some(payer);
        }
        Ok(slot)
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        if let Some(payer) = self.caller.take() {
            let mut held = self.streams.by_caller.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(count) = held.get_mut(&payer) {
                *count -= 1;
                if *count == 0 {
                    held.remove(&payer);
                }
            }
        }
        self.streams.open.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_places_are_shared_out_by_caller_and_given_back() {
        let streams = Arc::new(Streams::default());
        let address = || Some(Payer::Address([127, 0, 0, 1].into()));
        let mut held: Vec<StreamSlot> =
            (0..MAX_STREAMS_PER_CALLER).map(|_| StreamSlot::take(&streams, address()).unwrap()).collect();
        assert!(matches!(StreamSlot::take(&streams, address()), Err(AppError::TooManyRequests { .. })));
        assert_eq!(streams.open.load(Ordering::SeqCst), MAX_STREAMS_PER_CALLER, "a refusal holds nothing");
        held.pop();
        held.push(StreamSlot::take(&streams, address()).expect("a closed stream's place is given back"));
        // The instance's own cap holds over every caller.
        held.extend((held.len()..MAX_STREAMS).map(|_| StreamSlot::take(&streams, None).unwrap()));
        assert!(matches!(StreamSlot::take(&streams, None), Err(AppError::Busy(_))));
        drop(held);
        assert_eq!(streams.open.load(Ordering::SeqCst), 0);
        assert!(streams.by_caller.lock().unwrap().is_empty());
    }
}

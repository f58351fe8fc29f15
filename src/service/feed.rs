//! The change feed: what changed in the repository, in an order no later change comes before,
//! as far as the caller may see it. Each item names a request, an offer or an engagement that
//! was created or changed (consent decisions and engagement steps included); the caller reads
//! it again for what it is now. A client keeps the position of the last item it read and asks
//! for what follows (`GET /changes?after=`), or holds a Server-Sent Events stream open.

use std::collections::HashSet;

use serde::Serialize;
use utoipa::ToSchema;

use super::Services;
use crate::db::changes::{self as store, Entity, FeedPosition};
use crate::db::engagements as engagement_store;
use crate::db::keys as key_store;
use crate::db::offers as offer_store;
use crate::db::requests as request_store;
use crate::db::DbConn;
use crate::domain::access::Caller;
use crate::error::{AppError, AppResult, Said};

/// One change.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChangeItem {
    /// Where this item is in the feed: pass it as `after` to read what follows.
    #[schema(example = "0-1042")]
    pub position: String,
    pub entity: Entity,
    /// The id of the request, offer or engagement that changed.
    pub id: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChangePage {
    pub items: Vec<ChangeItem>,
    /// Pass as `after` next time: the position of the last change read (hidden ones included),
    /// or the one given when nothing followed.
    pub next_after: String,
}

/// The position as clients see it: `tx-seq`.
pub fn position_text(p: FeedPosition) -> String {
    format!("{}-{}", p.tx, p.seq)
}

/// A position as a client gives it (`tx-seq`, or a bare number for a change of SQLite).
pub fn parse_position(text: &str) -> AppResult<FeedPosition> {
    let bad = || AppError::bad_param("after", Said::of("field-feed-position"));
    let text = text.trim();
    let (tx, seq) = text.split_once('-').unwrap_or(("0", text));
    let (tx, seq) = (tx.parse::<i64>().map_err(|_| bad())?, seq.parse::<i64>().map_err(|_| bad())?);
    if tx < 0 || seq < 0 {
        return Err(bad());
    }
    Ok(FeedPosition { tx, seq })
}

/// Up to `limit` changes after `after` that the caller may see: requests under the consent
/// gate, offers that are not someone else's drafts, engagements only for their parties and
/// admins. A record changed several times in the page is named once, at its last change.
pub async fn changes(services: &Services, caller: &Caller, after: FeedPosition, limit: i64) -> AppResult<ChangePage> {
    let caller = caller.clone();
    services.db.run(move |conn| read(conn, &caller, after, limit)).await
}

/// The position after which only changes yet to come follow.
pub async fn newest(services: &Services) -> AppResult<FeedPosition> {
    services.db.run(store::newest).await
}

/// As [`changes`], for a stream held open: its key is looked at again on every read, so a
/// stream ends (401) once its key is revoked, as every other call of the key fails at once.
pub async fn follow(services: &Services, caller: &Caller, after: FeedPosition, limit: i64) -> AppResult<ChangePage> {
    let caller = caller.clone();
    services
        .db
        .run(move |conn| {
            if let Ok(key) = caller.key() {
                if key_store::find(conn, &key.key_id)?.is_none_or(|k| k.revoked_at.is_some()) {
                    return Err(AppError::Unauthorized);
                }
            }
            read(conn, &caller, after, limit)
        })
        .await
}

fn read(conn: &mut DbConn, caller: &Caller, after: FeedPosition, limit: i64) -> AppResult<ChangePage> {
    let changes = store::feed(conn, after, limit)?;
    let next = changes.last().map_or(after, |c| FeedPosition { tx: c.tx, seq: c.seq });
    let ids = |entity: Entity| -> Vec<String> {
        changes.iter().filter(|c| c.entity().ok() == Some(entity)).map(|c| c.entity_id.clone()).collect()
    };
    let (request_ids, offer_ids, engagement_ids) = (ids(Entity::Request), ids(Entity::Offer), ids(Entity::Engagement));
    let mut visible: HashSet<(Entity, String)> = HashSet::new();
    if !request_ids.is_empty() {
        let found = request_store::by_ids(conn, &request_ids, &caller.request_scope())?;
        visible.extend(found.into_iter().map(|r| (Entity::Request, r.id)));
    }
    if !offer_ids.is_empty() {
        let found = offer_store::by_ids(conn, &offer_ids, &caller.offer_scope())?;
        visible.extend(found.into_iter().map(|o| (Entity::Offer, o.id)));
    }
    if let (false, Ok(scope)) = (engagement_ids.is_empty(), caller.engagement_scope()) {
        let wanted: Vec<&str> = engagement_ids.iter().map(String::as_str).collect();
        let found = engagement_store::visible_ids(conn, &wanted, &scope)?;
        visible.extend(found.into_iter().map(|id| (Entity::Engagement, id)));
    }
    let mut items: Vec<ChangeItem> = Vec::new();
    for change in changes.iter().rev() {
        let entity = change.entity()?;
        let key = (entity, change.entity_id.clone());
        if visible.remove(&key) {
            let position = position_text(FeedPosition { tx: change.tx, seq: change.seq });
            items.push(ChangeItem { position, entity, id: key.1 });
        }
    }
    items.reverse();
    Ok(ChangePage { items, next_after: position_text(next) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_read_back_as_written_and_bad_ones_are_refused() {
        let p = FeedPosition { tx: 812, seq: 1042 };
        assert_eq!(parse_position(&position_text(p)).unwrap(), p);
        assert_eq!(parse_position(" 15 ").unwrap(), FeedPosition { tx: 0, seq: 15 });
        for bad in ["", "x", "1-", "-1", "1-2-3", "9999999999999999999999"] {
            assert!(parse_position(bad).is_err(), "{bad}");
        }
    }
}

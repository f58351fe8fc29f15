//! Opaque identifiers and pagination cursors.
//!
//! Ids are a resource prefix and a time-ordered UUIDv7 (`req_0193...`): opaque to clients, but
//! sorting by id is creation order, which gives lists a stable order for cursor pagination.

use crate::error::{AppError, Said};

pub const ORGANIZATION: &str = "org";
pub const RECOMMENDATION: &str = "rec";
pub const REQUEST: &str = "req";
pub const OFFER: &str = "off";
pub const CONSENT_EVENT: &str = "cns";
pub const API_KEY: &str = "key";
pub const ENGAGEMENT: &str = "eng";
pub const ENGAGEMENT_EVENT: &str = "eev";
pub const AUDIT_EVENT: &str = "aud";
pub const IMPORT_JOB: &str = "job";
pub const WEBHOOK: &str = "whk";
pub const WEBHOOK_DELIVERY: &str = "whd";

pub fn new_id(prefix: &str) -> String {
    format!("{prefix}_{}", uuid::Uuid::now_v7().simple())
}

/// Whether `id` has the shape of an id with this prefix (cheap check before a lookup).
pub fn has_prefix(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('_'))
        .is_some_and(|hex| hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Encodes the last id of a page as an opaque cursor.
pub fn encode_cursor(last_id: &str) -> String {
    last_id.bytes().map(|b| format!("{b:02x}")).collect()
}

/// Decodes a cursor made by [`encode_cursor`] for the same kind of resource.
pub fn decode_cursor(cursor: &str, prefix: &str) -> Result<String, AppError> {
    let invalid = || AppError::bad_param("cursor", Said::of("field-cursor"));
    if cursor.len() % 2 != 0 || cursor.len() > 256 {
        return Err(invalid());
    }
    let bytes = (0..cursor.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(cursor.get(i..i + 2).ok_or_else(invalid)?, 16).map_err(|_| invalid()))
        .collect::<Result<Vec<u8>, _>>()?;
    let id = String::from_utf8(bytes).map_err(|_| invalid())?;
    if has_prefix(&id, prefix) {
        Ok(id)
    } else {
        Err(invalid())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_creation() {
        let a = new_id(REQUEST);
        let b = new_id(REQUEST);
        assert!(a < b);
        assert!(has_prefix(&a, REQUEST));
        assert!(!has_prefix(&a, OFFER));
    }

    #[test]
    fn cursor_round_trip_and_rejection() {
        let id = new_id(OFFER);
        assert_eq!(decode_cursor(&encode_cursor(&id), OFFER).unwrap(), id);
        assert!(decode_cursor(&encode_cursor(&id), REQUEST).is_err());
        assert!(decode_cursor("zz", OFFER).is_err());
        assert!(decode_cursor("abc", OFFER).is_err());
        assert!(decode_cursor("ff", OFFER).is_err());
    }
}

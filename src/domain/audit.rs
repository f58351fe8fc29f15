//! What an audit event records: what was done to which kind of record, and the fields that
//! differ between its two versions.

use serde::Serialize;
use serde_json::{Map, Value};

use super::vocab::vocabulary;

vocabulary! {
    /// What a write did.
    Action {
        Create => "create",
        Update => "update",
        Import => "import",
        Consent => "consent",
        Revoke => "revoke",
    }
}

vocabulary! {
    /// The kinds of record the audit trail speaks of.
    Resource {
        Organization => "organization",
        Recommendation => "recommendation",
        Request => "request",
        Offer => "offer",
        Engagement => "engagement",
        Key => "key",
        Webhook => "webhook",
    }
}

impl Resource {
    /// The message (of `api.ftl`) of a 404 for a missing one.
    pub fn not_found(self) -> &'static str {
        match self {
            Resource::Organization => "not-found-organization",
            Resource::Recommendation => "not-found-recommendation",
            Resource::Request => "not-found-request",
            Resource::Offer => "not-found-offer",
            Resource::Engagement => "not-found-engagement",
            Resource::Key => "not-found-key",
            Resource::Webhook => "not-found-webhook",
        }
    }
}

/// Fields every update touches; listing them would only add noise.
const BOOKKEEPING: &[&str] = &["version", "updated_at"];

/// `{field: {"before": .., "after": ..}}` for each top-level field that differs. A record that
/// did not exist before (`Value::Null`) shows every field with a null `before`.
pub fn changes(before: &Value, after: &Value) -> Value {
    let empty = Map::new();
    let before = before.as_object().unwrap_or(&empty);
    let after = after.as_object().unwrap_or(&empty);
    let mut out = Map::new();
    for (field, new) in after {
        if BOOKKEEPING.contains(&field.as_str()) {
            continue;
        }
        let old = before.get(field).unwrap_or(&Value::Null);
        if old != new {
            out.insert(field.clone(), serde_json::json!({"before": old, "after": new}));
        }
    }
    Value::Object(out)
}

/// How a created record's event is stored: the record itself, `{"created": record}`, which is
/// written without building the diff and is half the size of every field with a null
/// `before`. [`readable`] turns it back into that diff.
pub fn created<T: Serialize>(record: &T) -> serde_json::Result<String> {
    let mut stored = b"{\"created\":".to_vec();
    serde_json::to_writer(&mut stored, record)?;
    stored.push(b'}');
    Ok(String::from_utf8(stored).expect("serde_json writes UTF-8"))
}

/// An event's changes as clients read them: a created record's stored form (see [`created`])
/// becomes `{field: {"before": null, "after": ..}}`, like [`changes`] from nothing; every other
/// event is read as stored.
pub fn readable(action: &str, stored: Value) -> Value {
    match stored {
        Value::Object(mut fields) if action == Action::Create.as_str() && fields.len() == 1 => {
            match fields.remove("created") {
                Some(record @ Value::Object(_)) => changes(&Value::Null, &record),
                Some(other) => Value::Object(Map::from_iter([("created".to_string(), other)])),
                None => Value::Object(fields),
            }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_only_changed_fields() {
        let before = json!({"title": "a", "priority": "low", "version": 1});
        let after = json!({"title": "a", "priority": "high", "version": 2});
        assert_eq!(changes(&before, &after), json!({"priority": {"before": "low", "after": "high"}}));
        assert_eq!(changes(&Value::Null, &json!({"title": "a"})), json!({"title": {"before": null, "after": "a"}}));
    }

    #[test]
    fn a_created_record_is_read_as_every_field_from_nothing() {
        let record = json!({"title": "a", "themes": ["torture"], "version": 1});
        let stored: Value = serde_json::from_str(&created(&record).unwrap()).unwrap();
        assert_eq!(stored, json!({"created": record}));
        assert_eq!(readable("create", stored.clone()), changes(&Value::Null, &record));
        // Only a create event's stored record is expanded; older events stored the diff itself.
        assert_eq!(readable("import", json!({"created": {"n": 1}})), json!({"created": {"n": 1}}));
        let diff = changes(&Value::Null, &json!({"created": "x", "title": "a"}));
        assert_eq!(readable("create", diff.clone()), diff);
    }
}

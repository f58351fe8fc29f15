//! What an audit event records: what was done to which kind of record, and the fields that
//! differ between its two versions.

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
    }
}

impl Resource {
    /// How a missing one is named in a 404.
    pub fn noun(self) -> &'static str {
        match self {
            Resource::Key => "API key",
            other => other.as_str(),
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
}

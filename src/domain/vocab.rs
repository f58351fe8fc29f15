//! Controlled vocabularies. Each is stored as its snake_case text and rejected when unknown.

use crate::error::{Arg, Said};

/// Declares a closed set of snake_case values with its JSON form, schema and text conversions.
/// `$text` is a `tt`, not a `literal`: utoipa reads `#[serde(rename)]` only from a bare string
/// token, and a `literal` fragment reaches it wrapped, so the schema fell back to variant names.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:tt),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The accepted values, for error messages.
            pub fn expected() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary! {
    /// The kind of help asked for or offered.
    Modality {
        LegalDrafting => "legal_drafting",
        Training => "training",
        ExpertAdvice => "expert_advice",
        InstitutionBuilding => "institution_building",
        DataAndMonitoring => "data_and_monitoring",
        Awareness => "awareness",
        PeerExchange => "peer_exchange",
        Equipment => "equipment",
        Funding => "funding",
    }
}

vocabulary! {
    Priority { Low => "low", Medium => "medium", High => "high" }
}

vocabulary! {
    /// Lifecycle of an assistance request.
    RequestStatus {
        Draft => "draft",
        Open => "open",
        Matched => "matched",
        InProgress => "in_progress",
        Completed => "completed",
        Withdrawn => "withdrawn",
    }
}

vocabulary! {
    /// The requesting State's decision on sharing and matching its request.
    ConsentStatus {
        Pending => "pending",
        Granted => "granted",
        Refused => "refused",
        Withdrawn => "withdrawn",
    }
}

vocabulary! {
    /// Lifecycle of an offer.
    OfferStatus { Draft => "draft", Open => "open", Closed => "closed", Withdrawn => "withdrawn" }
}

vocabulary! {
    /// What kind of non-State provider an organization is.
    OrganizationKind {
        UnEntity => "un_entity",
        Nhri => "nhri",
        Cso => "cso",
        Academic => "academic",
        RegionalBody => "regional_body",
        PrivateSector => "private_sector",
        Other => "other",
    }
}

vocabulary! {
    /// The reviewed State's response to a UPR recommendation.
    Response { Supported => "supported", Noted => "noted" }
}

vocabulary! {
    /// Whether an offer's provider is a donor State or an organization.
    ProviderKind { State => "state", Organization => "organization" }
}

impl RequestStatus {
    /// Statuses a request may be created in.
    pub fn creatable(self) -> bool {
        matches!(self, RequestStatus::Draft | RequestStatus::Open)
    }

    /// Completed and withdrawn requests are history: they do not change any more.
    pub fn is_final(self) -> bool {
        matches!(self, RequestStatus::Completed | RequestStatus::Withdrawn)
    }

    /// The engagement statuses a request needs one of to be put in this status by hand:
    /// matched and in progress need agreed work, completed needs completed work.
    pub fn needs_engagement(self) -> Option<&'static [&'static str]> {
        match self {
            RequestStatus::Matched | RequestStatus::InProgress => Some(&["agreed", "in_progress", "completed"]),
            RequestStatus::Completed => Some(&["completed"]),
            _ => None,
        }
    }
}

impl OfferStatus {
    pub fn creatable(self) -> bool {
        matches!(self, OfferStatus::Draft | OfferStatus::Open)
    }

    pub fn is_final(self) -> bool {
        matches!(self, OfferStatus::Withdrawn)
    }
}

impl ConsentStatus {
    /// Whether a recorded consent may move from `self` to `next`. Every decision is kept;
    /// a State may change its mind, but nothing goes back to `pending` and a decision is not
    /// recorded twice in a row.
    pub fn may_become(self, next: ConsentStatus) -> Result<(), Said> {
        if next == ConsentStatus::Pending {
            return Err(Said::of("conflict-consent-pending"));
        }
        if self == next {
            return Err(Said::new("conflict-consent-same", vec![("status", Arg::term("consent", next.as_str()))]));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_and_matches_json() {
        for m in Modality::ALL {
            assert_eq!(Modality::parse(m.as_str()), Some(*m));
            assert_eq!(serde_json::to_value(m).unwrap(), m.as_str());
        }
        assert_eq!(RequestStatus::parse("in_progress"), Some(RequestStatus::InProgress));
        assert_eq!(RequestStatus::parse("In_Progress"), None);
    }

    /// The OpenAPI schema of a vocabulary lists exactly the values its JSON form takes.
    fn assert_schema_lists<T: utoipa::PartialSchema + serde::Serialize>(all: &[T]) {
        let schema = serde_json::to_value(T::schema()).unwrap();
        let values: Vec<serde_json::Value> = all.iter().map(|v| serde_json::to_value(v).unwrap()).collect();
        assert_eq!(schema["enum"], serde_json::Value::Array(values), "{schema}");
    }

    #[test]
    fn schemas_list_the_json_values() {
        use crate::domain::access::Role;
        use crate::domain::engagement::{EngagementStatus, Side};
        assert_schema_lists(Modality::ALL);
        assert_schema_lists(Priority::ALL);
        assert_schema_lists(RequestStatus::ALL);
        assert_schema_lists(ConsentStatus::ALL);
        assert_schema_lists(OfferStatus::ALL);
        assert_schema_lists(OrganizationKind::ALL);
        assert_schema_lists(Response::ALL);
        assert_schema_lists(ProviderKind::ALL);
        assert_schema_lists(Role::ALL);
        assert_schema_lists(EngagementStatus::ALL);
        assert_schema_lists(Side::ALL);
    }

    #[test]
    fn consent_transitions() {
        use ConsentStatus::*;
        assert!(Pending.may_become(Granted).is_ok());
        assert!(Granted.may_become(Withdrawn).is_ok());
        assert!(Withdrawn.may_become(Granted).is_ok());
        assert!(Granted.may_become(Granted).is_err());
        assert!(Refused.may_become(Pending).is_err());
    }
}

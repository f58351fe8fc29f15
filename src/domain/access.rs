//! Who may do what. A `Caller` is anonymous or an API key with a role; from it follow what the
//! caller may see (`RequestScope`, `OfferScope`, applied inside every query that reads those
//! tables) and may change (the `may_*` checks, answering 401 or 403).

use sha2::{Digest, Sha256};

use super::vocab::vocabulary;
use crate::error::{AppError, Said};

vocabulary! {
    /// What an API key may do: `admin` (the secretariat), `state` (acts for one reviewed State),
    /// `provider` (acts for one organization, or a donor State, as provider of offers).
    Role { Admin => "admin", State => "state", Provider => "provider" }
}

/// The prefix every API key starts with, so leaked keys are easy to recognise.
pub const KEY_PREFIX: &str = "tcm_";

/// An authenticated API key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub key_id: String,
    pub role: Role,
    /// The State a `state` key acts for, or the donor State a `provider` key acts for.
    pub state: Option<String>,
    /// The organization a `provider` key acts for.
    pub organization_id: Option<String>,
}

impl Identity {
    /// The provider id offers of this key carry: its organization, or its donor State.
    pub fn provider_id(&self) -> Option<&str> {
        match self.role {
            Role::Provider => self.organization_id.as_deref().or(self.state.as_deref()),
            _ => None,
        }
    }
}

/// Who is calling, and with which request id (for the audit trail).
#[derive(Debug, Clone)]
pub struct Caller {
    pub identity: Option<Identity>,
    pub request_id: Option<String>,
}

/// Which assistance requests a caller sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestScope {
    /// Every request (admins).
    All,
    /// Requests whose State granted consent and that are not drafts; plus, for a State, all of
    /// its own.
    Consented { own_state: Option<String> },
}

/// Which offers a caller sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfferScope {
    All,
    /// Offers that are not drafts; plus, for a provider, all of its own.
    Published {
        own_provider: Option<String>,
    },
}

/// Which engagements a caller sees: only the two parties and admins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngagementScope {
    All,
    /// Engagements on this State's requests.
    State(String),
    /// Engagements on this provider's offers.
    Provider(String),
}

impl Caller {
    pub fn anonymous() -> Caller {
        Caller { identity: None, request_id: None }
    }

    pub fn role(&self) -> Option<Role> {
        self.identity.as_ref().map(|i| i.role)
    }

    pub fn is_admin(&self) -> bool {
        self.role() == Some(Role::Admin)
    }

    pub fn request_scope(&self) -> RequestScope {
        match &self.identity {
            Some(i) if i.role == Role::Admin => RequestScope::All,
            Some(i) if i.role == Role::State => RequestScope::Consented { own_state: i.state.clone() },
            _ => RequestScope::Consented { own_state: None },
        }
    }

    pub fn offer_scope(&self) -> OfferScope {
        match &self.identity {
            Some(i) if i.role == Role::Admin => OfferScope::All,
            Some(i) => OfferScope::Published { own_provider: i.provider_id().map(str::to_string) },
            None => OfferScope::Published { own_provider: None },
        }
    }

    /// Engagements need a key: they are between the parties.
    pub fn engagement_scope(&self) -> Result<EngagementScope, AppError> {
        let key = self.key()?;
        match key.role {
            Role::Admin => Ok(EngagementScope::All),
            Role::State => Ok(EngagementScope::State(key.state.clone().unwrap_or_default())),
            Role::Provider => Ok(EngagementScope::Provider(key.provider_id().unwrap_or_default().to_string())),
        }
    }

    /// Any write needs a key (401 without one).
    pub fn key(&self) -> Result<&Identity, AppError> {
        self.identity.as_ref().ok_or(AppError::Unauthorized)
    }

    pub fn must_be_admin(&self) -> Result<(), AppError> {
        if self.key()?.role == Role::Admin {
            Ok(())
        } else {
            Err(AppError::Forbidden(Said::of("forbidden-admin-only")))
        }
    }

    /// Admins act for any State; a `state` key only for its own.
    pub fn may_act_for_state(&self, state: &str) -> Result<(), AppError> {
        let key = self.key()?;
        match key.role {
            Role::Admin => Ok(()),
            Role::State if key.state.as_deref() == Some(state) => Ok(()),
            Role::State => Err(AppError::Forbidden(Said::new(
                "forbidden-other-state",
                vec![("ours", key.state.as_deref().unwrap_or("?").into()), ("theirs", state.into())],
            ))),
            Role::Provider => Err(AppError::Forbidden(Said::of("forbidden-provider-for-state"))),
        }
    }

    /// Admins act for any provider; a `provider` key only for its own organization or State.
    pub fn may_act_for_provider(&self, provider_id: &str) -> Result<(), AppError> {
        let key = self.key()?;
        match key.role {
            Role::Admin => Ok(()),
            Role::Provider if key.provider_id() == Some(provider_id) => Ok(()),
            Role::Provider => Err(AppError::Forbidden(Said::new(
                "forbidden-other-provider",
                vec![("ours", key.provider_id().unwrap_or("?").into()), ("theirs", provider_id.into())],
            ))),
            Role::State => Err(AppError::Forbidden(Said::of("forbidden-state-as-provider"))),
        }
    }

    /// How this caller is named in consent history: role and key.
    pub fn recorded_as(&self) -> Option<String> {
        self.identity.as_ref().map(|i| format!("{}:{}", i.role, i.key_id))
    }
}

/// A new API key: the secret (shown once), its display prefix, and the hash that is stored.
pub struct NewSecret {
    pub secret: String,
    pub prefix: String,
    pub hash: String,
}

/// 256 random bits from the operating system.
pub fn generate_secret() -> Result<NewSecret, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::internal(format!("no randomness: {e}")))?;
    let secret = format!("{KEY_PREFIX}{}", hex(&bytes));
    Ok(NewSecret { prefix: secret[..KEY_PREFIX.len() + 8].to_string(), hash: hash_secret(&secret), secret })
}

/// 256 random bits from the operating system, in hex: session secrets and form tokens.
pub fn random_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::internal(format!("no randomness: {e}")))?;
    Ok(hex(&bytes))
}

/// Keys are long random strings, so a fast hash is enough to make the stored form useless.
pub fn hash_secret(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// Bytes as lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(role: Role, state: Option<&str>, org: Option<&str>) -> Caller {
        Caller {
            identity: Some(Identity {
                key_id: "key_1".into(),
                role,
                state: state.map(Into::into),
                organization_id: org.map(Into::into),
            }),
            request_id: None,
        }
    }

    #[test]
    fn scopes_follow_roles() {
        assert_eq!(Caller::anonymous().request_scope(), RequestScope::Consented { own_state: None });
        assert_eq!(caller(Role::Admin, None, None).request_scope(), RequestScope::All);
        assert_eq!(
            caller(Role::State, Some("KEN"), None).request_scope(),
            RequestScope::Consented { own_state: Some("KEN".into()) }
        );
        assert_eq!(
            caller(Role::Provider, None, Some("org_a")).offer_scope(),
            OfferScope::Published { own_provider: Some("org_a".into()) }
        );
        assert_eq!(
            caller(Role::Provider, Some("NOR"), None).request_scope(),
            RequestScope::Consented { own_state: None },
            "a donor State's provider key does not see that State's requests"
        );
    }

    #[test]
    fn acting_for_others_is_refused() {
        assert!(matches!(Caller::anonymous().may_act_for_state("KEN"), Err(AppError::Unauthorized)));
        assert!(caller(Role::State, Some("KEN"), None).may_act_for_state("KEN").is_ok());
        assert!(matches!(caller(Role::State, Some("UGA"), None).may_act_for_state("KEN"), Err(AppError::Forbidden(_))));
        assert!(caller(Role::Admin, None, None).may_act_for_state("KEN").is_ok());
        assert!(caller(Role::Provider, Some("NOR"), None).may_act_for_provider("NOR").is_ok());
        assert!(caller(Role::Provider, None, Some("org_a")).may_act_for_provider("org_b").is_err());
        assert!(caller(Role::State, Some("NOR"), None).may_act_for_provider("NOR").is_err());
    }

    #[test]
    fn secrets_are_random_and_only_their_hash_is_kept() {
        let a = generate_secret().unwrap();
        let b = generate_secret().unwrap();
        assert_ne!(a.secret, b.secret);
        assert!(a.secret.starts_with(KEY_PREFIX) && a.secret.len() == KEY_PREFIX.len() + 64);
        assert_eq!(a.hash, hash_secret(&a.secret));
        assert!(!a.hash.contains(&a.secret[KEY_PREFIX.len()..]));
        assert!(a.secret.starts_with(&a.prefix));
    }
}

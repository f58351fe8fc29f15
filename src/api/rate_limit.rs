//! Request rate limits, per instance, by the GCRA of the `governor` crate:
//! - a key's requests by its id once authenticated, however its `Authorization` is spelled;
//! - anonymous requests by client address ([`TrustedProxies::client`]);
//! - failed authentications by client address, charged before the database is asked about a
//!   key not seen to authenticate lately, so junk keys cost their sender, not the database.
//!
//! Heavy work costs more than one request ([`charge`]). Idle entries are swept
//! ([`RateLimits::sweep`]), so memory follows the callers active within one burst window.

use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::dev::ServiceRequest;
use actix_web::{web, HttpMessage, HttpRequest};
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

use crate::config::proxies::TrustedProxies;
use crate::domain::access::{Identity, Role};
use crate::error::{AppError, AppResult};

type Limiter<K> = RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock, StateInformationMiddleware>;

/// Secret hashes that authenticated lately, remembered (with when their use was last recorded)
/// so they skip the failure budget; the oldest are forgotten past this many.
const KNOWN_KEYS: usize = 10_000;
/// A key's last use is recorded in the database at most this often.
const RECORD_USE_EVERY: Duration = Duration::from_secs(60);

pub struct RateLimits {
    per_key: Option<Keyed<String>>,
    per_admin_key: Option<Keyed<String>>,
    per_address: Option<Keyed<IpAddr>>,
    failures: Option<Keyed<IpAddr>>,
    known_keys: Mutex<lru::LruCache<String, Instant>>,
    pub proxies: TrustedProxies,
}

/// Whose allowance a request draws on; kept in the request so a handler can [`charge`] more.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Payer {
    Key(String),
    /// An administrator's key, with its own (larger) allowance.
    AdminKey(String),
    Address(IpAddr),
}

impl Payer {
    /// Whose allowance a key's calls draw on.
    pub fn of(identity: &Identity) -> Payer {
        match identity.role {
            Role::Admin => Payer::AdminKey(identity.key_id.clone()),
            _ => Payer::Key(identity.key_id.clone()),
        }
    }
}

/// What is left of an allowance, for the `RateLimit-*` headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    pub limit: u32,
    pub remaining: u32,
    /// Seconds until the allowance is whole again.
    pub reset_secs: u64,
}

impl RateLimits {
    /// `per_minute` sustained requests with bursts of `burst` per key or address (0: no limit),
    /// `admin` the same for administrator keys, and `failures_per_minute` failed
    /// authentications per address (0: no limit).
    pub fn new(
        per_minute: u32,
        burst: u32,
        admin: (u32, u32),
        failures_per_minute: u32,
        proxies: TrustedProxies,
    ) -> RateLimits {
        let quota = |per_minute: u32, burst: u32| {
            let per_minute = NonZeroU32::new(per_minute)?;
            Some(Quota::per_minute(per_minute).allow_burst(NonZeroU32::new(burst.max(1))?))
        };
        let requests = quota(per_minute, burst);
        let known = std::num::NonZeroUsize::new(KNOWN_KEYS).expect("a positive size");
        RateLimits {
            per_key: requests.map(Keyed::new),
            per_admin_key: quota(admin.0, admin.1).map(Keyed::new),
            per_address: requests.map(Keyed::new),
            failures: quota(failures_per_minute, failures_per_minute).map(Keyed::new),
            known_keys: Mutex::new(lru::LruCache::new(known)),
            proxies,
        }
    }

    /// Takes `cost` requests from the payer's allowance, or answers 429 with when to retry.
    pub fn admit(&self, payer: &Payer, cost: u32) -> AppResult<Option<Allowance>> {
        match payer {
            Payer::Key(id) => take(self.per_key.as_ref(), id, cost),
            Payer::AdminKey(id) => take(self.per_admin_key.as_ref(), id, cost),
            Payer::Address(address) => take(self.per_address.as_ref(), address, cost),
        }
    }

    /// Before the database is asked about a key: one failed authentication is charged to the
    /// client's address, unless this key authenticated lately.
    pub fn before_lookup(&self, client: IpAddr, secret_hash: &str) -> AppResult<()> {
        if self.known().contains(secret_hash) {
            return Ok(());
        }
        take(self.failures.as_ref(), &client, 1).map(|_| ())
    }

    /// A key that failed to authenticate: charged to the client's address if it was taken for
    /// a known one (a key revoked since), and forgotten.
    pub fn failed(&self, client: IpAddr, secret_hash: &str) -> AppResult<()> {
        if self.known().pop(secret_hash).is_some() {
            take(self.failures.as_ref(), &client, 1)?;
        }
        Ok(())
    }

    /// A key that authenticated; true when its use should be recorded now.
    pub fn authenticated(&self, secret_hash: &str) -> bool {
        let now = Instant::now();
        let mut known = self.known();
        match known.get_mut(secret_hash) {
            Some(recorded) if now.duration_since(*recorded) < RECORD_USE_EVERY => false,
            Some(recorded) => {
                *recorded = now;
                true
            }
            None => {
                known.put(secret_hash.to_string(), now);
                true
            }
        }
    }

    /// Forgets callers whose allowance is whole again (they are then no different from new ones).
    pub fn sweep(&self) {
        for keyed in [&self.per_address, &self.failures].into_iter().flatten() {
            keyed.sweep();
        }
        for keyed in [&self.per_key, &self.per_admin_key].into_iter().flatten() {
            keyed.sweep();
        }
    }

    /// Callers held in memory now.
    pub fn tracked(&self) -> usize {
        [&self.per_key, &self.per_admin_key].into_iter().flatten().map(|k| k.limiter.len()).sum::<usize>()
            + [&self.per_address, &self.failures].into_iter().flatten().map(|k| k.limiter.len()).sum::<usize>()
    }

    fn known(&self) -> std::sync::MutexGuard<'_, lru::LruCache<String, Instant>> {
        self.known_keys.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Admits a web page against its reader's allowance, as the API admits a call: a signed-in
/// reader's key's, else the address's; 429 past it. Later charges (`charge`) go to the same.
pub fn admit_page(req: &ServiceRequest, key: Option<&Identity>) -> AppResult<()> {
    let limits = limits_of(req.request())?;
    let payer = match key {
        Some(identity) => Payer::of(identity),
        None => Payer::Address(client_of(limits, req.request())),
    };
    limits.admit(&payer, 1)?;
    req.extensions_mut().insert(payer);
    Ok(())
}

/// Before a key typed into the sign-in page is looked up: charged as a failed
/// authentication of the address, as a bad `Authorization` header is, unless the key
/// authenticated lately.
pub fn before_sign_in(req: &HttpRequest, key_hash: &str) -> AppResult<()> {
    let limits = limits_of(req)?;
    limits.before_lookup(client_of(limits, req), key_hash)
}

/// A key that failed to sign in.
pub fn sign_in_failed(req: &HttpRequest, key_hash: &str) -> AppResult<()> {
    let limits = limits_of(req)?;
    limits.failed(client_of(limits, req), key_hash)
}

fn limits_of(req: &HttpRequest) -> AppResult<&RateLimits> {
    req.app_data::<web::Data<RateLimits>>().map(|l| l.get_ref()).ok_or_else(|| AppError::internal("no rate limits"))
}

/// The client's address as the limits count it: behind a trusted proxy, the one it forwards.
fn client_of(limits: &RateLimits, req: &HttpRequest) -> IpAddr {
    let forwarded = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
    limits.proxies.client(req.peer_addr().map(|a| a.ip()), forwarded)
}

/// Charges `cost` more requests to whoever made this one (heavy work found to be needed);
/// 429 if their allowance does not cover it.
pub fn charge(req: &HttpRequest, cost: u32) -> AppResult<()> {
    let limits = req.app_data::<web::Data<RateLimits>>();
    let payer = req.extensions().get::<Payer>().cloned();
    match (limits, payer) {
        (Some(limits), Some(payer)) if cost > 0 => limits.admit(&payer, cost).map(|_| ()),
        _ => Ok(()),
    }
}

/// One keyed limiter and its quota.
struct Keyed<K: Hash + Eq + Clone> {
    limiter: Limiter<K>,
    burst: u32,
}

impl<K: Hash + Eq + Clone> Keyed<K> {
    fn new(quota: Quota) -> Keyed<K> {
        Keyed {
            limiter: RateLimiter::keyed(quota).with_middleware::<StateInformationMiddleware>(),
            burst: quota.burst_size().get(),
        }
    }

    fn sweep(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }
}

/// Takes `cost` cells (at most a whole burst) for `key`: what is left, or 429 with when to retry.
fn take<K: Hash + Eq + Clone>(keyed: Option<&Keyed<K>>, key: &K, cost: u32) -> AppResult<Option<Allowance>> {
    let Some(Keyed { limiter, burst }) = keyed else { return Ok(None) };
    let Some(n) = NonZeroU32::new(cost.min(*burst)) else { return Ok(None) };
    match limiter.check_key_n(key, n) {
        Ok(Ok(state)) => {
            let quota = state.quota();
            let remaining = state.remaining_burst_capacity().min(*burst);
            let reset = quota.replenish_interval().as_secs_f64() * f64::from(burst - remaining);
            Ok(Some(Allowance { limit: *burst, remaining, reset_secs: reset.ceil() as u64 }))
        }
        Ok(Err(not_until)) => {
            let wait = not_until.wait_time_from(limiter.clock().now());
            Err(AppError::TooManyRequests { retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64 })
        }
        Err(_) => Err(AppError::internal("a charge larger than the burst")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([192, 0, 2, last])
    }

    #[test]
    fn a_burst_then_429_per_payer() {
        let limits = RateLimits::new(60, 3, (60, 3), 0, TrustedProxies::default());
        let key = Payer::Key("key_1".into());
        for left in [2, 1, 0] {
            assert_eq!(limits.admit(&key, 1).unwrap().unwrap().remaining, left);
        }
        assert!(matches!(limits.admit(&key, 1), Err(AppError::TooManyRequests { retry_after_secs: 1 })));
        assert!(limits.admit(&Payer::Address(ip(1)), 1).is_ok(), "allowances are per payer");
        let off = RateLimits::new(0, 3, (0, 3), 0, TrustedProxies::default());
        assert!((0..10).all(|_| off.admit(&key, 1).unwrap().is_none()));
    }

    #[test]
    fn heavy_work_costs_more_and_never_more_than_a_burst() {
        let limits = RateLimits::new(60, 10, (60, 10), 0, TrustedProxies::default());
        let payer = Payer::Address(ip(1));
        assert_eq!(limits.admit(&payer, 4).unwrap().unwrap().remaining, 6);
        assert!(limits.admit(&payer, 7).is_err(), "not all of it is left");
        assert_eq!(limits.admit(&payer, 6).unwrap().unwrap().remaining, 0);
        let fresh = Payer::Address(ip(2));
        assert_eq!(limits.admit(&fresh, 500).unwrap().unwrap().remaining, 0, "charged as a whole burst");
    }

    #[test]
    fn failures_are_charged_unless_the_key_authenticated_lately() {
        let limits = RateLimits::new(0, 0, (0, 0), 2, TrustedProxies::default());
        assert!(limits.authenticated("good"), "the first use is recorded");
        assert!(!limits.authenticated("good"), "and not again within a minute");
        for _ in 0..5 {
            assert!(limits.before_lookup(ip(1), "good").is_ok());
        }
        assert!(limits.before_lookup(ip(1), "junk-1").is_ok());
        assert!(limits.before_lookup(ip(1), "junk-2").is_ok());
        assert!(limits.before_lookup(ip(1), "junk-3").is_err());
        assert!(limits.before_lookup(ip(2), "junk-3").is_ok(), "per address");
        assert!(limits.failed(ip(3), "good").is_ok());
        assert!(limits.before_lookup(ip(3), "good").is_ok(), "a revoked key is charged from now on");
        assert!(limits.before_lookup(ip(3), "good").is_err());
    }

    #[test]
    fn sweeping_forgets_callers_whose_allowance_is_whole() {
        // One request a millisecond, bursts of one: whole again a millisecond after each use.
        let limits = RateLimits::new(60_000, 1, (60_000, 1), 60_000, TrustedProxies::default());
        for i in 0..=255 {
            limits.admit(&Payer::Address(ip(i)), 1).unwrap();
            limits.before_lookup(ip(i), "junk").unwrap();
        }
        assert_eq!(limits.tracked(), 512);
        std::thread::sleep(Duration::from_millis(20));
        limits.sweep();
        assert_eq!(limits.tracked(), 0);
    }
}

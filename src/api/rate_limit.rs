//! Per-key request rate limit (token bucket) for `/api/`: a key by its hash, anonymous callers
//! by peer address. Each instance counts for itself; `429` with `Retry-After` when exhausted.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web;

use crate::domain::access::hash_secret;
use crate::error::AppError;

/// Forget callers idle this long once the table grows past `PRUNE_ABOVE` entries.
const IDLE_SECS: f64 = 600.0;
const PRUNE_ABOVE: usize = 10_000;

pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    /// `per_minute` sustained requests with bursts of `burst`; `per_minute == 0` turns it off.
    pub fn new(per_minute: u32, burst: u32) -> RateLimiter {
        RateLimiter {
            per_second: f64::from(per_minute) / 60.0,
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `caller`, or says in how many seconds one will be there.
    pub fn take(&self, caller: &str) -> Result<(), u64> {
        if self.per_second <= 0.0 {
            return Ok(());
        }
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() > PRUNE_ABOVE {
            buckets.retain(|_, b| now.duration_since(b.at).as_secs_f64() < IDLE_SECS);
        }
        let bucket = buckets.entry(caller.to_string()).or_insert(Bucket { tokens: self.burst, at: now });
        let refill = now.duration_since(bucket.at).as_secs_f64() * self.per_second;
        bucket.tokens = (bucket.tokens + refill).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / self.per_second).ceil().max(1.0) as u64)
        }
    }
}

pub async fn limit(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if req.path().starts_with("/api/") {
        if let Some(limiter) = req.app_data::<web::Data<RateLimiter>>() {
            let caller = match req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) {
                Some(auth) => format!("key:{}", hash_secret(auth)),
                None => format!("ip:{}", req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default()),
            };
            if let Err(retry_after_secs) = limiter.take(&caller) {
                // Answered, not raised, so the request log and metrics see it.
                return Ok(req.error_response(AppError::TooManyRequests { retry_after_secs }).map_into_right_body());
            }
        }
    }
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_allows_a_burst_then_refuses() {
        let limiter = RateLimiter::new(60, 3);
        for _ in 0..3 {
            assert!(limiter.take("a").is_ok());
        }
        assert_eq!(limiter.take("a"), Err(1));
        assert!(limiter.take("b").is_ok(), "buckets are per caller");
        assert!(RateLimiter::new(0, 1).take("a").is_ok() && RateLimiter::new(0, 1).take("a").is_ok());
    }
}

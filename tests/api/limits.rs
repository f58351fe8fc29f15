//! Rate limits that cannot be dodged: per key however its header is spelled, per client address
//! for anonymous callers and for failed authentications, with proxies trusted only when named.

use serde_json::json;

use crate::helpers::{Backend, TestApp};

fn limited_app(per_minute: u32, burst: u32, failures_per_minute: u32) -> TestApp {
    TestApp::spawn_with(Backend::Sqlite, |s| {
        s.rate_limit_per_minute = per_minute;
        s.rate_limit_burst = burst;
        s.admin_rate_limit_per_minute = per_minute;
        s.admin_rate_limit_burst = burst;
        s.auth_failures_per_minute = failures_per_minute;
    })
}

#[test]
fn an_administrator_key_has_its_own_allowance() {
    let app = TestApp::spawn_with(Backend::Sqlite, |s| {
        s.rate_limit_per_minute = 60;
        s.rate_limit_burst = 2;
        s.admin_rate_limit_per_minute = 600;
        s.admin_rate_limit_burst = 20;
    });
    let state = app.key(json!({"role": "state", "state": "KEN"}));
    let kenya = app.with_key(Some(&state));
    assert_eq!((kenya.get("/api/v1/states").status, kenya.get("/api/v1/states").status), (200, 200));
    kenya.get("/api/v1/states").problem(429);
    let admin = app.get("/api/v1/states");
    assert_eq!(admin.status, 200, "the secretariat's scripts are not held to a State's pace");
    assert_eq!(admin.header("ratelimit-limit"), Some("20"));
}

#[test]
fn past_the_limit_comes_429_with_retry_after() {
    let app = limited_app(60, 3, 600);
    for _ in 0..3 {
        assert_eq!(app.get("/api/v1/states").status, 200);
    }
    let limited = app.get("/api/v1/states");
    limited.problem(429);
    assert!(limited.header("retry-after").and_then(|v| v.parse::<u64>().ok()).is_some_and(|s| s >= 1));
    assert_eq!(app.anonymous().get("/api/v1/states").status, 200, "other callers are not affected");
    assert_eq!(app.get("/healthz").status, 200, "operations endpoints are not limited");
}

#[test]
fn answers_say_what_is_left() {
    let app = limited_app(60, 5, 600);
    let first = app.anonymous().get("/api/v1/states");
    assert_eq!(first.header("ratelimit-limit"), Some("5"));
    assert_eq!(first.header("ratelimit-remaining"), Some("4"));
    assert_eq!(first.header("ratelimit-reset"), Some("1"));
    let second = app.anonymous().get("/api/v1/themes");
    assert_eq!(second.header("ratelimit-remaining"), Some("3"));
}

/// Before, the allowance was kept per spelling of the header: 1,299 of 1,300 variants passed.
#[test]
fn one_key_has_one_allowance_however_its_header_is_spelled() {
    let app = limited_app(60, 4, 600);
    let key = app.key(json!({"role": "state", "state": "KEN"}));
    let spellings =
        [format!("Bearer {key}"), format!("bearer {key}"), format!("BEARER   {key}"), format!(" Bearer {key} ")];
    for spelling in &spellings {
        let res = app.anonymous().get_with("/api/v1/requests", &[("Authorization", spelling)]);
        assert_eq!(res.status, 200, "{spelling}: {}", res.excerpt());
    }
    let res = app.anonymous().get_with("/api/v1/requests", &[("Authorization", &format!("bEaReR {key}"))]);
    res.problem(429);
}

/// Before, a key that did not authenticate was never limited, and each one cost a database look-up.
#[test]
fn failed_authentications_are_limited_per_address() {
    // Seven: a key's first use counts too (the admin's here, and the new key's).
    let app = limited_app(6000, 1000, 7);
    let known = app.key(json!({"role": "state", "state": "KEN"}));
    assert_eq!(app.with_key(Some(&known)).get("/api/v1/requests").status, 200);
    for i in 0..5 {
        let junk = format!("tcm_junk{i:0>40}");
        app.with_key(Some(&junk)).get("/api/v1/requests").problem(401);
    }
    app.with_key(Some("tcm_junk-once-more")).get("/api/v1/requests").problem(429);
    app.anonymous().get_with("/api/v1/requests", &[("Authorization", "Basic abc")]).problem(429);
    assert_eq!(
        app.with_key(Some(&known)).get("/api/v1/requests").status,
        200,
        "a key that authenticated lately is not held up by failures from its address"
    );
    assert_eq!(app.anonymous().get("/api/v1/requests").status, 200, "anonymous reads are not failures");
}

#[test]
fn forwarded_addresses_count_only_from_trusted_proxies() {
    let untrusting = limited_app(60, 2, 600);
    for forwarded in ["198.51.100.1", "198.51.100.2"] {
        assert_eq!(untrusting.anonymous().get_with("/api/v1/states", &[("X-Forwarded-For", forwarded)]).status, 200);
    }
    let posing = untrusting.anonymous().get_with("/api/v1/states", &[("X-Forwarded-For", "198.51.100.3")]);
    posing.problem(429);

    let behind_proxy = TestApp::spawn_with(Backend::Sqlite, |s| {
        s.rate_limit_per_minute = 60;
        s.rate_limit_burst = 2;
        s.trusted_proxies = tcmatch::config::proxies::TrustedProxies::parse("127.0.0.1").unwrap();
    });
    let from = |client: &str| behind_proxy.anonymous().get_with("/api/v1/states", &[("X-Forwarded-For", client)]);
    assert_eq!(from("198.51.100.1").status, 200);
    assert_eq!(from("198.51.100.1").status, 200);
    from("198.51.100.1").problem(429);
    assert_eq!(from("198.51.100.2").status, 200, "another client behind the proxy has its own allowance");
}

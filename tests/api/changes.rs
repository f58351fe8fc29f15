//! The change feed: what changed, in order, as far as each caller may see it; as pages and as
//! a Server-Sent Events stream.

use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::backend_tests;
use crate::fixtures::{offer, request, OfferBody};
use crate::helpers::{Session, TestApp};

/// Every change after `after` the session sees, as `entity id`, and where it ends.
fn read(session: &Session<'_>, after: &str) -> (Vec<String>, String) {
    let res = session.get(&format!("/api/v1/changes?after={after}"));
    assert_eq!(res.status, 200, "{}", res.excerpt());
    let page = res.json();
    let items = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| format!("{} {}", i["entity"].as_str().unwrap(), i["id"].as_str().unwrap()))
        .collect();
    (items, page["next_after"].as_str().unwrap().to_string())
}

fn the_feed_shows_each_caller_what_it_may_see(app: TestApp) {
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let state = app.with_key(Some(&kenya));
    let (_, start) = read(&app.admin(), "0");
    let shared = request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
    let pending = request(&app, &kenya, "KEN", json!(["torture"]), None);
    let published = offer(&app, "NOR", json!(["torture"]), json!("global"));
    let draft = OfferBody::by("SWE").set("status", json!("draft")).create(&app.admin());
    let engagement = state.create("/api/v1/engagements", &json!({"request_id": shared, "offer_id": published}));
    let engagement = engagement["id"].as_str().unwrap().to_string();

    let (anyone, end) = read(&app.anonymous(), &start);
    assert_eq!(anyone, [format!("request {shared}"), format!("offer {published}")], "in the order they last changed");
    let (own, _) = read(&state, &start);
    assert!(
        own.contains(&format!("request {pending}")) && own.contains(&format!("engagement {engagement}")),
        "{own:?}"
    );
    assert!(!own.contains(&format!("offer {draft}")));
    let (all, admin_end) = read(&app.admin(), &start);
    assert!(all.contains(&format!("offer {draft}")) && all.contains(&format!("engagement {engagement}")));
    assert_eq!(end, admin_end, "hidden changes still move the position");
    assert_eq!(read(&app.anonymous(), &end).0.len(), 0, "nothing after the end");

    // Consent withdrawn: the request changed (for its State); anyone else no longer sees it.
    state.post(&format!("/api/v1/requests/{pending}/consent"), &json!({"status": "granted"}));
    let (next, _) = read(&app.anonymous(), &end);
    assert_eq!(next, [format!("request {pending}")]);
    app.get("/api/v1/changes?after=nonsense").field_error(400, "after");
    app.get("/api/v1/changes?limit=0").field_error(400, "limit");
}

fn the_stream_tells_as_it_happens(app: TestApp) {
    let agent = ureq::AgentBuilder::new().timeout_read(Duration::from_secs(10)).build();
    let res = agent.get(&app.url("/api/v1/changes/stream")).call().expect("the stream opens");
    assert_eq!(res.header("content-type"), Some("text/event-stream"));
    let mut lines = BufReader::new(res.into_reader()).lines();
    assert_eq!(lines.next().unwrap().unwrap(), "retry: 3000");
    // Only what happens after the stream opened.
    let published = offer(&app, "NOR", json!(["torture"]), json!("global"));
    let until = Instant::now() + Duration::from_secs(10);
    let mut event: Vec<String> = Vec::new();
    while Instant::now() < until {
        let line = lines.next().expect("the stream stays open").unwrap();
        if line.is_empty() && event.iter().any(|l| l.starts_with("data:")) {
            break;
        }
        if !line.is_empty() {
            event.push(line);
        }
    }
    assert!(event[0].starts_with("id: ") && event[1] == "event: change", "{event:?}");
    let data: Value = serde_json::from_str(event[2].strip_prefix("data: ").unwrap()).unwrap();
    assert_eq!((data["entity"].as_str(), data["id"].as_str()), (Some("offer"), Some(published.as_str())));
    assert_eq!(event[0].strip_prefix("id: "), data["position"].as_str());

    // A client that reconnects with Last-Event-ID resumes after it.
    let second = offer(&app, "SWE", json!(["torture"]), json!("global"));
    let resumed = agent
        .get(&app.url("/api/v1/changes/stream"))
        .set("Last-Event-ID", data["position"].as_str().unwrap())
        .call()
        .unwrap();
    let text: Vec<String> = BufReader::new(resumed.into_reader()).lines().take(5).map(Result::unwrap).collect();
    assert!(text[4].starts_with("data: ") && text[4].contains(&second), "{text:?}");
}

/// A stream held open with a key ends once the key is revoked, and shows nothing after.
fn a_revoked_key_stream_ends(app: TestApp) {
    let issued = app.create("/api/v1/keys", &json!({"role": "state", "state": "KEN"}));
    let (id, secret) = (issued["id"].as_str().unwrap(), issued["secret"].as_str().unwrap());
    let agent = ureq::AgentBuilder::new().timeout_read(Duration::from_secs(20)).build();
    let res = agent
        .get(&app.url("/api/v1/changes/stream"))
        .set("Authorization", &format!("Bearer {secret}"))
        .call()
        .expect("the stream opens");
    let mut lines = BufReader::new(res.into_reader()).lines();
    assert_eq!(lines.next().unwrap().unwrap(), "retry: 3000");
    assert_eq!(app.send("DELETE", &format!("/api/v1/keys/{id}"), &[], None).status, 200);
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let hidden = request(&app, &kenya, "KEN", json!(["torture"]), None);
    let started = Instant::now();
    let mut told = Vec::new();
    // A stream that went on would bring a keep-alive every 15 s: stop reading it after 15 s.
    while let Some(Ok(line)) = lines.next() {
        told.push(line);
        if started.elapsed() > Duration::from_secs(15) {
            break;
        }
    }
    assert!(started.elapsed() < Duration::from_secs(15), "the stream ended, not timed out: {told:?}");
    assert!(!told.iter().any(|line| line.contains(&hidden)), "{told:?}");
}

/// One caller cannot hold every stream of an instance: past 16 it gets 429, and others still
/// get theirs (the unit tests give a closed stream's place back).
fn streams_are_shared_out_by_caller(app: TestApp) {
    let agent = ureq::AgentBuilder::new().timeout_read(Duration::from_secs(10)).build();
    let url = app.url("/api/v1/changes/stream");
    let held: Vec<ureq::Response> =
        (0..16).map(|_| agent.get(&url).call().expect("a stream of the caller's 16")).collect();
    match agent.get(&url).call() {
        Err(ureq::Error::Status(429, res)) => assert!(res.header("retry-after").is_some()),
        other => panic!("a 17th stream of one caller: {:?}", other.map(|r| r.status())),
    }
    let admin =
        agent.get(&app.url("/api/v1/changes/stream")).set("Authorization", &format!("Bearer {}", app.admin_key)).call();
    assert_eq!(admin.map(|r| r.status()).ok(), Some(200), "another caller still gets a stream");
    drop(held);
}

backend_tests!(
    the_feed_shows_each_caller_what_it_may_see,
    the_stream_tells_as_it_happens,
    a_revoked_key_stream_ends,
    streams_are_shared_out_by_caller,
);

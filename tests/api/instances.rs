//! Several instances over one database: every instance's matcher index holds exactly what the
//! database holds, however long other instances' transactions last and whenever it started;
//! a withdrawn consent is withdrawn everywhere at once; the index checks itself; the count of a
//! recommendation search is never older than the recommendations.

use std::time::Duration;

use serde_json::{json, Value};

use crate::backend_tests;
use crate::fixtures::{offer, request};
use crate::helpers::{wait_until, Backend, Resp, TestApp};
use crate::matching::ids;

/// A gauge or counter of an instance's `/metrics`.
fn metric(metrics: &Resp, series: &str) -> i64 {
    let line = metrics.text.lines().find(|l| l.starts_with(series) && l[series.len()..].starts_with(' '));
    let value = line.unwrap_or_else(|| panic!("no {series} in /metrics")).rsplit(' ').next().unwrap();
    value.parse().unwrap_or_else(|_| panic!("{series}: {value}"))
}

/// Makes every write that records an `Idempotency-Key` hold its transaction open `seconds`
/// longer, after it has written its offers and their changes: a slow upload, in the real write
/// path.
fn slow_idempotent_writes(app: &TestApp, seconds: u32) {
    app.sql(&format!(
        "CREATE FUNCTION linger() RETURNS trigger LANGUAGE plpgsql AS \
         $$ BEGIN PERFORM pg_sleep({seconds}); RETURN NEW; END $$"
    ));
    app.sql("CREATE TRIGGER linger AFTER INSERT ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION linger()");
}

fn upload(app: &TestApp, offers: usize) -> Resp {
    let body: Vec<Value> = (0..offers)
        .map(|i| json!({"provider": "NOR", "title": format!("Offer {i}"), "themes": ["torture"], "global": true}))
        .collect();
    let bytes = serde_json::to_vec(&body).unwrap();
    app.send(
        "POST",
        "/api/v1/offers/bulk",
        &[("Content-Type", "application/json"), ("Idempotency-Key", "up-1")],
        Some(&bytes),
    )
}

/// A write that commits a low sequence number after others committed higher ones (a long
/// upload) reaches the other instance: it is not mistaken for a rollback, however long it takes.
/// Before the fix, the other instance gave up on the gap after 10 s and never saw the upload.
#[test]
#[cfg_attr(not(postgres_tests), ignore = "TCMATCH_TEST_POSTGRES_URL is not set")]
fn a_long_upload_reaches_the_other_instance() {
    let app = TestApp::spawn_pair(Backend::Postgres);
    slow_idempotent_writes(&app, 11);
    std::thread::scope(|s| {
        let uploading = s.spawn(|| upload(&app, 40));
        // Let the upload take its numbers, then commit a later write while it lingers.
        std::thread::sleep(Duration::from_millis(700));
        offer(&app, "SWE", json!(["torture"]), json!("global"));
        wait_until("the peer follows the later write", Duration::from_secs(5), || {
            metric(&app.peer_get("/metrics", None), "tcmatch_index_offers") == 1
        });
        let done = uploading.join().unwrap();
        assert_eq!(done.status, 201, "{}", done.excerpt());
    });
    wait_until("the peer holds the upload", Duration::from_secs(5), || {
        metric(&app.peer_get("/metrics", None), "tcmatch_index_offers") == 41
    });
    // Followed, not repaired by the self-check.
    assert_eq!(metric(&app.peer_get("/metrics", None), "tcmatch_index_check_disagreements_total"), 0);
}

/// An instance that starts while an upload is under way holds the upload once it commits.
/// Before the fix, it started following after the newest number, above the upload's.
#[test]
#[cfg_attr(not(postgres_tests), ignore = "TCMATCH_TEST_POSTGRES_URL is not set")]
fn an_instance_started_during_an_upload_holds_it() {
    let app = TestApp::spawn(Backend::Postgres);
    slow_idempotent_writes(&app, 4);
    let late = std::thread::scope(|s| {
        let uploading = s.spawn(|| upload(&app, 30));
        std::thread::sleep(Duration::from_millis(700));
        offer(&app, "SWE", json!(["torture"]), json!("global"));
        let late = app.start_instance();
        let done = uploading.join().unwrap();
        assert_eq!(done.status, 201, "{}", done.excerpt());
        late
    });
    wait_until("the late instance holds everything", Duration::from_secs(5), || {
        metric(&late.get("/metrics"), "tcmatch_index_offers") == 31
    });
    // Followed, not repaired by the self-check.
    assert_eq!(metric(&late.get("/metrics"), "tcmatch_index_check_disagreements_total"), 0);
}

/// A consent withdrawn through one instance is withdrawn at once on another, even one that has
/// not followed the change sequence since: no match endpoint pairs the request again, no count
/// includes it, and a poll holding the old answer's ETag gets the new answer.
fn withdrawal_holds_at_once_everywhere(backend: Backend) {
    let app = TestApp::spawn_pair_with(backend, |peer| {
        peer.sync_interval_ms = 3_600_000;
        peer.index_check_secs = 0;
    });
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let req = request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
    let off = offer(&app, "NOR", json!(["torture"]), json!("global"));
    let for_offer = format!("/api/v1/offers/{off}/matches");
    assert_eq!(ids(&app.peer_get(&for_offer, None).json(), "request_id"), [req.as_str()]);
    let polled = app.peer_get("/api/v1/matches", None);
    assert_eq!(ids(&polled.json(), "request_id"), [req.as_str()]);
    let torture = |stats: &Value| stats["themes"].as_array().unwrap().iter().find(|t| t["theme"] == "torture").cloned();
    assert_eq!(torture(&app.peer_get("/api/v1/stats/themes", None).json()).unwrap()["requests"], 1);

    app.with_key(Some(&kenya)).create(&format!("/api/v1/requests/{req}/consent"), &json!({"status": "withdrawn"}));
    assert_eq!(ids(&app.peer_get(&for_offer, None).json(), "request_id"), Vec::<String>::new());
    let repoll = app.peer_get_with("/api/v1/matches", None, &[("If-None-Match", &polled.etag())]);
    assert_eq!(repoll.status, 200, "the old answer is stale: {}", repoll.excerpt());
    assert_eq!(ids(&repoll.json(), "request_id"), Vec::<String>::new());
    let stats = app.peer_get("/api/v1/stats/themes", None).json();
    assert!(torture(&stats).is_none_or(|t| t["requests"] == 0), "{stats}");
}

/// The index compares its counts with the database's on a timer: a record changed behind its
/// back (here, by hand in SQL, with no change recorded) is reported in /metrics and repaired.
fn the_index_checks_itself(app: TestApp) {
    let kept = offer(&app, "NOR", json!(["torture"]), json!("global"));
    let closed = offer(&app, "SWE", json!(["torture"]), json!("global"));
    let metrics = app.anonymous().get("/metrics");
    assert_eq!(metric(&metrics, "tcmatch_index_offers"), 2);
    wait_until("a first check agrees", Duration::from_secs(5), || {
        metric(&app.anonymous().get("/metrics"), "tcmatch_index_checks_total") >= 1
    });
    assert_eq!(metric(&app.anonymous().get("/metrics"), "tcmatch_index_check_disagreements_total"), 0);
    app.sql(&format!("UPDATE offers SET status = 'closed' WHERE id = '{closed}'"));
    wait_until("the check finds and repairs the difference", Duration::from_secs(10), || {
        let m = app.anonymous().get("/metrics");
        metric(&m, "tcmatch_index_check_disagreements_total") >= 1 && metric(&m, "tcmatch_index_offers") == 1
    });
    wait_until("the next check agrees again", Duration::from_secs(5), || {
        metric(&app.anonymous().get("/metrics"), "tcmatch_index_drift{entity=\"offer\"}") == 0
    });
    let res = app.anonymous().get(&format!("/api/v1/offers/{kept}/matches"));
    assert_eq!(res.status, 200);
}

/// A change stream open on one instance tells what was written through another (an offer, and
/// an engagement, which the matcher index does not hold), soon after.
fn streams_tell_what_another_instance_wrote(backend: Backend) {
    let app = TestApp::spawn_pair(backend);
    let agent = ureq::AgentBuilder::new().timeout_read(Duration::from_secs(15)).build();
    let stream = agent
        .get(&app.peer_url("/api/v1/changes/stream"))
        .set("Authorization", &format!("Bearer {}", app.admin_key))
        .call()
        .expect("the stream opens");
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stream.into_reader()));
    let mut next_data = |entity: &str| loop {
        let line = lines.next().expect("the stream stays open").expect("a line before the read times out");
        if let Some(data) = line.strip_prefix("data: ") {
            let data: Value = serde_json::from_str(data).unwrap();
            if data["entity"] == entity {
                return data["id"].as_str().unwrap().to_string();
            }
        }
    };
    let off = offer(&app, "NOR", json!(["torture"]), json!("global"));
    assert_eq!(next_data("offer"), off);
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let req = request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
    let engagement =
        app.with_key(Some(&kenya)).create("/api/v1/engagements", &json!({"request_id": req, "offer_id": off}));
    assert_eq!(next_data("engagement"), engagement["id"].as_str().unwrap());
}

#[test]
fn streams_tell_what_another_sqlite_instance_wrote() {
    streams_tell_what_another_instance_wrote(Backend::Sqlite);
}

#[test]
#[cfg_attr(not(postgres_tests), ignore = "TCMATCH_TEST_POSTGRES_URL is not set")]
fn streams_tell_what_another_postgres_instance_wrote() {
    streams_tell_what_another_instance_wrote(Backend::Postgres);
}

#[test]
fn withdrawal_holds_at_once_on_every_sqlite_instance() {
    withdrawal_holds_at_once_everywhere(Backend::Sqlite);
}

#[test]
#[cfg_attr(not(postgres_tests), ignore = "TCMATCH_TEST_POSTGRES_URL is not set")]
fn withdrawal_holds_at_once_on_every_postgres_instance() {
    withdrawal_holds_at_once_everywhere(Backend::Postgres);
}

/// A search's count is kept until the recommendations change, whoever changes them: through
/// either instance, or by hand in the database. Each change shows in the next count on both.
fn search_counts_follow_every_change(backend: Backend) {
    let app = TestApp::spawn_pair(backend);
    let header = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n";
    let rows: String = (0..3)
        .map(|i| format!("Chile,GRULAC,,Improve prison conditions ({i}).,Peru,GRULAC,,Accepted,4,Detention,5\n"))
        .collect();
    let csv = format!("{header}{rows}");
    let imported =
        app.send("POST", "/api/v1/recommendations/import", &[("Content-Type", "text/csv")], Some(csv.as_bytes()));
    assert_eq!(imported.status, 201, "{}", imported.excerpt());
    // By words alone, and by theme and session (a count of the filtered table on either backend).
    let searches = ["/api/v1/recommendations?q=prison", "/api/v1/recommendations?theme=detention&session=5"];
    let counts = |expected: [i64; 2], after: &str| {
        for _ in 0..2 {
            for (path, n) in searches.iter().zip(expected) {
                assert_eq!(app.get(path).json()["total"], n, "after {after}: {path}");
                assert_eq!(app.peer_get(path, None).json()["total"], n, "after {after}, other instance: {path}");
            }
        }
    };
    counts([3, 3], "the import");
    let created = app.create(
        "/api/v1/recommendations",
        &json!({"state_under_review": "CHL", "recommending_state": "PER", "session": 5, "response": "supported",
                "text": "Reduce prison overcrowding.", "themes": ["detention"]}),
    );
    counts([4, 4], "one created");
    let path = format!("/api/v1/recommendations/{}", created["id"].as_str().unwrap());
    let moved = app.patch(&path, Some("\"v1\""), &json!({"themes": ["torture"]}));
    assert_eq!(moved.status, 200, "{}", moved.excerpt());
    counts([4, 3], "its theme changed");
    let id = created["id"].as_str().unwrap();
    app.sql(&format!("DELETE FROM recommendation_themes WHERE recommendation_id = '{id}'"));
    app.sql(&format!("DELETE FROM recommendations WHERE id = '{id}'"));
    counts([3, 3], "a deletion by hand");
    app.sql("UPDATE recommendations SET session = 6");
    counts([3, 0], "a change of session by hand");
}

#[test]
fn search_counts_follow_every_change_on_sqlite() {
    search_counts_follow_every_change(Backend::Sqlite);
}

#[test]
#[cfg_attr(not(postgres_tests), ignore = "TCMATCH_TEST_POSTGRES_URL is not set")]
fn search_counts_follow_every_change_on_postgres() {
    search_counts_follow_every_change(Backend::Postgres);
}

backend_tests!(the_index_checks_itself);

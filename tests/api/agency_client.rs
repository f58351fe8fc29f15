//! The agency's example script (`examples/agency_client.py`, Python's standard library only)
//! against the real service: offers published under an Idempotency-Key, an import job followed
//! to its end, matches downloaded as CSV, and the service's 429s waited out as Retry-After says.

use serde_json::{json, Value};

use crate::fixtures::request;
use crate::helpers::{Backend, TestApp};

fn the_example_client_runs(backend: Backend) {
    // A tight allowance for provider keys, so the script meets 429 and must wait as told.
    let app = TestApp::spawn_with(backend, |s| {
        s.rate_limit_per_minute = 120;
        s.rate_limit_burst = 3;
    });
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let wanted = request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
    let provider = app.key(json!({"role": "provider", "state": "NOR"}));
    let folder = std::env::temp_dir().join(format!("tcmatch-agency-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let offers = folder.join("offers.csv");
    let mut csv = String::from("provider,title,themes,global\n");
    for i in 0..40 {
        csv.push_str(&format!("NOR,Imported offer {i},torture,true\n"));
    }
    std::fs::write(&offers, csv).unwrap();
    let matches = folder.join("matches.csv");
    let out = std::process::Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/agency_client.py"))
        .args(["--url", &app.url(""), "--provider", "NOR"])
        .arg("--offers")
        .arg(&offers)
        .arg("--matches")
        .arg(&matches)
        .env("TCMATCH_API_KEY", &provider)
        .output()
        .expect("python3 runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let summary: Value = serde_json::from_slice(&out.stdout).expect("a JSON summary on stdout");
    assert_eq!((summary["published"].as_i64(), summary["imported"].as_i64()), (Some(2), Some(40)), "{stderr}");
    assert!(stderr.contains("busy (429)"), "the script met the rate limit and waited: {stderr}");
    assert_eq!(app.get("/api/v1/offers?provider=NOR&limit=1").json()["total"], 42, "stored once despite the retry");
    let saved = std::fs::read_to_string(&matches).unwrap();
    assert!(saved.starts_with('\u{feff}') && saved.contains(&wanted), "{saved}");
    assert_eq!(summary["matches"].as_i64(), Some(3), "three best offers for the one request: {saved}");
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
#[cfg_attr(not(python_tests), ignore = "python3 is not installed")]
fn the_example_client_runs_on_sqlite() {
    the_example_client_runs(Backend::Sqlite);
}

#[test]
#[cfg_attr(not(all(python_tests, postgres_tests)), ignore = "needs python3 and TCMATCH_TEST_POSTGRES_URL")]
fn the_example_client_runs_on_postgres() {
    the_example_client_runs(Backend::Postgres);
}

//! Import jobs: 202 at once, a job that reports its progress and ends with the import's answer
//! or every problem of the file; all or nothing, as a direct import.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::{Session, TestApp};

/// Follows a job from its `Location` until it ends; its last state.
fn followed(session: &Session<'_>, location: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let job = session.get(location);
        assert_eq!(job.status, 200, "{}", job.excerpt());
        let job = job.json();
        match job["status"].as_str() {
            Some("succeeded" | "failed") => return job,
            Some("queued" | "running") => {}
            other => panic!("unexpected job status {other:?}: {job}"),
        }
        assert!(Instant::now() < deadline, "the job did not end: {job}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn submit(session: &Session<'_>, path: &str, media: &str, body: &[u8], key: Option<&str>) -> (String, Value) {
    let mut headers = vec![("Content-Type", media)];
    if let Some(key) = key {
        headers.push(("Idempotency-Key", key));
    }
    let res = session.send("POST", path, &headers, Some(body));
    assert_eq!(res.status, 202, "{}", res.excerpt());
    let location = res.header("location").expect("a Location").to_string();
    let job = res.json();
    assert_eq!(location, format!("/api/v1/imports/{}", job["id"].as_str().unwrap()));
    (location, job)
}

/// The first `rows` recommendations of the shared UPR Info sample.
fn upr_rows(rows: usize) -> Vec<u8> {
    let all = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/upr-info-sessions-01-13.csv"))
        .expect("the UPR Info sample");
    let mut reader = csv::Reader::from_reader(all.as_bytes());
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(reader.headers().unwrap()).unwrap();
    for record in reader.records().take(rows) {
        out.write_record(&record.unwrap()).unwrap();
    }
    out.into_inner().unwrap()
}

fn recommendations_import_as_a_job(app: TestApp) {
    let admin = app.admin();
    let file = upr_rows(1500);
    let (location, job) = submit(&admin, "/api/v1/imports/recommendations", "text/csv", &file, Some("upr-1"));
    assert_eq!((job["kind"].as_str(), job["status"].as_str()), (Some("recommendations"), Some("queued")));
    let done = followed(&admin, &location);
    assert_eq!(done["status"], "succeeded", "{done}");
    assert_eq!((done["rows_total"].as_i64(), done["rows_done"].as_i64()), (Some(1500), Some(1500)));
    let stored = done["result"]["new"].as_i64().unwrap();
    assert!(stored > 1400, "about every row is new (a few are repeated in a session): {done}");
    assert_eq!(app.get("/api/v1/recommendations?limit=1").json()["total"].as_i64(), Some(stored));
    assert!(done["finished_at"].is_string());

    // A retry answers the same job and starts nothing.
    let again = admin.send(
        "POST",
        "/api/v1/imports/recommendations",
        &[("Content-Type", "text/csv"), ("Idempotency-Key", "upr-1")],
        Some(&file),
    );
    assert_eq!((again.status, again.header("idempotent-replayed")), (202, Some("true")));
    assert_eq!(again.json()["id"], job["id"]);
    // The same file again, as a new job: everything is known already.
    let (location, _) = submit(&admin, "/api/v1/imports/recommendations", "text/csv", &file, None);
    assert_eq!(followed(&admin, &location)["result"]["unchanged"].as_i64(), Some(stored));

    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let state = app.with_key(Some(&kenya));
    state.send("POST", "/api/v1/imports/recommendations", &[("Content-Type", "text/csv")], Some(&file)).problem(403);
    state.get(&location).problem(404);
    app.anonymous().get(&location).problem(401);
    admin.get("/api/v1/imports/job_0000000000000000000000000000000a").problem(404);
}

fn offers_import_as_a_job(app: TestApp) {
    let provider_key = app.key(json!({"role": "provider", "state": "NOR"}));
    let provider = app.with_key(Some(&provider_key));
    let mut csv = String::from("provider,title,themes,global\n");
    for i in 0..1500 {
        csv.push_str(&format!("NOR,Offer {i},torture;detention,true\n"));
    }
    let (location, _) = submit(&provider, "/api/v1/imports/offers", "text/csv", csv.as_bytes(), None);
    let done = followed(&provider, &location);
    assert_eq!(done["status"], "succeeded", "{done}");
    assert_eq!(done["result"]["created"], 1500, "more than one bulk call takes");
    assert_eq!((done["rows_total"].as_i64(), done["rows_done"].as_i64()), (Some(1500), Some(1500)));
    assert_eq!(app.get("/api/v1/offers?limit=1").json()["total"], 1500);
    let first = done["result"]["first_id"].as_str().unwrap();
    assert_eq!(app.get(&format!("/api/v1/offers/{first}")).json()["title"], "Offer 0");

    // Every problem of the file in the job's problem, and nothing stored.
    let bad = "provider,title,themes,global,capacity\nNOR,ok,torture,true,two\nNOR,,torture,true,1\n";
    let (location, _) = submit(&provider, "/api/v1/imports/offers", "text/csv", bad.as_bytes(), None);
    let failed = followed(&provider, &location);
    assert_eq!(failed["status"], "failed", "{failed}");
    let fields: Vec<&str> =
        failed["problem"]["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["line 2: capacity", "line 3: title"], "{failed}");
    let forbidden = "provider,title,themes,global\nSWE,theirs,torture,true\n";
    let (location, _) = submit(&provider, "/api/v1/imports/offers", "text/csv", forbidden.as_bytes(), None);
    assert_eq!(followed(&provider, &location)["problem"]["status"], 403);
    assert_eq!(app.get("/api/v1/offers?limit=1").json()["total"], 1500);

    let json_body = json!([{"provider": "NOR", "title": "From JSON", "themes": ["torture"], "global": true}]);
    let (location, _) =
        submit(&provider, "/api/v1/imports/offers", "application/json", json_body.to_string().as_bytes(), None);
    assert_eq!(followed(&provider, &location)["result"]["created"], 1);
    provider.send("POST", "/api/v1/imports/offers", &[("Content-Type", "text/plain")], Some(b"x")).problem(415);
}

/// `tcmatch import FILE` follows the job to its end: the answer on stdout, progress on stderr;
/// every problem of a bad file on stderr, and a failing exit.
fn the_command_line_imports_through_the_service(app: TestApp) {
    let folder = std::env::temp_dir().join(format!("tcmatch-import-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join(format!("upr-{:?}.csv", std::thread::current().id()).replace(['(', ')'], ""));
    std::fs::write(&file, upr_rows(300)).unwrap();
    let admin_key = app.key(json!({"role": "admin"}));
    let run = |file: &std::path::Path, kind: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_tcmatch"))
            .args(["import", file.to_str().unwrap(), "--kind", kind, "--url", &app.url("")])
            .env("TCMATCH_API_KEY", &admin_key)
            .output()
            .unwrap()
    };
    let out = run(&file, "recommendations");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let result: Value = serde_json::from_slice(&out.stdout).expect("the import's answer alone on stdout");
    assert!(result["new"].as_i64().unwrap() > 290, "{result}");
    assert!(stderr.contains("/ 300 rows"), "progress on stderr: {stderr}");
    let again = run(&file, "recommendations");
    assert!(again.status.success());
    assert_eq!(serde_json::from_slice::<Value>(&again.stdout).unwrap(), result, "the same file: the same job");

    let bad = folder.join(format!("offers-{:?}.csv", std::thread::current().id()).replace(['(', ')'], ""));
    std::fs::write(
        &bad,
        "provider,title,themes,global
NOR,,torture,true
NOR,ok,,maybe
",
    )
    .unwrap();
    let failed = run(&bad, "offers");
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(!failed.status.success() && failed.stdout.is_empty());
    assert!(stderr.contains("line 2: title") && stderr.contains("line 3: global"), "{stderr}");
    let _ = std::fs::remove_file(&file);
    let _ = std::fs::remove_file(&bad);
}

backend_tests!(recommendations_import_as_a_job, offers_import_as_a_job, the_command_line_imports_through_the_service);

//! Health, readiness, API docs, what survives a restart, and the theme model's commands.

use serde_json::json;

use crate::backend_tests;
use crate::helpers::{Backend, TestApp};

fn health_and_readiness(app: TestApp) {
    assert_eq!(app.get("/healthz").json()["status"], "ok");
    let ready = app.get("/readyz").json();
    assert_eq!(ready["status"], "ready");
    let expected = match app.backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(ready["database"], expected);
}

fn docs_are_served(app: TestApp) {
    let doc = app.get("/api-docs/openapi.json");
    assert_eq!(doc.status, 200);
    assert!(doc.json()["paths"]["/api/v1/requests"].is_object());
    let ui = app.get("/swagger-ui/");
    assert_eq!(ui.status, 200);
    assert!(ui.text.contains("swagger"), "{}", &ui.text[..ui.text.len().min(200)]);
    let bare = app.get("/swagger-ui");
    assert_eq!((bare.status, bare.header("location")), (307, Some("/swagger-ui/")), "redirects to the UI");
}

fn metrics_are_exposed(app: TestApp) {
    app.get("/api/v1/states/KEN");
    app.anonymous().get("/api/v1/requests/req_0000000000000000000000000000000a");
    app.create("/api/v1/offers", &json!({"provider": "NOR", "title": "t", "themes": ["torture"], "global": true}));
    app.with_key(Some("tcm_unknown")).get("/api/v1/states").problem(401);
    let res = app.get("/metrics");
    assert_eq!(res.status, 200);
    assert!(res.header("content-type").unwrap().starts_with("text/plain"));
    let text = res.text;
    assert!(
        text.contains(r#"tcmatch_http_requests_total{method="GET",route="/api/v1/states/{code}",status="200"} 1"#),
        "{text}"
    );
    assert!(text.contains(r#"route="/api/v1/requests/{id}",status="404"} 1"#), "{text}");
    assert!(text.contains(r#"route="/api/v1/states",status="401"} 1"#), "refused by the middleware: {text}");
    assert!(text.contains("tcmatch_http_request_duration_seconds_count"));
    assert!(text.contains("tcmatch_index_offers 1"), "{text}");

    // Requests nobody consented to publish are not counted where anyone can read.
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let req = app
        .with_key(Some(&kenya))
        .create("/api/v1/requests", &json!({"state": "KEN", "title": "Pending", "themes": ["torture"]}))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let text = app.anonymous().get("/metrics").text;
    assert!(text.contains("tcmatch_index_consented_requests 0\n"), "{text}");
    assert!(!text.contains("tcmatch_index_requests"), "no count of every request: {text}");
    app.with_key(Some(&kenya)).create(&format!("/api/v1/requests/{req}/consent"), &json!({"status": "granted"}));
    assert!(app.anonymous().get("/metrics").text.contains("tcmatch_index_consented_requests 1\n"));
}

fn requests_carry_an_id(app: TestApp) {
    let res = app.get_with("/healthz", &[("X-Request-Id", "abc-123")]);
    assert_eq!(res.header("x-request-id"), Some("abc-123"));
    let generated = app.get("/healthz");
    assert!(generated.header("x-request-id").is_some_and(|v| v.len() >= 16));
    assert_eq!(generated.header("x-content-type-options"), Some("nosniff"));
    let refused = app.anonymous().send("POST", "/api/v1/organizations", &[("X-Request-Id", "abc-401")], Some(b"{}"));
    assert_eq!((refused.status, refused.header("x-request-id")), (401, Some("abc-401")));
}

fn data_survives_a_restart(mut app: TestApp) {
    let org = app.create("/api/v1/organizations", &json!({"kind": "cso", "name": "Restart Watch"}));
    let id = org["id"].as_str().unwrap().to_string();
    let before = app.address.clone();
    app.restart();
    assert_ne!(app.address, before, "a new process-level server on a new port");
    let after = app.get(&format!("/api/v1/organizations/{id}"));
    assert_eq!(after.status, 200);
    assert_eq!(after.json()["name"], "Restart Watch");
    assert_eq!(app.get("/api/v1/states").json().as_array().unwrap().len(), 195, "seeding is idempotent");
}

/// Two instances started together migrate one database safely (PostgreSQL: under an advisory
/// lock), and what one writes the other serves.
fn two_instances_share_one_database(backend: Backend) {
    let app = TestApp::spawn_pair(backend);
    let org = app.create("/api/v1/organizations", &json!({"kind": "cso", "name": "Shared"}));
    let path = format!("/api/v1/organizations/{}", org["id"].as_str().unwrap());
    let via_peer = app.peer_get(&path, None);
    assert_eq!(via_peer.status, 200, "{}", via_peer.excerpt());
    assert_eq!(via_peer.json(), org);
    assert_eq!(app.peer_get("/api/v1/states", None).json().as_array().unwrap().len(), 195);
}

#[test]
fn two_sqlite_instances_share_one_database() {
    two_instances_share_one_database(Backend::Sqlite);
}

#[test]
#[cfg_attr(not(postgres_tests), ignore = "TCMATCH_TEST_POSTGRES_URL is not set")]
fn two_postgres_instances_share_one_database() {
    two_instances_share_one_database(Backend::Postgres);
}

/// Browser apps on a configured origin may call the API (the backend does not matter here).
#[test]
fn cross_origin_calls_from_configured_origins() {
    use tcmatch::config::origins::CorsOrigins;
    let dash = "https://dash.example.org";
    let app = TestApp::spawn_with(Backend::Sqlite, |s| {
        s.cors_origins = CorsOrigins::parse(dash).unwrap();
    });
    let preflight = app.anonymous().send(
        "OPTIONS",
        "/api/v1/requests/req_1",
        &[("Origin", dash), ("Access-Control-Request-Method", "PATCH"), ("Access-Control-Request-Headers", "if-match")],
        None,
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("access-control-allow-origin"), Some(dash));
    assert!(preflight.header("access-control-allow-methods").unwrap().contains("PATCH"));
    assert!(preflight.header("access-control-allow-headers").unwrap().contains("If-Match"));

    let read = app.anonymous().get_with("/api/v1/themes", &[("Origin", dash)]);
    assert_eq!((read.status, read.header("access-control-allow-origin")), (200, Some(dash)));
    assert!(read.header("access-control-expose-headers").unwrap().contains("ETag"));
    let vary: Vec<&str> = read.headers.iter().filter(|(k, _)| k == "vary").map(|(_, v)| v.as_str()).collect();
    assert!(vary.iter().any(|v| v.contains("Origin")), "{vary:?}");
    let refused = app.anonymous().send("POST", "/api/v1/offers", &[("Origin", dash)], Some(b"{}"));
    assert_eq!((refused.status, refused.header("access-control-allow-origin")), (401, Some(dash)), "errors too");

    let elsewhere = "https://elsewhere.example.org";
    let other = app.anonymous().get_with("/api/v1/themes", &[("Origin", elsewhere)]);
    assert_eq!((other.status, other.header("access-control-allow-origin")), (200, None));
    let vary: Vec<&str> = other.headers.iter().filter(|(k, _)| k == "vary").map(|(_, v)| v.as_str()).collect();
    assert!(vary.contains(&"Origin"), "caches keep origins apart: {vary:?}");
    let other_preflight = app.anonymous().send(
        "OPTIONS",
        "/api/v1/themes",
        &[("Origin", elsewhere), ("Access-Control-Request-Method", "GET")],
        None,
    );
    assert_eq!((other_preflight.status, other_preflight.header("access-control-allow-origin")), (405, None));

    let default = TestApp::spawn(Backend::Sqlite);
    let closed = default.anonymous().get_with("/api/v1/themes", &[("Origin", dash)]);
    assert_eq!(closed.header("access-control-allow-origin"), None, "off unless configured");
}

/// On SQLite, a read never waits for the write lock to note when its key was last used.
#[test]
fn reads_do_not_wait_for_the_write_lock() {
    let app = TestApp::spawn(Backend::Sqlite);
    let fresh_key = app.key(json!({"role": "state", "state": "KEN"}));
    let lock = app.hold_write_lock();
    let started = std::time::Instant::now();
    let res = app.with_key(Some(&fresh_key)).get("/api/v1/requests");
    assert_eq!(res.status, 200, "{}", res.excerpt());
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "waited {:?}", started.elapsed());
    drop(lock);
}

/// The database file holds everything, keys' hashes included: only its owner may read it.
#[test]
#[cfg(unix)]
fn the_database_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let app = TestApp::spawn(Backend::Sqlite);
    let mode = std::fs::metadata(app.sqlite_path()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
}

/// `tcmatch backup` copies a database in use to a new private file that opens with the data;
/// it never overwrites, and says to use pg_dump for PostgreSQL.
#[test]
fn backup_copies_a_database_in_use() {
    use std::process::Command;
    let app = TestApp::spawn(Backend::Sqlite);
    app.create("/api/v1/organizations", &json!({"kind": "cso", "name": "Kept Safe"}));
    let copy = app.sqlite_path().with_file_name("copy.db");
    let backup = |target: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_tcmatch"))
            .args(["backup", &target.to_string_lossy(), "--database-url", app.database_url()])
            .env("TCMATCH_LOG", "warn")
            .output()
            .unwrap()
    };
    let made = backup(&copy);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let restored = TestApp::spawn_with(Backend::Sqlite, |s| s.database_url = format!("sqlite://{}", copy.display()));
    let orgs = restored.anonymous().get("/api/v1/organizations?q=kept").json();
    assert_eq!(orgs["total"], 1, "{orgs}");
    let again = backup(&copy);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
}

/// Once the database is known to be unreachable, calls get 503 with Retry-After within about
/// a second, instead of waiting the pool's full five seconds each.
#[test]
#[cfg_attr(not(postgres_tests), ignore = "TCMATCH_TEST_POSTGRES_URL is not set")]
fn a_database_known_down_answers_503_at_once() {
    let app = TestApp::spawn(Backend::Postgres);
    assert_eq!(app.anonymous().get("/api/v1/offers").status, 200);
    app.take_database_down();
    let first = app.anonymous().get("/api/v1/offers");
    first.problem(503);
    for _ in 0..3 {
        let started = std::time::Instant::now();
        let res = app.anonymous().get("/api/v1/offers");
        res.problem(503);
        assert!(res.header("retry-after").is_some());
        assert!(started.elapsed() < std::time::Duration::from_millis(1500), "took {:?}", started.elapsed());
    }
    app.anonymous().get("/readyz").problem(503);
}

backend_tests!(
    health_and_readiness,
    docs_are_served,
    metrics_are_exposed,
    requests_carry_an_id,
    data_survives_a_restart
);

/// The real binary: `create-key` bootstraps an admin key; then the server, twice, on one SQLite
/// file: data written by the first process is read by the second, and SIGTERM stops a process
/// cleanly (exit code 0). Each logs in the format its `--log-format` asks for.
#[test]
fn binary_restart_keeps_data_and_stops_on_sigterm() {
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};

    fn start(db: &str, log_format: &str) -> (Child, String) {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(env!("CARGO_BIN_EXE_tcmatch"))
            .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--database-url", db, "--workers", "1"])
            .args(["--log-format", log_format])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(60);
        while ureq::get(&format!("{base}/readyz")).call().is_err() {
            assert!(Instant::now() < deadline, "the binary did not become ready");
            std::thread::sleep(Duration::from_millis(50));
        }
        (child, base)
    }

    /// Stops the process with SIGTERM and returns what it logged.
    fn stop(child: Child) -> String {
        let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
        assert!(status.success());
        let exit = child.wait_with_output().unwrap();
        assert!(exit.status.success(), "graceful shutdown exits 0, got {:?}", exit.status);
        String::from_utf8(exit.stdout).unwrap()
    }

    let dir = std::env::temp_dir().join(format!("tcmatch-bin-{}", uuid::Uuid::new_v4().simple()));
    let db = format!("sqlite://{}", dir.join("nested/tcmatch.db").display());
    let made = Command::new(env!("CARGO_BIN_EXE_tcmatch"))
        .args(["create-key", "--role", "admin", "--label", "bootstrap", "--database-url", &db])
        .env("TCMATCH_LOG", "warn")
        .output()
        .expect("create-key runs");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let secret = String::from_utf8(made.stdout).unwrap().trim().to_string();
    assert!(secret.starts_with("tcm_"), "{secret}");
    let (first, base) = start(&db, "text");
    let created: serde_json::Value = ureq::post(&format!("{base}/api/v1/organizations"))
        .set("Authorization", &format!("Bearer {secret}"))
        .send_json(json!({"kind": "nhri", "name": "Persistent Commission"}))
        .unwrap()
        .into_json()
        .unwrap();
    let text_log = stop(first);
    assert!(text_log.contains("tcmatch listening"), "{text_log}");
    assert!(!text_log.contains('\x1b'), "no colour codes outside a terminal");

    let (second, base) = start(&db, "json");
    let id = created["id"].as_str().unwrap();
    let read: serde_json::Value =
        ureq::get(&format!("{base}/api/v1/organizations/{id}")).call().unwrap().into_json().unwrap();
    assert_eq!(read["name"], "Persistent Commission");
    let json_log = stop(second);
    for line in json_log.lines() {
        let event: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(event["level"].is_string(), "{line}");
    }
    assert!(json_log.contains("\"message\":\"tcmatch listening\""), "{json_log}");
    let _ = std::fs::remove_dir_all(dir);
}

/// `tcmatch evaluate` measures the shipped theme model on any UPR Info CSV, and `tcmatch train`
/// writes a model that `evaluate --model` reads back.
#[test]
fn theme_model_commands_train_and_evaluate() {
    use std::process::Command;

    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/theme-sample.csv");
    let evaluated = Command::new(env!("CARGO_BIN_EXE_tcmatch")).args(["evaluate", sample]).output().unwrap();
    let printed = String::from_utf8_lossy(&evaluated.stdout);
    assert!(evaluated.status.success(), "{printed}{}", String::from_utf8_lossy(&evaluated.stderr));
    assert!(printed.starts_with("32 labelled rows of all sessions"), "{printed}");
    let micro: f64 =
        printed.split("micro-F1 ").nth(1).and_then(|r| r.split_whitespace().next()).unwrap().parse().unwrap();
    assert!(micro >= 0.75, "{printed}");
    let interval = printed.split("reviews (a State in a session): micro-F1 ").nth(1).unwrap();
    let (low, high) = interval.split_whitespace().next().unwrap().split_once('-').unwrap();
    let (low, high): (f64, f64) = (low.parse().unwrap(), high.parse().unwrap());
    assert!(low <= micro && micro <= high, "the interval holds the figure: {printed}");

    let dir = std::env::temp_dir().join(format!("tcmatch-model-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let model = dir.join("model.bin");
    let trained = Command::new(env!("CARGO_BIN_EXE_tcmatch"))
        .args(["train", sample, "--sessions", "34-41", "--output"])
        .arg(&model)
        .output()
        .unwrap();
    assert!(trained.status.success(), "{}", String::from_utf8_lossy(&trained.stderr));
    let reread = Command::new(env!("CARGO_BIN_EXE_tcmatch"))
        .args(["evaluate", sample, "--sessions", "39", "--model"])
        .arg(&model)
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&reread.stdout);
    assert!(reread.status.success() && printed.starts_with("6 labelled rows of sessions 39-39"), "{printed}");

    let refused = Command::new(env!("CARGO_BIN_EXE_tcmatch")).args(["evaluate", sample, "--sessions", "9-2"]).output();
    assert!(!refused.unwrap().status.success(), "a backwards session range is refused");
    std::fs::remove_dir_all(dir).unwrap();
}

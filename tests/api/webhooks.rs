//! Webhooks against receivers started here on 127.0.0.1: signed deliveries of what each key may
//! see, retried after a failure, logged, and none of what it may not see.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tcmatch::service::webhooks::signature;

use crate::backend_tests;
use crate::fixtures::{offer, request};
use crate::helpers::{Backend, Session, TestApp};

/// One delivery as a receiver got it.
#[derive(Debug, Clone)]
struct Received {
    event: String,
    signature: String,
    body: String,
}

/// A receiver on 127.0.0.1 that answers 500 to its first `failures` deliveries, then 200.
struct Receiver {
    url: String,
    got: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    fn start(failures: usize) -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let got = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&got);
        std::thread::spawn(move || {
            let mut answered = 0;
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut headers = Vec::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    headers.push(line.trim_end().to_string());
                }
                let header = |name: &str| {
                    headers
                        .iter()
                        .find_map(|h| {
                            let (k, v) = h.split_once(':')?;
                            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
                        })
                        .unwrap_or_default()
                };
                let length: usize = header("content-length").parse().unwrap_or(0);
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                let status = if answered < failures { "500 Internal Server Error" } else { "200 OK" };
                answered += 1;
                if status.starts_with("200") {
                    kept.lock().unwrap().push(Received {
                        event: header("x-tcmatch-event"),
                        signature: header("x-tcmatch-signature"),
                        body: String::from_utf8(body).unwrap(),
                    });
                }
                let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            }
        });
        Receiver { url, got }
    }

    /// What it received once `n` deliveries arrived (waits up to 15 s), as (event, data).
    fn wait_for(&self, n: usize) -> Vec<(String, Value)> {
        let until = Instant::now() + Duration::from_secs(15);
        while self.got.lock().unwrap().len() < n && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(50));
        }
        self.events()
    }

    fn events(&self) -> Vec<(String, Value)> {
        self.got
            .lock()
            .unwrap()
            .iter()
            .map(|r| {
                let body: Value = serde_json::from_str(&r.body).unwrap();
                assert_eq!(body["event"], r.event.as_str());
                (r.event.clone(), body["data"].clone())
            })
            .collect()
    }
}

fn subscribe(session: &Session<'_>, url: &str, events: Value) -> (String, String) {
    let made = session.post("/api/v1/webhooks", &json!({"url": url, "events": events, "min_score": 0.3}));
    assert_eq!(made.status, 201, "{}", made.excerpt());
    let made = made.json();
    (made["id"].as_str().unwrap().to_string(), made["secret"].as_str().unwrap().to_string())
}

fn subscribers_are_told_what_they_may_see(app: TestApp) {
    let kenya_key = app.key(json!({"role": "state", "state": "KEN"}));
    let haiti_key = app.key(json!({"role": "state", "state": "HTI"}));
    let norway_key = app.key(json!({"role": "provider", "state": "NOR"}));
    let (kenya, haiti, norway) =
        (app.with_key(Some(&kenya_key)), app.with_key(Some(&haiti_key)), app.with_key(Some(&norway_key)));
    // Kenya's receiver fails once: its first delivery is sent again.
    let (to_kenya, to_haiti, to_norway) = (Receiver::start(1), Receiver::start(0), Receiver::start(0));
    let all = json!(["match.new", "engagement.moved", "consent.changed"]);
    let (kenya_hook, kenya_secret) = subscribe(&kenya, &to_kenya.url, all.clone());
    subscribe(&haiti, &to_haiti.url, json!(["consent.changed", "match.new"]));
    let (norway_hook, norway_secret) = subscribe(&norway, &to_norway.url, json!(["match.new", "engagement.moved"]));

    let request = kenya
        .create("/api/v1/requests", &json!({"state": "KEN", "title": "Criminalise torture", "themes": ["torture"]}))
        ["id"]
        .as_str()
        .unwrap()
        .to_string();
    let offered = offer(&app, "NOR", json!(["torture"]), json!("global"));
    let first = to_kenya.wait_for(1);
    assert_eq!(first[0].0, "match.new", "Kenya is told of a pair with its pending request: {first:?}");
    assert_eq!(
        (first[0].1["request_id"].as_str(), first[0].1["offer_id"].as_str()),
        (Some(&*request), Some(&*offered))
    );
    assert_eq!(first[0].1["consent"], "pending");

    kenya.post(&format!("/api/v1/requests/{request}/consent"), &json!({"status": "granted"}));
    let told_norway = to_norway.wait_for(1);
    assert_eq!(told_norway[0].0, "match.new", "Norway is told once the request is consented");
    assert_eq!(told_norway[0].1["consent"], "granted");
    let engagement = kenya.create("/api/v1/engagements", &json!({"request_id": request, "offer_id": offered}));
    let to_kenya_all = to_kenya.wait_for(3);
    let kinds: Vec<&str> = to_kenya_all.iter().map(|(e, _)| e.as_str()).collect();
    assert_eq!(kinds, ["match.new", "consent.changed", "engagement.moved"], "the pair is announced once");
    assert_eq!(to_kenya_all[1].1["status"], "granted");
    assert_eq!(to_kenya_all[2].1["engagement_id"], engagement["id"]);
    let to_norway_all = to_norway.wait_for(2);
    assert_eq!(to_norway_all[1].0, "engagement.moved");

    // Signed with the subscription's secret.
    let delivered = to_kenya.got.lock().unwrap()[0].clone();
    assert_eq!(delivered.signature, signature(&kenya_secret, delivered.body.as_bytes()));
    assert_ne!(delivered.signature, signature("another secret", delivered.body.as_bytes()));

    // The log: the first delivery took two attempts (the receiver failed once).
    let log = kenya.get(&format!("/api/v1/webhooks/{kenya_hook}/deliveries")).json();
    let oldest = log.as_array().unwrap().last().unwrap();
    assert_eq!((oldest["status"].as_str(), oldest["attempts"].as_i64()), (Some("delivered"), Some(2)), "{log}");
    assert_eq!(oldest["last_status"], 200);
    norway.get(&format!("/api/v1/webhooks/{kenya_hook}/deliveries")).problem(404);

    // Haiti saw nothing of Kenya's; a removed subscription is told nothing more.
    assert!(to_haiti.events().is_empty(), "{:?}", to_haiti.events());
    assert_eq!(norway.send("DELETE", &format!("/api/v1/webhooks/{norway_hook}"), &[], None).status, 204);
    offer(&app, "NOR", json!(["torture"]), json!("global"));
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(to_norway.events().len(), 2);
    assert_eq!(norway.get("/api/v1/webhooks").json().as_array().unwrap().len(), 0);
    let audit = app.get(&format!("/api/v1/audit?resource=webhook&resource_id={norway_hook}"));
    assert_eq!(audit.json()["total"], 2, "made and removed: {}", audit.text);
    assert!(!audit.text.contains(&norway_secret), "the audit never keeps the secret");
    assert_eq!(app.get("/api/v1/webhooks").json().as_array().unwrap().len(), 2, "an admin sees every key's");

    kenya.post("/api/v1/webhooks", &json!({"url": "ftp://x", "events": ["match.new"]})).field_error(422, "url");
    kenya.post("/api/v1/webhooks", &json!({"url": "https://x.example", "events": []})).field_error(422, "events");
    kenya
        .post("/api/v1/webhooks", &json!({"url": "https://x.example", "events": ["nope"]}))
        .field_error(422, "events[0]");
    app.anonymous()
        .post("/api/v1/webhooks", &json!({"url": "https://x.example", "events": ["match.new"]}))
        .problem(401);
}

/// A delivery is looked at again before each attempt: once the State withdraws consent, a
/// provider's queued news of the pair is given up, unsent, however long ago it was queued.
fn queued_news_follows_consent(app: TestApp) {
    let kenya_key = app.key(json!({"role": "state", "state": "KEN"}));
    let norway_key = app.key(json!({"role": "provider", "state": "NOR"}));
    let norway = app.with_key(Some(&norway_key));
    let failing = Receiver::start(usize::MAX);
    let (hook, _) = subscribe(&norway, &failing.url, json!(["match.new"]));
    let request = request(&app, &kenya_key, "KEN", json!(["torture"]), Some("granted"));
    offer(&app, "NOR", json!(["torture"]), json!("global"));
    let log = |wanted: &dyn Fn(&Value) -> bool| {
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            let log = norway.get(&format!("/api/v1/webhooks/{hook}/deliveries")).json();
            if wanted(&log[0]) {
                return log[0].clone();
            }
            assert!(Instant::now() < until, "{log}");
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    let tried = log(&|d| d["attempts"].as_i64() >= Some(1));
    assert_eq!(tried["status"], "pending", "{tried}");
    app.with_key(Some(&kenya_key))
        .post(&format!("/api/v1/requests/{request}/consent"), &json!({"status": "withdrawn"}));
    let given_up = log(&|d| d["status"] == "failed");
    assert!(given_up["last_error"].as_str().unwrap().starts_with("not sent"), "{given_up}");
    assert!(given_up["attempts"].as_i64() < Some(8), "{given_up}");
    assert!(failing.events().is_empty());
}

/// Unless the operator allows private targets, a key cannot point a webhook into the network
/// the service runs in.
fn webhooks_point_outward_by_default(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| s.webhooks.private_targets = false);
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let state = app.with_key(Some(&kenya));
    for inward in [
        "http://127.0.0.1:9/x",
        "http://localhost/x",
        "http://169.254.169.254/latest",
        "http://[::1]/",
        "http://10.0.0.7/",
    ] {
        let refused = state.post("/api/v1/webhooks", &json!({"url": inward, "events": ["match.new"]}));
        assert!(refused.field_error(422, "url").contains("must not point"), "{inward}");
    }
    let outward =
        state.post("/api/v1/webhooks", &json!({"url": "https://hooks.example.org/tcmatch", "events": ["match.new"]}));
    assert_eq!(outward.status, 201, "{}", outward.excerpt());
}

#[test]
fn webhooks_point_outward_by_default_on_sqlite() {
    webhooks_point_outward_by_default(Backend::Sqlite);
}

backend_tests!(subscribers_are_told_what_they_may_see, queued_news_follows_consent);

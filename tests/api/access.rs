//! Who may do what: every endpoint walked with each kind of caller, the consent gate, keys,
//! the audit trail and the rate limit.

use std::time::Duration;

use serde_json::{json, Value};

use crate::backend_tests;
use crate::fixtures::{OfferBody, RequestBody};
use crate::helpers::{wait_until, Backend, TestApp};
use crate::requests::new_request;

/// The callers of the matrix, in column order.
const CALLERS: [&str; 6] = ["anonymous", "admin", "owning state", "other state", "owning provider", "other provider"];

/// Keys for every kind of caller, and two organizations.
struct World {
    keys: [Option<String>; 6],
    org_a: String,
    org_b: String,
}

fn world(app: &TestApp) -> World {
    let org_a = app.create("/api/v1/organizations", &json!({"kind": "cso", "name": "Org A"}))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let org_b = app.create("/api/v1/organizations", &json!({"kind": "nhri", "name": "Org B"}))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let keys = [
        None,
        Some(app.admin_key.clone()),
        Some(app.key(json!({"role": "state", "state": "KEN", "label": "Kenya"}))),
        Some(app.key(json!({"role": "state", "state": "UGA", "label": "Uganda"}))),
        Some(app.key(json!({"role": "provider", "organization_id": org_a}))),
        Some(app.key(json!({"role": "provider", "organization_id": org_b}))),
    ];
    World { keys, org_a, org_b }
}

fn request_of(app: &TestApp, consent: Option<&str>) -> String {
    RequestBody::detailed("KEN").create(&app.admin(), consent)
}

fn offer_of(app: &TestApp, provider: &str, status: &str) -> String {
    OfferBody::by(provider).set("status", json!(status)).create(&app.admin())
}

/// Kenya's interest in an open offer of organization A, on a consented request.
fn engagement_of(app: &TestApp, w: &World) -> String {
    let pair = json!({"request_id": request_of(app, Some("granted")), "offer_id": offer_of(app, &w.org_a, "open"), "side": "request"});
    app.create("/api/v1/engagements", &pair)["id"].as_str().unwrap().to_string()
}

struct Case {
    name: &'static str,
    method: &'static str,
    /// Makes fresh fixtures for one call and returns its path.
    path: fn(&TestApp, &World) -> String,
    body: fn(&World) -> Option<Value>,
    expect: [u16; 6],
}

fn none(_: &World) -> Option<Value> {
    None
}

const CSV: &str = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n\
                   Kenya,Africa,AU,Ratify OPCAT.,Norway,WEOG,,Accepted,5,Torture and other CID treatment,10\n";

fn cases() -> Vec<Case> {
    vec![
        Case { name: "list states", method: "GET", path: |_, _| "/api/v1/states".into(), body: none, expect: [200; 6] },
        Case {
            name: "resolve theme",
            method: "GET",
            path: |_, _| "/api/v1/themes/resolve?q=torture".into(),
            body: none,
            expect: [200; 6],
        },
        Case {
            name: "suggest themes",
            method: "POST",
            path: |_, _| "/api/v1/themes/suggest".into(),
            body: |_| Some(json!({ "text": "Ratify the Convention against Torture" })),
            expect: [401, 200, 200, 200, 200, 200],
        },
        Case {
            name: "list organizations",
            method: "GET",
            path: |_, _| "/api/v1/organizations".into(),
            body: none,
            expect: [200; 6],
        },
        Case {
            name: "list recommendations",
            method: "GET",
            path: |_, _| "/api/v1/recommendations".into(),
            body: none,
            expect: [200; 6],
        },
        Case {
            name: "list requests",
            method: "GET",
            path: |_, _| "/api/v1/requests".into(),
            body: none,
            expect: [200; 6],
        },
        Case { name: "list offers", method: "GET", path: |_, _| "/api/v1/offers".into(), body: none, expect: [200; 6] },
        Case { name: "health", method: "GET", path: |_, _| "/healthz".into(), body: none, expect: [200; 6] },
        Case {
            name: "create organization",
            method: "POST",
            path: |_, _| "/api/v1/organizations".into(),
            body: |_| Some(json!({"kind": "cso", "name": "New"})),
            expect: [401, 201, 403, 403, 403, 403],
        },
        Case {
            name: "update organization",
            method: "PATCH",
            path: |_, w| format!("/api/v1/organizations/{}", w.org_a),
            body: |_| Some(json!({"description": "changed"})),
            expect: [401, 200, 403, 403, 403, 403],
        },
        Case {
            name: "create recommendation",
            method: "POST",
            path: |_, _| "/api/v1/recommendations".into(),
            body: |_| Some(json!({"state_under_review": "KEN", "session": 10, "text": "t", "response": "noted"})),
            expect: [401, 201, 403, 403, 403, 403],
        },
        Case {
            name: "update recommendation",
            method: "PATCH",
            path: |app, _| {
                let body = json!({"state_under_review": "KEN", "session": 10, "text": "t", "response": "noted"});
                format!(
                    "/api/v1/recommendations/{}",
                    app.create("/api/v1/recommendations", &body)["id"].as_str().unwrap()
                )
            },
            body: |_| Some(json!({"response": "supported"})),
            expect: [401, 200, 403, 403, 403, 403],
        },
        Case {
            name: "import recommendations",
            method: "CSV",
            path: |_, _| "/api/v1/recommendations/import".into(),
            body: none,
            expect: [401, 201, 403, 403, 403, 403],
        },
        Case {
            name: "create request for KEN",
            method: "POST",
            path: |_, _| "/api/v1/requests".into(),
            body: |_| Some(new_request("KEN")),
            expect: [401, 201, 201, 403, 403, 403],
        },
        Case {
            name: "read pending request",
            method: "GET",
            path: |app, _| format!("/api/v1/requests/{}", request_of(app, None)),
            body: none,
            expect: [404, 200, 200, 404, 404, 404],
        },
        Case {
            name: "read consented request",
            method: "GET",
            path: |app, _| format!("/api/v1/requests/{}", request_of(app, Some("granted"))),
            body: none,
            expect: [200; 6],
        },
        Case {
            name: "read refused request",
            method: "GET",
            path: |app, _| format!("/api/v1/requests/{}", request_of(app, Some("refused"))),
            body: none,
            expect: [404, 200, 200, 404, 404, 404],
        },
        Case {
            name: "update pending request",
            method: "PATCH",
            path: |app, _| format!("/api/v1/requests/{}", request_of(app, None)),
            body: |_| Some(json!({"priority": "low"})),
            expect: [401, 200, 200, 404, 404, 404],
        },
        Case {
            name: "update consented request",
            method: "PATCH",
            path: |app, _| format!("/api/v1/requests/{}", request_of(app, Some("granted"))),
            body: |_| Some(json!({"priority": "low"})),
            expect: [401, 200, 200, 403, 403, 403],
        },
        Case {
            name: "record consent on pending request",
            method: "POST",
            path: |app, _| format!("/api/v1/requests/{}/consent", request_of(app, None)),
            body: |_| Some(json!({"status": "granted"})),
            expect: [401, 201, 201, 404, 404, 404],
        },
        Case {
            name: "record consent on consented request",
            method: "POST",
            path: |app, _| format!("/api/v1/requests/{}/consent", request_of(app, Some("granted"))),
            body: |_| Some(json!({"status": "withdrawn"})),
            expect: [401, 201, 201, 403, 403, 403],
        },
        Case {
            name: "consent history of pending request",
            method: "GET",
            path: |app, _| format!("/api/v1/requests/{}/consent", request_of(app, None)),
            body: none,
            expect: [404, 200, 200, 404, 404, 404],
        },
        Case {
            name: "consent history of consented request",
            method: "GET",
            path: |app, _| format!("/api/v1/requests/{}/consent", request_of(app, Some("granted"))),
            body: none,
            expect: [401, 200, 200, 403, 403, 403],
        },
        Case {
            name: "create offer for org A",
            method: "POST",
            path: |_, _| "/api/v1/offers".into(),
            body: |w| Some(json!({"provider": w.org_a, "title": "x", "themes": ["torture"], "global": true})),
            expect: [401, 201, 403, 403, 201, 403],
        },
        Case {
            name: "bulk offers for org A",
            method: "POST",
            path: |_, _| "/api/v1/offers/bulk".into(),
            body: |w| Some(json!([{"provider": w.org_a, "title": "x", "themes": ["torture"], "global": true}])),
            expect: [401, 201, 403, 403, 201, 403],
        },
        Case {
            name: "read draft offer",
            method: "GET",
            path: |app, w| format!("/api/v1/offers/{}", offer_of(app, &w.org_a, "draft")),
            body: none,
            expect: [404, 200, 404, 404, 200, 404],
        },
        Case {
            name: "read open offer",
            method: "GET",
            path: |app, w| format!("/api/v1/offers/{}", offer_of(app, &w.org_a, "open")),
            body: none,
            expect: [200; 6],
        },
        Case {
            name: "update draft offer",
            method: "PATCH",
            path: |app, w| format!("/api/v1/offers/{}", offer_of(app, &w.org_a, "draft")),
            body: |_| Some(json!({"capacity": 2})),
            expect: [401, 200, 404, 404, 200, 404],
        },
        Case {
            name: "update open offer",
            method: "PATCH",
            path: |app, w| format!("/api/v1/offers/{}", offer_of(app, &w.org_a, "open")),
            body: |_| Some(json!({"capacity": 2})),
            expect: [401, 200, 403, 403, 200, 403],
        },
        Case {
            name: "create key",
            method: "POST",
            path: |_, _| "/api/v1/keys".into(),
            body: |w| Some(json!({"role": "provider", "organization_id": w.org_b})),
            expect: [401, 201, 403, 403, 403, 403],
        },
        Case {
            name: "list keys",
            method: "GET",
            path: |_, _| "/api/v1/keys".into(),
            body: none,
            expect: [401, 200, 403, 403, 403, 403],
        },
        Case {
            name: "revoke key",
            method: "DELETE",
            path: |app, _| {
                let key = app.create("/api/v1/keys", &json!({"role": "state", "state": "CHL"}));
                format!("/api/v1/keys/{}", key["id"].as_str().unwrap())
            },
            body: none,
            expect: [401, 200, 403, 403, 403, 403],
        },
        Case {
            name: "read audit",
            method: "GET",
            path: |_, _| "/api/v1/audit".into(),
            body: none,
            expect: [401, 200, 200, 200, 403, 403],
        },
        Case {
            name: "matches of pending request",
            method: "GET",
            path: |app, _| format!("/api/v1/requests/{}/matches", request_of(app, None)),
            body: none,
            expect: [404, 200, 200, 404, 404, 404],
        },
        Case {
            name: "matches of consented request",
            method: "GET",
            path: |app, _| format!("/api/v1/requests/{}/matches", request_of(app, Some("granted"))),
            body: none,
            expect: [200; 6],
        },
        Case {
            name: "matches of draft offer",
            method: "GET",
            path: |app, w| format!("/api/v1/offers/{}/matches", offer_of(app, &w.org_a, "draft")),
            body: none,
            expect: [404, 200, 404, 404, 200, 404],
        },
        Case {
            name: "best matches",
            method: "GET",
            path: |_, _| "/api/v1/matches".into(),
            body: none,
            expect: [200; 6],
        },
        Case {
            name: "supply and demand",
            method: "GET",
            path: |_, _| "/api/v1/stats/themes".into(),
            body: none,
            expect: [200; 6],
        },
        Case {
            name: "express interest",
            method: "INTEREST",
            path: |_, _| "/api/v1/engagements".into(),
            body: none,
            expect: [401, 422, 201, 403, 201, 403],
        },
        Case {
            name: "list engagements",
            method: "GET",
            path: |_, _| "/api/v1/engagements".into(),
            body: none,
            expect: [401, 200, 200, 200, 200, 200],
        },
        Case {
            name: "read engagement",
            method: "GET",
            path: |app, w| format!("/api/v1/engagements/{}", engagement_of(app, w)),
            body: none,
            expect: [401, 200, 200, 404, 200, 404],
        },
        Case {
            name: "answer interest",
            method: "POST",
            path: |app, w| format!("/api/v1/engagements/{}/transitions", engagement_of(app, w)),
            body: |_| Some(json!({"to": "declined"})),
            expect: [401, 422, 409, 404, 200, 404],
        },
    ]
}

fn every_endpoint_with_every_caller(app: TestApp) {
    let w = world(&app);
    let mut failures = Vec::new();
    for case in cases() {
        for (i, key) in w.keys.iter().enumerate() {
            let path = (case.path)(&app, &w);
            let session = app.with_key(key.as_deref());
            let res = match (case.method, (case.body)(&w)) {
                ("CSV", _) => session.send("POST", &path, &[("Content-Type", "text/csv")], Some(CSV.as_bytes())),
                ("INTEREST", _) => {
                    let pair = json!({"request_id": request_of(&app, Some("granted")), "offer_id": offer_of(&app, &w.org_a, "open")});
                    session.post(&path, &pair)
                }
                ("POST", Some(body)) => session.post(&path, &body),
                ("PATCH", Some(body)) => session.patch(&path, Some("*"), &body),
                (method, _) => session.send(method, &path, &[], None),
            };
            if res.status != case.expect[i] {
                failures.push(format!(
                    "{} as {}: expected {}, got {} {}",
                    case.name, CALLERS[i], case.expect[i], res.status, res.text
                ));
            }
            if res.status >= 400 {
                res.problem(res.status);
            }
        }
    }
    assert!(failures.is_empty(), "{} unexpected answers:\n{}", failures.len(), failures.join("\n"));
}

fn lists_show_only_what_the_caller_may_see(app: TestApp) {
    let w = world(&app);
    let pending = request_of(&app, None);
    let granted = request_of(&app, Some("granted"));
    RequestBody::detailed("UGA").set("status", json!("draft")).create(&app.admin(), None);
    let [anon, _, kenya, uganda, provider_a, _] = &w.keys;

    let ids = |key: &Option<String>, path: &str| -> (i64, Vec<String>) {
        let page = app.with_key(key.as_deref()).get(path).json();
        let ids = page["items"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
        (page["total"].as_i64().unwrap(), ids)
    };
    assert_eq!(ids(anon, "/api/v1/requests"), (1, vec![granted.clone()]));
    assert_eq!(ids(provider_a, "/api/v1/requests"), (1, vec![granted.clone()]));
    assert_eq!(ids(kenya, "/api/v1/requests"), (2, vec![pending.clone(), granted.clone()]));
    assert_eq!(ids(uganda, "/api/v1/requests").0, 2, "its own draft and the consented one");
    assert_eq!(app.get("/api/v1/requests").json()["total"], 3);
    assert_eq!(ids(anon, "/api/v1/requests?consent=pending").0, 0, "filters cannot reach hidden rows");
    assert_eq!(ids(anon, "/api/v1/requests?state=KEN&theme=torture").0, 1);

    let anon_etag = app.anonymous().get("/api/v1/requests").etag();
    let kenya_etag = app.with_key(kenya.as_deref()).get("/api/v1/requests").etag();
    assert_ne!(anon_etag, kenya_etag, "ETags follow what the caller sees");

    app.create(&format!("/api/v1/requests/{granted}/consent"), &json!({"status": "withdrawn"}));
    assert_eq!(ids(anon, "/api/v1/requests").0, 0, "withdrawal hides the request at once");
    app.anonymous().get(&format!("/api/v1/requests/{granted}")).problem(404);

    offer_of(&app, &w.org_a, "draft");
    offer_of(&app, &w.org_b, "open");
    assert_eq!(ids(anon, "/api/v1/offers").0, 1);
    assert_eq!(ids(provider_a, "/api/v1/offers").0, 2, "its own draft too");
    assert_eq!(app.get("/api/v1/offers").json()["total"], 2);
}

fn hidden_is_exactly_like_missing(app: TestApp) {
    let w = world(&app);
    let pending = request_of(&app, None);
    let uganda = app.with_key(w.keys[3].as_deref());
    let hidden = uganda.get(&format!("/api/v1/requests/{pending}"));
    let missing = uganda.get("/api/v1/requests/req_0000000000000000000000000000000a");
    assert_eq!(hidden.status, 404);
    assert_eq!(hidden.json()["detail"], missing.json()["detail"]);
    assert_eq!(hidden.json()["title"], missing.json()["title"]);
    let write = uganda.patch(&format!("/api/v1/requests/{pending}"), Some("*"), &json!({"title": "x"}));
    assert_eq!(write.json()["detail"], missing.json()["detail"]);
}

fn clients_cannot_set_fields_they_do_not_own(app: TestApp) {
    let w = world(&app);
    let kenya = app.with_key(w.keys[2].as_deref());
    for (field, value) in [
        ("consent", json!({"status": "granted"})),
        ("id", json!("req_x")),
        ("version", json!(9)),
        ("created_at", json!("2020-01-01T00:00:00Z")),
    ] {
        kenya.post("/api/v1/requests", &RequestBody::detailed("KEN").set(field, value).json()).field_error(422, field);
    }
    let id = request_of(&app, None);
    kenya.patch(&format!("/api/v1/requests/{id}"), Some("*"), &json!({"state": "UGA"})).field_error(422, "state");
    kenya
        .patch(&format!("/api/v1/requests/{id}"), Some("*"), &json!({"consent": "granted"}))
        .field_error(422, "consent");
    let provider = app.with_key(w.keys[4].as_deref());
    let offer =
        json!({"provider": w.org_a, "title": "x", "themes": ["torture"], "global": true, "provider_kind": "state"});
    provider.post("/api/v1/offers", &offer).field_error(422, "provider_kind");
    let offer_id = offer_of(&app, &w.org_a, "open");
    provider
        .patch(&format!("/api/v1/offers/{offer_id}"), Some("*"), &json!({"provider": w.org_b}))
        .field_error(422, "provider");
    app.post("/api/v1/keys", &json!({"role": "admin", "secret": "tcm_mine"})).field_error(422, "secret");
}

fn keys_are_shown_once_and_revocation_is_immediate(app: TestApp) {
    let issued = app.create("/api/v1/keys", &json!({"role": "state", "state": "KEN", "label": "Kenya MFA"}));
    let secret = issued["secret"].as_str().unwrap().to_string();
    let id = issued["id"].as_str().unwrap().to_string();
    assert!(secret.starts_with("tcm_") && secret.len() >= 4 + 32, "at least 128 bits");
    assert!(secret.starts_with(issued["prefix"].as_str().unwrap()));

    let kenya = app.with_key(Some(&secret));
    assert_eq!(kenya.get("/api/v1/requests").status, 200);
    let listed = app.get("/api/v1/keys").text;
    assert!(!listed.contains(&secret), "secrets are never listed");
    assert!(!listed.contains(&secret[4..]), "nor any hash of the whole secret in clear");
    let mine = || {
        let listed = app.get("/api/v1/keys").json();
        listed["items"].as_array().unwrap().iter().find(|k| k["id"] == id.as_str()).unwrap().clone()
    };
    // A key's use is recorded in the background, after the request is answered.
    wait_until("the key's use is recorded", Duration::from_secs(10), || mine()["last_used_at"].is_string());
    let mine = mine();
    assert_eq!(mine["role"], "state");
    assert_eq!(mine["state"], "KEN");
    assert!(mine.get("secret").is_none() && mine.get("secret_hash").is_none());

    assert_eq!(app.send("DELETE", &format!("/api/v1/keys/{id}"), &[], None).status, 200);
    kenya.get("/api/v1/requests").problem(401);
    kenya.get("/api/v1/states").problem(401);
    app.send("DELETE", &format!("/api/v1/keys/{id}"), &[], None).problem(409);
    assert_eq!(app.get("/api/v1/keys").json()["total"], 1, "only the admin key is active");
    assert_eq!(app.get("/api/v1/keys?include_revoked=true").json()["total"], 2);

    let bad = app.with_key(Some("tcm_0000000000000000000000000000000000000000000000000000000000000000"));
    let res = bad.get("/api/v1/states");
    res.problem(401);
    assert_eq!(res.header("www-authenticate"), Some("Bearer"));
    let basic = app.anonymous().send("GET", "/api/v1/states", &[("Authorization", "Basic YWRtaW46YWRtaW4=")], None);
    basic.problem(401);
    assert!(!basic.text.contains("YWRtaW46"), "no credential material in errors");

    let v = app.post("/api/v1/keys", &json!({"role": "state"}));
    v.field_error(422, "state");
    app.post("/api/v1/keys", &json!({"role": "provider"})).field_error(422, "organization_id");
    app.post("/api/v1/keys", &json!({"role": "provider", "organization_id": "org_missing"}))
        .field_error(422, "organization_id");
    app.post("/api/v1/keys", &json!({"role": "admin", "state": "KEN"})).field_error(422, "role");
    app.post("/api/v1/keys", &json!({"role": "root"})).field_error(422, "role");
}

/// A key revoked through one instance fails at once on another.
fn revocation_reaches_every_instance(backend: Backend) {
    let app = TestApp::spawn_pair(backend);
    let issued = app.create("/api/v1/keys", &json!({"role": "state", "state": "KEN"}));
    let secret = issued["secret"].as_str().unwrap();
    assert_eq!(app.peer_get("/api/v1/requests", Some(secret)).status, 200);
    app.send("DELETE", &format!("/api/v1/keys/{}", issued["id"].as_str().unwrap()), &[], None);
    assert_eq!(app.peer_get("/api/v1/requests", Some(secret)).status, 401);
}

#[test]
fn revocation_reaches_every_sqlite_instance() {
    revocation_reaches_every_instance(Backend::Sqlite);
}

#[test]
#[cfg_attr(not(postgres_tests), ignore = "TCMATCH_TEST_POSTGRES_URL is not set")]
fn revocation_reaches_every_postgres_instance() {
    revocation_reaches_every_instance(Backend::Postgres);
}

fn consent_history_and_audit_record_who(app: TestApp) {
    let w = world(&app);
    let kenya = app.with_key(w.keys[2].as_deref());
    let created = kenya.create("/api/v1/requests", &new_request("KEN"));
    let id = created["id"].as_str().unwrap();
    kenya.create(&format!("/api/v1/requests/{id}/consent"), &json!({"status": "granted", "note": "share"}));
    app.create(&format!("/api/v1/requests/{id}/consent"), &json!({"status": "withdrawn", "note": "on behalf of KEN"}));

    let history = kenya.get(&format!("/api/v1/requests/{id}/consent")).json();
    let recorded: Vec<&str> =
        history["history"].as_array().unwrap().iter().map(|e| e["recorded_by"].as_str().unwrap()).collect();
    assert!(recorded[0].starts_with("admin:key_"), "{recorded:?}");
    assert!(recorded[1].starts_with("state:key_"), "{recorded:?}");

    let events = app.get(&format!("/api/v1/audit?resource=request&resource_id={id}")).json();
    let events = events["items"].as_array().unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["create", "consent", "consent"]);
    assert_eq!(events[0]["actor_role"], "state");
    assert_eq!(events[0]["owner_state"], "KEN");
    assert_eq!(events[1]["changes"]["consent"], json!({"before": "pending", "after": "granted"}));
    assert_eq!(events[2]["actor_role"], "admin");
    assert!(events[0]["request_id"].is_string());

    let patched = kenya.patch(&format!("/api/v1/requests/{id}"), Some("*"), &json!({"priority": "low"}));
    assert_eq!(patched.status, 200, "{}", patched.excerpt());
    let last = app.get(&format!("/api/v1/audit?resource_id={id}")).json();
    let last = last["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "update");
    assert_eq!(last["changes"], json!({"priority": {"before": "high", "after": "low"}}));

    assert_eq!(kenya.get("/api/v1/audit").json()["total"], 4, "a State reads the events on its own requests");
    let uganda = app.with_key(w.keys[3].as_deref());
    assert_eq!(uganda.get("/api/v1/audit").json()["total"], 0);
    let all = app.get("/api/v1/audit?limit=200").json();
    let resources: Vec<&str> =
        all["items"].as_array().unwrap().iter().map(|e| e["resource"].as_str().unwrap()).collect();
    assert!(resources.contains(&"organization") && resources.contains(&"key"), "{resources:?}");
    assert_eq!(app.get("/api/v1/audit?resource=key").json()["total"], 5, "four keys and the bootstrap admin key");
    app.get("/api/v1/audit?resource=planet").field_error(400, "resource");

    let refused = app.post(&format!("/api/v1/requests/{id}/consent"), &json!({"status": "withdrawn"}));
    refused.problem(409);
    assert_eq!(
        app.get(&format!("/api/v1/audit?resource_id={id}")).json()["total"],
        4,
        "a refused write leaves no event"
    );
}

backend_tests!(
    every_endpoint_with_every_caller,
    lists_show_only_what_the_caller_may_see,
    hidden_is_exactly_like_missing,
    clients_cannot_set_fields_they_do_not_own,
    keys_are_shown_once_and_revocation_is_immediate,
    consent_history_and_audit_record_who,
);

//! Bulk submissions of requests, consent decisions and offers: all or none, and every problem
//! of every item (of shape or of rule) in one answer.

use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::{Resp, Session, TestApp};

fn fields(res: &Resp) -> Vec<String> {
    let body = res.problem(422);
    let mut fields: Vec<String> =
        body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect();
    fields.sort();
    fields
}

fn send(session: &Session<'_>, path: &str, media: &str, body: &str) -> Resp {
    session.send("POST", path, &[("Content-Type", media)], Some(body.as_bytes()))
}

fn requests_in_bulk(app: TestApp) {
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let state = app.with_key(Some(&kenya));
    let two = json!([
        {"state": "KEN", "title": "Draft a law on torture", "themes": ["torture"]},
        {"state": "KEN", "title": "Train prison staff", "themes": ["detention"], "modalities": ["training"]},
    ]);
    let created = state.post("/api/v1/requests/bulk", &two);
    assert_eq!(created.status, 201, "{}", created.excerpt());
    let created = created.json();
    assert_eq!(created["created"], 2);
    assert_eq!(created["items"][1]["consent"]["status"], "pending");
    assert_eq!(state.get("/api/v1/requests").json()["total"], 2);

    // Every problem at once: of shape (a number for a title, an unknown field, a date that is
    // not one) and of rule (no such theme, a budget upside down), across and within items.
    let bad = json!([
        {"state": "KEN", "title": 5, "themes": ["torture"], "colour": "red"},
        {"state": "KEN", "title": "Fine", "themes": ["no such theme at all"], "starts_on": "soon"},
        {"state": "XXX", "title": "", "themes": ["torture"], "budget_min_usd": 10, "budget_max_usd": 5},
    ]);
    let refused = app.post("/api/v1/requests/bulk", &bad);
    assert_eq!(
        fields(&refused),
        ["[0].colour", "[0].title", "[1].starts_on", "[1].themes[0]", "[2].budget_max_usd", "[2].state", "[2].title"]
    );
    assert_eq!(state.get("/api/v1/requests").json()["total"], 2, "nothing stored");

    let csv = "state,title,themes,budget_min_usd\nKEN,Help,torture,lots\nKEN,,justice,10\nKEN,Fine,justice,\n";
    let refused = send(&app.admin(), "/api/v1/requests/bulk", "text/csv", csv);
    assert_eq!(fields(&refused), ["line 2: budget_min_usd", "line 3: title"], "cells and rules together");
    let good_csv = "state,title,themes,modalities\nKEN,Help,torture;justice,training;legal_drafting\n";
    let stored = send(&app.admin(), "/api/v1/requests/bulk", "text/csv", good_csv);
    assert_eq!(stored.status, 201, "{}", stored.excerpt());
    assert_eq!(stored.json()["items"][0]["themes"], json!(["torture", "justice"]));

    let other = state.post("/api/v1/requests/bulk", &json!([{"state": "KEN", "title": "x", "themes": ["torture"]}, {"state": "HTI", "title": "y", "themes": ["torture"]}]));
    assert!(other.problem(403)["detail"].as_str().unwrap().starts_with("[1]:"), "{}", other.excerpt());
    app.anonymous().post("/api/v1/requests/bulk", &two).problem(401);
    state.post("/api/v1/requests/bulk", &json!([])).field_error(422, "body");
    state.post("/api/v1/requests/bulk", &json!({"state": "KEN"})).field_error(422, "body");

    let keyed = [("Content-Type", "application/json"), ("Idempotency-Key", "ministry-list-1")];
    let body = two.to_string();
    let first = state.send("POST", "/api/v1/requests/bulk", &keyed, Some(body.as_bytes()));
    let again = state.send("POST", "/api/v1/requests/bulk", &keyed, Some(body.as_bytes()));
    assert_eq!((again.status, again.header("idempotent-replayed")), (201, Some("true")));
    assert_eq!(first.json(), again.json());
    assert_eq!(state.get("/api/v1/requests").json()["total"], 5, "2 + 1 (CSV) + 2, not 7");
}

fn consent_decisions_in_bulk(app: TestApp) {
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let state = app.with_key(Some(&kenya));
    let ids: Vec<String> = (0..3)
        .map(|i| {
            let r = state.create(
                "/api/v1/requests",
                &json!({"state": "KEN", "title": format!("Need {i}"), "themes": ["torture"]}),
            );
            r["id"].as_str().unwrap().to_string()
        })
        .collect();
    let haiti = app.create("/api/v1/requests", &json!({"state": "HTI", "title": "Other", "themes": ["torture"]}));
    let haiti_id = haiti["id"].as_str().unwrap();

    let decisions = json!([
        {"request_id": ids[0], "status": "granted", "note": "share widely"},
        {"request_id": ids[1], "status": "refused"},
        {"request_id": ids[2], "status": "granted"},
        {"request_id": ids[2], "status": "withdrawn", "note": "changed our mind"},
    ]);
    let recorded = state.post("/api/v1/requests/consent/bulk", &decisions);
    assert_eq!(recorded.status, 201, "{}", recorded.excerpt());
    let recorded = recorded.json();
    assert_eq!(recorded["recorded"], 4);
    assert_eq!(recorded["items"][3]["previous_status"], "granted");
    let consent_of = |id: &str| state.get(&format!("/api/v1/requests/{id}")).json()["consent"]["status"].clone();
    assert_eq!([consent_of(&ids[0]), consent_of(&ids[1]), consent_of(&ids[2])], ["granted", "refused", "withdrawn"]);

    // All or none: one decision its request cannot take, and nothing is recorded.
    let illegal = json!([{"request_id": ids[1], "status": "granted"}, {"request_id": ids[0], "status": "granted"}]);
    let refused = state.post("/api/v1/requests/consent/bulk", &illegal);
    assert!(refused.problem(409)["detail"].as_str().unwrap().starts_with("[1]:"), "{}", refused.excerpt());
    assert_eq!(consent_of(&ids[1]), "refused", "the first decision was rolled back");

    let unknown = json!([{"request_id": "req_nope", "status": "granted"}, {"request_id": haiti_id, "status": "granted"}, {"request_id": ids[1], "status": "maybe"}]);
    assert_eq!(
        fields(&state.post("/api/v1/requests/consent/bulk", &unknown)),
        ["[0].request_id", "[1].request_id", "[2].status"],
        "another State's pending request is as unknown as a missing one"
    );
    let csv = format!("request_id,status,note\n{},granted,\"after review, yes\"\n", ids[1]);
    let by_csv = send(&state, "/api/v1/requests/consent/bulk", "text/csv", &csv);
    assert_eq!(by_csv.status, 201, "{}", by_csv.excerpt());
    assert_eq!(consent_of(&ids[1]), "granted");
    let history = state.get(&format!("/api/v1/requests/{}/consent", ids[1])).json();
    assert_eq!(history["history"][0]["note"], "after review, yes");
}

fn offers_in_bulk_report_every_problem_at_once(app: TestApp) {
    let bad: Value = json!([
        {"provider": "NOR", "title": "ok", "themes": ["torture"], "global": true, "capacity": "three"},
        {"provider": "NOR", "title": "", "themes": ["torture"], "global": true},
    ]);
    assert_eq!(fields(&app.post("/api/v1/offers/bulk", &bad)), ["[0].capacity", "[1].title"]);
    let csv = "provider,title,themes,global,capacity\nNOR,ok,torture,true,two\nNOR,,torture,true,1\n";
    assert_eq!(
        fields(&send(&app.admin(), "/api/v1/offers/bulk", "text/csv", csv)),
        ["line 2: capacity", "line 3: title"],
        "a cell that cannot be read and a rule broken, in one answer"
    );
    assert_eq!(app.get("/api/v1/offers").json()["total"], 0);
}

/// A new offer or request with fields of the wrong shape also gets what the rest breaks.
fn single_records_report_every_problem_at_once(app: TestApp) {
    let offer =
        json!({"provider": "NOR", "title": 5, "themes": ["no such theme at all"], "global": true, "capacity": "x"});
    assert_eq!(fields(&app.post("/api/v1/offers", &offer)), ["capacity", "themes[0]", "title"]);
    let request =
        json!({"state": "XXX", "title": "Fine", "themes": ["torture"], "starts_on": "soon", "budget_min_usd": -1});
    assert_eq!(fields(&app.post("/api/v1/requests", &request)), ["budget_min_usd", "starts_on", "state"]);
    let missing = json!({"provider": "NOR", "themes": [3]});
    assert_eq!(fields(&app.post("/api/v1/offers", &missing)), ["themes[0]", "title"], "a missing title is named too");
    assert_eq!(app.get("/api/v1/offers").json()["total"], 0);
}

/// A change with fields of the wrong shape also gets what the rest breaks against the stored
/// record, and changes nothing.
fn changes_report_every_problem_at_once(app: TestApp) {
    let offer = crate::fixtures::OfferBody::by("NOR").create(&app.admin());
    let path = format!("/api/v1/offers/{offer}");
    let changes = json!({"capacity": "many", "title": "  ", "themes": ["no such theme at all"], "budget_usd": 5});
    assert_eq!(fields(&app.patch(&path, Some("\"v1\""), &changes)), ["capacity", "themes[0]", "title"]);
    let request = json!({"state": "KEN", "title": "Fine", "themes": ["torture"], "starts_on": "2027-03-01"});
    let request = app.create("/api/v1/requests", &request)["id"].as_str().unwrap().to_string();
    let changes = json!({"ends_on": "2027-01-01", "priority": 3});
    let answer = app.patch(&format!("/api/v1/requests/{request}"), Some("\"v1\""), &changes);
    assert_eq!(fields(&answer), ["ends_on", "priority"], "a bad type and a rule against the stored start");
    assert_eq!(app.get(&path).json()["version"], 1, "nothing was written");
    assert_eq!(app.get(&path).json()["budget_usd"], json!(null));
}

backend_tests!(
    requests_in_bulk,
    consent_decisions_in_bulk,
    offers_in_bulk_report_every_problem_at_once,
    single_records_report_every_problem_at_once,
    changes_report_every_problem_at_once
);

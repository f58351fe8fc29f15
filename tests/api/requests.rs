//! Assistance requests: create (themes given or inherited), read, list, conditional update.

use serde_json::{json, Value};

use crate::backend_tests;
use crate::fixtures::RequestBody;
use crate::helpers::TestApp;

pub fn new_request(state: &str) -> Value {
    RequestBody::detailed(state).json()
}

fn create_and_read(app: TestApp) {
    let res = app.post("/api/v1/requests", &new_request("ken"));
    assert_eq!(res.status, 201, "{}", res.excerpt());
    let req = res.json();
    assert_eq!(req["state"], "KEN");
    assert_eq!(req["themes"], json!(["torture", "justice"]));
    assert_eq!(req["modalities"], json!(["legal_drafting", "expert_advice"]));
    assert_eq!(req["languages"], json!(["en", "sw"]));
    assert_eq!(req["status"], "open");
    assert_eq!(req["consent"]["status"], "pending", "new requests start pending");
    let path = res.header("location").unwrap().to_string();
    let read = app.get(&path);
    assert_eq!(read.json(), req);
    assert_eq!(read.etag(), "\"v1\"");
}

fn themes_are_inherited_from_recommendations(app: TestApp) {
    let rec = app.create(
        "/api/v1/recommendations",
        &json!({"state_under_review": "KEN", "session": 23, "text": "Adopt a law on domestic violence.",
                "response": "supported", "themes": ["womens-rights"]}),
    );
    let rec_id = rec["id"].as_str().unwrap();
    let req = app.create(
        "/api/v1/requests",
        &json!({"state": "KEN", "title": "Help with the domestic violence bill", "recommendation_ids": [rec_id]}),
    );
    assert_eq!(req["themes"], json!(["womens-rights"]));
    assert_eq!(req["recommendation_ids"], json!([rec_id]));
    let linked = app.get(&format!("/api/v1/requests?recommendation_id={rec_id}")).json();
    assert_eq!(linked["total"], 1);

    let other_state = app.post(
        "/api/v1/requests",
        &json!({"state": "UGA", "title": "Not ours", "recommendation_ids": [rec_id, "rec_missing"]}),
    );
    assert!(other_state.field_error(422, "recommendation_ids[0]").contains("addressed to KEN"));
    other_state.field_error(422, "recommendation_ids[1]");
    app.post("/api/v1/requests", &json!({"state": "KEN", "title": "No themes"})).field_error(422, "themes");
}

fn validation_names_each_field(app: TestApp) {
    let res = app.post(
        "/api/v1/requests",
        &json!({"state": "XYZ", "title": "", "themes": ["womn rihgts", "qqqzzzxxx"], "languages": ["english"],
                "starts_on": "2027-06-01", "ends_on": "2027-01-01", "budget_min_usd": 500, "budget_max_usd": 100}),
    );
    res.field_error(422, "state");
    let body = app.post(
        "/api/v1/requests",
        &json!({"state": "KEN", "title": "", "themes": ["womn rihgts", "qqqzzzxxx"], "languages": ["english"],
                "starts_on": "2027-06-01", "ends_on": "2027-01-01", "budget_min_usd": 500, "budget_max_usd": 100}),
    );
    body.field_error(422, "title");
    assert!(body.field_error(422, "themes[0]").contains("did you mean"));
    assert!(body.field_error(422, "themes[0]").contains("womens-rights"));
    assert!(body.field_error(422, "themes[1]").contains("unknown theme"));
    body.field_error(422, "languages[0]");
    body.field_error(422, "ends_on");
    body.field_error(422, "budget_max_usd");

    for field in ["consent", "id", "version", "created_at"] {
        let req = RequestBody::detailed("KEN").set(field, json!("x")).json();
        app.post("/api/v1/requests", &req).field_error(422, field);
    }
    let completed = RequestBody::detailed("KEN").set("status", json!("completed")).json();
    app.post("/api/v1/requests", &completed).field_error(422, "status");
    assert_eq!(app.get("/api/v1/requests").json()["total"], 0);
}

fn conditional_update(app: TestApp) {
    let req = app.create("/api/v1/requests", &new_request("KEN"));
    let path = format!("/api/v1/requests/{}", req["id"].as_str().unwrap());
    app.patch(&path, None, &json!({"priority": "low"})).problem(428);
    let res = app.patch(&path, Some("\"v1\""), &json!({"priority": "low", "ends_on": null, "themes": ["detention"]}));
    assert_eq!(res.status, 200, "{}", res.excerpt());
    let body = res.json();
    assert_eq!(body["priority"], "low");
    assert!(body["ends_on"].is_null());
    assert_eq!(body["themes"], json!(["detention"]));
    assert_eq!(body["title"], req["title"]);
    assert_eq!(app.get("/api/v1/requests?theme=detention").json()["total"], 1, "theme links follow");
    assert_eq!(app.get("/api/v1/requests?theme=torture").json()["total"], 0);

    app.patch(&path, Some("\"v1\""), &json!({"priority": "high"})).problem(412);
    app.patch(&path, Some("\"v2\""), &json!({"state": "UGA"})).field_error(422, "state");
    let cleared = app.patch(&path, Some("\"v2\""), &json!({"title": null, "themes": null, "ends_on": null}));
    assert!(cleared.field_error(422, "title").contains("cannot be cleared"), "{}", cleared.text);
    assert!(cleared.text.contains("\"themes\"") && !cleared.text.contains("\"ends_on\""), "{}", cleared.text);
    app.patch(&path, Some("\"v2\""), &json!({"starts_on": "2028-01-01", "ends_on": "2027-01-01"}))
        .field_error(422, "ends_on");
    assert_eq!(app.get(&path).json()["version"], 2, "refused updates change nothing");

    assert_eq!(app.patch(&path, Some("\"v2\""), &json!({"status": "withdrawn"})).status, 200);
    app.patch(&path, Some("\"v3\""), &json!({"status": "open"})).problem(409);
}

fn list_filters(app: TestApp) {
    app.create("/api/v1/requests", &new_request("KEN"));
    app.create("/api/v1/requests", &new_request("UGA"));
    let draft = RequestBody::detailed("FRA")
        .set("status", json!("draft"))
        .set("themes", json!(["right-to-education"]))
        .set("priority", json!("low"));
    draft.create(&app.admin(), None);

    assert_eq!(app.get("/api/v1/requests").json()["total"], 3);
    assert_eq!(app.get("/api/v1/requests?state=ken").json()["total"], 1);
    assert_eq!(app.get("/api/v1/requests?region=002").json()["total"], 2);
    assert_eq!(app.get("/api/v1/requests?region=africa&state=FRA").json()["total"], 0);
    assert_eq!(app.get("/api/v1/requests?status=draft").json()["total"], 1);
    assert_eq!(app.get("/api/v1/requests?priority=low").json()["total"], 1);
    assert_eq!(app.get("/api/v1/requests?theme=torture").json()["total"], 2);
    assert_eq!(app.get("/api/v1/requests?theme=education").json()["total"], 1, "free text resolves");
    assert_eq!(app.get("/api/v1/requests?consent=pending").json()["total"], 3);
    assert_eq!(app.get("/api/v1/requests?consent=granted").json()["total"], 0);
    assert_eq!(app.get("/api/v1/requests?q=TORTURE+ministry").json()["total"], 3, "title and description, any case");
    assert_eq!(app.get("/api/v1/requests?q=torture&state=KEN").json()["total"], 1);
    assert_eq!(app.get("/api/v1/requests?q=education").json()["total"], 0);
    app.get("/api/v1/requests?consent=maybe").field_error(400, "consent");
    app.get("/api/v1/requests?state=XX").field_error(400, "state");
    let page = app.get("/api/v1/requests?limit=2").json();
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let next = page["next_cursor"].as_str().unwrap();
    let rest = app.get(&format!("/api/v1/requests?limit=2&cursor={next}")).json();
    assert_eq!(rest["items"].as_array().unwrap().len(), 1);
    assert!(rest.get("next_cursor").is_none());
    app.get(&format!("/api/v1/offers?cursor={next}")).field_error(400, "cursor");
}

backend_tests!(
    create_and_read,
    themes_are_inherited_from_recommendations,
    validation_names_each_field,
    conditional_update,
    list_filters
);

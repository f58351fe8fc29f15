//! Offers: providers are States or organizations; areas served drive the `serves` filter.

use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::TestApp;

fn new_offer(provider: &str) -> Value {
    json!({
        "provider": provider,
        "title": "Legal drafting support on torture prevention",
        "themes": ["torture", "detention"],
        "modalities": ["legal_drafting", "training"],
        "languages": ["en", "fr"],
        "regions": ["Africa"],
        "countries": ["HTI"],
        "starts_on": "2027-01-01",
        "ends_on": "2028-12-31",
        "capacity": 3,
        "budget_usd": 100000
    })
}

fn create_by_state_and_organization(app: TestApp) {
    let by_state = app.create("/api/v1/offers", &new_offer("nor"));
    assert_eq!(by_state["provider"], "NOR");
    assert_eq!(by_state["provider_kind"], "state");
    assert_eq!(by_state["regions"], json!(["002"]));
    assert_eq!(by_state["countries"], json!(["HTI"]));
    assert_eq!(by_state["status"], "open");

    let org = app.create("/api/v1/organizations", &json!({"kind": "un_entity", "name": "OHCHR"}));
    let org_id = org["id"].as_str().unwrap();
    let mut global = new_offer(org_id);
    global["regions"] = json!([]);
    global["countries"] = json!([]);
    global["global"] = json!(true);
    let by_org = app.create("/api/v1/offers", &global);
    assert_eq!(by_org["provider_kind"], "organization");
    assert_eq!(by_org["provider"], org_id);

    let path = format!("/api/v1/offers/{}", by_org["id"].as_str().unwrap());
    assert_eq!(app.get(&path).json(), by_org);
    assert_eq!(app.get(&format!("/api/v1/offers?provider={org_id}")).json()["total"], 1);
    assert_eq!(app.get("/api/v1/offers?provider=nor").json()["total"], 1);
}

fn validation(app: TestApp) {
    let mut bad = new_offer("XXX");
    app.post("/api/v1/offers", &bad).field_error(422, "provider");
    bad["provider"] = json!("org_00000000000000000000000000000000");
    app.post("/api/v1/offers", &bad).field_error(422, "provider");

    let res = app.post(
        "/api/v1/offers",
        &json!({"provider": "NOR", "title": "x", "themes": [], "countries": ["ATL"], "regions": ["Mars"],
                "capacity": 0, "budget_usd": -5, "languages": ["xx"]}),
    );
    res.field_error(422, "themes");
    res.field_error(422, "countries[0]");
    res.field_error(422, "regions[0]");
    res.field_error(422, "capacity");
    res.field_error(422, "budget_usd");
    res.field_error(422, "languages[0]");
    let nowhere = app.post("/api/v1/offers", &json!({"provider": "NOR", "title": "x", "themes": ["torture"]}));
    nowhere.field_error(422, "countries");
    let both = app.post(
        "/api/v1/offers",
        &json!({"provider": "NOR", "title": "x", "themes": ["torture"], "global": true, "countries": ["KEN"]}),
    );
    both.field_error(422, "global");
    let mut closed = new_offer("NOR");
    closed["status"] = json!("closed");
    app.post("/api/v1/offers", &closed).field_error(422, "status");
    assert_eq!(app.get("/api/v1/offers").json()["total"], 0);
}

fn serves_filter(app: TestApp) {
    app.create("/api/v1/offers", &new_offer("NOR"));
    let mut europe = new_offer("SWE");
    europe["regions"] = json!(["weog"]);
    europe["countries"] = json!([]);
    app.create("/api/v1/offers", &europe);
    let mut global = new_offer("DEU");
    global["regions"] = json!([]);
    global["countries"] = json!([]);
    global["global"] = json!(true);
    app.create("/api/v1/offers", &global);

    assert_eq!(app.get("/api/v1/offers?serves=KEN").json()["total"], 2, "Africa + global");
    assert_eq!(app.get("/api/v1/offers?serves=HTI").json()["total"], 2, "named country + global");
    assert_eq!(app.get("/api/v1/offers?serves=CAN").json()["total"], 2, "WEOG + global");
    assert_eq!(app.get("/api/v1/offers?serves=CHN").json()["total"], 1, "global only");
    assert_eq!(app.get("/api/v1/offers?region=weog").json()["total"], 2);
    assert_eq!(app.get("/api/v1/offers?theme=detention").json()["total"], 3);
    app.get("/api/v1/offers?serves=ZZZ").field_error(400, "serves");
}

fn conditional_update(app: TestApp) {
    let offer = app.create("/api/v1/offers", &new_offer("NOR"));
    let path = format!("/api/v1/offers/{}", offer["id"].as_str().unwrap());
    app.patch(&path, None, &json!({"capacity": 5})).problem(428);
    let res = app.patch(
        &path,
        Some(&format!("\"v{}\"", offer["version"])),
        &json!({"capacity": 5, "regions": ["asia_pacific"], "countries": []}),
    );
    assert_eq!(res.status, 200, "{}", res.excerpt());
    assert_eq!(res.json()["capacity"], 5);
    assert_eq!(app.get("/api/v1/offers?serves=KEN").json()["total"], 0, "areas follow the update");
    assert_eq!(app.get("/api/v1/offers?serves=JPN").json()["total"], 1);
    app.patch(&path, Some("\"v1\""), &json!({"capacity": 6})).problem(412);
    app.patch(&path, Some("\"v2\""), &json!({"provider": "SWE"})).field_error(422, "provider");
    assert_eq!(app.patch(&path, Some("\"v2\""), &json!({"status": "withdrawn"})).status, 200);
    app.patch(&path, Some("\"v3\""), &json!({"status": "open"})).problem(409);
}

backend_tests!(create_by_state_and_organization, validation, serves_filter, conditional_update);

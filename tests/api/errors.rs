//! Bad input of every kind gets a clear 4xx problem, never a 500, never a partial write.

use serde_json::json;

use crate::backend_tests;
use crate::helpers::TestApp;

fn malformed_bodies(app: TestApp) {
    let json = [("Content-Type", "application/json")];
    let res = app.send("POST", "/api/v1/organizations", &json, Some(b"{\"kind\": \"cso\", \"name\": "));
    assert!(res.problem(400)["detail"].as_str().unwrap().contains("not valid JSON"));
    app.send("POST", "/api/v1/organizations", &json, Some(b"")).problem(400);
    app.send("POST", "/api/v1/organizations", &json, Some(b"42")).problem(422);
    app.send("POST", "/api/v1/organizations", &json, Some(b"{\"kind\":\"cso\",\"name\":\"a\"} trailing")).problem(400);

    let invalid_utf8 = b"{\"kind\": \"cso\", \"name\": \"\xff\xfe\"}";
    let res = app.send("POST", "/api/v1/organizations", &json, Some(invalid_utf8));
    assert!(res.problem(400)["detail"].as_str().unwrap().contains("UTF-8"));

    let res = app.send("POST", "/api/v1/organizations", &[("Content-Type", "text/xml")], Some(b"<org/>"));
    res.problem(415);

    let wrong_type = app.post("/api/v1/requests", &json!({"state": "KEN", "title": 5, "themes": ["torture"]}));
    assert_eq!(wrong_type.field_error(422, "title"), "must be text, in double quotes");
    let wrong_nested = app.post(
        "/api/v1/requests",
        &json!({"state": "KEN", "title": "t", "themes": ["torture"], "modalities": ["coaching"]}),
    );
    let one_of = wrong_nested.field_error(422, "modalities[0]");
    assert!(one_of.starts_with("must be one of") && one_of.contains("legal_drafting"), "{one_of}");
    let bad_date = app.post(
        "/api/v1/requests",
        &json!({"state": "KEN", "title": "t", "themes": ["torture"], "starts_on": "2027-02-30"}),
    );
    assert_eq!(bad_date.field_error(422, "starts_on"), "is not a day of the calendar (the date format is YYYY-MM-DD)");

    assert_eq!(app.get("/api/v1/requests").json()["total"], 0, "nothing was stored");
    assert_eq!(app.get("/api/v1/organizations").json()["total"], 0, "nothing was stored");
}

fn oversize_bodies(app: TestApp) {
    let big = format!("{{\"kind\": \"cso\", \"name\": \"{}\"}}", "x".repeat(1024 * 1024 + 10));
    let res = app.send("POST", "/api/v1/organizations", &[("Content-Type", "application/json")], Some(big.as_bytes()));
    assert!(res.problem(413)["detail"].as_str().unwrap().contains("1048576"));
    let long_name = app.post("/api/v1/organizations", &json!({"kind": "cso", "name": "n".repeat(301)}));
    long_name.field_error(422, "name");
}

fn unknown_routes_and_paths(app: TestApp) {
    app.get("/api/v1/nothing-here").problem(404);
    app.get("/api/v2/requests").problem(404);
    let wrong_method = app.send("DELETE", "/api/v1/requests", &[], None);
    wrong_method.problem(405);
    assert_eq!(wrong_method.header("allow"), Some("GET, HEAD, POST"));
    let wrong_method = app.send("PUT", "/api/v1/offers/off_01a20a180eac722e95aafb17dd9349be", &[], None);
    assert_eq!(wrong_method.problem(405)["detail"], "this path does not take PUT; it takes GET, HEAD, PATCH");
    app.send("TRACE", "/healthz", &[], None).problem(405);
    app.get("/api/v1/requests/req_01a20a180eac722e95aafb17dd9349be").problem(404);
    app.get("/api/v1/offers/%E2%9C%93").problem(404);
}

fn empty_parameters_count_as_left_out(app: TestApp) {
    let plain = app.get("/api/v1/states");
    let blank = app.get("/api/v1/states?region=&un_status=");
    assert_eq!((blank.status, blank.text), (200, plain.text));
    assert_eq!(app.get("/api/v1/requests?limit=&cursor=&state=&updated_since=").status, 200);
    app.get("/api/v1/states?un_status=%20").field_error(400, "un_status");
}

fn head_answers_as_get_without_a_body(app: TestApp) {
    let get = app.get("/api/v1/themes");
    let head = app.send("HEAD", "/api/v1/themes", &[], None);
    assert_eq!(head.status, 200);
    assert_eq!(head.text, "");
    assert_eq!(head.etag(), get.etag());
    let cached = app.send("HEAD", "/api/v1/themes", &[("If-None-Match", &get.etag())], None);
    assert_eq!(cached.status, 304);
}

fn anonymous_writes_are_refused_before_their_body_is_read(app: TestApp) {
    let json = [("Content-Type", "application/json")];
    let anonymous = app.anonymous();
    anonymous.send("POST", "/api/v1/organizations", &json, Some(b"{\"kind\": \"Cso\"")).problem(401);
    anonymous.send("PATCH", "/api/v1/requests/req_1", &json, Some(b"{}")).problem(401);
    anonymous.send("POST", "/api/v1/keys", &json, Some(b"{\"role\": \"Admin\"}")).problem(401);
}

/// Text no backend can store and years no backend can hold get 400 or 422 on both backends,
/// even on anonymous reads, and nothing is stored.
fn nul_characters_and_impossible_years_are_refused(app: TestApp) {
    let anonymous = app.anonymous();
    anonymous.get("/api/v1/offers/%00").field_error(400, "path");
    anonymous.get("/api/v1/offers?q=a%00b").field_error(400, "q");
    anonymous.get("/api/v1/recommendations?q=%00").field_error(400, "q");
    anonymous.get("/api/v1/themes/resolve?q=tor%00ture").field_error(400, "q");
    let body = br#"{"kind": "cso", "name": "Nul\u0000Org"}"#;
    app.send("POST", "/api/v1/organizations", &[("Content-Type", "application/json")], Some(body))
        .field_error(422, "name");
    let csv = b"provider,title,themes\nNOR,Bad\0title,torture\n";
    app.send("POST", "/api/v1/offers/bulk", &[("Content-Type", "text/csv")], Some(csv)).field_error(422, "line 2");
    for date in ["-5000-01-01", "+20227-01-01", "1899-12-31"] {
        let res = app
            .post("/api/v1/requests", &json!({"state": "KEN", "title": "t", "themes": ["torture"], "starts_on": date}));
        assert!(res.field_error(422, "starts_on").contains("1900-01-01"), "{date}: {}", res.excerpt());
    }
    assert_eq!(app.get("/api/v1/requests").json()["total"], 0, "nothing was stored");
    assert_eq!(app.get("/api/v1/offers").json()["total"], 0, "nothing was stored");
    assert_eq!(app.get("/api/v1/organizations").json()["total"], 0, "nothing was stored");
}

backend_tests!(
    nul_characters_and_impossible_years_are_refused,
    malformed_bodies,
    oversize_bodies,
    unknown_routes_and_paths,
    empty_parameters_count_as_left_out,
    head_answers_as_get_without_a_body,
    anonymous_writes_are_refused_before_their_body_is_read
);

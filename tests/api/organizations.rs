//! Organizations: create, read, list with filters and pages, conditional update.

use serde_json::json;

use crate::backend_tests;
use crate::helpers::TestApp;

fn create_read_update(app: TestApp) {
    let res = app.post(
        "/api/v1/organizations",
        &json!({"kind": "nhri", "name": " Kenya National Commission on Human Rights ", "country": "ken",
                "website": "https://knchr.org"}),
    );
    assert_eq!(res.status, 201, "{}", res.excerpt());
    let org = res.json();
    let id = org["id"].as_str().unwrap();
    assert_eq!(res.header("location"), Some(format!("/api/v1/organizations/{id}").as_str()));
    assert_eq!(res.etag(), "\"v1\"");
    assert_eq!(org["name"], "Kenya National Commission on Human Rights");
    assert_eq!(org["country"], "KEN");
    assert_eq!(org["version"], 1);

    let twice = app.post(
        "/api/v1/organizations",
        &json!({"kind": "nhri", "name": "kenya national commission on human rights", "country": "KEN"}),
    );
    let problem = twice.problem(409);
    assert!(problem["detail"].as_str().unwrap().contains(id), "the pointer to the existing one: {problem}");
    let elsewhere = app.post(
        "/api/v1/organizations",
        &json!({"kind": "nhri", "name": "Kenya National Commission on Human Rights", "country": "UGA"}),
    );
    assert_eq!(elsewhere.status, 201, "the same name in another country is another body");

    let path = format!("/api/v1/organizations/{id}");
    let read = app.get(&path);
    assert_eq!(read.json(), org);
    assert_eq!(app.get_with(&path, &[("If-None-Match", "\"v1\"")]).status, 304);

    app.patch(&path, None, &json!({"name": "KNCHR"})).problem(428);
    app.patch(&path, Some("\"v7\""), &json!({"name": "KNCHR"})).problem(412);
    assert_eq!(app.get(&path).json()["name"], org["name"], "a refused update changes nothing");

    let updated = app.patch(&path, Some("\"v1\""), &json!({"name": "KNCHR", "website": null}));
    assert_eq!(updated.status, 200, "{}", updated.excerpt());
    assert_eq!(updated.etag(), "\"v2\"");
    let body = updated.json();
    assert_eq!(body["name"], "KNCHR");
    assert!(body["website"].is_null());
    assert_eq!(body["country"], "KEN", "absent fields are kept");
    assert_eq!(app.get_with(&path, &[("If-None-Match", "\"v1\"")]).status, 200, "old ETag no longer matches");

    app.patch(&path, Some("1"), &json!({"name": "stale"})).problem(412);
    assert_eq!(app.patch(&path, Some("2"), &json!({"description": "bare version works"})).status, 200);

    // A rename may not make a twin that creating one would be refused for; its own name, in
    // other letters, is fine.
    let uganda = elsewhere.json()["id"].as_str().unwrap().to_string();
    let twin =
        app.patch(&format!("/api/v1/organizations/{uganda}"), Some("1"), &json!({"country": "KEN", "name": "knchr"}));
    assert!(twin.problem(409)["detail"].as_str().unwrap().contains(id), "{}", twin.text);
    assert_eq!(app.patch(&path, Some("3"), &json!({"name": "knchr"})).status, 200);
    // A change that changes nothing writes nothing: the version stays, and no audit event.
    let audited = || app.get(&format!("/api/v1/audit?resource_id={id}")).json()["total"].clone();
    let events = audited();
    for same in [json!({}), json!({"name": "knchr", "country": "KEN"})] {
        let res = app.patch(&path, Some("4"), &same);
        assert_eq!((res.status, res.json()["version"].as_i64()), (200, Some(4)), "{}", res.text);
    }
    assert_eq!(audited(), events);

    app.get("/api/v1/organizations/org_doesnotexist").problem(404);
    app.patch("/api/v1/organizations/org_doesnotexist", Some("\"v1\""), &json!({"name": "x"})).problem(404);
}

fn validation(app: TestApp) {
    let res = app.post("/api/v1/organizations", &json!({"kind": "ngo", "name": "X"}));
    assert!(res.field_error(422, "kind").starts_with("must be one of"));
    let res = app
        .post("/api/v1/organizations", &json!({"kind": "cso", "name": "  ", "country": "ATL", "website": "ftp://x"}));
    res.field_error(422, "name");
    res.field_error(422, "country");
    res.field_error(422, "website");
    app.post("/api/v1/organizations", &json!({"kind": "cso", "name": "x", "version": 9})).field_error(422, "version");
    app.post("/api/v1/organizations", &json!({"kind": "cso"})).field_error(422, "name");
    assert_eq!(app.get("/api/v1/organizations").json()["total"], 0, "nothing was stored");
}

fn list_filters_and_pages(app: TestApp) {
    for i in 0..7 {
        let kind = if i % 2 == 0 { "cso" } else { "academic" };
        app.create("/api/v1/organizations", &json!({"kind": kind, "name": format!("Org {i} 100%"), "country": "FRA"}));
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/organizations?limit=3&cursor={c}"),
            None => "/api/v1/organizations?limit=3".to_string(),
        };
        let page = app.get(&path).json();
        assert_eq!(page["total"], 7);
        for item in page["items"].as_array().unwrap() {
            seen.push(item["name"].as_str().unwrap().to_string());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    let expected: Vec<String> = (0..7).map(|i| format!("Org {i} 100%")).collect();
    assert_eq!(seen, expected, "every item once, in creation order");

    let cso = app.get("/api/v1/organizations?kind=cso").json();
    assert_eq!(cso["total"], 4);
    let named = app.get("/api/v1/organizations?q=org%203").json();
    assert_eq!(named["total"], 1);
    let literal = app.get("/api/v1/organizations?q=0%25").json();
    assert_eq!(literal["total"], 7, "% is matched literally");
    assert_eq!(app.get("/api/v1/organizations?country=DEU").json()["total"], 0);
    let future = app.get("/api/v1/organizations?updated_since=2999-01-01T00:00:00Z").json();
    assert_eq!(future["total"], 0);

    let list = app.get("/api/v1/organizations");
    assert_eq!(app.get_with("/api/v1/organizations", &[("If-None-Match", &list.etag())]).status, 304);
    app.create("/api/v1/organizations", &json!({"kind": "other", "name": "Newcomer"}));
    assert_eq!(app.get_with("/api/v1/organizations", &[("If-None-Match", &list.etag())]).status, 200);

    app.get("/api/v1/organizations?kind=ngo").field_error(400, "kind");
    app.get("/api/v1/organizations?updated_since=yesterday").field_error(400, "updated_since");
    app.get("/api/v1/organizations?cursor=zzz").field_error(400, "cursor");
    app.get("/api/v1/organizations?limit=201").field_error(400, "limit");
    app.get("/api/v1/organizations?colour=blue").problem(400);
}

backend_tests!(create_read_update, validation, list_filters_and_pages);

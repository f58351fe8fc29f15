//! Consent: recorded as history, newest first; the request carries the current status.

use serde_json::json;

use crate::backend_tests;
use crate::helpers::TestApp;
use crate::requests::new_request;

fn history_is_kept(app: TestApp) {
    let req = app.create("/api/v1/requests", &new_request("KEN"));
    let id = req["id"].as_str().unwrap();
    let consent = format!("/api/v1/requests/{id}/consent");

    let granted = app.post(&consent, &json!({"status": "granted", "note": "publish and share with providers"}));
    assert_eq!(granted.status, 201, "{}", granted.excerpt());
    assert_eq!(granted.etag(), "\"v2\"", "the request's version moves with its consent");
    assert_eq!(granted.json()["previous_status"], "pending");

    let now = app.get(&format!("/api/v1/requests/{id}")).json();
    assert_eq!(now["consent"]["status"], "granted");
    assert_eq!(now["version"], 2);

    app.post(&consent, &json!({"status": "granted"})).problem(409);
    app.post(&consent, &json!({"status": "pending"})).problem(409);
    app.post(&consent, &json!({"status": "maybe"})).field_error(422, "status");
    app.post(&consent, &json!({"note": "no status"})).field_error(422, "status");
    app.post(&consent, &json!({"status": "withdrawn", "recorded_by": "me"})).field_error(422, "recorded_by");
    assert_eq!(app.post(&consent, &json!({"status": "withdrawn", "note": "elections"})).status, 201);

    let history = app.get(&consent).json();
    assert_eq!(history["status"], "withdrawn");
    let statuses: Vec<&str> =
        history["history"].as_array().unwrap().iter().map(|e| e["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["withdrawn", "granted", "pending"]);
    assert_eq!(history["history"][0]["note"], "elections");
    assert!(history["history"][2]["previous_status"].is_null());

    assert_eq!(app.get("/api/v1/requests?consent=withdrawn").json()["total"], 1);
    app.get("/api/v1/requests/req_missing/consent").problem(404);
    app.post("/api/v1/requests/req_missing/consent", &json!({"status": "granted"})).problem(404);
}

backend_tests!(history_is_kept);

//! The pages in a real browser: Debian's headless chromium, driven by scripts in
//! `tests/browser/` (playwright-core, axe-core), over the real service filled through its API.
//! `audit.mjs` audits every page reachable from `/en/` and `/ar/` (WCAG 2.1 AA, no serious or
//! critical violations), checks its language, direction and keyboard use; `flows.mjs` walks
//! what people do through the pages. Both photograph every page into
//! `target/browser-artifacts/`. Ignored unless `TCMATCH_TEST_BROWSER=1` (CI sets it after
//! installing chromium and `npm ci --prefix tests/browser`).

use std::path::Path;
use std::process::Command;

use serde_json::json;

use crate::fixtures::{OfferBody, RequestBody};
use crate::helpers::{Backend, TestApp};

/// Records worth looking at: an organization's and a State's offers, a consented request
/// with a UPR recommendation and matches, and one still pending (never shown). Returns the
/// organization's id.
fn fill(app: &TestApp) -> String {
    let admin = app.admin();
    let org =
        app.create("/api/v1/organizations", &json!({"kind": "nhri", "name": "Danish Institute for Human Rights"}));
    let org = org["id"].as_str().expect("an id").to_string();
    OfferBody::detailed(&org)
        .set("title", json!("Support to national preventive mechanisms"))
        .set("description", json!("Training and legal advice for NPMs under OPCAT."))
        .create(&admin);
    OfferBody::for_matching("NOR", json!(["womens-rights"]))
        .set("title", json!("Gender-based violence law review"))
        .create(&admin);
    let rec = app.create(
        "/api/v1/recommendations",
        &json!({"state_under_review": "KEN", "recommending_state": "DNK", "session": 35,
                "text": "Ratify the Optional Protocol to the Convention against Torture", "response": "supported"}),
    );
    RequestBody::detailed("KEN")
        .set("recommendation_ids", json!([rec["id"]]))
        .set("title", json!("Establish a national preventive mechanism"))
        .create(&admin, Some("granted"));
    RequestBody::for_matching("PER", json!(["womens-rights"]))
        .set("title", json!("Pending request"))
        .create(&admin, None);
    org
}

/// `node tests/browser/<script> <base URL>` with `env`; its report, asserted to have passed.
fn run_node(app: &TestApp, script: &str, env: &[(&str, &str)]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("node")
        .arg(root.join("tests/browser").join(script))
        .arg(app.url(""))
        .env("TCMATCH_BROWSER_ARTIFACTS", root.join("target/browser-artifacts"))
        .envs(env.iter().copied())
        .output()
        .expect("node runs (install Node.js and run npm ci --prefix tests/browser)");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{script} failed:\n{report}");
    report
}

#[test]
#[cfg_attr(
    not(browser_tests),
    ignore = "TCMATCH_TEST_BROWSER is not set (needs chromium and npm ci --prefix tests/browser)"
)]
fn every_page_passes_the_browser_audit_in_english_and_arabic() {
    let app = TestApp::spawn(Backend::Sqlite);
    fill(&app);
    let report = run_node(&app, "audit.mjs", &[]);
    assert!(
        report.contains("/en/requests/req_") && report.contains("/ar/offers/off_"),
        "detail pages were audited:\n{report}"
    );
    assert!(!report.contains("Pending request"), "{report}");
}

/// A State files a request, grants consent, sees it public and matched; a provider expresses
/// interest and the State agrees; the provider uploads offers (first with a mistake, shown on
/// its line); the State's pages in Arabic; signing out; an administrator issues and revokes a
/// key, reads the audit trail and imports recommendations. Every page audited and photographed.
#[test]
#[cfg_attr(
    not(browser_tests),
    ignore = "TCMATCH_TEST_BROWSER is not set (needs chromium and npm ci --prefix tests/browser)"
)]
fn people_cooperate_through_the_pages_in_a_real_browser() {
    let app = TestApp::spawn(Backend::Sqlite);
    let org = fill(&app);
    let state_key = app.key(json!({"role": "state", "state": "KEN", "label": "Kenya focal point"}));
    let provider_key = app.key(json!({"role": "provider", "organization_id": org, "label": "DIHR desk"}));
    let env = [
        ("TCMATCH_STATE_KEY", state_key.as_str()),
        ("TCMATCH_PROVIDER_KEY", provider_key.as_str()),
        ("TCMATCH_PROVIDER_ID", org.as_str()),
        ("TCMATCH_ADMIN_KEY", app.admin_key.as_str()),
    ];
    let report = run_node(&app, "flows.mjs", &env);
    assert!(!report.contains("FAIL"), "{report}");
}

/// On a phone's width (WCAG 1.4.10, reflow) no page scrolls sideways.
#[test]
#[cfg_attr(
    not(browser_tests),
    ignore = "TCMATCH_TEST_BROWSER is not set (needs chromium and npm ci --prefix tests/browser)"
)]
fn every_page_reflows_on_a_phone() {
    let app = TestApp::spawn(Backend::Sqlite);
    fill(&app);
    let phone = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-artifacts/375px");
    let phone = phone.to_string_lossy();
    run_node(&app, "audit.mjs", &[("TCMATCH_BROWSER_WIDTH", "375"), ("TCMATCH_BROWSER_ARTIFACTS", &phone)]);
}

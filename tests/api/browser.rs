//! The pages in a real browser: Debian's headless chromium, driven by `tests/browser/audit.mjs`
//! (playwright-core, axe-core), over the real service filled through its API. Every page
//! reachable from `/en/` and `/ar/` is audited (WCAG 2.1 AA, no serious or critical
//! violations), checked for its language and direction and keyboard use, and photographed into
//! `target/browser-artifacts/`. Ignored unless `TCMATCH_TEST_BROWSER=1` (CI sets it after
//! installing chromium and `npm ci --prefix tests/browser`).

use std::path::Path;
use std::process::Command;

use serde_json::json;

use crate::fixtures::{OfferBody, RequestBody};
use crate::helpers::{Backend, TestApp};

/// Records worth looking at: an organization's and a State's offers, a consented request
/// with a UPR recommendation and matches, and one still pending (never shown).
fn fill(app: &TestApp) {
    let admin = app.admin();
    let org =
        app.create("/api/v1/organizations", &json!({"kind": "nhri", "name": "Danish Institute for Human Rights"}));
    let org = org["id"].as_str().expect("an id");
    OfferBody::detailed(org)
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
}

#[test]
#[cfg_attr(
    not(browser_tests),
    ignore = "TCMATCH_TEST_BROWSER is not set (needs chromium and npm ci --prefix tests/browser)"
)]
fn every_page_passes_the_browser_audit_in_english_and_arabic() {
    let app = TestApp::spawn(Backend::Sqlite);
    fill(&app);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("node")
        .arg(root.join("tests/browser/audit.mjs"))
        .arg(app.url(""))
        .env("TCMATCH_BROWSER_ARTIFACTS", root.join("target/browser-artifacts"))
        .output()
        .expect("node runs (install Node.js and run npm ci --prefix tests/browser)");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the browser audit failed:\n{report}");
    assert!(
        report.contains("/en/requests/req_") && report.contains("/ar/offers/off_"),
        "detail pages were audited:\n{report}"
    );
    assert!(!report.contains("Pending request"), "{report}");
}

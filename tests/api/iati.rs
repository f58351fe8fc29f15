//! Engagements as IATI activities: agreed work and later, valid against the official IATI 2.03
//! activity schema, and never a request whose State does not consent.

use serde_json::json;

use crate::fixtures::{OfferBody, RequestBody};
use crate::helpers::{Session, TestApp};

/// Validates an IATI document with xmllint against the schema in `data/iati/`.
#[cfg(xmllint_tests)]
fn assert_valid_iati(xml: &str) {
    use std::io::Write;
    use std::process::{Command, Stdio};

    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/data/iati/iati-activities-schema.xsd");
    let mut child = Command::new("xmllint")
        .args(["--noout", "--schema", schema, "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xmllint runs");
    child.stdin.take().unwrap().write_all(xml.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}\n{xml}", String::from_utf8_lossy(&out.stderr));
}

#[cfg(not(xmllint_tests))]
fn assert_valid_iati(_: &str) {
    unreachable!("the IATI tests are ignored without xmllint")
}

fn moved(session: &Session<'_>, engagement: &str, to: &str) {
    let body =
        if to == "completed" { json!({"to": to, "outcome": "Law adopted & published"}) } else { json!({"to": to}) };
    let res = session.post(&format!("/api/v1/engagements/{engagement}/transitions"), &body);
    assert_eq!(res.status, 200, "{}", res.excerpt());
}

fn engagements_export_as_valid_iati_activities(app: TestApp) {
    let csv = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n\
               Kenya,Africa,AU,Criminalise torture <in law> & practice.,Norway,WEOG,,Accepted,5,Torture and other CID treatment,35\n";
    let imported =
        app.send("POST", "/api/v1/recommendations/import", &[("Content-Type", "text/csv")], Some(csv.as_bytes()));
    assert_eq!(imported.status, 201, "{}", imported.excerpt());
    let recommendation = app.get("/api/v1/recommendations?state_under_review=KEN").json()["items"][0]["id"].clone();

    let org = app.create("/api/v1/organizations", &json!({"kind": "un_entity", "name": "OHCHR & partners"}));
    let org = org["id"].as_str().unwrap().to_string();
    let provider = app.key(json!({"role": "provider", "organization_id": org}));
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let (provider, state) = (app.with_key(Some(&provider)), app.with_key(Some(&kenya)));
    let offer = OfferBody::detailed(&org)
        .set("regions", json!([]))
        .set("global", json!(true))
        .set("countries", json!([]))
        .set("capacity", json!(5))
        .set("iati_identifier", json!("XM-DAC-41313-TC-2027"))
        .create(&provider);
    let request = |title: &str| {
        RequestBody::detailed("KEN")
            .set("title", json!(title))
            .set("recommendation_ids", json!([recommendation]))
            .create(&state, Some("granted"))
    };
    let (in_progress, done, interest, withdrawn) =
        (request("Draft the torture law"), request("Train judges"), request("Only interest"), request("Withdrawn"));
    let engage = |req: &str| {
        let e = state.create("/api/v1/engagements", &json!({"request_id": req, "offer_id": offer}));
        e["id"].as_str().unwrap().to_string()
    };
    let e1 = engage(&in_progress);
    moved(&provider, &e1, "agreed");
    moved(&state, &e1, "in_progress");
    let e2 = engage(&done);
    moved(&provider, &e2, "agreed");
    moved(&state, &e2, "in_progress");
    moved(&provider, &e2, "completed");
    let e3 = engage(&interest);
    let e4 = engage(&withdrawn);
    moved(&provider, &e4, "agreed");
    let named = provider.post(
        &format!("/api/v1/engagements/{e1}/transitions"),
        &json!({"to": "cancelled", "iati_identifier": "bad id"}),
    );
    named.field_error(422, "iati_identifier");
    state.post(&format!("/api/v1/requests/{withdrawn}/consent"), &json!({"status": "withdrawn"}));

    let res = provider.get("/api/v1/engagements?format=iati");
    assert_eq!(res.status, 200, "{}", res.excerpt());
    assert_eq!(res.header("content-type"), Some("application/xml; charset=utf-8"));
    let xml = &res.text;
    assert_valid_iati(xml);
    assert_eq!(
        xml.matches("<iati-activity ").count(),
        2,
        "in progress and completed; not interest, not withdrawn: {xml}"
    );
    assert!(xml.contains(&format!("<iati-identifier>XM-TCMATCH-{e1}</iati-identifier>")));
    assert!(xml.contains(&format!("XM-TCMATCH-{e2}")) && !xml.contains(&e3) && !xml.contains(&e4));
    for expected in [
        "<activity-status code=\"2\"/>",
        "<activity-status code=\"3\"/>",
        "<recipient-country code=\"KE\" percentage=\"100\"/>",
        "<sector vocabulary=\"1\" code=\"15160\" percentage=\"100\"/>",
        "<participating-org role=\"1\" type=\"40\">",
        "<narrative>OHCHR &amp; partners</narrative>",
        "<related-activity ref=\"XM-DAC-41313-TC-2027\" type=\"1\"/>",
        "UPR recommendation: Criminalise torture &lt;in law&gt; &amp; practice.",
        "Outcome: Law adopted &amp; published",
        "<value currency=\"USD\" value-date=\"2027-01-01\">100000</value>",
    ] {
        assert!(xml.contains(expected), "no {expected} in {xml}");
    }

    // The State's own file has its withdrawn request's engagement; an admin's, made to be
    // published, has every engagement but that one.
    let by_accept = state.get_with("/api/v1/engagements", &[("Accept", "application/xml")]);
    assert_valid_iati(&by_accept.text);
    assert_eq!(by_accept.text.matches("<iati-activity ").count(), 3);
    let named = provider.post(
        &format!("/api/v1/engagements/{e3}/transitions"),
        &json!({"to": "agreed", "iati_identifier": "KE-GOV-TC-9"}),
    );
    assert_eq!(named.status, 200, "{}", named.excerpt());
    let admin = app.get(&format!("/api/v1/engagements?format=iati&offer_id={offer}"));
    assert_valid_iati(&admin.text);
    assert!(admin.text.contains("<iati-identifier>KE-GOV-TC-9</iati-identifier>"));
    assert_eq!(admin.text.matches("<iati-activity ").count(), 3);
    assert!(!admin.text.contains(&e4), "{}", admin.text);

    // A request that gives only its start: the planned period is the request's alone, so the
    // offer's end (2028-12-31, before that start) is no planned end, and there is no budget.
    let late = RequestBody::detailed("KEN")
        .set("title", json!("Late start"))
        .set("starts_on", json!("2029-03-01"))
        .set("ends_on", json!(null))
        .create(&state, Some("granted"));
    let e5 = engage(&late);
    moved(&provider, &e5, "agreed");
    let taken = state.post(
        &format!("/api/v1/engagements/{e5}/transitions"),
        &json!({"to": "in_progress", "iati_identifier": "KE-GOV-TC-9"}),
    );
    assert!(taken.problem(409)["detail"].as_str().unwrap().contains(&e3), "an identifier names one activity");
    let admin = app.get(&format!("/api/v1/engagements?format=iati&offer_id={offer}"));
    assert_valid_iati(&admin.text);
    let activity = admin.text.split("<iati-activity ").find(|a| a.contains(&e5)).expect("the late activity");
    assert!(activity.contains("<activity-date type=\"1\" iso-date=\"2029-03-01\"/>"), "{activity}");
    assert!(!activity.contains("type=\"3\"") && !activity.contains("<budget"), "{activity}");

    app.anonymous().get("/api/v1/engagements?format=iati").problem(401);
    provider.get("/api/v1/engagements?format=pdf").field_error(400, "format");
    let haiti = app.key(json!({"role": "state", "state": "HTI"}));
    let nothing = app.with_key(Some(&haiti)).get("/api/v1/engagements?format=iati");
    assert_eq!(nothing.status, 204, "a document with no activity is not valid IATI: {}", nothing.excerpt());
}

mod sqlite {
    #[test]
    #[cfg_attr(not(xmllint_tests), ignore = "xmllint (Debian libxml2-utils) is not installed")]
    fn engagements_export_as_valid_iati_activities() {
        super::engagements_export_as_valid_iati_activities(crate::helpers::TestApp::spawn(
            crate::helpers::Backend::Sqlite,
        ))
    }
}

mod postgres {
    #[test]
    #[cfg_attr(not(all(xmllint_tests, postgres_tests)), ignore = "needs xmllint and TCMATCH_TEST_POSTGRES_URL")]
    fn engagements_export_as_valid_iati_activities() {
        super::engagements_export_as_valid_iati_activities(crate::helpers::TestApp::spawn(
            crate::helpers::Backend::Postgres,
        ))
    }
}

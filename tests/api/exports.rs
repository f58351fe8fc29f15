//! CSV downloads of the API's lists (`?format=csv`, `Accept: text/csv`): every item the filters
//! select, streamed, through the same consent gate as the JSON pages.

use serde_json::json;

use crate::backend_tests;
use crate::fixtures::{offer, request, OfferBody, RequestBody};
use crate::helpers::{Resp, TestApp};

/// A CSV answer's header and rows, checked to be a UTF-8 CSV download with a byte order mark
/// and rows as long as its header.
fn csv_of(res: &Resp) -> (Vec<String>, Vec<Vec<String>>) {
    assert_eq!(res.status, 200, "{}", res.excerpt());
    assert_eq!(res.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(res.header("content-disposition").unwrap().starts_with("attachment; filename=\"tcmatch-"));
    let body = res.text.strip_prefix('\u{feff}').expect("a byte order mark first");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader.records().map(|r| r.expect("a row as long as the header").iter().map(String::from).collect());
    (header, rows.collect())
}

/// The values of column `name`.
fn column(csv: &(Vec<String>, Vec<Vec<String>>), name: &str) -> Vec<String> {
    let at = csv.0.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}: {:?}", csv.0));
    csv.1.iter().map(|row| row[at].clone()).collect()
}

fn lists_download_what_the_caller_may_see(app: TestApp) {
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let shared = request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
    let pending = request(&app, &kenya, "KEN", json!(["torture"]), None);
    let refused = request(&app, &kenya, "KEN", json!(["torture"]), Some("refused"));
    let draft =
        RequestBody::for_matching("HTI", json!(["torture"])).set("status", json!("draft")).create(&app.admin(), None);
    let published = offer(&app, "NOR", json!(["torture"]), json!("global"));
    let unpublished = OfferBody::by("SWE").set("status", json!("draft")).create(&app.admin());

    let requests = csv_of(&app.anonymous().get("/api/v1/requests?format=csv"));
    assert_eq!(requests.0[..3], ["id", "state", "title"]);
    assert_eq!(column(&requests, "id"), [shared.as_str()], "only what anyone may see");
    let own = csv_of(&app.with_key(Some(&kenya)).get_with("/api/v1/requests", &[("Accept", "text/csv")]));
    let mut own_ids = column(&own, "id");
    own_ids.sort();
    let mut expected = vec![shared.clone(), pending.clone(), refused.clone()];
    expected.sort();
    assert_eq!(own_ids, expected, "a State sees its own, not another's draft");
    assert!(column(&csv_of(&app.get("/api/v1/requests?format=csv")), "id").contains(&draft));

    let offers =
        csv_of(&app.anonymous().get_with("/api/v1/offers", &[("Accept", "text/csv;q=0.9, application/json;q=0.5")]));
    assert_eq!(column(&offers, "id"), [published.as_str()]);
    assert_eq!(column(&offers, "capacity_left"), ["1"]);
    assert!(column(&csv_of(&app.get("/api/v1/offers?format=csv")), "id").contains(&unpublished));
    assert_eq!(column(&csv_of(&app.anonymous().get("/api/v1/offers?format=csv&provider=SWE")), "id").len(), 0);

    // Matches: never a pair the State has not consented to, for anyone but the State and admins.
    let pairs = csv_of(&app.anonymous().get("/api/v1/matches?format=csv"));
    assert_eq!(column(&pairs, "request_id"), [shared.as_str()]);
    assert_eq!(column(&pairs, "state_name"), ["Kenya"]);
    assert_eq!(column(&pairs, "provider_name"), ["Norway"]);
    let state_pairs = csv_of(&app.with_key(Some(&kenya)).get("/api/v1/matches?format=csv"));
    let mut seen = column(&state_pairs, "request_id");
    seen.sort();
    let mut mine = vec![shared.clone(), pending.clone()];
    mine.sort();
    assert_eq!(seen, mine, "its own pending request too; refused ones never match");
    let for_request = csv_of(&app.anonymous().get(&format!("/api/v1/requests/{shared}/matches?format=csv")));
    assert_eq!(column(&for_request, "offer_id"), [published.as_str()]);
    app.anonymous().get(&format!("/api/v1/requests/{pending}/matches?format=csv")).problem(404);

    let engagement =
        app.with_key(Some(&kenya)).create("/api/v1/engagements", &json!({"request_id": shared, "offer_id": published}));
    let engagements = csv_of(&app.with_key(Some(&kenya)).get("/api/v1/engagements?format=csv&lang=fr"));
    assert_eq!(column(&engagements, "id"), [engagement["id"].as_str().unwrap()]);
    assert_eq!(column(&engagements, "status"), ["interest"]);
    let other = app.key(json!({"role": "state", "state": "HTI"}));
    assert_eq!(csv_of(&app.with_key(Some(&other)).get("/api/v1/engagements?format=csv")).1.len(), 0);

    let stats = csv_of(&app.anonymous().get("/api/v1/stats/themes?format=csv&lang=es"));
    assert_eq!(stats.0, ["theme", "label", "group", "requests", "states", "offers", "providers", "offers_per_request"]);
    let torture = stats.1.iter().find(|row| row[0] == "torture").expect("a torture row");
    assert_eq!((torture[3].as_str(), torture[5].as_str()), ("1", "1"), "one consented request, one published offer");

    app.get("/api/v1/offers?format=xml").field_error(400, "format");
    app.get("/api/v1/matches?format=pdf").field_error(400, "format");
    let json = app.get_with("/api/v1/offers", &[("Accept", "text/html, */*")]);
    assert_eq!(json.json()["total"], 2, "anything but CSV asked for first is JSON");
}

fn long_lists_stream_every_row(app: TestApp) {
    let offers: Vec<_> = (0..450)
        .map(|i| OfferBody::by("NOR").set("title", json!(format!("Offer {i:03}, with a comma"))).json())
        .collect();
    for chunk in offers.chunks(200) {
        let created = app.post("/api/v1/offers/bulk", &json!(chunk));
        assert_eq!(created.status, 201, "{}", created.excerpt());
    }
    let listed = csv_of(&app.anonymous().get("/api/v1/offers?format=csv&limit=5"));
    let titles = column(&listed, "title");
    assert_eq!(titles.len(), 450, "every page, whatever the limit");
    assert_eq!(titles[0], "Offer 000, with a comma");
    assert_eq!(titles[449], "Offer 449, with a comma");

    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    for _ in 0..110 {
        request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
    }
    let pairs = csv_of(&app.anonymous().get("/api/v1/matches?format=csv&per_request=3"));
    assert_eq!(pairs.1.len(), 330, "three best offers for each of 110 requests, across chunks");
    let json = app.anonymous().get("/api/v1/matches?limit=1").json();
    assert_eq!(json["total"], 330);
}

fn recommendations_and_their_summary_download(app: TestApp) {
    let csv = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n\
               Kenya,Africa,AU,Ratify OPCAT.,Norway,WEOG,,Accepted,5,Torture and other CID treatment,10\n\
               Kenya,Africa,AU,Abolish the death penalty.,France,WEOG,,Noted,,Death penalty,23\n";
    let imported = app.admin().send(
        "POST",
        "/api/v1/recommendations/import",
        &[("Content-Type", "text/csv")],
        Some(csv.as_bytes()),
    );
    assert_eq!(imported.status, 201, "{}", imported.excerpt());
    let listed = csv_of(&app.anonymous().get("/api/v1/recommendations?format=csv&state_under_review=KEN"));
    assert_eq!(column(&listed, "response"), ["supported", "noted"]);
    let summary = csv_of(&app.anonymous().get("/api/v1/recommendations/summary?format=csv&group_by=response"));
    assert_eq!(summary.0, ["key", "label", "count", "supported", "noted"]);
    assert_eq!(summary.1.len(), 2);
}

backend_tests!(
    lists_download_what_the_caller_may_see,
    long_lists_stream_every_row,
    recommendations_and_their_summary_download
);

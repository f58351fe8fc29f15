//! Search for matches and engagements: ranking and explanations over HTTP, the index kept
//! current by writes (here and on another instance), and nothing non-consented leaking.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::backend_tests;
use crate::fixtures::{offer, request};
use crate::helpers::{Backend, TestApp};

pub(crate) fn ids(v: &Value, field: &str) -> Vec<String> {
    v["items"].as_array().unwrap().iter().map(|m| m[field].as_str().unwrap().to_string()).collect()
}

fn ranks_explains_and_filters(app: TestApp) {
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let req = request(&app, &kenya, "KEN", json!(["torture", "justice"]), Some("granted"));
    let exact = offer(&app, "NOR", json!(["torture", "justice"]), json!(["Africa"]));
    let partial = offer(&app, "SWE", json!(["torture"]), json!("global"));
    let related = offer(&app, "DNK", json!(["detention"]), json!(["002"]));
    let elsewhere = offer(&app, "FIN", json!(["torture", "justice"]), json!(["Europe"]));
    let unrelated = offer(&app, "ISL", json!(["right-to-water"]), json!("global"));

    let res = app.anonymous().get(&format!("/api/v1/requests/{req}/matches"));
    assert_eq!(res.status, 200, "{}", res.excerpt());
    let body = res.json();
    assert_eq!(ids(&body, "offer_id"), [exact.as_str(), partial.as_str(), related.as_str()], "{body}");
    let best = &body["items"][0];
    assert_eq!(best["score"], 1.0);
    assert_eq!(best["shared_themes"], json!(["justice", "torture"]));
    assert_eq!(best["provider"], "NOR");
    assert_eq!(best["state"], "KEN");
    assert_eq!(best["consent"], "granted");
    // Names come with the ids, in the reader's language, so a dashboard needs no more calls.
    assert_eq!((best["state_name"].as_str(), best["provider_name"].as_str()), (Some("Kenya"), Some("Norway")));
    let request_title = app.get(&format!("/api/v1/requests/{req}")).json()["title"].clone();
    let offer_title = app.get(&format!("/api/v1/offers/{exact}")).json()["title"].clone();
    assert_eq!((&best["request_title"], &best["offer_title"]), (&request_title, &offer_title));
    assert_eq!(best["theme_labels"]["torture"], "Torture and other cruel, inhuman or degrading treatment", "{best}");
    assert_eq!(body["total"], 3);
    let in_french = app.get_with(&format!("/api/v1/requests/{req}/matches"), &[("Accept-Language", "fr")]);
    assert_eq!(in_french.header("content-language"), Some("fr"));
    assert_eq!(in_french.json()["items"][0]["state_name"], "Kenya");
    let in_russian = app.get(&format!("/api/v1/requests/{req}/matches?lang=ru")).json();
    assert_eq!(in_russian["items"][0]["provider_name"], "Норвегия");
    assert_ne!(in_russian["items"][0]["theme_labels"]["torture"], best["theme_labels"]["torture"]);
    assert!(best["reasons"][0].as_str().unwrap().starts_with("Shares 2 of 2"), "{best}");
    let third = &body["items"][2];
    assert_eq!(third["related_themes"].as_array().unwrap().len(), 2, "{third}");
    let scores: Vec<f64> = body["items"].as_array().unwrap().iter().map(|m| m["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]) && scores.iter().all(|s| (0.0..=1.0).contains(s)));
    for m in body["items"].as_array().unwrap() {
        for c in ["theme", "modality", "language", "timeframe", "budget"] {
            assert!((0.0..=1.0).contains(&m["breakdown"][c].as_f64().unwrap()));
        }
    }
    assert!(!ids(&body, "offer_id").contains(&elsewhere) && !ids(&body, "offer_id").contains(&unrelated));
    let top1 = app.get(&format!("/api/v1/requests/{req}/matches?limit=1&min_score=0.5")).json();
    assert_eq!(ids(&top1, "offer_id"), [exact.as_str()]);

    let for_offer = app.anonymous().get(&format!("/api/v1/offers/{exact}/matches")).json();
    assert_eq!(ids(&for_offer, "request_id"), [req.as_str()]);

    let all = app.anonymous().get("/api/v1/matches").json();
    assert_eq!(ids(&all, "offer_id").len(), 3, "three best per request by default");
    let by_provider = app.anonymous().get("/api/v1/matches?provider=swe").json();
    assert_eq!(ids(&by_provider, "offer_id"), [partial.as_str()]);
    assert_eq!(ids(&app.get("/api/v1/matches?theme=right-to-water").json(), "offer_id").len(), 0);
    assert_eq!(ids(&app.get("/api/v1/matches?region=weog").json(), "offer_id").len(), 0);
    let page = app.get("/api/v1/matches?limit=2").json();
    assert_eq!(page["total"], 3, "over all pages");
    assert_eq!(page["items"][0]["state_name"], "Kenya");
    let in_arabic = app.get_with("/api/v1/matches?limit=2", &[("Accept-Language", "ar")]);
    assert_eq!(in_arabic.header("content-language"), Some("ar"));
    assert_eq!(in_arabic.json()["items"][0]["state_name"], "كينيا");
    let next = page["next_cursor"].as_str().unwrap();
    let rest = app.get(&format!("/api/v1/matches?limit=2&cursor={next}")).json();
    assert_eq!(ids(&rest, "offer_id"), [related.as_str()]);
    app.get("/api/v1/matches?min_score=2").field_error(400, "min_score");
    app.get("/api/v1/matches?cursor=zz").field_error(400, "cursor");
    app.get("/api/v1/requests/req_0000000000000000000000000000000a/matches").problem(404);
}

fn the_index_follows_every_write(app: TestApp) {
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let req = request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
    let path = format!("/api/v1/requests/{req}/matches");
    assert_eq!(ids(&app.get(&path).json(), "offer_id").len(), 0);

    let first = app.get("/api/v1/matches");
    assert_eq!(app.get_with("/api/v1/matches", &[("If-None-Match", &first.etag())]).status, 304, "nothing changed");
    let again = app.get("/api/v1/matches");
    assert_eq!((again.etag(), again.text.clone()), (first.etag(), first.text.clone()), "a poll without If-None-Match");
    let o = offer(&app, "NOR", json!(["torture"]), json!(["Africa"]));
    assert_eq!(ids(&app.get(&path).json(), "offer_id"), [o.as_str()], "matchable as soon as its POST returns");
    assert_eq!(
        app.get_with("/api/v1/matches", &[("If-None-Match", &first.etag())]).status,
        200,
        "a write changes the ETag"
    );
    assert!(app.get("/api/v1/matches").text.contains(&o), "and the answer");

    let res = app.patch(&format!("/api/v1/offers/{o}"), Some("*"), &json!({"regions": ["Europe"]}));
    assert_eq!(res.status, 200);
    assert!(ids(&app.get(&path).json(), "offer_id").is_empty(), "no longer serves Kenya");
    app.patch(&format!("/api/v1/offers/{o}"), Some("*"), &json!({"regions": ["Africa"]}));
    assert_eq!(ids(&app.get(&path).json(), "offer_id").len(), 1);

    app.with_key(Some(&kenya)).create(&format!("/api/v1/requests/{req}/consent"), &json!({"status": "withdrawn"}));
    assert!(ids(&app.get(&path).json(), "offer_id").is_empty(), "withdrawn consent never matches");
    assert!(ids(&app.get(&format!("/api/v1/offers/{o}/matches")).json(), "request_id").is_empty());
    app.with_key(Some(&kenya)).create(&format!("/api/v1/requests/{req}/consent"), &json!({"status": "granted"}));
    assert_eq!(ids(&app.get(&path).json(), "offer_id").len(), 1);

    app.patch(&format!("/api/v1/offers/{o}"), Some("*"), &json!({"status": "closed"}));
    assert!(ids(&app.get(&path).json(), "offer_id").is_empty(), "closed offers do not match");
}

/// A restart builds the index from the database: two connections read two halves of the offers
/// (on PostgreSQL, two ranges of the table's pages, so enough offers to fill several pages).
fn the_index_is_rebuilt_at_start(mut app: TestApp) {
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let req = request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
    let mut offers: Vec<String> = (0..60)
        .map(|i| {
            let areas = if i % 3 == 0 { json!("global") } else { json!(["Africa"]) };
            offer(&app, "NOR", json!(["torture"]), areas)
        })
        .collect();
    let closed = offers.pop().unwrap();
    app.patch(&format!("/api/v1/offers/{closed}"), Some("*"), &json!({"status": "closed"}));
    let path = format!("/api/v1/requests/{req}/matches?limit=100");
    let before = app.get(&path).json();
    app.restart();
    let after = app.get(&path).json();
    let mut found = ids(&after, "offer_id");
    assert_eq!(found.len(), 59, "every open offer, once: {after}");
    found.sort();
    offers.sort();
    assert_eq!(found, offers);
    assert_eq!(after["items"], before["items"], "the same ranking as before the restart");
}

fn nothing_unconsented_leaks(app: TestApp) {
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let uganda = app.key(json!({"role": "state", "state": "UGA"}));
    let pending = request(&app, &kenya, "KEN", json!(["torture"]), None);
    let granted = request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
    let o = offer(&app, "NOR", json!(["torture"]), json!("global"));

    app.anonymous().get(&format!("/api/v1/requests/{pending}/matches")).problem(404);
    app.with_key(Some(&uganda)).get(&format!("/api/v1/requests/{pending}/matches")).problem(404);
    let own = app.with_key(Some(&kenya)).get(&format!("/api/v1/requests/{pending}/matches")).json();
    assert_eq!(own["items"][0]["consent"], "pending");

    let anon = app.anonymous().get(&format!("/api/v1/offers/{o}/matches")).json();
    assert_eq!(ids(&anon, "request_id"), [granted.as_str()]);
    let as_kenya = app.with_key(Some(&kenya)).get(&format!("/api/v1/offers/{o}/matches")).json();
    assert_eq!(ids(&as_kenya, "request_id"), [granted.as_str(), pending.as_str()], "granted ranks above pending");
    assert!(as_kenya["items"][0]["score"].as_f64() > as_kenya["items"][1]["score"].as_f64());
    let as_admin = app.get(&format!("/api/v1/offers/{o}/matches")).json();
    assert_eq!(ids(&as_admin, "request_id").len(), 2);

    for key in [None, Some(uganda.as_str())] {
        let all = app.with_key(key).get("/api/v1/matches").json();
        assert_eq!(ids(&all, "request_id"), [granted.as_str()]);
        let pending_only = app.with_key(key).get("/api/v1/matches?consent=pending").json();
        assert!(ids(&pending_only, "request_id").is_empty());
        assert!(!app.with_key(key).get("/api/v1/matches").text.contains(&pending));
    }
    let anon_tag = app.anonymous().get("/api/v1/matches").etag();
    let kenya_tag = app.with_key(Some(&kenya)).get("/api/v1/matches").etag();
    assert_ne!(anon_tag, kenya_tag, "ETags differ with what the caller may see");
    assert_eq!(app.anonymous().get_with("/api/v1/matches", &[("If-None-Match", &kenya_tag)]).status, 200);

    // Refused and withdrawn requests never match, whoever asks, through any of the three.
    let refused = request(&app, &kenya, "KEN", json!(["torture"]), Some("refused"));
    let withdrawn = request(&app, &kenya, "KEN", json!(["torture"]), Some("withdrawn"));
    let provider = app.key(json!({"role": "provider", "state": "NOR"}));
    let callers =
        [None, Some(uganda.as_str()), Some(kenya.as_str()), Some(provider.as_str()), Some(app.admin_key.as_str())];
    for key in callers {
        let client = app.with_key(key);
        for hidden in [&refused, &withdrawn] {
            let own = client.get(&format!("/api/v1/requests/{hidden}/matches"));
            if own.status == 200 {
                assert!(ids(&own.json(), "offer_id").is_empty(), "{key:?} sees matches of {hidden}");
            } else {
                assert_eq!(own.status, 404, "{key:?}: {}", own.excerpt());
            }
            for path in [format!("/api/v1/offers/{o}/matches"), "/api/v1/matches".to_string()] {
                assert!(!client.get(&path).text.contains(hidden.as_str()), "{key:?} sees {hidden} in {path}");
            }
            for consent in ["refused", "withdrawn"] {
                let filtered = client.get(&format!("/api/v1/matches?consent={consent}"));
                assert!(!filtered.text.contains(hidden.as_str()), "{key:?}: {}", filtered.excerpt());
            }
        }
    }
}

fn supply_and_demand_by_theme(app: TestApp) {
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    request(&app, &kenya, "KEN", json!(["torture", "justice"]), Some("granted"));
    request(&app, &kenya, "KEN", json!(["torture"]), None);
    let france = app.key(json!({"role": "state", "state": "FRA"}));
    request(&app, &france, "FRA", json!(["justice"]), Some("granted"));
    offer(&app, "NOR", json!(["torture", "detention"]), json!(["Africa"]));
    offer(&app, "SWE", json!(["torture"]), json!("global"));
    offer(&app, "SWE", json!(["detention"]), json!(["Europe"]));

    let stats = |key: Option<&str>, query: &str| app.with_key(key).get(&format!("/api/v1/stats/themes{query}")).json();
    let theme = |body: &Value, slug: &str| {
        body["themes"].as_array().unwrap().iter().find(|t| t["theme"] == slug).unwrap().clone()
    };
    let public = stats(None, "");
    assert_eq!(public["totals"], json!({"requests": 2, "states": 2, "offers": 3, "providers": 2}), "{public}");
    let torture = theme(&public, "torture");
    assert_eq!((torture["requests"].clone(), torture["offers"].clone()), (json!(1), json!(2)));
    assert_eq!(torture["offers_per_request"], 2.0);
    assert_eq!(theme(&public, "justice")["offers_per_request"], 0.0);
    assert_eq!(public["themes"][0]["theme"], "justice", "least covered first");
    assert_eq!(public["themes"].as_array().unwrap().len(), 54);
    assert!(theme(&public, "detention")["offers_per_request"].is_null(), "nobody asks");

    let own = stats(Some(&kenya), "");
    assert_eq!(theme(&own, "torture")["requests"], 2, "Kenya counts its pending request");
    assert_ne!(
        app.anonymous().get("/api/v1/stats/themes").etag(),
        app.with_key(Some(&kenya)).get("/api/v1/stats/themes").etag()
    );

    let africa = stats(None, "?region=Africa&lang=fr");
    assert_eq!(africa["region"], "002");
    assert_eq!(africa["totals"]["requests"], 1, "France is not in Africa");
    assert_eq!(africa["totals"]["offers"], 2, "the offer for Europe does not serve Africa");
    assert_eq!(
        theme(&africa, "torture")["label"],
        "Torture et autres peines ou traitements cruels, inhumains ou dégradants"
    );
    let grouped = stats(None, "?group=justice-and-detention");
    assert!(grouped["themes"].as_array().unwrap().iter().all(|t| t["group"] == "justice-and-detention"), "{grouped}");

    let first = app.anonymous().get("/api/v1/stats/themes");
    assert_eq!(first.header("content-language"), Some("en"));
    assert_eq!(app.anonymous().get_with("/api/v1/stats/themes", &[("If-None-Match", &first.etag())]).status, 304);
    app.anonymous().get("/api/v1/stats/themes?region=atlantis").field_error(400, "region");
    app.anonymous().get("/api/v1/stats/themes?group=nothing").field_error(400, "group");
}

/// Runs `calls` at once, each on its own thread, and returns their statuses.
fn race(calls: Vec<Box<dyn Fn() -> u16 + Send + Sync + '_>>) -> Vec<u16> {
    let start = std::sync::Barrier::new(calls.len());
    std::thread::scope(|s| {
        let racers: Vec<_> = calls
            .iter()
            .map(|call| {
                let start = &start;
                s.spawn(move || {
                    start.wait();
                    call()
                })
            })
            .collect();
        racers.into_iter().map(|r| r.join().unwrap()).collect()
    })
}

/// Writes racing for one place (on PostgreSQL, transactions that would each see it free): an
/// offer's last engagement, or a pair's one active engagement. Exactly one wins.
fn capacity_holds_under_concurrent_agreements(app: TestApp) {
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let org = app.create("/api/v1/organizations", &json!({"kind": "nhri", "name": "Racing"}))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let provider = app.key(json!({"role": "provider", "organization_id": org}));
    let o = offer(&app, &org, json!(["torture"]), json!("global"));
    let engagements: Vec<String> = (0..6)
        .map(|_| {
            let req = request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
            let body = json!({"request_id": req, "offer_id": o});
            app.with_key(Some(&kenya)).create("/api/v1/engagements", &body)["id"].as_str().unwrap().to_string()
        })
        .collect();
    let agree = |id: &String| -> Box<dyn Fn() -> u16 + Send + Sync + '_> {
        let moves = format!("/api/v1/engagements/{id}/transitions");
        let provider = &provider;
        let app = &app;
        Box::new(move || app.with_key(Some(provider)).post(&moves, &json!({"to": "agreed"})).status)
    };
    let statuses = race(engagements.iter().map(agree).collect());
    assert_eq!(statuses.iter().filter(|&&s| s == 200).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|&s| s == 200 || s == 409), "{statuses:?}");
    let listed = app.get(&format!("/api/v1/engagements?offer_id={o}")).json();
    let agreed = listed["items"].as_array().unwrap().iter().filter(|e| e["status"] == "agreed").count();
    assert_eq!(agreed, 1);

    let o = offer(&app, &org, json!(["torture"]), json!("global"));
    let req = request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
    let interest = || -> Box<dyn Fn() -> u16 + Send + Sync + '_> {
        let body = json!({"request_id": req, "offer_id": o});
        let (app, kenya) = (&app, &kenya);
        Box::new(move || app.with_key(Some(kenya)).post("/api/v1/engagements", &body).status)
    };
    let statuses = race((0..6).map(|_| interest()).collect());
    assert_eq!(statuses.iter().filter(|&&s| s == 201).count(), 1, "one active engagement per pair: {statuses:?}");
}

fn engagement_lifecycle(app: TestApp) {
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let org = app.create("/api/v1/organizations", &json!({"kind": "un_entity", "name": "OHCHR"}))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let ohchr = app.key(json!({"role": "provider", "organization_id": org}));
    let other_provider = app.key(json!({"role": "provider", "state": "SWE"}));
    let req = request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
    let o = offer(&app, &org, json!(["torture"]), json!("global"));
    let state = app.with_key(Some(&kenya));
    let provider = app.with_key(Some(&ohchr));

    // A State cannot put its request in a status only engagements give it.
    let own = format!("/api/v1/requests/{req}");
    for status in ["matched", "in_progress", "completed"] {
        let etag = state.get(&own).etag();
        let refused = state.patch(&own, Some(&etag), &json!({"status": status}));
        assert!(refused.problem(409)["detail"].as_str().unwrap().contains("through its engagements"), "{status}");
    }

    let body = json!({"request_id": req, "offer_id": o, "note": "we need this"}).to_string();
    let keyed = [("Content-Type", "application/json"), ("Idempotency-Key", "interest-1")];
    let created = state.send("POST", "/api/v1/engagements", &keyed, Some(body.as_bytes()));
    assert_eq!(created.status, 201, "{}", created.excerpt());
    let retried = state.send("POST", "/api/v1/engagements", &keyed, Some(body.as_bytes()));
    assert_eq!((retried.status, retried.header("idempotent-replayed")), (201, Some("true")), "a retry, not a 409");
    assert_eq!(retried.json(), created.json());
    let eng = created.json();
    assert_eq!(eng["status"], "interest");
    assert_eq!((eng["state"].as_str(), eng["state_name"].as_str()), (Some("KEN"), Some("Kenya")));
    assert_eq!((eng["provider"].as_str(), eng["provider_name"].as_str()), (Some(org.as_str()), Some("OHCHR")));
    assert_eq!(eng["request_title"], app.get(&own).json()["title"]);
    assert_eq!(eng["offer_title"], app.get(&format!("/api/v1/offers/{o}")).json()["title"]);
    let offer_path = format!("/api/v1/offers/{o}");
    assert_eq!(app.get(&offer_path).json()["capacity_left"], 1, "interest uses no capacity");
    assert_eq!(eng["initiated_by"], "request");
    let path = format!("/api/v1/engagements/{}", eng["id"].as_str().unwrap());
    let moves = format!("{path}/transitions");

    state.post("/api/v1/engagements", &json!({"request_id": req, "offer_id": o})).problem(409);
    state.post(&moves, &json!({"to": "agreed"})).problem(409);
    app.with_key(Some(&other_provider)).get(&path).problem(404);
    app.anonymous().get(&path).problem(401);
    app.with_key(Some(&other_provider)).post(&moves, &json!({"to": "agreed"})).problem(404);

    let agreed = provider.post(&moves, &json!({"to": "agreed", "note": "happy to help"}));
    assert_eq!(agreed.status, 200, "{}", agreed.excerpt());
    assert_eq!(app.get(&format!("/api/v1/requests/{req}")).json()["status"], "matched");
    let agreed_offer = app.get(&offer_path).json();
    assert_eq!((agreed_offer["capacity"].as_i64(), agreed_offer["capacity_left"].as_i64()), (Some(1), Some(0)));
    let listed = app.get(&format!("/api/v1/offers?provider={org}")).json();
    assert_eq!(listed["items"][0]["capacity_left"], 0);
    let etag = state.get(&own).etag();
    state.patch(&own, Some(&etag), &json!({"status": "completed"})).problem(409);
    assert!(
        ids(&app.get(&format!("/api/v1/requests/{req}/matches")).json(), "offer_id").is_empty(),
        "matched requests leave the pool"
    );

    let second = request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
    assert!(
        ids(&app.get(&format!("/api/v1/requests/{second}/matches")).json(), "offer_id").is_empty(),
        "capacity used up"
    );
    let eng2 = state.create("/api/v1/engagements", &json!({"request_id": second, "offer_id": o}));
    provider
        .post(&format!("/api/v1/engagements/{}/transitions", eng2["id"].as_str().unwrap()), &json!({"to": "agreed"}))
        .problem(409);

    provider.post(&moves, &json!({"to": "completed", "outcome": "x"})).problem(409);
    assert_eq!(state.post(&moves, &json!({"to": "in_progress"})).status, 200);
    assert_eq!(app.get(&format!("/api/v1/requests/{req}")).json()["status"], "in_progress");
    provider.post(&moves, &json!({"to": "completed"})).field_error(422, "outcome");
    let done = provider.post(&moves, &json!({"to": "completed", "outcome": "Law adopted in 2031"}));
    assert_eq!(done.status, 200, "{}", done.excerpt());
    let done = done.json();
    assert_eq!(done["outcome"], "Law adopted in 2031");
    let history: Vec<(&str, &str)> = done["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["to_status"].as_str().unwrap(), e["side"].as_str().unwrap()))
        .collect();
    assert_eq!(
        history,
        [("interest", "request"), ("agreed", "offer"), ("in_progress", "request"), ("completed", "offer")]
    );
    assert!(done["history"][1]["recorded_by"].as_str().unwrap().starts_with("provider:"));
    assert_eq!(
        app.get(&format!("/api/v1/requests/{req}")).json()["status"],
        "completed",
        "its last open engagement completed, so is the request"
    );
    provider.post(&moves, &json!({"to": "cancelled"})).problem(409);

    let mine = state.get_with("/api/v1/engagements", &[("Accept-Language", "zh")]);
    assert_eq!(mine.header("content-language"), Some("zh"));
    let mine = mine.json();
    assert_eq!(mine["total"], 2);
    assert_eq!(mine["items"][0]["state_name"], "肯尼亚");
    assert_eq!(mine["items"][0]["provider_name"], "OHCHR");
    assert_eq!(provider.get("/api/v1/engagements?status=completed").json()["total"], 1);
    assert_eq!(app.with_key(Some(&other_provider)).get("/api/v1/engagements").json()["total"], 0);
    app.post("/api/v1/engagements", &json!({"request_id": second, "offer_id": o})).field_error(422, "side");
    let events =
        app.get(&format!("/api/v1/audit?resource=engagement&resource_id={}", eng["id"].as_str().unwrap())).json();
    assert_eq!(events["total"], 4);
}

fn engagements_need_consent_and_reach(app: TestApp) {
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let pending = request(&app, &kenya, "KEN", json!(["torture"]), None);
    let europe = offer(&app, "NOR", json!(["torture"]), json!(["Europe"]));
    let global = offer(&app, "NOR", json!(["torture"]), json!("global"));
    let state = app.with_key(Some(&kenya));
    let norway = app.key(json!({"role": "provider", "state": "NOR"}));
    state.post("/api/v1/engagements", &json!({"request_id": pending, "offer_id": global})).problem(409);
    app.with_key(Some(&norway))
        .post("/api/v1/engagements", &json!({"request_id": pending, "offer_id": global}))
        .field_error(422, "request_id");
    let granted = request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
    state.post("/api/v1/engagements", &json!({"request_id": granted, "offer_id": europe})).problem(409);
    let by_provider =
        app.with_key(Some(&norway)).post("/api/v1/engagements", &json!({"request_id": granted, "offer_id": global}));
    assert_eq!(by_provider.status, 201, "{}", by_provider.excerpt());
    assert_eq!(by_provider.json()["initiated_by"], "offer");
    app.anonymous().post("/api/v1/engagements", &json!({"request_id": granted, "offer_id": global})).problem(401);

    // Consent withdrawn: the work cannot move on, only end.
    state.create(&format!("/api/v1/requests/{granted}/consent"), &json!({"status": "withdrawn"}));
    let moves = format!("/api/v1/engagements/{}/transitions", by_provider.json()["id"].as_str().unwrap());
    let refused = state.post(&moves, &json!({"to": "agreed"})).problem(409);
    assert!(refused["detail"].as_str().unwrap().contains("consent"), "{refused}");
    let declined = state.post(&moves, &json!({"to": "declined", "note": "no longer needed"}));
    assert_eq!(declined.status, 200, "{}", declined.excerpt());
    assert_eq!(declined.json()["status"], "declined");
}

/// Two instances on one database: a write through one is matched by the other once it has
/// followed the change sequence.
fn other_instances_catch_up(backend: Backend) {
    let app = TestApp::spawn_pair(backend);
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let req = request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
    let o = offer(&app, "NOR", json!(["torture"]), json!(["Africa"]));
    let path = format!("/api/v1/requests/{req}/matches");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let via_peer = app.peer_get(&path, None).json();
        if ids(&via_peer, "offer_id") == [o.as_str()] {
            break;
        }
        assert!(Instant::now() < deadline, "the other instance never caught up: {via_peer}");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Polls behind a load balancer: each instance tags the same answer alike.
    for dashboard in ["/api/v1/matches", "/api/v1/stats/themes"] {
        let here = app.anonymous().get(dashboard);
        let there = app.peer_get_with(dashboard, None, &[("If-None-Match", &here.etag())]);
        assert_eq!(there.status, 304, "{dashboard}: {}", there.excerpt());
    }
}

#[test]
fn other_sqlite_instances_catch_up() {
    other_instances_catch_up(Backend::Sqlite);
}

#[test]
#[cfg_attr(not(postgres_tests), ignore = "TCMATCH_TEST_POSTGRES_URL is not set")]
fn other_postgres_instances_catch_up() {
    other_instances_catch_up(Backend::Postgres);
}

backend_tests!(
    ranks_explains_and_filters,
    the_index_follows_every_write,
    the_index_is_rebuilt_at_start,
    nothing_unconsented_leaks,
    supply_and_demand_by_theme,
    capacity_holds_under_concurrent_agreements,
    engagement_lifecycle,
    engagements_need_consent_and_reach,
);

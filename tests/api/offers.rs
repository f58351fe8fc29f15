//! Offers: providers are States or organizations; areas served drive the `serves` filter.

use serde_json::{json, Value};

use crate::backend_tests;
use crate::fixtures::OfferBody;
use crate::helpers::{Resp, TestApp};

fn new_offer(provider: &str) -> Value {
    OfferBody::detailed(provider).json()
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
    global["title"] = json!("Prison MONITORING 100% online");
    global["description"] = json!("Peer exchange for national preventive mechanisms");
    app.create("/api/v1/offers", &global);

    assert_eq!(app.get("/api/v1/offers?q=monitoring").json()["total"], 1, "in the title, any case");
    assert_eq!(app.get("/api/v1/offers?q=preventive+Prison").json()["total"], 1, "every word, title or description");
    assert_eq!(app.get("/api/v1/offers?q=prison+nowhere").json()["total"], 0);
    assert_eq!(app.get("/api/v1/offers?q=100%25").json()["total"], 1, "% is a character, not a wildcard");
    assert_eq!(app.get("/api/v1/offers?q=1_0").json()["total"], 0, "_ too");
    app.get(&format!("/api/v1/offers?q={}", "w+".repeat(11))).field_error(400, "q");

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

fn post_bulk(app: &TestApp, key: Option<&str>, content_type: &str, body: &str, idempotency: Option<&str>) -> Resp {
    let mut headers = vec![("Content-Type", content_type)];
    if let Some(k) = idempotency {
        headers.push(("Idempotency-Key", k));
    }
    let key = key.unwrap_or(&app.admin_key);
    app.with_key(Some(key)).send("POST", "/api/v1/offers/bulk", &headers, Some(body.as_bytes()))
}

fn offer_total(app: &TestApp) -> i64 {
    app.get("/api/v1/offers").json()["total"].as_i64().unwrap()
}

/// Scripts submit many offers at once: all or none, every problem named by position, and a
/// retry with the same Idempotency-Key never stores them twice.
fn bulk_submission(app: TestApp) {
    let mut second = new_offer("SWE");
    second["title"] = json!("Training for prison staff");
    let mut third = new_offer("DNK");
    third["themes"] = json!([]);
    third["suggest_themes"] = json!(true);
    third["title"] = json!("Support to ratify the Convention against Torture");
    let body = json!([new_offer("NOR"), second, third]).to_string();
    let res = post_bulk(&app, None, "application/json", &body, Some("batch-1"));
    assert_eq!(res.status, 201, "{}", res.excerpt());
    let stored = res.json();
    assert_eq!(stored["created"], 3);
    let items = stored["items"].as_array().unwrap();
    let providers: Vec<&str> = items.iter().map(|o| o["provider"].as_str().unwrap()).collect();
    assert_eq!(providers, ["NOR", "SWE", "DNK"], "in the order given");
    assert!(items[2]["themes"].as_array().unwrap().iter().any(|t| t == "torture"), "{}", items[2]);
    for item in items {
        assert_eq!(app.get(&format!("/api/v1/offers/{}", item["id"].as_str().unwrap())).status, 200);
    }
    assert_eq!(offer_total(&app), 3);

    let again = post_bulk(&app, None, "application/json", &body, Some("batch-1"));
    assert_eq!((again.status, again.header("idempotent-replayed")), (201, Some("true")));
    assert_eq!(again.json(), stored, "the first answer, replayed");
    assert_eq!(offer_total(&app), 3, "not stored twice");
    let other = json!([new_offer("FIN")]).to_string();
    post_bulk(&app, None, "application/json", &other, Some("batch-1")).field_error(422, "Idempotency-Key");

    let ndjson = format!("{}\n\n{}\n", new_offer("FIN"), new_offer("ISL"));
    let res = post_bulk(&app, None, "application/x-ndjson", &ndjson, None);
    assert_eq!((res.status, res.json()["created"].clone()), (201, json!(2)), "{}", res.excerpt());
    assert_eq!(offer_total(&app), 5);
}

fn bulk_submission_is_all_or_nothing(app: TestApp) {
    let mut bad_theme = new_offer("SWE");
    bad_theme["themes"] = json!(["torture", "womn rihgts"]);
    let mut no_title = new_offer("DNK");
    no_title["title"] = json!("");
    let unknown_provider = new_offer("XXX");
    let body = json!([new_offer("NOR"), bad_theme, no_title]).to_string();
    let res = post_bulk(&app, None, "application/json", &body, None);
    assert!(res.field_error(422, "[1].themes[1]").contains("did you mean"), "{}", res.text);
    res.field_error(422, "[2].title");
    let res = post_bulk(&app, None, "application/json", &json!([new_offer("NOR"), unknown_provider]).to_string(), None);
    res.field_error(422, "[1].provider");
    let mut wrong_type = new_offer("NOR");
    wrong_type["capacity"] = json!("three");
    post_bulk(&app, None, "application/json", &json!([new_offer("NOR"), wrong_type]).to_string(), None)
        .field_error(422, "[1].capacity");
    let ndjson = format!("{}\n{{\"provider\": \n", new_offer("NOR"));
    let res = post_bulk(&app, None, "application/x-ndjson", &ndjson, None);
    assert!(res.problem(400)["detail"].as_str().unwrap().starts_with("line 2:"), "{}", res.text);
    post_bulk(&app, None, "application/json", "[]", None).field_error(422, "body");
    post_bulk(&app, None, "application/json", &new_offer("NOR").to_string(), None).problem(422);
    post_bulk(&app, None, "text/xml", "<offers/>", None).problem(415);
    let too_many = json!(vec![new_offer("NOR"); 1001]).to_string();
    post_bulk(&app, None, "application/json", &too_many, None).field_error(422, "body");
    // Two million tiny items are counted, not decoded, before they are refused.
    let tiny = format!("[{}0]", "0,".repeat(2_000_000));
    let refused = post_bulk(&app, None, "application/json", &tiny, None).field_error(422, "body");
    assert!(refused.contains("1000"), "{refused}");
    assert_eq!(offer_total(&app), 0, "nothing stored by a rejected submission");

    let org =
        app.create("/api/v1/organizations", &json!({"kind": "cso", "name": "Own"}))["id"].as_str().unwrap().to_string();
    let provider = app.key(json!({"role": "provider", "organization_id": org}));
    let body = json!([new_offer(&org), new_offer("NOR")]).to_string();
    let res = post_bulk(&app, Some(&provider), "application/json", &body, None);
    assert!(res.problem(403)["detail"].as_str().unwrap().contains("[1]"), "{}", res.text);
    assert_eq!(offer_total(&app), 0);
    let body = json!([new_offer(&org), new_offer(&org)]).to_string();
    assert_eq!(post_bulk(&app, Some(&provider), "application/json", &body, None).status, 201);
}

/// A script that retries `POST /offers` with its `Idempotency-Key` stores the offer once.
fn single_create_is_idempotent_with_a_key(app: TestApp) {
    let body = new_offer("NOR").to_string();
    let headers = [("Content-Type", "application/json"), ("Idempotency-Key", "offer-42")];
    let first = app.send("POST", "/api/v1/offers", &headers, Some(body.as_bytes()));
    assert_eq!(first.status, 201, "{}", first.excerpt());
    let again = app.send("POST", "/api/v1/offers", &headers, Some(body.as_bytes()));
    assert_eq!((again.status, again.header("idempotent-replayed")), (201, Some("true")));
    assert_eq!(again.json(), first.json());
    assert_eq!((again.header("location"), again.etag()), (first.header("location"), first.etag()));
    assert_eq!(offer_total(&app), 1, "stored once");
    let other = new_offer("SWE").to_string();
    app.send("POST", "/api/v1/offers", &headers, Some(other.as_bytes())).field_error(422, "Idempotency-Key");
    let unkeyed = app.send("POST", "/api/v1/offers", &headers[..1], Some(body.as_bytes()));
    assert_eq!((unkeyed.status, unkeyed.header("idempotent-replayed")), (201, None));
    assert_eq!(offer_total(&app), 2, "without a key, a second offer");

    let request = json!({"state": "KEN", "title": "Help", "themes": ["torture"]}).to_string();
    let keyed = [("Content-Type", "application/json"), ("Idempotency-Key", "request-1")];
    let first = app.send("POST", "/api/v1/requests", &keyed, Some(request.as_bytes()));
    let again = app.send("POST", "/api/v1/requests", &keyed, Some(request.as_bytes()));
    assert_eq!((first.status, again.status, again.header("idempotent-replayed")), (201, 201, Some("true")));
    assert_eq!(again.json()["id"], first.json()["id"]);
    assert_eq!(app.get("/api/v1/requests").json()["total"], 1);

    let organization = json!({"kind": "cso", "name": "Retry Watch"}).to_string();
    let keyed = [("Content-Type", "application/json"), ("Idempotency-Key", "org-1")];
    let first = app.send("POST", "/api/v1/organizations", &keyed, Some(organization.as_bytes()));
    let again = app.send("POST", "/api/v1/organizations", &keyed, Some(organization.as_bytes()));
    assert_eq!((first.status, again.status, again.header("location")), (201, 201, first.header("location")));
    assert_eq!(app.get("/api/v1/organizations").json()["total"], 1);
}

/// A spreadsheet exported as CSV: one offer per row, lists separated by `;`.
fn bulk_submission_as_csv(app: TestApp) {
    let csv = "provider,title,themes,modalities,languages,global,regions,starts_on,ends_on,capacity,budget_usd\n\
               NOR,Legal drafting on torture prevention,torture; detention,legal_drafting,en;fr,,Africa,2027-01-01,2028-12-31,3,100000\n\
               SWE,\"Training, for prison staff\",detention,training,,yes,,,,,\n";
    let res = post_bulk(&app, None, "text/csv", csv, Some("sheet-1"));
    assert_eq!(res.status, 201, "{}", res.excerpt());
    let items = res.json()["items"].as_array().unwrap().clone();
    assert_eq!(items[0]["themes"], json!(["torture", "detention"]), "{}", items[0]);
    assert_eq!(items[0]["languages"], json!(["en", "fr"]));
    assert_eq!((items[0]["capacity"].clone(), items[0]["budget_usd"].clone()), (json!(3), json!(100000)));
    assert_eq!(items[1]["title"], "Training, for prison staff");
    assert_eq!((items[1]["global"].clone(), items[1]["capacity"].clone()), (json!(true), json!(1)), "defaults");
    assert_eq!(post_bulk(&app, None, "text/csv", csv, Some("sheet-1")).header("idempotent-replayed"), Some("true"));
    assert_eq!(offer_total(&app), 2);

    let bad = "provider,title,themes,global,capacity,starts_on\n\
               NOR,Bad date,torture,,,2027-02-30\n\
               DNK,Bad theme,womn rihgts,perhaps,2,\n\
               FIN,,torture,true,,\n";
    let res = post_bulk(&app, None, "text/csv", bad, None);
    assert!(res.field_error(422, "line 3: global").contains("true or false"), "{}", res.text);
    let res = post_bulk(&app, None, "text/csv", &bad.replace("perhaps", "no"), None);
    res.field_error(422, "line 2: starts_on");
    assert!(res.field_error(422, "line 3: themes[0]").contains("did you mean"), "{}", res.text);
    assert_eq!(res.field_error(422, "line 4: title"), "must not be empty");
    post_bulk(&app, None, "text/csv", "provider,title,colour\nNOR,x,red\n", None).field_error(422, "line 1");
    post_bulk(&app, None, "text/csv", "title\nx\n", None).field_error(422, "line 1");
    post_bulk(&app, None, "text/csv", "provider,title\n", None).field_error(422, "body");
    assert_eq!(offer_total(&app), 2, "nothing stored by a rejected sheet");
}

/// Lists the in-memory listing answers (theme, State served, status, provider) give the same
/// pages and totals as storage answers them (a `q` every title matches sends a list there).
fn listing_and_storage_agree(app: TestApp) {
    let themes = ["torture", "detention", "womens-rights", "justice"];
    let areas = [
        json!({"countries": ["KEN"]}),
        json!({"regions": ["Africa"]}),
        json!({"regions": ["014"]}),
        json!({"regions": ["weog"]}),
        json!({"global": true}),
        json!({"countries": ["FRA", "HTI"]}),
    ];
    let statuses = ["open", "draft", "closed", "open"];
    let providers = ["NOR", "SWE", "FIN"];
    for i in 0..36 {
        let status = statuses[i % 4];
        let mut body = json!({
            "provider": providers[i % 3], "title": format!("Help offered {i}"),
            "themes": [themes[i % 4], themes[(i / 4) % 4]], "status": if status == "draft" { "draft" } else { "open" },
        });
        for (k, v) in areas[i % 6].as_object().unwrap() {
            body[k] = v.clone();
        }
        let id = app.create("/api/v1/offers", &body)["id"].as_str().unwrap().to_string();
        if status == "closed" {
            let res = app.patch(&format!("/api/v1/offers/{id}"), Some("\"v1\""), &json!({"status": "closed"}));
            assert_eq!(res.status, 200, "{}", res.excerpt());
        }
    }
    let sweden = app.key(json!({"role": "provider", "state": "SWE"}));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !app.anonymous().get("/metrics").text.contains("tcmatch_listing_ready 1") {
        assert!(std::time::Instant::now() < deadline, "the offer listing never loaded");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let ids_and_total = |key: Option<&str>, query: &str| -> (Vec<String>, Value) {
        let mut ids = Vec::new();
        let mut path = format!("/api/v1/offers?limit=4&{query}");
        let first = app.with_key(key).get(&path).json();
        loop {
            let page = app.with_key(key).get(&path).json();
            assert_eq!(page["total"], first["total"], "{path}");
            ids.extend(page["items"].as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap().to_string()));
            match page["next_cursor"].as_str() {
                Some(cursor) => path = format!("/api/v1/offers?limit=4&{query}&cursor={cursor}"),
                None => return (ids, first["total"].clone()),
            }
        }
    };
    let mut compared = 0;
    for key in [None, Some(sweden.as_str()), Some(app.admin_key.as_str())] {
        for filter in [
            "",
            "theme=torture",
            "serves=KEN",
            "serves=FRA&theme=justice",
            "status=draft",
            "provider=SWE",
            "serves=KEN&status=open",
            "theme=Women%27s%20rights&provider=NOR",
            "serves=BRA",
        ] {
            let listed = ids_and_total(key, filter);
            let stored = ids_and_total(key, &format!("{filter}&q=help"));
            assert_eq!(listed, stored, "{filter} as {key:?}");
            compared += listed.0.len();
        }
    }
    assert!(compared > 150, "the filters selected something ({compared})");
}

/// Lists of offers, requests and recommendations name every theme, State and organization
/// their page refers to, in the reader's language.
fn list_pages_name_what_they_refer_to(app: TestApp) {
    let org = app.create("/api/v1/organizations", &json!({"kind": "cso", "name": "Droits Devant"}))["id"]
        .as_str()
        .unwrap()
        .to_string();
    OfferBody::by(&org).set("themes", json!(["torture"])).create(&app.admin());
    OfferBody::by("NOR")
        .set("themes", json!(["torture"]))
        .set("global", json!(false))
        .set("countries", json!(["KEN"]))
        .create(&app.admin());

    let fr = app.anonymous().get("/api/v1/offers?lang=fr");
    assert_eq!(fr.header("content-language"), Some("fr"));
    let names = &fr.json()["names"];
    assert_eq!(names["organizations"][&org], "Droits Devant");
    assert_eq!(names["states"]["NOR"], "Norvège", "a donor State, in French");
    assert_eq!(names["states"]["KEN"], "Kenya", "a State served");
    let torture_fr = names["themes"]["torture"].as_str().unwrap().to_string();
    let ru = app.anonymous().get_with("/api/v1/offers", &[("Accept-Language", "ru")]).json();
    assert_ne!(ru["names"]["themes"]["torture"].as_str().unwrap(), torture_fr, "the language follows Accept-Language");
    assert_eq!(ru["names"]["states"]["NOR"], "Норвегия");

    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    crate::fixtures::request(&app, &kenya, "KEN", json!(["death-penalty"]), Some("granted"));
    let requests = app.anonymous().get("/api/v1/requests?lang=es").json();
    assert_eq!(requests["names"]["states"], json!({"KEN": "Kenia"}));
    assert!(requests["names"]["themes"]["death-penalty"].as_str().unwrap().contains("muerte"));
    assert_eq!(requests["names"]["organizations"], json!({}));

    let csv = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n\
               Kenya,Africa,AU,Ratify OPCAT.,Norway,WEOG,,Accepted,5,Torture and other CID treatment,10\n";
    app.send("POST", "/api/v1/recommendations/import", &[("Content-Type", "text/csv")], Some(csv.as_bytes()));
    let recommendations = app.anonymous().get("/api/v1/recommendations?lang=zh").json();
    assert_eq!(recommendations["names"]["states"].as_object().unwrap().len(), 2, "both States named");
    assert_eq!(recommendations["names"]["states"]["NOR"], "挪威");
}

backend_tests!(
    list_pages_name_what_they_refer_to,
    listing_and_storage_agree,
    create_by_state_and_organization,
    validation,
    serves_filter,
    conditional_update,
    bulk_submission,
    bulk_submission_is_all_or_nothing,
    bulk_submission_as_csv,
    single_create_is_idempotent_with_a_key
);

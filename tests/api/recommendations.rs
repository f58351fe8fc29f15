//! Recommendations: one by one, and the UPR Info CSV import (all or nothing).

use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::TestApp;

const HEADER: &str = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n";

fn import(app: &TestApp, csv: &[u8]) -> crate::helpers::Resp {
    app.send("POST", "/api/v1/recommendations/import", &[("Content-Type", "text/csv")], Some(csv))
}

fn create_read_update(app: TestApp) {
    let rec = app.create(
        "/api/v1/recommendations",
        &json!({"state_under_review": "KEN", "recommending_state": "nor", "session": 23,
                "text": "Ratify the Optional Protocol to the Convention against Torture.",
                "response": "supported", "action_category": 5, "themes": ["torture", "International instruments"]}),
    );
    assert_eq!(rec["cycle"], 2);
    assert_eq!(rec["recommending_state"], "NOR");
    assert_eq!(rec["themes"], json!(["torture", "international-instruments"]));
    let path = format!("/api/v1/recommendations/{}", rec["id"].as_str().unwrap());
    assert_eq!(app.get(&path).json(), rec);

    let updated = app.patch(&path, Some("\"v1\""), &json!({"response": "noted", "recommending_state": null}));
    assert_eq!(updated.status, 200, "{}", updated.excerpt());
    assert_eq!(updated.json()["response"], "noted");
    assert!(updated.json()["recommending_state"].is_null());
    app.patch(&path, Some("\"v1\""), &json!({"response": "supported"})).problem(412);
    app.patch(&path, Some("\"v2\""), &json!({"session": 23, "cycle": 1})).field_error(422, "cycle");

    // Word search: each word begins a word of the text, in any case; edits are searchable at once.
    let total = |q: &str| app.get(&format!("/api/v1/recommendations?q={q}")).json()["total"].clone();
    assert_eq!(total("protoc"), 1, "a word's beginning finds it");
    assert_eq!(total("OPTIONAL%20protocol"), 1);
    assert_eq!(total("optional%20covenant"), 0, "every word must be there");
    assert_eq!(total("otocol"), 0, "words are matched from their beginning");
    let edited = app.patch(&path, Some("\"v2\""), &json!({"text": "Adopt a law on domestic violence."}));
    assert_eq!(edited.status, 200, "{}", edited.excerpt());
    assert_eq!(total("protocol"), 0);
    assert_eq!(total("domestic%20VIOL"), 1);
    app.get("/api/v1/recommendations?q=%21%21").field_error(400, "q");

    let bad = app.post(
        "/api/v1/recommendations",
        &json!({"state_under_review": "XXX", "session": 0, "text": "", "response": "accepted", "themes": []}),
    );
    bad.field_error(422, "response");
    let bad = app.post(
        "/api/v1/recommendations",
        &json!({"state_under_review": "XXX", "session": 0, "text": "", "response": "noted", "themes": ["zzzqqq"]}),
    );
    bad.field_error(422, "state_under_review");
    bad.field_error(422, "session");
    bad.field_error(422, "text");
    bad.field_error(422, "themes[0]");
}

fn import_is_all_or_nothing(app: TestApp) {
    let good = format!(
        "{HEADER}Kenya,Africa,AU,\"Ratify OPCAT, promptly.\",Norway,WEOG,,Accepted,5,\"Torture and other CID treatment,International instruments\",10\n\
         Kenya,Africa,AU,Abolish the death penalty.,&#40;Unknown&#41;,,,Noted,,Death penalty,23\n\
         France,WEOG,EU,Strengthen the NHRI.,Holy See,,,Accepted,3,NHRI,27\n"
    );
    let res = import(&app, good.as_bytes());
    assert_eq!(res.status, 201, "{}", res.excerpt());
    assert_eq!(res.json()["imported"], 3);

    let bad = format!(
        "{HEADER}Kenya,Africa,AU,Fine row.,Norway,WEOG,,Accepted,5,Justice,10\n\
         Atlantis,Africa,AU,Bad State.,Norway,WEOG,,Accepted,5,Justice,10\n\
         Kenya,Africa,AU,Bad issue.,Norway,WEOG,,Accepted,5,Basket weaving,10\n\
         Kenya,Africa,AU,Bad session.,Norway,WEOG,,Accepted,5,Justice,ten\n"
    );
    let res = import(&app, bad.as_bytes());
    assert!(res.field_error(422, "line 3").contains("Atlantis"));
    assert!(res.field_error(422, "line 4").contains("Basket weaving"));
    assert!(res.field_error(422, "line 5").contains("Session"));
    assert_eq!(app.get("/api/v1/recommendations").json()["total"], 3, "the bad file stored nothing");

    let ragged = format!("{HEADER}Kenya,Africa,AU,Too few columns\n");
    import(&app, ragged.as_bytes()).field_error(422, "line 2");
    import(&app, b"To,Text\nKenya,x\n").field_error(422, "line 1");
    import(&app, HEADER.as_bytes()).problem(422);
    let mut not_utf8 = HEADER.as_bytes().to_vec();
    not_utf8.extend_from_slice(b"Kenya,Africa,AU,\xff\xfe,Norway,WEOG,,Accepted,5,Justice,10\n");
    import(&app, &not_utf8).field_error(400, "line 2");
    app.send("POST", "/api/v1/recommendations/import", &[("Content-Type", "application/json")], Some(b"{}"))
        .problem(415);
    assert_eq!(app.get("/api/v1/recommendations").json()["total"], 3);
}

fn real_upr_info_file_imports(app: TestApp) {
    let csv = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/upr-info-sessions-01-13.csv")).unwrap();
    let res = import(&app, &csv);
    assert_eq!(res.status, 201, "{}", res.excerpt());
    assert_eq!(res.json()["imported"], 23_484);

    if app.database_url().starts_with("postgres") {
        // The import settled the search index and the statistics: nothing waits in the index's
        // pending list, and the planner knows how many rows there are.
        app.sql(
            "DO $$ BEGIN \
               IF gin_clean_pending_list('recommendations_text_search'::regclass) > 0 THEN \
                 RAISE EXCEPTION 'entries left in the pending list'; END IF; \
               IF (SELECT reltuples FROM pg_class WHERE relname = 'recommendations') <> 23484 THEN \
                 RAISE EXCEPTION 'the table is not analysed'; END IF; \
             END $$",
        );
    }
    let all = app.get("/api/v1/recommendations?limit=1").json();
    assert_eq!(all["total"], 23_484);
    let first = &all["items"][0];
    assert_eq!(first["state_under_review"], "AFG");
    assert_eq!(first["recommending_state"], "AUT");
    assert_eq!(first["response"], "supported");
    assert_eq!(first["themes"], json!(["rights-of-the-child", "womens-rights"]));

    let noted = app.get("/api/v1/recommendations?response=noted&limit=1").json();
    assert_eq!(noted["total"], 6_211);
    let women = app.get("/api/v1/recommendations?theme=womens-rights&limit=1").json();
    assert_eq!(women["total"], 4_077);
    let session_1 = app.get("/api/v1/recommendations?session=1&limit=1").json();
    assert_eq!(session_1["total"], 430);
    assert_eq!(app.get("/api/v1/recommendations?cycle=1&limit=1").json()["total"], 23_484 - 2_128);
    let kenya = app.get("/api/v1/recommendations?state_under_review=KEN&limit=200").json();
    assert!(kenya["items"].as_array().unwrap().iter().all(|r| r["state_under_review"] == "KEN"));
    let africa = app.get("/api/v1/recommendations?region=african&theme=torture&limit=1").json();
    let all_torture = app.get("/api/v1/recommendations?theme=torture&limit=1").json();
    assert!(africa["total"].as_i64().unwrap() > 0);
    assert!(africa["total"].as_i64().unwrap() < all_torture["total"].as_i64().unwrap());
    app.get("/api/v1/recommendations?theme=tortur%20and%20zzz").field_error(400, "theme");

    // A word search pages through every match once, alone or with another filter.
    for query in ["q=torture%20prevent", "q=torture%20prevent&response=supported"] {
        let mut seen = std::collections::HashSet::new();
        let mut path = format!("/api/v1/recommendations?{query}&limit=37");
        let total = app.get(&path).json()["total"].as_u64().unwrap();
        loop {
            let page = app.get(&path).json();
            for item in page["items"].as_array().unwrap() {
                let text = item["text"].as_str().unwrap().to_lowercase();
                assert!(text.contains("tortur") && text.contains("prevent"), "{text}");
                assert!(seen.insert(item["id"].as_str().unwrap().to_string()), "met twice");
            }
            match page["next_cursor"].as_str() {
                Some(cursor) => path = format!("/api/v1/recommendations?{query}&limit=37&cursor={cursor}"),
                None => break,
            }
        }
        assert_eq!(seen.len() as u64, total, "{query}");
        assert!(total > 37, "{query}: more than a page ({total})");
    }
}

fn pages_walk_the_whole_list(app: TestApp) {
    let mut rows = String::from(HEADER);
    for i in 0..25 {
        rows.push_str(&format!("Chile,GRULAC,,Recommendation number {i}.,Peru,GRULAC,,Accepted,4,Justice,5\n"));
    }
    assert_eq!(import(&app, rows.as_bytes()).status, 201);
    let mut texts = Vec::new();
    let mut path = "/api/v1/recommendations?limit=10&state_under_review=CHL".to_string();
    loop {
        let page = app.get(&path).json();
        assert_eq!(page["total"], 25);
        texts.extend(page["items"].as_array().unwrap().iter().map(|r| r["text"].as_str().unwrap().to_string()));
        match page["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/recommendations?limit=10&state_under_review=CHL&cursor={c}"),
            None => break,
        }
    }
    let expected: Vec<String> = (0..25).map(|i| format!("Recommendation number {i}.")).collect();
    assert_eq!(texts, expected);
}

fn retried_imports_with_a_key_store_once(app: TestApp) {
    let csv = format!("{HEADER}Kenya,Africa,AU,Ratify OPCAT.,Norway,WEOG,,Accepted,5,Justice,10\n");
    let send = |key: &str, body: &str| {
        app.send(
            "POST",
            "/api/v1/recommendations/import",
            &[("Content-Type", "text/csv"), ("Idempotency-Key", key)],
            Some(body.as_bytes()),
        )
    };
    let first = send("upload-2026-11-23", &csv);
    assert_eq!(first.status, 201, "{}", first.excerpt());
    assert_eq!(first.header("idempotent-replayed"), None);
    let again = send("upload-2026-11-23", &csv);
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.json(), first.json(), "the first answer, again");
    assert_eq!(app.get("/api/v1/recommendations").json()["total"], 1, "stored once");

    let other = format!("{HEADER}Kenya,Africa,AU,Something else.,Norway,WEOG,,Noted,5,Justice,10\n");
    send("upload-2026-11-23", &other).field_error(422, "Idempotency-Key");
    let known = send("upload-2026-11-24", &csv);
    assert_eq!(known.status, 201, "a new key is a new upload");
    assert_eq!((known.json()["new"].as_u64(), known.json()["unchanged"].as_u64()), (Some(0), Some(1)));
    assert_eq!(app.get("/api/v1/recommendations").json()["total"], 1, "whose row is known again");
    send(&"k".repeat(201), &csv).field_error(400, "Idempotency-Key");
    assert_eq!(app.get("/api/v1/recommendations").json()["total"], 1);

    // A day later the key is free again: the same key with another body is a new upload.
    app.sql("UPDATE idempotency_keys SET created_at = '2000-01-01 00:00:00'");
    let later = send("upload-2026-11-23", &other);
    assert_eq!(later.status, 201, "{}", later.excerpt());
    assert_eq!(later.header("idempotent-replayed"), None);
    assert_eq!(app.get("/api/v1/recommendations").json()["total"], 2);
}

/// Importing again stores only what is new, updates what changed, and leaves the rest; a
/// recommendation made twice in one session is kept twice and matched twice.
fn imports_again_store_new_update_changed_and_leave_the_rest(app: TestApp) {
    let first = format!(
        "{HEADER}Kenya,Africa,AU,Ratify OPCAT.,Norway,WEOG,,Accepted,5,Justice,10\n\
         Kenya,Africa,AU,Ratify OPCAT.,Norway,WEOG,,Accepted,5,Justice,10\n\
         Kenya,Africa,AU,Abolish the death penalty.,France,WEOG,,Noted,4,Death penalty,10\n"
    );
    let summary = import(&app, first.as_bytes()).json();
    assert_eq!(
        (summary["new"].as_u64(), summary["changed"].as_u64(), summary["unchanged"].as_u64()),
        (Some(3), Some(0), Some(0))
    );
    let again = format!(
        "{HEADER}Kenya,Africa,AU,ratify  OPCAT.,Norway,WEOG,,Accepted,5,Justice,10\n\
         Kenya,Africa,AU,Ratify OPCAT.,Norway,WEOG,,Accepted,5,Justice,10\n\
         Kenya,Africa,AU,Abolish the death penalty.,France,WEOG,,Accepted,4,Death penalty,10\n\
         Uganda,Africa,AU,Ratify OPCAT.,Norway,WEOG,,Accepted,5,Justice,10\n"
    );
    let res = import(&app, again.as_bytes());
    assert_eq!(res.status, 201, "{}", res.excerpt());
    let summary = res.json();
    assert_eq!(
        (summary["new"].as_u64(), summary["changed"].as_u64(), summary["unchanged"].as_u64()),
        (Some(1), Some(1), Some(2)),
        "{summary}"
    );
    assert_eq!(app.get("/api/v1/recommendations").json()["total"], 4, "only Uganda's is new");
    let france = app.get("/api/v1/recommendations?recommending_state=FRA").json();
    assert_eq!(
        (france["items"][0]["response"].as_str(), france["items"][0]["version"].as_i64()),
        (Some("supported"), Some(2))
    );
}

fn who_recommended_what(app: TestApp) {
    let csv = format!(
        "{HEADER}Kenya,Africa,AU,Ratify OPCAT.,Norway,WEOG,,Accepted,5,Torture and other CID treatment,10\n\
         Kenya,Africa,AU,Investigate torture by police.,Norway,WEOG,,Noted,5,\"Torture and other CID treatment,Justice\",10\n\
         Kenya,Africa,AU,Criminalise torture in the Penal Code.,France,WEOG,,Accepted,5,Torture and other CID treatment,23\n\
         Kenya,Africa,AU,Adopt a moratorium on the DEATH penalty.,&#40;Unknown&#41;,,,Noted,4,Death penalty,23\n\
         Uganda,Africa,AU,End torture in detention.,Norway,WEOG,,Accepted,5,Torture and other CID treatment,12\n"
    );
    assert_eq!(import(&app, csv.as_bytes()).status, 201);

    let by_state = app.get("/api/v1/recommendations/summary?state_under_review=KEN&theme=torture").json();
    assert_eq!(by_state["group_by"], "recommending_state");
    assert_eq!(by_state["total"], 3);
    assert_eq!(by_state["groups"][0], json!({"key": "NOR", "label": "Norway", "count": 2, "supported": 1, "noted": 1}));
    assert_eq!(by_state["groups"][1]["key"], "FRA");

    let unknown = app.get("/api/v1/recommendations/summary?state_under_review=KEN&theme=death-penalty").json();
    assert_eq!(unknown["groups"][0]["key"], Value::Null);
    assert_eq!(unknown["groups"][0]["label"], "Not recorded");

    let by_theme = app.get("/api/v1/recommendations/summary?group_by=theme&state_under_review=KEN&lang=fr").json();
    let first = &by_theme["groups"][0];
    assert_eq!(first["key"], "torture");
    assert_eq!(first["count"], 3);
    assert_eq!(first["label"], app.get("/api/v1/themes/torture").json()["labels"]["fr"]);
    let by_response = app.get("/api/v1/recommendations/summary?group_by=response&region=african").json();
    assert_eq!(by_response["total"], 5);
    assert_eq!(
        by_response["groups"][0],
        json!({"key": "supported", "label": "supported", "count": 3, "supported": 3, "noted": 0})
    );
    let by_cycle = app.get("/api/v1/recommendations/summary?group_by=cycle&recommending_state=NOR").json();
    assert_eq!(by_cycle["groups"][0], json!({"key": "1", "label": "Cycle 1", "count": 3, "supported": 2, "noted": 1}));
    app.get("/api/v1/recommendations/summary?group_by=planet").field_error(400, "group_by");

    let found = app.get("/api/v1/recommendations?q=Torture%20police").json();
    assert_eq!(found["total"], 1, "every word must appear, in any case");
    let found = app.get("/api/v1/recommendations?q=death%20MORATORIUM").json();
    assert_eq!(found["items"][0]["session"], 23);
    assert_eq!(app.get("/api/v1/recommendations?q=torture&state_under_review=UGA").json()["total"], 1);
    assert_eq!(app.get("/api/v1/recommendations?q=100%25").json()["total"], 0, "wildcards are literal");
    let searched = app.get("/api/v1/recommendations/summary?q=torture").json();
    assert_eq!(searched["total"], 3, "OPCAT is tagged torture but does not say it");
}

backend_tests!(
    imports_again_store_new_update_changed_and_leave_the_rest,
    create_read_update,
    import_is_all_or_nothing,
    real_upr_info_file_imports,
    pages_walk_the_whole_list,
    retried_imports_with_a_key_store_once,
    who_recommended_what
);

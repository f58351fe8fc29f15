//! Themes suggested from text on records: recommendations imported or added without themes,
//! requests and offers created with `suggest_themes`; marked until a person confirms them.

use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::TestApp;

fn slugs(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect()
}

fn suggested(record: &Value) -> Vec<String> {
    record["suggested_themes"].as_array().unwrap().iter().map(|s| s["theme"].as_str().unwrap().to_string()).collect()
}

fn imported_recommendations_without_themes_get_suggestions(app: TestApp) {
    let csv = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n\
               Kenya,Africa,AU,Abolish the death penalty and commute all death sentences.,Norway,WEOG,,Noted,5,,40\n\
               Kenya,Africa,AU,Ratify OPCAT.,Norway,WEOG,,Accepted,5,Torture and other CID treatment,40\n\
               Kenya,Africa,AU,Zqx vvv wpt.,Norway,WEOG,,Noted,5,,40\n";
    let res = app.send("POST", "/api/v1/recommendations/import", &[("Content-Type", "text/csv")], Some(csv.as_bytes()));
    assert_eq!(res.status, 201, "{}", res.excerpt());
    let summary = res.json();
    assert_eq!((&summary["suggested_by_language"], &summary["needs_review"]), (&json!({"en": 2}), &json!(1)));
    let items = app.get("/api/v1/recommendations?session=40").json()["items"].clone();
    let (untagged, tagged) = (&items[0], &items[1]);
    assert!(slugs(&untagged["themes"]).contains(&"death-penalty".to_string()), "{untagged}");
    assert_eq!(suggested(untagged), slugs(&untagged["themes"]), "all of them are suggestions");
    let first = &untagged["suggested_themes"][0];
    assert!(first["confidence"].as_f64().unwrap() >= 0.5);
    assert!(!first["words"].as_array().unwrap().is_empty());
    assert_eq!(tagged["themes"], json!(["torture"]));
    assert!(suggested(tagged).is_empty(), "labelled rows keep their labels alone");
    assert_eq!((&untagged["needs_review"], &tagged["needs_review"]), (&json!(false), &json!(false)));
    // A text the model is not sure of keeps no theme, and says a person should choose.
    let unclear = &items[2];
    assert_eq!((&unclear["themes"], &unclear["needs_review"]), (&json!([]), &json!(true)), "{unclear}");
    let to_review = app.get("/api/v1/recommendations?needs_review=true").json();
    assert_eq!((&to_review["total"], &to_review["items"][0]["id"]), (&json!(1), &unclear["id"]));
    assert_eq!(app.get("/api/v1/recommendations?needs_review=false").json()["total"], 2);
    app.get("/api/v1/recommendations?needs_review=maybe").field_error(400, "needs_review");
    // The explorer page marks it, and lists those a person should tag.
    let page = app.anonymous().get("/fr/recommendations?needs_review=true");
    assert_eq!(page.status, 200, "{}", page.excerpt());
    assert!(page.text.contains("Zqx vvv wpt") && !page.text.contains("Abolish the death penalty"), "{}", page.text);
    assert!(page.text.contains("à classer par une personne"), "the badge, in the page's language");
    assert_eq!(
        app.get("/api/v1/recommendations?theme=death-penalty").json()["total"],
        1,
        "suggested themes are filterable"
    );

    // A person confirms: the themes stay, the marks go.
    let path = format!("/api/v1/recommendations/{}", untagged["id"].as_str().unwrap());
    let confirmed = app.patch(&path, Some("\"v1\""), &json!({ "themes": ["death-penalty"] })).json();
    assert_eq!(confirmed["themes"], json!(["death-penalty"]));
    assert!(suggested(&confirmed).is_empty());
}

fn requests_ask_for_suggestions_and_confirm_them(app: TestApp) {
    let created = app.post(
        "/api/v1/requests",
        &json!({
            "state": "KEN",
            "title": "Drafting a law on violence against women",
            "description": "Support to criminalise domestic violence and marital rape and to train the police.",
            "suggest_themes": true
        }),
    );
    assert_eq!(created.status, 201, "{}", created.excerpt());
    let request = created.json();
    assert!(slugs(&request["themes"]).contains(&"womens-rights".to_string()), "{request}");
    assert_eq!(suggested(&request), slugs(&request["themes"]));
    let id = request["id"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/requests?theme=womens-rights").json()["total"], 1);

    // A new text brings new suggestions; themes set by a person are confirmed.
    let path = format!("/api/v1/requests/{id}");
    let retitled = app
        .patch(&path, Some("\"v1\""), &json!({ "title": "Abolition of the death penalty", "description": "" }))
        .json();
    assert!(suggested(&retitled).contains(&"death-penalty".to_string()), "{retitled}");
    assert!(!suggested(&retitled).contains(&"womens-rights".to_string()));
    let confirmed = app.patch(&path, Some("\"v2\""), &json!({ "themes": ["death-penalty", "justice"] })).json();
    assert_eq!(confirmed["themes"], json!(["death-penalty", "justice"]));
    assert!(suggested(&confirmed).is_empty());
    let same = app.patch(&path, Some("\"v3\""), &json!({ "description": "Support to the law commission." })).json();
    assert_eq!(same["themes"], json!(["death-penalty", "justice"]), "confirmed themes do not follow the text");

    // Without themes, recommendations or suggestion, the request is refused.
    let untagged = app.post("/api/v1/requests", &json!({ "state": "KEN", "title": "Help" }));
    assert!(untagged.field_error(422, "themes").contains("suggest_themes"));
    // And when the model is not sure enough of any theme, the answer says so.
    let unclear = app.post("/api/v1/requests", &json!({ "state": "KEN", "title": "Zqx vvv", "suggest_themes": true }));
    assert!(unclear.field_error(422, "themes").contains("no theme could be suggested"));
}

fn offers_add_suggestions_to_given_themes(app: TestApp) {
    let offer = app.create(
        "/api/v1/offers",
        &json!({
            "provider": "NOR",
            "title": "Training for prison staff on the prevention of torture",
            "description": "Courses on detention standards, the Mandela Rules and OPCAT visits.",
            "themes": ["hr-education-training"],
            "suggest_themes": true,
            "global": true
        }),
    );
    let themes = slugs(&offer["themes"]);
    assert_eq!(themes[0], "hr-education-training", "given themes come first");
    assert!(!suggested(&offer).contains(&"hr-education-training".to_string()), "given themes are confirmed");
    assert!(suggested(&offer).iter().any(|t| t == "torture" || t == "detention"), "{offer}");
    let plain = app.create(
        "/api/v1/offers",
        &json!({ "provider": "NOR", "title": "Torture prevention", "themes": ["torture"], "global": true }),
    );
    assert!(suggested(&plain).is_empty(), "no suggestion unless asked");
    let refused = app.post("/api/v1/offers", &json!({ "provider": "NOR", "title": "Help", "global": true }));
    assert!(refused.field_error(422, "themes").contains("suggest_themes"));
}

backend_tests!(
    imported_recommendations_without_themes_get_suggestions,
    requests_ask_for_suggestions_and_confirm_them,
    offers_add_suggestions_to_given_themes,
);

//! States and themes, seeded at start-up from the shipped data.

use crate::backend_tests;
use serde_json::json;

use crate::helpers::TestApp;

fn states_are_seeded_and_filterable(app: TestApp) {
    let all = app.get("/api/v1/states");
    assert_eq!(all.status, 200);
    let states = all.json();
    let states = states.as_array().unwrap();
    assert_eq!(states.iter().filter(|s| s["un_status"] == "member").count(), 193);
    assert_eq!(states.len(), 195);

    let kenya = app.get("/api/v1/states/ken").json();
    assert_eq!(kenya["code"], "KEN");
    assert_eq!(kenya["region_code"], "002");
    assert_eq!(kenya["regional_group"], "african");

    let weog = app.get("/api/v1/states?region=weog").json();
    assert!(weog.as_array().unwrap().iter().any(|s| s["code"] == "NOR"));
    let africa = app.get("/api/v1/states?region=Africa").json();
    assert!(africa.as_array().unwrap().iter().all(|s| s["region"] == "Africa"));

    app.get("/api/v1/states/XYZ").problem(404);
    assert!(app.get("/api/v1/states?region=atlantis").field_error(400, "region").contains("unknown region"));
}

fn reference_reads_are_conditional(app: TestApp) {
    let first = app.get("/api/v1/themes");
    let etag = first.etag();
    let again = app.get_with("/api/v1/themes", &[("If-None-Match", &etag)]);
    assert_eq!(again.status, 304);
    assert!(again.text.is_empty());
    assert_eq!(again.etag(), etag);
}

fn themes_list_get_and_resolve(app: TestApp) {
    let taxonomy = app.get("/api/v1/themes").json();
    let themes = taxonomy["themes"].as_array().unwrap();
    assert_eq!(themes.len(), 54);
    assert!(!taxonomy["groups"].as_array().unwrap().is_empty());
    let group = themes[0]["group"].as_str().unwrap().to_string();
    let in_group = app.get(&format!("/api/v1/themes?group={group}")).json();
    assert!(in_group["themes"].as_array().unwrap().iter().all(|t| t["group"] == group.as_str()));

    let women = app.get("/api/v1/themes/womens-rights").json();
    assert_eq!(women["upr_info_label"], "Women's rights");
    assert!(women["labels"]["fr"].is_string());
    app.get("/api/v1/themes/no-such-theme").problem(404);

    let typo = app.get("/api/v1/themes/resolve?q=womens%20rigths").json();
    assert_eq!(typo["resolved"], "womens-rights");
    assert_eq!(typo["candidates"][0]["slug"], "womens-rights");
    let score = typo["candidates"][0]["score"].as_f64().unwrap();
    assert!(score > 0.8 && score < 1.0, "{score}");

    let russian = app
        .get("/api/v1/themes/resolve?q=%D0%BF%D1%80%D0%B0%D0%B2%D0%B0%20%D0%B6%D0%B5%D0%BD%D1%89%D0%B8%D0%BD")
        .json();
    assert_eq!(russian["resolved"], "womens-rights");

    let nonsense = app.get("/api/v1/themes/resolve?q=qqqqzzzz").json();
    assert!(nonsense["resolved"].is_null());

    app.get("/api/v1/themes/resolve?q=").field_error(400, "q");
    app.get("/api/v1/themes/resolve").field_error(400, "q");
    let unknown = app.get("/api/v1/themes/resolve?q=x&colour=red").field_error(400, "colour");
    assert_eq!(unknown, "is not a parameter of this operation; it takes q, limit, lang");
    app.get("/api/v1/themes/resolve?q=x&limit=500").field_error(400, "limit");
}

fn labels_follow_the_requested_language(app: TestApp) {
    let fr = app.get("/api/v1/themes/womens-rights?lang=fr");
    assert_eq!(fr.header("content-language"), Some("fr"));
    assert_eq!(fr.header("vary"), Some("Accept-Language"));
    let body = fr.json();
    assert_eq!(body["label"], body["labels"]["fr"]);
    assert_ne!(body["label"], body["labels"]["en"]);

    let ru = app.get_with("/api/v1/themes/torture", &[("Accept-Language", "de-DE, ru-RU;q=0.8, en;q=0.5")]).json();
    assert_eq!(ru["label"], ru["labels"]["ru"], "the best UN language in the header");
    let de = app.get_with("/api/v1/themes/torture", &[("Accept-Language", "de")]);
    assert_eq!(de.header("content-language"), Some("en"), "English when none of the six is asked for");
    let explicit = app.get_with("/api/v1/themes/torture?lang=es", &[("Accept-Language", "fr")]).json();
    assert_eq!(explicit["label"], explicit["labels"]["es"], "?lang= wins over the header");

    let zh = app.get("/api/v1/themes?lang=zh").json();
    assert_eq!(zh["lang"], "zh");
    assert!(zh["themes"].as_array().unwrap().iter().all(|t| t["label"] == t["labels"]["zh"]));
    let resolved = app.get("/api/v1/themes/resolve?q=droits%20des%20femmes&lang=ar").json();
    assert_eq!(resolved["candidates"][0]["label"], app.get("/api/v1/themes/womens-rights").json()["labels"]["ar"]);
    app.get("/api/v1/themes/torture?lang=de").field_error(400, "lang");
    let en = app.get("/api/v1/themes/torture").etag();
    assert_ne!(en, app.get("/api/v1/themes/torture?lang=fr").etag(), "each language has its own ETag");
}

fn themes_are_suggested_from_text(app: TestApp) {
    let text = "Adopt a comprehensive law on violence against women, including domestic violence and marital rape";
    let answer = app.post("/api/v1/themes/suggest", &json!({ "text": text, "limit": 3 }));
    assert_eq!(answer.status, 200, "{}", answer.text);
    let body = answer.json();
    assert_eq!(body["threshold"], 0.5);
    assert_eq!(body["needs_review"], false);
    let suggestions = body["suggestions"].as_array().unwrap();
    assert_eq!(suggestions.len(), 3);
    let top = &suggestions[0];
    assert_eq!(top["theme"], "womens-rights");
    assert_eq!(top["label"], "Women's rights");
    assert_eq!(top["suggested"], true);
    assert!(top["confidence"].as_f64().unwrap() >= 0.5);
    assert!(top["words"].as_array().unwrap().iter().any(|w| w.as_str().unwrap().contains("women")), "{top}");
    let confidences: Vec<f64> = suggestions.iter().map(|s| s["confidence"].as_f64().unwrap()).collect();
    assert!(confidences.windows(2).all(|w| w[0] >= w[1]), "best first: {confidences:?}");
    for s in suggestions {
        assert_eq!(s["suggested"].as_bool().unwrap(), s["confidence"].as_f64().unwrap() >= 0.5);
    }

    let french = app.post("/api/v1/themes/suggest?lang=fr", &json!({ "text": "Abolish the death penalty" }));
    assert_eq!(french.header("content-language"), Some("fr"));
    let french = french.json();
    assert_eq!(french["suggestions"][0]["theme"], "death-penalty");
    assert_eq!(french["suggestions"][0]["label"], "Peine de mort");
    assert_eq!(french["suggestions"].as_array().unwrap().len(), 5, "five by default");
    let unclear = app.post("/api/v1/themes/suggest", &json!({ "text": "Zqx vvv wpt" })).json();
    assert_eq!(unclear["needs_review"], true, "no theme reaches the threshold: {unclear}");
    assert!(unclear["suggestions"].as_array().unwrap().iter().all(|s| s["suggested"] == false));

    app.post("/api/v1/themes/suggest", &json!({ "text": "  " })).field_error(422, "text");
    app.post("/api/v1/themes/suggest", &json!({ "text": "x", "limit": 0 })).field_error(422, "limit");
    app.post("/api/v1/themes/suggest", &json!({ "text": "x", "limit": 55 })).field_error(422, "limit");
    app.post("/api/v1/themes/suggest", &json!({ "text": "x", "extra": 1 })).field_error(422, "extra");
    app.post("/api/v1/themes/suggest", &json!({ "text": "x".repeat(20_001) })).field_error(422, "text");
    assert_eq!(app.anonymous().post("/api/v1/themes/suggest", &json!({ "text": "x" })).status, 401);
}

backend_tests!(
    themes_are_suggested_from_text,
    states_are_seeded_and_filterable,
    reference_reads_are_conditional,
    themes_list_get_and_resolve,
    labels_follow_the_requested_language,
);

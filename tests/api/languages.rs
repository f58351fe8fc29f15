//! The six UN languages: problems, field messages, "did you mean" labels and match reasons in
//! the reader's language (`?lang=`, else `Accept-Language`), with `Content-Language` and
//! `Vary`; machine fields never change; theme suggestion for text in any of them.

use serde_json::{json, Value};

use crate::backend_tests;
use crate::fixtures::{offer, request};
use crate::helpers::{Resp, TestApp};

/// Whether `text` is written in the script of `lang` (at least one of its letters).
fn in_script(text: &str, lang: &str) -> bool {
    text.chars().any(|c| match lang {
        "ar" => ('\u{0600}'..='\u{06FF}').contains(&c),
        "ru" => ('\u{0400}'..='\u{04FF}').contains(&c),
        _ => ('\u{4E00}'..='\u{9FFF}').contains(&c),
    })
}

fn message<'a>(problem: &'a Value, field: &str) -> &'a str {
    let errors = problem["errors"].as_array().unwrap();
    errors.iter().find(|e| e["field"] == field).and_then(|e| e["message"].as_str()).unwrap_or_else(|| {
        panic!("no problem with {field}: {problem}");
    })
}

fn a_bad_request(app: &TestApp, key: &str, headers: &[(&str, &str)], query: &str) -> Resp {
    let body = json!({
        "state": "KEN", "title": "", "description": "x", "themes": ["womn rihgts"],
        "modalities": ["training"], "starts_on": "31/12/2027", "budget_min_usd": "12,000",
    });
    let mut all = vec![("Content-Type", "application/json")];
    all.extend_from_slice(headers);
    app.with_key(Some(key)).send("POST", &format!("/api/v1/requests{query}"), &all, Some(body.to_string().as_bytes()))
}

fn problems_speak_the_readers_language(app: TestApp) {
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let english = a_bad_request(&app, &kenya, &[], "");
    assert_eq!(english.status, 422, "{}", english.excerpt());
    assert_eq!(english.header("content-language"), Some("en"));
    let en = english.json();
    assert_eq!(message(&en, "starts_on"), "use the date format YYYY-MM-DD (e.g. 2027-03-31)");
    assert!(message(&en, "budget_min_usd").starts_with("must be a whole number of US dollars"), "{en}");
    let fields = |p: &Value| -> Vec<String> {
        p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect()
    };
    for lang in ["ar", "zh", "ru"] {
        let res = a_bad_request(&app, &kenya, &[("Accept-Language", &format!("{lang}, en;q=0.5"))], "");
        assert_eq!(res.status, 422);
        assert_eq!(res.header("content-language"), Some(lang));
        assert!(res.header("vary").is_some_and(|v| v.contains("Accept-Language")), "{:?}", res.header("vary"));
        let p = res.json();
        // Machine fields stay; words change.
        assert_eq!((&p["code"], &p["type"], &p["status"]), (&en["code"], &en["type"], &en["status"]));
        assert_eq!(fields(&p), fields(&en), "{p}");
        assert!(in_script(p["title"].as_str().unwrap(), lang), "{lang}: {p}");
        for field in ["title", "starts_on", "budget_min_usd", "themes[0]"] {
            assert!(in_script(message(&p, field), lang), "{lang} {field}: {p}");
        }
        assert!(message(&p, "starts_on").contains("YYYY-MM-DD"), "{p}");
        // "Did you mean" names the theme by its slug and its label in the reader's language.
        let label = app.get(&format!("/api/v1/themes/womens-rights?lang={lang}")).json()["label"].clone();
        let hint = message(&p, "themes[0]");
        assert!(hint.contains("'womens-rights'") && hint.contains(label.as_str().unwrap()), "{lang}: {hint}");
    }
    // ?lang= wins over the header, as everywhere.
    let res = a_bad_request(&app, &kenya, &[("Accept-Language", "ar")], "?lang=zh");
    assert_eq!(res.header("content-language"), Some("zh"));
    // Problems raised before any handler runs (no key) are localized too.
    let anonymous = app.anonymous().get_with("/api/v1/keys", &[("Accept-Language", "ru")]);
    assert_eq!(anonymous.status, 401);
    assert_eq!(anonymous.header("content-language"), Some("ru"));
    assert!(in_script(anonymous.json()["title"].as_str().unwrap(), "ru"), "{}", anonymous.excerpt());
}

/// Every kind of problem, not only a body's fields: a missing record or route (404), a key
/// acting for another State (403, with the item it is about), a duplicate and a decision
/// already taken (409, the status said in the reader's words), a stale version (412), a body
/// of the wrong type (415) and a CSV column nobody knows (its line named).
fn every_kind_of_problem_speaks_the_readers_language(app: TestApp) {
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let state = app.with_key(Some(&kenya));
    let consented = request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
    let org = app.create("/api/v1/organizations", &json!({"kind": "cso", "name": "Haki Watch", "country": "KEN"}));
    let org_id = org["id"].as_str().unwrap();
    let bulk = json!([{"state": "KEN", "title": "x", "themes": ["torture"]}, {"state": "HTI", "title": "y", "themes": ["torture"]}]);
    let english = app.post(&format!("/api/v1/requests/{consented}/consent"), &json!({"status": "granted"}));
    assert_eq!(english.problem(409)["detail"], "consent is already agreed to share", "{}", english.excerpt());
    for lang in ["ar", "zh", "ru"] {
        let q = format!("?lang={lang}");
        let said = |res: Resp, status: u16| -> String {
            assert_eq!(res.header("content-language"), Some(lang), "{}", res.excerpt());
            let detail = res.problem(status)["detail"].as_str().unwrap().to_string();
            assert!(in_script(&detail, lang), "{lang} {status}: {detail}");
            detail
        };
        said(app.get(&format!("/api/v1/offers/off_missing{q}")), 404);
        let route = said(app.get(&format!("/api/v1/nowhere{q}")), 404);
        assert!(route.contains("GET /api/v1/nowhere"), "{route}");
        let forbidden = said(state.post(&format!("/api/v1/requests/bulk{q}"), &bulk), 403);
        assert!(forbidden.starts_with("[1]") && forbidden.contains("HTI"), "{forbidden}");
        let twice = app.post(
            &format!("/api/v1/organizations{q}"),
            &json!({"kind": "cso", "name": "haki watch", "country": "KEN"}),
        );
        assert!(said(twice, 409).contains(org_id), "the pointer to the existing one stays");
        let again = app.post(&format!("/api/v1/requests/{consented}/consent{q}"), &json!({"status": "granted"}));
        let already = said(again, 409);
        assert!(!already.contains("granted"), "the status in words, not its code: {already}");
        let stale = app.patch(&format!("/api/v1/organizations/{org_id}{q}"), Some("\"v9\""), &json!({"name": "Haki"}));
        assert!(said(stale, 412).contains("\"v1\""), "the current version is named");
        let plain =
            app.send("POST", &format!("/api/v1/organizations{q}"), &[("Content-Type", "text/plain")], Some(b"x"));
        assert!(said(plain, 415).contains("text/plain"));
        let csv = "state,title,colour\nKEN,Help,red\n";
        let unknown = app.send(
            "POST",
            &format!("/api/v1/requests/bulk{q}"),
            &[("Content-Type", "text/csv")],
            Some(csv.as_bytes()),
        );
        let problem = unknown.problem(422);
        let about = message(&problem, "line 1");
        assert!(in_script(about, lang) && about.contains("'colour'"), "{lang}: {problem}");
    }
}

fn theme_descriptions_and_group_labels_speak_the_readers_language(app: TestApp) {
    let english = app.get("/api/v1/themes/torture").json();
    for lang in ["ar", "zh", "ru"] {
        let theme = app.get_with("/api/v1/themes/torture", &[("Accept-Language", lang)]);
        assert_eq!(theme.header("content-language"), Some(lang));
        let theme = theme.json();
        assert!(in_script(theme["description"].as_str().unwrap(), lang), "{theme}");
        assert_eq!((&theme["slug"], &theme["group"]), (&english["slug"], &english["group"]));
        let taxonomy = app.get(&format!("/api/v1/themes?lang={lang}")).json();
        let group = &taxonomy["groups"][0];
        assert!(
            in_script(group["label"].as_str().unwrap(), lang)
                && in_script(group["description"].as_str().unwrap(), lang)
        );
    }
}

fn match_reasons_speak_the_readers_language(app: TestApp) {
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let req = request(&app, &kenya, "KEN", json!(["torture", "justice"]), Some("granted"));
    offer(&app, "NOR", json!(["torture"]), json!("global"));
    let path = format!("/api/v1/requests/{req}/matches");
    let english = app.get(&path).json();
    let reasons = |body: &Value| -> Vec<String> {
        body["items"][0]["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_string()).collect()
    };
    assert!(reasons(&english)[0].starts_with("Shares 1 of 2"), "{english}");
    for lang in ["ar", "zh", "ru"] {
        let res = app.get(&format!("{path}?lang={lang}"));
        assert_eq!(res.header("content-language"), Some(lang));
        let body = res.json();
        let theirs = reasons(&body);
        assert_eq!(theirs.len(), reasons(&english).len(), "one reason per reason: {body}");
        assert!(theirs.iter().all(|r| in_script(r, lang)), "{lang}: {theirs:?}");
        let torture = body["items"][0]["theme_labels"]["torture"].as_str().unwrap().to_string();
        assert!(theirs[0].contains(&torture), "the shared theme by its {lang} label: {theirs:?}");
        assert_eq!(body["items"][0]["shared_themes"], english["items"][0]["shared_themes"]);
    }
}

fn themes_are_suggested_for_text_in_any_un_language(app: TestApp) {
    let texts = [
        ("ru", "Ратифицировать Факультативный протокол к Конвенции против пыток", "torture"),
        ("zh", "废除死刑，并在此之前暂停执行死刑", "death-penalty"),
        ("ar", "اعتماد قانون لمكافحة العنف الأسري", "womens-rights"),
        ("fr", "Adopter une loi érigeant la violence domestique en infraction pénale", "womens-rights"),
        ("es", "Abolir la pena de muerte", "death-penalty"),
    ];
    for (lang, text, theme) in texts {
        let body = app.post("/api/v1/themes/suggest", &json!({ "text": text })).json();
        assert_eq!(body["text_language"], lang, "{body}");
        let suggestions = body["suggestions"].as_array().unwrap();
        let found = suggestions.iter().find(|s| s["theme"] == theme && s["suggested"] == true);
        let found = found.unwrap_or_else(|| panic!("{lang}: no {theme} in {body}"));
        let words = found["words"].as_array().unwrap();
        assert!(words.iter().any(|w| text.contains(w.as_str().unwrap())), "the text's own words: {body}");
    }
    let localized = app.post("/api/v1/themes/suggest?lang=zh", &json!({ "text": texts[0].1 })).json();
    assert!(in_script(localized["suggestions"][0]["label"].as_str().unwrap(), "zh"), "{localized}");
    // A record tagged from its text keeps the language the text was read in.
    let created = app.create(
        "/api/v1/requests",
        &json!({ "state": "KEN", "title": texts[0].1, "description": "", "suggest_themes": true }),
    );
    let stored = app.get(&format!("/api/v1/requests/{}", created["id"].as_str().unwrap())).json();
    let suggested = stored["suggested_themes"].as_array().unwrap();
    assert!(suggested.iter().any(|s| s["theme"] == "torture"), "{stored}");
    assert!(suggested.iter().all(|s| s["text_language"] == "ru"), "{stored}");
}

backend_tests!(
    problems_speak_the_readers_language,
    every_kind_of_problem_speaks_the_readers_language,
    theme_descriptions_and_group_labels_speak_the_readers_language,
    match_reasons_speak_the_readers_language,
    themes_are_suggested_for_text_in_any_un_language,
);

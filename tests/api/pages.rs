//! The web pages: languages, the page shell, caching, and the same consent gate as the API.

use crate::backend_tests;
use crate::fixtures::{OfferBody, RequestBody};
use crate::helpers::{Resp, TestApp};
use serde_json::json;

/// A page, asserted to be an HTML page in `lang`.
pub fn page(app: &TestApp, path: &str) -> Resp {
    let res = app.anonymous().get(path);
    assert_eq!(res.status, 200, "GET {path}: {}", res.excerpt());
    assert_eq!(res.header("content-type"), Some("text/html; charset=utf-8"));
    let lang = path.split('/').nth(1).expect("a language");
    assert_eq!(res.header("content-language"), Some(lang));
    assert!(res.text.starts_with("<!DOCTYPE html>"), "{}", res.excerpt());
    assert!(res.text.contains(&format!("<html lang=\"{lang}\"")), "{}", res.excerpt());
    assert!(res.header("content-security-policy").is_some_and(|p| p.contains("frame-ancestors 'none'")));
    res
}

fn the_root_sends_each_browser_to_its_language(app: TestApp) {
    for (accepted, lang) in [("fr-CH, en;q=0.5", "fr"), ("de, ru;q=0.8, ar;q=0.9", "ar"), ("de", "en"), ("", "en")] {
        let res = app.anonymous().get_with("/", &[("Accept-Language", accepted)]);
        assert_eq!(res.status, 303, "{accepted}");
        assert_eq!(res.header("location"), Some(format!("/{lang}/").as_str()), "{accepted}");
        assert_eq!(res.header("vary"), Some("Accept-Language"));
    }
}

fn every_language_has_a_home_page_and_arabic_runs_right_to_left(app: TestApp) {
    for lang in ["ar", "en", "es", "fr", "ru", "zh"] {
        let res = page(&app, &format!("/{lang}/"));
        let dir = if lang == "ar" { "rtl" } else { "ltr" };
        assert!(res.text.contains(&format!("<html lang=\"{lang}\" dir=\"{dir}\">")), "{lang}");
        assert!(res.text.contains("href=\"#main\""), "a skip link");
        assert!(res.text.contains("<main id=\"main\""), "a main landmark");
        for other in ["ar", "en", "es", "fr", "ru", "zh"] {
            assert!(res.text.contains(&format!("href=\"/{other}/\" lang=\"{other}\"")), "{lang}: switch to {other}");
        }
    }
    assert!(page(&app, "/fr/").text.contains("Coopération technique"));
    assert!(page(&app, "/zh/").text.contains("技术合作"));
}

fn the_home_page_counts_only_consented_requests_and_is_cached_by_etag(app: TestApp) {
    let admin = app.admin();
    let org = app.create("/api/v1/organizations", &json!({"kind": "cso", "name": "Org A"}))["id"]
        .as_str()
        .unwrap()
        .to_string();
    OfferBody::for_matching(&org, json!(["torture"])).create(&admin);
    let before = page(&app, "/en/");
    RequestBody::for_matching("KEN", json!(["torture"])).create(&admin, None);
    let pending_only = page(&app, "/en/");
    assert_eq!(pending_only.text, before.text, "a request without consent changes nothing public");
    assert!(before.text.contains("No open requests yet."), "{}", before.excerpt());

    RequestBody::for_matching("KEN", json!(["torture"])).create(&admin, Some("granted"));
    let after = page(&app, "/en/");
    assert!(after.text.contains("1</span> <span>open request</span>"), "{}", after.text);
    assert!(after.text.contains("/en/requests?theme=torture\">Torture"), "the least covered theme is listed");
    let tag = after.etag();
    let again = app.anonymous().get_with("/en/", &[("If-None-Match", &tag)]);
    assert_eq!(again.status, 304);
    let css = app.anonymous().get("/static/site.css");
    assert_eq!((css.status, css.header("content-type")), (200, Some("text/css; charset=utf-8")));
}

fn unknown_pages_are_not_found_pages_in_their_language(app: TestApp) {
    let res = app.anonymous().get("/fr/nowhere");
    assert_eq!(res.status, 404);
    assert_eq!(res.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(res.text.contains("Page introuvable"), "{}", res.excerpt());
    app.anonymous().get("/de/").problem(404);
    app.anonymous().get("/api/v1/nowhere").problem(404);
}

fn request_and_offer_pages_show_only_what_the_api_shows_anonymous_callers(app: TestApp) {
    let admin = app.admin();
    let org = app.create("/api/v1/organizations", &json!({"kind": "nhri", "name": "Institut des droits"}))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let offer = OfferBody::for_matching(&org, json!(["torture"])).set("title", json!("NPM training")).create(&admin);
    let hidden =
        RequestBody::for_matching("KEN", json!(["torture"])).set("title", json!("Pending one")).create(&admin, None);
    let shown = RequestBody::for_matching("CIV", json!(["torture"]))
        .set("title", json!("Consented one"))
        .create(&admin, Some("granted"));

    let list = page(&app, "/fr/requests");
    assert!(list.text.contains("Consented one") && !list.text.contains("Pending one"), "{}", list.text);
    assert!(list.text.contains("1 demande"), "a count in French");
    assert!(list.text.contains("Côte"), "State names in French");
    assert_eq!(app.anonymous().get(&format!("/en/requests/{hidden}")).status, 404, "as in the API");
    assert_eq!(app.anonymous().get(&format!("/api/v1/requests/{hidden}")).status, 404);

    let detail = page(&app, &format!("/en/requests/{shown}"));
    assert!(detail.text.contains("NPM training") && detail.text.contains("Institut des droits"), "{}", detail.text);
    assert!(detail.text.contains(&format!("href=\"/en/offers/{offer}\"")));
    let offer_page = page(&app, &format!("/ar/offers/{offer}"));
    assert!(offer_page.text.contains("Consented one") && !offer_page.text.contains("Pending one"));
    assert!(offer_page.text.contains(&format!("href=\"/ar/requests/{shown}\"")));

    let draft = OfferBody::for_matching(&org, json!(["torture"]))
        .set("title", json!("Draft offer"))
        .set("status", json!("draft"))
        .create(&admin);
    assert!(!page(&app, "/en/offers").text.contains("Draft offer"), "a draft offer is not public");
    assert_eq!(app.anonymous().get(&format!("/en/offers/{draft}")).status, 404);
    assert!(!page(&app, &format!("/en/requests/{shown}")).text.contains("Draft offer"), "nor matched");
    assert!(!app.anonymous().get("/en/offers.csv").text.contains("Draft offer"), "nor downloaded");
    assert!(!app.anonymous().get("/en/requests.csv").text.contains("Pending one"));
    let filtered = page(&app, "/en/requests?theme=womens-rights&state=&q=");
    assert!(!filtered.text.contains("Consented one") && filtered.text.contains("0 requests"));
    assert!(filtered.text.contains("<option value=\"womens-rights\" selected>"), "the form keeps the filter");
    let offers = page(&app, "/en/offers?theme=torture");
    assert!(offers.text.contains("NPM training") && offers.text.contains("1 offer"));

    let bad = app.anonymous().get("/es/requests?status=lost");
    assert_eq!(bad.status, 400);
    assert_eq!(bad.header("content-type"), Some("text/html; charset=utf-8"));
}

fn list_pages_walk_every_page_with_their_filters(app: TestApp) {
    let admin = app.admin();
    for i in 0..3 {
        RequestBody::for_matching("KEN", json!(["torture"]))
            .set("title", json!(format!("Request {i}")))
            .create(&admin, Some("granted"));
    }
    let first = page(&app, "/en/requests?theme=torture&limit=2");
    assert!(first.text.contains("3 requests") && first.text.contains("Request 0") && !first.text.contains("Request 2"));
    let next =
        first.text.split("rel=\"next\"").next().unwrap().rsplit("href=\"").next().unwrap().split('"').next().unwrap();
    assert!(next.starts_with("/en/requests?theme=torture&amp;limit=2&amp;cursor="), "{next}");
    assert!(first.text.contains("href=\"/en/requests.csv?theme=torture\""), "the download has every page");
    let csv = app.anonymous().get("/en/requests.csv?theme=torture");
    assert_eq!((csv.status, csv.header("content-type")), (200, Some("text/csv; charset=utf-8")));
    assert!(csv.text.starts_with("\u{feff}id,state,title,"));
    assert_eq!(csv.text.lines().count(), 4, "the header and all three requests: {}", csv.text);
    assert!(csv
        .text
        .contains(",KEN,Request 2,,,torture,legal_drafting,en,2030-01-01,2030-12-31,10000,,medium,open,granted,"));
    let offers = app.anonymous().get("/fr/offers.csv");
    assert!(offers.text.starts_with("\u{feff}id,provider,provider_kind,") && offers.text.lines().count() == 1);
    let second = page(&app, &next.replace("&amp;", "&"));
    assert!(second.text.contains("Request 2") && !second.text.contains("rel=\"next\""));
    assert!(second.text.contains("href=\"/en/requests?theme=torture&amp;limit=2\""), "a link back to the first page");
}

fn the_themes_page_charts_supply_against_demand_and_downloads_it(app: TestApp) {
    let admin = app.admin();
    OfferBody::for_matching("NOR", json!(["torture"])).serving(json!(["150"])).create(&admin);
    RequestBody::for_matching("KEN", json!(["torture"])).create(&admin, Some("granted"));
    RequestBody::for_matching("PER", json!(["torture"])).create(&admin, None);

    let en = page(&app, "/en/themes");
    assert!(en.text.contains("<svg") && en.text.contains("role=\"img\""), "a chart");
    assert!(en.text.contains("Open requests from each region"), "and requests and offers by region");
    assert!(en.text.contains("1 open requests from 1 States"), "the pending request is not counted: {}", en.text);

    let csv = app.anonymous().get("/fr/themes.csv");
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(csv
        .header("content-disposition")
        .is_some_and(|d| d.starts_with("attachment; filename=\"tcmatch-themes-world-fr-")));
    assert!(csv.text.starts_with("\u{feff}theme,label,group,requests,states,offers,providers,offers_per_request\n"));
    let torture = csv.text.lines().find(|l| l.starts_with("torture,")).expect("a torture row");
    assert!(torture.ends_with(",1,1,1,1,1"), "{torture}");
    assert!(torture.contains("torture"), "{torture}");

    let africa = app.anonymous().get("/en/themes.csv?region=african");
    let torture = africa.text.lines().find(|l| l.starts_with("torture,")).expect("a torture row");
    assert!(torture.ends_with(",1,1,0,0,0"), "the offer serves Europe only: {torture}");
    assert_eq!(app.anonymous().get("/en/themes?group=nope").status, 400);
}

fn the_recommendations_explorer_counts_who_recommended_what(app: TestApp) {
    for (to, from, response, text) in [
        ("KEN", "NOR", "supported", "Ratify the Optional Protocol to the Convention against Torture"),
        ("KEN", "DNK", "noted", "Abolish the death penalty"),
        ("UGA", "NOR", "supported", "Adopt a law on domestic violence"),
    ] {
        app.create(
            "/api/v1/recommendations",
            &json!({"state_under_review": to, "recommending_state": from, "session": 35, "text": text, "response": response}),
        );
    }
    let kenya = page(&app, "/en/recommendations?state_under_review=KEN");
    assert!(kenya.text.contains("2 recommendations: 1 supported, 1 noted."), "{}", kenya.excerpt());
    assert!(kenya.text.contains("/en/recommendations?recommending_state=NOR\">Norway</a>"));
    assert!(kenya.text.contains("Abolish the death penalty") && !kenya.text.contains("domestic violence"));
    assert!(kenya.text.contains("role=\"img\""), "a chart");
    let french = page(&app, "/fr/recommendations?recommending_state=NOR&group_by=response");
    assert!(french.text.contains("Soutenue") && french.text.contains("2 recommandations"), "{}", french.excerpt());

    let csv = app.anonymous().get("/es/recommendations/summary.csv?state_under_review=KEN");
    assert_eq!(csv.status, 200);
    assert!(csv.text.starts_with("\u{feff}key,label,count,supported,noted\n"), "{}", csv.text);
    assert!(csv.text.contains("NOR,Noruega,1,1,0") && csv.text.contains("DNK,Dinamarca,1,0,1"), "{}", csv.text);
    assert_eq!(app.anonymous().get("/en/recommendations?group_by=colour").status, 400);
    let list = app.anonymous().get("/en/recommendations.csv?state_under_review=KEN&group_by=theme");
    assert!(list.text.starts_with("\u{feff}id,state_under_review,recommending_state,cycle,session,text,"));
    assert_eq!(list.text.lines().count(), 3, "{}", list.text);
    assert!(list.text.contains(",KEN,DNK,") && list.text.contains("Abolish the death penalty,noted,"));
}

fn the_record_of_cooperation_counts_only_published_requests(app: TestApp) {
    let admin = app.admin();
    let offer = OfferBody::for_matching("NOR", json!(["torture"])).create(&admin);
    let shown = RequestBody::for_matching("KEN", json!(["torture"])).create(&admin, Some("granted"));
    let hidden = RequestBody::for_matching("PER", json!(["torture"])).create(&admin, Some("granted"));
    for request in [&shown, &hidden] {
        admin.create("/api/v1/engagements", &json!({"request_id": request, "offer_id": offer, "side": "request"}));
    }
    admin.create(&format!("/api/v1/requests/{hidden}/consent"), &json!({"status": "withdrawn"}));
    let record = page(&app, "/en/cooperation");
    assert!(
        record.text.contains("1 engagement in all."),
        "the withdrawn request's engagement is not counted: {}",
        record.excerpt()
    );
    assert!(
        record.text.contains("<th scope=\"row\">Africa</th>")
            && !record.text.contains("<th scope=\"row\">Americas</th>")
    );
    let csv = app.anonymous().get("/fr/cooperation.csv");
    assert!(csv.text.contains("region,002,Afrique,interest,1") && csv.text.contains("theme,torture,"), "{}", csv.text);
}

backend_tests!(
    the_record_of_cooperation_counts_only_published_requests,
    the_recommendations_explorer_counts_who_recommended_what,
    the_themes_page_charts_supply_against_demand_and_downloads_it,
    request_and_offer_pages_show_only_what_the_api_shows_anonymous_callers,
    list_pages_walk_every_page_with_their_filters,
    the_root_sends_each_browser_to_its_language,
    every_language_has_a_home_page_and_arabic_runs_right_to_left,
    the_home_page_counts_only_consented_requests_and_is_cached_by_etag,
    unknown_pages_are_not_found_pages_in_their_language,
);

/// Pages share their reader's address's allowance with anonymous API calls: a public page is
/// no cheaper way around the limit.
#[test]
fn pages_count_against_the_address_allowance() {
    let app = TestApp::spawn_with(crate::helpers::Backend::Sqlite, |s| {
        s.rate_limit_per_minute = 60;
        s.rate_limit_burst = 3;
    });
    let statuses: Vec<u16> = (0..3).map(|_| app.anonymous().get("/en/").status).collect();
    assert_eq!(statuses, [200, 200, 200]);
    let limited = app.anonymous().get("/fr/requests");
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(limited.header("retry-after").is_some());
    assert!(limited.text.contains("lang=\"fr\"") && limited.text.contains("Trop de demandes"));
    assert_eq!(app.anonymous().get("/api/v1/themes").status, 429, "the same allowance");
}

//! Signed in on the web pages: a session for an API key (the cookie never holds the key),
//! forms that carry the session's token, and the same rules as the API.

use serde_json::json;

use crate::backend_tests;
use crate::fixtures::RequestBody;
use crate::helpers::{Resp, TestApp};

const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");

/// A browser: its session cookie, once it has one.
struct Browser<'a> {
    app: &'a TestApp,
    cookie: Option<String>,
}

impl<'a> Browser<'a> {
    fn new(app: &'a TestApp) -> Browser<'a> {
        Browser { app, cookie: None }
    }

    fn headers(&self) -> Vec<(&str, &str)> {
        self.cookie.as_deref().map(|c| vec![("Cookie", c)]).unwrap_or_default()
    }

    fn get(&self, path: &str) -> Resp {
        self.app.anonymous().get_with(path, &self.headers())
    }

    fn post(&self, path: &str, form: &str, extra: &[(&str, &str)]) -> Resp {
        let mut headers = self.headers();
        headers.push(FORM);
        headers.extend_from_slice(extra);
        self.app.anonymous().send("POST", path, &headers, Some(form.as_bytes()))
    }

    fn sign_in(&mut self, key: &str) -> Resp {
        let res = self.post("/en/sign-in", &format!("key={key}"), &[]);
        if let Some(set) = res.header("set-cookie") {
            self.cookie = Some(set.split(';').next().unwrap().to_string());
        }
        res
    }

    /// The form token of the page at `path`.
    fn csrf(&self, path: &str) -> String {
        let page = self.get(path);
        let at = page.text.find("name=\"csrf\" value=\"").expect("a form token") + 19;
        page.text[at..at + 64].to_string()
    }
}

fn a_state_signs_in_records_consent_and_signs_out(app: TestApp) {
    let key = app.key(json!({"role": "state", "state": "KEN", "label": "Kenya focal point"}));
    let id = RequestBody::for_matching("KEN", json!(["torture"]))
        .set("title", json!("Our pending request"))
        .create(&app.admin(), None);
    let mut browser = Browser::new(&app);

    let wrong = browser.sign_in("tcm_not_a_key");
    assert_eq!(wrong.status, 401);
    assert!(
        wrong.text.contains("This key is not valid") && wrong.text.contains("aria-invalid=\"true\""),
        "{}",
        wrong.text
    );
    assert!(browser.cookie.is_none());
    assert_eq!(browser.get("/en/my").status, 303, "to sign in first");

    let signed = browser.sign_in(&key);
    assert_eq!((signed.status, signed.header("location")), (303, Some("/en/my")));
    let set = signed.header("set-cookie").expect("a cookie");
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/"), "{set}");
    assert!(!set.contains(&key), "the cookie never holds the key");

    let mine = browser.get("/en/my");
    assert_eq!(mine.status, 200);
    assert!(
        mine.text.contains("Signed in as <bdi>Kenya focal point</bdi>") && mine.text.contains("Our pending request")
    );
    assert_eq!(mine.header("cache-control"), Some("private, no-cache"));
    assert!(browser.get("/en/requests").text.contains("Our pending request"), "its own State's, as in the API");
    assert!(!app.anonymous().get("/en/requests").text.contains("Our pending request"));

    let consent = format!("/en/my/requests/{id}/consent");
    let token = browser.csrf("/en/my");
    assert_eq!(
        browser.post(&consent, "status=granted&csrf=nope", &[]).status,
        403,
        "a form without the session's token"
    );
    let elsewhere =
        browser.post(&consent, &format!("status=granted&csrf={token}"), &[("Origin", "https://evil.example")]);
    assert_eq!(elsewhere.status, 403, "a form posted from another site");
    let done = browser.post(&consent, &format!("status=granted&note=publish&csrf={token}"), &[]);
    assert_eq!(done.status, 303, "{}", done.excerpt());
    assert!(app.anonymous().get("/en/requests").text.contains("Our pending request"), "now public");
    let history = app.get(&format!("/api/v1/requests/{id}/consent")).json();
    assert_eq!(history["history"][0]["note"], "publish");

    let again = browser.post(&consent, &format!("status=granted&csrf={token}"), &[]);
    assert_eq!(again.status, 409);
    assert!(again.text.contains("already has this consent") && again.text.contains("role=\"alert\""));

    let out = browser.post("/en/sign-out", &format!("csrf={token}"), &[]);
    assert_eq!((out.status, out.header("location")), (303, Some("/en/")));
    assert!(out.header("set-cookie").is_some_and(|c| c.contains("Max-Age=0") || c.contains("Expires")));
    assert_eq!(browser.get("/en/my").status, 303, "the session ended on the server");
}

/// A decision on the second page of a State's requests: refused, the page shown again is that
/// second page, with the problem beside the request and what was entered still there; taken,
/// the reader is sent back to that page.
fn a_consent_decision_stays_on_its_page(app: TestApp) {
    let key = app.key(json!({"role": "state", "state": "KEN"}));
    let ids: Vec<String> = (0..51)
        .map(|i| {
            RequestBody::for_matching("KEN", json!(["torture"]))
                .set("title", json!(format!("Request number {i}")))
                .create(&app.admin(), None)
        })
        .collect();
    let mut browser = Browser::new(&app);
    browser.sign_in(&key);
    let first = browser.get("/en/my");
    assert!(!first.text.contains("Request number 50"), "fifty a page");
    let cursor = first.text.split("cursor=").nth(1).expect("a next page").split(['"', '&']).next().unwrap().to_string();
    let second = format!("/en/my?cursor={cursor}");
    let token = browser.csrf(&second);
    let consent = format!("/en/my/requests/{}/consent", ids[50]);
    let refused = browser.post(&consent, &format!("status=&note=keep+this&cursor={cursor}&csrf={token}"), &[]);
    assert_eq!(refused.status, 422);
    let here = refused.text.split(&format!("id=\"r-{}\"", ids[50])).nth(1).expect("the request, on its page");
    assert!(here.contains("role=\"alert\"") && here.contains("value=\"keep this\""), "{here}");
    let taken = browser.post(&consent, &format!("status=granted&cursor={cursor}&csrf={token}"), &[]);
    assert_eq!(taken.header("location"), Some(format!("{second}#r-{}", ids[50]).as_str()));
}

/// Every engagement of a party can be reached from its page, fifty at a time.
fn engagements_are_paged(app: TestApp) {
    let norway = app.key(json!({"role": "provider", "state": "NOR"}));
    let offer = crate::fixtures::OfferBody::for_matching("NOR", json!(["torture"])).create(&app.admin());
    let provider = app.with_key(Some(&norway));
    let mut last = String::new();
    for i in 0..51 {
        let request = RequestBody::for_matching("KEN", json!(["torture"]))
            .set("title", json!(format!("Need {i}")))
            .create(&app.admin(), Some("granted"));
        let engagement = provider.create("/api/v1/engagements", &json!({"request_id": request, "offer_id": offer}));
        last = engagement["id"].as_str().unwrap().to_string();
    }
    let mut browser = Browser::new(&app);
    browser.sign_in(&norway);
    let first = browser.get("/en/my");
    assert!(first.text.contains("51 engagements") && !first.text.contains(&format!("e-{last}")), "{}", first.excerpt());
    let next = first.text.split("engagements=").nth(1).expect("a next page").split(['"', '&']).next().unwrap();
    let second = browser.get(&format!("/en/my?engagements={next}"));
    assert!(second.text.contains(&format!("id=\"e-{last}\"")), "{}", second.excerpt());
}

fn another_state_and_a_revoked_key_get_nothing(app: TestApp) {
    let uganda = app.key(json!({"role": "state", "state": "UGA", "label": "Uganda"}));
    let id = RequestBody::for_matching("KEN", json!(["torture"])).create(&app.admin(), None);
    let mut browser = Browser::new(&app);
    browser.sign_in(&uganda);
    let token = browser.csrf("/en/my");
    let consent = browser.post(&format!("/en/my/requests/{id}/consent"), &format!("status=granted&csrf={token}"), &[]);
    assert_eq!(consent.status, 404, "another State's pending request is not there to decide on");
    assert_eq!(app.get(&format!("/api/v1/requests/{id}")).json()["consent"]["status"], "pending");

    let key_id = app.get("/api/v1/keys").json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["label"] == "Uganda")
        .expect("the key")["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(app.admin().send("DELETE", &format!("/api/v1/keys/{key_id}"), &[], None).status, 200);
    assert_eq!(browser.get("/en/my").status, 303, "a revoked key ends its sessions");
}

fn a_state_files_a_request_from_its_recommendations_with_suggested_themes(app: TestApp) {
    let rec = app.create(
        "/api/v1/recommendations",
        &json!({"state_under_review": "KEN", "recommending_state": "NOR", "session": 35,
                "text": "Adopt a law criminalising domestic violence", "response": "supported"}),
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    let key = app.key(json!({"role": "state", "state": "KEN", "label": "Kenya"}));
    let mut browser = Browser::new(&app);
    browser.sign_in(&key);
    let form = browser.get("/en/my/requests/new");
    assert_eq!(form.status, 200);
    assert!(form.text.contains(&format!("value=\"{rec}\"")) && form.text.contains("Adopt a law criminalising"));
    let token = browser.csrf("/en/my/requests/new");

    let title = "Criminalise+domestic+violence+and+marital+rape";
    let suggest = browser.post(
        "/en/my/requests/new",
        &format!(
            "csrf={token}&action=suggest&title={title}&description=Shelters+for+survivors&recommendation_ids={rec}"
        ),
        &[],
    );
    assert_eq!(suggest.status, 200, "{}", suggest.excerpt());
    assert!(
        suggest.text.contains("value=\"womens-rights\" id=\"theme-womens-rights\" checked"),
        "suggested and ticked"
    );
    assert!(
        suggest.text.contains("Shelters for survivors")
            && suggest.text.contains(&format!("value=\"{rec}\" id=\"rec-{rec}\" checked"))
    );

    let search = browser.post(
        "/en/my/requests/new",
        &format!("csrf={token}&action=search&q=criminalising&title={title}&recommendation_ids={rec}"),
        &[],
    );
    assert_eq!(search.status, 200, "{}", search.excerpt());
    assert!(
        search.text.contains("value=\"Criminalise domestic violence and marital rape\"")
            && search.text.contains("value=\"criminalising\"")
            && search.text.contains(&format!("value=\"{rec}\" id=\"rec-{rec}\" checked")),
        "a search keeps what was typed and ticked: {}",
        search.text
    );

    let bad = browser.post(
        "/en/my/requests/new",
        &format!("csrf={token}&action=save&title=&description=Kept+as+typed&starts_on=31%2F12%2F2027&budget_min_usd=20%2C000"),
        &[],
    );
    assert_eq!(bad.status, 422);
    assert!(bad.text.contains("Use the date format YYYY-MM-DD.") && bad.text.contains("A whole number of US dollars"));
    assert!(bad.text.contains("Kept as typed") && bad.text.contains("value=\"31/12/2027\""), "what was typed is kept");
    assert!(bad
        .text
        .contains("id=\"starts_on\" type=\"date\" name=\"starts_on\" value=\"31/12/2027\" aria-invalid=\"true\""));
    let untitled = browser.post("/en/my/requests/new", &format!("csrf={token}&action=save&title=&themes=torture"), &[]);
    assert_eq!(untitled.status, 422);
    assert!(untitled.text.contains("id=\"title-problem\""), "the service's problem beside its field");
    let sans_titre =
        browser.post("/fr/my/requests/new", &format!("csrf={token}&action=save&title=&themes=torture"), &[]);
    assert!(sans_titre.text.contains("ne doit pas être vide"), "the service's words in the page's language");

    let saved = browser.post(
        "/en/my/requests/new",
        &format!(
            "csrf={token}&action=save&title={title}&themes=womens-rights&recommendation_ids={rec}&modalities=legal_drafting\
             &languages=en%2C+sw&starts_on=2027-01-01&ends_on=2027-12-31&budget_min_usd=20000&priority=high&status=open"
        ),
        &[],
    );
    assert_eq!(saved.status, 303, "{}", saved.excerpt());
    let id = saved.header("location").unwrap().split("#r-").nth(1).expect("the request's anchor").to_string();
    let stored = app.get(&format!("/api/v1/requests/{id}")).json();
    assert_eq!(stored["recommendation_ids"], json!([rec]));
    assert_eq!(stored["languages"], json!(["en", "sw"]));
    assert_eq!((stored["consent"]["status"].as_str(), stored["priority"].as_str()), (Some("pending"), Some("high")));

    let provider = app.key(json!({"role": "provider", "state": "NOR"}));
    let mut donor = Browser::new(&app);
    donor.sign_in(&provider);
    assert_eq!(donor.get("/en/my/requests/new").status, 403, "only a State files requests");
}

fn a_provider_expresses_interest_and_the_state_agrees(app: TestApp) {
    let org = app.create("/api/v1/organizations", &json!({"kind": "nhri", "name": "Institut"}))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let offer = crate::fixtures::OfferBody::for_matching(&org, json!(["torture"])).create(&app.admin());
    let request = RequestBody::for_matching("KEN", json!(["torture"])).create(&app.admin(), Some("granted"));
    let (provider_key, state_key) = (
        app.key(json!({"role": "provider", "organization_id": org, "label": "Institut desk"})),
        app.key(json!({"role": "state", "state": "KEN", "label": "Kenya"})),
    );
    assert!(!app.anonymous().get(&format!("/en/requests/{request}")).text.contains("Express interest"));

    let mut provider = Browser::new(&app);
    provider.sign_in(&provider_key);
    let page = provider.get(&format!("/en/requests/{request}"));
    assert!(page.text.contains("Express interest"), "the provider is a side of this match");
    let token = provider.csrf(&format!("/en/requests/{request}"));
    let interest = format!("csrf={token}&request_id={request}&offer_id={offer}");
    let done = provider.post("/en/my/engagements", &interest, &[]);
    assert_eq!(done.status, 303, "{}", done.excerpt());
    let engagement = done.header("location").unwrap().split("#e-").nth(1).unwrap().to_string();
    let twice = provider.post("/en/my/engagements", &interest, &[]);
    assert_eq!(twice.status, 409);
    assert!(twice.text.contains("Not possible now"), "{}", twice.excerpt());
    assert!(twice.text.contains("an engagement on this pair is already under way"), "and why: {}", twice.text);
    let mine = provider.get("/en/my");
    assert!(
        mine.text.contains("you expressed interest first") && !mine.text.contains("value=\"agreed\""),
        "nobody agrees with themselves"
    );

    let mut state = Browser::new(&app);
    state.sign_in(&state_key);
    let theirs = state.get("/en/my");
    assert!(
        theirs.text.contains("the other side expressed interest first") && theirs.text.contains("value=\"agreed\"")
    );
    let token = state.csrf("/en/my");
    let agreed = state.post(&format!("/en/my/engagements/{engagement}"), &format!("csrf={token}&to=agreed"), &[]);
    assert_eq!(agreed.status, 303, "{}", agreed.excerpt());
    assert_eq!(app.get(&format!("/api/v1/engagements/{engagement}")).json()["status"], "agreed");

    // Its own request still waiting for consent: the State sees the match, but no button that
    // would be refused.
    let another = crate::fixtures::OfferBody::for_matching(&org, json!(["torture"])).create(&app.admin());
    let pending = RequestBody::for_matching("KEN", json!(["torture"])).create(&app.admin(), None);
    let page = state.get(&format!("/en/requests/{pending}"));
    assert!(page.text.contains(&another) && !page.text.contains("Express interest"), "{}", page.excerpt());
}

/// A multipart form with the session's token and a file, as a browser sends it, to `path`.
fn upload_to(browser: &Browser<'_>, path: &str, token: &str, csv: &str) -> Resp {
    let body = format!(
        "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n\
         --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"offers.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n--XyZ--\r\n"
    );
    let mut headers = browser.headers();
    headers.push(("Content-Type", "multipart/form-data; boundary=XyZ"));
    browser.app.anonymous().send("POST", path, &headers, Some(body.as_bytes()))
}

fn upload(browser: &Browser<'_>, token: &str, csv: &str) -> Resp {
    upload_to(browser, "/en/my/offers/upload", token, csv)
}

fn a_provider_uploads_offers_and_sees_each_problem_on_its_line(app: TestApp) {
    let key = app.key(json!({"role": "provider", "state": "NOR", "label": "Norway desk"}));
    let mut browser = Browser::new(&app);
    browser.sign_in(&key);
    let template = browser.get("/en/my/offers/template.csv");
    assert!(template.text.starts_with("\u{feff}provider,title,") && template.text.contains("\nNOR,Training"));
    let token = browser.csrf("/en/my/offers/upload");

    let bad = "provider,title,themes,capacity\nNOR,Good offer,torture,2\nNOR,Bad offer,not-a-theme-at-all,2\nNOR,,torture,1\n";
    let res = upload(&browser, &token, bad);
    assert_eq!(res.status, 422, "{}", res.excerpt());
    assert!(res.text.contains("Nothing was published"), "{}", res.text);
    assert!(
        res.text.contains("<td class=\"num\">3</td><td><code>themes[0]</code></td>"),
        "the problem on its line: {}",
        res.text
    );
    assert!(res.text.contains("<td class=\"num\">4</td>"), "every problem at once");
    assert_eq!(app.get("/api/v1/offers").json()["total"], 0, "all or nothing");
    let untyped = upload(&browser, &token, "provider,title,capacity\nNOR,Offer,x\n");
    assert!(
        untyped.text.contains(
            "<td class=\"num\">2</td><td><code>capacity</code></td><td dir=\"auto\">'x' is not a whole number"
        ),
        "{}",
        untyped.text
    );

    let good = "provider,title,themes,capacity,global\nNOR,First offer,torture,2,yes\nNOR,Second offer,detention;torture,1,yes\n";
    let res = upload(&browser, &token, good);
    assert_eq!(res.status, 201, "{}", res.excerpt());
    assert!(res.text.contains("2 offers were published") && res.text.contains("Second offer"));
    assert_eq!(app.get("/api/v1/offers").json()["total"], 2);
    assert_eq!(upload(&browser, "wrong-token", good).status, 403);

    let first = app.get("/api/v1/offers").json()["items"][0]["id"].as_str().unwrap().to_string();
    let status = format!("/en/my/offers/{first}/status");
    let closed = browser.post(&status, &format!("csrf={token}&version=1&status-{first}=closed"), &[]);
    assert_eq!(closed.status, 303, "{}", closed.excerpt());
    assert_eq!(app.get(&format!("/api/v1/offers/{first}")).json()["status"], "closed");
    let stale = browser.post(&status, &format!("csrf={token}&version=1&status-{first}=open"), &[]);
    assert_eq!(stale.status, 409, "a change made meanwhile is not overwritten");
    let other = crate::fixtures::OfferBody::by("DNK").create(&app.admin());
    let theirs = browser.post(
        &format!("/en/my/offers/{other}/status"),
        &format!("csrf={token}&version=1&status-{other}=closed"),
        &[],
    );
    assert!(theirs.status == 403 || theirs.status == 404, "not its offer: {}", theirs.status);
    assert_eq!(app.get(&format!("/api/v1/offers/{other}")).json()["status"], "open");
}

fn an_administrator_issues_and_revokes_keys_reads_the_audit_trail_and_imports(app: TestApp) {
    let mut admin = Browser::new(&app);
    admin.sign_in(&app.admin_key);
    let token = admin.csrf("/en/admin/keys");
    let missing = admin.post("/en/admin/keys", &format!("csrf={token}&role=&label=x"), &[]);
    assert_eq!(missing.status, 422);
    assert!(missing.text.contains("Choose the key"));
    let no_state = admin.post("/en/admin/keys", &format!("csrf={token}&role=state&state=&label=Minist%C3%A8re"), &[]);
    assert_eq!(no_state.status, 422);
    assert!(
        no_state.text.contains("value=\"Ministère\"") && no_state.text.contains("value=\"state\" selected"),
        "the form as it was filled in: {}",
        no_state.text
    );
    let issued = admin.post("/en/admin/keys", &format!("csrf={token}&role=state&state=KEN&label=Kenya+desk"), &[]);
    assert_eq!(issued.status, 201, "{}", issued.excerpt());
    assert_eq!(issued.header("cache-control"), Some("no-store"));
    let marker = "id=\"secret\">";
    let at = issued.text.find(marker).expect("the secret, shown once") + marker.len();
    let secret = issued.text[at..].split('<').next().unwrap().to_string();
    assert!(secret.starts_with("tcm_"), "{secret}");
    assert_eq!(app.with_key(Some(&secret)).get("/api/v1/requests").status, 200, "the key works");
    let list = admin.get("/en/admin/keys");
    assert!(list.text.contains("Kenya desk") && !list.text.contains(&secret), "secrets are never listed again");
    let key_id = app.get("/api/v1/keys").json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["label"] == "Kenya desk")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(admin.post(&format!("/en/admin/keys/{key_id}/revoke"), &format!("csrf={token}"), &[]).status, 303);
    assert_eq!(app.with_key(Some(&secret)).get("/api/v1/requests").status, 401, "revoked at once");

    let audit = admin.get("/en/admin/audit?resource=key");
    assert_eq!(audit.status, 200);
    assert!(audit.text.contains("Revoked") && audit.text.contains("Created") && audit.text.contains(&key_id));

    let csv = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n\
               Kenya,Africa,AU,Ratify OPCAT.,Norway,WEOG,,Accepted,5,Justice,10\n";
    let imported = upload_to(&admin, "/en/admin/import", &token, csv);
    assert_eq!(imported.status, 200, "the page streams while the import runs: {}", imported.excerpt());
    assert_eq!(imported.header("cache-control"), Some("no-store"));
    assert!(
        imported.text.contains("One recommendation was imported.") && imported.text.ends_with("</html>"),
        "{}",
        imported.text
    );
    assert_eq!(app.get("/api/v1/recommendations").json()["total"], 1);
    let broken = upload_to(&admin, "/en/admin/import", &token, "To,Text\nKenya,x\n");
    assert!(broken.text.contains("Nothing was imported") && broken.text.contains("missing column"), "{}", broken.text);
    assert_eq!(app.get("/api/v1/recommendations").json()["total"], 1, "all or nothing");

    let state = app.key(json!({"role": "state", "state": "UGA", "label": "Uganda"}));
    let mut uganda = Browser::new(&app);
    uganda.sign_in(&state);
    assert_eq!(uganda.get("/en/admin/keys").status, 403);
    assert_eq!(uganda.get("/en/admin/import").status, 403);
    let own = uganda.get("/en/admin/audit");
    assert_eq!(own.status, 200, "a State reads its own requests' trail");
    assert!(!own.text.contains(&key_id), "and nothing else");
}

backend_tests!(
    a_consent_decision_stays_on_its_page,
    engagements_are_paged,
    an_administrator_issues_and_revokes_keys_reads_the_audit_trail_and_imports,
    a_provider_uploads_offers_and_sees_each_problem_on_its_line,
    a_provider_expresses_interest_and_the_state_agrees,
    a_state_signs_in_records_consent_and_signs_out,
    another_state_and_a_revoked_key_get_nothing,
    a_state_files_a_request_from_its_recommendations_with_suggested_themes,
);

//! CSV and XLSX downloads of the API's lists (`?format=csv`, `Accept: text/csv`, `?format=xlsx`):
//! every item the filters select, streamed, through the same consent gate as the JSON pages.

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
    assert_eq!(res.header("cache-control"), Some("private, no-cache"), "no shared cache keeps a download");
    let body = res.text.strip_prefix('\u{feff}').expect("a byte order mark first");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader.records().map(|r| r.expect("a row as long as the header").iter().map(String::from).collect());
    (header, rows.collect())
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A cell of an XLSX sheet: text, or a number (written as one).
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Number(f64),
}

/// An XLSX answer's header and rows (empty cells as empty text), checked to be a workbook
/// download whose sheet's first row is its header.
fn xlsx_of(res: &Resp) -> (Vec<String>, Vec<Vec<Cell>>) {
    assert_eq!(res.status, 200, "{}", res.excerpt());
    assert_eq!(res.header("content-type"), Some(XLSX));
    assert!(res.header("content-disposition").unwrap().ends_with(".xlsx\""));
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(&res.bytes)).expect("a zip archive");
    for part in ["[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml"] {
        assert!(book.by_name(part).is_ok(), "a workbook has {part}");
    }
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut book.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut xml).unwrap();
    let mut rows: Vec<Vec<Cell>> = xml.split("<row ").skip(1).map(cells_of).collect();
    let header = rows.remove(0).into_iter().map(|c| match c {
        Cell::Text(t) => t,
        Cell::Number(n) => panic!("a number in the header: {n}"),
    });
    let header: Vec<String> = header.collect();
    for row in &mut rows {
        assert!(row.len() <= header.len(), "a row longer than the header");
        row.resize(header.len(), Cell::Text(String::new()));
    }
    (header, rows)
}

/// The cells of one `<row>` of a sheet's XML, placed by their references (`C7`).
fn cells_of(row: &str) -> Vec<Cell> {
    let row = &row[..row.find("</row>").unwrap_or(row.len())];
    let mut cells = Vec::new();
    for cell in row.split("<c r=\"").skip(1) {
        let column = cell.bytes().take_while(u8::is_ascii_uppercase).fold(0, |n, b| n * 26 + (b - b'A' + 1) as usize);
        let between = |open: &str, close: &str| {
            let start = cell.find(open)? + open.len();
            let start = start + cell[start..].find('>')? + 1;
            Some(unescape(&cell[start..start + cell[start..].find(close)?]))
        };
        let value = match (between("<t", "</t>"), between("<v", "</v>")) {
            (Some(text), _) => Cell::Text(text),
            (None, Some(number)) => Cell::Number(number.parse().expect("a number")),
            (None, None) => Cell::Text(String::new()),
        };
        cells.resize(column - 1, Cell::Text(String::new()));
        cells.push(value);
    }
    cells
}

fn unescape(xml: &str) -> String {
    xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The values of column `name` of an XLSX sheet.
fn sheet_column(sheet: &(Vec<String>, Vec<Vec<Cell>>), name: &str) -> Vec<Cell> {
    let at = sheet.0.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}: {:?}", sheet.0));
    sheet.1.iter().map(|row| row[at].clone()).collect()
}

fn text(value: &str) -> Cell {
    Cell::Text(value.to_string())
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

fn spreadsheets_download_what_the_caller_may_see(app: TestApp) {
    let kenya = app.key(json!({"role": "state", "state": "KEN"}));
    let shared = request(&app, &kenya, "KEN", json!(["torture"]), Some("granted"));
    let pending = request(&app, &kenya, "KEN", json!(["torture"]), None);
    let published = OfferBody::by("NOR")
        .set("themes", json!(["torture"]))
        .set("title", json!("Training <for> \"prison\" staff & =SUM(A1)"))
        .set("capacity", json!(3))
        .set("budget_usd", json!(25000))
        .create(&app.admin());
    let unpublished = OfferBody::by("SWE").set("status", json!("draft")).create(&app.admin());

    let requests = xlsx_of(&app.anonymous().get("/api/v1/requests?format=xlsx"));
    assert_eq!(requests.0[..3], ["id", "state", "title"]);
    assert_eq!(sheet_column(&requests, "id"), [text(&shared)], "only what anyone may see");
    let own = xlsx_of(&app.with_key(Some(&kenya)).get_with("/api/v1/requests", &[("Accept", XLSX)]));
    assert_eq!(own.1.len(), 2, "a State sees its own pending request too");
    assert!(sheet_column(&own, "id").contains(&text(&pending)));

    let offers = xlsx_of(&app.anonymous().get("/api/v1/offers?format=xlsx"));
    assert_eq!(sheet_column(&offers, "id"), [text(&published)]);
    assert_eq!(
        sheet_column(&offers, "title"),
        [text("Training <for> \"prison\" staff & =SUM(A1)")],
        "text stays text, never a formula"
    );
    assert_eq!(sheet_column(&offers, "capacity_left"), [Cell::Number(3.0)], "numbers are numbers");
    assert_eq!(sheet_column(&offers, "budget_usd"), [Cell::Number(25000.0)]);
    assert_eq!(sheet_column(&offers, "provider"), [text("NOR")], "codes stay text");
    assert!(sheet_column(&xlsx_of(&app.get("/api/v1/offers?format=xlsx")), "id").contains(&text(&unpublished)));

    let pairs = xlsx_of(&app.anonymous().get("/api/v1/matches?format=xlsx&lang=fr"));
    assert_eq!(sheet_column(&pairs, "request_id"), [text(&shared)], "never a pair without consent");
    assert!(matches!(sheet_column(&pairs, "score")[0], Cell::Number(s) if s > 0.0 && s <= 1.0));
    let for_offer = xlsx_of(&app.anonymous().get(&format!("/api/v1/offers/{published}/matches?format=xlsx")));
    assert_eq!(sheet_column(&for_offer, "request_id"), [text(&shared)]);

    app.with_key(Some(&kenya)).create("/api/v1/engagements", &json!({"request_id": shared, "offer_id": published}));
    let engagements = xlsx_of(&app.with_key(Some(&kenya)).get("/api/v1/engagements?format=xlsx"));
    assert_eq!(sheet_column(&engagements, "status"), [text("interest")]);
    let stats = xlsx_of(&app.anonymous().get("/api/v1/stats/themes?format=xlsx"));
    let torture = stats.1.iter().find(|row| row[0] == text("torture")).expect("a torture row");
    assert_eq!((&torture[3], &torture[5]), (&Cell::Number(1.0), &Cell::Number(1.0)));

    // The pages' downloads: the same tables, named by their extension.
    let page = xlsx_of(&app.anonymous().get("/fr/offers.xlsx?theme=torture"));
    assert_eq!(sheet_column(&page, "id"), [text(&published)]);
    assert_eq!(app.anonymous().get("/fr/themes.xlsx").status, 200);
    assert_eq!(app.anonymous().get("/fr/offers.pdf").status, 404);
}

fn long_spreadsheets_hold_every_row(app: TestApp) {
    let offers: Vec<_> =
        (0..450).map(|i| OfferBody::by("NOR").set("title", json!(format!("Offer {i:03}"))).json()).collect();
    for chunk in offers.chunks(200) {
        let created = app.post("/api/v1/offers/bulk", &json!(chunk));
        assert_eq!(created.status, 201, "{}", created.excerpt());
    }
    let listed = xlsx_of(&app.anonymous().get("/api/v1/offers?format=xlsx&limit=5"));
    let titles = sheet_column(&listed, "title");
    assert_eq!(titles.len(), 450, "every page, whatever the limit");
    assert_eq!((&titles[0], &titles[449]), (&text("Offer 000"), &text("Offer 449")));
}

backend_tests!(
    lists_download_what_the_caller_may_see,
    long_lists_stream_every_row,
    recommendations_and_their_summary_download,
    spreadsheets_download_what_the_caller_may_see,
    long_spreadsheets_hold_every_row
);

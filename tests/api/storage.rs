//! Storage without HTTP, on each backend: both databases' migrations define the same tables and
//! columns, the diesel schema matches a migrated database, and the queries apply the consent
//! gate, filters and paging by themselves.

use std::collections::{BTreeMap, BTreeSet};

use diesel::prelude::*;
use diesel::sql_types::Text;
use tcmatch::db::offers::{self, OfferFilter, OfferRow};
use tcmatch::db::page::{now, PageRequest};
use tcmatch::db::requests::{self, ConsentEventRow, RequestFilter, RequestRow};
use tcmatch::db::{schema, Db, DbConn};
use tcmatch::domain::access::{OfferScope, RequestScope};
use tcmatch::domain::ids;
use tcmatch::domain::vocab::OfferStatus;

use crate::helpers::{Backend, TestDatabase};

/// One test per backend for each listed `fn name(db: &Db)`, on a fresh, migrated database.
macro_rules! storage_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $name() { super::with_database(crate::helpers::Backend::Sqlite, super::$name) })*
        }
        mod postgres {
            $(#[test]
            #[cfg_attr(not(postgres_tests), ignore = "TCMATCH_TEST_POSTGRES_URL is not set")]
            fn $name() { super::with_database(crate::helpers::Backend::Postgres, super::$name) })*
        }
    };
}

fn with_database(backend: Backend, test: fn(&Db)) {
    let database = TestDatabase::create(backend);
    let db = tcmatch::startup::prepare_database(&database.url, 2).expect("a migrated database");
    test(&db);
}

/// Tables and their columns, as a database has them.
type Tables = BTreeMap<String, BTreeSet<String>>;

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
}

/// What is there on a backend but is its own business: migration bookkeeping, SQLite's
/// full-text index and its keys, PostgreSQL's text-search column.
fn is_bookkeeping(table: &str, column: &str) -> bool {
    table == "__diesel_schema_migrations"
        || table == "sqlite_sequence"
        || table.starts_with("recommendations_fts")
        || table == "recommendation_search"
        || (table, column) == ("recommendations", "text_search")
}

fn migrated_tables(conn: &mut DbConn) -> Tables {
    let query = match conn {
        DbConn::Sqlite(_) => {
            "SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table'"
        }
        DbConn::Pg(_) => {
            "SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns \
             WHERE table_schema = 'public'"
        }
    };
    let mut tables = Tables::new();
    for c in diesel::sql_query(query).load::<Column>(conn).expect("the catalogue reads") {
        if !is_bookkeeping(&c.table_name, &c.column_name) {
            tables.entry(c.table_name).or_default().insert(c.column_name);
        }
    }
    tables
}

/// The columns a diesel table declares, read off the SQL it builds to select them all.
fn declared_columns(select_all: String) -> BTreeSet<String> {
    let columns = select_all.split(" FROM ").next().unwrap_or_default().trim_start_matches("SELECT ");
    columns.split(", ").map(|c| c.rsplit('.').next().unwrap_or_default().trim_matches('`').to_string()).collect()
}

macro_rules! declared {
    ($($table:ident),* $(,)?) => {{
        let mut tables = Tables::new();
        $(
            let sql = diesel::debug_query::<diesel::sqlite::Sqlite, _>(
                &schema::$table::table.select(schema::$table::all_columns),
            )
            .to_string();
            tables.insert(stringify!($table).to_string(), declared_columns(sql));
        )*
        tables
    }};
}

/// Every table of the diesel schema, with its columns (the SQLite-only search keys left out).
fn schema_tables() -> Tables {
    declared!(
        webhooks,
        webhook_deliveries,
        webhook_matches,
        import_jobs,
        idempotency_keys,
        engagements,
        engagement_events,
        changes,
        api_keys,
        web_sessions,
        audit_events,
        states,
        theme_groups,
        themes,
        reference_data,
        organizations,
        recommendations,
        recommendation_themes,
        recommendation_generation,
        requests,
        request_themes,
        request_recommendations,
        consent_events,
        offers,
        offer_themes,
        offer_areas,
    )
}

/// The diesel schema is exactly what the migrations made, on either database; with both kinds of
/// database, that also means their migrations define the same tables and columns.
fn the_schema_is_what_the_migrations_made(db: &Db) {
    let migrated = migrated_tables(&mut db.get().expect("a connection"));
    assert_eq!(migrated, schema_tables());
}

fn offer(provider: &str, status: OfferStatus, theme: &str, area: &str) -> (OfferRow, String, String) {
    let at = now();
    let row = OfferRow {
        id: ids::new_id(ids::OFFER),
        provider_kind: "state".into(),
        provider_id: provider.into(),
        title: format!("Help with {theme}"),
        description: String::new(),
        themes: format!("[\"{theme}\"]"),
        modalities: "[]".into(),
        languages: "[]".into(),
        is_global: area == offers::GLOBAL_AREA,
        countries: if area.len() == 3 && area != offers::GLOBAL_AREA { format!("[\"{area}\"]") } else { "[]".into() },
        regions: if area.len() != 3 { format!("[\"{area}\"]") } else { "[]".into() },
        starts_on: None,
        ends_on: None,
        capacity: 1,
        budget_usd: None,
        status: status.as_str().into(),
        version: 1,
        created_at: at,
        updated_at: at,
        suggested_themes: "[]".into(),
        iati_identifier: None,
    };
    (row, theme.to_string(), area.to_string())
}

/// Offer lists in storage: drafts only for their provider, the `serves` filter through the areas
/// of a State (named, in one of its regions, or global), and pages that walk every offer once.
fn offer_lists_filter_hide_drafts_and_page(db: &Db) {
    let mut conn = db.get().expect("a connection");
    let offers = [
        offer("NOR", OfferStatus::Open, "torture", "KEN"),
        offer("NOR", OfferStatus::Open, "torture", "002"),
        offer("SWE", OfferStatus::Open, "torture", offers::GLOBAL_AREA),
        offer("SWE", OfferStatus::Open, "justice", "150"),
        offer("FIN", OfferStatus::Draft, "torture", "KEN"),
    ];
    for (row, theme, area) in &offers {
        offers::insert(&mut conn, row, std::slice::from_ref(theme), std::slice::from_ref(area)).expect("stored");
    }
    let anyone = OfferScope::Published { own_provider: None };
    let page = |limit, after| PageRequest { limit, after };
    let all = offers::list(&mut conn, &OfferFilter::default(), &page(10, None), &anyone).unwrap();
    assert_eq!(all.total, 4, "the draft is hidden");
    let finland = OfferScope::Published { own_provider: Some("FIN".into()) };
    assert_eq!(offers::list(&mut conn, &OfferFilter::default(), &page(10, None), &finland).unwrap().total, 5);
    let serves_kenya = OfferFilter { serves: Some("KEN".into()), theme: Some("torture".into()), ..Default::default() };
    let found = offers::list(&mut conn, &serves_kenya, &page(10, None), &anyone).unwrap();
    let ids: BTreeSet<&str> = found.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, offers[..3].iter().map(|(r, _, _)| r.id.as_str()).collect(), "named, Africa, global");
    let mut walked = Vec::new();
    let mut after = None;
    loop {
        let p = offers::list(&mut conn, &OfferFilter::default(), &page(3, after), &anyone).unwrap();
        walked.extend(p.rows.iter().map(|r| r.id.clone()));
        match p.next_after {
            Some(last) => after = Some(last),
            None => break,
        }
    }
    let mut sorted = walked.clone();
    sorted.sort();
    assert_eq!((walked.len(), &walked), (4, &sorted), "every offer once, in id order");
}

fn request(state: &str, consent: &str) -> RequestRow {
    let at = now();
    RequestRow {
        id: ids::new_id(ids::REQUEST),
        state: state.into(),
        title: "Help wanted".into(),
        description: String::new(),
        recommendation_ids: "[]".into(),
        themes: "[\"torture\"]".into(),
        modalities: "[]".into(),
        languages: "[]".into(),
        starts_on: None,
        ends_on: None,
        budget_min_usd: None,
        budget_max_usd: None,
        priority: "medium".into(),
        status: "open".into(),
        consent_status: consent.into(),
        consent_updated_at: at,
        version: 1,
        created_at: at,
        updated_at: at,
        suggested_themes: "[]".into(),
    }
}

/// The consent gate in storage: anyone sees granted requests; a State also its own pending ones;
/// refused and withdrawn stay with their State; admins see all; totals count the same.
fn request_reads_apply_the_consent_gate(db: &Db) {
    let mut conn = db.get().expect("a connection");
    let rows =
        [request("KEN", "granted"), request("KEN", "pending"), request("UGA", "withdrawn"), request("UGA", "granted")];
    for row in &rows {
        let first = ConsentEventRow {
            id: ids::new_id(ids::CONSENT_EVENT),
            request_id: row.id.clone(),
            status: row.consent_status.clone(),
            previous_status: None,
            note: String::new(),
            recorded_by: None,
            recorded_at: row.created_at,
        };
        requests::insert(&mut conn, row, &["torture".into()], &[], &first).expect("stored");
    }
    let total = |conn: &mut DbConn, scope: RequestScope| {
        let page = PageRequest { limit: 50, after: None };
        requests::list(conn, &RequestFilter::default(), &page, &scope).unwrap().total
    };
    assert_eq!(total(&mut conn, RequestScope::Consented { own_state: None }), 2);
    assert_eq!(total(&mut conn, RequestScope::Consented { own_state: Some("KEN".into()) }), 3);
    assert_eq!(total(&mut conn, RequestScope::Consented { own_state: Some("UGA".into()) }), 3);
    assert_eq!(total(&mut conn, RequestScope::All), 4);
    let anyone = RequestScope::Consented { own_state: None };
    assert!(requests::find(&mut conn, &rows[1].id, &anyone).unwrap().is_none(), "pending reads as missing");
    assert!(requests::find(&mut conn, &rows[0].id, &anyone).unwrap().is_some());
}

storage_tests!(
    the_schema_is_what_the_migrations_made,
    offer_lists_filter_hide_drafts_and_page,
    request_reads_apply_the_consent_gate,
);

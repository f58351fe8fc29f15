//! Matcher benchmark: `cargo bench --bench matcher`. Prints, in one run:
//! 1. top-10 offers for one request over 1M offers: p50/p99 of the index, and of the same
//!    ranking (same filters and weights) done by SQL in PostgreSQL with a GIN index; the ratio;
//! 2. top-10 for every request, 100k requests x 100k offers, on all cores;
//! 3. index memory per record, and the time to build the index from the database (1M offers).
//!
//! Data is generated from a fixed seed: themes drawn with the frequencies of the real UPR
//! recommendations (tests/data), 193 States, thousands of providers. Needs PostgreSQL:
//! `TCMATCH_BENCH_POSTGRES_URL` (default postgres://postgres@127.0.0.1:5432/test); it creates
//! and drops the database `tcmatch_bench`. Sizes: `TCMATCH_BENCH_OFFERS`, `TCMATCH_BENCH_PAIRS`;
//! threads for the all-pairs run: `TCMATCH_BENCH_THREADS` (default: all cores); which parts to
//! run: `TCMATCH_BENCH_PARTS` (default `1,2,3`; part 2 alone needs no database).

mod common;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use common::{env_size, ms, percentile, verdict, Generator};
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Double, Integer};
use tcmatch::domain::catalog::Catalog;
use tcmatch::matcher::entry::{day, Encoder};
use tcmatch::matcher::score::Scorer;
use tcmatch::matcher::{MatchConfig, MatchIndex, OfferFacts, RequestFacts};
use tcmatch::sync::Matching;

diesel::table! {
    bench_offers (id) {
        id -> BigInt,
        themes -> Array<Integer>,
        themes_mask -> BigInt,
        modalities -> Integer,
        languages -> Array<Integer>,
        is_global -> Bool,
        served -> Array<Integer>,
        start_day -> Integer,
        end_day -> Integer,
        capacity_left -> Integer,
        budget -> BigInt,
    }
}

#[derive(QueryableByName)]
struct Ranked {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Double)]
    #[allow(dead_code)]
    score: f64,
}

/// PostgreSQL text-format array literal.
fn pg_array(values: impl IntoIterator<Item = i64>) -> String {
    let items: Vec<String> = values.into_iter().map(|v| v.to_string()).collect();
    format!("{{{}}}", items.join(","))
}

fn language_ids(codes: &[String]) -> Vec<i32> {
    codes
        .iter()
        .filter_map(|c| tcmatch::domain::validate::LANGUAGES.iter().position(|l| l == c))
        .map(|i| i as i32)
        .collect()
}

/// The same data, shaped for SQL: theme ids in an int[] (GIN-indexed) and a bitmask, served
/// States expanded to positions like the index does.
fn load_sql_table(conn: &mut PgConnection, encoder: &Encoder, offers: &[OfferFacts]) {
    conn.batch_execute(
        "CREATE TABLE bench_offers (id BIGINT PRIMARY KEY, themes INT[] NOT NULL, themes_mask BIGINT NOT NULL,
           modalities INT NOT NULL, languages INT[] NOT NULL, is_global BOOLEAN NOT NULL, served INT[] NOT NULL,
           start_day INT NOT NULL, end_day INT NOT NULL, capacity_left INT NOT NULL, budget BIGINT NOT NULL)",
    )
    .expect("create bench table");
    let mut text = String::with_capacity(offers.len() * 120);
    for (i, o) in offers.iter().enumerate() {
        let e = encoder.offer(o, 0).expect("generated offers encode");
        let themes = (0..64).filter(|t| e.themes & (1u64 << t) != 0).map(|t| t as i64);
        let served = (0..256).filter(|&s| e.served[s / 64] & (1u64 << (s % 64)) != 0).map(|s| s as i64);
        let _ = writeln!(
            text,
            "{i}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            pg_array(themes),
            e.themes as i64,
            e.modalities,
            pg_array(language_ids(&o.languages).into_iter().map(i64::from)),
            if e.global { "t" } else { "f" },
            pg_array(served),
            e.start,
            e.end,
            e.capacity_left,
            e.budget
        );
    }
    let bytes = text.into_bytes();
    diesel::copy_from(bench_offers::table)
        .from_raw_data(bench_offers::table, |w| {
            w.write_all(&bytes).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
        })
        .execute(conn)
        .expect("copy bench offers");
    conn.batch_execute("CREATE INDEX bench_offers_themes ON bench_offers USING GIN (themes); ANALYZE bench_offers;")
        .expect("index bench table");
}

/// The index's ranking as one SQL query: the same hard filters and the same weighted
/// components (IDF-weighted coverage with sibling credit, precision, modality, language,
/// timeframe, budget, consent factor).
fn sql_top10(
    conn: &mut PgConnection,
    config: &MatchConfig,
    request: &tcmatch::matcher::entry::RequestEntry,
    scorer: &Scorer,
    siblings: &[u64],
    today: i32,
) -> Vec<i64> {
    let needs = scorer.needs_by_weight();
    let themes: Vec<i32> = needs.iter().map(|(t, _)| *t as i32).collect();
    let weights: Vec<f64> = needs.iter().map(|(_, w)| *w).collect();
    let sibs: Vec<i64> = needs.iter().map(|(t, _)| siblings[*t as usize] as i64).collect();
    let relevant: Vec<i32> = (0..64)
        .filter(|&t| (request.themes | sibs.iter().fold(0u64, |m, s| m | *s as u64)) & (1u64 << t) != 0)
        .collect();
    let total: f64 = weights.iter().sum();
    let langs: Vec<i32> =
        (0..192).filter(|&i| request.languages[i / 64] & (1u64 << (i % 64)) != 0).map(|i| i as i32).collect();
    let need = if request.budget_min >= 0 { request.budget_min } else { request.budget_max };
    let factor = if request.consent == tcmatch::matcher::entry::Consent::Granted { 1.0 } else { config.pending_factor };
    let rmod = i32::from(request.modalities);
    let sql = format!(
        "SELECT o.id, ( {wt} * ( {cs} * (SELECT coalesce(sum(CASE WHEN o.themes_mask & (1::bigint << r.t) <> 0 THEN r.w
                                         WHEN o.themes_mask & r.s <> 0 THEN r.w * {credit} ELSE 0 END), 0)
                                    FROM unnest($1::int[], $2::float8[], $3::bigint[]) AS r(t, w, s)) / {total}
                             + (1 - {cs}) * (SELECT count(*) FROM unnest(o.themes) x WHERE x = ANY($4::int[]))::float8 / cardinality(o.themes) )
                + {wm} * (CASE WHEN {rmod} = 0 THEN 1 WHEN o.modalities = 0 THEN {unk}
                               ELSE length(replace(((o.modalities & {rmod})::bit(16))::text, '0', ''))::float8 / {rmod_n} END)
                + {wl} * (CASE WHEN cardinality($5::int[]) = 0 THEN 1 WHEN cardinality(o.languages) = 0 THEN {unk}
                               WHEN o.languages && $5::int[] THEN 1 ELSE 0 END)
                + {wtf} * (CASE WHEN o.start_day = {open_start} AND o.end_day = {open_end} THEN {unk}
                                ELSE least(1, greatest(0, least({re}, o.end_day) - greatest({rs}, o.start_day) + 1)::float8 / ({re} - {rs} + 1)) END)
                + {wb} * (CASE WHEN {need} < 0 THEN 1 WHEN o.budget < 0 THEN {unk} WHEN {need} = 0 THEN 1
                               ELSE least(1, o.budget::float8 / {need}) END)
              ) / {wsum} * {factor} AS score
         FROM bench_offers o
         WHERE o.themes && $4::int[] AND o.capacity_left > 0 AND o.end_day >= {today}
           AND (o.is_global OR o.served @> ARRAY[{state}])
         ORDER BY score DESC, o.id ASC LIMIT 10",
        wt = config.theme,
        cs = config.coverage_share,
        credit = config.sibling_credit,
        wm = config.modality,
        wl = config.language,
        wtf = config.timeframe,
        wb = config.budget,
        wsum = config.total_weight(),
        unk = config.unknown,
        rmod_n = rmod.count_ones().max(1),
        re = request.end,
        rs = request.start,
        open_start = i32::MIN,
        open_end = i32::MAX,
        state = request.state,
    );
    diesel::sql_query(sql)
        .bind::<Array<Integer>, _>(themes)
        .bind::<Array<Double>, _>(weights)
        .bind::<Array<BigInt>, _>(sibs)
        .bind::<Array<Integer>, _>(relevant)
        .bind::<Array<Integer>, _>(langs)
        .load::<Ranked>(conn)
        .expect("the SQL ranking runs")
        .into_iter()
        .map(|r| r.id)
        .collect()
}

/// Writes the offers into the service's own `offers` table, as the API would have.
fn load_service_offers(conn: &mut PgConnection, offers: &[OfferFacts]) {
    let mut text = String::with_capacity(offers.len() * 400);
    for o in offers {
        let (countries, regions): (Vec<&String>, Vec<&String>) =
            o.areas.iter().partition(|a| a.len() == 3 && a.chars().all(|c| c.is_ascii_uppercase()));
        let kind = if o.provider.starts_with("org_") { "organization" } else { "state" };
        let _ = writeln!(
            text,
            "{}\t{kind}\t{}\tOffer\t\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\topen\t1\t2026-01-01 00:00:00\t2026-01-01 00:00:00\t[]\t\\N",
            o.id,
            o.provider,
            serde_json::to_string(&o.themes).expect("json"),
            serde_json::to_string(&o.modalities).expect("json"),
            serde_json::to_string(&o.languages).expect("json"),
            if o.global { "t" } else { "f" },
            serde_json::to_string(&countries).expect("json"),
            serde_json::to_string(&regions).expect("json"),
            o.starts_on.map_or("\\N".to_string(), |d| d.to_string()),
            o.ends_on.map_or("\\N".to_string(), |d| d.to_string()),
            o.capacity_left,
            o.budget_usd.map_or("\\N".to_string(), |b| b.to_string()),
        );
    }
    let bytes = text.into_bytes();
    diesel::copy_from(tcmatch::db::schema::offers::table)
        .from_raw_data(tcmatch::db::schema::offers::table, |w| {
            w.write_all(&bytes).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
        })
        .execute(conn)
        .expect("copy offers");
}

/// The bench database: dropped and created afresh; its URL.
fn fresh_bench_database(base: &str) -> String {
    let mut admin = PgConnection::establish(base).expect("connect to PostgreSQL");
    admin.batch_execute("DROP DATABASE IF EXISTS tcmatch_bench WITH (FORCE)").expect("drop the old bench database");
    admin.batch_execute("CREATE DATABASE tcmatch_bench").expect("create the bench database");
    match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/tcmatch_bench"),
        None => base.to_string(),
    }
}

/// 1. One request's top 10 over all offers: the index against the same ranking in SQL.
fn top10_against_sql(index: &MatchIndex, offers: &[OfferFacts], probes: &[RequestFacts], bench_url: &str, today: i32) {
    let config = *index.config();
    let mut latencies: Vec<Duration> = probes
        .iter()
        .map(|r| {
            let t = Instant::now();
            let top = index.offers_for(&r.id, 10, today);
            let elapsed = t.elapsed();
            std::hint::black_box(top);
            elapsed
        })
        .collect();
    latencies.sort();
    let (p50, p99) = (percentile(&latencies, 0.50), percentile(&latencies, 0.99));
    let mut pg = PgConnection::establish(bench_url).expect("connect to the bench database");
    let started = Instant::now();
    load_sql_table(&mut pg, index.encoder(), offers);
    println!(
        "loaded {} offers into PostgreSQL (GIN on themes) in {:.1} s",
        offers.len(),
        started.elapsed().as_secs_f64()
    );
    let siblings = index.encoder().siblings.clone();
    let sql_probes = 40.min(probes.len());
    let mut sql_latencies = Vec::new();
    let mut agree = 0;
    for r in probes.iter().take(sql_probes) {
        let entry = index.request_entry(&r.id).expect("indexed");
        let scorer = index.scorer(entry, today);
        let t = Instant::now();
        let sql_ids = sql_top10(&mut pg, &config, entry, &scorer, &siblings, today);
        sql_latencies.push(t.elapsed());
        let index_ids: Vec<i64> = index
            .offers_for(&r.id, 10, today)
            .iter()
            .map(|p| i64::from_str_radix(&p.offer_id[4..], 16).expect("hex"))
            .collect();
        if index_ids == sql_ids {
            agree += 1;
        }
    }
    sql_latencies.sort();
    let (sql_p50, sql_p99) = (percentile(&sql_latencies, 0.50), percentile(&sql_latencies, 0.99));
    println!(
        "\n1. top-10 offers for one request over {} offers ({} requests with 2-4 themes)",
        offers.len(),
        latencies.len()
    );
    println!(
        "   index: p50 {:.3} ms, p99 {:.3} ms  (target p99 <= 5 ms: {})",
        ms(p50),
        ms(p99),
        verdict(ms(p99) <= 5.0)
    );
    println!(
        "   SQL (PostgreSQL, GIN): p50 {:.1} ms, p99 {:.1} ms over {sql_probes} requests",
        ms(sql_p50),
        ms(sql_p99)
    );
    let ratio = ms(sql_p50) / ms(p50).max(1e-6);
    println!(
        "   index is {ratio:.0}x faster at p50, {:.0}x at p99  (target >= 50x: {})",
        ms(sql_p99) / ms(p99).max(1e-6),
        verdict(ratio >= 50.0)
    );
    println!("   same top 10 from both: {agree} of {sql_probes} requests");
}

/// 2. Every request's top 10, `n` requests x `n` offers, on `threads` threads.
fn all_pairs(n: usize, threads: usize, config: MatchConfig, today: i32) {
    let mut gen = Generator::new(0x5EED);
    let offers: Vec<OfferFacts> = (0..n as u64).map(|i| gen.offer(i)).collect();
    let requests: Vec<RequestFacts> = (0..n as u64).map(|i| gen.request(i)).collect();
    let mut index = MatchIndex::new(Catalog::shipped(), config);
    index.load(offers, requests);
    let started = Instant::now();
    let found: usize = index.top_offers_for_all(10, today, threads, |_| true).iter().map(|(_, top)| top.len()).sum();
    let every = started.elapsed();
    println!("\n2. top-10 for every request: {n} requests x {n} offers on {threads} threads");
    println!(
        "   {:.2} s, {found} pairs  (target <= 5 s: {})",
        every.as_secs_f64(),
        verdict(every.as_secs_f64() <= 5.0)
    );
}

/// 3. Memory per record, and building the index from the database at start.
fn memory_and_build(index: MatchIndex, offers: Vec<OfferFacts>, build_in_memory: Duration, bench_url: &str) {
    let records = index.offer_count() + index.request_count();
    let index_bytes = index.heap_bytes();
    let per_record = index_bytes as f64 / records as f64;
    let config = *index.config();
    drop(index);
    println!(
        "\n3. index memory: {:.0} MiB for {records} records = {per_record:.0} bytes per record  (target <= 300: {})",
        index_bytes as f64 / 1_048_576.0,
        verdict(per_record <= 300.0)
    );
    println!("   (built in memory from facts in {:.2} s)", build_in_memory.as_secs_f64());
    tcmatch::startup::prepare_database(bench_url, 1).expect("migrate the bench database");
    let mut pg = PgConnection::establish(bench_url).expect("connect to the bench database");
    let started = Instant::now();
    load_service_offers(&mut pg, &offers);
    println!("   wrote {} offers into the service schema in {:.1} s", offers.len(), started.elapsed().as_secs_f64());
    drop(offers);
    drop(pg);
    let db = tcmatch::db::Db::connect(bench_url, 4).expect("a pool on the bench database");
    let started = Instant::now();
    let matching = Matching::load(&db, Catalog::shipped(), config).expect("the index loads");
    let build = started.elapsed();
    let loaded = matching.read().offer_count();
    println!(
        "   built from PostgreSQL at start: {loaded} offers in {:.2} s  (target <= 3 s: {})",
        build.as_secs_f64(),
        verdict(build.as_secs_f64() <= 3.0)
    );
}

fn main() {
    let offers_n = env_size("TCMATCH_BENCH_OFFERS", 1_000_000);
    let pairs_n = env_size("TCMATCH_BENCH_PAIRS", 100_000);
    let parts = std::env::var("TCMATCH_BENCH_PARTS").unwrap_or_else(|_| "1,2,3".into());
    let part = |n: &str| parts.split(',').any(|p| p.trim() == n);
    let base = std::env::var("TCMATCH_BENCH_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let config = MatchConfig::default();
    let today = day(Some(chrono::Utc::now().date_naive()), 0);
    let threads = env_size("TCMATCH_BENCH_THREADS", std::thread::available_parallelism().map_or(2, |n| n.get()));
    println!(
        "tcmatch matcher benchmark: {offers_n} offers; {pairs_n} x {pairs_n} pairs; {threads} cores; parts {parts}\n"
    );

    if part("1") || part("3") {
        let started = Instant::now();
        let mut gen = Generator::new(0x7C3A_7C4E);
        let offers: Vec<OfferFacts> = (0..offers_n as u64).map(|i| gen.offer(i)).collect();
        let probes: Vec<RequestFacts> = (0..1000).map(|i| gen.request(i)).collect();
        println!("generated in {:.1} s", started.elapsed().as_secs_f64());
        let started = Instant::now();
        let mut index = MatchIndex::new(Catalog::shipped(), config);
        index.load(offers.iter().cloned(), probes.iter().cloned());
        let build_in_memory = started.elapsed();
        let bench_url = fresh_bench_database(&base);
        if part("1") {
            top10_against_sql(&index, &offers, &probes, &bench_url, today);
        }
        if part("2") {
            all_pairs(pairs_n, threads, config, today);
        }
        if part("3") {
            memory_and_build(index, offers, build_in_memory, &bench_url);
        }
        let mut admin = PgConnection::establish(&base).expect("connect to PostgreSQL");
        let _ = admin.batch_execute("DROP DATABASE IF EXISTS tcmatch_bench WITH (FORCE)");
    } else if part("2") {
        all_pairs(pairs_n, threads, config, today);
    }
}

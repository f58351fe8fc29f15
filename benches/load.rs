//! Load benchmark over real HTTP: `cargo bench --bench load`. Starts the release binary on a
//! fresh SQLite file (`TCMATCH_LOAD_DATABASE_URL` for another database; PostgreSQL databases are
//! not emptied first), fills it through the API (offers in bulk, consented requests, the UPR
//! recommendations of tests/data), then measures, each phase `TCMATCH_LOAD_SECONDS` long:
//! 1. another caller's median latency (`GET /requests/{id}/matches` with its key), quiet and
//!    while one anonymous client on 8 connections varies `GET /matches` as fast as it can, with
//!    the rate limit raised out of its way (the worst case): target under 3x the quiet median;
//! 2. the lists an anonymous web page calls, on 16 connections: `GET /offers?theme=&serves=`
//!    and `GET /recommendations?q=`: target 1,000 requests per second or more;
//! 3. the web pages' lists of 50 items (`/{lang}/offers?theme=`, `/{lang}/requests`), one
//!    reader at a time: time to the whole page on loopback, an upper bound of the server's
//!    time: target p99 under 20 ms.
//!
//! Sizes: `TCMATCH_LOAD_OFFERS` (default 100,000), `TCMATCH_LOAD_REQUESTS` (200),
//! `TCMATCH_LOAD_SECONDS` (10). The load runs on the same cores as the service.

#[allow(dead_code)] // The matcher benchmark uses the rest.
mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{env_size, ms, percentile, verdict, Generator, Rng};
use serde_json::{json, Value};

const ATTACK_CONNECTIONS: usize = 8;
const LIST_CONNECTIONS: usize = 16;
const SEARCH_WORDS: [&str; 12] = [
    "torture",
    "women",
    "children",
    "death penalty",
    "disabilities",
    "trafficking",
    "journalists",
    "detention",
    "education",
    "indigenous",
    "discrimination",
    "ratify",
];
/// Where a reader goes next.
type PagePath = Box<dyn Fn(&mut Rng) -> String>;

const LANGUAGES: [&str; 6] = ["ar", "en", "es", "fr", "ru", "zh"];
const REGIONS: [&str; 8] = ["Africa", "Asia", "Europe", "002", "weog", "eeg", "grulac", "419"];

/// The service under test, stopped when dropped.
struct Service {
    child: Child,
    base: String,
    /// Whether it runs on PostgreSQL.
    postgres: bool,
    _dir: Option<TempDir>,
}

struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_tcmatch")
}

impl Service {
    fn start() -> (Service, String) {
        let (url, dir) = match std::env::var("TCMATCH_LOAD_DATABASE_URL") {
            Ok(url) if !url.is_empty() => (url, None),
            _ => {
                let dir = std::env::temp_dir().join(format!("tcmatch-load-{}", std::process::id()));
                std::fs::create_dir_all(&dir).expect("a temp folder");
                (format!("sqlite://{}", dir.join("load.db").display()), Some(TempDir(dir)))
            }
        };
        let key = Command::new(binary())
            .args(["--database-url", &url, "create-key", "--role", "admin", "--label", "load"])
            .output()
            .expect("create-key runs");
        let key = String::from_utf8_lossy(&key.stdout).lines().last().expect("a secret").trim().to_string();
        let mut child = Command::new(binary())
            .args(["--database-url", &url, "serve", "--bind", "127.0.0.1:0", "--log-format", "json"])
            .args(["--rate-limit-per-minute", "10000000", "--rate-limit-burst", "1000000"])
            .args(["--admin-rate-limit-per-minute", "10000000", "--admin-rate-limit-burst", "1000000"])
            .env("TCMATCH_LOG", "warn,tcmatch::startup=info")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the service starts");
        let out = BufReader::new(child.stdout.take().expect("stdout"));
        let mut port = None;
        for line in out.lines().map_while(Result::ok) {
            if let Some(at) = line.find("\"port\":") {
                port = line[at + 7..].split(|c: char| !c.is_ascii_digit()).next().and_then(|p| p.parse::<u16>().ok());
                break;
            }
        }
        let port = port.expect("the service says its port");
        let postgres = url.starts_with("postgres");
        (Service { child, base: format!("http://127.0.0.1:{port}/api/v1"), postgres, _dir: dir }, key)
    }
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new().timeout(Duration::from_secs(120)).build()
}

/// Calls and returns the status (the body is read, so the connection is reused).
fn call(agent: &ureq::Agent, url: &str, key: Option<&str>) -> u16 {
    let mut req = agent.get(url);
    if let Some(key) = key {
        req = req.set("Authorization", &format!("Bearer {key}"));
    }
    match req.call() {
        Ok(res) | Err(ureq::Error::Status(_, res)) => {
            let status = res.status();
            let _ = res.into_string();
            status
        }
        Err(e) => panic!("GET {url}: {e}"),
    }
}

fn post(agent: &ureq::Agent, url: &str, key: &str, content_type: &str, body: &[u8]) -> Value {
    serde_json::from_str(&send(agent, url, key, content_type, body)).expect("a JSON answer")
}

/// Posts and returns the successful answer's body, unparsed.
fn send(agent: &ureq::Agent, url: &str, key: &str, content_type: &str, body: &[u8]) -> String {
    let res = agent
        .post(url)
        .set("Authorization", &format!("Bearer {key}"))
        .set("Content-Type", content_type)
        .send_bytes(body)
        .unwrap_or_else(|e| panic!("POST {url}: {e}"));
    res.into_string().expect("an answer")
}

/// An offer as the API takes it, from generated facts (providers are donor States).
fn offer_json(gen: &mut Generator, i: u64) -> Value {
    let facts = gen.offer(i);
    let (countries, regions): (Vec<String>, Vec<String>) =
        facts.areas.into_iter().partition(|a| a.chars().all(|c| c.is_ascii_alphabetic()));
    let provider = gen.states[gen.rng.below(40)].clone();
    json!({
        "provider": provider, "title": format!("Offer {i}"), "themes": facts.themes,
        "modalities": facts.modalities, "languages": facts.languages, "global": facts.global,
        "countries": countries, "regions": regions, "starts_on": facts.starts_on, "ends_on": facts.ends_on,
        "capacity": facts.capacity_left, "budget_usd": facts.budget_usd,
    })
}

struct Loaded {
    requests: Vec<String>,
    themes: Vec<String>,
    states: Vec<String>,
}

fn load(service: &Service, key: &str, offers: usize, requests: usize) -> Loaded {
    let agent = agent();
    let mut gen = Generator::new(0x10AD);
    // The agency's files, ready before the clock starts: what is timed is the service.
    let files: Vec<String> = (0..offers)
        .step_by(1000)
        .map(|first| {
            let lines: Vec<String> =
                (first..offers.min(first + 1000)).map(|i| offer_json(&mut gen, i as u64).to_string()).collect();
            lines.join("\n")
        })
        .collect();
    let started = Instant::now();
    for file in &files {
        let stored =
            send(&agent, &format!("{}/offers/bulk", service.base), key, "application/x-ndjson", file.as_bytes());
        assert!(stored.len() > file.len(), "the stored offers come back");
    }
    let offers_took = started.elapsed();
    let mut ids = Vec::new();
    for i in 0..requests {
        let facts = gen.request(i as u64);
        let body = json!({
            "state": facts.state, "title": format!("Request {i}"), "themes": facts.themes,
            "modalities": facts.modalities, "languages": facts.languages,
            "starts_on": facts.starts_on, "ends_on": facts.ends_on, "budget_min_usd": facts.budget_min_usd,
        });
        let created =
            post(&agent, &format!("{}/requests", service.base), key, "application/json", body.to_string().as_bytes());
        let id = created["id"].as_str().expect("an id").to_string();
        let consent = json!({"status": "granted"}).to_string();
        post(&agent, &format!("{}/requests/{id}/consent", service.base), key, "application/json", consent.as_bytes());
        ids.push(id);
    }
    let csv = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/upr-info-sessions-01-13.csv"))
        .expect("tests/data holds the UPR recommendations");
    post(&agent, &format!("{}/recommendations/import", service.base), key, "text/csv", &csv);
    let per_second = offers as f64 / offers_took.as_secs_f64();
    println!(
        "loaded {offers} offers in {:.1} s through POST /offers/bulk, 1,000 a call, each call answered once the \
         offers are stored and matchable: {per_second:.0} offers/s (target 10,000 on SQLite, 6,667 on PostgreSQL) -> {}",
        offers_took.as_secs_f64(),
        verdict(per_second >= if service.postgres { 6_667.0 } else { 10_000.0 })
    );
    println!(
        "then {requests} consented requests and 23,484 recommendations; {:.1} s in all",
        started.elapsed().as_secs_f64()
    );
    Loaded { requests: ids, themes: gen.themes.clone(), states: gen.states.clone() }
}

/// Latencies of one caller making calls one after another for `seconds`.
fn latencies(seconds: f64, mut next_url: impl FnMut() -> String, key: Option<&str>) -> Vec<Duration> {
    let agent = agent();
    let until = Instant::now() + Duration::from_secs_f64(seconds);
    let mut took = Vec::new();
    while Instant::now() < until {
        let url = next_url();
        let t = Instant::now();
        let status = call(&agent, &url, key);
        took.push(t.elapsed());
        assert_eq!(status, 200, "{url}");
    }
    took.sort();
    took
}

/// `connections` callers calling `next_url` until `stop`; answers by status.
fn hammer(
    connections: usize,
    stop: &Arc<AtomicBool>,
    next_url: impl Fn(&mut Rng) -> String + Send + Sync + Clone + 'static,
) -> Vec<std::thread::JoinHandle<(usize, usize, usize)>> {
    (0..connections)
        .map(|c| {
            let (stop, next_url) = (Arc::clone(stop), next_url.clone());
            std::thread::spawn(move || {
                let agent = agent();
                let mut rng = Rng(0x00A7_7AC4 + c as u64);
                let (mut ok, mut limited, mut other) = (0, 0, 0);
                while !stop.load(Ordering::Relaxed) {
                    match call(&agent, &next_url(&mut rng), None) {
                        200 | 304 => ok += 1,
                        429 | 503 => limited += 1,
                        _ => other += 1,
                    }
                }
                (ok, limited, other)
            })
        })
        .collect()
}

fn throughput(base: &str, seconds: f64, what: &str, path: impl Fn(&mut Rng) -> String + Send + Sync + Clone + 'static) {
    let base = base.to_string();
    let next_url = move |rng: &mut Rng| format!("{base}{}", path(rng));
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let callers = hammer(LIST_CONNECTIONS, &stop, next_url.clone());
    std::thread::sleep(Duration::from_secs_f64(seconds));
    stop.store(true, Ordering::Relaxed);
    let (ok, limited, other) = callers
        .into_iter()
        .map(|h| h.join().expect("a caller"))
        .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
    let per_second = ok as f64 / started.elapsed().as_secs_f64();
    let mut rng = Rng(7);
    let sample = latencies(seconds.min(2.0), || next_url(&mut rng), None);
    println!(
        "  {what}: {per_second:.0} requests/s on {LIST_CONNECTIONS} connections ({ok} answered, {limited} 429/503, \
         {other} other); alone p50 {:.2} ms -> {}",
        ms(percentile(&sample, 0.5)),
        verdict(per_second >= 1000.0)
    );
}

fn main() {
    let offers = env_size("TCMATCH_LOAD_OFFERS", 100_000);
    let requests = env_size("TCMATCH_LOAD_REQUESTS", 200);
    let seconds = env_size("TCMATCH_LOAD_SECONDS", 10) as f64;
    let (service, key) = Service::start();
    let data = load(&service, &key, offers, requests);
    let base = service.base.clone();

    println!("1. another caller's GET /requests/{{id}}/matches while one client varies GET /matches:");
    let victim =
        |rng: &mut Rng| format!("{base}/requests/{}/matches?limit=10", data.requests[rng.below(data.requests.len())]);
    let mut rng = Rng(1);
    let quiet = latencies(seconds, || victim(&mut rng), Some(&key));
    let (themes, states) = (data.themes.clone(), data.states.clone());
    let attack_base = base.clone();
    let attack = move |rng: &mut Rng| {
        let mut url = format!(
            "{attack_base}/matches?per_request={}&limit={}&min_score=0.{:02}",
            1 + rng.below(20),
            1 + rng.below(200),
            rng.below(90)
        );
        match rng.below(4) {
            0 => url += &format!("&theme={}", themes[rng.below(themes.len())]),
            1 => url += &format!("&region={}", REGIONS[rng.below(REGIONS.len())]),
            2 => url += &format!("&state={}", states[rng.below(states.len())]),
            _ => {}
        }
        url
    };
    let stop = Arc::new(AtomicBool::new(false));
    let attackers = hammer(ATTACK_CONNECTIONS, &stop, attack);
    std::thread::sleep(Duration::from_millis(500));
    let mut rng = Rng(1);
    let attacked = latencies(seconds, || victim(&mut rng), Some(&key));
    stop.store(true, Ordering::Relaxed);
    let (ok, limited, other) = attackers
        .into_iter()
        .map(|h| h.join().expect("an attacker"))
        .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
    let (q50, a50) = (percentile(&quiet, 0.5), percentile(&attacked, 0.5));
    println!("  quiet: p50 {:.2} ms, p99 {:.2} ms ({} calls)", ms(q50), ms(percentile(&quiet, 0.99)), quiet.len());
    println!(
        "  under attack: p50 {:.2} ms, p99 {:.2} ms ({} calls); the attacker got {ok} answers, {limited} 429/503, {other} other",
        ms(a50),
        ms(percentile(&attacked, 0.99)),
        attacked.len()
    );
    let ratio = a50.as_secs_f64() / q50.as_secs_f64();
    println!("  median under attack / quiet: {ratio:.2}x (target under 3x) -> {}", verdict(ratio < 3.0));

    println!("2. lists an anonymous page calls:");
    let (themes, states) = (data.themes.clone(), data.states.clone());
    throughput(&base, seconds, "GET /offers?theme=&serves=", move |rng| {
        format!("/offers?theme={}&serves={}", themes[rng.below(themes.len())], states[rng.below(states.len())])
    });
    throughput(&base, seconds, "GET /recommendations?q=", |rng| {
        format!("/recommendations?q={}", SEARCH_WORDS[rng.below(SEARCH_WORDS.len())].replace(' ', "%20"))
    });

    println!("3. web pages listing 50 items, one reader at a time:");
    let site = base.trim_end_matches("/api/v1").to_string();
    let themes = data.themes.clone();
    let pages: [(&str, PagePath); 2] = [
        (
            "/{lang}/offers?theme=",
            Box::new(move |rng| {
                format!("/{}/offers?theme={}", LANGUAGES[rng.below(6)], themes[rng.below(themes.len())])
            }),
        ),
        ("/{lang}/requests", Box::new(|rng| format!("/{}/requests", LANGUAGES[rng.below(6)]))),
    ];
    for (what, path) in pages {
        let mut rng = Rng(3);
        let took = latencies(seconds, || format!("{site}{}", path(&mut rng)), None);
        let p99 = percentile(&took, 0.99);
        println!(
            "  GET {what}: p50 {:.2} ms, p99 {:.2} ms ({} pages) -> {}",
            ms(percentile(&took, 0.5)),
            ms(p99),
            took.len(),
            verdict(ms(p99) < 20.0)
        );
    }

    println!("4. every offer downloaded, one download at a time:");
    for format in ["csv", "xlsx"] {
        let (took, bytes, grew) = download(&service, &format!("{base}/offers?format={format}"), &key);
        println!(
            "  GET /offers?format={format}: {offers} offers, {:.1} MB in {:.2} s; the service's resident memory grew \
             by at most {:.1} MB while it ran (sampled every 5 ms; target under a quarter of the file, or of 32 MB \
             for a smaller one) -> {}",
            bytes as f64 / 1e6,
            took.as_secs_f64(),
            grew as f64 / 1e6,
            verdict(grew < bytes.max(32_000_000) / 4)
        );
    }
}

/// Downloads `url` whole: how long it took, how many bytes came, and how far the service's
/// resident memory rose above where it started meanwhile (Linux; 0 elsewhere).
fn download(service: &Service, url: &str, key: &str) -> (Duration, u64, u64) {
    let pid = service.child.id();
    let resident = move || {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap_or("VmRSS: 0 kB");
        line.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()).unwrap_or(0) * 1024
    };
    let before = resident();
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let mut peak = 0;
            while !done.load(Ordering::Relaxed) {
                peak = peak.max(resident());
                std::thread::sleep(Duration::from_millis(5));
            }
            peak
        })
    };
    let started = Instant::now();
    let res = agent().get(url).set("Authorization", &format!("Bearer {key}")).call().expect("the download answers");
    let mut bytes = 0u64;
    let mut reader = res.into_reader();
    let mut chunk = vec![0u8; 64 * 1024];
    while let Ok(n @ 1..) = std::io::Read::read(&mut reader, &mut chunk) {
        bytes += n as u64;
    }
    let took = started.elapsed();
    done.store(true, Ordering::Relaxed);
    let peak = sampler.join().expect("the sampler");
    (took, bytes, peak.saturating_sub(before))
}

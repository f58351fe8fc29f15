//! `tcmatch import FILE`: a file imported through a running instance as a job, its progress
//! drawn on stderr (a bar on a terminal, a line every tenth otherwise), the import's answer
//! printed on stdout. A retried command is safe: the file's digest is its `Idempotency-Key`,
//! and busy answers (429, 503) are waited out as their `Retry-After` says.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::config::{ImportArgs, ImportKind};
use crate::domain::access::hex;
use crate::error::StartupError;

/// How often the job is asked how far it got.
const POLL: Duration = Duration::from_millis(250);

/// Busy answers waited out before giving up.
const RETRIES: u32 = 10;

/// Imports the file; the import's answer, once the job succeeded.
pub fn import(args: &ImportArgs) -> Result<Value, StartupError> {
    let body =
        std::fs::read(&args.file).map_err(|e| StartupError(format!("cannot read {}: {e}", args.file.display())))?;
    let media = match args.file.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("json") => "application/json",
        Some("ndjson" | "jsonl") => "application/x-ndjson",
        _ => "text/csv",
    };
    let kind = match args.kind {
        ImportKind::Recommendations => "recommendations",
        ImportKind::Offers => "offers",
    };
    let base = args.url.trim_end_matches('/');
    let digest = format!("tcmatch-import-{kind}-{}", hex(&Sha256::digest(&body)));
    let auth = format!("Bearer {}", args.key);
    let job = with_retries(|| {
        ureq::post(&format!("{base}/api/v1/imports/{kind}"))
            .set("Authorization", &auth)
            .set("Content-Type", media)
            .set("Idempotency-Key", &digest)
            .send_bytes(&body)
            .map_err(Box::new)
    })?;
    let location = format!("{base}/api/v1/imports/{}", job["id"].as_str().unwrap_or_default());
    let mut bar = Bar::new(std::io::stderr().is_terminal());
    loop {
        let job = with_retries(|| ureq::get(&location).set("Authorization", &auth).call().map_err(Box::new))?;
        bar.draw(&job);
        match job["status"].as_str() {
            Some("succeeded") => {
                bar.done();
                return Ok(job["result"].clone());
            }
            Some("failed") => {
                bar.done();
                return Err(StartupError(describe(&job["problem"])));
            }
            _ => std::thread::sleep(POLL),
        }
    }
}

/// Calls until an answer is not busy (429, 503: waits as `Retry-After` says, at most a minute).
fn with_retries(call: impl Fn() -> Result<ureq::Response, Box<ureq::Error>>) -> Result<Value, StartupError> {
    for _ in 0..RETRIES {
        match call().map_err(|e| *e) {
            Ok(res) => return res.into_json().map_err(|e| StartupError(format!("an answer that is not JSON: {e}"))),
            Err(ureq::Error::Status(429 | 503, res)) => {
                let wait = res.header("retry-after").and_then(|s| s.trim().parse::<u64>().ok()).unwrap_or(1).min(60);
                std::thread::sleep(Duration::from_secs(wait));
            }
            Err(ureq::Error::Status(_, res)) => {
                let problem: Value = res.into_json().unwrap_or_default();
                return Err(StartupError(describe(&problem)));
            }
            Err(e) => return Err(StartupError(format!("cannot reach the service: {e}"))),
        }
    }
    Err(StartupError("the service stayed busy; try again later".into()))
}

/// A problem (RFC 9457) for a person: its detail, then every field in error on a line.
fn describe(problem: &Value) -> String {
    let mut text = problem["detail"].as_str().or(problem["title"].as_str()).unwrap_or("the import failed").to_string();
    for e in problem["errors"].as_array().into_iter().flatten() {
        text.push_str(&format!("\n  {}: {}", e["field"].as_str().unwrap_or(""), e["message"].as_str().unwrap_or("")));
    }
    text
}

/// Progress on stderr: redrawn in place on a terminal, else a line at every tenth.
struct Bar {
    terminal: bool,
    tenths_shown: Option<i64>,
}

impl Bar {
    fn new(terminal: bool) -> Bar {
        Bar { terminal, tenths_shown: None }
    }

    fn draw(&mut self, job: &Value) {
        let done = job["rows_done"].as_i64().unwrap_or(0);
        let Some(total) = job["rows_total"].as_i64().filter(|t| *t > 0) else { return };
        let tenths = done * 10 / total;
        let mut err = std::io::stderr().lock();
        if self.terminal {
            let filled = usize::try_from(done * 30 / total).unwrap_or(30).min(30);
            let _ = write!(err, "\r[{}{}] {done} / {total} rows", "#".repeat(filled), ".".repeat(30 - filled));
            let _ = err.flush();
        } else if self.tenths_shown != Some(tenths) {
            let _ = writeln!(err, "{done} / {total} rows");
            self.tenths_shown = Some(tenths);
        }
    }

    fn done(&self) {
        if self.terminal {
            let _ = writeln!(std::io::stderr());
        }
    }
}

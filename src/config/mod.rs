//! Settings: built-in defaults, overridden by environment variables (`DATABASE_URL`,
//! `TCMATCH_*`), overridden by command-line flags. `tcmatch --help` lists them all.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub mod origins;
pub mod proxies;

use crate::matcher::MatchConfig;
use crate::suggest::evaluation::Sessions;
use origins::CorsOrigins;
use proxies::TrustedProxies;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/tcmatch.db";

#[derive(Debug, Parser)]
#[command(
    name = "tcmatch",
    version,
    about = "Matches requests for human-rights technical assistance with offers of it"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Settings: accepted before or after any subcommand (`tcmatch --database-url X serve` and
    /// `tcmatch serve --database-url X` alike); the database ones serve every command.
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP service (the default): migrate, seed reference data, serve.
    Serve,
    /// Apply pending database migrations and seed reference data, then exit.
    Migrate,
    /// Copy the SQLite database, while the service runs, to a new file (a consistent snapshot;
    /// for PostgreSQL use pg_dump).
    Backup {
        /// The copy to write; it must not exist yet.
        output: PathBuf,
    },
    /// Create an API key and print its secret (shown only once): bootstraps the first admin.
    CreateKey(CreateKeyArgs),
    /// Import a file through a running instance as a job, showing its progress: a UPR Info CSV
    /// export of recommendations (admin key), or offers as CSV, JSON or NDJSON (provider or
    /// admin key). Prints the import's answer on stdout; every problem of the file on stderr.
    Import(ImportArgs),
    /// Print the OpenAPI document (JSON) to stdout or a file.
    Openapi {
        /// Write to this file instead of stdout.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Train the theme suggestion model on a UPR Info CSV export (its `Issue` labels).
    Train {
        /// The CSV (columns To, Text, From, Response, Action, Issue, Session).
        csv: PathBuf,
        /// UPR sessions to learn from, e.g. 1-10.
        #[arg(long, default_value = "1-13")]
        sessions: Sessions,
        /// Where to write the model (the service ships data/theme-model.bin).
        #[arg(long)]
        output: PathBuf,
        /// A training setting other than the default, as name=value (e.g. c=0.5); repeatable.
        #[arg(long = "set", value_name = "NAME=VALUE")]
        settings: Vec<String>,
    },
    /// Measure theme suggestion on a labelled UPR Info CSV export: micro- and macro-F1. Given
    /// several (the same rows in several languages), one line each, with the language detected.
    Evaluate {
        /// The CSV (columns To, Text, From, Response, Action, Issue, Session).
        #[arg(required = true)]
        csv: Vec<PathBuf>,
        /// UPR sessions to measure on, e.g. 11-13 (default: every row).
        #[arg(long)]
        sessions: Option<Sessions>,
        /// A model written by `tcmatch train` (default: the shipped one).
        #[arg(long)]
        model: Option<PathBuf>,
        /// How many themes to list, weakest first.
        #[arg(long, default_value_t = 8)]
        themes: usize,
    },
}

#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// sqlite://PATH (or a bare path) for the embedded database, postgres://... for PostgreSQL.
    #[arg(long, global = true, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,
    /// Log format.
    #[arg(long, global = true, env = "TCMATCH_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Args)]
pub struct CreateKeyArgs {
    /// admin, state or provider.
    #[arg(long)]
    pub role: String,
    /// The State a state key acts for, or the donor State of a provider key (alpha-3).
    #[arg(long)]
    pub state: Option<String>,
    /// The organization id of a provider key.
    #[arg(long)]
    pub organization: Option<String>,
    /// Who or what the key is for.
    #[arg(long, default_value = "")]
    pub label: String,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The file (`.csv`, `.json` or `.ndjson`).
    pub file: PathBuf,
    /// What the file holds.
    #[arg(long, value_enum, default_value_t = ImportKind::Recommendations)]
    pub kind: ImportKind,
    /// The instance to import through.
    #[arg(long, env = "TCMATCH_URL", default_value = "http://127.0.0.1:8080")]
    pub url: String,
    /// An API key allowed to import it.
    #[arg(long, env = "TCMATCH_API_KEY", hide_env_values = true)]
    pub key: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    Recommendations,
    Offers,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, global = true, env = "TCMATCH_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// HTTP worker threads (default: one per core).
    #[arg(long, global = true, env = "TCMATCH_WORKERS")]
    pub workers: Option<usize>,
    /// Threads (of lower priority) for work over the whole matcher index: ranking every request
    /// for `GET /matches`, tallying for `GET /stats/themes` (default: half the cores, at least 1).
    #[arg(long, global = true, env = "TCMATCH_HEAVY_THREADS")]
    pub heavy_threads: Option<usize>,
    /// Database connections in the pool (at least 3: the matcher index loads on three at start).
    #[arg(long, global = true, env = "TCMATCH_POOL_SIZE", default_value_t = 10)]
    pub pool_size: u32,
    /// Largest accepted JSON body, in bytes.
    #[arg(long, global = true, env = "TCMATCH_MAX_BODY_BYTES", default_value_t = 1024 * 1024)]
    pub max_body_bytes: usize,
    /// Largest accepted CSV import body, in bytes.
    #[arg(long, global = true, env = "TCMATCH_MAX_IMPORT_BYTES", default_value_t = 64 * 1024 * 1024)]
    pub max_import_bytes: usize,
    /// Sustained requests per minute per API key (anonymous: per client address); 0 turns the
    /// limit off.
    #[arg(long, global = true, env = "TCMATCH_RATE_LIMIT_PER_MINUTE", default_value_t = 600)]
    pub rate_limit_per_minute: u32,
    /// Requests a caller may make in a burst above the sustained rate.
    #[arg(long, global = true, env = "TCMATCH_RATE_LIMIT_BURST", default_value_t = 120)]
    pub rate_limit_burst: u32,
    /// Sustained requests per minute per administrator key (the secretariat's scripts and
    /// dashboards), apart from the others'; 0 turns the limit off.
    #[arg(long, global = true, env = "TCMATCH_ADMIN_RATE_LIMIT_PER_MINUTE", default_value_t = 6000)]
    pub admin_rate_limit_per_minute: u32,
    /// Requests an administrator key may make in a burst above its sustained rate.
    #[arg(long, global = true, env = "TCMATCH_ADMIN_RATE_LIMIT_BURST", default_value_t = 1200)]
    pub admin_rate_limit_burst: u32,
    /// Failed authentications (unknown, revoked or malformed keys) per minute per client
    /// address before it gets 429 without its keys being looked up; 0 turns the limit off.
    #[arg(long, global = true, env = "TCMATCH_AUTH_FAILURES_PER_MINUTE", default_value_t = 30)]
    pub auth_failures_per_minute: u32,
    /// Proxies (addresses or networks, `10.0.0.0/8,192.168.1.7`) whose `X-Forwarded-For` names
    /// the client for per-address limits; none by default (the peer is the client).
    #[arg(long, global = true, env = "TCMATCH_TRUSTED_PROXIES", default_value = "")]
    pub trusted_proxies: String,
    /// Matcher weights over the defaults, e.g. `theme=0.6,budget=0.05` (see README).
    #[arg(long, global = true, env = "TCMATCH_MATCH_WEIGHTS", default_value = "")]
    pub match_weights: String,
    /// How often (milliseconds) the matcher index picks up writes made by other instances.
    #[arg(long, global = true, env = "TCMATCH_SYNC_INTERVAL_MS", default_value_t = 1000)]
    pub sync_interval_ms: u64,
    /// How often (seconds) the matcher index is checked against the database's counts (a
    /// disagreement is logged, counted in /metrics and repaired by a rebuild); 0 turns it off.
    #[arg(long, global = true, env = "TCMATCH_INDEX_CHECK_SECS", default_value_t = 60)]
    pub index_check_secs: u64,
    /// Seconds in-flight requests get to finish on SIGTERM/SIGINT.
    #[arg(long, global = true, env = "TCMATCH_SHUTDOWN_TIMEOUT", default_value_t = 30)]
    pub shutdown_timeout: u64,
    /// Origins whose browser apps may call the API (`https://dash.example.org,...`, or `*`);
    /// none by default.
    #[arg(long, global = true, env = "TCMATCH_CORS_ORIGINS", default_value = "")]
    pub cors_origins: String,
    /// The IATI organisation identifier of whoever runs this repository, the reporting
    /// organisation (a secondary reporter) of its IATI exports; set it to your own.
    #[arg(long, global = true, env = "TCMATCH_IATI_REPORTER_REF", default_value = "XM-TCMATCH")]
    pub iati_reporter_ref: String,
    /// The wait before a failed webhook delivery is tried again, in milliseconds; each further
    /// wait is four times the last (eight attempts in all).
    #[arg(long, global = true, env = "TCMATCH_WEBHOOK_RETRY_BASE_MS", default_value_t = 10_000)]
    pub webhook_retry_base_ms: u64,
    /// Let webhooks point at private, loopback and link-local addresses (a receiver on this
    /// machine or network); off by default, so keys cannot make the service call inward.
    #[arg(long, global = true, env = "TCMATCH_WEBHOOK_PRIVATE_TARGETS")]
    pub webhook_private_targets: bool,
    /// That organisation's name.
    #[arg(
        long,
        global = true,
        env = "TCMATCH_IATI_REPORTER_NAME",
        default_value = "tcmatch repository of technical cooperation"
    )]
    pub iati_reporter_name: String,
}

/// Documented request-size limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest JSON body.
    pub json_body_bytes: usize,
    /// Largest CSV import body.
    pub import_body_bytes: usize,
}

/// Everything `startup::Application` needs; tests build it directly.
#[derive(Debug, Clone)]
pub struct Settings {
    pub bind: String,
    pub database_url: String,
    pub workers: usize,
    pub heavy_threads: usize,
    pub pool_size: u32,
    pub limits: Limits,
    pub rate_limit_per_minute: u32,
    pub rate_limit_burst: u32,
    pub admin_rate_limit_per_minute: u32,
    pub admin_rate_limit_burst: u32,
    pub auth_failures_per_minute: u32,
    pub trusted_proxies: TrustedProxies,
    pub match_config: MatchConfig,
    pub sync_interval_ms: u64,
    /// Seconds between checks of the matcher index against the database; 0: never.
    pub index_check_secs: u64,
    pub shutdown_timeout_secs: u64,
    pub cors_origins: CorsOrigins,
    pub iati_reporter: IatiReporter,
    pub webhooks: WebhookPolicy,
}

/// How webhooks are delivered.
#[derive(Debug, Clone, Copy)]
pub struct WebhookPolicy {
    /// The wait before a failed delivery's second attempt (each further wait is four times the
    /// last).
    pub retry_base: std::time::Duration,
    /// Whether receivers may be at private, loopback or link-local addresses.
    pub private_targets: bool,
}

impl Default for WebhookPolicy {
    fn default() -> Self {
        WebhookPolicy { retry_base: std::time::Duration::from_secs(10), private_targets: false }
    }
}

/// Who reports the repository's engagements as IATI activities.
#[derive(Debug, Clone)]
pub struct IatiReporter {
    /// An IATI organisation identifier.
    pub reference: String,
    pub name: String,
}

impl Default for IatiReporter {
    fn default() -> Self {
        IatiReporter { reference: "XM-TCMATCH".into(), name: "tcmatch repository of technical cooperation".into() }
    }
}

impl TryFrom<ServeArgs> for Settings {
    type Error = String;

    fn try_from(a: ServeArgs) -> Result<Self, String> {
        let match_config = MatchConfig::parse(&a.match_weights).map_err(|e| format!("--match-weights: {e}"))?;
        Ok(Settings {
            bind: a.bind,
            database_url: a.database.database_url,
            workers: a.workers.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
            heavy_threads: a
                .heavy_threads
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get() / 2))
                .max(1),
            pool_size: a.pool_size.max(3),
            limits: Limits { json_body_bytes: a.max_body_bytes, import_body_bytes: a.max_import_bytes },
            rate_limit_per_minute: a.rate_limit_per_minute,
            rate_limit_burst: a.rate_limit_burst,
            admin_rate_limit_per_minute: a.admin_rate_limit_per_minute,
            admin_rate_limit_burst: a.admin_rate_limit_burst,
            auth_failures_per_minute: a.auth_failures_per_minute,
            trusted_proxies: TrustedProxies::parse(&a.trusted_proxies)
                .map_err(|e| format!("--trusted-proxies: {e}"))?,
            match_config,
            sync_interval_ms: a.sync_interval_ms.max(10),
            index_check_secs: a.index_check_secs,
            shutdown_timeout_secs: a.shutdown_timeout,
            cors_origins: CorsOrigins::parse(&a.cors_origins).map_err(|e| format!("--cors-origins: {e}"))?,
            iati_reporter: IatiReporter { reference: a.iati_reporter_ref, name: a.iati_reporter_name },
            webhooks: WebhookPolicy {
                retry_base: std::time::Duration::from_millis(a.webhook_retry_base_ms.max(10)),
                private_targets: a.webhook_private_targets,
            },
        })
    }
}

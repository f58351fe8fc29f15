//! Starts the real service on a free port against a fresh database (a SQLite file in a temp
//! folder, or a new PostgreSQL database when `TCMATCH_TEST_POSTGRES_URL` is set), and talks
//! to it over HTTP.

use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use serde_json::Value;
use tcmatch::config::Limits;
use tcmatch::config::Settings;
use tcmatch::domain::access::Role;
use tcmatch::service::keys::NewKey;
use tcmatch::startup::Application;

pub const POSTGRES_ENV: &str = "TCMATCH_TEST_POSTGRES_URL";

/// Polls `done` every 50 ms until it holds, failing the test if it does not within `within`:
/// for what the service does in the background.
pub fn wait_until(what: &str, within: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !done() {
        assert!(Instant::now() < deadline, "{what}: not within {within:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Generates one `#[test]` per backend for each listed function `fn name(app: TestApp)`.
/// The PostgreSQL variants are compiled as ignored when `TCMATCH_TEST_POSTGRES_URL` is unset
/// (CI sets it), so a run without a server reports them as ignored, never as passed.
#[macro_export]
macro_rules! backend_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $name() { super::$name($crate::helpers::TestApp::spawn($crate::helpers::Backend::Sqlite)) })*
        }
        mod postgres {
            $(#[test]
            #[cfg_attr(not(postgres_tests), ignore = "TCMATCH_TEST_POSTGRES_URL is not set")]
            fn $name() {
                super::$name($crate::helpers::TestApp::spawn($crate::helpers::Backend::Postgres))
            })*
        }
    };
}

/// A fresh database for one test, removed when the test ends.
pub struct TestDatabase {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Folder(std::path::PathBuf),
    Database { admin_url: String, name: String },
}

impl TestDatabase {
    pub fn create(backend: Backend) -> TestDatabase {
        let unique = uuid::Uuid::new_v4().simple().to_string();
        match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(format!("tcmatch-test-{unique}"));
                std::fs::create_dir_all(&dir).expect("temp folder");
                let url = format!("sqlite://{}", dir.join("tcmatch.db").display());
                TestDatabase { url, cleanup: Cleanup::Folder(dir) }
            }
            Backend::Postgres => {
                let admin_url = std::env::var(POSTGRES_ENV).expect("checked by the caller");
                let name = format!("tcmatch_test_{unique}");
                let mut admin = PgConnection::establish(&admin_url).expect("connect to TCMATCH_TEST_POSTGRES_URL");
                admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("create test database");
                let (base, query) = match admin_url.split_once('?') {
                    Some((b, q)) => (b, format!("?{q}")),
                    None => (admin_url.as_str(), String::new()),
                };
                let server = base.rsplit_once('/').map_or(base, |(server, _)| server);
                let url = format!("{server}/{name}{query}");
                TestDatabase { url, cleanup: Cleanup::Database { admin_url, name } }
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Folder(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Database { admin_url, name } => {
                if let Ok(mut admin) = PgConnection::establish(admin_url) {
                    let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
                }
            }
        }
    }
}

/// A running server thread.
struct Server {
    handle: actix_web::dev::ServerHandle,
    thread: Option<JoinHandle<()>>,
    port: u16,
}

impl Server {
    fn start(settings: Settings) -> Result<Server, String> {
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                match Application::build(&settings) {
                    Ok(app) => {
                        let _ = tx.send(Ok((app.port(), app.handle())));
                        let _ = app.run_until_stopped().await;
                    }
                    Err(e) => {
                        let _ = tx.send(Err(e.to_string()));
                    }
                }
            })
        });
        let (port, handle) = rx.recv_timeout(Duration::from_secs(60)).map_err(|e| e.to_string())??;
        Ok(Server { handle, thread: Some(thread), port })
    }

    fn stop(&mut self) {
        actix_web::rt::System::new().block_on(self.handle.stop(true));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

pub struct TestApp {
    pub backend: Backend,
    pub address: String,
    /// The secret of an admin key made at start, as `tcmatch create-key --role admin` does.
    pub admin_key: String,
    server: Server,
    /// A second instance on the same database, when asked for.
    peer: Option<Server>,
    // Declared after `server`: the database is dropped once the server has stopped.
    database: TestDatabase,
    agent: ureq::Agent,
}

pub fn settings(database_url: &str) -> Settings {
    Settings {
        bind: "127.0.0.1:0".into(),
        database_url: database_url.to_string(),
        workers: 2,
        heavy_threads: 1,
        pool_size: 4,
        limits: Limits { json_body_bytes: 1024 * 1024, import_body_bytes: 64 * 1024 * 1024 },
        rate_limit_per_minute: 6000,
        rate_limit_burst: 1000,
        admin_rate_limit_per_minute: 6000,
        admin_rate_limit_burst: 1000,
        auth_failures_per_minute: 600,
        trusted_proxies: Default::default(),
        match_config: tcmatch::matcher::MatchConfig::default(),
        sync_interval_ms: 100,
        index_check_secs: 1,
        shutdown_timeout_secs: 5,
        cors_origins: Default::default(),
        iati_reporter: Default::default(),
        // The tests' receivers listen on 127.0.0.1.
        webhooks: tcmatch::config::WebhookPolicy {
            retry_base: std::time::Duration::from_millis(200),
            private_targets: true,
        },
    }
}

impl TestApp {
    pub fn spawn(backend: Backend) -> TestApp {
        if std::env::var("TEST_LOG").is_ok() {
            tcmatch::telemetry::init(tcmatch::config::LogFormat::Text);
        }
        TestApp::spawn_with(backend, |_| {})
    }

    /// Like [`TestApp::spawn`], with settings changed first (limits, rates).
    pub fn spawn_with(backend: Backend, change: impl FnOnce(&mut Settings)) -> TestApp {
        let database = TestDatabase::create(backend);
        let admin_key = admin_key(&database.url);
        let mut settings = settings(&database.url);
        change(&mut settings);
        let server = Server::start(settings).expect("the app starts");
        TestApp {
            backend,
            address: format!("http://127.0.0.1:{}", server.port),
            admin_key,
            server,
            peer: None,
            database,
            agent: agent(),
        }
    }

    /// Two instances of the service started at the same moment on one fresh database, as
    /// several stateless instances behind a load balancer would be.
    pub fn spawn_pair(backend: Backend) -> TestApp {
        TestApp::spawn_pair_with(backend, |_| {})
    }

    /// Like [`TestApp::spawn_pair`], with the second instance's settings changed first.
    pub fn spawn_pair_with(backend: Backend, change_peer: impl FnOnce(&mut Settings) + Send) -> TestApp {
        let database = TestDatabase::create(backend);
        let mut peer_settings = settings(&database.url);
        change_peer(&mut peer_settings);
        let (first, second) = std::thread::scope(|s| {
            let a = s.spawn(|| Server::start(settings(&database.url)));
            let b = s.spawn(|| Server::start(peer_settings));
            (a.join().expect("no panic"), b.join().expect("no panic"))
        });
        let server = first.expect("the first instance starts");
        let peer = second.expect("the second instance starts");
        TestApp {
            backend,
            address: format!("http://127.0.0.1:{}", server.port),
            admin_key: admin_key(&database.url),
            server,
            peer: Some(peer),
            database,
            agent: agent(),
        }
    }

    /// Starts another instance on this app's database now.
    pub fn start_instance(&self) -> Instance {
        let server = Server::start(settings(&self.database.url)).expect("another instance starts");
        Instance { server, agent: agent() }
    }

    /// The address of `path` on the second instance of [`TestApp::spawn_pair`].
    pub fn peer_url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.peer.as_ref().expect("spawned with spawn_pair").port)
    }

    /// GET through the second instance of [`TestApp::spawn_pair`], with a key or anonymous.
    pub fn peer_get(&self, path: &str, key: Option<&str>) -> Resp {
        self.peer_get_with(path, key, &[])
    }

    pub fn peer_get_with(&self, path: &str, key: Option<&str>, headers: &[(&str, &str)]) -> Resp {
        let peer = self.peer.as_ref().expect("spawned with spawn_pair");
        let mut req = self.agent.get(&format!("http://127.0.0.1:{}{path}", peer.port));
        if let Some(key) = key {
            req = req.set("Authorization", &format!("Bearer {key}"));
        }
        for (name, value) in headers {
            req = req.set(name, value);
        }
        match req.call() {
            Ok(res) | Err(ureq::Error::Status(_, res)) => Resp::read(res),
            Err(e) => panic!("GET {path} via the peer: {e}"),
        }
    }

    /// Stops the process's server and starts a new one on the same database.
    pub fn restart(&mut self) {
        self.server.stop();
        self.server = Server::start(settings(&self.database.url)).expect("the app restarts");
        self.address = format!("http://127.0.0.1:{}", self.server.port);
    }

    /// The app's SQLite file.
    pub fn sqlite_path(&self) -> std::path::PathBuf {
        let path = self.database.url.strip_prefix("sqlite://").expect("a SQLite test database");
        std::path::PathBuf::from(path)
    }

    pub fn database_url(&self) -> &str {
        &self.database.url
    }

    /// Holds SQLite's write lock (an open `BEGIN IMMEDIATE`) until the returned connection drops.
    pub fn hold_write_lock(&self) -> diesel::SqliteConnection {
        let mut conn = diesel::SqliteConnection::establish(&self.sqlite_path().to_string_lossy()).expect("open");
        conn.batch_execute("BEGIN IMMEDIATE").expect("the write lock");
        conn
    }

    /// PostgreSQL: removes the app's database from under it, as an outage would.
    pub fn take_database_down(&self) {
        let Cleanup::Database { admin_url, name } = &self.database.cleanup else { panic!("a PostgreSQL test") };
        let mut admin = PgConnection::establish(admin_url).expect("connect as admin");
        admin.batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)")).expect("drop the test database");
    }

    /// Runs a statement on the app's database directly (to age or damage stored data).
    pub fn sql(&self, statement: &str) {
        use diesel::RunQueryDsl;
        let db = tcmatch::db::Db::connect(&self.database.url, 1).expect("the test database");
        let mut conn = db.get().expect("a connection");
        diesel::sql_query(statement).execute(&mut *conn).expect("the statement runs");
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Calls made with the admin key (what the plain methods below do).
    pub fn admin(&self) -> Session<'_> {
        self.with_key(Some(&self.admin_key))
    }

    pub fn anonymous(&self) -> Session<'_> {
        self.with_key(None)
    }

    pub fn with_key(&self, key: Option<&str>) -> Session<'_> {
        Session { app: self, key: key.map(str::to_string) }
    }

    /// Creates a key with the admin key and returns its secret.
    pub fn key(&self, body: Value) -> String {
        self.create("/api/v1/keys", &body)["secret"].as_str().expect("a secret").to_string()
    }

    pub fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Resp {
        self.admin().send(method, path, headers, body)
    }

    pub fn get(&self, path: &str) -> Resp {
        self.admin().get(path)
    }

    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Resp {
        self.admin().get_with(path, headers)
    }

    pub fn post(&self, path: &str, body: &Value) -> Resp {
        self.admin().post(path, body)
    }

    pub fn patch(&self, path: &str, if_match: Option<&str>, body: &Value) -> Resp {
        self.admin().patch(path, if_match, body)
    }

    pub fn create(&self, path: &str, body: &Value) -> Value {
        self.admin().create(path, body)
    }
}

/// Another instance of the service on a [`TestApp`]'s database, started later.
pub struct Instance {
    server: Server,
    agent: ureq::Agent,
}

impl Instance {
    /// An anonymous GET.
    pub fn get(&self, path: &str) -> Resp {
        match self.agent.get(&format!("http://127.0.0.1:{}{path}", self.server.port)).call() {
            Ok(res) | Err(ureq::Error::Status(_, res)) => Resp::read(res),
            Err(e) => panic!("GET {path} via another instance: {e}"),
        }
    }
}

fn agent() -> ureq::Agent {
    // Redirects are answers to check, not to follow.
    ureq::AgentBuilder::new().timeout(Duration::from_secs(120)).redirects(0).build()
}

fn admin_key(database_url: &str) -> String {
    let new = NewKey { role: Role::Admin, state: None, organization_id: None, label: "tests".into() };
    tcmatch::startup::create_key(database_url, new).expect("an admin key").secret
}

/// Calls to a [`TestApp`] as one caller: an API key, or anonymous.
pub struct Session<'a> {
    app: &'a TestApp,
    key: Option<String>,
}

impl Session<'_> {
    pub fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Resp {
        let mut req = self.app.agent.request(method, &self.app.url(path));
        if let Some(key) = &self.key {
            req = req.set("Authorization", &format!("Bearer {key}"));
        }
        for (k, v) in headers {
            req = req.set(k, v);
        }
        let result = match body {
            Some(bytes) => req.send_bytes(bytes),
            None => req.call(),
        };
        let res = match result {
            Ok(res) | Err(ureq::Error::Status(_, res)) => res,
            Err(e) => panic!("{method} {path}: {e}"),
        };
        Resp::read(res)
    }

    pub fn get(&self, path: &str) -> Resp {
        self.send("GET", path, &[], None)
    }

    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Resp {
        self.send("GET", path, headers, None)
    }

    pub fn post(&self, path: &str, body: &Value) -> Resp {
        let bytes = serde_json::to_vec(body).expect("json");
        self.send("POST", path, &[("Content-Type", "application/json")], Some(&bytes))
    }

    pub fn patch(&self, path: &str, if_match: Option<&str>, body: &Value) -> Resp {
        let bytes = serde_json::to_vec(body).expect("json");
        let mut headers = vec![("Content-Type", "application/json")];
        if let Some(tag) = if_match {
            headers.push(("If-Match", tag));
        }
        self.send("PATCH", path, &headers, Some(&bytes))
    }

    /// Creates a resource and returns its body, asserting 201.
    pub fn create(&self, path: &str, body: &Value) -> Value {
        let res = self.post(path, body);
        assert_eq!(res.status, 201, "POST {path}: {}", res.excerpt());
        res.json()
    }
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The body as text (empty when it is not UTF-8, as a spreadsheet's is).
    pub text: String,
    pub bytes: Vec<u8>,
}

impl Resp {
    fn read(res: ureq::Response) -> Resp {
        let status = res.status();
        let mut names = res.headers_names();
        names.sort();
        names.dedup();
        let headers =
            names.iter().flat_map(|name| res.all(name).into_iter().map(|v| (name.clone(), v.to_string()))).collect();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut res.into_reader(), &mut bytes).expect("a body");
        let text = String::from_utf8(bytes.clone()).unwrap_or_default();
        Resp { status, headers, text, bytes }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn etag(&self) -> String {
        self.header("etag").expect("an ETag").to_string()
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    /// Asserts a problem+json error with this status, and returns its body.
    /// The body, cut short for assertion messages.
    pub fn excerpt(&self) -> &str {
        let end = self.text.char_indices().nth(600).map_or(self.text.len(), |(i, _)| i);
        &self.text[..end]
    }

    pub fn problem(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "expected {status}, got: {}", self.excerpt());
        assert_eq!(self.header("content-type"), Some("application/problem+json"), "{}", self.excerpt());
        let body = self.json();
        assert_eq!(body["status"], status);
        for key in ["type", "title", "detail"] {
            assert!(body[key].is_string(), "problem without {key}: {body}");
        }
        body
    }

    /// Asserts a problem naming `field` among its field errors; returns that message.
    pub fn field_error(&self, status: u16, field: &str) -> String {
        let body = self.problem(status);
        let errors = body["errors"].as_array().unwrap_or_else(|| panic!("no errors list: {body}"));
        errors.iter().find(|e| e["field"] == field).unwrap_or_else(|| panic!("no error for field {field}: {body}"))
            ["message"]
            .as_str()
            .expect("a message")
            .to_string()
    }
}

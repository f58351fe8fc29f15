//! Storage: one Diesel connection type over SQLite and PostgreSQL, chosen by the URL scheme,
//! its pool, the write-transaction helper, migrations, and the queries of each resource.

pub mod audit;
pub mod backup;
pub mod changes;
pub mod columns;
pub mod engagements;
pub mod idempotency;
pub mod keys;
pub mod match_source;
pub mod migrate;
pub mod offers;
pub mod organizations;
pub mod page;
pub mod recommendations;
pub mod requests;
pub mod schema;
pub mod seed;
pub mod text_search;

use std::path::Path;
use std::time::Duration;

use actix_web::web;
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::r2d2::{self, ManageConnection};
use diesel::{Connection, PgConnection, SqliteConnection};

use crate::error::{AppResult, StartupError};

/// A connection to whichever backend `DATABASE_URL` names.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which backend a database URL selects, and what to hand to its driver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Postgres(String),
    /// A file path (the `sqlite://` prefix removed).
    Sqlite(String),
}

impl DatabaseUrl {
    /// `postgres://` and `postgresql://` select PostgreSQL; `sqlite://PATH`, `sqlite:PATH` or a
    /// bare path select SQLite.
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        if url.is_empty() {
            return Err("the database URL is empty".into());
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(url.to_string()));
        }
        let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
        if path.is_empty() || path == ":memory:" {
            return Err("SQLite needs a file path (an in-memory database is not shared by the pool)".into());
        }
        if let Some((scheme, _)) = path.split_once("://") {
            return Err(format!("unsupported database URL scheme '{scheme}' (use sqlite:// or postgres://)"));
        }
        Ok(DatabaseUrl::Sqlite(path.to_string()))
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            DatabaseUrl::Postgres(_) => "postgres",
            DatabaseUrl::Sqlite(_) => "sqlite",
        }
    }

    /// Opens one connection, configured like every pooled one.
    pub fn connect(&self) -> diesel::ConnectionResult<DbConn> {
        match self {
            DatabaseUrl::Postgres(url) => PgConnection::establish(url).map(DbConn::Pg),
            DatabaseUrl::Sqlite(path) => {
                let mut conn = SqliteConnection::establish(path)?;
                // Per connection: wait on locks instead of failing, enforce foreign keys, and
                // trade the last-transaction durability on power loss for write speed (WAL).
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                )
                .map_err(|e| diesel::ConnectionError::BadConnection(e.to_string()))?;
                Ok(DbConn::Sqlite(conn))
            }
        }
    }
}

/// Builds pooled connections for one backend (the derived `establish` would guess the backend,
/// and would open a SQLite file named after a mistyped PostgreSQL URL).
#[derive(Debug)]
pub struct Manager(DatabaseUrl);

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConn, Self::Error> {
        self.0.connect().map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), Self::Error> {
        conn.batch_execute("SELECT 1").map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConn) -> bool {
        <DbConn as Connection>::TransactionManager::is_broken_transaction_manager(conn)
    }
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// The database handle the app shares: the pool, which backend it talks to, and since when it
/// has been unreachable, if it is.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    backend: &'static str,
    down_since: std::sync::Arc<std::sync::Mutex<Option<std::time::Instant>>>,
}

/// How long a checkout waits for a connection: long enough for a busy pool, and, once the
/// database is known to be down, only long enough to notice it is back.
const CHECKOUT_WAIT: Duration = Duration::from_secs(5);
const CHECKOUT_WAIT_WHILE_DOWN: Duration = Duration::from_millis(800);

impl Db {
    /// Connects (creating the SQLite file and its folder if needed), failing fast with the real
    /// cause instead of the pool's generic time-out.
    pub fn connect(url: &str, pool_size: u32) -> Result<Db, StartupError> {
        let parsed = DatabaseUrl::parse(url).map_err(StartupError)?;
        if let DatabaseUrl::Sqlite(path) = &parsed {
            prepare_sqlite_file(path)?;
        }
        // Probe once so a bad URL or a down server is reported as it is.
        let mut probe = parsed
            .connect()
            .map_err(|e| StartupError(format!("cannot connect to the {} database: {e}", parsed.backend_name())))?;
        if let DbConn::Sqlite(conn) = &mut probe {
            enable_wal(conn)?;
        }
        drop(probe);
        let backend = parsed.backend_name();
        let pool = r2d2::Pool::builder()
            .max_size(pool_size)
            .min_idle(Some(1))
            .connection_timeout(CHECKOUT_WAIT)
            .build(Manager(parsed))
            .map_err(|e| StartupError(format!("cannot build the connection pool: {e}")))?;
        Ok(Db { pool, backend, down_since: Default::default() })
    }

    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// Open and idle connections.
    pub fn pool_state(&self) -> (u32, u32) {
        let state = self.pool.state();
        (state.connections, state.idle_connections)
    }

    /// A connection from the pool; 503 at once (within a second) while the database is known
    /// to be unreachable, rather than after the full wait.
    pub fn get(&self) -> AppResult<PooledConn> {
        let mut down_since = self.down_since.lock().unwrap_or_else(|p| p.into_inner());
        let wait = if down_since.is_some() { CHECKOUT_WAIT_WHILE_DOWN } else { CHECKOUT_WAIT };
        drop(down_since);
        let got = self.pool.get_timeout(wait);
        down_since = self.down_since.lock().unwrap_or_else(|p| p.into_inner());
        match got {
            Ok(conn) => {
                if down_since.take().is_some() {
                    tracing::info!("the database is reachable again");
                }
                Ok(conn)
            }
            Err(e) => {
                if down_since.is_none() && self.pool.state().connections == 0 {
                    tracing::warn!(error = %e, "the database is unreachable");
                    *down_since = Some(std::time::Instant::now());
                }
                Err(e.into())
            }
        }
    }

    /// Runs blocking Diesel work on the blocking thread pool: checkout and queries both happen
    /// there, never on an async worker.
    pub async fn run<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConn) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let db = self.clone();
        let span = tracing::Span::current();
        web::block(move || {
            let _entered = span.enter();
            let mut conn = db.get()?;
            f(&mut conn)
        })
        .await?
    }

    /// Like [`Db::run`], inside one write transaction (`BEGIN IMMEDIATE` on SQLite).
    pub async fn write<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConn) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.run(move |conn| write_tx(conn, f)).await
    }
}

/// Runs `f` in one transaction. On SQLite it starts with `BEGIN IMMEDIATE`, so the write lock is
/// taken up front and concurrent writers queue on the busy timeout instead of failing mid-way.
pub fn write_tx<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    in_transaction(conn, f, |conn| match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE"),
        DbConn::Pg(c) => AnsiTransactionManager::begin_transaction(c),
    })
}

/// Runs `f` in one read-only snapshot of the database: repeatable read on PostgreSQL; on SQLite
/// a deferred transaction, which in WAL mode reads one snapshot from its first read on.
pub fn read_snapshot<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    in_transaction(conn, f, |conn| match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN DEFERRED"),
        DbConn::Pg(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        }
    })
}

fn in_transaction<T, E, F>(
    conn: &mut DbConn,
    f: F,
    begin: impl FnOnce(&mut DbConn) -> diesel::QueryResult<()>,
) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    begin(conn)?;
    match f(conn) {
        Ok(value) => {
            <DbConn as Connection>::TransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(err) => {
            if let Err(rollback) = <DbConn as Connection>::TransactionManager::rollback_transaction(conn) {
                tracing::error!(error = %rollback, "rollback failed");
            }
            Err(err)
        }
    }
}

/// Switching to WAL needs a moment alone with the file, which another instance starting on it may
/// be holding: retry for a while.
fn enable_wal(conn: &mut SqliteConnection) -> Result<(), StartupError> {
    let mut attempts = 0;
    loop {
        match conn.batch_execute("PRAGMA journal_mode = WAL;") {
            Ok(()) => return Ok(()),
            Err(e) if attempts < 100 && e.to_string().contains("locked") => {
                attempts += 1;
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => return Err(StartupError(format!("cannot enable WAL: {e}"))),
        }
    }
}

/// Creates the database's folder and file if they are missing, readable by their owner only
/// (SQLite gives its WAL and shared-memory files the same permissions).
fn prepare_sqlite_file(path: &str) -> Result<(), StartupError> {
    if path.starts_with("file:") {
        return Ok(());
    }
    if let Some(dir) = Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut folder = std::fs::DirBuilder::new();
        folder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut folder, 0o700);
        folder
            .create(dir)
            .map_err(|e| StartupError(format!("cannot create the database folder {}: {e}", dir.display())))?;
    }
    let mut file = std::fs::OpenOptions::new();
    file.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut file, 0o600);
    match file.open(path) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
            Err(StartupError(format!("cannot create the database file {path}: {e}")))
        }
        _ => Ok(()),
    }
}

/// Multi-row INSERT, which Diesel offers per backend but not through the `MultiConnection`
/// enum: the same statement, built for whichever connection this is.
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            $crate::db::DbConn::Pg(c) => diesel::insert_into($table).values($rows).execute(c),
            $crate::db::DbConn::Sqlite(c) => diesel::insert_into($table).values($rows).execute(c),
        }
    };
}
pub(crate) use insert_all;

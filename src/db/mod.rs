//! Storage: the connection pool, write transactions and read snapshots, migrations, and the
//! queries of each resource, over SQLite or PostgreSQL; what differs between the two is all in
//! [`backend`].

pub mod audit;
pub mod backend;
pub mod changes;
pub mod columns;
pub mod engagements;
pub mod idempotency;
pub mod jobs;
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
pub mod sessions;
pub mod text_search;
pub mod webhooks;

use std::time::Duration;

use actix_web::web;
use diesel::connection::{SimpleConnection, TransactionManager};
use diesel::r2d2::{self, ManageConnection};
use diesel::Connection;

pub(crate) use backend::insert_all;
pub use backend::{DatabaseUrl, DbConn, MultiBackend};

use crate::error::{AppResult, StartupError};

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
        parsed.prepare()?;
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
    in_transaction(conn, f, backend::begin_write)
}

/// Runs `f` in one read-only snapshot of the database: repeatable read on PostgreSQL; on SQLite
/// a deferred transaction, which in WAL mode reads one snapshot from its first read on.
pub fn read_snapshot<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    in_transaction(conn, f, backend::begin_snapshot)
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

//! Everything that differs between SQLite and PostgreSQL, in one place: the connection type and
//! how to open one, transactions and snapshots, migrations run alone, the horizon that orders
//! changes by commit, splitting a table for parallel loading, full-text search, copying the
//! database, and multi-row inserts. Adding a database means a variant here and its migrations.

use std::path::Path;
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::dsl::sql;
use diesel::expression::BoxableExpression;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};
use diesel::{PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::schema::{recommendation_search, recommendations};
use super::write_tx;
use crate::error::{AppError, AppResult, Said, StartupError};

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

    /// Makes the database ready to connect to (a SQLite file and its folder, created private,
    /// in WAL mode), and checks a connection opens, so a bad URL or a down server is reported
    /// as it is.
    pub fn prepare(&self) -> Result<(), StartupError> {
        if let DatabaseUrl::Sqlite(path) = self {
            prepare_sqlite_file(path)?;
        }
        let mut probe = self
            .connect()
            .map_err(|e| StartupError(format!("cannot connect to the {} database: {e}", self.backend_name())))?;
        if let DbConn::Sqlite(conn) = &mut probe {
            enable_wal(conn)?;
        }
        Ok(())
    }

    /// Opens one connection, configured like every pooled one.
    pub fn connect(&self) -> diesel::ConnectionResult<DbConn> {
        match self {
            DatabaseUrl::Postgres(url) => PgConnection::establish(url).map(DbConn::Pg),
            DatabaseUrl::Sqlite(path) => {
                let mut conn = SqliteConnection::establish(path)?;
                // Per connection: wait on locks instead of failing, enforce foreign keys, trade
                // the last-transaction durability on power loss for write speed (WAL), and copy
                // the WAL back into the database every 8,192 pages (32 MiB) instead of every
                // 1,000: a bulk submission of 1,000 offers writes about 3 MiB, and checkpointing
                // after nearly every one cost it a quarter of its time.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 8192;",
                )
                .map_err(|e| diesel::ConnectionError::BadConnection(e.to_string()))?;
                Ok(DbConn::Sqlite(conn))
            }
        }
    }
}

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Arbitrary, fixed key of the advisory lock that serialises start-up across instances.
const SCHEMA_LOCK_KEY: i64 = 0x0074_636d_6174_6368;

/// Begins a write transaction. On SQLite, `BEGIN IMMEDIATE` takes the write lock up front, so
/// concurrent writers queue on the busy timeout instead of failing mid-way.
pub fn begin_write(conn: &mut DbConn) -> diesel::QueryResult<()> {
    match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE"),
        DbConn::Pg(c) => AnsiTransactionManager::begin_transaction(c),
    }
}

/// Begins a read-only snapshot: repeatable read on PostgreSQL; on SQLite a deferred transaction,
/// which in WAL mode reads one snapshot from its first read on.
pub fn begin_snapshot(conn: &mut DbConn) -> diesel::QueryResult<()> {
    match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN DEFERRED"),
        DbConn::Pg(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        }
    }
}

/// Runs `work` while no other instance runs it (start-up): on PostgreSQL under an advisory lock,
/// on SQLite inside one `BEGIN IMMEDIATE` transaction.
pub fn alone<T>(
    conn: &mut DbConn,
    work: impl FnOnce(&mut DbConn) -> Result<T, StartupError>,
) -> Result<T, StartupError> {
    match conn {
        DbConn::Sqlite(_) => write_tx(conn, work),
        DbConn::Pg(c) => {
            c.batch_execute(&format!("SELECT pg_advisory_lock({SCHEMA_LOCK_KEY})"))?;
            let result = work(conn);
            conn.batch_execute(&format!("SELECT pg_advisory_unlock({SCHEMA_LOCK_KEY})"))?;
            result
        }
    }
}

/// Applies the embedded migrations this database has not run yet; returns their versions.
pub fn run_migrations(conn: &mut DbConn) -> Result<Vec<String>, StartupError> {
    let applied = match conn {
        DbConn::Sqlite(c) => {
            c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.iter().map(ToString::to_string).collect())
        }
        DbConn::Pg(c) => {
            c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|v| v.iter().map(ToString::to_string).collect())
        }
    };
    applied.map_err(|e| StartupError(format!("migration failed: {e}")))
}

#[derive(QueryableByName)]
struct Horizon {
    #[diesel(sql_type = BigInt)]
    xmin: i64,
}

/// On PostgreSQL, the oldest transaction still running in the current snapshot (the whole
/// snapshot of a repeatable-read transaction): every change of an older one is visible.
/// `None` where writers take turns (SQLite), so changes commit in the order they are numbered.
pub fn oldest_running_transaction(conn: &mut DbConn) -> AppResult<Option<i64>> {
    match conn {
        DbConn::Sqlite(_) => Ok(None),
        DbConn::Pg(c) => {
            let query = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin";
            Ok(Some(diesel::sql_query(query).get_result::<Horizon>(c)?.xmin))
        }
    }
}

/// How the start-up load splits the offers between two connections.
pub enum Halves {
    /// PostgreSQL: the table's pages below this one, and the rest, so each connection scans only
    /// its own pages. The halves are read in two snapshots: an offer updated in between may be
    /// met twice (the index keeps one) or not at all (its change, later than the load's
    /// horizon, brings it in).
    Pages(i64),
    /// Elsewhere: by the last hex digit of the id, which is random.
    IdDigit,
}

#[derive(QueryableByName)]
struct TablePages {
    #[diesel(sql_type = BigInt)]
    pages: i64,
}

impl Halves {
    pub fn of_offers(conn: &mut DbConn) -> AppResult<Halves> {
        match conn {
            DbConn::Pg(c) => {
                let size = "SELECT pg_relation_size('offers') / current_setting('block_size')::bigint AS pages";
                Ok(Halves::Pages(diesel::sql_query(size).get_result::<TablePages>(c)?.pages / 2))
            }
            DbConn::Sqlite(_) => Ok(Halves::IdDigit),
        }
    }

    /// The SQL condition that selects half `half` (0 or 1).
    pub fn condition(&self, half: u8) -> String {
        match (self, half) {
            (Halves::Pages(middle), 0) => format!("ctid < '({middle},0)'::tid"),
            (Halves::Pages(middle), _) => format!("ctid >= '({middle},0)'::tid"),
            (Halves::IdDigit, 0) => "substr(id, length(id), 1) < '8'".to_string(),
            (Halves::IdDigit, _) => "substr(id, length(id), 1) >= '8'".to_string(),
        }
    }
}

/// An FTS5 query: each term as a prefix, all of them required. Terms hold only letters and
/// digits, so quoting cannot be escaped from.
fn fts5_query(terms: &[String]) -> String {
    terms.iter().map(|t| format!("\"{t}\"*")).collect::<Vec<_>>().join(" ")
}

/// A condition on recommendations: their text has a word beginning with each term (SQLite's
/// FTS5 index, PostgreSQL's `tsvector`).
pub fn recommendations_with(
    conn: &DbConn,
    terms: &[String],
) -> Box<dyn BoxableExpression<recommendations::table, MultiBackend, SqlType = Bool>> {
    match conn {
        DbConn::Sqlite(_) => Box::new(
            sql::<Bool>(
                "recommendations.id IN (SELECT s.id FROM recommendation_search s WHERE s.key IN \
                 (SELECT rowid FROM recommendations_fts WHERE recommendations_fts MATCH ",
            )
            .bind::<Text, _>(fts5_query(terms))
            .sql("))"),
        ),
        DbConn::Pg(_) => {
            let query: Vec<String> = terms.iter().map(|t| format!("{t}:*")).collect();
            Box::new(
                sql::<Bool>("recommendations.text_search @@ to_tsquery('simple', ")
                    .bind::<Text, _>(query.join(" & "))
                    .sql(")"),
            )
        }
    }
}

#[derive(QueryableByName)]
struct Key {
    #[diesel(sql_type = BigInt)]
    key: i64,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// A search of recommendations by words alone, where the full-text index can answer it whole
/// (SQLite's, keyed in stored order): the ids of up to `limit` matches after the one with id
/// `after`, in the order stored, and how many match. `None` elsewhere.
pub fn search_recommendations(
    conn: &mut DbConn,
    terms: &[String],
    after: Option<&str>,
    limit: i64,
) -> AppResult<Option<(Vec<String>, i64)>> {
    let DbConn::Sqlite(conn) = conn else { return Ok(None) };
    let after_key = match after {
        Some(id) => recommendation_search::table
            .filter(recommendation_search::id.eq(id))
            .select(recommendation_search::key)
            .first::<i64>(conn)
            .optional()?
            .ok_or_else(|| AppError::bad_param("cursor", Said::of("field-cursor")))?,
        None => 0,
    };
    let query = fts5_query(terms);
    let keys: Vec<i64> = diesel::sql_query(
        "SELECT rowid AS key FROM recommendations_fts WHERE recommendations_fts MATCH ? AND rowid > ? \
         ORDER BY rowid LIMIT ?",
    )
    .bind::<Text, _>(&query)
    .bind::<BigInt, _>(after_key)
    .bind::<BigInt, _>(limit)
    .load::<Key>(conn)?
    .into_iter()
    .map(|k| k.key)
    .collect();
    let ids = recommendation_search::table
        .filter(recommendation_search::key.eq_any(&keys))
        .order(recommendation_search::key.asc())
        .select(recommendation_search::id)
        .load::<String>(conn)?;
    let total = diesel::sql_query("SELECT count(*) AS n FROM recommendations_fts WHERE recommendations_fts MATCH ?")
        .bind::<Text, _>(&query)
        .get_result::<Count>(conn)?
        .n;
    Ok(Some((ids, total)))
}

/// `tcmatch backup`: a consistent copy of a SQLite database taken while the service runs
/// (`VACUUM INTO`: one snapshot, so writers go on meanwhile, into a compact file). Every table
/// the service relies on is keyed by text or by an INTEGER PRIMARY KEY, which the copy keeps.
/// PostgreSQL has its own tools (pg_dump, or base backups with WAL archiving).
pub fn copy_to(conn: &mut DbConn, output: &Path) -> Result<u64, StartupError> {
    let DbConn::Sqlite(conn) = conn else {
        return Err(StartupError("backup copies SQLite databases; for PostgreSQL use pg_dump (see the README)".into()));
    };
    if output.exists() {
        return Err(StartupError(format!("{} exists already; name a new file", output.display())));
    }
    let target = output.to_str().ok_or_else(|| StartupError("the backup path is not UTF-8".into()))?;
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(target)
        .execute(conn)
        .map_err(|e| StartupError(format!("cannot copy the database to {target}: {e}")))?;
    #[cfg(unix)]
    std::fs::set_permissions(output, std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .map_err(|e| StartupError(format!("cannot restrict {target} to its owner: {e}")))?;
    Ok(std::fs::metadata(output).map(|m| m.len()).unwrap_or(0))
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

/// Many rows in one statement, which Diesel offers per backend but not through the
/// `MultiConnection` enum: `COPY ... FROM STDIN` in binary on PostgreSQL, a multi-row INSERT
/// on SQLite.
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            $crate::db::DbConn::Pg(c) => diesel::copy_from($table).from_insertable($rows).execute(c),
            $crate::db::DbConn::Sqlite(c) => diesel::insert_into($table).values($rows).execute(c),
        }
    };
}
pub(crate) use insert_all;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts5_queries_ask_for_every_term_as_a_prefix() {
        assert_eq!(fts5_query(&["death".into(), "penalty".into()]), "\"death\"* \"penalty\"*");
    }
}

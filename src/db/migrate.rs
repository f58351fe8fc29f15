//! Brings a database up to date at start-up (and with `tcmatch migrate`): the embedded
//! migrations of its backend, then the reference data. Instances starting together take turns:
//! on PostgreSQL under an advisory lock, on SQLite inside one `BEGIN IMMEDIATE` transaction
//! (each migration then runs as a savepoint in it).

use diesel::connection::SimpleConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::{seed, write_tx, DbConn};
use crate::domain::catalog::Catalog;
use crate::error::StartupError;

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Arbitrary, fixed key of the advisory lock that serialises start-up across instances.
const SCHEMA_LOCK_KEY: i64 = 0x0074_636d_6174_6368;

/// What start-up changed.
pub struct Prepared {
    pub applied_migrations: Vec<String>,
    pub seeded: bool,
}

pub fn run(conn: &mut DbConn, catalog: &Catalog) -> Result<Prepared, StartupError> {
    match conn {
        DbConn::Sqlite(_) => write_tx(conn, |conn| prepare(conn, catalog)),
        DbConn::Pg(c) => {
            c.batch_execute(&format!("SELECT pg_advisory_lock({SCHEMA_LOCK_KEY})"))?;
            let result = prepare(conn, catalog);
            conn.batch_execute(&format!("SELECT pg_advisory_unlock({SCHEMA_LOCK_KEY})"))?;
            result
        }
    }
}

fn prepare(conn: &mut DbConn, catalog: &Catalog) -> Result<Prepared, StartupError> {
    let applied = match conn {
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE).map(|v| v.iter().map(ToString::to_string).collect()),
        DbConn::Pg(c) => c.run_pending_migrations(POSTGRES).map(|v| v.iter().map(ToString::to_string).collect()),
    }
    .map_err(|e| StartupError(format!("migration failed: {e}")))?;
    let seeded = seed::run(conn, catalog)?;
    Ok(Prepared { applied_migrations: applied, seeded })
}

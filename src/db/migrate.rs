//! Embedded migrations for both backends, applied at start-up and by `tcmatch migrate`.
//! On PostgreSQL they run under an advisory lock, so instances starting together take turns.

use diesel::connection::SimpleConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::DbConn;
use crate::error::StartupError;

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Arbitrary, fixed key of the advisory lock that serialises migrations across instances.
const MIGRATION_LOCK_KEY: i64 = 0x0074_636d_6174_6368;

/// Applies pending migrations; returns the versions it applied.
pub fn run(conn: &mut DbConn) -> Result<Vec<String>, StartupError> {
    match conn {
        DbConn::Sqlite(c) => apply(c, SQLITE),
        DbConn::Pg(c) => {
            c.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))?;
            let result = apply(c, POSTGRES);
            c.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))?;
            result
        }
    }
}

fn apply<C>(conn: &mut C, migrations: EmbeddedMigrations) -> Result<Vec<String>, StartupError>
where
    C: MigrationHarness<C::Backend> + diesel::Connection,
{
    let applied =
        conn.run_pending_migrations(migrations).map_err(|e| StartupError(format!("migration failed: {e}")))?;
    Ok(applied.iter().map(|v| v.to_string()).collect())
}

//! Brings a database up to date at start-up (and with `tcmatch migrate`): the embedded
//! migrations of its backend, then the reference data. Instances starting together take turns:
//! on PostgreSQL under an advisory lock, on SQLite inside one `BEGIN IMMEDIATE` transaction
//! (each migration then runs as a savepoint in it).

use super::{backend, seed, DbConn};
use crate::domain::catalog::Catalog;
use crate::error::StartupError;

/// What start-up changed.
pub struct Prepared {
    pub applied_migrations: Vec<String>,
    pub seeded: bool,
}

pub fn run(conn: &mut DbConn, catalog: &Catalog) -> Result<Prepared, StartupError> {
    backend::alone(conn, |conn| {
        let applied = backend::run_migrations(conn)?;
        let seeded = seed::run(conn, catalog)?;
        Ok(Prepared { applied_migrations: applied, seeded })
    })
}

//! `tcmatch backup`: a consistent copy of the SQLite database taken while the service runs
//! (`VACUUM INTO`: it reads one snapshot, so writers go on meanwhile, and writes a compact file).
//! Every table the service relies on is keyed by text or by an INTEGER PRIMARY KEY, which the
//! copy keeps. PostgreSQL has its own tools (pg_dump, or base backups with WAL archiving).

use std::path::Path;

use diesel::RunQueryDsl;

use super::DbConn;
use crate::error::StartupError;

pub fn copy_to(conn: &mut DbConn, output: &Path) -> Result<u64, StartupError> {
    let DbConn::Sqlite(conn) = conn else {
        return Err(StartupError("backup copies SQLite databases; for PostgreSQL use pg_dump (see the README)".into()));
    };
    if output.exists() {
        return Err(StartupError(format!("{} exists already; name a new file", output.display())));
    }
    let target = output.to_str().ok_or_else(|| StartupError("the backup path is not UTF-8".into()))?;
    diesel::sql_query("VACUUM INTO ?")
        .bind::<diesel::sql_types::Text, _>(target)
        .execute(conn)
        .map_err(|e| StartupError(format!("cannot copy the database to {target}: {e}")))?;
    #[cfg(unix)]
    std::fs::set_permissions(output, std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .map_err(|e| StartupError(format!("cannot restrict {target} to its owner: {e}")))?;
    Ok(std::fs::metadata(output).map(|m| m.len()).unwrap_or(0))
}

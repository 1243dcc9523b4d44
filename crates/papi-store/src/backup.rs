//! Online, consistent backups.

use crate::{Backend, Result, Store, StoreError};

/// Writes a consistent copy of a live SQLite database to `dest` (`VACUUM INTO` reads one
/// snapshot while the server keeps serving). PostgreSQL is backed up with `pg_dump`.
pub async fn backup_sqlite(store: &Store, dest: &std::path::Path) -> Result<()> {
    if store.backend != Backend::Sqlite {
        return Err(StoreError::Conflict(
            "Sao lưu PostgreSQL bằng pg_dump (xem README).".into(),
        ));
    }
    if dest.exists() {
        return Err(StoreError::Conflict(format!(
            "Tệp {} đã có, không ghi đè.",
            dest.display()
        )));
    }
    sqlx::query("VACUUM INTO $1")
        .bind(dest.to_string_lossy().to_string())
        .execute(&store.pool)
        .await?;
    Ok(())
}

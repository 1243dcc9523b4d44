//! Opening the database with the audit key every command writes with.

use std::path::{Path, PathBuf};

use anyhow::Context;
use papi_store::audit::AuditKey;
use papi_store::voice::seal::SealKey;
use papi_store::Store;

/// Where the data is and where the audit key is kept.
pub struct Database {
    pub url: String,
    /// `--audit-key-file`; `None` means beside the SQLite file (`papi.db.audit-key`), or
    /// `papi-audit.key` in the working directory for PostgreSQL.
    pub key_file: Option<PathBuf>,
}

impl Database {
    /// The key file in use; `None` for an in-memory database (nothing to anchor).
    pub fn key_path(&self) -> Option<PathBuf> {
        if let Some(p) = &self.key_file {
            return Some(p.clone());
        }
        if self.url.contains(":memory:") {
            return None;
        }
        match self.url.strip_prefix("sqlite://") {
            Some(rest) => {
                let file = rest.split('?').next().unwrap_or(rest);
                Some(PathBuf::from(format!("{file}.audit-key")))
            }
            None => Some(PathBuf::from("papi-audit.key")),
        }
    }
}

/// Opens and migrates the database and keys its audit chain (creating the key file, mode
/// 0600, on first use).
pub async fn store(db: &Database) -> anyhow::Result<Store> {
    let store = Store::open(&db.url)
        .await
        .with_context(|| format!("không mở được cơ sở dữ liệu {}", db.url))?;
    keyed(store, db.key_path().as_deref()).await
}

/// Keys `store` with the audit key at `path` and the seal key beside it (when given). An
/// in-memory database gets a random seal key: its sealed identities live as long as it does.
pub async fn keyed(store: Store, path: Option<&Path>) -> anyhow::Result<Store> {
    let Some(path) = path else {
        return Ok(store.with_seal_key(SealKey::random()));
    };
    let seal_path = seal_key_path(path);
    let (seal, created) = SealKey::load_or_create(&seal_path)?;
    if created {
        tracing::info!(
            "đã tạo khóa niêm phong danh tính người tố cáo {} (chế độ 600): hãy sao lưu tệp này \
             riêng, ngoài cơ sở dữ liệu",
            seal_path.display()
        );
    }
    let store = store.with_seal_key(seal);
    let (key, created) = AuditKey::load_or_create(path)?;
    if created {
        tracing::info!(
            "đã tạo khóa nhật ký {} (chế độ 600): hãy sao lưu tệp này riêng, ngoài cơ sở dữ liệu",
            path.display()
        );
    }
    Ok(store.with_audit_key(key).await?)
}

/// The seal key sits beside the audit key: `papi.db.audit-key` → `papi.db.seal-key`,
/// `papi-audit.key` → `papi-seal.key`.
pub fn seal_key_path(audit_key: &Path) -> PathBuf {
    let name = audit_key
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let sealed = if name.contains("audit") {
        name.replace("audit", "seal")
    } else {
        format!("{name}.seal")
    };
    audit_key.with_file_name(sealed)
}

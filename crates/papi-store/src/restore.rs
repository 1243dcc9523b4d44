//! Restoring a backup (`backup.rs`: a papi SQLite file) onto SQLite or PostgreSQL.
//!
//! Nothing is replaced before the copy has passed every check: it opens (read-only, never
//! migrated), SQLite's integrity check passes, its migrations are exactly the ones this papi
//! was built with, and its audit chain verifies with the installation's key (the same check as
//! `papi audit verify`: links, hashes, keyed heads, task seals). Then the target's rows are
//! deleted and the copy's written in one transaction: a failure leaves the target as it was.
//! Sessions and sign-in failure counts are not restored (everyone signs in again).

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::AnyPool;

use crate::audit::{self, AuditKey};
use crate::backup::{copy_table, sqlite_columns, tables_in};
use crate::{Backend, Result, Store, StoreError};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// Tables emptied on restore but not filled from the copy.
const NOT_RESTORED: &[&str] = &["sessions", "login_failures"];

/// What a database holds, in the words an official checks before replacing it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub communes: i64,
    pub plans: i64,
    pub tasks: i64,
    pub updates: i64,
    /// Rows in every table (zero means an empty database).
    pub rows: i64,
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} xã/phường, {} kế hoạch, {} nhiệm vụ, {} lần cập nhật tiến độ",
            self.communes, self.plans, self.tasks, self.updates
        )
    }
}

/// Why a backup file was refused. Vietnamese, shown as it is.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("không mở được tệp sao lưu {0}: {1}")]
    Unreadable(String, String),
    #[error("tệp sao lưu hỏng (kiểm tra toàn vẹn SQLite): {0}")]
    Corrupt(String),
    #[error("tệp {0} không phải bản sao lưu của papi (không có bảng phiên bản lược đồ)")]
    NotPapi(String),
    #[error("phiên bản lược đồ của bản sao lưu ({backup}) khác phiên bản của chương trình này ({ours}): {hint}")]
    Version {
        backup: String,
        ours: String,
        hint: &'static str,
    },
    #[error("nhật ký kiểm toán trong bản sao lưu không khớp (xã {commune_id}): {reason}")]
    Tampered { commune_id: i64, reason: String },
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for Refused {
    fn from(e: sqlx::Error) -> Self {
        Refused::Store(e.into())
    }
}

/// A backup that passed every check, open read-only.
pub struct Checked {
    pool: AnyPool,
    /// What it holds.
    pub counts: Counts,
    /// Each commune's audit head in the copy (to print and keep).
    pub heads: Vec<audit::Head>,
}

/// Opens `path` read-only and checks it; `key` is the installation's audit key (without it,
/// a copy with keyed entries is refused, as `papi audit verify` would).
pub async fn check(path: &Path, key: Option<AuditKey>) -> Result<Checked, Refused> {
    let shown = path.display().to_string();
    if !path.is_file() {
        return Err(Refused::Unreadable(shown, "không có tệp này".into()));
    }
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=ro", path.display());
    let pool = async {
        let opts = AnyConnectOptions::from_str(&url)?;
        AnyPoolOptions::new()
            .max_connections(1)
            .connect_with(opts)
            .await
    }
    .await
    .map_err(|e| Refused::Unreadable(shown.clone(), e.to_string()))?;
    let integrity: std::result::Result<Vec<(String,)>, _> =
        sqlx::query_as("PRAGMA integrity_check")
            .fetch_all(&pool)
            .await;
    let problems: Vec<String> = match integrity {
        Ok(rows) => rows
            .into_iter()
            .map(|r| r.0)
            .filter(|s| s != "ok")
            .collect(),
        // "file is not a database" and the like.
        Err(_) => vec!["không phải tệp cơ sở dữ liệu SQLite, hoặc đã hỏng".into()],
    };
    if !problems.is_empty() {
        return Err(Refused::Corrupt(problems.join("; ")));
    }
    let applied: Vec<(i64, Vec<u8>)> = sqlx::query_as(
        "SELECT version, checksum FROM _sqlx_migrations WHERE success ORDER BY version",
    )
    .fetch_all(&pool)
    .await
    .map_err(|_| Refused::NotPapi(shown.clone()))?;
    let ours: Vec<(i64, Vec<u8>)> = SQLITE_MIGRATIONS
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .map(|m| (m.version, m.checksum.to_vec()))
        .collect();
    if applied != ours {
        let last = |v: &[(i64, Vec<u8>)]| v.last().map(|m| m.0).unwrap_or(0);
        let (b, o) = (last(&applied), last(&ours));
        let hint = if b > o {
            "bản sao lưu do phiên bản papi mới hơn ghi; hãy khôi phục bằng phiên bản đó"
        } else if b < o {
            "bản sao lưu do phiên bản papi cũ hơn ghi; hãy khôi phục bằng phiên bản đó rồi nâng cấp"
        } else {
            "các bước nâng cấp đã áp dụng không giống nhau"
        };
        return Err(Refused::Version {
            backup: format!("{b:04}"),
            ours: format!("{o:04}"),
            hint,
        });
    }
    {
        let mut conn = pool.acquire().await?;
        tables_in(&mut conn, Backend::Sqlite).await?;
    }
    let copy = Store::over(pool.clone(), Backend::Sqlite, key.map(Arc::new));
    let found = audit::verify(&copy).await?;
    if let Some(t) = found.problem {
        // A task's seal names the task in its reason; an entry is named by its number.
        let reason = if t.id > 0 && !t.reason.starts_with("nhiệm vụ") {
            format!("bản ghi #{}: {}", t.id, t.reason)
        } else {
            t.reason
        };
        let hint = if reason.contains("cần tệp khóa") {
            " (chỉ ra tệp khóa của bản cài đặt đã ghi bản sao lưu bằng --audit-key-file)"
        } else {
            ""
        };
        return Err(Refused::Tampered {
            commune_id: t.commune_id,
            reason: format!("{reason}{hint}"),
        });
    }
    let counts = counts(&copy).await?;
    Ok(Checked {
        pool,
        counts,
        heads: found.heads,
    })
}

/// What `store` holds now.
pub async fn counts(store: &Store) -> Result<Counts> {
    let mut conn = store.pool.acquire().await?;
    let mut c = Counts::default();
    for table in tables_in(&mut conn, store.backend).await? {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&mut *conn)
            .await?;
        match table {
            "communes" => c.communes = n,
            "plans" => c.plans = n,
            "tasks" => c.tasks = n,
            "task_updates" => c.updates = n,
            _ => {}
        }
        c.rows += n;
    }
    Ok(c)
}

/// Replaces everything in `target` with the checked copy, in one transaction. Returns what
/// the target holds afterwards.
pub async fn restore(target: &Store, copy: &Checked) -> Result<Counts> {
    let mut from = copy.pool.acquire().await?;
    let tables = tables_in(&mut from, Backend::Sqlite).await?;
    let mut w = target.begin_write().await?;
    let present = tables_in(&mut w.tx, target.backend).await?;
    for table in present.iter().rev() {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&mut *w.tx)
            .await?;
    }
    for table in &tables {
        if NOT_RESTORED.contains(table) {
            continue;
        }
        let cols = sqlite_columns(&mut from, table).await?;
        copy_table(&mut from, &mut w.tx, table, &cols).await?;
        if target.backend == Backend::Postgres && cols.iter().any(|c| c.name == "id" && c.pk == 1) {
            // The next id after the restored ones.
            sqlx::query(&format!(
                "SELECT CAST(setval(pg_get_serial_sequence('{table}', 'id'), \
                 COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false) AS BIGINT)"
            ))
            .execute(&mut *w.tx)
            .await?;
        }
    }
    w.commit().await?;
    counts(target).await
}

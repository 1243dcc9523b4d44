//! Online, consistent backups in one format for both databases.
//!
//! **The format is a papi SQLite file**, whatever the database in use: the same schema,
//! migrated to the same version, with every table's rows. On SQLite it is written with
//! `VACUUM INTO` (one snapshot while the server keeps serving). On PostgreSQL papi writes it
//! itself: it creates a fresh SQLite file, migrates it, and copies every table in dependency
//! order inside one `REPEATABLE READ` transaction (one snapshot). Chosen over `pg_dump` because
//! (1) the backup does not depend on a `pg_dump` of the server's major version being installed,
//! (2) one reader (`restore`) checks and restores both, so a backup taken on PostgreSQL restores
//! to SQLite and the other way round (moving a commune between the two is a backup and a
//! restore), and (3) the copy can be opened with `sqlite3` and checked with the same
//! integrity and audit checks as the live database.
//!
//! The audit key is not in the file: it stays outside the database (see `audit::AuditKey`) and
//! must be kept apart; a restore checks the copy's chain with it.

use std::path::{Path, PathBuf};

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::{Backend, Result, Store, StoreError};

/// Every table papi keeps, parents before children (the order rows are copied in and the
/// reverse of the order they are deleted in). A table the migrations add must be listed here:
/// `tables_in` refuses a database with a table this list does not know.
pub const TABLES: &[&str] = &[
    "communes",
    "villages",
    "units",
    "users",
    "sessions",
    "plans",
    "reporting_periods",
    "plan_versions",
    "plan_items",
    "tasks",
    "task_version_items",
    "task_units",
    "task_updates",
    "evidence",
    "audit_log",
    "audit_heads",
    "calendar_tokens",
    "calendar_overrides",
    "unit_plans",
    "unit_plan_rows",
    "unit_reports",
    "unit_report_rows",
    "commune_reports",
    "report_snapshots",
    "surveys",
    "survey_responses",
    "survey_population",
    "survey_invitations",
    "provincial_scores",
    "login_failures",
    "voice_settings",
    "matters",
    "matter_accused",
    "matter_steps",
    "sealed_identities",
    "sealed_files",
    "identity_openings",
    "protection_requests",
    "reception_sessions",
    "reception_entries",
    "mail_outbox",
    "mail_prefs",
    "voice_dialogues",
    "participation_decisions",
    "participation_tallies",
    "participation_ledgers",
    "participation_ledger_entries",
    "participation_consultations",
    "participation_consultation_drafts",
    "participation_comments",
    "boards",
    "board_members",
    "board_plans",
    "board_checks",
    "board_recommendations",
    "board_results",
    "conferences",
    "conference_items",
    "outreach_entries",
    "outreach_files",
    "inspection_settings",
    "inspections",
    "inspection_criteria",
    "inspection_findings",
    "inspection_rechecks",
    "disclosures",
    "disclosure_forms",
    "disclosure_files",
    "survey_enumerators",
    "survey_submissions",
    "survey_submission_files",
    "survey_village_targets",
    "collect_keys",
    "satisfaction_surveys",
    "satisfaction_responses",
];

/// Writes a consistent copy of the live database to `dest` (which must not exist): a papi
/// SQLite file on either backend. The file appears only once complete.
pub async fn backup(store: &Store, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(StoreError::Conflict(format!(
            "Tệp {} đã có, không ghi đè.",
            dest.display()
        )));
    }
    let partial = partial_path(dest);
    let _ = std::fs::remove_file(&partial);
    let written = match store.backend {
        Backend::Sqlite => vacuum_into(store, &partial).await,
        Backend::Postgres => copy_from_postgres(store, &partial).await,
    };
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, dest).map_err(|e| {
        StoreError::Conflict(format!("không đổi tên được thành {}: {e}", dest.display()))
    })?;
    Ok(())
}

/// Kept for callers of the earlier SQLite-only backup.
pub async fn backup_sqlite(store: &Store, dest: &Path) -> Result<()> {
    backup(store, dest).await
}

fn partial_path(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().unwrap_or_default().to_os_string();
    name.push(".dang-ghi");
    dest.with_file_name(name)
}

/// Runs `step` again while SQLite answers "database is locked" or "table is locked" (codes 5
/// and 6), for up to ten seconds. SQLite answers so at once, without waiting out the busy
/// timeout, when a statement needs the whole file and another connection is finishing a write
/// (a live server, or this process's own pool closing or rolling back).
async fn while_locked<F, Fut>(mut step: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = std::result::Result<(), sqlx::Error>>,
{
    let mut tries = 0;
    loop {
        match step().await {
            Ok(()) => return Ok(()),
            Err(sqlx::Error::Database(e))
                if tries < 100 && matches!(e.code().as_deref(), Some("5" | "6")) =>
            {
                tries += 1;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// `VACUUM INTO` the copy (a failed try leaves no file behind).
async fn vacuum_into(store: &Store, dest: &Path) -> Result<()> {
    while_locked(|| async {
        let _ = std::fs::remove_file(dest);
        sqlx::query("VACUUM INTO $1")
            .bind(dest.to_string_lossy().to_string())
            .execute(&store.pool)
            .await
            .map(|_| ())
    })
    .await
}

async fn copy_from_postgres(store: &Store, dest: &Path) -> Result<()> {
    let copy = Store::open(&format!("sqlite://{}", dest.display())).await?;
    let mut out = copy.pool.begin().await?;
    let columns = {
        let mut all = Vec::new();
        for table in tables_in(&mut out, Backend::Sqlite).await? {
            let cols = sqlite_columns(&mut out, table).await?;
            all.push((table, cols));
        }
        all
    };
    let mut tx = store.pool.begin().await?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(&mut *tx)
        .await?;
    for (table, cols) in &columns {
        copy_table(&mut tx, &mut out, table, cols).await?;
    }
    tx.commit().await?;
    out.commit().await?;
    copy.pool.close().await;
    // One self-contained file, no -wal beside it (leaving WAL needs the only connection).
    let url = format!("sqlite://{}", dest.display());
    while_locked(|| async {
        let mut alone = <AnyConnection as sqlx::Connection>::connect(&url).await?;
        sqlx::query("PRAGMA journal_mode=DELETE")
            .execute(&mut alone)
            .await?;
        sqlx::Connection::close(alone).await
    })
    .await
}

/// A column's storage class, from its declared SQLite type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Integer,
    Real,
    Blob,
    Text,
}

#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub name: String,
    pub kind: Kind,
    /// Position in the primary key (0 when not part of it).
    pub pk: i64,
}

/// The tables of the database on `conn`, in dependency order; refuses one `TABLES` lacks.
pub(crate) async fn tables_in(
    conn: &mut AnyConnection,
    backend: Backend,
) -> Result<Vec<&'static str>> {
    let sql = match backend {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'"
        }
        Backend::Postgres => {
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
             AND table_name <> '_sqlx_migrations'"
        }
    };
    let found: Vec<(String,)> = sqlx::query_as(sql).fetch_all(&mut *conn).await?;
    if let Some((stranger,)) = found.iter().find(|(t,)| !TABLES.contains(&t.as_str())) {
        return Err(StoreError::Conflict(format!(
            "bảng “{stranger}” không có trong danh sách sao lưu của papi"
        )));
    }
    Ok(TABLES
        .iter()
        .copied()
        .filter(|t| found.iter().any(|(f,)| f == t))
        .collect())
}

pub(crate) async fn sqlite_columns(conn: &mut AnyConnection, table: &str) -> Result<Vec<Column>> {
    let rows = sqlx::query(&format!(
        "SELECT name, type, pk FROM pragma_table_info('{table}')"
    ))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let name: String = r.try_get(0)?;
            let declared: String = r.try_get::<String, _>(1)?.to_ascii_uppercase();
            let kind = if declared.contains("INT") {
                Kind::Integer
            } else if declared.contains("REAL")
                || declared.contains("DOUB")
                || declared.contains("FLOA")
            {
                Kind::Real
            } else if declared.contains("BLOB") || declared.is_empty() {
                Kind::Blob
            } else {
                Kind::Text
            };
            Ok(Column {
                name,
                kind,
                pk: r.try_get(2)?,
            })
        })
        .collect()
}

/// Rows read per query while copying (evidence files can be large).
const PAGE: i64 = 200;

/// Copies every row of `table` from `from` to `to` (same columns on both sides).
pub(crate) async fn copy_table(
    from: &mut AnyConnection,
    to: &mut AnyConnection,
    table: &str,
    cols: &[Column],
) -> Result<u64> {
    let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
    let mut keys: Vec<&Column> = cols.iter().filter(|c| c.pk > 0).collect();
    keys.sort_by_key(|c| c.pk);
    let order = if keys.is_empty() {
        names.join(", ")
    } else {
        keys.iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let select = format!(
        "SELECT {} FROM {table} ORDER BY {order} LIMIT $1 OFFSET $2",
        names.join(", ")
    );
    let placeholders: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
    let insert = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        placeholders.join(", ")
    );
    let mut copied = 0u64;
    loop {
        let rows = sqlx::query(&select)
            .bind(PAGE)
            .bind(copied as i64)
            .fetch_all(&mut *from)
            .await?;
        for row in &rows {
            insert_row(to, &insert, cols, row).await?;
        }
        copied += rows.len() as u64;
        if (rows.len() as i64) < PAGE {
            return Ok(copied);
        }
    }
}

async fn insert_row(
    to: &mut AnyConnection,
    insert: &str,
    cols: &[Column],
    row: &AnyRow,
) -> Result<()> {
    let mut q = sqlx::query(insert);
    for (i, c) in cols.iter().enumerate() {
        q = match c.kind {
            Kind::Integer => q.bind(row.try_get::<Option<i64>, _>(i)?),
            Kind::Real => q.bind(row.try_get::<Option<f64>, _>(i)?),
            Kind::Blob => q.bind(row.try_get::<Option<Vec<u8>>, _>(i)?),
            Kind::Text => q.bind(row.try_get::<Option<String>, _>(i)?),
        };
    }
    q.execute(&mut *to).await?;
    Ok(())
}

//! Connecting, migrating, and serialising writes.

use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use tokio::sync::{Mutex, MutexGuard};

use crate::audit::AuditKey;
use crate::voice::seal::SealKey;
use crate::Result;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The database handle shared by the whole application.
#[derive(Clone)]
pub struct Store {
    pub pool: AnyPool,
    pub backend: Backend,
    /// SQLite allows one writer at a time; taking this lock before `BEGIN` avoids busy errors
    /// when a read transaction would have to upgrade. PostgreSQL does not need it.
    write_lock: Arc<Mutex<()>>,
    /// The secret that keys the audit chain and the row seals; `None` writes the unkeyed
    /// SHA-256 chain (tests and tools that only read).
    pub(crate) audit_key: Option<Arc<AuditKey>>,
    /// The key of the denouncers' sealed identities (`voice::seal`), kept outside the database.
    pub(crate) seal_key: Option<Arc<SealKey>>,
    /// Write transactions this process has committed: lets a cache keyed by the audit head
    /// skip re-reading it when nothing was written here since it last did.
    commits: Arc<AtomicU64>,
}

/// A write transaction; dropping it without `commit` rolls back.
pub struct WriteTx<'a> {
    pub tx: sqlx::Transaction<'static, sqlx::Any>,
    _guard: Option<MutexGuard<'a, ()>>,
    pub backend: Backend,
    pub(crate) audit_key: Option<Arc<AuditKey>>,
    pub(crate) seal_key: Option<Arc<SealKey>>,
    commits: Arc<AtomicU64>,
}

impl WriteTx<'_> {
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        self.commits.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

impl Store {
    /// Opens (creating an SQLite file if needed) and migrates the database at `url`:
    /// `sqlite://papi.db`, `sqlite::memory:`, or `postgres://…`.
    pub async fn open(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        };
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") && !url.contains(":memory:") => {
                format!("{url}{}mode=rwc", if url.contains('?') { "&" } else { "?" })
            }
            _ => url.to_string(),
        };
        let opts = AnyConnectOptions::from_str(&url)?;
        let memory = url.contains(":memory:");
        let pool = AnyPoolOptions::new()
            // An in-memory SQLite database lives in one connection.
            .max_connections(if memory { 1 } else { 8 })
            .min_connections(if memory { 1 } else { 0 })
            .idle_timeout(if memory {
                None
            } else {
                Some(Duration::from_secs(600))
            })
            .max_lifetime(if memory {
                None
            } else {
                Some(Duration::from_secs(3600))
            })
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL for concurrent readers; FULL sync so a write the user saw
                        // succeed survives kill -9 and power loss.
                        conn.execute("PRAGMA journal_mode=WAL").await?;
                        conn.execute("PRAGMA synchronous=FULL").await?;
                        conn.execute("PRAGMA foreign_keys=ON").await?;
                        conn.execute("PRAGMA busy_timeout=10000").await?;
                        // 64 MiB of pages (the default is 2 MiB): a million answers' uuid
                        // index then stays in memory while an import writes to it at random
                        // places; a connection only takes what it uses.
                        conn.execute("PRAGMA cache_size=-65536").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(opts)
            .await?;
        match backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
        }
        Ok(Store {
            pool,
            backend,
            write_lock: Arc::new(Mutex::new(())),
            audit_key: None,
            seal_key: None,
            commits: Default::default(),
        })
    }

    /// A store over an already open pool, keyed as given and not adopted (the restore
    /// checks a backup with it, read-only).
    pub(crate) fn over(pool: AnyPool, backend: Backend, audit_key: Option<Arc<AuditKey>>) -> Store {
        Store {
            pool,
            backend,
            write_lock: Arc::new(Mutex::new(())),
            audit_key,
            seal_key: None,
            commits: Default::default(),
        }
    }

    /// Keys the audit chain with `key` from now on. A commune whose chain has no keyed entry
    /// yet is adopted: its head is recorded and its task rows are sealed, so later cuts and
    /// edits show (see `audit::adopt`).
    pub async fn with_audit_key(mut self, key: AuditKey) -> Result<Store> {
        self.audit_key = Some(Arc::new(key));
        crate::audit::adopt(&self).await?;
        Ok(self)
    }

    /// Seals denouncers' identities with `key` from now on.
    pub fn with_seal_key(mut self, key: SealKey) -> Store {
        self.seal_key = Some(Arc::new(key));
        self
    }

    /// Whether sealed identities can be written and read.
    pub fn can_seal(&self) -> bool {
        self.seal_key.is_some()
    }

    /// Starts a write transaction (serialised on SQLite).
    pub async fn begin_write(&self) -> Result<WriteTx<'_>> {
        let guard = match self.backend {
            Backend::Sqlite => Some(self.write_lock.lock().await),
            Backend::Postgres => None,
        };
        let tx = self.pool.begin().await?;
        Ok(WriteTx {
            tx,
            _guard: guard,
            backend: self.backend,
            audit_key: self.audit_key.clone(),
            seal_key: self.seal_key.clone(),
            commits: self.commits.clone(),
        })
    }

    /// How many write transactions this process has committed so far.
    pub fn commits(&self) -> u64 {
        self.commits.load(Ordering::SeqCst)
    }

    /// Database integrity check: SQLite's `PRAGMA integrity_check`, a trivial query on
    /// PostgreSQL (which checks itself). Returns the problems found, empty when sound.
    pub async fn integrity_check(&self) -> Result<Vec<String>> {
        match self.backend {
            Backend::Sqlite => {
                let rows: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check")
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows
                    .into_iter()
                    .map(|r| r.0)
                    .filter(|s| s != "ok")
                    .collect())
            }
            Backend::Postgres => {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(Vec::new())
            }
        }
    }
}

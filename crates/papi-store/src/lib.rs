//! Persistence for papi over SQLite (the embedded default) and PostgreSQL, through one code
//! path: sqlx `Any` with portable SQL and `$n` placeholders. One module per process, named as
//! in papi-core.

pub mod audit;
pub mod backup;
pub mod calendar;
pub mod collect;
mod db;
pub mod disclosure;
pub mod fieldwork;
pub mod inspection;
pub mod login;
pub mod mail;
pub mod org;
pub mod outreach;
pub mod participation;
pub mod plan;
pub mod plan_version;
pub mod reporting;
pub mod restore;
pub mod review;
mod rows;
pub mod satisfaction;
pub mod session;
pub mod setup;
pub mod survey;
pub mod survey_review;
pub mod testing;
pub mod unit_plan;
pub mod unit_report;
pub mod voice;

pub use db::{Backend, Store, WriteTx};

/// Storage failures. Messages are for logs; users see a Vietnamese message from the web layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// A sealed record did not decrypt: wrong seal key, or the record was altered.
    #[error("sealed record cannot be opened with this seal key")]
    Sealed,
    #[error("no seal key configured: sealed identities cannot be written or read")]
    NoSealKey,
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Current UTC time as stored (RFC 3339, seconds).
pub fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

//! Fresh databases for tests, so the same tests run on SQLite and PostgreSQL.
//!
//! `PAPI_TEST_BACKENDS` chooses (`sqlite,postgres` by default); `PAPI_TEST_POSTGRES_URL`
//! names the server's maintenance database (default `postgres://postgres@127.0.0.1:5432/postgres`).
//! Each call creates a new, empty database, so tests never see each other's data.

use sqlx::{Connection, Executor};

use crate::Store;

pub fn backends() -> Vec<String> {
    std::env::var("PAPI_TEST_BACKENDS")
        .unwrap_or_else(|_| "sqlite,postgres".into())
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn unique_name() -> String {
    use rand::Rng;
    format!(
        "papi_test_{}_{:08x}",
        std::process::id(),
        rand::thread_rng().gen::<u32>()
    )
}

/// The URL of a new, empty database on `backend` (`sqlite` or `postgres`).
pub async fn fresh_url(backend: &str) -> String {
    match backend {
        "sqlite" => {
            let dir = std::env::temp_dir().join("papi-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            format!(
                "sqlite://{}",
                dir.join(format!("{}.db", unique_name())).display()
            )
        }
        "postgres" => {
            sqlx::any::install_default_drivers();
            let admin = std::env::var("PAPI_TEST_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
            let name = unique_name();
            let mut conn = sqlx::AnyConnection::connect(&admin)
                .await
                .unwrap_or_else(|e| panic!("PostgreSQL at {admin} is needed for tests: {e}"));
            conn.execute(format!("CREATE DATABASE {name}").as_str())
                .await
                .expect("create database");
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
            format!("{base}/{name}")
        }
        other => panic!("unknown test backend {other}"),
    }
}

/// A migrated store on a new database.
pub async fn fresh_store(backend: &str) -> Store {
    Store::open(&fresh_url(backend).await)
        .await
        .expect("open test store")
        .with_seal_key(crate::voice::seal::SealKey::random())
}

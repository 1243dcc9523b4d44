//! Failed sign-ins, counted in the database so every server of an installation shares them.
//! The rule (how many, how long) is `papi_core::login`; this only keeps the counts.

use papi_core::login::{failures_after, wait_secs, Subject};

use crate::{Result, Store};

/// The key a count is kept under: `account:<username>` or `address:<ip>`.
pub fn subject_key(subject: Subject, value: &str) -> String {
    match subject {
        Subject::Account => format!("account:{value}"),
        Subject::Address => format!("address:{value}"),
    }
}

/// Seconds sign-in stays refused for any of `keys` at `now` (0: free to try).
pub async fn wait(store: &Store, keys: &[String], now: i64) -> Result<i64> {
    let mut longest = 0;
    for key in keys {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT locked_until FROM login_failures WHERE subject = $1")
                .bind(key)
                .fetch_optional(&store.pool)
                .await?;
        if let Some((until,)) = row {
            longest = longest.max(until - now);
        }
    }
    Ok(longest)
}

/// Counts one failure for `key`; returns the wait it now imposes (0 when none).
pub async fn record_failure(store: &Store, subject: Subject, key: &str, now: i64) -> Result<i64> {
    let mut w = store.begin_write().await?;
    let row: Option<(i64, i64)> =
        sqlx::query_as("SELECT failures, last_at FROM login_failures WHERE subject = $1")
            .bind(key)
            .fetch_optional(&mut *w.tx)
            .await?;
    let failures = match row {
        Some((n, last)) => failures_after(n, last, now),
        None => 1,
    };
    let wait = wait_secs(subject, failures);
    sqlx::query(
        "INSERT INTO login_failures (subject, failures, last_at, locked_until) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (subject) DO UPDATE SET \
         failures = excluded.failures, last_at = excluded.last_at, \
         locked_until = excluded.locked_until",
    )
    .bind(key)
    .bind(failures)
    .bind(now)
    .bind(now + wait)
    .execute(&mut *w.tx)
    .await?;
    w.commit().await?;
    Ok(wait)
}

/// Forgets an account's failures after it signs in (addresses keep theirs: a success from
/// one address does not excuse guesses at other accounts from it).
pub async fn clear(store: &Store, key: &str) -> Result<()> {
    let mut w = store.begin_write().await?;
    sqlx::query("DELETE FROM login_failures WHERE subject = $1")
        .bind(key)
        .execute(&mut *w.tx)
        .await?;
    w.commit().await
}

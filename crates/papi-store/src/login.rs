//! Failed sign-ins, counted in the database so every server of an installation shares them,
//! and written to the audit log. The rule (how many, how long) is `papi_core::login`; this only
//! keeps the counts.

use papi_core::login::{failures_after, wait_secs, Subject};
use serde_json::json;

use crate::audit::{self, Change};
use crate::{Result, Store, WriteTx};

/// The key a count is kept under: `account:<username>` or `address:<ip>`.
fn subject_key(subject: Subject, value: &str) -> String {
    match subject {
        Subject::Account => format!("account:{value}"),
        Subject::Address => format!("address:{value}"),
    }
}

/// Seconds sign-in stays refused for `username` from `address` at `now` (0: free to try).
pub async fn wait(store: &Store, username: &str, address: &str, now: i64) -> Result<i64> {
    let keys = [
        subject_key(Subject::Account, username),
        subject_key(Subject::Address, address),
    ];
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT locked_until FROM login_failures WHERE subject IN ($1, $2)")
            .bind(&keys[0])
            .bind(&keys[1])
            .fetch_all(&store.pool)
            .await?;
    Ok(rows.iter().map(|r| r.0 - now).max().unwrap_or(0).max(0))
}

/// Counts one failure for `subject`; returns the wait it now imposes (0 when none).
async fn count(w: &mut WriteTx<'_>, subject: Subject, value: &str, now: i64) -> Result<i64> {
    let key = subject_key(subject, value);
    let row: Option<(i64, i64)> =
        sqlx::query_as("SELECT failures, last_at FROM login_failures WHERE subject = $1")
            .bind(&key)
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
    .bind(&key)
    .bind(failures)
    .bind(now)
    .bind(now + wait)
    .execute(&mut *w.tx)
    .await?;
    Ok(wait)
}

/// A failed sign-in, in one transaction: counted against the account and the address, and
/// written to the audit log of the account's commune (an unknown username to the
/// installation's own chain, commune 0), as a lockout when it starts a wait. Returns the wait.
pub async fn record_failure(store: &Store, username: &str, address: &str, now: i64) -> Result<i64> {
    let mut w = store.begin_write().await?;
    let wait = count(&mut w, Subject::Account, username, now)
        .await?
        .max(count(&mut w, Subject::Address, address, now).await?);
    let known: Option<(i64, i64)> =
        sqlx::query_as("SELECT id, commune_id FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(&mut *w.tx)
            .await?;
    let (user_id, commune_id) = known.unwrap_or((0, 0));
    let change = Change {
        commune_id,
        actor: &format!("khách ({address})"),
        action: if wait > 0 {
            "login_locked"
        } else {
            "login_failed"
        },
        entity: "user",
        entity_id: user_id,
        before: json!(null),
        after: json!({"username": username, "address": address, "locked_secs": wait}),
    };
    audit::append(&mut w, change).await?;
    w.commit().await?;
    Ok(wait)
}

/// Forgets an account's failures after it signs in (addresses keep theirs: a success from
/// one address does not excuse guesses at other accounts from it).
pub async fn clear(store: &Store, username: &str) -> Result<()> {
    let mut w = store.begin_write().await?;
    sqlx::query("DELETE FROM login_failures WHERE subject = $1")
        .bind(subject_key(Subject::Account, username))
        .execute(&mut *w.tx)
        .await?;
    w.commit().await
}

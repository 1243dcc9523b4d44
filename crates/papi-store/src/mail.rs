//! The outbox and the staff's mail preferences.
//!
//! A message is queued with [`enqueue`] inside the write transaction of the action it reports,
//! so it exists exactly when the action committed; the action's own audit entry covers it, and
//! the body (which may hold a resident's words) is not copied into the audit log. Sending is
//! the worker's (papi-app): [`due`], [`claim`], [`mark_sent`], [`mark_failed`] are
//! bookkeeping of delivery, like sessions, and write no audit entry. A preference is commune
//! data a user chose, so [`set_pref`] is audited.

use chrono::{DateTime, SecondsFormat, Utc};
use papi_core::mail::{MailKind, MailState};
use papi_core::User;
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::org::{decode_user, USER_COLUMNS_OF_U};
use crate::rows::{corrupt, i, os, s};
use crate::{Result, Store, WriteTx};

/// A message to queue.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    pub commune_id: i64,
    pub to_addr: String,
    pub subject: String,
    pub body: String,
    pub kind: MailKind,
    /// When set, a second message with the same key is not queued (a reminder, a digest).
    pub dedupe_key: Option<String>,
}

/// A message in the outbox.
#[derive(Debug, Clone)]
pub struct QueuedMail {
    pub id: i64,
    pub commune_id: i64,
    pub to_addr: String,
    pub subject: String,
    pub body: String,
    pub kind: MailKind,
    pub dedupe_key: Option<String>,
    pub created_at: String,
    pub attempts: i64,
    pub next_attempt_at: Option<String>,
    pub sent_at: Option<String>,
    pub last_error: Option<String>,
}

impl QueuedMail {
    pub fn state(&self) -> MailState {
        MailState::of(self.sent_at.is_some(), self.next_attempt_at.is_some())
    }
}

/// Which messages a list shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct MailFilter {
    pub state: Option<MailState>,
    /// At most this many, newest first (0: 200).
    pub limit: i64,
}

/// Times as stored: RFC 3339 UTC with milliseconds, so that text order is time order.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

const COLUMNS: &str = "id, commune_id, to_addr, subject, body, kind, dedupe_key, created_at, \
                       attempts, next_attempt_at, sent_at, last_error";

fn decode(r: &AnyRow) -> Result<QueuedMail> {
    let kind = s(r, "kind")?;
    Ok(QueuedMail {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        to_addr: s(r, "to_addr")?,
        subject: s(r, "subject")?,
        body: s(r, "body")?,
        kind: MailKind::parse(&kind).ok_or_else(|| corrupt("mail kind", &kind))?,
        dedupe_key: os(r, "dedupe_key")?,
        created_at: s(r, "created_at")?,
        attempts: i(r, "attempts")?,
        next_attempt_at: os(r, "next_attempt_at")?,
        sent_at: os(r, "sent_at")?,
        last_error: os(r, "last_error")?,
    })
}

/// Queues a message for sending as soon as the worker runs, inside the caller's transaction.
/// Returns its id, or `None` when a message with the same dedupe key was already queued.
pub async fn enqueue(w: &mut WriteTx<'_>, m: &OutgoingMail) -> Result<Option<i64>> {
    let now = stamp(Utc::now());
    let row: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO mail_outbox (commune_id, to_addr, subject, body, kind, dedupe_key, \
         created_at, attempts, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $7) \
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
    )
    .bind(m.commune_id)
    .bind(&m.to_addr)
    .bind(&m.subject)
    .bind(&m.body)
    .bind(m.kind.code())
    .bind(m.dedupe_key.as_deref())
    .bind(&now)
    .fetch_optional(&mut *w.tx)
    .await?;
    Ok(row.map(|r| r.0))
}

/// Messages whose next try is due at `now`, oldest first, at most `limit`.
pub async fn due(store: &Store, now: DateTime<Utc>, limit: i64) -> Result<Vec<QueuedMail>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at IS NOT NULL \
         AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2"
    ))
    .bind(stamp(now))
    .bind(limit)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

/// Takes a due message for sending by moving its next try to `until`; `false` when another
/// worker (another server on the same database) took it first. If this worker dies while
/// sending, the message is tried again after `until`. Bookkeeping: no audit entry.
pub async fn claim(store: &Store, m: &QueuedMail, until: DateTime<Utc>) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE mail_outbox SET next_attempt_at = $1 WHERE id = $2 AND sent_at IS NULL \
         AND next_attempt_at = $3",
    )
    .bind(stamp(until))
    .bind(m.id)
    .bind(m.next_attempt_at.as_deref())
    .execute(&store.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records a delivery. Bookkeeping: no audit entry.
pub async fn mark_sent(store: &Store, id: i64, at: DateTime<Utc>) -> Result<()> {
    sqlx::query(
        "UPDATE mail_outbox SET sent_at = $1, attempts = attempts + 1, next_attempt_at = NULL \
         WHERE id = $2",
    )
    .bind(stamp(at))
    .bind(id)
    .execute(&store.pool)
    .await?;
    Ok(())
}

/// Records a failed try and when to try again (`None`: given up for good). Bookkeeping: no
/// audit entry.
pub async fn mark_failed(
    store: &Store,
    id: i64,
    error: &str,
    next_attempt_at: Option<DateTime<Utc>>,
) -> Result<()> {
    sqlx::query(
        "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 \
         WHERE id = $3",
    )
    .bind(error)
    .bind(next_attempt_at.map(stamp))
    .bind(id)
    .execute(&store.pool)
    .await?;
    Ok(())
}

/// One message of the outbox.
pub async fn get(store: &Store, id: i64) -> Result<QueuedMail> {
    let r = sqlx::query(&format!("SELECT {COLUMNS} FROM mail_outbox WHERE id = $1"))
        .bind(id)
        .fetch_optional(&store.pool)
        .await?
        .ok_or(crate::StoreError::NotFound)?;
    decode(&r)
}

/// The commune's outbox, newest first.
pub async fn list(store: &Store, commune_id: i64, filter: MailFilter) -> Result<Vec<QueuedMail>> {
    let cond = match filter.state {
        None => "",
        Some(MailState::Sent) => "AND sent_at IS NOT NULL",
        Some(MailState::Waiting) => "AND sent_at IS NULL AND next_attempt_at IS NOT NULL",
        Some(MailState::Failed) => "AND sent_at IS NULL AND next_attempt_at IS NULL",
    };
    let limit = if filter.limit > 0 { filter.limit } else { 200 };
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM mail_outbox WHERE commune_id = $1 {cond} ORDER BY id DESC LIMIT $2"
    ))
    .bind(commune_id)
    .bind(limit)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

/// The kinds a user chose, on or off; a kind without a row follows the role's default.
pub async fn prefs_of(store: &Store, user_id: i64) -> Result<Vec<(MailKind, bool)>> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT kind, enabled FROM mail_prefs WHERE user_id = $1 ORDER BY kind")
            .bind(user_id)
            .fetch_all(&store.pool)
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(k, on)| MailKind::parse(&k).map(|k| (k, on != 0)))
        .collect())
}

/// A user and their choice for `kind` (if they made one), read inside a write transaction so
/// that queuing mail beside an action needs no second connection.
pub async fn recipient(
    w: &mut WriteTx<'_>,
    user_id: i64,
    kind: MailKind,
) -> Result<Option<(User, Option<bool>)>> {
    let Some(r) = sqlx::query(&format!(
        "SELECT {USER_COLUMNS_OF_U} FROM users u WHERE u.id = $1"
    ))
    .bind(user_id)
    .fetch_optional(&mut *w.tx)
    .await?
    else {
        return Ok(None);
    };
    let user = decode_user(&r)?;
    let pref: Option<(i64,)> =
        sqlx::query_as("SELECT enabled FROM mail_prefs WHERE user_id = $1 AND kind = $2")
            .bind(user_id)
            .bind(kind.code())
            .fetch_optional(&mut *w.tx)
            .await?;
    Ok(Some((user, pref.map(|p| p.0 != 0))))
}

/// Stores a user's choice for one kind, audited with the value before and after.
pub async fn set_pref(
    w: &mut WriteTx<'_>,
    actor: &str,
    user: &User,
    kind: MailKind,
    enabled: bool,
) -> Result<()> {
    let before: Option<(i64,)> =
        sqlx::query_as("SELECT enabled FROM mail_prefs WHERE user_id = $1 AND kind = $2")
            .bind(user.id)
            .bind(kind.code())
            .fetch_optional(&mut *w.tx)
            .await?;
    let before = before.map(|b| b.0 != 0);
    if before == Some(enabled) {
        return Ok(());
    }
    sqlx::query("DELETE FROM mail_prefs WHERE user_id = $1 AND kind = $2")
        .bind(user.id)
        .bind(kind.code())
        .execute(&mut *w.tx)
        .await?;
    sqlx::query(
        "INSERT INTO mail_prefs (commune_id, user_id, kind, enabled) VALUES ($1, $2, $3, $4)",
    )
    .bind(user.commune_id)
    .bind(user.id)
    .bind(kind.code())
    .bind(enabled as i64)
    .execute(&mut *w.tx)
    .await?;
    let change = Change {
        commune_id: user.commune_id,
        actor,
        action: "mail_pref",
        entity: "user",
        entity_id: user.id,
        before: json!({ "kind": kind.code(), "enabled": before }),
        after: json!({ "kind": kind.code(), "enabled": enabled }),
    };
    audit::append(w, change).await
}

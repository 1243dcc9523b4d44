//! The append-only audit log. Each entry's hash covers its content and the previous entry's
//! hash (one chain per commune), so editing or deleting an entry breaks every later link.
//! With a key (`Store::with_audit_key`) each hash is an HMAC, a keyed head per commune records
//! the chain's length and last hash, and every task row carries a keyed seal: without the key,
//! a rewrite, a cut at the end, or a row edited outside papi cannot be made to verify.

mod key;
mod seal;
mod verify;

pub(crate) use key::load_or_create_secret;
pub use key::{AuditKey, KeyError};
pub use verify::{head_in, verify, verify_since, Anchor, Head, Tampered, Verification};

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;

use crate::rows::{i, s};
use crate::{now_utc, Backend, Result, Store, WriteTx};

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub commune_id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    pub before_json: String,
    pub after_json: String,
    pub prev_hash: String,
    pub hash: String,
    /// `sha256` (unkeyed, before a key was configured) or `hmac-sha256`.
    pub scheme: String,
}

/// Entries written before the store had a key.
pub const UNKEYED: &str = "sha256";
/// Entries keyed with the audit key.
pub const KEYED: &str = "hmac-sha256";

/// The hash of the chain's start.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The entry's hash under its scheme; `None` for a keyed entry when no key is at hand.
pub(crate) fn entry_hash(e: &AuditEntry, key: Option<&AuditKey>) -> Option<String> {
    let commune = e.commune_id.to_string();
    let entity_id = e.entity_id.to_string();
    let parts = [
        e.prev_hash.as_str(),
        &commune,
        &e.at,
        &e.actor,
        &e.action,
        &e.entity,
        &entity_id,
        &e.before_json,
        &e.after_json,
    ];
    if e.scheme == KEYED {
        return key.map(|k| k.mac(&parts));
    }
    let mut h = Sha256::new();
    for part in parts {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    Some(hex::encode(h.finalize()))
}

/// What changed, by whom: recorded inside the same transaction as the change itself.
pub struct Change<'a> {
    pub commune_id: i64,
    pub actor: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: i64,
    pub before: Value,
    pub after: Value,
}

pub async fn append(w: &mut WriteTx<'_>, c: Change<'_>) -> Result<()> {
    if w.backend == Backend::Postgres {
        // Serialise appends to one commune's chain across connections and nodes.
        sqlx::query("SELECT count(*) FROM (SELECT pg_advisory_xact_lock($1)) AS l")
            .bind(c.commune_id)
            .fetch_one(&mut *w.tx)
            .await?;
    }
    let prev: Option<(String,)> =
        sqlx::query_as("SELECT hash FROM audit_log WHERE commune_id = $1 ORDER BY id DESC LIMIT 1")
            .bind(c.commune_id)
            .fetch_optional(&mut *w.tx)
            .await?;
    let mut e = AuditEntry {
        id: 0,
        commune_id: c.commune_id,
        at: now_utc(),
        actor: c.actor.to_string(),
        action: c.action.to_string(),
        entity: c.entity.to_string(),
        entity_id: c.entity_id,
        before_json: c.before.to_string(),
        after_json: c.after.to_string(),
        prev_hash: prev.map(|p| p.0).unwrap_or_else(|| GENESIS.to_string()),
        hash: String::new(),
        scheme: if w.audit_key.is_some() {
            KEYED
        } else {
            UNKEYED
        }
        .to_string(),
    };
    let key = w.audit_key.clone();
    e.hash = entry_hash(&e, key.as_deref()).expect("a keyed entry is written with its key");
    sqlx::query(
        "INSERT INTO audit_log (commune_id, at, actor, action, entity, entity_id, before_json, \
         after_json, prev_hash, hash, scheme) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(e.commune_id)
    .bind(&e.at)
    .bind(&e.actor)
    .bind(&e.action)
    .bind(&e.entity)
    .bind(e.entity_id)
    .bind(&e.before_json)
    .bind(&e.after_json)
    .bind(&e.prev_hash)
    .bind(&e.hash)
    .bind(&e.scheme)
    .execute(&mut *w.tx)
    .await?;
    if let Some(key) = key {
        verify::advance_head(w, &key, e.commune_id, &e.hash).await?;
        if e.entity == "task" {
            seal::seal_task(w, &key, e.entity_id).await?;
        }
    }
    Ok(())
}

/// Adopts every commune whose chain has no keyed entry yet: records its head and seals its
/// task rows. A commune that already has keyed entries is never re-adopted, so deleting its
/// head or a seal cannot be laundered by restarting the server.
pub(crate) async fn adopt(store: &Store) -> Result<()> {
    let Some(key) = store.audit_key.clone() else {
        return Ok(());
    };
    let communes: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM communes WHERE id NOT IN \
         (SELECT commune_id FROM audit_log WHERE scheme = $1) \
         AND id NOT IN (SELECT commune_id FROM audit_heads)",
    )
    .bind(KEYED)
    .fetch_all(&store.pool)
    .await?;
    for (commune_id,) in communes {
        let mut w = store.begin_write().await?;
        verify::record_head(&mut w, &key, commune_id).await?;
        seal::seal_commune_tasks(&mut w, &key, commune_id).await?;
        w.commit().await?;
    }
    Ok(())
}

pub(crate) fn decode(r: &AnyRow) -> Result<AuditEntry> {
    Ok(AuditEntry {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        at: s(r, "at")?,
        actor: s(r, "actor")?,
        action: s(r, "action")?,
        entity: s(r, "entity")?,
        entity_id: i(r, "entity_id")?,
        before_json: s(r, "before_json")?,
        after_json: s(r, "after_json")?,
        prev_hash: s(r, "prev_hash")?,
        hash: s(r, "hash")?,
        scheme: s(r, "scheme")?,
    })
}

pub(crate) const COLUMNS: &str =
    "id, commune_id, at, actor, action, entity, entity_id, before_json, \
                       after_json, prev_hash, hash, scheme";

/// Newest entries first.
pub async fn list(
    store: &Store,
    commune_id: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<AuditEntry>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM audit_log WHERE commune_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(commune_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

/// The id of the commune's latest audit entry. Every change writes one, so this is a cheap
/// version number of the commune's data, which caches compare against.
/// The newest entry of the whole log: every change anywhere appends to it, so an unchanged
/// value means nothing in the database changed (used to keep every server's caches current).
pub async fn last_id(store: &Store) -> Result<i64> {
    let (id,): (Option<i64>,) = sqlx::query_as("SELECT MAX(id) FROM audit_log")
        .fetch_one(&store.pool)
        .await?;
    Ok(id.unwrap_or(0))
}

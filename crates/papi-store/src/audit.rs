//! The append-only audit log. Each entry's hash covers its content and the previous entry's
//! hash (one chain per commune), so editing or deleting an entry breaks every later link.

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
}

/// The hash of the chain's start.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn entry_hash(e: &AuditEntry) -> String {
    let mut h = Sha256::new();
    for part in [
        e.prev_hash.as_str(),
        &e.commune_id.to_string(),
        &e.at,
        &e.actor,
        &e.action,
        &e.entity,
        &e.entity_id.to_string(),
        &e.before_json,
        &e.after_json,
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
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
    };
    e.hash = entry_hash(&e);
    sqlx::query(
        "INSERT INTO audit_log (commune_id, at, actor, action, entity, entity_id, before_json, \
         after_json, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
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
    .execute(&mut *w.tx)
    .await?;
    Ok(())
}

fn decode(r: &AnyRow) -> Result<AuditEntry> {
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
    })
}

const COLUMNS: &str = "id, commune_id, at, actor, action, entity, entity_id, before_json, \
                       after_json, prev_hash, hash";

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

/// The first entry whose content or link does not match, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tampered {
    pub id: i64,
    pub commune_id: i64,
    pub reason: String,
}

/// Walks every commune's chain in order; returns the first broken entry and the count checked.
pub async fn verify(store: &Store) -> Result<(usize, Option<Tampered>)> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY id"))
        .fetch_all(&store.pool)
        .await?;
    let mut last: std::collections::HashMap<i64, String> = Default::default();
    for (n, r) in rows.iter().enumerate() {
        let e = decode(r)?;
        let expected_prev = last
            .get(&e.commune_id)
            .map(String::as_str)
            .unwrap_or(GENESIS);
        let reason = if e.prev_hash != expected_prev {
            Some("liên kết với bản ghi trước bị đứt (bản ghi bị xóa hoặc chèn)")
        } else if entry_hash(&e) != e.hash {
            Some("nội dung không khớp mã băm (bản ghi bị sửa)")
        } else {
            None
        };
        if let Some(reason) = reason {
            let t = Tampered {
                id: e.id,
                commune_id: e.commune_id,
                reason: reason.into(),
            };
            return Ok((n, Some(t)));
        }
        last.insert(e.commune_id, e.hash);
    }
    Ok((rows.len(), None))
}

/// The id of the commune's latest audit entry. Every change writes one, so this is a cheap
/// version number of the commune's data, which caches compare against.
pub async fn head(store: &Store, commune_id: i64) -> Result<i64> {
    let (id,): (Option<i64>,) =
        sqlx::query_as("SELECT MAX(id) FROM audit_log WHERE commune_id = $1")
            .bind(commune_id)
            .fetch_one(&store.pool)
            .await?;
    Ok(id.unwrap_or(0))
}

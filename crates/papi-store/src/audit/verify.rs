//! Checking the chain: every link and hash, the keyed head of each commune (a cut at the end
//! shows), the task seals (a row edited outside papi shows), and an earlier printed anchor
//! (a rollback to an older consistent state shows).

use std::collections::HashMap;
use std::str::FromStr;

use serde::Serialize;

use super::{decode, entry_hash, seal, AuditKey, COLUMNS, GENESIS, KEYED, UNKEYED};
use crate::{Result, Store, WriteTx};

/// The first entry (or row) that does not match, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tampered {
    /// The audit entry's id, or the task's id when `reason` names a task row; 0 for the chain.
    pub id: i64,
    pub commune_id: i64,
    pub reason: String,
}

/// A commune's chain as it stands: how many entries and the last hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Head {
    pub commune_id: i64,
    pub entries: i64,
    pub hash: String,
}

impl Head {
    /// The text to print and keep, to check later with `papi audit verify --since`.
    pub fn anchor(&self) -> String {
        format!("{}-{}-{}", self.commune_id, self.entries, self.hash)
    }
}

/// An earlier printed head, parsed.
pub type Anchor = Head;

impl FromStr for Head {
    type Err = String;
    fn from_str(text: &str) -> std::result::Result<Head, String> {
        let bad = || {
            format!("mốc “{text}” không đúng dạng XÃ-SỐBẢNGHI-MÃBĂM (như papi audit verify đã in)")
        };
        let mut parts = text.trim().splitn(3, '-');
        let commune_id = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let entries: i64 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let hash = parts.next().ok_or_else(bad)?.to_ascii_lowercase();
        if entries < 0 || hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad());
        }
        Ok(Head {
            commune_id,
            entries,
            hash,
        })
    }
}

/// What a walk of the whole log found.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    /// Entries checked before the first problem (all of them when there is none).
    pub checked: usize,
    /// Each commune's head as found.
    pub heads: Vec<Head>,
    pub problem: Option<Tampered>,
    /// Whether the check used the key (without it, keyed entries cannot be checked).
    pub keyed: bool,
}

fn head_mac(key: &AuditKey, commune_id: i64, entries: i64, hash: &str) -> String {
    key.mac(&["head", &commune_id.to_string(), &entries.to_string(), hash])
}

async fn write_head(
    w: &mut WriteTx<'_>,
    key: &AuditKey,
    commune_id: i64,
    entries: i64,
    hash: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_heads (commune_id, entries, hash, mac) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (commune_id) DO UPDATE SET entries = excluded.entries, \
         hash = excluded.hash, mac = excluded.mac",
    )
    .bind(commune_id)
    .bind(entries)
    .bind(hash)
    .bind(head_mac(key, commune_id, entries, hash))
    .execute(&mut *w.tx)
    .await?;
    Ok(())
}

async fn chain_length(w: &mut WriteTx<'_>, commune_id: i64) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE commune_id = $1")
        .bind(commune_id)
        .fetch_one(&mut *w.tx)
        .await?;
    Ok(n)
}

/// Moves the head on by the entry just appended (whose hash is `hash`).
pub(super) async fn advance_head(
    w: &mut WriteTx<'_>,
    key: &AuditKey,
    commune_id: i64,
    hash: &str,
) -> Result<()> {
    let known: Option<(i64,)> =
        sqlx::query_as("SELECT entries FROM audit_heads WHERE commune_id = $1")
            .bind(commune_id)
            .fetch_optional(&mut *w.tx)
            .await?;
    let entries = match known {
        Some((n,)) => n + 1,
        None => chain_length(w, commune_id).await?,
    };
    write_head(w, key, commune_id, entries, hash).await
}

/// The head of a commune's chain as it stands inside the transaction.
pub async fn head_in(w: &mut WriteTx<'_>, commune_id: i64) -> Result<Head> {
    let entries = chain_length(w, commune_id).await?;
    let last: Option<(String,)> =
        sqlx::query_as("SELECT hash FROM audit_log WHERE commune_id = $1 ORDER BY id DESC LIMIT 1")
            .bind(commune_id)
            .fetch_optional(&mut *w.tx)
            .await?;
    Ok(Head {
        commune_id,
        entries,
        hash: last.map_or_else(|| GENESIS.to_string(), |l| l.0),
    })
}

/// Records the head of a commune's chain as it stands (adoption of the key).
pub(super) async fn record_head(
    w: &mut WriteTx<'_>,
    key: &AuditKey,
    commune_id: i64,
) -> Result<()> {
    let head = head_in(w, commune_id).await?;
    write_head(w, key, commune_id, head.entries, &head.hash).await
}

/// One commune's walk so far.
#[derive(Default)]
struct Walk {
    entries: i64,
    last: Option<String>,
    keyed: bool,
}

fn problem(id: i64, commune_id: i64, reason: impl Into<String>) -> Option<Tampered> {
    Some(Tampered {
        id,
        commune_id,
        reason: reason.into(),
    })
}

/// Walks every commune's chain in order, then checks each keyed head and the task seals.
pub async fn verify(store: &Store) -> Result<Verification> {
    let key = store.audit_key.as_deref();
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY id"))
        .fetch_all(&store.pool)
        .await?;
    let mut walks: HashMap<i64, Walk> = HashMap::new();
    let mut found = None;
    let mut checked = 0;
    for r in &rows {
        let e = decode(r)?;
        let walk = walks.entry(e.commune_id).or_default();
        let expected_prev = walk.last.as_deref().unwrap_or(GENESIS);
        found = if e.prev_hash != expected_prev {
            problem(
                e.id,
                e.commune_id,
                "liên kết với bản ghi trước bị đứt (bản ghi bị xóa hoặc chèn)",
            )
        } else if walk.keyed && e.scheme == UNKEYED {
            problem(
                e.id,
                e.commune_id,
                "bản ghi không có khóa chen sau bản ghi có khóa (bị ghi lại ngoài papi)",
            )
        } else if e.scheme != KEYED && e.scheme != UNKEYED {
            problem(e.id, e.commune_id, format!("kiểu mã băm lạ “{}”", e.scheme))
        } else {
            match entry_hash(&e, key) {
                None => problem(
                    e.id,
                    e.commune_id,
                    "bản ghi có khóa: cần tệp khóa nhật ký để kiểm tra",
                ),
                Some(h) if h != e.hash => problem(
                    e.id,
                    e.commune_id,
                    "nội dung không khớp mã băm (bản ghi bị sửa)",
                ),
                Some(_) => None,
            }
        };
        if found.is_some() {
            break;
        }
        checked += 1;
        walk.entries += 1;
        walk.keyed |= e.scheme == KEYED;
        walk.last = Some(e.hash);
    }
    let mut heads: Vec<Head> = walks
        .iter()
        .map(|(c, w)| Head {
            commune_id: *c,
            entries: w.entries,
            hash: w.last.clone().unwrap_or_else(|| GENESIS.into()),
        })
        .collect();
    heads.sort_by_key(|h| h.commune_id);
    if found.is_none() {
        if let Some(key) = key {
            found = check_heads(store, key, &walks).await?;
        }
    }
    Ok(Verification {
        checked,
        heads,
        problem: found,
        keyed: key.is_some(),
    })
}

/// The keyed heads against the chains walked, then the task seals of each commune.
async fn check_heads(
    store: &Store,
    key: &AuditKey,
    walks: &HashMap<i64, Walk>,
) -> Result<Option<Tampered>> {
    let stored: Vec<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT commune_id, entries, hash, mac FROM audit_heads ORDER BY commune_id",
    )
    .fetch_all(&store.pool)
    .await?;
    let stored: HashMap<i64, (i64, String, String)> = stored
        .into_iter()
        .map(|(c, n, h, m)| (c, (n, h, m)))
        .collect();
    let listed: Vec<(i64,)> = sqlx::query_as("SELECT id FROM communes ORDER BY id")
        .fetch_all(&store.pool)
        .await?;
    // Every chain: the communes', the installation's own (0: sign-ins of unknown names), and
    // any head whose chain has vanished.
    let mut communes: Vec<i64> = listed.into_iter().map(|c| c.0).collect();
    communes.extend(walks.keys().copied());
    communes.extend(stored.keys().copied());
    communes.sort_unstable();
    communes.dedup();
    let empty = Walk::default();
    for commune_id in communes {
        let walk = walks.get(&commune_id).unwrap_or(&empty);
        let found_hash = walk.last.as_deref().unwrap_or(GENESIS);
        match stored.get(&commune_id) {
            None if walk.keyed => {
                return Ok(problem(
                    0,
                    commune_id,
                    "mất dấu đầu chuỗi của nhật ký (bị xóa ngoài papi)",
                ))
            }
            None => {
                let sealed: (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM tasks WHERE commune_id = $1 AND seal IS NOT NULL",
                )
                .bind(commune_id)
                .fetch_one(&store.pool)
                .await?;
                if sealed.0 > 0 {
                    return Ok(problem(
                        0,
                        commune_id,
                        "nhật ký và dấu đầu chuỗi bị xóa (các dòng nhiệm vụ đã niêm phong vẫn còn)",
                    ));
                }
                continue;
            }
            Some((entries, hash, mac)) => {
                if *mac != head_mac(key, commune_id, *entries, hash) {
                    return Ok(problem(0, commune_id, "dấu đầu chuỗi bị sửa ngoài papi"));
                }
                if walk.entries < *entries {
                    return Ok(problem(
                        0,
                        commune_id,
                        format!(
                            "nhật ký bị cắt: đầu chuỗi ghi {entries} bản ghi, chỉ còn {}",
                            walk.entries
                        ),
                    ));
                }
                if walk.entries > *entries || found_hash != hash {
                    return Ok(problem(
                        0,
                        commune_id,
                        format!(
                        "bản ghi cuối không khớp đầu chuỗi ({entries} bản ghi đã ghi nhận, có {})",
                        walk.entries
                    ),
                    ));
                }
            }
        }
        if let Some((task, reason)) = seal::first_broken_seal(store, key, commune_id).await? {
            return Ok(problem(
                task,
                commune_id,
                format!("nhiệm vụ #{task}: {reason}"),
            ));
        }
    }
    Ok(None)
}

/// Checks the chain against a head printed earlier: the entry at that position must still
/// be there with the same hash. Catches a cut or a rewrite done with the key, back to any
/// point before the anchor was printed.
pub async fn verify_since(store: &Store, anchor: &Anchor) -> Result<Option<Tampered>> {
    if anchor.entries == 0 {
        return Ok(None);
    }
    let at: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, hash FROM audit_log WHERE commune_id = $1 ORDER BY id LIMIT 1 OFFSET $2",
    )
    .bind(anchor.commune_id)
    .bind(anchor.entries - 1)
    .fetch_optional(&store.pool)
    .await?;
    Ok(match at {
        None => problem(
            0,
            anchor.commune_id,
            format!(
                "nhật ký ngắn hơn mốc đã in ({} bản ghi): đã bị cắt",
                anchor.entries
            ),
        ),
        Some((id, hash)) if hash != anchor.hash => problem(
            id,
            anchor.commune_id,
            format!(
                "bản ghi thứ {} khác với mốc đã in: nhật ký đã bị viết lại",
                anchor.entries
            ),
        ),
        Some(_) => None,
    })
}

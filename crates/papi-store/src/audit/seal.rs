//! Keyed seals on task rows. The seal is an HMAC of the row as stored (and its coordinating
//! units), written in the same transaction as the audit entry of every change, so a row
//! edited directly in the database no longer matches its seal.

use std::collections::HashMap;

use sqlx::any::AnyRow;

use super::AuditKey;
use crate::rows::{i, oi, os, s};
use crate::{Result, Store, WriteTx};

const COLUMNS: &str = "id, commune_id, plan_id, item_id, position, title, description, \
                       lead_unit_id, deliverable, due, status, progress, public, last_update_on";

/// The row's fields as text, in a fixed order; `None` becomes a marker no text can equal.
fn canonical(r: &AnyRow, coordinating: &[i64]) -> Result<Vec<String>> {
    let opt = |v: Option<String>| v.unwrap_or_else(|| "\u{0}null".into());
    let mut parts = Vec::with_capacity(15);
    for col in [
        "id",
        "commune_id",
        "plan_id",
        "position",
        "lead_unit_id",
        "progress",
        "public",
    ] {
        parts.push(i(r, col)?.to_string());
    }
    parts.push(opt(oi(r, "item_id")?.map(|v| v.to_string())));
    for col in ["title", "description", "deliverable", "due", "status"] {
        parts.push(s(r, col)?);
    }
    parts.push(opt(os(r, "last_update_on")?));
    let mut units = coordinating.to_vec();
    units.sort_unstable();
    parts.push(
        units
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(","),
    );
    Ok(parts)
}

fn seal_of(key: &AuditKey, r: &AnyRow, coordinating: &[i64]) -> Result<String> {
    let parts = canonical(r, coordinating)?;
    let refs: Vec<&str> = std::iter::once("task")
        .chain(parts.iter().map(String::as_str))
        .collect();
    Ok(key.mac(&refs))
}

/// Seals one task row as it now stands in the transaction.
pub(super) async fn seal_task(w: &mut WriteTx<'_>, key: &AuditKey, task_id: i64) -> Result<()> {
    let Some(row) = sqlx::query(&format!("SELECT {COLUMNS} FROM tasks WHERE id = $1"))
        .bind(task_id)
        .fetch_optional(&mut *w.tx)
        .await?
    else {
        return Ok(());
    };
    let units: Vec<(i64,)> = sqlx::query_as("SELECT unit_id FROM task_units WHERE task_id = $1")
        .bind(task_id)
        .fetch_all(&mut *w.tx)
        .await?;
    let units: Vec<i64> = units.into_iter().map(|u| u.0).collect();
    let seal = seal_of(key, &row, &units)?;
    sqlx::query("UPDATE tasks SET seal = $1 WHERE id = $2")
        .bind(seal)
        .bind(task_id)
        .execute(&mut *w.tx)
        .await?;
    Ok(())
}

/// Seals every task of a commune (when the key is first adopted).
pub(super) async fn seal_commune_tasks(
    w: &mut WriteTx<'_>,
    key: &AuditKey,
    commune_id: i64,
) -> Result<()> {
    let ids: Vec<(i64,)> = sqlx::query_as("SELECT id FROM tasks WHERE commune_id = $1")
        .bind(commune_id)
        .fetch_all(&mut *w.tx)
        .await?;
    for (id,) in ids {
        seal_task(w, key, id).await?;
    }
    Ok(())
}

/// The first task of the commune whose row does not match its seal, with the reason.
pub(super) async fn first_broken_seal(
    store: &Store,
    key: &AuditKey,
    commune_id: i64,
) -> Result<Option<(i64, &'static str)>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS}, seal FROM tasks WHERE commune_id = $1 ORDER BY id"
    ))
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    let links: Vec<(i64, i64)> =
        sqlx::query_as("SELECT task_id, unit_id FROM task_units WHERE commune_id = $1")
            .bind(commune_id)
            .fetch_all(&store.pool)
            .await?;
    let mut units: HashMap<i64, Vec<i64>> = HashMap::new();
    for (task, unit) in links {
        units.entry(task).or_default().push(unit);
    }
    for r in &rows {
        let id = i(r, "id")?;
        let expected = seal_of(key, r, units.get(&id).map_or(&[][..], Vec::as_slice))?;
        match os(r, "seal")? {
            None => return Ok(Some((id, "dòng nhiệm vụ không có dấu niêm phong"))),
            Some(seal) if seal != expected => {
                return Ok(Some((
                    id,
                    "dòng nhiệm vụ bị sửa ngoài papi (không khớp dấu niêm phong)",
                )))
            }
            Some(_) => {}
        }
    }
    Ok(None)
}

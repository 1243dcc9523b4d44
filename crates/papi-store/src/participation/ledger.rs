//! The contributions ledger per village and project: level agreed, collected, spent, balance.
//!
//! Lines are only ever added (a mistake is corrected by a line the other way), so the ledger
//! residents see is the ledger as it was kept.

use papi_core::participation::ledger::{AccountKind, Entry, EntryKind, Ledger};
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{corrupt, date, i, oi, opt_date, s};
use crate::{Result, Store, StoreError, WriteTx};

const COLUMNS: &str = "id, commune_id, decision_id, village_id, project, level_per_household, \
    account_kind, account, opened_on, disclosure_id, published_on";

fn decode(r: &AnyRow) -> Result<Ledger> {
    let kind = s(r, "account_kind")?;
    Ok(Ledger {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        decision_id: i(r, "decision_id")?,
        village_id: oi(r, "village_id")?,
        project: s(r, "project")?,
        level_per_household: i(r, "level_per_household")?,
        account_kind: AccountKind::parse(&kind).ok_or_else(|| corrupt("account_kind", &kind))?,
        account: s(r, "account")?,
        opened_on: date(r, "opened_on")?,
        disclosure_id: oi(r, "disclosure_id")?,
        published_on: opt_date(r, "published_on")?,
    })
}

fn decode_entry(r: &AnyRow) -> Result<Entry> {
    let kind = s(r, "kind")?;
    Ok(Entry {
        id: i(r, "id")?,
        ledger_id: i(r, "ledger_id")?,
        on: date(r, "on_date")?,
        kind: EntryKind::parse(&kind).ok_or_else(|| corrupt("kind", &kind))?,
        amount: i(r, "amount")?,
        who: s(r, "who")?,
        purpose: s(r, "purpose")?,
    })
}

pub async fn list(store: &Store, commune_id: i64) -> Result<Vec<Ledger>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM participation_ledgers WHERE commune_id = $1 ORDER BY id"
    ))
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

pub async fn get(store: &Store, commune_id: i64, id: i64) -> Result<Ledger> {
    let r = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM participation_ledgers WHERE commune_id = $1 AND id = $2"
    ))
    .bind(commune_id)
    .bind(id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    decode(&r)
}

/// The lines of one ledger, oldest first; `ledger_id` `None` gives every ledger's lines.
pub async fn entries(store: &Store, commune_id: i64, ledger_id: Option<i64>) -> Result<Vec<Entry>> {
    let rows = sqlx::query(
        "SELECT id, ledger_id, on_date, kind, amount, who, purpose FROM participation_ledger_entries \
         WHERE commune_id = $1 AND ($2 = 0 OR ledger_id = $2) ORDER BY on_date, id",
    )
    .bind(commune_id)
    .bind(ledger_id.unwrap_or(0))
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode_entry).collect()
}

pub async fn insert(w: &mut WriteTx<'_>, actor: &str, l: &Ledger) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO participation_ledgers (commune_id, decision_id, village_id, project, \
         level_per_household, account_kind, account, opened_on, disclosure_id, published_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(l.commune_id)
    .bind(l.decision_id)
    .bind(l.village_id)
    .bind(&l.project)
    .bind(l.level_per_household)
    .bind(l.account_kind.code())
    .bind(&l.account)
    .bind(l.opened_on.to_string())
    .bind(l.disclosure_id)
    .bind(l.published_on.map(|d| d.to_string()))
    .fetch_one(&mut *w.tx)
    .await?;
    audit::append(
        w,
        Change {
            commune_id: l.commune_id,
            actor,
            action: "open",
            entity: "participation_ledger",
            entity_id: id,
            before: serde_json::Value::Null,
            after: json!(l),
        },
    )
    .await?;
    Ok(id)
}

pub async fn add_entry(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    e: &Entry,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO participation_ledger_entries (commune_id, ledger_id, on_date, kind, amount, \
         who, purpose) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(commune_id)
    .bind(e.ledger_id)
    .bind(e.on.to_string())
    .bind(e.kind.code())
    .bind(e.amount)
    .bind(&e.who)
    .bind(&e.purpose)
    .fetch_one(&mut *w.tx)
    .await?;
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: e.kind.code(),
            entity: "participation_ledger_entry",
            entity_id: id,
            before: serde_json::Value::Null,
            after: json!(e),
        },
    )
    .await?;
    Ok(id)
}

/// Marks the ledger's result published, with the disclosure register entry if one was made.
pub async fn set_published(
    w: &mut WriteTx<'_>,
    actor: &str,
    l: &Ledger,
    on: chrono::NaiveDate,
    disclosure_id: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "UPDATE participation_ledgers SET published_on = $1, disclosure_id = $2 \
         WHERE commune_id = $3 AND id = $4",
    )
    .bind(on.to_string())
    .bind(disclosure_id)
    .bind(l.commune_id)
    .bind(l.id)
    .execute(&mut *w.tx)
    .await?;
    audit::append(
        w,
        Change {
            commune_id: l.commune_id,
            actor,
            action: "publish",
            entity: "participation_ledger",
            entity_id: l.id,
            before: json!({"published_on": l.published_on, "disclosure_id": l.disclosure_id}),
            after: json!({"published_on": on, "disclosure_id": disclosure_id}),
        },
    )
    .await
}

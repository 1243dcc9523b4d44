//! Findings of checks and their re-checks. The owner unit's name is read from `units`, so a
//! renamed unit shows under its new name.

use papi_core::inspection::{Finding, Recheck};
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{date, i, opt_date, s};
use crate::{Result, Store, StoreError, WriteTx};

const COLUMNS: &str = "f.id, f.commune_id, f.inspection_id, f.text, f.owner_unit_id, \
    COALESCE(u.name, '') AS owner_name, f.found_on, f.due, f.first_due, f.remediated_on, \
    f.remediation, f.closed_on";

fn decode(r: &AnyRow) -> Result<Finding> {
    Ok(Finding {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        inspection_id: i(r, "inspection_id")?,
        text: s(r, "text")?,
        owner_unit_id: i(r, "owner_unit_id")?,
        owner_name: s(r, "owner_name")?,
        found_on: date(r, "found_on")?,
        due: date(r, "due")?,
        first_due: date(r, "first_due")?,
        remediated_on: opt_date(r, "remediated_on")?,
        remediation: s(r, "remediation")?,
        closed_on: opt_date(r, "closed_on")?,
    })
}

fn decode_recheck(r: &AnyRow) -> Result<Recheck> {
    Ok(Recheck {
        id: i(r, "id")?,
        finding_id: i(r, "finding_id")?,
        on: date(r, "on_date")?,
        by: s(r, "by_name")?,
        passed: i(r, "passed")? != 0,
        note: s(r, "note")?,
        new_due: opt_date(r, "new_due")?,
    })
}

/// One finding of the commune.
pub async fn get(store: &Store, commune_id: i64, id: i64) -> Result<Finding> {
    let r = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM inspection_findings f LEFT JOIN units u ON u.id = f.owner_unit_id \
         WHERE f.commune_id = $1 AND f.id = $2"
    ))
    .bind(commune_id)
    .bind(id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    decode(&r)
}

/// The findings of the commune (of one check when `inspection_id` is given), oldest first.
pub async fn list(
    store: &Store,
    commune_id: i64,
    inspection_id: Option<i64>,
) -> Result<Vec<Finding>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM inspection_findings f LEFT JOIN units u ON u.id = f.owner_unit_id \
         WHERE f.commune_id = $1 {} ORDER BY f.found_on, f.id",
        if inspection_id.is_some() {
            "AND f.inspection_id = $2"
        } else {
            ""
        }
    );
    let mut q = sqlx::query(&sql).bind(commune_id);
    if let Some(id) = inspection_id {
        q = q.bind(id);
    }
    let rows = q.fetch_all(&store.pool).await?;
    rows.iter().map(decode).collect()
}

/// The re-checks of the commune's findings (of one finding when given), oldest first.
pub async fn rechecks(
    store: &Store,
    commune_id: i64,
    finding_id: Option<i64>,
) -> Result<Vec<Recheck>> {
    let sql = format!(
        "SELECT id, finding_id, on_date, by_name, passed, note, new_due FROM inspection_rechecks \
         WHERE commune_id = $1 {} ORDER BY on_date, id",
        if finding_id.is_some() {
            "AND finding_id = $2"
        } else {
            ""
        }
    );
    let mut q = sqlx::query(&sql).bind(commune_id);
    if let Some(id) = finding_id {
        q = q.bind(id);
    }
    let rows = q.fetch_all(&store.pool).await?;
    rows.iter().map(decode_recheck).collect()
}

fn snapshot(f: &Finding) -> serde_json::Value {
    json!({
        "inspection_id": f.inspection_id, "owner_unit_id": f.owner_unit_id,
        "found_on": f.found_on, "due": f.due, "remediated_on": f.remediated_on,
        "closed_on": f.closed_on,
    })
}

/// Records a finding; returns its id.
pub async fn insert(w: &mut WriteTx<'_>, actor: &str, f: &Finding) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO inspection_findings (commune_id, inspection_id, text, owner_unit_id, \
         found_on, due, first_due, remediated_on, remediation, closed_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(f.commune_id)
    .bind(f.inspection_id)
    .bind(&f.text)
    .bind(f.owner_unit_id)
    .bind(f.found_on.to_string())
    .bind(f.due.to_string())
    .bind(f.first_due.to_string())
    .bind(f.remediated_on.map(|d| d.to_string()))
    .bind(&f.remediation)
    .bind(f.closed_on.map(|d| d.to_string()))
    .fetch_one(&mut *w.tx)
    .await?;
    audit::append(
        w,
        Change {
            commune_id: f.commune_id,
            actor,
            action: "record_finding",
            entity: "inspection_finding",
            entity_id: id,
            before: serde_json::Value::Null,
            after: snapshot(f),
        },
    )
    .await?;
    Ok(id)
}

/// Saves a finding's deadline, remediation report and closure as `after`.
pub async fn update(
    w: &mut WriteTx<'_>,
    actor: &str,
    action: &str,
    before: &Finding,
    after: &Finding,
) -> Result<()> {
    sqlx::query(
        "UPDATE inspection_findings SET due = $1, remediated_on = $2, remediation = $3, \
         closed_on = $4 WHERE commune_id = $5 AND id = $6",
    )
    .bind(after.due.to_string())
    .bind(after.remediated_on.map(|d| d.to_string()))
    .bind(&after.remediation)
    .bind(after.closed_on.map(|d| d.to_string()))
    .bind(before.commune_id)
    .bind(before.id)
    .execute(&mut *w.tx)
    .await?;
    audit::append(
        w,
        Change {
            commune_id: before.commune_id,
            actor,
            action,
            entity: "inspection_finding",
            entity_id: before.id,
            before: snapshot(before),
            after: snapshot(after),
        },
    )
    .await?;
    Ok(())
}

/// Records a re-check of `f`; a failed one moves the deadline to its `new_due` in the same
/// write. Returns the re-check's id.
pub async fn insert_recheck(
    w: &mut WriteTx<'_>,
    actor: &str,
    f: &Finding,
    r: &Recheck,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO inspection_rechecks (commune_id, finding_id, on_date, by_name, passed, note, \
         new_due) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(f.commune_id)
    .bind(f.id)
    .bind(r.on.to_string())
    .bind(&r.by)
    .bind(i64::from(r.passed))
    .bind(&r.note)
    .bind(r.new_due.map(|d| d.to_string()))
    .fetch_one(&mut *w.tx)
    .await?;
    if let (false, Some(due)) = (r.passed, r.new_due) {
        sqlx::query("UPDATE inspection_findings SET due = $1 WHERE commune_id = $2 AND id = $3")
            .bind(due.to_string())
            .bind(f.commune_id)
            .bind(f.id)
            .execute(&mut *w.tx)
            .await?;
    }
    audit::append(
        w,
        Change {
            commune_id: f.commune_id,
            actor,
            action: "recheck_finding",
            entity: "inspection_finding",
            entity_id: f.id,
            before: json!({ "due": f.due }),
            after: json!({ "recheck_id": id, "on": r.on, "passed": r.passed, "new_due": r.new_due }),
        },
    )
    .await?;
    Ok(id)
}

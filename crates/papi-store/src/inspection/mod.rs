//! Inspections and self-checks: the year's checks, their checklists, findings and re-checks.
//! This layer records what a papi-core rule decided; every write appends an audit entry with
//! `entity: "inspection"` (or `"inspection_finding"`).

pub mod checklist;
pub mod finding;

use chrono::NaiveDate;
use papi_core::inspection::{ChecklistKind, Inspection, Mode, RemediationDays, Target};
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{corrupt, date, i, oi, opt_date, s};
use crate::{Result, Store, StoreError, WriteTx};

const COLUMNS: &str = "id, commune_id, year, title, mode, checklist, unit_id, village_id, \
    target_name, planned_on, held_on, inspector, conclusion, concluded_on, disclosure_id";

fn decode(r: &AnyRow) -> Result<Inspection> {
    let mode = s(r, "mode")?;
    let checklist = s(r, "checklist")?;
    let target = match (oi(r, "unit_id")?, oi(r, "village_id")?) {
        (Some(u), _) => Target::Unit(u),
        (None, Some(v)) => Target::Village(v),
        (None, None) => return Err(corrupt("inspections.target", "none")),
    };
    Ok(Inspection {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        year: i32::try_from(i(r, "year")?).map_err(|e| corrupt("inspections.year", e))?,
        title: s(r, "title")?,
        mode: Mode::parse(&mode).ok_or_else(|| corrupt("inspections.mode", &mode))?,
        checklist: ChecklistKind::parse(&checklist)
            .ok_or_else(|| corrupt("inspections.checklist", &checklist))?,
        target,
        target_name: s(r, "target_name")?,
        planned_on: date(r, "planned_on")?,
        held_on: opt_date(r, "held_on")?,
        inspector: s(r, "inspector")?,
        conclusion: s(r, "conclusion")?,
        concluded_on: opt_date(r, "concluded_on")?,
        disclosure_id: oi(r, "disclosure_id")?,
    })
}

/// One check of the commune.
pub async fn get(store: &Store, commune_id: i64, id: i64) -> Result<Inspection> {
    let r = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM inspections WHERE commune_id = $1 AND id = $2"
    ))
    .bind(commune_id)
    .bind(id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    decode(&r)
}

/// The checks of a year (all years when `year` is `None`), by planned date.
pub async fn list(store: &Store, commune_id: i64, year: Option<i32>) -> Result<Vec<Inspection>> {
    let rows = match year {
        Some(y) => {
            sqlx::query(&format!(
                "SELECT {COLUMNS} FROM inspections WHERE commune_id = $1 AND year = $2 \
                 ORDER BY planned_on, id"
            ))
            .bind(commune_id)
            .bind(i64::from(y))
            .fetch_all(&store.pool)
            .await?
        }
        None => {
            sqlx::query(&format!(
                "SELECT {COLUMNS} FROM inspections WHERE commune_id = $1 ORDER BY planned_on, id"
            ))
            .bind(commune_id)
            .fetch_all(&store.pool)
            .await?
        }
    };
    rows.iter().map(decode).collect()
}

fn snapshot(x: &Inspection) -> serde_json::Value {
    // The audit trail keeps what was decided, not the unit's or village's free text.
    json!({
        "year": x.year, "mode": x.mode.code(), "checklist": x.checklist.code(),
        "target": x.target, "planned_on": x.planned_on, "held_on": x.held_on,
        "concluded_on": x.concluded_on, "disclosure_id": x.disclosure_id,
    })
}

/// Adds a check to the year's plan with its own copy of the checklist template; returns its id.
pub async fn insert(w: &mut WriteTx<'_>, actor: &str, x: &Inspection) -> Result<i64> {
    let (unit, village) = match x.target {
        Target::Unit(u) => (Some(u), None),
        Target::Village(v) => (None, Some(v)),
    };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO inspections (commune_id, year, title, mode, checklist, unit_id, village_id, \
         target_name, planned_on, held_on, inspector, conclusion, concluded_on, disclosure_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(x.commune_id)
    .bind(i64::from(x.year))
    .bind(&x.title)
    .bind(x.mode.code())
    .bind(x.checklist.code())
    .bind(unit)
    .bind(village)
    .bind(&x.target_name)
    .bind(x.planned_on.to_string())
    .bind(x.held_on.map(|d| d.to_string()))
    .bind(&x.inspector)
    .bind(&x.conclusion)
    .bind(x.concluded_on.map(|d| d.to_string()))
    .bind(x.disclosure_id)
    .fetch_one(&mut *w.tx)
    .await?;
    for c in x.checklist.criteria(id) {
        checklist::insert(w, x.commune_id, &c).await?;
    }
    audit::append(
        w,
        Change {
            commune_id: x.commune_id,
            actor,
            action: "plan_inspection",
            entity: "inspection",
            entity_id: id,
            before: serde_json::Value::Null,
            after: snapshot(x),
        },
    )
    .await?;
    Ok(id)
}

/// Saves the check's record (held, inspector, conclusion, disclosure link) as `after`.
pub async fn update(
    w: &mut WriteTx<'_>,
    actor: &str,
    action: &str,
    before: &Inspection,
    after: &Inspection,
) -> Result<()> {
    sqlx::query(
        "UPDATE inspections SET held_on = $1, inspector = $2, conclusion = $3, \
         concluded_on = $4, disclosure_id = $5 WHERE commune_id = $6 AND id = $7",
    )
    .bind(after.held_on.map(|d| d.to_string()))
    .bind(&after.inspector)
    .bind(&after.conclusion)
    .bind(after.concluded_on.map(|d| d.to_string()))
    .bind(after.disclosure_id)
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
            entity: "inspection",
            entity_id: before.id,
            before: snapshot(before),
            after: snapshot(after),
        },
    )
    .await?;
    Ok(())
}

/// The commune's default remediation time.
pub async fn remediation_days(store: &Store, commune_id: i64) -> Result<RemediationDays> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT remediation_working_days FROM inspection_settings WHERE commune_id = $1",
    )
    .bind(commune_id)
    .fetch_optional(&store.pool)
    .await?;
    Ok(match row {
        Some((n,)) => {
            RemediationDays(u32::try_from(n).map_err(|e| corrupt("inspection_settings.days", e))?)
        }
        None => RemediationDays::default(),
    })
}

/// Sets the commune's default remediation time.
pub async fn set_remediation_days(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    days: RemediationDays,
) -> Result<()> {
    sqlx::query("DELETE FROM inspection_settings WHERE commune_id = $1")
        .bind(commune_id)
        .execute(&mut *w.tx)
        .await?;
    sqlx::query(
        "INSERT INTO inspection_settings (commune_id, remediation_working_days) VALUES ($1, $2)",
    )
    .bind(commune_id)
    .bind(i64::from(days.0))
    .execute(&mut *w.tx)
    .await?;
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: "set_remediation_days",
            entity: "inspection_settings",
            entity_id: commune_id,
            before: serde_json::Value::Null,
            after: json!({ "working_days": days.0 }),
        },
    )
    .await?;
    Ok(())
}

/// The first day of `year`, for queries by period.
pub fn year_start(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)
}

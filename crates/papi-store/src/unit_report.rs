//! Unit reports and their rows: each unit's account of its tasks for a reporting period. The
//! same operations, by the same names, as `unit_plan`; their review steps go through `review`.

use papi_core::reporting::{UnitReport, UnitReportRow};
use papi_core::review::{ReviewStatus, ReviewedKind};
use papi_core::TaskStatus;
use serde_json::json;
use sqlx::any::AnyRow;

use crate::review;
use crate::rows::{corrupt, i, opt_date, s};
use crate::{Result, Store, WriteTx};

const COLUMNS: &str = "id, commune_id, period_id, unit_id, status, first_submitted_on, comment";

fn decode(r: &AnyRow) -> Result<UnitReport> {
    let status = s(r, "status")?;
    Ok(UnitReport {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        period_id: i(r, "period_id")?,
        unit_id: i(r, "unit_id")?,
        status: ReviewStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
        first_submitted_on: opt_date(r, "first_submitted_on")?,
        comment: s(r, "comment")?,
    })
}

fn place(period_id: i64, unit_id: i64) -> review::Place {
    review::Place {
        kind: ReviewedKind::UnitReport,
        scope_id: period_id,
        unit_id,
    }
}

/// Every unit's report for a period.
pub async fn list(store: &Store, period_id: i64) -> Result<Vec<UnitReport>> {
    let rows = review::list(store, ReviewedKind::UnitReport, period_id, COLUMNS).await?;
    rows.iter().map(decode).collect()
}

/// Every unit report of every period of a plan, in one query (the agenda needs them all).
pub async fn list_of_plan(store: &Store, plan_id: i64) -> Result<Vec<UnitReport>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM unit_reports WHERE period_id IN (SELECT id FROM reporting_periods WHERE plan_id = $1) ORDER BY period_id, unit_id"
    ))
    .bind(plan_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

/// One unit's report for a period with its rows, if it has started one.
pub async fn get(
    store: &Store,
    period_id: i64,
    unit_id: i64,
) -> Result<Option<(UnitReport, Vec<UnitReportRow>)>> {
    let Some(r) = review::find(store, place(period_id, unit_id), COLUMNS).await? else {
        return Ok(None);
    };
    let report = decode(&r)?;
    let columns = "task_id, done, status, progress, figures";
    let rows = review::rows(store, ReviewedKind::UnitReport, report.id, columns)
        .await?
        .iter()
        .map(|r| {
            let st = s(r, "status")?;
            Ok(UnitReportRow {
                task_id: i(r, "task_id")?,
                done: s(r, "done")?,
                status: TaskStatus::parse(&st).ok_or_else(|| corrupt("status", &st))?,
                progress: i(r, "progress")?.clamp(0, 100) as u8,
                figures: s(r, "figures")?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Some((report, rows)))
}

/// Saves the unit's draft (creating the report on first save) and returns its id.
pub async fn save(
    w: &mut WriteTx<'_>,
    actor: &str,
    report: &UnitReport,
    rows: &[UnitReportRow],
) -> Result<i64> {
    let id = match review::open_draft(w, place(report.period_id, report.unit_id)).await? {
        Some(id) => id,
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO unit_reports (commune_id, period_id, unit_id, status, comment) VALUES ($1, $2, $3, $4, '') RETURNING id",
            )
            .bind(report.commune_id)
            .bind(report.period_id)
            .bind(report.unit_id)
            .bind(ReviewStatus::Draft.code())
            .fetch_one(&mut *w.tx)
            .await?;
            id
        }
    };
    for r in rows {
        sqlx::query(
            "INSERT INTO unit_report_rows (unit_report_id, task_id, commune_id, done, status, progress, figures) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(r.task_id)
        .bind(report.commune_id)
        .bind(&r.done)
        .bind(r.status.code())
        .bind(r.progress as i64)
        .bind(&r.figures)
        .execute(&mut *w.tx)
        .await?;
    }
    let after = json!({"period_id": report.period_id, "unit_id": report.unit_id, "rows": rows});
    review::record_save(
        w,
        ReviewedKind::UnitReport,
        actor,
        report.commune_id,
        id,
        after,
    )
    .await?;
    Ok(id)
}

/// A unit's report with its rows, found by its id.
pub async fn by_id(store: &Store, id: i64) -> Result<Option<(UnitReport, Vec<UnitReportRow>)>> {
    let at: Option<(i64, i64)> =
        sqlx::query_as("SELECT period_id, unit_id FROM unit_reports WHERE id = $1")
            .bind(id)
            .fetch_optional(&store.pool)
            .await?;
    match at {
        Some((period_id, unit_id)) => get(store, period_id, unit_id).await,
        None => Ok(None),
    }
}

//! Reporting periods, unit reports and the commune report.

use chrono::NaiveDate;
use papi_core::reporting::{Period, PeriodKind, UnitReport, UnitReportRow};
use papi_core::review::ReviewStatus;
use papi_core::TaskStatus;
use serde::Serialize;
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{corrupt, date, i, opt_date, s};
use crate::unit_plan::{set_review, Reviewed};
use crate::{Result, Store, StoreError, WriteTx};

fn decode_period(r: &AnyRow) -> Result<Period> {
    let kind = s(r, "kind")?;
    Ok(Period {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        plan_id: i(r, "plan_id")?,
        kind: PeriodKind::parse(&kind).ok_or_else(|| corrupt("period kind", &kind))?,
        from: date(r, "from_date")?,
        to: date(r, "to_date")?,
        unit_due: date(r, "due")?,
        commune_due: opt_date(r, "commune_due")?,
    })
}

const PERIOD_COLUMNS: &str = "id, commune_id, plan_id, kind, from_date, to_date, due, commune_due";

pub async fn periods(store: &Store, plan_id: i64) -> Result<Vec<Period>> {
    let rows = sqlx::query(&format!(
        "SELECT {PERIOD_COLUMNS} FROM reporting_periods WHERE plan_id = $1 ORDER BY due, id"
    ))
    .bind(plan_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode_period).collect()
}

pub async fn period(store: &Store, id: i64) -> Result<Period> {
    let r = sqlx::query(&format!(
        "SELECT {PERIOD_COLUMNS} FROM reporting_periods WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    decode_period(&r)
}

pub async fn insert_period(w: &mut WriteTx<'_>, actor: &str, p: &Period) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO reporting_periods (commune_id, plan_id, kind, from_date, to_date, due, commune_due) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(p.commune_id)
    .bind(p.plan_id)
    .bind(p.kind.code())
    .bind(p.from.to_string())
    .bind(p.to.to_string())
    .bind(p.unit_due.to_string())
    .bind(p.commune_due.map(|d| d.to_string()))
    .fetch_one(&mut *w.tx)
    .await?;
    let change = Change {
        commune_id: p.commune_id,
        actor,
        action: "create",
        entity: "reporting_period",
        entity_id: id,
        before: json!(null),
        after: json!(p),
    };
    audit::append(w, change).await?;
    Ok(id)
}

const REPORT_COLUMNS: &str =
    "id, commune_id, period_id, unit_id, status, first_submitted_on, comment";

fn decode_report(r: &AnyRow) -> Result<UnitReport> {
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

pub async fn unit_reports(store: &Store, period_id: i64) -> Result<Vec<UnitReport>> {
    let rows = sqlx::query(&format!(
        "SELECT {REPORT_COLUMNS} FROM unit_reports WHERE period_id = $1 ORDER BY unit_id"
    ))
    .bind(period_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode_report).collect()
}

/// Every unit report of every period of a plan, in one query (the agenda needs them all).
pub async fn unit_reports_of_plan(store: &Store, plan_id: i64) -> Result<Vec<UnitReport>> {
    let rows = sqlx::query(&format!(
        "SELECT {REPORT_COLUMNS} FROM unit_reports WHERE period_id IN (SELECT id FROM reporting_periods WHERE plan_id = $1) ORDER BY period_id, unit_id"
    ))
    .bind(plan_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode_report).collect()
}

pub async fn unit_report(
    store: &Store,
    period_id: i64,
    unit_id: i64,
) -> Result<Option<(UnitReport, Vec<UnitReportRow>)>> {
    let Some(r) = sqlx::query(&format!(
        "SELECT {REPORT_COLUMNS} FROM unit_reports WHERE period_id = $1 AND unit_id = $2"
    ))
    .bind(period_id)
    .bind(unit_id)
    .fetch_optional(&store.pool)
    .await?
    else {
        return Ok(None);
    };
    let report = decode_report(&r)?;
    let rows = sqlx::query("SELECT task_id, done, status, progress, figures FROM unit_report_rows WHERE unit_report_id = $1 ORDER BY task_id")
        .bind(report.id)
        .fetch_all(&store.pool)
        .await?;
    let rows = rows
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

/// Saves a unit's draft report (created on first save); returns its id.
pub async fn save_unit_report(
    w: &mut WriteTx<'_>,
    actor: &str,
    report: &UnitReport,
    rows: &[UnitReportRow],
) -> Result<i64> {
    let existing: Option<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM unit_reports WHERE period_id = $1 AND unit_id = $2")
            .bind(report.period_id)
            .bind(report.unit_id)
            .fetch_optional(&mut *w.tx)
            .await?;
    let id = match existing {
        Some((id, status)) => {
            if !ReviewStatus::parse(&status).is_some_and(ReviewStatus::editable) {
                return Err(StoreError::Conflict(
                    "Báo cáo đã gửi hoặc đã được chấp nhận, không sửa được.".into(),
                ));
            }
            sqlx::query("DELETE FROM unit_report_rows WHERE unit_report_id = $1")
                .bind(id)
                .execute(&mut *w.tx)
                .await?;
            id
        }
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
    let change = Change {
        commune_id: report.commune_id,
        actor,
        action: "save",
        entity: "unit_report",
        entity_id: id,
        before: json!(null),
        after: json!({"period_id": report.period_id, "unit_id": report.unit_id, "rows": rows}),
    };
    audit::append(w, change).await?;
    Ok(id)
}

pub async fn set_unit_report_status(
    w: &mut WriteTx<'_>,
    actor: &str,
    report: &UnitReport,
    status: ReviewStatus,
    comment: &str,
    on: NaiveDate,
) -> Result<()> {
    let reviewed = Reviewed {
        commune_id: report.commune_id,
        id: report.id,
        status: report.status,
        first_submitted_on: report.first_submitted_on,
    };
    set_review(
        w,
        "unit_reports",
        "unit_report",
        actor,
        &reviewed,
        status,
        comment,
        on,
    )
    .await
}

/// The office's words in the commune report; the figures are computed when it is drawn.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct CommuneReport {
    pub period_id: i64,
    pub number: String,
    pub issued_on: Option<NaiveDate>,
    /// `draft` or `approved`.
    pub approved: bool,
    pub highlights: String,
    pub shortcomings: String,
    pub causes: String,
    pub next_steps: String,
    pub approved_by: String,
    /// The audit chain's head when the report was approved (`XÃ-SỐBẢNGHI-MÃBĂM`), empty for
    /// a draft; set by the store at approval, never by the caller.
    pub audit_anchor: String,
}

pub async fn commune_report(store: &Store, period_id: i64) -> Result<Option<CommuneReport>> {
    let r = sqlx::query(
        "SELECT period_id, number, issued_on, status, highlights, shortcomings, causes, next_steps, approved_by, audit_anchor \
         FROM commune_reports WHERE period_id = $1",
    )
    .bind(period_id)
    .fetch_optional(&store.pool)
    .await?;
    r.map(|r| {
        Ok(CommuneReport {
            period_id: i(&r, "period_id")?,
            number: s(&r, "number")?,
            issued_on: opt_date(&r, "issued_on")?,
            approved: s(&r, "status")? == "approved",
            highlights: s(&r, "highlights")?,
            shortcomings: s(&r, "shortcomings")?,
            causes: s(&r, "causes")?,
            next_steps: s(&r, "next_steps")?,
            approved_by: s(&r, "approved_by")?,
            audit_anchor: s(&r, "audit_anchor")?,
        })
    })
    .transpose()
}

/// Saves the office's text; an approved report is frozen.
pub async fn save_commune_report(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    rep: &CommuneReport,
) -> Result<()> {
    let existing: Option<(String,)> =
        sqlx::query_as("SELECT status FROM commune_reports WHERE period_id = $1")
            .bind(rep.period_id)
            .fetch_optional(&mut *w.tx)
            .await?;
    if existing.as_ref().is_some_and(|e| e.0 == "approved") {
        return Err(StoreError::Conflict(
            "Báo cáo đã được Chủ tịch phê duyệt, không sửa được.".into(),
        ));
    }
    sqlx::query("DELETE FROM commune_reports WHERE period_id = $1")
        .bind(rep.period_id)
        .execute(&mut *w.tx)
        .await?;
    sqlx::query(
        "INSERT INTO commune_reports (commune_id, period_id, number, issued_on, status, highlights, shortcomings, causes, next_steps, approved_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(commune_id)
    .bind(rep.period_id)
    .bind(&rep.number)
    .bind(rep.issued_on.map(|d| d.to_string()))
    .bind(if rep.approved { "approved" } else { "draft" })
    .bind(&rep.highlights)
    .bind(&rep.shortcomings)
    .bind(&rep.causes)
    .bind(&rep.next_steps)
    .bind(&rep.approved_by)
    .execute(&mut *w.tx)
    .await?;
    let change = Change {
        commune_id,
        actor,
        action: if rep.approved { "approve" } else { "save" },
        entity: "commune_report",
        entity_id: rep.period_id,
        before: json!(null),
        after: json!(rep),
    };
    audit::append(w, change).await?;
    if rep.approved {
        let anchor = audit::head_in(w, commune_id).await?.anchor();
        sqlx::query("UPDATE commune_reports SET audit_anchor = $1 WHERE period_id = $2")
            .bind(anchor)
            .bind(rep.period_id)
            .execute(&mut *w.tx)
            .await?;
    }
    Ok(())
}

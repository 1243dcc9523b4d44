//! Reporting periods, unit reports and the commune report.

use chrono::NaiveDate;
use papi_core::reporting::{Period, PeriodKind};
use serde::Serialize;
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{corrupt, date, i, opt_date, s};
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

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

/// Approves the commune report of `rep.period_id` (saved as approved, with its audit entry)
/// and returns the audit chain's head recorded on it, which the frozen documents print.
pub async fn approve_commune_report(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    rep: &CommuneReport,
) -> Result<String> {
    let rep = CommuneReport {
        approved: true,
        ..rep.clone()
    };
    save_commune_report(w, actor, commune_id, &rep).await?;
    let (anchor,): (String,) =
        sqlx::query_as("SELECT audit_anchor FROM commune_reports WHERE period_id = $1")
            .bind(rep.period_id)
            .fetch_one(&mut *w.tx)
            .await?;
    Ok(anchor)
}

/// The chairman withdraws the approval of a period's commune report to correct it: the report
/// is a draft again and its current frozen version is marked withdrawn with the reason.
pub async fn withdraw_commune_report(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    period_id: i64,
    on: NaiveDate,
    reason: &str,
) -> Result<i64> {
    let done = sqlx::query(
        "UPDATE commune_reports SET status = 'draft', audit_anchor = '' \
         WHERE period_id = $1 AND commune_id = $2 AND status = 'approved'",
    )
    .bind(period_id)
    .bind(commune_id)
    .execute(&mut *w.tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Conflict(
            "Báo cáo chưa được phê duyệt, không có gì để thu hồi.".into(),
        ));
    }
    withdraw_snapshot(
        w,
        actor,
        commune_id,
        SnapshotKind::CommuneReport,
        period_id,
        on,
        reason,
    )
    .await
}

/// What a frozen version is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SnapshotKind {
    /// Subject: the reporting period.
    CommuneReport,
    /// Subject: the unit report's id.
    UnitReport,
    /// Subject: the unit plan's id.
    UnitPlan,
}

impl SnapshotKind {
    pub fn code(self) -> &'static str {
        match self {
            SnapshotKind::CommuneReport => "commune_report",
            SnapshotKind::UnitReport => "unit_report",
            SnapshotKind::UnitPlan => "unit_plan",
        }
    }
}

/// A frozen version of an approved or accepted document, without its files.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Snapshot {
    pub commune_id: i64,
    pub subject_id: i64,
    pub version: i64,
    pub approved_by: String,
    pub approved_on: NaiveDate,
    /// What the document's page shows, as JSON (its shape belongs to the caller).
    pub view_json: String,
    /// SHA-256 of the DOCX, hex.
    pub sha256: String,
    /// Empty while the version stands.
    pub withdrawn_by: String,
    pub withdrawn_on: Option<NaiveDate>,
    pub withdraw_reason: String,
}

impl Snapshot {
    pub fn withdrawn(&self) -> bool {
        self.withdrawn_on.is_some()
    }
}

/// A version to freeze: what the page shows and the files as served.
pub struct NewSnapshot<'a> {
    pub commune_id: i64,
    pub kind: SnapshotKind,
    pub subject_id: i64,
    pub approved_by: &'a str,
    pub approved_on: NaiveDate,
    pub view_json: &'a str,
    pub docx: &'a [u8],
    pub xlsx: &'a [u8],
}

/// Freezes a new version (the next number for its subject); its number.
pub async fn insert_snapshot(w: &mut WriteTx<'_>, actor: &str, n: &NewSnapshot<'_>) -> Result<i64> {
    let (last,): (i64,) = sqlx::query_as(
        "SELECT COALESCE(MAX(version), 0) FROM report_snapshots WHERE kind = $1 AND subject_id = $2",
    )
    .bind(n.kind.code())
    .bind(n.subject_id)
    .fetch_one(&mut *w.tx)
    .await?;
    let version = last + 1;
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(n.docx));
    sqlx::query(
        "INSERT INTO report_snapshots (commune_id, kind, subject_id, version, approved_by, approved_on, view_json, docx, xlsx, sha256) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(n.commune_id)
    .bind(n.kind.code())
    .bind(n.subject_id)
    .bind(version)
    .bind(n.approved_by)
    .bind(n.approved_on.to_string())
    .bind(n.view_json)
    .bind(n.docx.to_vec())
    .bind(n.xlsx.to_vec())
    .bind(&sha)
    .execute(&mut *w.tx)
    .await?;
    let change = Change {
        commune_id: n.commune_id,
        actor,
        action: "freeze",
        entity: n.kind.code(),
        entity_id: n.subject_id,
        before: json!(null),
        after: json!({ "version": version, "approved_by": n.approved_by, "docx_sha256": sha }),
    };
    audit::append(w, change).await?;
    Ok(version)
}

/// Marks the standing version of a subject withdrawn, with who, when and why (audited); its
/// number. Without a standing version there is nothing to withdraw.
pub async fn withdraw_snapshot(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    kind: SnapshotKind,
    subject_id: i64,
    on: NaiveDate,
    reason: &str,
) -> Result<i64> {
    let standing: Option<(i64,)> = sqlx::query_as(
        "SELECT version FROM report_snapshots WHERE kind = $1 AND subject_id = $2 AND commune_id = $3 \
         AND withdrawn_on = '' ORDER BY version DESC LIMIT 1",
    )
    .bind(kind.code())
    .bind(subject_id)
    .bind(commune_id)
    .fetch_optional(&mut *w.tx)
    .await?;
    // A document approved before versions were kept has none: the withdrawal is still audited.
    let version = standing.map(|v| v.0).unwrap_or(0);
    if version > 0 {
        sqlx::query(
            "UPDATE report_snapshots SET withdrawn_by = $1, withdrawn_on = $2, withdraw_reason = $3 \
             WHERE kind = $4 AND subject_id = $5 AND version = $6",
        )
        .bind(actor)
        .bind(on.to_string())
        .bind(reason)
        .bind(kind.code())
        .bind(subject_id)
        .bind(version)
        .execute(&mut *w.tx)
        .await?;
    }
    let change = Change {
        commune_id,
        actor,
        action: "withdraw",
        entity: kind.code(),
        entity_id: subject_id,
        before: json!({ "version": version }),
        after: json!({ "reason": reason }),
    };
    audit::append(w, change).await?;
    Ok(version)
}

fn decode_snapshot(r: &AnyRow) -> Result<Snapshot> {
    let withdrawn_on = s(r, "withdrawn_on")?;
    Ok(Snapshot {
        commune_id: i(r, "commune_id")?,
        subject_id: i(r, "subject_id")?,
        version: i(r, "version")?,
        approved_by: s(r, "approved_by")?,
        approved_on: date(r, "approved_on")?,
        view_json: s(r, "view_json")?,
        sha256: s(r, "sha256")?,
        withdrawn_by: s(r, "withdrawn_by")?,
        withdrawn_on: if withdrawn_on.is_empty() {
            None
        } else {
            Some(
                NaiveDate::parse_from_str(&withdrawn_on, "%Y-%m-%d")
                    .map_err(|_| corrupt("withdrawn_on", &withdrawn_on))?,
            )
        },
        withdraw_reason: s(r, "withdraw_reason")?,
    })
}

const SNAPSHOT_COLUMNS: &str = "commune_id, subject_id, version, approved_by, approved_on, view_json, sha256, withdrawn_by, withdrawn_on, withdraw_reason";

/// Every version of a subject, oldest first.
pub async fn snapshots(
    store: &Store,
    kind: SnapshotKind,
    subject_id: i64,
) -> Result<Vec<Snapshot>> {
    let rows = sqlx::query(&format!(
        "SELECT {SNAPSHOT_COLUMNS} FROM report_snapshots WHERE kind = $1 AND subject_id = $2 ORDER BY version"
    ))
    .bind(kind.code())
    .bind(subject_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode_snapshot).collect()
}

/// The standing version of a subject, if it has one.
pub async fn standing_snapshot(
    store: &Store,
    kind: SnapshotKind,
    subject_id: i64,
) -> Result<Option<Snapshot>> {
    Ok(snapshots(store, kind, subject_id)
        .await?
        .into_iter()
        .rfind(|s| !s.withdrawn()))
}

/// The DOCX and XLSX of one version, as they were served when it was frozen.
pub async fn snapshot_files(
    store: &Store,
    kind: SnapshotKind,
    subject_id: i64,
    version: i64,
) -> Result<(Vec<u8>, Vec<u8>)> {
    let r = sqlx::query(
        "SELECT docx, xlsx FROM report_snapshots WHERE kind = $1 AND subject_id = $2 AND version = $3",
    )
    .bind(kind.code())
    .bind(subject_id)
    .bind(version)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok((
        sqlx::Row::try_get(&r, "docx")?,
        sqlx::Row::try_get(&r, "xlsx")?,
    ))
}

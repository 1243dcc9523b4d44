//! The commune report once approved: a frozen version (what the page shows, the DOCX and the
//! XLSX as served at approval) that later progress, new tasks or unit reports cannot change;
//! approval that names what is missing before it goes ahead; withdrawal with a reason to
//! correct it, the earlier versions kept.

use papi_core::clock::format_date;
use papi_core::reporting::{approval_gaps, as_of, Period, UnitStanding};
use papi_core::review::ReviewStatus;
use papi_core::TaskStatus;
use papi_docs::reports::{figure_rows, CommuneReportData};
use papi_store::reporting::{self as store, NewSnapshot, Snapshot, SnapshotKind};
use serde::{Deserialize, Serialize};

use super::documents::{commune_report_data, doc_context, render};
use super::{compliance, own_period};
use crate::error::{Error, Result};
use crate::App;

/// One line of the figures: a section of the report, or the total (`stt` empty).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FigureView {
    pub stt: String,
    pub label: String,
    pub total: usize,
    pub done: usize,
    pub in_progress: usize,
    pub late: usize,
    pub cancelled: usize,
}

/// One task as the report counted it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TaskView {
    pub stt: String,
    pub title: String,
    pub lead: String,
    pub state: String,
    pub progress: u8,
}

/// Everything the commune report's page shows of the report, from the same data as its DOCX
/// and XLSX; frozen as JSON at approval.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct CommuneReportView {
    pub period: String,
    /// What the figures count up to, e.g. "tính đến 01/05/2025".
    pub late_label: String,
    /// Empty when the period has ended.
    pub projected_label: String,
    pub projected_late: usize,
    pub figures: Vec<FigureView>,
    pub accepted_units: usize,
    pub units: usize,
    pub number: String,
    pub issued_on: String,
    pub highlights: String,
    pub shortcomings: String,
    pub causes: String,
    pub next_steps: String,
    /// Who signs: the approver recorded at approval, or the chairman now for a draft.
    pub signer: String,
    pub audit_anchor: String,
    pub tasks: Vec<TaskView>,
}

/// The commune report of a period as its page shows it.
pub struct CommuneReportPage {
    pub view: CommuneReportView,
    /// The office's text as stored (for the draft form).
    pub report: store::CommuneReport,
    /// The standing frozen version, for an approved report.
    pub frozen: Option<Snapshot>,
    /// Every version, oldest first (withdrawn ones with who, when and why).
    pub versions: Vec<Snapshot>,
}

fn view_of(
    p: &Period,
    today: chrono::NaiveDate,
    rep: &store::CommuneReport,
    data: &CommuneReportData,
    lines: &[super::ComplianceLine],
) -> CommuneReportView {
    let when = as_of(p, today);
    let tasks = data
        .dimensions
        .iter()
        .flat_map(|x| &x.tasks)
        .chain(data.other_sections.iter().flat_map(|x| &x.tasks))
        .map(|t| TaskView {
            stt: t.stt.clone(),
            title: t.title.clone(),
            lead: t.lead.clone(),
            state: match t.status {
                TaskStatus::Done | TaskStatus::Cancelled => t.status.label().to_string(),
                _ if t.late => "Chậm so với hạn".to_string(),
                _ => t.status.label().to_string(),
            },
            progress: t.progress,
        })
        .collect();
    CommuneReportView {
        period: p.title(),
        late_label: when.late_label(),
        projected_label: when.projected_late_label().unwrap_or_default(),
        projected_late: data.projection.map(|x| x.late).unwrap_or(0),
        figures: figure_rows(data)
            .into_iter()
            .map(|r| FigureView {
                stt: r.stt,
                label: r.label,
                total: r.tally.total,
                done: r.tally.done,
                in_progress: r.tally.in_progress,
                late: r.tally.late,
                cancelled: r.tally.cancelled,
            })
            .collect(),
        accepted_units: lines
            .iter()
            .filter(|l| l.status == ReviewStatus::Accepted.label())
            .count(),
        units: lines.len(),
        number: rep.number.clone(),
        issued_on: rep.issued_on.map(format_date).unwrap_or_default(),
        highlights: rep.highlights.clone(),
        shortcomings: rep.shortcomings.clone(),
        causes: rep.causes.clone(),
        next_steps: rep.next_steps.clone(),
        signer: data.head.signature.signer_name.clone(),
        audit_anchor: rep.audit_anchor.clone(),
        tasks,
    }
}

/// The live content of a period's report (a draft, or one approved before versions were
/// kept), with `rep` as its text and `signer` signing.
async fn live(
    app: &App,
    actor: &papi_core::Actor,
    p: &Period,
    rep: &store::CommuneReport,
    signer: Option<&str>,
) -> Result<(CommuneReportData, CommuneReportView)> {
    let c = doc_context(app, actor.commune_id).await?;
    let signer = signer.map(str::to_string).unwrap_or_else(|| {
        if rep.approved && !rep.approved_by.is_empty() {
            rep.approved_by.clone()
        } else {
            c.chairman.clone()
        }
    });
    let data = commune_report_data(app, &c, p, rep, &signer).await?;
    let lines = compliance(app, &c.data, p).await?;
    let view = view_of(p, app.today(), rep, &data, &lines);
    Ok((data, view))
}

/// The commune report's page: the frozen version when approved, else computed now; `draft`
/// replaces the stored text (a form sent back with errors).
pub async fn commune_report_page(
    app: &App,
    actor: &papi_core::Actor,
    period_id: i64,
    draft: Option<store::CommuneReport>,
) -> Result<CommuneReportPage> {
    let p = own_period(app, actor, period_id).await?;
    let stored = store::commune_report(&app.store, period_id).await?;
    let versions = store::snapshots(&app.store, SnapshotKind::CommuneReport, period_id).await?;
    let frozen = versions
        .iter()
        .rfind(|s| !s.withdrawn())
        .filter(|_| stored.as_ref().is_some_and(|r| r.approved))
        .cloned();
    let report = draft.or(stored).unwrap_or(store::CommuneReport {
        period_id,
        ..Default::default()
    });
    let view = match &frozen {
        Some(s) => serde_json::from_str(&s.view_json)
            .map_err(|e| Error::Internal(anyhow::anyhow!("frozen report {period_id}: {e}")))?,
        None => live(app, actor, &p, &report, None).await?.1,
    };
    Ok(CommuneReportPage {
        view,
        report,
        frozen,
        versions,
    })
}

/// The DOCX and XLSX of a period's report: a given frozen version, else the standing one of
/// an approved report, else computed now.
pub async fn commune_report_files(
    app: &App,
    actor: &papi_core::Actor,
    period_id: i64,
    version: Option<i64>,
) -> Result<(Vec<u8>, Vec<u8>)> {
    let p = own_period(app, actor, period_id).await?;
    if let Some(v) = version {
        return Ok(
            store::snapshot_files(&app.store, SnapshotKind::CommuneReport, period_id, v).await?,
        );
    }
    let rep = store::commune_report(&app.store, period_id)
        .await?
        .unwrap_or(store::CommuneReport {
            period_id,
            ..Default::default()
        });
    if rep.approved {
        if let Some(s) =
            store::standing_snapshot(&app.store, SnapshotKind::CommuneReport, period_id).await?
        {
            return Ok(store::snapshot_files(
                &app.store,
                SnapshotKind::CommuneReport,
                period_id,
                s.version,
            )
            .await?);
        }
    }
    let (data, _) = live(app, actor, &p, &rep, None).await?;
    render(&data)
}

/// What an approval did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Approval {
    /// Approved and frozen as this version.
    Approved(i64),
    /// Not approved: these gaps need the chairman's explicit confirmation.
    NeedsConfirmation(Vec<String>),
}

/// The chairman approves the commune report of a period, signed with their name (`approver`).
/// With the period not over or units' reports not accepted, it goes ahead only `confirmed`;
/// otherwise it answers with what is missing. The approval freezes what the page, the DOCX
/// and the XLSX show, in the same transaction.
pub async fn approve_commune_report(
    app: &App,
    actor: &papi_core::Actor,
    actor_name: &str,
    approver: &str,
    period_id: i64,
    confirmed: bool,
) -> Result<Approval> {
    if !actor.can(papi_core::Action::ApproveReport) {
        return Err(Error::Forbidden);
    }
    let p = own_period(app, actor, period_id).await?;
    let mut rep = store::commune_report(&app.store, period_id)
        .await?
        .ok_or_else(|| Error::Invalid("Văn phòng chưa soạn báo cáo.".into()))?;
    if rep.approved {
        return Err(Error::Invalid("Báo cáo đã được phê duyệt.".into()));
    }
    let c = doc_context(app, actor.commune_id).await?;
    let reports = papi_store::unit_report::list(&app.store, period_id).await?;
    let standing: Vec<UnitStanding> = compliance(app, &c.data, &p)
        .await?
        .iter()
        .map(|l| UnitStanding {
            unit: l.unit.clone(),
            status: reports
                .iter()
                .find(|r| r.unit_id == l.unit_id)
                .map(|r| r.status),
        })
        .collect();
    let gaps = approval_gaps(&p, app.today(), &standing);
    if gaps.needs_confirmation() && !confirmed {
        return Ok(Approval::NeedsConfirmation(gaps.lines()));
    }
    rep.approved = true;
    rep.approved_by = approver.to_string();
    rep.issued_on = rep.issued_on.or(Some(app.today()));
    let mut data = commune_report_data(app, &c, &p, &rep, approver).await?;
    let lines = compliance(app, &c.data, &p).await?;
    let mut w = app.store.begin_write().await?;
    let anchor = store::approve_commune_report(&mut w, actor_name, actor.commune_id, &rep).await?;
    rep.audit_anchor = anchor.clone();
    data.audit_anchor = anchor;
    let view = view_of(&p, app.today(), &rep, &data, &lines);
    let (docx, xlsx) = render(&data)?;
    let json = serde_json::to_string(&view).map_err(|e| Error::Internal(e.into()))?;
    let version = store::insert_snapshot(
        &mut w,
        actor_name,
        &NewSnapshot {
            commune_id: actor.commune_id,
            kind: SnapshotKind::CommuneReport,
            subject_id: period_id,
            approved_by: approver,
            approved_on: app.today(),
            view_json: &json,
            docx: &docx,
            xlsx: &xlsx,
        },
    )
    .await?;
    w.commit().await?;
    Ok(Approval::Approved(version))
}

/// The chairman withdraws the approval to correct the report, giving the reason (required,
/// kept in the audit log and beside the withdrawn version); the report is a draft again. The
/// inner `Err` is the reason to show beside the form.
pub async fn withdraw_commune_report(
    app: &App,
    actor: &papi_core::Actor,
    actor_name: &str,
    period_id: i64,
    reason: &str,
) -> Result<std::result::Result<(), String>> {
    if !actor.can(papi_core::Action::ApproveReport) {
        return Err(Error::Forbidden);
    }
    own_period(app, actor, period_id).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Ok(Err(
            "Thu hồi phê duyệt cần ghi rõ lý do (ô “Lý do thu hồi”).".into(),
        ));
    }
    let mut w = app.store.begin_write().await?;
    match store::withdraw_commune_report(
        &mut w,
        actor_name,
        actor.commune_id,
        period_id,
        app.today(),
        reason,
    )
    .await
    {
        Ok(_) => {}
        Err(papi_store::StoreError::Conflict(m)) => return Ok(Err(m)),
        Err(e) => return Err(e.into()),
    }
    w.commit().await?;
    Ok(Ok(()))
}

//! The reporting documents as officials sign them, built from the data: the letterheads, the
//! commune report's content (figures as facts up to today or the period's end, projections
//! labelled as such), and its DOCX and XLSX. The web serves them; the approval freezes them.

use papi_core::reporting::{as_of, Period, PeriodKind};
use papi_core::timeliness::{judge, Timeliness};
use papi_core::unit_plan::assigned_tasks;
use papi_core::{Commune, CrossCutting, Dimension, ItemKind, Role};
use papi_docs::decree30::{write_docx, Signature};
use papi_docs::reports::{
    commune_report_document, report_figures_xlsx, unit_plan_document, unit_report_document,
    CommuneReportData, DimensionReport, Letterhead, Projection, ReportKind, ReportSection,
    ReportingDate, SubmissionState, TaskResult, UnitPlanData, UnitPlanLine, UnitReportData,
    UnitSubmission, UnitTaskReport,
};
use papi_store::{org, reporting as store};

use crate::error::{Error, Result};
use crate::plan::PlanData;
use crate::App;

/// What every document of a commune needs: the commune, its plan, its chairman's name now.
pub struct DocContext {
    pub commune: Commune,
    pub data: std::sync::Arc<PlanData>,
    /// The active chairman's name, signing documents not yet approved.
    pub chairman: String,
}

pub async fn doc_context(app: &App, commune_id: i64) -> Result<DocContext> {
    let data = PlanData::load(app, commune_id)
        .await?
        .ok_or(Error::NotFound)?;
    let commune = org::commune(&app.store, commune_id).await?;
    let chairman = org::users(&app.store, commune.id)
        .await?
        .into_iter()
        .find(|u| u.role == Role::Chairman && u.active)
        .map(|u| u.full_name)
        .unwrap_or_default();
    Ok(DocContext {
        commune,
        data,
        chairman,
    })
}

/// The commune's letterhead, signed for the People's Committee by `signer`.
pub fn commune_head(c: &DocContext, recipients: Vec<String>, signer: &str) -> Letterhead {
    let kind = c.commune.kind.label();
    Letterhead {
        issuer_parent: format!("UBND TỈNH {}", c.commune.province.to_uppercase()),
        issuer: format!(
            "ỦY BAN NHÂN DÂN {} {}",
            kind.to_uppercase(),
            c.commune.name.to_uppercase()
        ),
        issuer_short: format!("UBND {}", c.commune.full_name()),
        place: c.commune.name.clone(),
        recipients,
        signature: Signature {
            authority: "TM. ỦY BAN NHÂN DÂN".into(),
            position: "CHỦ TỊCH".into(),
            deputy: false,
            signer_name: signer.to_string(),
        },
    }
}

/// A unit's letterhead: the commune above it, signed by the unit's head.
pub fn unit_head(c: &DocContext, unit: &str, recipients: Vec<String>) -> Letterhead {
    Letterhead {
        issuer_parent: format!("UBND {}", c.commune.full_name().to_uppercase()),
        issuer: unit.to_uppercase(),
        issuer_short: unit.to_string(),
        place: c.commune.name.clone(),
        recipients,
        signature: Signature {
            authority: String::new(),
            position: "TRƯỞNG ĐƠN VỊ".into(),
            deputy: false,
            signer_name: String::new(),
        },
    }
}

/// How a period's kind sets a report's wording.
pub fn report_kind(p: &Period) -> ReportKind {
    match p.kind {
        PeriodKind::HalfYear => ReportKind::HalfYear,
        PeriodKind::Annual => ReportKind::Annual,
        PeriodKind::Quarter => {
            ReportKind::Quarter(chrono::Datelike::month(&p.to).div_ceil(3) as u8)
        }
        PeriodKind::AdHoc => ReportKind::AdHoc(p.title()),
    }
}

/// Every task as the report tables print it, as it stood on `p.to` (its id first).
pub async fn task_results(app: &App, d: &PlanData, p: &Period) -> Result<Vec<(i64, TaskResult)>> {
    let ends = super::end_states(app, d, p).await?;
    Ok(ends
        .into_iter()
        .zip(&d.tasks)
        .map(|(e, t)| {
            let result = TaskResult {
                stt: t.task.position.to_string(),
                title: t.task.title.clone(),
                lead: d.unit_name(t.task.lead_unit_id).to_string(),
                status: e.status,
                late: e.late,
                progress: e.progress,
                result: e.done.replace('\n', "; "),
            };
            (e.task_id, result)
        })
        .collect())
}

/// The units owing a report for `p` and where each stands (units not yet due left out).
pub fn submissions(
    app: &App,
    d: &PlanData,
    p: &Period,
    reports: &[papi_core::reporting::UnitReport],
) -> Vec<UnitSubmission> {
    let cal = app.calendar();
    d.units
        .iter()
        .filter(|u| !assigned_tasks(u.id, d.tasks.iter().map(|t| &t.task)).is_empty())
        .filter_map(|u| {
            let r = reports.iter().find(|r| r.unit_id == u.id);
            let sent = r.and_then(|r| r.first_submitted_on);
            let state_ = match judge(p.unit_due, sent, app.today(), &cal) {
                Timeliness::OnTime => SubmissionState::OnTime,
                Timeliness::Late(n) => SubmissionState::Late(n as u32),
                Timeliness::Missing => SubmissionState::Missing,
                Timeliness::Pending => return None,
            };
            Some(UnitSubmission {
                unit: u.name.clone(),
                due: p.unit_due,
                submitted_on: sent,
                state: state_,
                note: r.map(|r| r.status.label().to_string()).unwrap_or_default(),
            })
        })
        .collect()
}

/// The residents'-voice figures of the period as the report's lines under dimension 3.
fn voice_lines(f: &papi_core::voice::figures::Figures) -> Vec<String> {
    if f.total == 0 {
        return vec![];
    }
    let kinds = f
        .by_kind
        .iter()
        .map(|(k, n)| format!("{} {n}", k.to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = vec![format!(
        "Tiếp nhận {} vụ việc của người dân ({kinds}); đã kết thúc {}.",
        f.total, f.closed
    )];
    if let Some(p) = f.on_time_percent() {
        out.push(format!(
            "{:.0}% thời hạn theo luật và theo quy định của xã được thực hiện đúng hạn ({}/{}); {} thời hạn đã quá mà chưa xử lý.",
            p, f.limits_met_on_time, f.limits_met, f.limits_late_open
        ));
    }
    if let Some(r) = f.rating_mean {
        out.push(format!(
            "Người dân đánh giá mức hài lòng bình quân {r:.1}/5 ({} lượt).",
            f.ratings
        ));
    }
    out
}

/// The office's text, one entry per line, as the user typed it (capitals kept).
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The commune report of `p` with the office's text `rep`, signed by `signer`: the figures are
/// facts up to today or the period's end, whichever is earlier; lateness at a period's end
/// still ahead is a projection.
pub async fn commune_report_data(
    app: &App,
    c: &DocContext,
    p: &Period,
    rep: &store::CommuneReport,
    signer: &str,
) -> Result<CommuneReportData> {
    let d = &c.data;
    let when = as_of(p, app.today());
    let facts_period = Period {
        to: when.facts_on.max(p.from),
        ..p.clone()
    };
    let facts = task_results(app, d, &facts_period).await?;
    let projection = match when.projected_to {
        Some(on) => {
            let at_end = task_results(app, d, p).await?;
            let late = at_end
                .iter()
                .filter(|(_, r)| {
                    r.late
                        && !matches!(
                            r.status,
                            papi_core::TaskStatus::Done | papi_core::TaskStatus::Cancelled
                        )
                })
                .count();
            Some(Projection { on, late })
        }
        None => None,
    };
    let of_kind = |kind: ItemKind| -> Vec<TaskResult> {
        facts
            .iter()
            .filter(|(id, _)| {
                d.task(*id)
                    .and_then(|t| d.item(t.task.item_id))
                    .map(|i| i.kind)
                    == Some(kind)
            })
            .map(|(_, r)| r.clone())
            .collect()
    };
    let reports = papi_store::unit_report::list(&app.store, p.id).await?;
    let sent = reports
        .iter()
        .filter(|r| r.first_submitted_on.is_some())
        .count();
    let highlights = lines(&rep.highlights);
    let voice =
        crate::voice::figures(app, d.commune.id, facts_period.from, facts_period.to).await?;
    let accountability = voice_lines(&voice);
    let inspections = crate::inspection::report_lines(
        &crate::inspection::figures(app, d.commune.id, facts_period.from, facts_period.to).await?,
    );
    let satisfaction = crate::satisfaction::report_lines(
        &crate::satisfaction::reports(
            app,
            d.commune.id,
            Some((facts_period.from, facts_period.to)),
        )
        .await?,
    );
    Ok(CommuneReportData {
        head: commune_head(
            c,
            vec![
                "UBND tỉnh (để báo cáo)".into(),
                "TT Đảng ủy, TT HĐND xã".into(),
                "Các ban, ngành, đoàn thể xã".into(),
                "Lưu: VT, VP".into(),
            ],
            signer,
        ),
        number: rep.number.clone(),
        date: rep.issued_on.unwrap_or_else(|| app.today()),
        kind: report_kind(p),
        year: chrono::Datelike::year(&p.to),
        data_from: p.from,
        data_to: p.to,
        facts_on: facts_period.to,
        projection,
        plan_number: d.plan.number.clone(),
        plan_date: d.plan.issued_on,
        plan_title: d.plan.title.clone(),
        direction: vec![format!(
            "UBND xã đã giao nhiệm vụ cho các ban, ngành tại Biểu tổng hợp nhiệm vụ; {sent} đơn vị đã gửi báo cáo kỳ này."
        )],
        dimensions: Dimension::all()
            .map(|dim| DimensionReport {
                dimension: dim,
                tasks: of_kind(ItemKind::Content(dim)),
                // Dimension 3, accountability: how the commune answered its residents.
                highlights: if dim.number() == 3 {
                    accountability.clone()
                } else {
                    vec![]
                },
            })
            .collect(),
        other_sections: [CrossCutting::Outreach, CrossCutting::Inspection]
            .into_iter()
            .map(|cc| ReportSection {
                title: cc.label().to_string(),
                tasks: of_kind(ItemKind::CrossCutting(cc)),
                // The checks carried out, their findings and remediation (plan II.4).
                highlights: if cc == CrossCutting::Inspection {
                    inspections.clone()
                } else {
                    vec![]
                },
            })
            // Tasks added outside the plan's items are counted too, never dropped.
            .chain(Some(ReportSection {
                title: "Nhiệm vụ khác".into(),
                tasks: facts
                    .iter()
                    .filter(|(id, _)| {
                        d.task(*id)
                            .and_then(|t| d.item(t.task.item_id))
                            .is_none()
                    })
                    .map(|(_, r)| r.clone())
                    .collect(),
                highlights: vec![],
            }))
            // The commune's own satisfaction surveys of its services (plan 1.5, 1.6).
            .chain((!satisfaction.is_empty()).then(|| ReportSection {
                title: "Khảo sát sự hài lòng với dịch vụ công".into(),
                tasks: vec![],
                highlights: satisfaction.clone(),
            }))
            .chain((!highlights.is_empty()).then(|| ReportSection {
                title: "Kết quả nổi bật".into(),
                tasks: vec![],
                highlights,
            }))
            .collect(),
        units: submissions(app, d, p, &reports),
        shortcomings: lines(&rep.shortcomings),
        causes: lines(&rep.causes),
        next_steps: lines(&rep.next_steps),
        proposals: vec![],
        audit_anchor: rep.audit_anchor.clone(),
    })
}

/// The DOCX and the XLSX of a commune report.
pub fn render(data: &CommuneReportData) -> Result<(Vec<u8>, Vec<u8>)> {
    let docx = write_docx(&commune_report_document(data))
        .map_err(|e| Error::Internal(anyhow::anyhow!("{e}")))?;
    let xlsx = report_figures_xlsx(data).map_err(|e| Error::Internal(anyhow::anyhow!("{e}")))?;
    Ok((docx, xlsx))
}

/// The reporting dates a plan or sub-plan lists.
pub fn reporting_dates(periods: &[Period]) -> Vec<ReportingDate> {
    periods
        .iter()
        .map(|p| ReportingDate {
            label: p.kind.label().to_string(),
            data_from: p.from,
            data_to: p.to,
            due: p.unit_due,
        })
        .collect()
}

fn docx_bytes(doc: &papi_docs::decree30::Document) -> Result<Vec<u8>> {
    write_docx(doc).map_err(|e| Error::Internal(anyhow::anyhow!("{e}")))
}

fn role_of(t: &papi_core::Task, unit_id: i64) -> String {
    if t.lead_unit_id == unit_id {
        "Chủ trì".into()
    } else {
        "Phối hợp".into()
    }
}

/// A unit's report for `p` as a DOCX, from its rows and the tasks as they stand now.
pub async fn unit_report_docx(
    app: &App,
    c: &DocContext,
    p: &Period,
    unit_id: i64,
) -> Result<Vec<u8>> {
    let d = &c.data;
    let unit = d
        .units
        .iter()
        .find(|u| u.id == unit_id)
        .ok_or(Error::NotFound)?;
    let stored = papi_store::unit_report::get(&app.store, p.id, unit_id).await?;
    let end = task_results(app, d, p).await?;
    let tasks = assigned_tasks(unit_id, d.tasks.iter().map(|t| &t.task))
        .iter()
        .enumerate()
        .map(|(n, t)| {
            let row = stored
                .as_ref()
                .and_then(|(_, rows)| rows.iter().find(|r| r.task_id == t.id));
            let computed = end
                .iter()
                .find(|(id, _)| *id == t.id)
                .map(|(_, r)| r.clone());
            UnitTaskReport {
                stt: (n + 1).to_string(),
                title: t.title.clone(),
                role: role_of(t, unit_id),
                status: row
                    .map(|r| r.status)
                    .or(computed.as_ref().map(|c| c.status))
                    .unwrap_or(t.status),
                late: computed.as_ref().is_some_and(|c| c.late),
                progress: row
                    .map(|r| r.progress)
                    .or(computed.as_ref().map(|c| c.progress))
                    .unwrap_or(0),
                done_text: row
                    .map(|r| r.done.clone())
                    .or(computed.map(|c| c.result))
                    .unwrap_or_default(),
                figures: vec![],
                evidence: row
                    .filter(|r| !r.figures.is_empty())
                    .map(|r| vec![r.figures.clone()])
                    .unwrap_or_default(),
            }
        })
        .collect();
    let data = UnitReportData {
        head: unit_head(
            c,
            &unit.name,
            vec![
                "UBND xã (qua Văn phòng UBND xã)".into(),
                "Lưu: đơn vị".into(),
            ],
        ),
        number: String::new(),
        date: stored
            .as_ref()
            .and_then(|(r, _)| r.first_submitted_on)
            .unwrap_or_else(|| app.today()),
        kind: report_kind(p),
        year: chrono::Datelike::year(&p.to),
        data_from: p.from,
        data_to: p.to,
        unit_name: unit.name.clone(),
        commune_short: format!("UBND {}", c.commune.full_name()),
        plan_number: d.plan.number.clone(),
        plan_date: d.plan.issued_on,
        plan_title: d.plan.title.clone(),
        tasks,
        shortcomings: vec![],
        causes: vec![],
        next_steps: vec![],
        proposals: vec![],
    };
    docx_bytes(&unit_report_document(&data))
}

/// A unit's sub-plan on the current plan as a DOCX.
pub async fn unit_plan_docx(app: &App, c: &DocContext, unit_id: i64) -> Result<Vec<u8>> {
    let d = &c.data;
    let unit = d
        .units
        .iter()
        .find(|u| u.id == unit_id)
        .ok_or(Error::NotFound)?;
    let stored = papi_store::unit_plan::get(&app.store, d.plan.id, unit_id).await?;
    let (up, rows) = match &stored {
        Some((p, r)) => (Some(p), r.as_slice()),
        None => (None, &[][..]),
    };
    let periods = store::periods(&app.store, d.plan.id).await?;
    let data = UnitPlanData {
        head: unit_head(
            c,
            &unit.name,
            vec![
                "UBND xã (qua Văn phòng UBND xã)".into(),
                "Lưu: đơn vị".into(),
            ],
        ),
        number: up.map(|p| p.number.clone()).unwrap_or_default(),
        date: up.and_then(|p| p.issued_on).unwrap_or_else(|| app.today()),
        year: d.plan.year,
        unit_name: unit.name.clone(),
        commune_plan_number: d.plan.number.clone(),
        commune_plan_date: d.plan.issued_on,
        commune_plan_title: d.plan.title.clone(),
        commune_short: format!("UBND {}", c.commune.full_name()),
        rows: assigned_tasks(unit_id, d.tasks.iter().map(|t| &t.task))
            .iter()
            .enumerate()
            .map(|(n, t)| {
                let r = rows.iter().find(|r| r.task_id == t.id);
                UnitPlanLine {
                    stt: (n + 1).to_string(),
                    task: t.title.clone(),
                    item_code: d
                        .item(t.item_id)
                        .map(|i| i.code.clone())
                        .unwrap_or_default(),
                    role: role_of(t, unit_id),
                    actions: r.map(|r| r.actions.clone()).unwrap_or_default(),
                    deliverable: r.map(|r| r.deliverable.clone()).unwrap_or_default(),
                    due: r
                        .and_then(|r| r.due)
                        .map(papi_core::clock::format_date)
                        .unwrap_or_default(),
                    official: r.map(|r| r.officer.clone()).unwrap_or_default(),
                }
            })
            .collect(),
        reporting: reporting_dates(&periods),
    };
    docx_bytes(&unit_plan_document(&data))
}

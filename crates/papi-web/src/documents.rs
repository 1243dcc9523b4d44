//! The documents officials sign, generated from the data (Nghị định 30/2020 format): the
//! commune plan with its task appendix, a unit's sub-plan, the commune report and a unit report
//! as DOCX; the compliance table and the report's figures as XLSX.

use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use papi_core::reporting::Period;
use papi_core::unit_plan::assigned_tasks;
use papi_core::{Action, CrossCutting, Dimension, ItemKind};
use papi_docs::decree30::{write_docx, Document};
use papi_docs::reports::{
    compliance_xlsx, plan_document, unit_plan_document, unit_report_document, Letterhead, OrgDuty,
    PlanDimension, PlanDocData, ReportingDate, TaskResult, UnitPlanData, UnitPlanLine,
    UnitReportData, UnitTaskReport,
};
use papi_docs::task_table::table_rows;
use papi_store::{reporting, unit_plan};

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::AppState;
use papi_app::plan::PlanData;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn download(bytes: Vec<u8>, mime: &'static str, name: &str) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    (
        [
            (CONTENT_TYPE, mime.to_string()),
            (CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

fn docx(doc: &Document, name: &str) -> PageResult {
    let bytes = write_docx(doc).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(download(bytes, DOCX, name))
}

use papi_app::reporting::documents::{
    commune_head as commune_letterhead, doc_context, report_kind as kind, submissions,
    task_results, unit_head, DocContext as Context,
};

async fn context(state: &AppState, user: &CurrentUser) -> Result<Context, AppError> {
    user.require(Action::ViewStaffPages)?;
    Ok(doc_context(state, user.user.commune_id).await?)
}

/// The commune's letterhead, signed by its chairman now (documents not frozen at approval).
fn commune_head(c: &Context, recipients: Vec<String>) -> Letterhead {
    commune_letterhead(c, recipients, &c.chairman)
}

fn reporting_dates(periods: &[Period]) -> Vec<ReportingDate> {
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

/// `GET /staff/plan.docx`: the plan regenerated from its data, the task table as appendix.
pub async fn plan_docx(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    let c = context(&state, &user).await?;
    let d = &c.data;
    let cal = state.calendar();
    let periods = reporting::periods(&state.store, d.plan.id).await?;
    let items_of = |kind: ItemKind| {
        d.items
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| i.text.clone())
            .collect::<Vec<_>>()
    };
    let tasks: Vec<_> = d.tasks.iter().map(|t| t.task.clone()).collect();
    let data = PlanDocData {
        head: commune_head(&c, vec!["UBND tỉnh (để báo cáo)".into(), "TT Đảng ủy, TT HĐND xã".into(), "Các ban, ngành, đoàn thể xã".into(), "Cổng thông tin điện tử xã".into(), "Lưu: VT, VP".into()]),
        number: d.plan.number.clone(),
        date: d.plan.issued_on,
        year: d.plan.year,
        title: d.plan.title.clone(),
        legal_bases: vec![],
        purposes: vec![format!(
            "Triển khai đồng bộ, hiệu quả các giải pháp nhằm duy trì, cải thiện và nâng cao Chỉ số hiệu quả quản trị và hành chính công (PAPI) năm {} của {}.",
            d.plan.year,
            c.commune.full_name()
        )],
        requirements: vec!["Xác định cụ thể nhiệm vụ, sản phẩm, thời hạn và trách nhiệm của từng ban, ngành, công chức theo Biểu tổng hợp nhiệm vụ kèm theo.".into()],
        dimensions: Dimension::all()
            .map(|dim| PlanDimension { dimension: dim, heading: dim.name_vi().to_string(), items: items_of(ItemKind::Content(dim)) })
            .collect(),
        outreach: items_of(ItemKind::CrossCutting(CrossCutting::Outreach)),
        inspection: items_of(ItemKind::CrossCutting(CrossCutting::Inspection)),
        unit_plan_due_working_days: d.plan.unit_plan_due_working_days.unwrap_or(0),
        unit_plan_due: d.plan.unit_plan_due(&cal).unwrap_or(d.plan.issued_on),
        reporting: reporting_dates(&periods),
        organisation: vec![OrgDuty {
            body: "Văn phòng UBND xã".into(),
            duties: vec!["Là cơ quan thường trực, theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch, báo cáo UBND xã.".into()],
        }],
        tasks: table_rows(&tasks, &d.items, &d.units),
    };
    docx(&plan_document(&data), "ke-hoach.docx")
}

/// `GET /staff/unit-plans/{unit}/docx`: a unit's sub-plan.
pub async fn unit_plan_docx(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(unit_id): Path<i64>,
) -> PageResult {
    if !papi_core::permission::can_view_unit_documents(&user.actor(), unit_id) {
        return Err(AppError::Forbidden);
    }
    let c = context(&state, &user).await?;
    let d = &c.data;
    let unit = d
        .units
        .iter()
        .find(|u| u.id == unit_id)
        .ok_or(AppError::NotFound)?;
    let stored = unit_plan::get(&state.store, d.plan.id, unit_id).await?;
    let (up, rows) = match &stored {
        Some((p, r)) => (Some(p), r.as_slice()),
        None => (None, &[][..]),
    };
    let periods = reporting::periods(&state.store, d.plan.id).await?;
    let data = UnitPlanData {
        head: unit_head(
            &c,
            &unit.name,
            vec![
                "UBND xã (qua Văn phòng UBND xã)".into(),
                "Lưu: đơn vị".into(),
            ],
        ),
        number: up.map(|p| p.number.clone()).unwrap_or_default(),
        date: up
            .and_then(|p| p.issued_on)
            .unwrap_or_else(|| state.today()),
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
                    role: if t.lead_unit_id == unit_id {
                        "Chủ trì".into()
                    } else {
                        "Phối hợp".into()
                    },
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
    docx(&unit_plan_document(&data), "ke-hoach-don-vi.docx")
}

/// What the tasks looked like at a period's end, as the report tables print them.
struct AtEnd {
    rows: Vec<(i64, TaskResult)>,
}

async fn at_end(state: &AppState, d: &PlanData, p: &Period) -> Result<AtEnd, AppError> {
    Ok(AtEnd {
        rows: task_results(state, d, p).await?,
    })
}

/// `GET /staff/reports/{period}/commune.docx`: the frozen DOCX of an approved report, else
/// the draft as it stands.
pub async fn commune_report_docx(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(period_id): Path<i64>,
) -> PageResult {
    let (docx, _) =
        papi_app::reporting::commune_report_files(&state, &user.actor(), period_id, None).await?;
    Ok(download(docx, DOCX, "bao-cao-ubnd-xa.docx"))
}

/// `GET /staff/reports/{period}/figures.xlsx`: from the same source as the DOCX.
pub async fn figures_xlsx(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(period_id): Path<i64>,
) -> PageResult {
    let (_, xlsx) =
        papi_app::reporting::commune_report_files(&state, &user.actor(), period_id, None).await?;
    Ok(download(xlsx, XLSX, "so-lieu-bao-cao.xlsx"))
}

/// `GET /staff/reports/{period}/commune/versions/{version}/docx`: an approved version as it
/// was frozen, withdrawn or not.
pub async fn commune_report_version_docx(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((period_id, version)): Path<(i64, i64)>,
) -> PageResult {
    let (docx, _) =
        papi_app::reporting::commune_report_files(&state, &user.actor(), period_id, Some(version))
            .await?;
    Ok(download(
        docx,
        DOCX,
        &format!("bao-cao-ubnd-xa-v{version}.docx"),
    ))
}

/// `GET /staff/reports/{period}/commune/versions/{version}/xlsx`.
pub async fn commune_report_version_xlsx(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((period_id, version)): Path<(i64, i64)>,
) -> PageResult {
    let (_, xlsx) =
        papi_app::reporting::commune_report_files(&state, &user.actor(), period_id, Some(version))
            .await?;
    Ok(download(
        xlsx,
        XLSX,
        &format!("so-lieu-bao-cao-v{version}.xlsx"),
    ))
}

/// `GET /staff/reports/{period}/compliance.xlsx`.
pub async fn compliance(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(period_id): Path<i64>,
) -> PageResult {
    let c = context(&state, &user).await?;
    let p = reporting::period(&state.store, period_id).await?;
    if p.commune_id != user.user.commune_id {
        return Err(AppError::NotFound);
    }
    let reports = papi_store::unit_report::list(&state.store, period_id).await?;
    let rows = submissions(&state, &c.data, &p, &reports);
    let bytes = compliance_xlsx(
        &format!("TÌNH HÌNH GỬI BÁO CÁO — {}", p.title().to_uppercase()),
        &rows,
    )
    .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(download(bytes, XLSX, "theo-doi-bao-cao.xlsx"))
}

/// `GET /staff/reports/{period}/units/{unit}/docx`.
pub async fn unit_report_docx(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((period_id, unit_id)): Path<(i64, i64)>,
) -> PageResult {
    if !papi_core::permission::can_view_unit_documents(&user.actor(), unit_id) {
        return Err(AppError::Forbidden);
    }
    let c = context(&state, &user).await?;
    let d = &c.data;
    let p = reporting::period(&state.store, period_id).await?;
    if p.commune_id != user.user.commune_id {
        return Err(AppError::NotFound);
    }
    let unit = d
        .units
        .iter()
        .find(|u| u.id == unit_id)
        .ok_or(AppError::NotFound)?;
    let stored = papi_store::unit_report::get(&state.store, period_id, unit_id).await?;
    let end = at_end(&state, d, &p).await?;
    let tasks = assigned_tasks(unit_id, d.tasks.iter().map(|t| &t.task))
        .iter()
        .enumerate()
        .map(|(n, t)| {
            let row = stored
                .as_ref()
                .and_then(|(_, rows)| rows.iter().find(|r| r.task_id == t.id));
            let computed = end
                .rows
                .iter()
                .find(|(id, _)| *id == t.id)
                .map(|(_, r)| r.clone());
            UnitTaskReport {
                stt: (n + 1).to_string(),
                title: t.title.clone(),
                role: if t.lead_unit_id == unit_id {
                    "Chủ trì".into()
                } else {
                    "Phối hợp".into()
                },
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
            &c,
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
            .unwrap_or_else(|| state.today()),
        kind: kind(&p),
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
    docx(&unit_report_document(&data), "bao-cao-don-vi.docx")
}

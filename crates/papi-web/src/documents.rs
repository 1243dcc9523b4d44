//! The documents officials sign, generated from the data (Nghị định 30/2020 format): the
//! commune plan with its task appendix, a unit's sub-plan, the commune report and a unit report
//! as DOCX; the compliance table and the report's figures as XLSX.

use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use papi_core::{Action, CrossCutting, Dimension, ItemKind};
use papi_docs::decree30::{write_docx, Document};
use papi_docs::reports::{
    compliance_xlsx, plan_document, Letterhead, OrgDuty, PlanDimension, PlanDocData,
};
use papi_docs::task_table::table_rows;
use papi_store::reporting;

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::AppState;

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
    commune_head as commune_letterhead, doc_context, reporting_dates, submissions,
    DocContext as Context,
};

async fn context(state: &AppState, user: &CurrentUser) -> Result<Context, AppError> {
    user.require(Action::ViewStaffPages)?;
    Ok(doc_context(state, user.user.commune_id).await?)
}

/// The commune's letterhead, signed by its chairman now (documents not frozen at approval).
fn commune_head(c: &Context, recipients: Vec<String>) -> Letterhead {
    commune_letterhead(c, recipients, &c.chairman)
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

/// `GET /staff/unit-plans/{unit}/docx`: a unit's sub-plan, as accepted once it is.
pub async fn unit_plan_docx(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(unit_id): Path<i64>,
) -> PageResult {
    let docx =
        papi_app::reporting::accepted::unit_plan_file(&state, &user.actor(), unit_id).await?;
    Ok(download(docx, DOCX, "ke-hoach-don-vi.docx"))
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

/// `GET /staff/reports/{period}/units/{unit}/docx`: a unit's report, as accepted once it is.
pub async fn unit_report_docx(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((period_id, unit_id)): Path<(i64, i64)>,
) -> PageResult {
    let docx =
        papi_app::reporting::accepted::unit_report_file(&state, &user.actor(), period_id, unit_id)
            .await?;
    Ok(download(docx, DOCX, "bao-cao-don-vi.docx"))
}

//! `/staff/inspections/{id}`: one check — its record, its checklist with verdicts, notes and
//! evidence files, its findings with remediation and re-checks, and its conclusion. A check
//! kept from the user (an unannounced check of their unit before its day) is "not found".

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Redirect};
use papi_app::inspection::{self as svc, CriterionInput};
use papi_core::clock::format_date;
use papi_core::inspection::finding::can_report_remediation;
use papi_core::inspection::{FindingStatus, Mode};
use papi_core::Action;

use super::Typed;
use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::view::{form_page, Nav};
use crate::AppState;

/// A criterion as the page shows it.
pub struct CriterionRow {
    pub id: i64,
    pub position: i64,
    pub text: String,
    pub verdict: &'static str,
    pub verdict_label: &'static str,
    pub note: String,
    pub file: String,
}

/// A re-check as the page shows it.
pub struct RecheckRow {
    pub on: String,
    pub by: String,
    pub passed: bool,
    pub note: String,
    pub new_due: String,
}

/// A finding as the page shows it.
pub struct FindingRow {
    pub id: i64,
    pub text: String,
    pub owner: String,
    pub found_on: String,
    pub due: String,
    pub first_due: String,
    pub status: &'static str,
    pub open: bool,
    pub overdue: bool,
    pub remediated_on: String,
    pub remediation: String,
    pub closed_on: String,
    pub rechecks: Vec<RecheckRow>,
    pub can_report: bool,
    /// The refused form was this finding's remediation report (show what was typed).
    pub typed_remediation: bool,
    /// The refused form was this finding's re-check.
    pub typed_recheck: bool,
}

#[derive(Template)]
#[template(path = "inspection.html")]
pub struct Page {
    pub nav: Nav,
    pub id: i64,
    pub title: String,
    pub target: String,
    pub mode: &'static str,
    pub unannounced: bool,
    pub checklist: &'static str,
    pub planned_on: String,
    pub held_on: String,
    pub inspector: String,
    pub stage: &'static str,
    pub conclusion: String,
    pub concluded_on: String,
    pub disclosed: bool,
    pub criteria: Vec<CriterionRow>,
    pub findings: Vec<FindingRow>,
    pub can_manage: bool,
    pub units: Vec<(i64, String)>,
    pub remediation_days: u32,
    pub today: String,
    pub error: String,
    pub notice: String,
    pub typed: Typed,
}

/// The fields of every form of the page, kept when one is refused.
pub const FIELDS: &[&str] = &[
    "held_on",
    "inspector",
    "text",
    "owner_unit_id",
    "due",
    "conclusion",
    "concluded_on",
    "on",
    "by",
    "result",
    "note",
    "new_due",
    "remediation",
    "finding",
];

/// The page of check `id`, with an error or a notice.
pub async fn page(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    error: (String, String),
    notice: String,
    typed: Typed,
) -> Result<Page, AppError> {
    let actor = user.actor();
    let rec = svc::visible(state, &actor, id).await?;
    let i = &rec.inspection;
    let today = state.today();
    let criteria = svc::check::checklist(state, &actor, id).await?;
    let can_manage = actor.can(Action::ManageInspections);
    let date_or_empty = |d: Option<chrono::NaiveDate>| d.map(format_date).unwrap_or_default();
    Ok(Page {
        nav: Nav::new(user, state, "inspections"),
        id,
        title: i.title.clone(),
        target: i.target_name.clone(),
        mode: i.mode.label(),
        unannounced: i.mode == Mode::Unannounced,
        checklist: i.checklist.label(),
        planned_on: format_date(i.planned_on),
        held_on: date_or_empty(i.held_on),
        inspector: i.inspector.clone(),
        stage: i.stage().label(),
        conclusion: i.conclusion.clone(),
        concluded_on: date_or_empty(i.concluded_on),
        disclosed: i.disclosure_id.is_some(),
        criteria: criteria
            .iter()
            .map(|c| CriterionRow {
                id: c.id,
                position: c.position,
                text: c.text.clone(),
                verdict: c.verdict.code(),
                verdict_label: c.verdict.label(),
                note: c.note.clone(),
                file: c.file_name.clone().unwrap_or_default(),
            })
            .collect(),
        findings: rec
            .findings
            .iter()
            .map(|(f, rc)| {
                let status = f.status(rc);
                FindingRow {
                    id: f.id,
                    text: f.text.clone(),
                    owner: f.owner_name.clone(),
                    found_on: format_date(f.found_on),
                    due: format_date(f.due),
                    first_due: format_date(f.first_due),
                    status: status.label(),
                    open: status != FindingStatus::Closed,
                    overdue: f.is_overdue(rc, today),
                    remediated_on: date_or_empty(f.remediated_on),
                    remediation: f.remediation.clone(),
                    closed_on: date_or_empty(f.closed_on),
                    rechecks: rc
                        .iter()
                        .map(|r| RecheckRow {
                            on: format_date(r.on),
                            by: r.by.clone(),
                            passed: r.passed,
                            note: r.note.clone(),
                            new_due: date_or_empty(r.new_due),
                        })
                        .collect(),
                    can_report: status != FindingStatus::Closed
                        && can_report_remediation(&actor, f),
                    typed_remediation: error.0 == format!("remediation-{}", f.id),
                    typed_recheck: error.0 == format!("recheck-{}", f.id),
                }
            })
            .collect(),
        can_manage,
        units: if can_manage {
            svc::plan::units(state, actor.commune_id).await?
        } else {
            Vec::new()
        },
        remediation_days: svc::plan::remediation_days(state, actor.commune_id)
            .await?
            .0,
        today: format_date(today),
        error: error.1,
        notice,
        typed,
    })
}

/// The page again after a refused form: 422 with the reason and what was typed.
pub async fn refused(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    form: &str,
    e: papi_app::Error,
    typed: Typed,
) -> PageResult {
    match e {
        papi_app::Error::Invalid(msg) => {
            let p = page(state, user, id, (form.into(), msg), String::new(), typed).await?;
            form_page(&p, true)
        }
        e => Err(e.into()),
    }
}

#[derive(serde::Deserialize)]
pub struct ShowQuery {
    pub saved: Option<String>,
}

/// `GET /staff/inspections/{id}`.
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> PageResult {
    let notice = if q.saved.is_some() {
        "Đã lưu.".to_string()
    } else {
        String::new()
    };
    let p = page(
        &state,
        &user,
        id,
        Default::default(),
        notice,
        Typed::default(),
    )
    .await?;
    form_page(&p, false)
}

fn back(id: i64) -> PageResult {
    Ok(Redirect::to(&format!("/staff/inspections/{id}?saved=1")).into_response())
}

/// `POST /staff/inspections/{id}/record`: the day the check was carried out and by whom.
pub async fn record(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    match svc::record_held(
        &state,
        &user.actor(),
        &user.audit_name(),
        id,
        f.get("held_on"),
        f.get("inspector"),
    )
    .await
    {
        Ok(()) => back(id),
        Err(e) => {
            refused(
                &state,
                &user,
                id,
                "record",
                e,
                Typed::from_pairs(&f, FIELDS),
            )
            .await
        }
    }
}

/// `POST /staff/inspections/{id}/checklist` (multipart): verdicts, notes, a new criterion, and
/// an evidence file per criterion (`file_{criterion id}`).
pub async fn checklist(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    mut mp: axum::extract::Multipart,
) -> PageResult {
    let too_big = crate::parsing::upload_error;
    let mut csrf = String::new();
    let mut ids: Vec<i64> = Vec::new();
    let mut verdicts: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let mut files = Vec::new();
    let mut bad_file = None;
    while let Some(field) = mp.next_field().await.map_err(too_big)? {
        let name = field.name().unwrap_or("").to_string();
        match name.as_str() {
            "csrf" => csrf = field.text().await.map_err(too_big)?,
            "cid" => ids.push(
                field
                    .text()
                    .await
                    .map_err(too_big)?
                    .trim()
                    .parse()
                    .unwrap_or(0),
            ),
            "verdict" => verdicts.push(field.text().await.map_err(too_big)?),
            "note" => notes.push(field.text().await.map_err(too_big)?),
            "ctext" => texts.push(field.text().await.map_err(too_big)?),
            n if n.starts_with("file_") => {
                let cid: i64 = n["file_".len()..].parse().unwrap_or(0);
                let fname = field.file_name().unwrap_or("").to_string();
                let bytes = field.bytes().await.map_err(too_big)?;
                if bytes.is_empty() {
                    continue;
                }
                match papi_core::evidence::check(&fname, &bytes) {
                    Ok(t) => files.push((
                        cid,
                        papi_store::inspection::checklist::File {
                            name: papi_core::evidence::clean_name(&fname),
                            content_type: t.to_string(),
                            content: bytes.to_vec(),
                        },
                    )),
                    Err(why) => bad_file = Some(format!("Tệp bằng chứng «{fname}»: {why}")),
                }
            }
            _ => {}
        }
    }
    user.check_csrf(&csrf)?;
    if let Some(why) = bad_file {
        return refused(
            &state,
            &user,
            id,
            "checklist",
            papi_app::Error::Invalid(why),
            Typed::default(),
        )
        .await;
    }
    let at = |v: &Vec<String>, n: usize| v.get(n).cloned().unwrap_or_default();
    let rows = (0..ids.len())
        .map(|n| CriterionInput {
            id: ids[n],
            text: at(&texts, n),
            verdict: at(&verdicts, n),
            note: at(&notes, n),
        })
        .collect();
    match svc::save_checklist(&state, &user.actor(), &user.audit_name(), id, rows, files).await {
        Ok(()) => back(id),
        Err(e) => refused(&state, &user, id, "checklist", e, Typed::default()).await,
    }
}

/// `POST /staff/inspections/{id}/conclude`: concludes the check; the page says whether its
/// results went to the disclosure register or still have to be posted.
pub async fn conclude(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    match svc::conclude(
        &state,
        &user.actor(),
        &user.audit_name(),
        id,
        f.get("conclusion"),
        f.get("concluded_on"),
    )
    .await
    {
        Ok(c) => {
            let notice = match c.disclosure_error {
                None => "Đã kết luận; kết quả kiểm tra đã được đưa vào Sổ công khai (nhóm 10, Luật 10/2022/QH15 Điều 11).".to_string(),
                Some(why) => format!(
                    "Đã kết luận. Kết quả kiểm tra chưa được đưa vào Sổ công khai ({why}); vẫn phải công khai kết quả (nhóm 10, Luật 10/2022/QH15 Điều 11 khoản 10)."
                ),
            };
            let p = page(
                &state,
                &user,
                id,
                Default::default(),
                notice,
                Typed::default(),
            )
            .await?;
            form_page(&p, false)
        }
        Err(e) => {
            refused(
                &state,
                &user,
                id,
                "conclude",
                e,
                Typed::from_pairs(&f, FIELDS),
            )
            .await
        }
    }
}

/// `GET /staff/inspections/criteria/{id}/file`: a criterion's evidence file.
pub async fn file(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> PageResult {
    let (name, content_type, bytes) = svc::check::evidence(&state, &user.actor(), id).await?;
    Ok((
        [
            (CONTENT_TYPE, content_type),
            (
                CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}\"",
                    name.replace(['"', '\\', '\r', '\n'], "_")
                ),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /staff/inspections/{id}/notice.docx`: "Thông báo kết quả kiểm tra" (Decree-30 layout).
pub async fn notice(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> PageResult {
    let bytes = svc::documents::notice_docx(&state, &user.actor(), id).await?;
    Ok((
        [
            (
                CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    .to_string(),
            ),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"thong-bao-ket-qua-kiem-tra-{id}.docx\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

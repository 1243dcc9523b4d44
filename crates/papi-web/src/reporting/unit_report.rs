//! A unit's report for a period: the form (pre-filled from the window), saving and sending, and
//! the office's accept or return.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use papi_core::clock::format_date;
use papi_core::permission::can_write_for_unit;
use papi_core::reporting::{prefill, Filed, UnitReportRow};
use papi_core::review::{ReviewStatus, Reviewed};
use papi_core::timeliness::judge;
use papi_core::unit_plan::assigned_tasks;
use papi_core::TaskStatus;
use papi_store::plan::HistoryEntry;
use papi_store::{plan, unit_report as store};

use super::own_period;
use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::review::{ReviewForm, ReviewedPage};
use crate::view::Nav;
use crate::view::SavedQuery;
use crate::AppState;
use papi_app::plan::PlanData;

pub struct ReportRowView {
    pub task_id: i64,
    pub title: String,
    pub role: &'static str,
    pub done: String,
    pub status: &'static str,
    pub status_code: &'static str,
    pub progress: u8,
    pub figures: String,
}

#[derive(Template)]
#[template(path = "unit_report.html")]
struct UnitReportPage {
    nav: Nav,
    period_id: i64,
    period: String,
    unit_id: i64,
    unit: String,
    unit_due: String,
    status: &'static str,
    comment: String,
    timeliness: String,
    rows: Vec<ReportRowView>,
    statuses: Vec<(&'static str, &'static str)>,
    can_write: bool,
    /// The office may withdraw its acceptance, with a reason.
    can_withdraw: bool,
    review: ReviewForm,
    errors: Vec<String>,
    saved: bool,
}

async fn unit_report_page(
    state: &AppState,
    user: &CurrentUser,
    period_id: i64,
    unit_id: i64,
    draft: Option<Vec<UnitReportRow>>,
    errors: Vec<String>,
    saved: bool,
) -> PageResult {
    let data = PlanData::for_staff(state, &user.actor()).await?;
    let p = own_period(state, user, period_id).await?;
    let unit = data
        .units
        .iter()
        .find(|u| u.id == unit_id)
        .ok_or(AppError::NotFound)?;
    let stored = store::get(&state.store, period_id, unit_id).await?;
    let history = plan::history(&state.store, data.plan.id).await?;
    let history: Vec<Filed> = history.iter().map(HistoryEntry::filed).collect();
    let assigned = assigned_tasks(unit_id, data.tasks.iter().map(|t| &t.task));
    let rows: Vec<UnitReportRow> = match (draft, &stored) {
        (Some(d), _) => d,
        (None, Some((_, rows))) if !rows.is_empty() => rows.clone(),
        _ => assigned
            .iter()
            .map(|t| prefill(t.id, &history, p.from, p.to))
            .collect(),
    };
    let report = stored.as_ref().map(|(r, _)| r);
    let status = report.map(|r| r.status).unwrap_or(ReviewStatus::Draft);
    let page = UnitReportPage {
        nav: Nav::new(user, state, "reports"),
        period_id,
        period: p.title(),
        unit_id,
        unit: unit.name.clone(),
        unit_due: format_date(p.unit_due),
        status: report.map(|r| r.status.label()).unwrap_or("Chưa lập"),
        comment: report.map(|r| r.comment.clone()).unwrap_or_default(),
        timeliness: judge(
            p.unit_due,
            report.and_then(|r| r.first_submitted_on),
            state.today(),
            &state.calendar(),
        )
        .label(),
        rows: assigned
            .iter()
            .map(|t| {
                let r = rows
                    .iter()
                    .find(|r| r.task_id == t.id)
                    .cloned()
                    .unwrap_or_else(|| prefill(t.id, &history, p.from, p.to));
                ReportRowView {
                    task_id: t.id,
                    title: t.title.clone(),
                    role: if t.lead_unit_id == unit_id {
                        "Chủ trì"
                    } else {
                        "Phối hợp"
                    },
                    done: r.done,
                    status: r.status.label(),
                    status_code: r.status.code(),
                    progress: r.progress,
                    figures: r.figures,
                }
            })
            .collect(),
        statuses: TaskStatus::ALL
            .iter()
            .map(|s| (s.code(), s.label()))
            .collect(),
        can_withdraw: status == ReviewStatus::Accepted
            && user.actor().can(papi_core::Action::ReviewUnitWork),
        can_write: can_write_for_unit(&user.actor(), unit_id) && status.editable(),
        review: ReviewForm::new(user, status, &UnitReportReview::url((period_id, unit_id))),
        errors,
        saved,
    };
    crate::view::form_page(&page, !page.errors.is_empty())
}

pub async fn unit_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((period_id, unit_id)): Path<(i64, i64)>,
    Query(q): Query<SavedQuery>,
) -> PageResult {
    if !papi_core::permission::can_view_unit_documents(&user.actor(), unit_id) {
        return Err(crate::error::AppError::Forbidden);
    }
    unit_report_page(
        &state,
        &user,
        period_id,
        unit_id,
        None,
        vec![],
        q.saved.is_some(),
    )
    .await
}

/// Saves the unit's report, and with `op=submit` sends it.
pub async fn save_unit_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((period_id, unit_id)): Path<(i64, i64)>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let data = papi_app::review::unit_draft_plan(&state, &user.actor(), unit_id).await?;
    let mut errors = Vec::new();
    let rows: Vec<UnitReportRow> = assigned_tasks(unit_id, data.tasks.iter().map(|t| &t.task))
        .iter()
        .map(|t| {
            let get = |k: &str| f.get(&format!("{k}_{}", t.id)).trim().to_string();
            let status = TaskStatus::parse(&get("status")).unwrap_or(TaskStatus::NotStarted);
            let typed = get("progress");
            let progress = match typed.parse::<u8>() {
                Ok(p) if p <= 100 => p,
                _ if typed.is_empty() => 0,
                _ => {
                    errors.push(format!(
                        "Nhiệm vụ “{}”: tiến độ phải là số từ 0 đến 100.",
                        t.title
                    ));
                    0
                }
            };
            UnitReportRow {
                task_id: t.id,
                done: get("done"),
                status,
                progress,
                figures: get("figures"),
            }
        })
        .collect();
    if !errors.is_empty() {
        return unit_report_page(&state, &user, period_id, unit_id, Some(rows), errors, false)
            .await;
    }
    let (actor, name, submit) = (user.actor(), user.audit_name(), f.get("op") == "submit");
    let saved = papi_app::reporting::save_unit_report(
        &state, &actor, &name, period_id, unit_id, &rows, submit,
    );
    if let Err(why) = saved.await? {
        return unit_report_page(&state, &user, period_id, unit_id, Some(rows), why, false).await;
    }
    Ok(Redirect::to(&format!(
        "/staff/reports/{period_id}/units/{unit_id}?saved=1"
    ))
    .into_response())
}

/// A unit's report in the review flow, named by its period and unit.
pub struct UnitReportReview;

impl ReviewedPage for UnitReportReview {
    type Key = (i64, i64);

    async fn find(
        state: &AppState,
        user: &CurrentUser,
        (period_id, unit_id): (i64, i64),
    ) -> Result<Reviewed, AppError> {
        let actor = user.actor();
        Ok(papi_app::reporting::reviewed_unit_report(state, &actor, period_id, unit_id).await?)
    }

    async fn page(
        state: &AppState,
        user: &CurrentUser,
        (period_id, unit_id): (i64, i64),
        errors: Vec<String>,
    ) -> PageResult {
        unit_report_page(state, user, period_id, unit_id, None, errors, false).await
    }

    fn url((period_id, unit_id): (i64, i64)) -> String {
        format!("/staff/reports/{period_id}/units/{unit_id}")
    }
}

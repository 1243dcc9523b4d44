//! The reporting regime: periods, each unit's report on its tasks (pre-filled from what papi
//! already knows), compliance per period, and the commune report with computed figures.

mod commune_report;
mod periods;
mod unit_report;

pub use commune_report::{approve_commune_report, commune_report, save_commune_report};
pub use periods::{add_period, period, periods};
pub use unit_report::{save_unit_report, unit_report, UnitReportReview};

use chrono::NaiveDate;
use papi_core::clock::format_date;
use papi_core::reporting::{figures, prefill, Figures, Filed, Period, TaskAtEnd};
use papi_core::timeliness::judge;
use papi_core::unit_plan::assigned_tasks;
use papi_core::TaskStatus;
use papi_store::plan::HistoryEntry;
use papi_store::{plan, reporting as store};

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use papi_app::plan::PlanData;

pub(crate) async fn own_period(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
) -> Result<Period, AppError> {
    let p = store::period(&state.store, id).await?;
    if p.commune_id != user.user.commune_id {
        return Err(AppError::NotFound);
    }
    Ok(p)
}

/// One unit's line of a period's compliance table.
pub struct ComplianceLine {
    pub unit_id: i64,
    pub unit: String,
    pub status: &'static str,
    pub submitted: String,
    pub timeliness: String,
    pub code: &'static str,
}

/// Who is on time, late or missing for a period, unit by unit.
pub async fn compliance(
    state: &AppState,
    data: &PlanData,
    p: &Period,
) -> Result<Vec<ComplianceLine>, AppError> {
    let reports = papi_store::unit_report::list(&state.store, p.id).await?;
    let cal = state.calendar();
    let today = state.today();
    Ok(data
        .units
        .iter()
        .filter(|u| !assigned_tasks(u.id, data.tasks.iter().map(|t| &t.task)).is_empty())
        .map(|u| {
            let r = reports.iter().find(|r| r.unit_id == u.id);
            let t = judge(
                p.unit_due,
                r.and_then(|r| r.first_submitted_on),
                today,
                &cal,
            );
            ComplianceLine {
                unit_id: u.id,
                unit: u.name.clone(),
                status: r.map(|r| r.status.label()).unwrap_or("Chưa lập"),
                submitted: r
                    .and_then(|r| r.first_submitted_on)
                    .map(format_date)
                    .unwrap_or_default(),
                timeliness: t.label(),
                code: t.code(),
            }
        })
        .collect())
}

/// A task as it stood at a period's end, from the reports filed up to then.
pub struct EndState {
    pub task_id: i64,
    pub status: TaskStatus,
    pub progress: u8,
    /// What was reported within the window, dated.
    pub done: String,
    pub late: bool,
    pub last_update_on: Option<NaiveDate>,
}

/// Every task of the plan as it stood at `p`'s end.
pub async fn end_states(
    state: &AppState,
    data: &PlanData,
    p: &Period,
) -> Result<Vec<EndState>, AppError> {
    let history = plan::history(&state.store, data.plan.id).await?;
    let filed: Vec<Filed> = history.iter().map(HistoryEntry::filed).collect();
    Ok(data
        .tasks
        .iter()
        .map(|t| {
            let row = prefill(t.task.id, &filed, p.from, p.to);
            // A task stopped by the office stays out of the count whatever its history.
            let status = if t.task.status == TaskStatus::Cancelled {
                TaskStatus::Cancelled
            } else {
                row.status
            };
            let last = filed
                .iter()
                .rfind(|h| h.task_id == t.task.id && h.on <= p.to)
                .map(|h| h.on);
            let late = !status.is_closed()
                && papi_core::task::is_late(t.task.due, data.plan.year, last, p.to);
            EndState {
                task_id: t.task.id,
                status,
                progress: row.progress,
                done: row.done,
                late,
                last_update_on: last,
            }
        })
        .collect())
}

/// The figures of a period, per dimension (first: all tasks), as the tasks stood at its end.
pub async fn period_figures(
    state: &AppState,
    data: &PlanData,
    p: &Period,
) -> Result<Vec<(Option<papi_core::Dimension>, Figures)>, AppError> {
    let at_end: Vec<TaskAtEnd> = end_states(state, data, p)
        .await?
        .into_iter()
        .zip(&data.tasks)
        .map(|(e, t)| TaskAtEnd {
            dimension: data.dimension(t),
            status: e.status,
            due: t.task.due,
            last_update_on: e.last_update_on,
        })
        .collect();
    Ok(figures(&at_end, data.plan.year, p.to))
}

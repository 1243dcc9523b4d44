//! The reporting regime as use cases: a period of the commune's plan, who is on time, late or
//! missing for it, and every task as it stood at the period's end with the period's figures.

use chrono::NaiveDate;
use papi_core::clock::format_date;
use papi_core::reporting::{figures, prefill, Figures, Filed, Period, TaskAtEnd};
use papi_core::timeliness::judge;
use papi_core::unit_plan::assigned_tasks;
use papi_core::TaskStatus;
use papi_store::plan::HistoryEntry;
use papi_store::{plan, reporting as store};

use crate::error::{Error, Result};
use crate::plan::PlanData;
use crate::App;

pub mod accepted;
pub mod documents;
mod snapshot;

pub use snapshot::{
    approve_commune_report, commune_report_files, commune_report_page, withdraw_commune_report,
    Approval, CommuneReportPage, CommuneReportView, FigureView, TaskView,
};

/// A reporting period of the user's commune; another commune's is "not found".
pub async fn own_period(app: &App, actor: &papi_core::Actor, id: i64) -> Result<Period> {
    let p = store::period(&app.store, id).await?;
    if p.commune_id != actor.commune_id {
        return Err(Error::NotFound);
    }
    Ok(p)
}

/// A unit's report for a period of the user's commune, as the review flow sees it.
pub async fn reviewed_unit_report(
    app: &App,
    actor: &papi_core::Actor,
    period_id: i64,
    unit_id: i64,
) -> Result<papi_core::review::Reviewed> {
    own_period(app, actor, period_id).await?;
    let (report, _) = papi_store::unit_report::get(&app.store, period_id, unit_id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(report.reviewed())
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
pub async fn compliance(app: &App, data: &PlanData, p: &Period) -> Result<Vec<ComplianceLine>> {
    let reports = papi_store::unit_report::list(&app.store, p.id).await?;
    let cal = app.calendar();
    let today = app.today();
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
pub async fn end_states(app: &App, data: &PlanData, p: &Period) -> Result<Vec<EndState>> {
    let history = plan::history(&app.store, data.plan.id).await?;
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
    app: &App,
    data: &PlanData,
    p: &Period,
) -> Result<Vec<(Option<papi_core::Dimension>, Figures)>> {
    let at_end: Vec<TaskAtEnd> = end_states(app, data, p)
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

/// Saves the office's draft of the commune report for a period of the user's commune
/// (`issued_typed`: the date as typed, which `rep.issued_on` read). The inner `Err` holds the
/// reasons to show beside the form (a bad number or date, an approved report).
pub async fn save_commune_report(
    app: &App,
    actor: &papi_core::Actor,
    actor_name: &str,
    rep: &papi_store::reporting::CommuneReport,
    issued_typed: &str,
) -> Result<std::result::Result<(), Vec<String>>> {
    own_period(app, actor, rep.period_id).await?;
    let mut errors = Vec::new();
    if let Err(e) = papi_core::reporting::validate_report_number(&rep.number) {
        errors.push(e);
    }
    if !issued_typed.trim().is_empty() && rep.issued_on.is_none() {
        errors.push(format!(
            "Ngày “{}” không đúng dạng dd/mm/yyyy.",
            issued_typed.trim()
        ));
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let mut w = app.store.begin_write().await?;
    match store::save_commune_report(&mut w, actor_name, actor.commune_id, rep).await {
        Ok(()) => {}
        Err(papi_store::StoreError::Conflict(m)) => return Ok(Err(vec![m])),
        Err(e) => return Err(e.into()),
    }
    w.commit().await?;
    Ok(Ok(()))
}

/// Saves a unit's report for a period of the user's commune and, with `submit`, sends it when
/// every task has its result, in one transaction. The inner `Err` holds the reasons to show
/// beside the form.
pub async fn save_unit_report(
    app: &App,
    actor: &papi_core::Actor,
    actor_name: &str,
    period_id: i64,
    unit_id: i64,
    rows: &[papi_core::reporting::UnitReportRow],
    submit: bool,
) -> Result<std::result::Result<(), Vec<String>>> {
    let data = crate::review::unit_draft_plan(app, actor, unit_id).await?;
    let p = own_period(app, actor, period_id).await?;
    if submit {
        let missing: Vec<String> = papi_core::reporting::rows_without_results(rows)
            .into_iter()
            .map(|id| {
                let title = data
                    .task(id)
                    .map(|t| t.task.title.clone())
                    .unwrap_or_default();
                format!("Nhiệm vụ “{title}”: chưa ghi kết quả thực hiện trong kỳ.")
            })
            .collect();
        if !missing.is_empty() {
            return Ok(Err(missing));
        }
    }
    let existing = data
        .unit_reports
        .iter()
        .find(|r| r.period_id == period_id && r.unit_id == unit_id);
    let report = existing
        .cloned()
        .unwrap_or(papi_core::reporting::UnitReport {
            id: 0,
            commune_id: actor.commune_id,
            period_id: p.id,
            unit_id,
            status: papi_core::review::ReviewStatus::Draft,
            first_submitted_on: None,
            comment: String::new(),
        });
    let mut w = app.store.begin_write().await?;
    let id = match papi_store::unit_report::save(&mut w, actor_name, &report, rows).await {
        Ok(id) => id,
        Err(papi_store::StoreError::Conflict(m)) => return Ok(Err(vec![m])),
        Err(e) => return Err(e.into()),
    };
    if submit {
        let doc = papi_core::reporting::UnitReport { id, ..report }.reviewed();
        crate::review::submit(app, &mut w, actor_name, &doc).await?;
    }
    w.commit().await?;
    Ok(Ok(()))
}

/// Adds a reporting period to the commune's current plan, checked by
/// `papi_core::reporting::validate_period`; its id, or why it was refused.
pub async fn add_period(
    app: &App,
    actor: &papi_core::Actor,
    actor_name: &str,
    period: &papi_core::reporting::PlannedPeriod,
    commune_due: Option<chrono::NaiveDate>,
) -> Result<std::result::Result<i64, String>> {
    if !actor.can(papi_core::Action::ReviewUnitWork) {
        return Err(Error::Forbidden);
    }
    let data = PlanData::for_staff(app, actor).await?;
    if let Err(e) = papi_core::reporting::validate_period(period.from, period.to, period.due) {
        return Ok(Err(e));
    }
    let p = Period {
        id: 0,
        commune_id: actor.commune_id,
        plan_id: data.plan.id,
        kind: period.kind,
        from: period.from,
        to: period.to,
        unit_due: period.due,
        commune_due,
    };
    let mut w = app.store.begin_write().await?;
    let id = store::insert_period(&mut w, actor_name, &p).await?;
    w.commit().await?;
    Ok(Ok(id))
}

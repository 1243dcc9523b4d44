//! The staff dashboard: progress per dimension and overall, late tasks, what falls due within
//! the commune's window (papi_core::agenda::DueSoon), the reminders, and the per-unit table.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse};
use papi_core::clock::format_date;

use super::tasks::TaskLine;
use crate::auth::CurrentUser;
use crate::error::PageResult;
use crate::view::{dimension_rows, DimensionRow, Nav, TallyView};
use crate::AppState;
use papi_app::plan::PlanData;

/// How many late and due-soon tasks the dashboard lists.
const LIST_LIMIT: usize = 15;

pub struct UnitRow {
    pub id: i64,
    pub name: String,
    pub tally: TallyView,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    nav: Nav,
    plan_title: String,
    plan_number: String,
    plan_issued: String,
    overall: TallyView,
    dimensions: Vec<DimensionRow>,
    late: Vec<TaskLine>,
    late_total: usize,
    due_soon: Vec<TaskLine>,
    due_soon_total: usize,
    /// The commune's warning window, in working days.
    due_soon_days: u32,
    units: Vec<UnitRow>,
    /// The units' sub-plans: how many on time, late, missing, accepted, returned.
    subplans: crate::unit_plan::Register,
    /// What the signed-in unit officer must send soon or has not sent.
    reminders: Vec<String>,
    /// When the units' own plans are due, with how it was counted.
    unit_plan_due: Option<(String, u32, String)>,
    /// The latest satisfaction survey of each service.
    satisfaction: Vec<crate::satisfaction::staff::Row>,
    satisfaction_label: &'static str,
}

#[derive(Template)]
#[template(path = "no_plan.html")]
struct NoPlanPage {
    nav: Nav,
}

pub async fn show(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    let nav = Nav::new(&user, &state, "dashboard");
    let Some(data) = PlanData::load(&state, user.user.commune_id).await? else {
        return Ok(Html(NoPlanPage { nav }.render()?).into_response());
    };
    let today = state.today();
    let day = state.day();
    let (sum, _) = data.summaries(today, &day.cal);
    // The most urgent first, a screenful each; the task list shows them all.
    let lines = |ids: &[i64]| -> Vec<TaskLine> {
        ids.iter()
            .filter_map(|&id| data.task(id))
            .take(LIST_LIMIT)
            .map(|t| TaskLine::new(&data, t, &day))
            .collect()
    };
    let unit_plan_due = data
        .plan
        .unit_plan_due(&day.cal)
        .zip(data.plan.unit_plan_due_working_days)
        .map(|(due, n)| {
            // Once the date has passed, whether each unit met it is the sub-plan register's job.
            let note = if due >= today {
                format!("; {}", crate::view::days_note(due, &day))
            } else {
                String::new()
            };
            (format_date(due), n, note)
        });
    let subplans = crate::unit_plan::register(&state, &data);
    let on = data.on(today, &day.cal);
    let mut reminders = match user.user.unit_id.filter(|_| user.user.role.needs_unit()) {
        Some(unit) => papi_app::agenda::reminders(&data, unit, &on),
        None => Vec::new(),
    };
    reminders.extend(papi_app::agenda::matter_reminders(&state, &user.actor(), &on).await?);
    let mut satisfaction = crate::satisfaction::staff::rows(&state, user.user.commune_id).await?;
    let mut seen = std::collections::HashSet::new();
    satisfaction.retain(|r| seen.insert(r.service.clone()));
    let page = DashboardPage {
        nav,
        satisfaction,
        satisfaction_label: papi_core::satisfaction::LABEL,
        subplans,
        reminders,
        unit_plan_due,
        plan_title: data.plan.title.clone(),
        plan_number: data.plan.number.clone(),
        plan_issued: format_date(data.plan.issued_on),
        overall: (&sum.overall).into(),
        dimensions: dimension_rows(&sum),
        late: lines(&sum.late),
        late_total: sum.late.len(),
        due_soon: lines(&sum.due_soon),
        due_soon_total: sum.due_soon.len(),
        due_soon_days: data.commune.due_soon.working_days,
        units: data
            .units
            .iter()
            .filter_map(|u| {
                sum.by_unit.get(&u.id).map(|t| UnitRow {
                    id: u.id,
                    name: u.name.clone(),
                    tally: t.into(),
                })
            })
            .collect(),
    };
    Ok(Html(page.render()?).into_response())
}

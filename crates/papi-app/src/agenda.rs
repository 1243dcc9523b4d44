//! The agenda of what falls due on the commune's current plan. Each process contributes its
//! obligations through its `obligations` function in `papi-core` (tasks, unit plans,
//! reporting; later cases, postings, remediations); the dashboard, the reminders and the
//! calendar feeds all read this one list.

use papi_calendar::Calendar;
use papi_core::agenda::{Obligation, ObligationKind, Today};
use papi_core::unit_plan::assigned_tasks;

use crate::plan::PlanData;

/// Every obligation of the plan, from every process, soonest first.
pub fn obligations(data: &PlanData, cal: &Calendar) -> Vec<Obligation> {
    let tasks = || data.tasks.iter().map(|t| &t.task);
    let units_with_tasks: Vec<i64> = data
        .units
        .iter()
        .map(|u| u.id)
        .filter(|&id| !assigned_tasks(id, tasks()).is_empty())
        .collect();
    let mut out = papi_core::task::obligations(tasks(), data.plan.year);
    if let Some(due) = data.plan.unit_plan_due(cal) {
        out.extend(papi_core::unit_plan::obligations(
            data.plan.id,
            due,
            &units_with_tasks,
            &data.unit_plans,
        ));
    }
    out.extend(papi_core::reporting::obligations(
        &data.periods,
        &units_with_tasks,
        &data.unit_reports,
    ));
    out.sort_by_key(|o| o.due);
    out
}

/// What a unit's people are reminded of on the dashboard: the unit's own documents (its plan,
/// its reports) that are overdue or within the commune's window. Tasks have their own lists.
pub fn reminders(data: &PlanData, unit_id: i64, on: &Today) -> Vec<String> {
    obligations(data, on.cal)
        .iter()
        .filter(|o| o.unit_id == Some(unit_id))
        .filter(|o| {
            matches!(
                o.kind,
                ObligationKind::UnitPlan | ObligationKind::UnitReport
            )
        })
        .filter_map(|o| o.reminder(on))
        .collect()
}

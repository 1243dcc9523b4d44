//! The agenda of what falls due on the commune's current plan. Each process contributes its
//! obligations through its `obligations` function in `papi-core` (tasks, unit plans,
//! reporting; later cases, postings, remediations); the dashboard, the reminders and the
//! calendar feeds all read this one list.

use papi_calendar::Calendar;
use papi_core::agenda::{Obligation, ObligationKind, Today};
use papi_core::permission::task_concerns;
use papi_core::Actor;

use crate::plan::PlanData;

/// Every obligation of the plan, from every process, soonest first.
pub fn obligations(data: &PlanData, cal: &Calendar) -> Vec<Obligation> {
    let tasks = || data.tasks.iter().map(|t| &t.task);
    let units_with_tasks: Vec<i64> = data
        .units
        .iter()
        .map(|u| u.id)
        .filter(|&id| data.assigned_count(id) > 0)
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

/// What falls due that concerns `actor`, for their private calendar feed: the tasks they lead
/// or coordinate (or all, for the office), their unit's documents (each date once for the
/// office), and the commune's own reports for the office.
pub fn for_actor(data: &PlanData, cal: &Calendar, actor: &Actor) -> Vec<Obligation> {
    obligations(data, cal)
        .into_iter()
        .filter(|o| match o.kind {
            ObligationKind::Task => data
                .task(o.subject_id)
                .is_some_and(|t| task_concerns(actor, &t.task)),
            ObligationKind::UnitPlan | ObligationKind::UnitReport => {
                actor.unit_id.is_none() || o.unit_id == actor.unit_id
            }
            ObligationKind::CommuneReport => actor.unit_id.is_none(),
            // Residents' matters and the other processes come from [`process_obligations`],
            // filtered by who may see them.
            ObligationKind::Matter
            | ObligationKind::Disclosure
            | ObligationKind::Participation
            | ObligationKind::Inspection => false,
        })
        .collect()
}

/// What falls due that anyone may see: the deadlines of the tasks the commune made public.
pub fn public(data: &PlanData, cal: &Calendar) -> Vec<Obligation> {
    obligations(data, cal)
        .into_iter()
        .filter(|o| {
            o.kind == ObligationKind::Task && data.task(o.subject_id).is_some_and(|t| t.task.public)
        })
        .collect()
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

/// Everything that falls due for `actor`: what the plan owes that concerns them and the time
/// limits of the residents' matters they may see. The private calendar feed, the e-mail digests
/// and the dashboard's reminders all read this one list.
pub async fn for_actor_with_matters(
    app: &crate::App,
    data: Option<&PlanData>,
    cal: &Calendar,
    actor: &Actor,
) -> crate::error::Result<Vec<Obligation>> {
    let mut out = data.map(|d| for_actor(d, cal, actor)).unwrap_or_default();
    out.extend(process_obligations(app, actor).await?);
    out.sort_by_key(|o| o.due);
    Ok(out)
}

/// What the processes outside the plan owe that `actor` may see: residents' matters,
/// disclosures, residents' decisions and boards' recommendations, inspection findings.
pub async fn process_obligations(
    app: &crate::App,
    actor: &Actor,
) -> crate::error::Result<Vec<Obligation>> {
    let mut out = crate::voice::obligations(app, actor).await?;
    out.extend(crate::disclosure::obligations(app, actor).await?);
    out.extend(crate::participation::decision::obligations(app, actor).await?);
    out.extend(crate::participation::board::obligations(app, actor).await?);
    out.extend(crate::participation::conference::obligations(app, actor).await?);
    out.extend(crate::inspection::obligations(app, actor).await?);
    out.sort_by_key(|o| o.due);
    Ok(out)
}

/// The reminders of the residents' matters `actor` may see that are late or near, for the
/// dashboard (the plan's own reminders are [`reminders`]).
pub async fn matter_reminders(
    app: &crate::App,
    actor: &Actor,
    on: &Today<'_>,
) -> crate::error::Result<Vec<String>> {
    Ok(process_obligations(app, actor)
        .await?
        .iter()
        .filter_map(|o| o.reminder(on))
        .collect())
}

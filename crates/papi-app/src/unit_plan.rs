//! Unit sub-plans as use cases: the register of who sent their own plan, when, and what the
//! office decided. Saving, submitting and the office's decision go through `review`.

use papi_core::clock::format_date;
use papi_core::review::ReviewStatus;
use papi_core::timeliness::{judge, Timeliness};
use papi_core::unit_plan::assigned_tasks;

use crate::plan::PlanData;
use crate::App;

/// One unit's line in the register.
pub struct RegisterLine {
    pub unit_id: i64,
    pub unit: String,
    pub assigned: usize,
    pub status: &'static str,
    pub submitted: String,
    pub timeliness: String,
    pub timeliness_code: &'static str,
}

/// The register of every unit with assigned tasks, and the counts the dashboard shows.
pub struct Register {
    pub due: Option<chrono::NaiveDate>,
    pub lines: Vec<RegisterLine>,
    pub accepted: usize,
    pub returned: usize,
    pub on_time: usize,
    pub late: usize,
    pub missing: usize,
}

/// Who sent their sub-plan on time, late or not at all, and what the office decided.
pub fn register(app: &App, data: &PlanData) -> Register {
    let cal = app.calendar();
    let today = app.today();
    let due = data.plan.unit_plan_due(&cal);
    let plans = &data.unit_plans;
    let mut reg = Register {
        due,
        lines: vec![],
        accepted: 0,
        returned: 0,
        on_time: 0,
        late: 0,
        missing: 0,
    };
    for u in &data.units {
        let assigned = data.assigned_count(u.id);
        if assigned == 0 {
            continue;
        }
        let up = plans.iter().find(|p| p.unit_id == u.id);
        let t = due
            .map(|d| judge(d, up.and_then(|p| p.first_submitted_on), today, &cal))
            .unwrap_or(Timeliness::Pending);
        match t {
            Timeliness::OnTime => reg.on_time += 1,
            Timeliness::Late(_) => reg.late += 1,
            Timeliness::Missing => reg.missing += 1,
            Timeliness::Pending => {}
        }
        match up.map(|p| p.status) {
            Some(ReviewStatus::Accepted) => reg.accepted += 1,
            Some(ReviewStatus::Returned) => reg.returned += 1,
            _ => {}
        }
        reg.lines.push(RegisterLine {
            unit_id: u.id,
            unit: u.name.clone(),
            assigned,
            status: up.map(|p| p.status.label()).unwrap_or("Chưa lập"),
            submitted: up
                .and_then(|p| p.first_submitted_on)
                .map(format_date)
                .unwrap_or_default(),
            timeliness: t.label(),
            timeliness_code: t.code(),
        });
    }
    reg
}

/// A unit's sub-plan on the commune's current plan, as the review flow sees it.
pub async fn reviewed(
    app: &App,
    actor: &papi_core::Actor,
    unit_id: i64,
) -> crate::error::Result<papi_core::review::Reviewed> {
    let data = PlanData::for_staff(app, actor).await?;
    let (up, _) = papi_store::unit_plan::get(&app.store, data.plan.id, unit_id)
        .await?
        .ok_or(crate::Error::NotFound)?;
    Ok(up.reviewed())
}

/// What a unit typed into its sub-plan form, already read.
pub struct Draft<'a> {
    pub number: &'a str,
    pub issued_on: Option<chrono::NaiveDate>,
    pub rows: &'a [papi_core::unit_plan::UnitPlanRow],
}

/// Saves a unit's sub-plan draft on the current plan and, with `submit`, sends it to the
/// office when it is complete, in one transaction. The inner `Err` holds the reasons to show
/// beside the form (what is missing, a document already sent).
pub async fn save(
    app: &App,
    actor: &papi_core::Actor,
    actor_name: &str,
    unit_id: i64,
    draft: Draft<'_>,
    submit: bool,
) -> crate::error::Result<Result<(), Vec<String>>> {
    let data = crate::review::unit_draft_plan(app, actor, unit_id).await?;
    let assigned: Vec<i64> = assigned_tasks(unit_id, data.tasks.iter().map(|t| &t.task))
        .iter()
        .map(|t| t.id)
        .collect();
    if submit {
        let title = |id: i64| {
            data.task(id)
                .map(|t| t.task.title.clone())
                .unwrap_or_default()
        };
        let gaps = papi_core::unit_plan::completeness(draft.number, draft.rows, &assigned);
        if !gaps.is_empty() {
            let mut why = vec![
                "Chưa gửi được vì kế hoạch chưa đầy đủ (đã giữ nguyên nội dung bạn nhập):"
                    .to_string(),
            ];
            why.extend(gaps.iter().map(|g| g.describe(title)));
            return Ok(Err(why));
        }
    }
    let existing = data.unit_plans.iter().find(|p| p.unit_id == unit_id);
    let up = papi_core::unit_plan::UnitPlan {
        id: existing.map(|p| p.id).unwrap_or(0),
        commune_id: actor.commune_id,
        plan_id: data.plan.id,
        unit_id,
        number: draft.number.to_string(),
        issued_on: draft.issued_on,
        status: existing.map(|p| p.status).unwrap_or(ReviewStatus::Draft),
        first_submitted_on: existing.and_then(|p| p.first_submitted_on),
        comment: existing.map(|p| p.comment.clone()).unwrap_or_default(),
    };
    let mut w = app.store.begin_write().await?;
    let id = match papi_store::unit_plan::save(&mut w, actor_name, &up, draft.rows).await {
        Ok(id) => id,
        Err(papi_store::StoreError::Conflict(m)) => return Ok(Err(vec![m])),
        Err(e) => return Err(e.into()),
    };
    if submit {
        let doc = papi_core::unit_plan::UnitPlan { id, ..up }.reviewed();
        crate::review::submit(app, &mut w, actor_name, &doc).await?;
    }
    w.commit().await?;
    Ok(Ok(()))
}

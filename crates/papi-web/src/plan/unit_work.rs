//! "Việc của đơn vị": where a unit head or officer lands — the unit's tasks, its sub-plan, its
//! reports and what falls due for it, with the commune-wide dashboard one click away.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect};
use papi_core::agenda::ObligationKind;
use papi_core::clock::format_date;

use super::tasks::TaskLine;
use crate::auth::CurrentUser;
use crate::error::PageResult;
use crate::view::Nav;
use crate::AppState;
use papi_app::plan::PlanData;

/// A document the unit owes (its sub-plan, a period's report), with where to open it.
pub struct OwedLine {
    pub title: String,
    pub due: String,
    pub state: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "unit_work.html")]
struct UnitWorkPage {
    nav: Nav,
    unit_name: String,
    tasks: Vec<TaskLine>,
    owed: Vec<OwedLine>,
    reminders: Vec<String>,
}

/// GET /staff/unit: the signed-in person's unit; the dashboard for those without one.
pub async fn show(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    let Some(unit_id) = user.user.unit_id else {
        return Ok(Redirect::to("/staff").into_response());
    };
    let Some(data) = PlanData::load(&state, user.user.commune_id).await? else {
        return Ok(Redirect::to("/staff").into_response());
    };
    let day = state.day();
    let on = data.on(day.today, &day.cal);
    let tasks = data
        .tasks
        .iter()
        .filter(|t| {
            t.task.lead_unit_id == unit_id || t.task.coordinating_unit_ids.contains(&unit_id)
        })
        .map(|t| TaskLine::new(&data, t, &day))
        .collect();
    let owed = papi_app::agenda::obligations(&data, &day.cal)
        .into_iter()
        .filter(|o| o.unit_id == Some(unit_id))
        .filter(|o| {
            matches!(
                o.kind,
                ObligationKind::UnitPlan | ObligationKind::UnitReport
            )
        })
        .map(|o| OwedLine {
            state: match o.met_on {
                Some(d) => format!("đã gửi ngày {}", format_date(d)),
                None => o.reminder(&on).unwrap_or_else(|| "chưa gửi".into()),
            },
            href: match o.kind {
                ObligationKind::UnitPlan => format!("/staff/unit-plans/{unit_id}"),
                _ => format!("/staff/reports/{}/units/{unit_id}", o.subject_id),
            },
            title: o.title,
            due: format_date(o.due),
        })
        .collect();
    let page = UnitWorkPage {
        nav: Nav::new(&user, &state, "unit"),
        unit_name: data.unit_name(unit_id).to_string(),
        reminders: papi_app::agenda::reminders(&data, unit_id, &on),
        tasks,
        owed,
    };
    Ok(Html(page.render()?).into_response())
}

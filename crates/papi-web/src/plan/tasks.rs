//! The task list with its filters, and the one-line view of a task used on several pages.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse};
use papi_core::filter::TaskFilter;
use papi_core::permission::can_view_task;
use papi_core::task::Standing;
use papi_core::Dimension;
use papi_store::plan::TaskRecord;
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::error::PageResult;
use crate::view::{days_note, standing_class, Nav};
use crate::AppState;
use papi_app::plan::PlanData;

/// One task as lists show it.
pub struct TaskLine {
    pub id: i64,
    pub position: i64,
    pub title: String,
    pub item_code: String,
    pub unit: String,
    pub deliverable: String,
    pub due_label: String,
    pub due_note: String,
    pub standing_label: &'static str,
    pub standing_class: &'static str,
    pub progress: u8,
    pub public: bool,
}

impl TaskLine {
    pub fn new(data: &PlanData, t: &TaskRecord, day: &crate::view::Day) -> TaskLine {
        let today = day.today;
        let st = data.standing(t, &data.on(today, &day.cal));
        let due = t.task.due.current(today, data.plan.year);
        TaskLine {
            id: t.task.id,
            position: t.task.position,
            title: t.task.title.clone(),
            item_code: data
                .item(t.task.item_id)
                .map(|i| i.code.clone())
                .unwrap_or_default(),
            unit: data.unit_name(t.task.lead_unit_id).to_string(),
            deliverable: t.task.deliverable.clone(),
            due_label: t.task.due.label(),
            due_note: match st {
                Standing::Late => {
                    let missed = t.task.due.missed(today, data.plan.year);
                    match t.task.due {
                        papi_core::Due::Recurring(_) => format!(
                            "{} (thiếu báo cáo kỳ đến {})",
                            days_note(missed, day),
                            papi_core::clock::format_date(missed)
                        ),
                        papi_core::Due::Date(_) => days_note(missed, day),
                    }
                }
                Standing::DueSoon | Standing::OnTrack => days_note(due, day),
                _ => String::new(),
            },
            standing_label: st.label(),
            standing_class: standing_class(st),
            progress: t.task.progress,
            public: t.task.public,
        }
    }
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    dimension: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    standing: String,
    #[serde(default)]
    due_within: String,
    #[serde(default)]
    q: String,
}

impl ListQuery {
    /// Empty or malformed fields mean "no filter", as a plain GET form sends them.
    fn filter(&self) -> TaskFilter {
        TaskFilter {
            dimension: self.dimension.parse().ok(),
            unit: self.unit.parse().ok(),
            standing: Some(self.standing.clone()).filter(|s| !s.is_empty()),
            due_within: self.due_within.parse().ok(),
            q: Some(self.q.clone()).filter(|s| !s.trim().is_empty()),
        }
    }
}

pub struct FilterChoice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

fn choices(
    current: &str,
    options: impl IntoIterator<Item = (String, String)>,
) -> Vec<FilterChoice> {
    options
        .into_iter()
        .map(|(value, label)| FilterChoice {
            selected: value == current,
            value,
            label,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "tasks.html")]
struct TasksPage {
    nav: Nav,
    has_plan: bool,
    lines: Vec<TaskLine>,
    total: usize,
    q: String,
    dimensions: Vec<FilterChoice>,
    units: Vec<FilterChoice>,
    standings: Vec<FilterChoice>,
    windows: Vec<FilterChoice>,
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ListQuery>,
) -> PageResult {
    let today = state.today();
    let day = state.day();
    let data = PlanData::load(&state, user.user.commune_id).await?;
    let filter = q.filter();
    let (lines, total, unit_opts) = match &data {
        Some(data) => {
            let lines = data
                .tasks
                .iter()
                .filter(|t| can_view_task(&user.actor(), &t.task))
                .filter(|t| {
                    filter.accepts(
                        &t.task,
                        data.dimension(t),
                        data.plan.year,
                        t.last_update_on,
                        &data.on(today, &day.cal),
                    )
                })
                .map(|t| TaskLine::new(data, t, &day))
                .collect();
            let units = data
                .units
                .iter()
                .map(|u| (u.id.to_string(), u.name.clone()))
                .collect();
            (lines, data.tasks.len(), units)
        }
        None => (Vec::new(), 0, Vec::new()),
    };
    let standings = [
        Standing::Late,
        Standing::DueSoon,
        Standing::OnTrack,
        Standing::Done,
        Standing::Cancelled,
    ];
    let page = TasksPage {
        nav: Nav::new(&user, &state, "tasks"),
        has_plan: data.is_some(),
        lines,
        total,
        q: q.q.clone(),
        dimensions: choices(
            &q.dimension,
            Dimension::all().map(|d| {
                (
                    d.number().to_string(),
                    format!("{}. {}", d.number(), d.name_vi()),
                )
            }),
        ),
        units: choices(&q.unit, unit_opts),
        standings: choices(
            &q.standing,
            standings.map(|s| (s.code().to_string(), s.label().to_string())),
        ),
        windows: choices(
            &q.due_within,
            [
                ("7", "7 ngày tới"),
                ("14", "14 ngày tới"),
                ("30", "30 ngày tới"),
            ]
            .map(|(v, l)| (v.to_string(), l.to_string())),
        ),
    };
    Ok(Html(page.render()?).into_response())
}

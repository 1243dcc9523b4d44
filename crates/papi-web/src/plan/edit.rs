//! Creating and editing tasks, and changing their status by hand (office and chairman).

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use papi_core::task::{validate_fields, TaskFields};
use papi_core::{Task, TaskStatus};

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::view::Nav;
use crate::AppState;
use papi_app::plan::PlanData;

/// A url-encoded form whose keys may repeat (the coordinating-unit checkboxes).
pub struct FormPairs(Vec<(String, String)>);

impl FormPairs {
    pub fn parse(body: &Bytes) -> Result<FormPairs, AppError> {
        serde_urlencoded::from_bytes(body)
            .map(FormPairs)
            .map_err(|_| AppError::BadRequest("Biểu mẫu gửi lên không đọc được.".into()))
    }

    pub fn get(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Every pair as posted, in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    pub fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

pub struct Option_ {
    pub id: i64,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "task_form.html")]
struct TaskFormPage {
    nav: Nav,
    /// `None` for a new task.
    id: Option<i64>,
    title: String,
    description: String,
    deliverable: String,
    due: String,
    position: i64,
    public: bool,
    items: Vec<Option_>,
    leads: Vec<Option_>,
    coordinating: Vec<Option_>,
    errors: Vec<String>,
}

fn form_page(nav: Nav, data: &PlanData, t: &Task, due: String, errors: Vec<String>) -> PageResult {
    let page = TaskFormPage {
        nav,
        id: (t.id != 0).then_some(t.id),
        title: t.title.clone(),
        description: t.description.clone(),
        deliverable: t.deliverable.clone(),
        due,
        position: t.position,
        public: t.public,
        items: data
            .items
            .iter()
            .map(|i| Option_ {
                id: i.id,
                label: format!("{} {}", i.code, truncate(&i.text, 90)),
                selected: t.item_id == Some(i.id),
            })
            .collect(),
        leads: data
            .units
            .iter()
            .map(|u| Option_ {
                id: u.id,
                label: u.name.clone(),
                selected: u.id == t.lead_unit_id,
            })
            .collect(),
        coordinating: data
            .units
            .iter()
            .map(|u| Option_ {
                id: u.id,
                label: u.name.clone(),
                selected: t.coordinating_unit_ids.contains(&u.id),
            })
            .collect(),
        errors,
    };
    crate::view::form_page(&page, !page.errors.is_empty())
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// A new task of the current plan, numbered after the last one; the form fills in the rest.
fn blank_task(user: &CurrentUser, data: &PlanData) -> Task {
    Task {
        id: 0,
        commune_id: user.user.commune_id,
        plan_id: data.plan.id,
        item_id: None,
        position: data
            .tasks
            .iter()
            .map(|t| t.task.position)
            .max()
            .unwrap_or(0)
            + 1,
        title: String::new(),
        description: String::new(),
        lead_unit_id: 0,
        coordinating_unit_ids: vec![],
        deliverable: String::new(),
        due: papi_core::Due::Recurring(papi_core::Recurrence::Ongoing),
        status: TaskStatus::NotStarted,
        progress: 0,
        public: true,
    }
}

async fn editor_plan(
    state: &AppState,
    user: &CurrentUser,
) -> Result<std::sync::Arc<PlanData>, AppError> {
    Ok(papi_app::task::editor_plan(state, &user.actor()).await?)
}

pub async fn new_form(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    let data = editor_plan(&state, &user).await?;
    let blank = blank_task(&user, &data);
    form_page(
        Nav::new(&user, &state, "tasks"),
        &data,
        &blank,
        String::new(),
        vec![],
    )
}

pub async fn edit_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> PageResult {
    let data = editor_plan(&state, &user).await?;
    let rec = data
        .tasks
        .iter()
        .find(|t| t.task.id == id)
        .ok_or(AppError::NotFound)?;
    form_page(
        Nav::new(&user, &state, "tasks"),
        &data,
        &rec.task,
        rec.task.due.label(),
        vec![],
    )
}

/// A refused form: the task as typed, the deadline text as typed, and the reasons.
struct Refused {
    task: Task,
    due: String,
    errors: Vec<String>,
}

/// Builds the task from the form over `base`; on refusal, the form comes back with the reasons.
fn apply_form(data: &PlanData, base: &Task, f: &FormPairs) -> Result<Task, Box<Refused>> {
    let lead = f
        .get("lead_unit_id")
        .parse::<i64>()
        .ok()
        .filter(|id| data.units.iter().any(|u| u.id == *id));
    let coordinating: Vec<i64> = f
        .all("coordinating")
        .filter_map(|v| v.parse().ok())
        .filter(|id| data.units.iter().any(|u| u.id == *id))
        .collect();
    let item_id = f
        .get("item_id")
        .parse::<i64>()
        .ok()
        .filter(|id| data.items.iter().any(|i| i.id == *id));
    let mut t = Task {
        item_id,
        position: f.get("position").parse().unwrap_or(base.position),
        title: papi_core::text::visible(f.get("title")),
        description: f.get("description").trim().to_string(),
        lead_unit_id: lead.unwrap_or(0),
        coordinating_unit_ids: coordinating.clone(),
        deliverable: f.get("deliverable").trim().to_string(),
        public: f.get("public") == "1",
        ..base.clone()
    };
    let fields = TaskFields {
        title: &t.title,
        deliverable: &t.deliverable,
        lead_unit_id: lead,
        coordinating_unit_ids: &coordinating,
        due: f.get("due"),
    };
    match validate_fields(&fields, data.plan.year) {
        Ok(due) => {
            t.due = due;
            Ok(t)
        }
        Err(errs) => Err(Box::new(Refused {
            task: t,
            due: f.get("due").to_string(),
            errors: errs.into_iter().map(|(_, m)| m).collect(),
        })),
    }
}

pub async fn create(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    let data = editor_plan(&state, &user).await?;
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let base = blank_task(&user, &data);
    match apply_form(&data, &base, &f) {
        Ok(t) => {
            let id = papi_app::task::create(&state, &user.actor(), &user.audit_name(), &t).await?;
            Ok(Redirect::to(&format!("/staff/tasks/{id}?saved=1")).into_response())
        }
        Err(r) => form_page(
            Nav::new(&user, &state, "tasks"),
            &data,
            &r.task,
            r.due,
            r.errors,
        ),
    }
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let data = editor_plan(&state, &user).await?;
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let before = data
        .tasks
        .iter()
        .find(|t| t.task.id == id)
        .ok_or(AppError::NotFound)?
        .task
        .clone();
    match apply_form(&data, &before, &f) {
        Ok(after) => {
            let (actor, name) = (user.actor(), user.audit_name());
            papi_app::task::update(&state, &actor, &name, &before, &after).await?;
            Ok(Redirect::to(&format!("/staff/tasks/{id}?saved=1")).into_response())
        }
        Err(r) => form_page(
            Nav::new(&user, &state, "tasks"),
            &data,
            &r.task,
            r.due,
            r.errors,
        ),
    }
}

pub async fn set_status(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let (actor, name) = (user.actor(), user.audit_name());
    papi_app::task::set_status(&state, &actor, &name, id, f.get("status")).await?;
    Ok(Redirect::to(&format!("/staff/tasks/{id}?saved=1")).into_response())
}

//! One task: its facts, its history with evidence, and the forms to file progress or change it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse};
use papi_core::clock::{format_date, format_timestamp};
use papi_core::permission::{can_post_progress, can_view_evidence, can_view_task};
use papi_core::{Action, TaskStatus};
use papi_store::plan;
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::view::{days_note, standing_class, Nav};
use crate::AppState;
use papi_app::plan::PlanData;

pub struct FileView {
    pub id: i64,
    pub name: String,
    pub size_kb: String,
}

pub struct UpdateView {
    pub at: String,
    pub author: String,
    pub text: String,
    pub progress: u8,
    pub status: &'static str,
    pub files: Vec<FileView>,
}

pub struct StatusChoice {
    pub code: &'static str,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "task.html")]
pub struct TaskPage {
    nav: Nav,
    id: i64,
    title: String,
    description: String,
    item: String,
    dimension: String,
    lead: String,
    coordinating: String,
    deliverable: String,
    due: String,
    due_note: String,
    status: &'static str,
    standing: &'static str,
    standing_class: &'static str,
    progress: u8,
    public: bool,
    history: Vec<UpdateView>,
    can_post: bool,
    can_edit: bool,
    next_statuses: Vec<StatusChoice>,
    saved: bool,
    error: Option<String>,
    form_text: String,
    form_progress: u8,
}

/// Renders the task page; `form` carries back what the user typed when a report was refused.
pub async fn render(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    saved: bool,
    form: Option<(String, String, u8)>,
) -> PageResult {
    user.require(Action::ViewStaffPages)?;
    let rec = plan::task(&state.store, id).await?;
    if rec.task.commune_id != user.user.commune_id {
        return Err(AppError::NotFound);
    }
    if !can_view_task(&user.actor(), &rec.task) {
        return Err(AppError::Forbidden);
    }
    let may_open_files = can_view_evidence(&user.actor(), &rec.task);
    let data = PlanData::load(state, user.user.commune_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = state.today();
    let day = state.day();
    let st = data.standing(&rec, &data.on(today, &day.cal));
    let item = data.item(rec.task.item_id);
    let history = plan::updates(&state.store, id)
        .await?
        .into_iter()
        .map(|u| UpdateView {
            at: format_timestamp(&u.update.created_at),
            author: u.author_name,
            text: u.update.text,
            progress: u.update.progress,
            status: u.update.status_after.label(),
            files: u
                .evidence
                .into_iter()
                .filter(|_| may_open_files)
                .map(|f| FileView {
                    id: f.id,
                    name: f.original_name,
                    size_kb: format!("{:.0} KB", (f.size as f64 / 1024.0).ceil()),
                })
                .collect(),
        })
        .collect();
    let t = &rec.task;
    let (error, form_text, form_progress) = match form {
        Some((e, text, p)) => (Some(e), text, p),
        None => (None, String::new(), t.progress),
    };
    let page = TaskPage {
        nav: Nav::new(user, state, "tasks"),
        id,
        title: t.title.clone(),
        description: t.description.clone(),
        item: item
            .map(|i| format!("{} {}", i.code, i.text))
            .unwrap_or_default(),
        dimension: item
            .and_then(|i| i.kind.dimension())
            .map(|d| format!("{}. {}", d.number(), d.name_vi()))
            .unwrap_or_else(|| {
                item.map(|i| match i.kind {
                    papi_core::ItemKind::CrossCutting(c) => c.label().to_string(),
                    _ => String::new(),
                })
                .unwrap_or_default()
            }),
        lead: data.unit_name(t.lead_unit_id).to_string(),
        coordinating: data.unit_names(&t.coordinating_unit_ids),
        deliverable: t.deliverable.clone(),
        due: t.due.label(),
        due_note: if t.status.is_closed() {
            String::new()
        } else {
            format!(
                "hạn hiện tại {} ({})",
                format_date(t.due.current(today, data.plan.year)),
                days_note(t.due.current(today, data.plan.year), &day)
            )
        },
        status: t.status.label(),
        standing: st.label(),
        standing_class: standing_class(st),
        progress: t.progress,
        public: t.public,
        history,
        can_post: can_post_progress(&user.actor(), t) && t.status != TaskStatus::Cancelled,
        can_edit: user.actor().can(Action::EditPlan),
        next_statuses: TaskStatus::ALL
            .into_iter()
            .filter(|s| t.status.can_become(*s))
            .map(|s| StatusChoice {
                code: s.code(),
                label: s.label(),
            })
            .collect(),
        saved,
        error,
        form_text,
        form_progress,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    #[serde(default)]
    saved: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> PageResult {
    render(&state, &user, id, q.saved.is_some(), None).await
}

/// Downloads an evidence file under its original name.
pub async fn evidence(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> PageResult {
    // Who may open it is decided by its task, before the file itself is read.
    let task = plan::task(&state.store, plan::evidence_task(&state.store, id).await?).await?;
    if task.task.commune_id != user.user.commune_id {
        return Err(AppError::NotFound);
    }
    if !can_view_evidence(&user.actor(), &task.task) {
        return Err(AppError::Forbidden);
    }
    let (_, meta, content) = plan::evidence(&state.store, id).await?;
    let ascii: String = meta
        .original_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        percent_encode(&meta.original_name)
    );
    Ok((
        [
            (CONTENT_TYPE, meta.content_type),
            (CONTENT_DISPOSITION, disposition),
        ],
        content,
    )
        .into_response())
}

/// RFC 5987 encoding of a file name.
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

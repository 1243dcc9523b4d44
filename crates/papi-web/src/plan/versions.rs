//! The versions of the year's plan: the list (number, document, who imported it and when,
//! which is current), one version read-only with its items and the tasks as they were
//! attached to it, and switching back to an earlier version (office or chairman).

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect};
use papi_app::plan::versions::{self, local_time};
use papi_core::clock::format_date;
use papi_core::Action;

use crate::auth::CurrentUser;
use crate::error::PageResult;
use crate::plan::edit::FormPairs;
use crate::view::Nav;
use crate::AppState;

pub struct VersionRow {
    pub version: i64,
    pub number: String,
    pub issued_on: String,
    pub imported_by: String,
    pub imported_at: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "plan_versions.html")]
struct ListPage {
    nav: Nav,
    rows: Vec<VersionRow>,
    can_switch: bool,
    saved: bool,
}

#[derive(serde::Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Saved>,
) -> PageResult {
    let all = versions::list(&state.store, user.user.commune_id).await?;
    let rows = all
        .iter()
        .rev()
        .map(|v| VersionRow {
            version: v.version,
            number: v.number.clone(),
            issued_on: format_date(v.issued_on),
            imported_by: if v.imported_by.is_empty() {
                "—".into()
            } else {
                v.imported_by.clone()
            },
            imported_at: local_time(&v.imported_at),
            active: v.active,
        })
        .collect();
    let page = ListPage {
        nav: Nav::new(&user, &state, "plan"),
        rows,
        can_switch: user.actor().can(Action::EditPlan),
        saved: q.saved.is_some(),
    };
    Ok(Html(page.render()?).into_response())
}

pub struct ItemRow {
    pub code: String,
    pub text: String,
    pub tasks: Vec<(i64, String, String)>,
}

#[derive(Template)]
#[template(path = "plan_version.html")]
struct VersionPage {
    nav: Nav,
    version: i64,
    number: String,
    issued_on: String,
    title: String,
    imported_by: String,
    imported_at: String,
    active: bool,
    can_switch: bool,
    items: Vec<ItemRow>,
    unplaced: Vec<(i64, String, String)>,
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(number): Path<i64>,
) -> PageResult {
    let v = versions::show(&state.store, user.user.commune_id, number).await?;
    let task_row = |t: &papi_store::plan::TaskRecord| {
        (
            t.task.id,
            format!("{} {}", t.code, t.task.title),
            format!("{}% · hạn {}", t.task.progress, t.task.due.label()),
        )
    };
    let items = v
        .items
        .iter()
        .map(|i| ItemRow {
            code: i.code.clone(),
            text: i.text.clone(),
            tasks: v
                .tasks
                .iter()
                .filter(|t| t.task.item_id == Some(i.id))
                .map(task_row)
                .collect(),
        })
        .collect();
    let unplaced = v
        .tasks
        .iter()
        .filter(|t| !v.items.iter().any(|i| Some(i.id) == t.task.item_id))
        .map(task_row)
        .collect();
    let page = VersionPage {
        nav: Nav::new(&user, &state, "plan"),
        version: v.version.version,
        number: v.version.number.clone(),
        issued_on: format_date(v.version.issued_on),
        title: v.version.title.clone(),
        imported_by: v.version.imported_by.clone(),
        imported_at: local_time(&v.version.imported_at),
        active: v.version.active,
        can_switch: user.actor().can(Action::EditPlan),
        items,
        unplaced,
    };
    Ok(Html(page.render()?).into_response())
}

/// Makes an earlier version the current one again.
pub async fn activate(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(number): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let (actor, name) = (user.actor(), user.audit_name());
    papi_app::plan::switch_version(&state.store, &actor, &name, number).await?;
    Ok(Redirect::to("/staff/plan/versions").into_response())
}

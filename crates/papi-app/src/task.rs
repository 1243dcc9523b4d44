//! Tasks as use cases: the office adds a task to the current plan, edits one, or changes its
//! status by the domain rule (`papi_core::task::change_status`); each write is audited with
//! the task before and after.

use std::sync::Arc;

use papi_core::task::change_status;
use papi_core::{Action, Actor, Task, TaskStatus};
use papi_store::plan;

use crate::error::{Error, Result};
use crate::plan::PlanData;
use crate::App;

/// The plan the office edits tasks in; none yet is said plainly.
pub async fn editor_plan(app: &App, actor: &Actor) -> Result<Arc<PlanData>> {
    if !actor.can(Action::EditPlan) {
        return Err(Error::Forbidden);
    }
    PlanData::load(app, actor.commune_id).await?.ok_or_else(|| {
        Error::Invalid("Chưa có kế hoạch: hãy nhập kế hoạch trước (papi import plan).".into())
    })
}

/// Adds a task checked by `papi_core::task::validate_fields`; its id.
pub async fn create(app: &App, actor: &Actor, actor_name: &str, task: &Task) -> Result<i64> {
    editor_plan(app, actor).await?;
    let mut w = app.store.begin_write().await?;
    let id = plan::insert_task(&mut w, actor_name, task).await?;
    w.commit().await?;
    Ok(id)
}

/// Replaces a task of the current plan with its edited version.
pub async fn update(
    app: &App,
    actor: &Actor,
    actor_name: &str,
    before: &Task,
    after: &Task,
) -> Result<()> {
    editor_plan(app, actor).await?;
    if before.commune_id != actor.commune_id || after.id != before.id {
        return Err(Error::NotFound);
    }
    let mut w = app.store.begin_write().await?;
    plan::update_task(&mut w, actor_name, before, after).await?;
    w.commit().await?;
    Ok(())
}

/// Moves a task to the status the office chose (`status` as the form sends it), with the
/// progress the rule sets.
pub async fn set_status(
    app: &App,
    actor: &Actor,
    actor_name: &str,
    task_id: i64,
    status: &str,
) -> Result<()> {
    if !actor.can(Action::EditPlan) {
        return Err(Error::Forbidden);
    }
    let before = plan::task(&app.store, task_id).await?.task;
    if before.commune_id != actor.commune_id {
        return Err(Error::NotFound);
    }
    let next = TaskStatus::parse(status)
        .ok_or_else(|| Error::Invalid("Trạng thái không hợp lệ.".into()))?;
    let (status, progress) =
        change_status(&before, next).map_err(|e| Error::Invalid(e.to_string()))?;
    let after = Task {
        status,
        progress,
        ..before.clone()
    };
    let note = format!(
        "Chuyển trạng thái: {} → {}.",
        before.status.label(),
        after.status.label()
    );
    let mut w = app.store.begin_write().await?;
    plan::update_task(&mut w, actor_name, &before, &after).await?;
    plan::record_status_change(&mut w, &after, actor.user_id, &note).await?;
    w.commit().await?;
    Ok(())
}

//! Loading a plan document and a task table into the store, shared by the web import page and
//! `papi import`: all or nothing, every refusal said in Vietnamese.

use anyhow::anyhow;
use papi_core::{Commune, ItemKind, Plan, Task, TaskStatus};
use papi_docs::plan_import::ImportedPlan;
use papi_docs::task_table::{resolve_task_rows, RawTaskRow};
use papi_store::plan::{self, NewPlan};
use papi_store::{org, Store};

/// Turns what the importer found into a plan to store; refuses a plan without number or date.
pub fn to_new_plan(found: &ImportedPlan, commune_id: i64) -> anyhow::Result<NewPlan> {
    let number = found
        .number
        .clone()
        .ok_or_else(|| anyhow!("không tìm thấy số/ký hiệu kế hoạch"))?;
    let issued_on = found
        .issued_on
        .ok_or_else(|| anyhow!("không tìm thấy ngày ban hành kế hoạch"))?;
    let mut items = Vec::new();
    for d in &found.dimensions {
        for i in &d.items {
            items.push((
                i.code.clone(),
                ItemKind::Content(d.dimension),
                i.text.clone(),
            ));
        }
    }
    for c in &found.cross_cutting {
        for i in &c.items {
            items.push((
                i.code.clone(),
                ItemKind::CrossCutting(c.kind),
                i.text.clone(),
            ));
        }
    }
    let periods = found.reporting_periods.clone();
    Ok(NewPlan {
        plan: Plan {
            id: 0,
            commune_id,
            number,
            issued_on,
            year: found
                .year
                .unwrap_or_else(|| chrono::Datelike::year(&issued_on)),
            title: found.title.clone(),
            full_text: found.full_text.clone(),
            unit_plan_due_working_days: found.unit_plan_due_working_days,
        },
        items,
        periods,
    })
}

/// Stores what the importer found as the commune's plan; returns the new plan's id.
pub async fn store_plan(
    store: &Store,
    commune: &Commune,
    found: &ImportedPlan,
    actor: &str,
) -> anyhow::Result<i64> {
    let new = to_new_plan(found, commune.id)?;
    let mut w = store.begin_write().await?;
    let id = plan::insert_plan(&mut w, actor, &new).await?;
    w.commit().await?;
    Ok(id)
}

/// Reads, checks and stores a task table into `plan_id`. Any bad row refuses the whole table.
pub async fn store_tasks(
    store: &Store,
    commune: &Commune,
    plan_id: i64,
    rows: &[RawTaskRow],
    actor: &str,
    dry_run: bool,
) -> anyhow::Result<Result<usize, Vec<String>>> {
    let p = plan::plan(store, plan_id).await?;
    let units = org::units(store, commune.id).await?;
    let items = plan::items(store, plan_id).await?;
    let codes: Vec<String> = items.iter().map(|i| i.code.clone()).collect();
    let resolved = match resolve_task_rows(rows, &units, &codes, p.year) {
        Ok(r) => r,
        Err(errors) => return Ok(Err(errors.iter().map(|e| e.to_string()).collect())),
    };
    if dry_run {
        return Ok(Ok(resolved.len()));
    }
    let start = plan::tasks(store, plan_id)
        .await?
        .iter()
        .map(|t| t.task.position)
        .max()
        .unwrap_or(0);
    let mut w = store.begin_write().await?;
    for r in &resolved {
        let item_id = r
            .item_code
            .as_ref()
            .and_then(|c| items.iter().find(|i| &i.code == c))
            .map(|i| i.id);
        let task = Task {
            id: 0,
            commune_id: commune.id,
            plan_id,
            item_id,
            position: start + r.position,
            title: r.title.clone(),
            description: String::new(),
            lead_unit_id: r.lead_unit_id,
            coordinating_unit_ids: r.coordinating_unit_ids.clone(),
            deliverable: r.deliverable.clone(),
            due: r.due,
            status: TaskStatus::NotStarted,
            progress: 0,
            public: true,
        };
        plan::insert_task(&mut w, actor, &task).await?;
    }
    w.commit().await?;
    Ok(Ok(resolved.len()))
}

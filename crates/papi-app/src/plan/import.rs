//! Loading a plan document and a task table into the store, shared by the web import page and
//! `papi import`: all or nothing, every refusal said in Vietnamese. A plan for a year that
//! already has one becomes a new version of it, saved only once the changes were seen; a task
//! table imported again updates the tasks it names instead of adding them twice.

use anyhow::{anyhow, bail};
use papi_core::plan_version::{
    check_is_plan, diff_items, missing_dimensions, reattach, sync_rows, sync_summary, ItemDiff,
    ItemText, RowOutcome, StoredTask, TableRow, TaskFields,
};
use papi_core::{Commune, Dimension, ItemKind, Plan, PlanItem, Task, TaskStatus};
use papi_docs::plan_import::ImportedPlan;
use papi_docs::task_table::{resolve_task_rows, RawTaskRow};
use papi_store::plan::{self, NewPlan, TaskRecord};
use papi_store::plan_version::{self as versions, Reattached};
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

/// The distinct dimensions a plan document covers, in order. (The plan reader is to offer
/// this as `ImportedPlan::dimensions_found()`; this is the one place to switch to it.)
pub fn dimensions_found(found: &ImportedPlan) -> Vec<Dimension> {
    let mut ds: Vec<Dimension> = Vec::new();
    for d in &found.dimensions {
        if !ds.contains(&d.dimension) {
            ds.push(d.dimension);
        }
    }
    ds.sort_by_key(|d| d.number());
    ds
}

/// A task of the current version and the item it keeps, or the one it loses.
#[derive(Debug, Clone)]
pub struct TaskMove {
    pub task_id: i64,
    pub code: String,
    pub title: String,
    /// The item it has now.
    pub from: String,
    /// The item it gets in the new version (`None`: it is left without item).
    pub to: Option<String>,
}

/// What saving a plan document would do: refused (not a plan), a first plan for its year, or a
/// new version of the year's plan with its changes.
#[derive(Debug, Clone)]
pub struct PlanPreview {
    /// Why the document is not offered as a plan at all.
    pub refused: Option<String>,
    pub found_dimensions: Vec<Dimension>,
    pub missing_dimensions: Vec<Dimension>,
    /// The year's plan it would become a version of, and the number of its active version.
    pub current: Option<(Plan, i64)>,
    pub diff: ItemDiff,
    pub kept: Vec<TaskMove>,
    pub lost: Vec<TaskMove>,
}

impl PlanPreview {
    /// The changes as lines of text (the CLI prints them; the web shows the same facts).
    pub fn summary_lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let names = |ds: &[Dimension]| {
            ds.iter()
                .map(|d| format!("{} ({})", d.number(), d.short_name_vi()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push(format!(
            "Lĩnh vực tìm thấy: {}/8{}",
            self.found_dimensions.len(),
            if self.found_dimensions.is_empty() {
                String::new()
            } else {
                format!(": {}", names(&self.found_dimensions))
            }
        ));
        if !self.missing_dimensions.is_empty() {
            out.push(format!(
                "Lĩnh vực thiếu: {}",
                names(&self.missing_dimensions)
            ));
        }
        let Some((p, v)) = &self.current else {
            return out;
        };
        out.push(format!(
            "Năm {} đã có kế hoạch {} (phiên bản {v} đang dùng): tệp này sẽ thành phiên bản {}.",
            p.year,
            p.number,
            v + 1
        ));
        out.push(format!(
            "Nội dung: {} thêm, {} bỏ, {} sửa, {} giữ nguyên.",
            self.diff.added.len(),
            self.diff.removed.len(),
            self.diff.changed.len(),
            self.diff.unchanged
        ));
        for i in &self.diff.added {
            out.push(format!("  + {} {}", i.code, i.text));
        }
        for i in &self.diff.removed {
            out.push(format!("  - {} {}", i.code, i.text));
        }
        for c in &self.diff.changed {
            out.push(format!(
                "  ~ {} {} → {} {}",
                c.old.code, c.old.text, c.new.code, c.new.text
            ));
        }
        out.push(format!(
            "Nhiệm vụ giữ nội dung: {}; mất nội dung: {}.",
            self.kept.len(),
            self.lost.len()
        ));
        for t in &self.lost {
            out.push(format!("  Mất nội dung {}: {} {}", t.from, t.code, t.title));
        }
        out
    }
}

fn item_texts(items: &[(String, ItemKind, String)]) -> Vec<ItemText> {
    items.iter().map(|(c, _, t)| ItemText::new(c, t)).collect()
}

fn plan_item_texts(items: &[PlanItem]) -> Vec<ItemText> {
    items
        .iter()
        .map(|i| ItemText::new(&i.code, &i.text))
        .collect()
}

/// Where each task goes from `old` items to `new` ones: kept (with the new code) or lost.
fn moves(
    tasks: &[TaskRecord],
    old: &[PlanItem],
    new: &[ItemText],
) -> (Vec<TaskMove>, Vec<TaskMove>) {
    let (mut kept, mut lost) = (Vec::new(), Vec::new());
    for t in tasks {
        let Some(item) = old.iter().find(|i| Some(i.id) == t.task.item_id) else {
            continue;
        };
        let to = reattach(&ItemText::new(&item.code, &item.text), new).map(|n| new[n].code.clone());
        let m = TaskMove {
            task_id: t.task.id,
            code: t.code.clone(),
            title: t.task.title.clone(),
            from: item.code.clone(),
            to: to.clone(),
        };
        if to.is_some() {
            kept.push(m);
        } else {
            lost.push(m);
        }
    }
    (kept, lost)
}

/// What saving `found` would do for the commune, read before anything is stored.
pub async fn preview_plan(
    store: &Store,
    commune: &Commune,
    found: &ImportedPlan,
) -> anyhow::Result<PlanPreview> {
    let found_dimensions = dimensions_found(found);
    let mut preview = PlanPreview {
        refused: check_is_plan(&found_dimensions).err(),
        missing_dimensions: missing_dimensions(&found_dimensions),
        found_dimensions,
        current: None,
        diff: ItemDiff::default(),
        kept: Vec::new(),
        lost: Vec::new(),
    };
    let Ok(new) = to_new_plan(found, commune.id) else {
        return Ok(preview);
    };
    let Some(current) = plan::plan_for_year(store, commune.id, new.plan.year).await? else {
        return Ok(preview);
    };
    let active = versions::versions(store, current.id)
        .await?
        .into_iter()
        .find(|v| v.active)
        .map(|v| v.version)
        .unwrap_or(1);
    let old = plan::items(store, current.id).await?;
    let tasks = plan::tasks(store, current.id).await?;
    let new_items = item_texts(&new.items);
    preview.diff = diff_items(&plan_item_texts(&old), &new_items);
    (preview.kept, preview.lost) = moves(&tasks, &old, &new_items);
    preview.current = Some((current, active));
    Ok(preview)
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SavedPlan {
    pub plan_id: i64,
    pub version: i64,
}

/// Stores what the importer found: the commune's plan for its year, or, when the year has one,
/// its next version (only with `confirmed`: the user saw the changes). A document that is not
/// a PAPI plan is refused.
pub async fn save_plan(
    store: &Store,
    commune: &Commune,
    found: &ImportedPlan,
    actor: &str,
    confirmed: bool,
) -> anyhow::Result<SavedPlan> {
    let preview = preview_plan(store, commune, found).await?;
    if let Some(why) = preview.refused {
        bail!("{why}");
    }
    let new = to_new_plan(found, commune.id)?;
    let Some((current, _)) = &preview.current else {
        let mut w = store.begin_write().await?;
        let id = plan::insert_plan(&mut w, actor, &new).await?;
        w.commit().await?;
        return Ok(SavedPlan {
            plan_id: id,
            version: 1,
        });
    };
    if !confirmed {
        bail!(
            "năm {} đã có kế hoạch {}: tệp này sẽ thành phiên bản mới; hãy xem các thay đổi rồi \
             xác nhận trước khi lưu",
            current.year,
            current.number
        );
    }
    let kept: Vec<(i64, String)> = preview
        .kept
        .iter()
        .filter_map(|m| m.to.clone().map(|c| (m.task_id, c)))
        .collect();
    let detached: Vec<(i64, String)> = preview
        .lost
        .iter()
        .map(|m| (m.task_id, m.title.clone()))
        .collect();
    let mut w = store.begin_write().await?;
    let version = versions::add_version(
        &mut w,
        actor,
        current.id,
        &new,
        Reattached {
            kept: &kept,
            detached: &detached,
        },
    )
    .await?;
    w.commit().await?;
    Ok(SavedPlan {
        plan_id: current.id,
        version,
    })
}

/// Stores what the importer found as the commune's first plan for its year; returns its id.
/// (A year that has a plan needs [`save_plan`] with the user's confirmation.)
pub async fn store_plan(
    store: &Store,
    commune: &Commune,
    found: &ImportedPlan,
    actor: &str,
) -> anyhow::Result<i64> {
    Ok(save_plan(store, commune, found, actor, false)
        .await?
        .plan_id)
}

/// Makes version `number` of the commune's current plan the active one again: each task gets
/// the item it had in that version as recorded (a task added since: the item with the same
/// code, else the same text). Office or chairman only; audited. Asking for the version that
/// is already current changes nothing.
pub async fn switch_version(
    store: &Store,
    actor: &papi_core::Actor,
    actor_name: &str,
    number: i64,
) -> crate::error::Result<()> {
    use crate::error::Error;
    if !actor.can(papi_core::Action::EditPlan) {
        return Err(Error::Forbidden);
    }
    let current = plan::current_plan(store, actor.commune_id)
        .await?
        .ok_or(Error::NotFound)?;
    let target = versions::version(store, current.id, number).await?;
    if target.active {
        // Already the current one (a form sent twice): nothing to do.
        return Ok(());
    }
    let recorded = versions::recorded_items(store, target.id).await?;
    let now_items = plan::items(store, current.id).await?;
    let target_items = plan_item_texts(&versions::version_items(store, target.id).await?);
    let tasks = plan::tasks(store, current.id).await?;
    let (mut kept, mut detached) = (Vec::new(), Vec::new());
    for t in &tasks {
        let code = match recorded.iter().find(|(id, _)| *id == t.task.id) {
            Some((_, code)) => code.clone(),
            None => now_items
                .iter()
                .find(|i| Some(i.id) == t.task.item_id)
                .and_then(|i| reattach(&ItemText::new(&i.code, &i.text), &target_items))
                .map(|n| target_items[n].code.clone()),
        };
        match code {
            Some(c) => kept.push((t.task.id, c)),
            None if t.task.item_id.is_some() => detached.push((t.task.id, t.task.title.clone())),
            None => {}
        }
    }
    let mut w = store.begin_write().await?;
    versions::switch_version(
        &mut w,
        actor_name,
        &target,
        Reattached {
            kept: &kept,
            detached: &detached,
        },
    )
    .await?;
    w.commit().await?;
    Ok(())
}

/// What importing a task table did (or, on a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskImport {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Tasks of the plan the table does not name: "NV05 Tiếp công dân" (kept, not deleted).
    pub missing: Vec<String>,
}

impl TaskImport {
    /// "N mới, M cập nhật, K không đổi" (+ "; L không có trong tệp: …").
    pub fn summary(&self) -> String {
        sync_summary(self.new, self.updated, self.unchanged, &self.missing)
    }
}

/// Reads, checks and stores a task table into `plan_id`: rows naming a task (by code, else by
/// STT) update it when something changed, other rows add tasks; tasks the table does not name
/// are listed and kept. Any bad row refuses the whole table.
pub async fn store_tasks(
    store: &Store,
    commune: &Commune,
    plan_id: i64,
    rows: &[RawTaskRow],
    actor: &str,
    dry_run: bool,
) -> anyhow::Result<Result<TaskImport, Vec<String>>> {
    let p = plan::plan(store, plan_id).await?;
    let units = org::units(store, commune.id).await?;
    let items = plan::items(store, plan_id).await?;
    let codes: Vec<String> = items.iter().map(|i| i.code.clone()).collect();
    let resolved = match resolve_task_rows(rows, &units, &codes, p.year) {
        Ok(r) => r,
        Err(errors) => return Ok(Err(errors.iter().map(|e| e.to_string()).collect())),
    };
    let existing = plan::tasks(store, plan_id).await?;
    let fields_of = |t: &Task| TaskFields {
        title: t.title.clone(),
        item_id: t.item_id,
        lead_unit_id: t.lead_unit_id,
        coordinating_unit_ids: t.coordinating_unit_ids.clone(),
        deliverable: t.deliverable.clone(),
        due: t.due,
    };
    let stored: Vec<StoredTask> = existing
        .iter()
        .map(|t| StoredTask {
            id: t.task.id,
            code: t.code.clone(),
            position: t.task.position,
            fields: fields_of(&t.task),
        })
        .collect();
    let table: Vec<TableRow> = resolved
        .iter()
        .map(|r| TableRow {
            row: r.row,
            code: r.code.clone(),
            stt: r.stt.clone(),
            fields: TaskFields {
                title: r.title.clone(),
                item_id: r
                    .item_code
                    .as_ref()
                    .and_then(|c| items.iter().find(|i| &i.code == c))
                    .map(|i| i.id),
                lead_unit_id: r.lead_unit_id,
                coordinating_unit_ids: r.coordinating_unit_ids.clone(),
                deliverable: r.deliverable.clone(),
                due: r.due,
            },
        })
        .collect();
    let sync = match sync_rows(&stored, &table) {
        Ok(s) => s,
        Err(errors) => return Ok(Err(errors)),
    };
    let (new, updated, unchanged) = sync.count();
    let result = TaskImport {
        new,
        updated,
        unchanged,
        missing: sync
            .missing
            .iter()
            .filter_map(|id| existing.iter().find(|t| t.task.id == *id))
            .map(|t| format!("{} {}", t.code, t.task.title))
            .collect(),
    };
    if dry_run || new + updated == 0 {
        return Ok(Ok(result));
    }
    let start = existing.iter().map(|t| t.task.position).max().unwrap_or(0);
    // Codes for new rows: the one the row gives, else the next free one.
    let mut used: Vec<String> = existing.iter().map(|t| t.code.clone()).collect();
    used.extend(table.iter().filter_map(|r| r.code.clone()));
    let mut w = store.begin_write().await?;
    for ((r, t), outcome) in resolved.iter().zip(&table).zip(&sync.rows) {
        match outcome {
            RowOutcome::Unchanged { .. } => {}
            RowOutcome::Changed { task_id, .. } => {
                let before = versions::task_in(&mut w, *task_id).await?.task;
                let f = &t.fields;
                let after = Task {
                    title: f.title.clone(),
                    item_id: f.item_id,
                    lead_unit_id: f.lead_unit_id,
                    coordinating_unit_ids: f.coordinating_unit_ids.clone(),
                    deliverable: f.deliverable.clone(),
                    due: f.due,
                    ..before.clone()
                };
                plan::update_task(&mut w, actor, &before, &after).await?;
            }
            RowOutcome::New => {
                let code = match &t.code {
                    Some(c) => c.clone(),
                    None => {
                        let c = papi_core::plan_version::next_task_code(
                            used.iter().map(String::as_str),
                        );
                        used.push(c.clone());
                        c
                    }
                };
                let task = Task {
                    id: 0,
                    commune_id: commune.id,
                    plan_id,
                    item_id: t.fields.item_id,
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
                plan::insert_task_coded(&mut w, actor, &task, Some(&code)).await?;
            }
        }
    }
    w.commit().await?;
    Ok(Ok(result))
}

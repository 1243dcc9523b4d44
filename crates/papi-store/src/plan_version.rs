//! Versions of a year's plan. The `plans` row is the plan of the year: its tasks, periods,
//! unit plans and reports point at it, and it mirrors the active version's document. Each
//! version keeps its own document and items; when a version stops being active, the item each
//! task had in it is recorded (`task_version_items`), so it can be read as it was and
//! switched back to.

use papi_core::{ItemKind, PlanItem};
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Change};
use crate::plan::{decode_items, decode_task, NewPlan, TaskRecord, TASK_COLUMNS};
use crate::rows::{date, i, s};
use crate::{now_utc, Result, Store, StoreError, WriteTx};

/// One version of a plan, as the versions page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct PlanVersion {
    pub id: i64,
    pub commune_id: i64,
    pub plan_id: i64,
    /// 1, 2, … in the order they were imported.
    pub version: i64,
    pub number: String,
    pub issued_on: chrono::NaiveDate,
    pub title: String,
    pub full_text: String,
    pub imported_by: String,
    /// UTC, RFC 3339 (empty for a version imported before versions were kept).
    pub imported_at: String,
    pub active: bool,
}

const COLUMNS: &str = "id, commune_id, plan_id, version, number, issued_on, title, full_text, \
     imported_by, imported_at, active";

fn decode(r: &sqlx::any::AnyRow) -> Result<PlanVersion> {
    Ok(PlanVersion {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        plan_id: i(r, "plan_id")?,
        version: i(r, "version")?,
        number: s(r, "number")?,
        issued_on: date(r, "issued_on")?,
        title: s(r, "title")?,
        full_text: s(r, "full_text")?,
        imported_by: s(r, "imported_by")?,
        imported_at: s(r, "imported_at")?,
        active: i(r, "active")? != 0,
    })
}

/// A plan's versions, oldest first.
pub async fn versions(store: &Store, plan_id: i64) -> Result<Vec<PlanVersion>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM plan_versions WHERE plan_id = $1 ORDER BY version"
    ))
    .bind(plan_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

/// One version of a plan, by its number.
pub async fn version(store: &Store, plan_id: i64, number: i64) -> Result<PlanVersion> {
    let r = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM plan_versions WHERE plan_id = $1 AND version = $2"
    ))
    .bind(plan_id)
    .bind(number)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    decode(&r)
}

/// The items of one version.
pub async fn version_items(store: &Store, version_id: i64) -> Result<Vec<PlanItem>> {
    let rows = sqlx::query(
        "SELECT id, plan_id, code, kind, dimension, text, position FROM plan_items \
         WHERE version_id = $1 ORDER BY position",
    )
    .bind(version_id)
    .fetch_all(&store.pool)
    .await?;
    decode_items(&rows)
}

/// The tasks as they were attached to a version: for the active version, as they are; for
/// another, the tasks recorded when it was left, with the item they had then.
pub async fn version_tasks(store: &Store, v: &PlanVersion) -> Result<Vec<TaskRecord>> {
    let tasks = crate::plan::tasks(store, v.plan_id).await?;
    if v.active {
        return Ok(tasks);
    }
    let links: Vec<(i64, Option<i64>)> =
        sqlx::query_as("SELECT task_id, item_id FROM task_version_items WHERE version_id = $1")
            .bind(v.id)
            .fetch_all(&store.pool)
            .await?;
    Ok(tasks
        .into_iter()
        .filter_map(|mut t| {
            let (_, item) = links.iter().find(|(id, _)| *id == t.task.id)?;
            t.task.item_id = *item;
            Some(t)
        })
        .collect())
}

/// Stores a version row (active) of `plan_id`; the caller has made the others inactive.
pub(crate) async fn insert_version(
    w: &mut WriteTx<'_>,
    actor: &str,
    plan_id: i64,
    number: i64,
    new: &NewPlan,
) -> Result<i64> {
    let p = &new.plan;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO plan_versions (commune_id, plan_id, version, number, issued_on, title, \
         full_text, unit_plan_due_working_days, imported_by, imported_at, active) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1) RETURNING id",
    )
    .bind(p.commune_id)
    .bind(plan_id)
    .bind(number)
    .bind(&p.number)
    .bind(p.issued_on.to_string())
    .bind(&p.title)
    .bind(&p.full_text)
    .bind(p.unit_plan_due_working_days.map(i64::from))
    .bind(actor)
    .bind(now_utc())
    .fetch_one(&mut *w.tx)
    .await?;
    Ok(id)
}

pub(crate) async fn insert_items(
    w: &mut WriteTx<'_>,
    commune_id: i64,
    plan_id: i64,
    version_id: i64,
    items: &[(String, ItemKind, String)],
) -> Result<()> {
    for (pos, (code, kind, text)) in items.iter().enumerate() {
        sqlx::query(
            "INSERT INTO plan_items (commune_id, plan_id, version_id, code, kind, dimension, \
             text, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(commune_id)
        .bind(plan_id)
        .bind(version_id)
        .bind(code)
        .bind(kind.code())
        .bind(kind.dimension().map(|d| d.number() as i64))
        .bind(text)
        .bind(pos as i64)
        .execute(&mut *w.tx)
        .await?;
    }
    Ok(())
}

/// Records the item every task of the plan has now under the active version, and makes no
/// version active. Returns the version left (its number).
async fn leave_active(w: &mut WriteTx<'_>, plan_id: i64) -> Result<(i64, i64)> {
    let (vid, number): (i64, i64) =
        sqlx::query_as("SELECT id, version FROM plan_versions WHERE plan_id = $1 AND active = 1")
            .bind(plan_id)
            .fetch_optional(&mut *w.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
    sqlx::query("DELETE FROM task_version_items WHERE version_id = $1")
        .bind(vid)
        .execute(&mut *w.tx)
        .await?;
    sqlx::query(
        "INSERT INTO task_version_items (task_id, version_id, item_id, commune_id) \
         SELECT id, $1, item_id, commune_id FROM tasks WHERE plan_id = $2",
    )
    .bind(vid)
    .bind(plan_id)
    .execute(&mut *w.tx)
    .await?;
    sqlx::query("UPDATE plan_versions SET active = 0 WHERE plan_id = $1")
        .bind(plan_id)
        .execute(&mut *w.tx)
        .await?;
    Ok((vid, number))
}

/// Makes version `vid` active: the plan row mirrors its document, and each task gets the item
/// of that version whose code `attach` gives (`None`, or a task not named: no item).
async fn activate(
    w: &mut WriteTx<'_>,
    plan_id: i64,
    vid: i64,
    attach: &[(i64, Option<String>)],
) -> Result<()> {
    sqlx::query("UPDATE plan_versions SET active = 1 WHERE id = $1")
        .bind(vid)
        .execute(&mut *w.tx)
        .await?;
    sqlx::query(
        "UPDATE plans SET number = v.number, issued_on = v.issued_on, title = v.title, \
         full_text = v.full_text, unit_plan_due_working_days = v.unit_plan_due_working_days \
         FROM (SELECT number, issued_on, title, full_text, unit_plan_due_working_days \
               FROM plan_versions WHERE id = $1) AS v WHERE plans.id = $2",
    )
    .bind(vid)
    .bind(plan_id)
    .execute(&mut *w.tx)
    .await?;
    let items: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, code FROM plan_items WHERE version_id = $1")
            .bind(vid)
            .fetch_all(&mut *w.tx)
            .await?;
    sqlx::query("UPDATE tasks SET item_id = NULL WHERE plan_id = $1")
        .bind(plan_id)
        .execute(&mut *w.tx)
        .await?;
    for (task_id, code) in attach {
        let item = code
            .as_ref()
            .and_then(|c| items.iter().find(|(_, ic)| ic == c))
            .map(|(id, _)| *id);
        if item.is_some() {
            sqlx::query("UPDATE tasks SET item_id = $1 WHERE id = $2 AND plan_id = $3")
                .bind(item)
                .bind(task_id)
                .bind(plan_id)
                .execute(&mut *w.tx)
                .await?;
        }
    }
    Ok(())
}

/// What a version change did to the tasks, for the audit entry.
pub struct Reattached<'a> {
    /// Tasks that kept an item: (task id, item code).
    pub kept: &'a [(i64, String)],
    /// Tasks left without an item: (task id, title).
    pub detached: &'a [(i64, String)],
}

fn attach_list(r: &Reattached<'_>) -> Vec<(i64, Option<String>)> {
    r.kept
        .iter()
        .map(|(id, code)| (*id, Some(code.clone())))
        .collect()
}

/// Adds `new` as the next version of `plan_id` and makes it the active one; returns its
/// number. The tasks stay (progress, history, evidence); each gets the item `r` names.
pub async fn add_version(
    w: &mut WriteTx<'_>,
    actor: &str,
    plan_id: i64,
    new: &NewPlan,
    r: Reattached<'_>,
) -> Result<i64> {
    let (_, old_number) = leave_active(w, plan_id).await?;
    let (last,): (i64,) =
        sqlx::query_as("SELECT MAX(version) FROM plan_versions WHERE plan_id = $1")
            .bind(plan_id)
            .fetch_one(&mut *w.tx)
            .await?;
    let number = last + 1;
    let vid = insert_version(w, actor, plan_id, number, new).await?;
    insert_items(w, new.plan.commune_id, plan_id, vid, &new.items).await?;
    activate(w, plan_id, vid, &attach_list(&r)).await?;
    let change = Change {
        commune_id: new.plan.commune_id,
        actor,
        action: "new_version",
        entity: "plan",
        entity_id: plan_id,
        before: json!({"version": old_number}),
        after: json!({"version": number, "number": new.plan.number,
                      "issued_on": new.plan.issued_on, "items": new.items.len(),
                      "tasks_kept": r.kept.len(), "tasks_without_item": r.detached}),
    };
    audit::append(w, change).await?;
    Ok(number)
}

/// The items each task had in a version when it was left: (task id, item code), `None` for a
/// task recorded without item. Tasks added since are not in it.
pub async fn recorded_items(store: &Store, version_id: i64) -> Result<Vec<(i64, Option<String>)>> {
    let rows: Vec<(i64, Option<String>)> = sqlx::query_as(
        "SELECT tv.task_id, i.code FROM task_version_items tv \
         LEFT JOIN plan_items i ON i.id = tv.item_id WHERE tv.version_id = $1",
    )
    .bind(version_id)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows)
}

/// Makes an earlier (or later) version the active one again; each task gets the item `r`
/// names. Audited as `switch_version`.
pub async fn switch_version(
    w: &mut WriteTx<'_>,
    actor: &str,
    target: &PlanVersion,
    r: Reattached<'_>,
) -> Result<()> {
    let (_, old_number) = leave_active(w, target.plan_id).await?;
    activate(w, target.plan_id, target.id, &attach_list(&r)).await?;
    let change = Change {
        commune_id: target.commune_id,
        actor,
        action: "switch_version",
        entity: "plan",
        entity_id: target.plan_id,
        before: json!({"version": old_number}),
        after: json!({"version": target.version, "number": target.number,
                      "tasks_kept": r.kept.len(), "tasks_without_item": r.detached}),
    };
    audit::append(w, change).await
}

/// A task as it is inside a transaction (re-imports compare against it).
pub async fn task_in(w: &mut WriteTx<'_>, id: i64) -> Result<TaskRecord> {
    let r = sqlx::query(&format!("SELECT {TASK_COLUMNS} FROM tasks WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *w.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    decode_task(&r)
}

/// The number of versions a plan has (1 for a plan never re-imported).
pub async fn count(store: &Store, plan_id: i64) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM plan_versions WHERE plan_id = $1")
        .bind(plan_id)
        .fetch_one(&store.pool)
        .await?;
    Ok(n)
}

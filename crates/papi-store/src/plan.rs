//! Plans, plan items, reporting periods, tasks, progress updates and their evidence files.

use chrono::NaiveDate;
use papi_core::task::status_after_progress;
use papi_core::{Due, ItemKind, Plan, PlanItem, Task, TaskStatus, TaskUpdate};
use serde::Serialize;
use serde_json::json;
use sqlx::any::AnyRow;

use papi_core::reporting::PlannedPeriod;

use crate::audit::{self, Change};
use crate::rows::{corrupt, date, i, oi, opt_date, s};
use crate::{now_utc, Result, Store, StoreError, WriteTx};

/// A plan with its items and periods, ready to be stored.
pub struct NewPlan {
    pub plan: Plan,
    pub items: Vec<(String, ItemKind, String)>,
    pub periods: Vec<PlannedPeriod>,
}

pub async fn insert_plan(w: &mut WriteTx<'_>, actor: &str, new: &NewPlan) -> Result<i64> {
    let p = &new.plan;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO plans (commune_id, number, issued_on, year, title, full_text, \
         unit_plan_due_working_days) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(p.commune_id)
    .bind(&p.number)
    .bind(p.issued_on.to_string())
    .bind(p.year as i64)
    .bind(&p.title)
    .bind(&p.full_text)
    .bind(p.unit_plan_due_working_days.map(i64::from))
    .fetch_one(&mut *w.tx)
    .await?;
    let version_id = crate::plan_version::insert_version(w, actor, id, 1, new).await?;
    crate::plan_version::insert_items(w, p.commune_id, id, version_id, &new.items).await?;
    for per in &new.periods {
        sqlx::query(
            "INSERT INTO reporting_periods (commune_id, plan_id, kind, from_date, to_date, due) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(p.commune_id)
        .bind(id)
        .bind(per.kind.code())
        .bind(per.from.to_string())
        .bind(per.to.to_string())
        .bind(per.due.to_string())
        .execute(&mut *w.tx)
        .await?;
    }
    let after = json!({"number": p.number, "issued_on": p.issued_on, "title": p.title,
                       "items": new.items.len(), "periods": new.periods.len()});
    let change = Change {
        commune_id: p.commune_id,
        actor,
        action: "import",
        entity: "plan",
        entity_id: id,
        before: json!(null),
        after,
    };
    audit::append(w, change).await?;
    Ok(id)
}

const PLAN_COLUMNS: &str =
    "id, commune_id, number, issued_on, year, title, full_text, unit_plan_due_working_days";

fn decode_plan(r: &AnyRow) -> Result<Plan> {
    Ok(Plan {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        number: s(r, "number")?,
        issued_on: date(r, "issued_on")?,
        year: i(r, "year")? as i32,
        title: s(r, "title")?,
        full_text: s(r, "full_text")?,
        unit_plan_due_working_days: oi(r, "unit_plan_due_working_days")?.map(|n| n as u32),
    })
}

/// The commune's plans, newest year first.
pub async fn plans(store: &Store, commune_id: i64) -> Result<Vec<Plan>> {
    let rows = sqlx::query(&format!(
        "SELECT {PLAN_COLUMNS} FROM plans WHERE commune_id = $1 ORDER BY year DESC, id DESC"
    ))
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode_plan).collect()
}

pub async fn plan(store: &Store, id: i64) -> Result<Plan> {
    let r = sqlx::query(&format!("SELECT {PLAN_COLUMNS} FROM plans WHERE id = $1"))
        .bind(id)
        .fetch_optional(&store.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
    decode_plan(&r)
}

/// The commune's plan for `year`, if it has one (whatever its versions).
pub async fn plan_for_year(store: &Store, commune_id: i64, year: i32) -> Result<Option<Plan>> {
    Ok(plans(store, commune_id)
        .await?
        .into_iter()
        .find(|p| p.year == year))
}

/// The plan the commune works on now: the latest one (its row mirrors its active version).
pub async fn current_plan(store: &Store, commune_id: i64) -> Result<Option<Plan>> {
    Ok(plans(store, commune_id).await?.into_iter().next())
}

/// The items of the plan's active version.
pub async fn items(store: &Store, plan_id: i64) -> Result<Vec<PlanItem>> {
    let rows = sqlx::query(
        "SELECT i.id, i.plan_id, i.code, i.kind, i.dimension, i.text, i.position \
         FROM plan_items i JOIN plan_versions v ON v.id = i.version_id \
         WHERE i.plan_id = $1 AND v.active = 1 ORDER BY i.position",
    )
    .bind(plan_id)
    .fetch_all(&store.pool)
    .await?;
    decode_items(&rows)
}

pub(crate) fn decode_items(rows: &[AnyRow]) -> Result<Vec<PlanItem>> {
    rows.iter()
        .map(|r| {
            let code = s(r, "kind")?;
            let dim = oi(r, "dimension")?.map(|d| d as u8);
            Ok(PlanItem {
                id: i(r, "id")?,
                plan_id: i(r, "plan_id")?,
                code: s(r, "code")?,
                kind: ItemKind::from_parts(&code, dim)
                    .ok_or_else(|| corrupt("item kind", &code))?,
                text: s(r, "text")?,
                position: i(r, "position")?,
            })
        })
        .collect()
}

/// A stored task with the date of its latest progress update (a fact; lateness is derived).
#[derive(Debug, Clone, Serialize)]
pub struct TaskRecord {
    #[serde(flatten)]
    pub task: Task,
    pub last_update_on: Option<NaiveDate>,
    /// "Mã nhiệm vụ" (`NV01` …), unique within the plan.
    pub code: String,
}

pub(crate) const TASK_COLUMNS: &str = "id, commune_id, plan_id, item_id, position, title, \
     description, lead_unit_id, deliverable, due, status, progress, public, last_update_on, code";

pub(crate) fn decode_task(r: &AnyRow) -> Result<TaskRecord> {
    let due = s(r, "due")?;
    let status = s(r, "status")?;
    Ok(TaskRecord {
        task: Task {
            id: i(r, "id")?,
            commune_id: i(r, "commune_id")?,
            plan_id: i(r, "plan_id")?,
            item_id: oi(r, "item_id")?,
            position: i(r, "position")?,
            title: s(r, "title")?,
            description: s(r, "description")?,
            lead_unit_id: i(r, "lead_unit_id")?,
            coordinating_unit_ids: Vec::new(),
            deliverable: s(r, "deliverable")?,
            due: Due::from_code(&due).ok_or_else(|| corrupt("due", &due))?,
            status: TaskStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
            progress: i(r, "progress")?.clamp(0, 100) as u8,
            public: i(r, "public")? != 0,
        },
        last_update_on: opt_date(r, "last_update_on")?,
        code: s(r, "code")?,
    })
}

/// Every task of a plan, in table order, with coordinating units filled in.
pub async fn tasks(store: &Store, plan_id: i64) -> Result<Vec<TaskRecord>> {
    let rows = sqlx::query(&format!(
        "SELECT {TASK_COLUMNS} FROM tasks WHERE plan_id = $1 ORDER BY position, id"
    ))
    .bind(plan_id)
    .fetch_all(&store.pool)
    .await?;
    let mut tasks: Vec<TaskRecord> = rows.iter().map(decode_task).collect::<Result<_>>()?;
    let links: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT tu.task_id, tu.unit_id FROM task_units tu JOIN tasks t ON t.id = tu.task_id \
         WHERE t.plan_id = $1 ORDER BY tu.unit_id",
    )
    .bind(plan_id)
    .fetch_all(&store.pool)
    .await?;
    let index: std::collections::HashMap<i64, usize> = tasks
        .iter()
        .enumerate()
        .map(|(n, t)| (t.task.id, n))
        .collect();
    for (task_id, unit_id) in links {
        if let Some(&n) = index.get(&task_id) {
            tasks[n].task.coordinating_unit_ids.push(unit_id);
        }
    }
    Ok(tasks)
}

pub async fn task(store: &Store, id: i64) -> Result<TaskRecord> {
    let r = sqlx::query(&format!("SELECT {TASK_COLUMNS} FROM tasks WHERE id = $1"))
        .bind(id)
        .fetch_optional(&store.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut t = decode_task(&r)?;
    let links: Vec<(i64,)> =
        sqlx::query_as("SELECT unit_id FROM task_units WHERE task_id = $1 ORDER BY unit_id")
            .bind(id)
            .fetch_all(&store.pool)
            .await?;
    t.task.coordinating_unit_ids = links.into_iter().map(|l| l.0).collect();
    Ok(t)
}

fn task_json(t: &Task) -> serde_json::Value {
    serde_json::to_value(t).unwrap_or(serde_json::Value::Null)
}

async fn write_coordinating(w: &mut WriteTx<'_>, t: &Task) -> Result<()> {
    sqlx::query("DELETE FROM task_units WHERE task_id = $1")
        .bind(t.id)
        .execute(&mut *w.tx)
        .await?;
    for unit in &t.coordinating_unit_ids {
        sqlx::query("INSERT INTO task_units (task_id, unit_id, commune_id) VALUES ($1, $2, $3)")
            .bind(t.id)
            .bind(unit)
            .bind(t.commune_id)
            .execute(&mut *w.tx)
            .await?;
    }
    Ok(())
}

/// Stores a new task (its `id` is ignored) and returns its id; it gets the next free code.
pub async fn insert_task(w: &mut WriteTx<'_>, actor: &str, t: &Task) -> Result<i64> {
    insert_task_coded(w, actor, t, None).await
}

/// [`insert_task`] with the code the task table gives (`None`: the next free `NVnn`).
pub async fn insert_task_coded(
    w: &mut WriteTx<'_>,
    actor: &str,
    t: &Task,
    code: Option<&str>,
) -> Result<i64> {
    let code = match code {
        Some(c) => c.to_string(),
        None => {
            let used: Vec<(String,)> = sqlx::query_as("SELECT code FROM tasks WHERE plan_id = $1")
                .bind(t.plan_id)
                .fetch_all(&mut *w.tx)
                .await?;
            papi_core::plan_version::next_task_code(used.iter().map(|u| u.0.as_str()))
        }
    };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO tasks (commune_id, plan_id, item_id, position, title, description, \
         lead_unit_id, deliverable, due, status, progress, public, code) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(t.commune_id)
    .bind(t.plan_id)
    .bind(t.item_id)
    .bind(t.position)
    .bind(&t.title)
    .bind(&t.description)
    .bind(t.lead_unit_id)
    .bind(&t.deliverable)
    .bind(t.due.code())
    .bind(t.status.code())
    .bind(t.progress as i64)
    .bind(t.public as i64)
    .bind(&code)
    .fetch_one(&mut *w.tx)
    .await?;
    let stored = Task { id, ..t.clone() };
    write_coordinating(w, &stored).await?;
    let mut after = task_json(&stored);
    if let Some(o) = after.as_object_mut() {
        o.insert("code".into(), json!(code));
    }
    let change = Change {
        commune_id: t.commune_id,
        actor,
        action: "create",
        entity: "task",
        entity_id: id,
        before: json!(null),
        after,
    };
    audit::append(w, change).await?;
    Ok(id)
}

/// Saves an edited task, recording before and after.
pub async fn update_task(
    w: &mut WriteTx<'_>,
    actor: &str,
    before: &Task,
    after: &Task,
) -> Result<()> {
    sqlx::query(
        "UPDATE tasks SET item_id = $1, position = $2, title = $3, description = $4, \
         lead_unit_id = $5, deliverable = $6, due = $7, status = $8, progress = $9, public = $10 \
         WHERE id = $11",
    )
    .bind(after.item_id)
    .bind(after.position)
    .bind(&after.title)
    .bind(&after.description)
    .bind(after.lead_unit_id)
    .bind(&after.deliverable)
    .bind(after.due.code())
    .bind(after.status.code())
    .bind(after.progress as i64)
    .bind(after.public as i64)
    .bind(before.id)
    .execute(&mut *w.tx)
    .await?;
    write_coordinating(w, after).await?;
    let change = Change {
        commune_id: before.commune_id,
        actor,
        action: "update",
        entity: "task",
        entity_id: before.id,
        before: task_json(before),
        after: task_json(after),
    };
    audit::append(w, change).await
}

/// An evidence file as uploaded.
pub struct NewEvidence {
    pub original_name: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceMeta {
    pub id: i64,
    pub update_id: i64,
    pub original_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
}

/// A progress report as filed.
pub struct NewUpdate<'a> {
    pub task_id: i64,
    pub author_id: i64,
    pub author_name: &'a str,
    pub text: &'a str,
    pub progress: i64,
    /// The local (Asia/Ho_Chi_Minh) date of filing.
    pub on: NaiveDate,
    /// When it was filed (UTC, RFC 3339); `None` means now. Set only when loading history.
    pub created_at: Option<String>,
    pub evidence: Vec<NewEvidence>,
}

/// Writes a status changed by hand into the task's history (who, when, the change), beside
/// the audit entry `update_task` made: the history is what staff read on the task's page.
pub async fn record_status_change(
    w: &mut WriteTx<'_>,
    after: &Task,
    author_id: i64,
    text: &str,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO task_updates (commune_id, task_id, author_id, created_at, text, progress, \
         status_after) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(after.commune_id)
    .bind(after.id)
    .bind(author_id)
    .bind(now_utc())
    .bind(text)
    .bind(i64::from(after.progress))
    .bind(after.status.code())
    .fetch_one(&mut *w.tx)
    .await?;
    Ok(id)
}

/// Files progress on a task: the status follows the domain rule applied to the task as it is
/// inside this transaction, so concurrent reports cannot lose each other.
pub async fn post_update(store: &Store, u: NewUpdate<'_>) -> Result<i64, PostError> {
    let mut w = store.begin_write().await?;
    let id = post_update_in(&mut w, u).await?;
    w.commit().await?;
    Ok(id)
}

/// [`post_update`] inside a caller's transaction (bulk loads).
pub async fn post_update_in(w: &mut WriteTx<'_>, u: NewUpdate<'_>) -> Result<i64, PostError> {
    papi_core::task::validate_update_text(u.text).map_err(PostError::Rule)?;
    let row = sqlx::query(&format!("SELECT {TASK_COLUMNS} FROM tasks WHERE id = $1"))
        .bind(u.task_id)
        .fetch_optional(&mut *w.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    let before = decode_task(&row)?.task;
    let status = status_after_progress(before.status, u.progress).map_err(PostError::Rule)?;
    let created_at = u.created_at.clone().unwrap_or_else(now_utc);
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO task_updates (commune_id, task_id, author_id, created_at, text, progress, \
         status_after) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(before.commune_id)
    .bind(u.task_id)
    .bind(u.author_id)
    .bind(&created_at)
    .bind(u.text.trim())
    .bind(u.progress)
    .bind(status.code())
    .fetch_one(&mut *w.tx)
    .await?;
    let mut files = Vec::new();
    for e in &u.evidence {
        let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&e.content));
        sqlx::query(
            "INSERT INTO evidence (commune_id, update_id, original_name, content_type, size, \
             sha256, content) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(before.commune_id)
        .bind(id)
        .bind(&e.original_name)
        .bind(&e.content_type)
        .bind(e.content.len() as i64)
        .bind(&sha)
        .bind(&e.content)
        .execute(&mut *w.tx)
        .await?;
        files.push(json!({"name": e.original_name, "sha256": sha}));
    }
    sqlx::query("UPDATE tasks SET status = $1, progress = $2, last_update_on = $3 WHERE id = $4")
        .bind(status.code())
        .bind(u.progress)
        .bind(u.on.to_string())
        .bind(u.task_id)
        .execute(&mut *w.tx)
        .await?;
    let change = Change {
        commune_id: before.commune_id,
        actor: u.author_name,
        action: "progress",
        entity: "task",
        entity_id: u.task_id,
        before: json!({"status": before.status, "progress": before.progress}),
        after: json!({"status": status, "progress": u.progress, "update_id": id,
                      "text": u.text.trim(), "evidence": files}),
    };
    audit::append(w, change).await?;
    Ok(id)
}

#[derive(Debug, thiserror::Error)]
pub enum PostError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Rule(papi_core::task::TaskError),
}

impl From<sqlx::Error> for PostError {
    fn from(e: sqlx::Error) -> Self {
        PostError::Store(StoreError::Db(e))
    }
}

/// One entry of a task's history.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateRecord {
    #[serde(flatten)]
    pub update: TaskUpdate,
    pub author_name: String,
    pub evidence: Vec<EvidenceMeta>,
}

/// A task's updates, newest first, with their evidence files (no content).
pub async fn updates(store: &Store, task_id: i64) -> Result<Vec<UpdateRecord>> {
    let rows = sqlx::query(
        "SELECT u.id, u.task_id, u.author_id, u.created_at, u.text, u.progress, u.status_after, \
         us.full_name FROM task_updates u JOIN users us ON us.id = u.author_id \
         WHERE u.task_id = $1 ORDER BY u.id DESC",
    )
    .bind(task_id)
    .fetch_all(&store.pool)
    .await?;
    let files = sqlx::query(
        "SELECT e.id, e.update_id, e.original_name, e.content_type, e.size, e.sha256 \
         FROM evidence e JOIN task_updates u ON u.id = e.update_id WHERE u.task_id = $1 ORDER BY e.id",
    )
    .bind(task_id)
    .fetch_all(&store.pool)
    .await?;
    let files: Vec<EvidenceMeta> = files.iter().map(decode_evidence).collect::<Result<_>>()?;
    rows.iter()
        .map(|r| {
            let status = s(r, "status_after")?;
            let id = i(r, "id")?;
            Ok(UpdateRecord {
                update: TaskUpdate {
                    id,
                    task_id: i(r, "task_id")?,
                    author_id: i(r, "author_id")?,
                    created_at: s(r, "created_at")?,
                    text: s(r, "text")?,
                    progress: i(r, "progress")?.clamp(0, 100) as u8,
                    status_after: TaskStatus::parse(&status)
                        .ok_or_else(|| corrupt("status", &status))?,
                },
                author_name: s(r, "full_name")?,
                evidence: files
                    .iter()
                    .filter(|f| f.update_id == id)
                    .cloned()
                    .collect(),
            })
        })
        .collect()
}

fn decode_evidence(r: &AnyRow) -> Result<EvidenceMeta> {
    Ok(EvidenceMeta {
        id: i(r, "id")?,
        update_id: i(r, "update_id")?,
        original_name: s(r, "original_name")?,
        content_type: s(r, "content_type")?,
        size: i(r, "size")?,
        sha256: s(r, "sha256")?,
    })
}

/// An evidence file with its content, and the commune it belongs to.
pub async fn evidence(store: &Store, id: i64) -> Result<(i64, EvidenceMeta, Vec<u8>)> {
    let r = sqlx::query(
        "SELECT id, commune_id, update_id, original_name, content_type, size, sha256, content \
         FROM evidence WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    let content: Vec<u8> = sqlx::Row::try_get(&r, "content")?;
    Ok((i(&r, "commune_id")?, decode_evidence(&r)?, content))
}

/// The task an evidence file was filed on.
pub async fn evidence_task(store: &Store, evidence_id: i64) -> Result<i64> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT u.task_id FROM evidence e JOIN task_updates u ON u.id = e.update_id WHERE e.id = $1",
    )
    .bind(evidence_id)
    .fetch_optional(&store.pool)
    .await?;
    row.map(|r| r.0).ok_or(StoreError::NotFound)
}

/// Counts of what a plan holds, for the CLI and tests.
pub async fn count_updates(store: &Store, plan_id: i64) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM task_updates u JOIN tasks t ON t.id = u.task_id WHERE t.plan_id = $1",
    )
    .bind(plan_id)
    .fetch_one(&store.pool)
    .await?;
    Ok(n)
}

/// A dated step of a public task, as residents see it: no author, no text.
#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    pub task_id: i64,
    pub created_at: String,
    pub progress: u8,
    pub status: TaskStatus,
}

/// The milestones of a plan's public tasks in one dimension, oldest first.
pub async fn public_milestones(
    store: &Store,
    plan_id: i64,
    dimension: u8,
) -> Result<Vec<Milestone>> {
    let rows = sqlx::query(
        "SELECT u.task_id, u.created_at, u.progress, u.status_after FROM task_updates u \
         JOIN tasks t ON t.id = u.task_id JOIN plan_items i ON i.id = t.item_id \
         WHERE t.plan_id = $1 AND i.dimension = $2 AND t.public = 1 ORDER BY u.id",
    )
    .bind(plan_id)
    .bind(dimension as i64)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let status = s(r, "status_after")?;
            Ok(Milestone {
                task_id: i(r, "task_id")?,
                created_at: s(r, "created_at")?,
                progress: i(r, "progress")?.clamp(0, 100) as u8,
                status: TaskStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
            })
        })
        .collect()
}

/// One progress report, as the reporting regime reads the history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub task_id: i64,
    pub created_at: String,
    pub text: String,
    pub progress: u8,
    pub status: TaskStatus,
}

impl HistoryEntry {
    /// The report as the reporting rules read it, dated by the Vietnamese day it was filed.
    pub fn filed(&self) -> papi_core::reporting::Filed<'_> {
        let on = chrono::DateTime::parse_from_rfc3339(&self.created_at)
            .map(|t| papi_core::clock::vn_date(t.with_timezone(&chrono::Utc)))
            .unwrap_or(NaiveDate::MIN);
        papi_core::reporting::Filed {
            task_id: self.task_id,
            on,
            text: &self.text,
            progress: self.progress,
            status: self.status,
        }
    }
}

/// Every progress report of a plan's tasks, oldest first.
pub async fn history(store: &Store, plan_id: i64) -> Result<Vec<HistoryEntry>> {
    let rows = sqlx::query(
        "SELECT u.task_id, u.created_at, u.text, u.progress, u.status_after FROM task_updates u \
         JOIN tasks t ON t.id = u.task_id WHERE t.plan_id = $1 ORDER BY u.created_at, u.id",
    )
    .bind(plan_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let status = s(r, "status_after")?;
            Ok(HistoryEntry {
                task_id: i(r, "task_id")?,
                created_at: s(r, "created_at")?,
                text: s(r, "text")?,
                progress: i(r, "progress")?.clamp(0, 100) as u8,
                status: TaskStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
            })
        })
        .collect()
}

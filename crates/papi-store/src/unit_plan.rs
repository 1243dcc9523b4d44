//! Unit sub-plans and their rows: each unit's own plan for its tasks. The same operations, by
//! the same names, as `unit_report`; their review steps go through `review`.

use papi_core::review::{ReviewStatus, ReviewedKind};
use papi_core::unit_plan::{UnitPlan, UnitPlanRow};
use serde_json::json;
use sqlx::any::AnyRow;

use crate::review;
use crate::rows::{corrupt, i, opt_date, s};
use crate::{Result, Store, WriteTx};

const COLUMNS: &str =
    "id, commune_id, plan_id, unit_id, number, issued_on, status, first_submitted_on, comment";

fn decode(r: &AnyRow) -> Result<UnitPlan> {
    let status = s(r, "status")?;
    Ok(UnitPlan {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        plan_id: i(r, "plan_id")?,
        unit_id: i(r, "unit_id")?,
        number: s(r, "number")?,
        issued_on: opt_date(r, "issued_on")?,
        status: ReviewStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
        first_submitted_on: opt_date(r, "first_submitted_on")?,
        comment: s(r, "comment")?,
    })
}

fn place(plan_id: i64, unit_id: i64) -> review::Place {
    review::Place {
        kind: ReviewedKind::UnitPlan,
        scope_id: plan_id,
        unit_id,
    }
}

/// Every unit's sub-plan for a commune plan.
pub async fn list(store: &Store, plan_id: i64) -> Result<Vec<UnitPlan>> {
    let rows = review::list(store, ReviewedKind::UnitPlan, plan_id, COLUMNS).await?;
    rows.iter().map(decode).collect()
}

/// One unit's sub-plan with its rows, if it has started one.
pub async fn get(
    store: &Store,
    plan_id: i64,
    unit_id: i64,
) -> Result<Option<(UnitPlan, Vec<UnitPlanRow>)>> {
    let Some(r) = review::find(store, place(plan_id, unit_id), COLUMNS).await? else {
        return Ok(None);
    };
    let up = decode(&r)?;
    let columns = "task_id, actions, deliverable, due, officer";
    let rows = review::rows(store, ReviewedKind::UnitPlan, up.id, columns)
        .await?
        .iter()
        .map(|r| {
            Ok(UnitPlanRow {
                task_id: i(r, "task_id")?,
                actions: s(r, "actions")?,
                deliverable: s(r, "deliverable")?,
                due: opt_date(r, "due")?,
                officer: s(r, "officer")?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Some((up, rows)))
}

/// Saves the unit's draft (creating the sub-plan on first save) and returns its id.
pub async fn save(
    w: &mut WriteTx<'_>,
    actor: &str,
    up: &UnitPlan,
    rows: &[UnitPlanRow],
) -> Result<i64> {
    let id = match review::open_draft(w, place(up.plan_id, up.unit_id)).await? {
        Some(id) => {
            sqlx::query("UPDATE unit_plans SET number = $1, issued_on = $2 WHERE id = $3")
                .bind(&up.number)
                .bind(up.issued_on.map(|d| d.to_string()))
                .bind(id)
                .execute(&mut *w.tx)
                .await?;
            id
        }
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO unit_plans (commune_id, plan_id, unit_id, number, issued_on, status, comment) \
                 VALUES ($1, $2, $3, $4, $5, $6, '') RETURNING id",
            )
            .bind(up.commune_id)
            .bind(up.plan_id)
            .bind(up.unit_id)
            .bind(&up.number)
            .bind(up.issued_on.map(|d| d.to_string()))
            .bind(ReviewStatus::Draft.code())
            .fetch_one(&mut *w.tx)
            .await?;
            id
        }
    };
    for r in rows {
        sqlx::query(
            "INSERT INTO unit_plan_rows (unit_plan_id, task_id, commune_id, actions, deliverable, due, officer) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(r.task_id)
        .bind(up.commune_id)
        .bind(&r.actions)
        .bind(&r.deliverable)
        .bind(r.due.map(|d| d.to_string()))
        .bind(&r.officer)
        .execute(&mut *w.tx)
        .await?;
    }
    let after = json!({"number": up.number, "unit_id": up.unit_id, "rows": rows});
    review::record_save(w, ReviewedKind::UnitPlan, actor, up.commune_id, id, after).await?;
    Ok(id)
}

/// A unit's sub-plan with its rows, found by its id.
pub async fn by_id(store: &Store, id: i64) -> Result<Option<(UnitPlan, Vec<UnitPlanRow>)>> {
    let at: Option<(i64, i64)> =
        sqlx::query_as("SELECT plan_id, unit_id FROM unit_plans WHERE id = $1")
            .bind(id)
            .fetch_optional(&store.pool)
            .await?;
    match at {
        Some((plan_id, unit_id)) => get(store, plan_id, unit_id).await,
        None => Ok(None),
    }
}

//! Unit sub-plans and their rows.

use chrono::NaiveDate;
use papi_core::review::ReviewStatus;
use papi_core::unit_plan::{UnitPlan, UnitPlanRow};
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{corrupt, i, opt_date, s};
use crate::{Result, Store, StoreError, WriteTx};

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

/// Every unit's sub-plan for a commune plan.
pub async fn list(store: &Store, plan_id: i64) -> Result<Vec<UnitPlan>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM unit_plans WHERE plan_id = $1 ORDER BY unit_id"
    ))
    .bind(plan_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

/// One unit's sub-plan with its rows, if it has started one.
pub async fn get(
    store: &Store,
    plan_id: i64,
    unit_id: i64,
) -> Result<Option<(UnitPlan, Vec<UnitPlanRow>)>> {
    let Some(r) = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM unit_plans WHERE plan_id = $1 AND unit_id = $2"
    ))
    .bind(plan_id)
    .bind(unit_id)
    .fetch_optional(&store.pool)
    .await?
    else {
        return Ok(None);
    };
    let up = decode(&r)?;
    let rows = sqlx::query("SELECT task_id, actions, deliverable, due, officer FROM unit_plan_rows WHERE unit_plan_id = $1 ORDER BY task_id")
        .bind(up.id)
        .fetch_all(&store.pool)
        .await?;
    let rows = rows
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
    let existing: Option<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM unit_plans WHERE plan_id = $1 AND unit_id = $2")
            .bind(up.plan_id)
            .bind(up.unit_id)
            .fetch_optional(&mut *w.tx)
            .await?;
    let id = match existing {
        Some((id, status)) => {
            if !ReviewStatus::parse(&status).is_some_and(ReviewStatus::editable) {
                return Err(StoreError::Conflict(
                    "Kế hoạch đã gửi hoặc đã được chấp nhận, không sửa được.".into(),
                ));
            }
            sqlx::query("UPDATE unit_plans SET number = $1, issued_on = $2 WHERE id = $3")
                .bind(&up.number)
                .bind(up.issued_on.map(|d| d.to_string()))
                .bind(id)
                .execute(&mut *w.tx)
                .await?;
            sqlx::query("DELETE FROM unit_plan_rows WHERE unit_plan_id = $1")
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
    let change = Change {
        commune_id: up.commune_id,
        actor,
        action: "save",
        entity: "unit_plan",
        entity_id: id,
        before: json!(null),
        after: json!({"number": up.number, "unit_id": up.unit_id, "rows": rows}),
    };
    audit::append(w, change).await?;
    Ok(id)
}

/// Records a review step already checked by the domain rule.
pub async fn set_status(
    w: &mut WriteTx<'_>,
    actor: &str,
    up: &UnitPlan,
    status: ReviewStatus,
    comment: &str,
    on: NaiveDate,
) -> Result<()> {
    let reviewed = Reviewed {
        commune_id: up.commune_id,
        id: up.id,
        status: up.status,
        first_submitted_on: up.first_submitted_on,
    };
    set_review(
        w,
        "unit_plans",
        "unit_plan",
        actor,
        &reviewed,
        status,
        comment,
        on,
    )
    .await
}

/// A document under review as its status change needs it.
pub(crate) struct Reviewed {
    pub commune_id: i64,
    pub id: i64,
    pub status: ReviewStatus,
    pub first_submitted_on: Option<NaiveDate>,
}

/// Moves a reviewed document (sub-plan or unit report) to `status`, keeping the first day it
/// was submitted, which is what timeliness is judged on.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn set_review(
    w: &mut WriteTx<'_>,
    table: &'static str,
    entity: &'static str,
    actor: &str,
    doc: &Reviewed,
    status: ReviewStatus,
    comment: &str,
    on: NaiveDate,
) -> Result<()> {
    let first = doc
        .first_submitted_on
        .or((status == ReviewStatus::Submitted).then_some(on));
    sqlx::query(&format!(
        "UPDATE {table} SET status = $1, comment = $2, first_submitted_on = $3 WHERE id = $4"
    ))
    .bind(status.code())
    .bind(comment)
    .bind(first.map(|d| d.to_string()))
    .bind(doc.id)
    .execute(&mut *w.tx)
    .await?;
    let change = Change {
        commune_id: doc.commune_id,
        actor,
        action: status.code(),
        entity,
        entity_id: doc.id,
        before: json!({"status": doc.status}),
        after: json!({"status": status, "comment": comment, "on": on}),
    };
    audit::append(w, change).await
}

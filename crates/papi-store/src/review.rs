//! The review flow in the store, one for every reviewed document (unit sub-plans, unit
//! reports, and the documents of later processes): the status change with its audit entry,
//! and the check that a draft may still be edited.

use chrono::NaiveDate;
use papi_core::review::{ReviewStatus, Reviewed, ReviewedKind};
use serde_json::json;

use crate::audit::{self, Change};
use sqlx::any::AnyRow;

use crate::{Result, Store, StoreError, WriteTx};

/// Where each kind of reviewed document is kept.
fn table(kind: ReviewedKind) -> &'static str {
    match kind {
        ReviewedKind::UnitPlan => "unit_plans",
        ReviewedKind::UnitReport => "unit_reports",
    }
}

/// Records a review step already checked by the domain rule (`papi_core::review::apply`),
/// keeping the first day the document was submitted, which is what timeliness is judged on.
pub async fn set_status(
    w: &mut WriteTx<'_>,
    actor: &str,
    doc: &Reviewed,
    status: ReviewStatus,
    comment: &str,
    on: NaiveDate,
) -> Result<()> {
    let first = doc.first_submitted_after(status, on);
    sqlx::query(&format!(
        "UPDATE {} SET status = $1, comment = $2, first_submitted_on = $3 WHERE id = $4",
        table(doc.kind)
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
        entity: doc.kind.entity(),
        entity_id: doc.id,
        before: json!({"status": doc.status}),
        after: json!({"status": status, "comment": comment, "on": on}),
    };
    audit::append(w, change).await
}

/// Where a unit's reviewed document lives: its kind, and the plan (of a sub-plan) or the
/// period (of a report) it belongs to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place {
    pub kind: ReviewedKind,
    pub scope_id: i64,
    pub unit_id: i64,
}

fn scope_column(kind: ReviewedKind) -> &'static str {
    match kind {
        ReviewedKind::UnitPlan => "plan_id",
        ReviewedKind::UnitReport => "period_id",
    }
}

/// The table of a document's rows (one per task) and its column naming the document.
fn rows_table(kind: ReviewedKind) -> (&'static str, &'static str) {
    match kind {
        ReviewedKind::UnitPlan => ("unit_plan_rows", "unit_plan_id"),
        ReviewedKind::UnitReport => ("unit_report_rows", "unit_report_id"),
    }
}

/// The document at `place`, if the unit has started one.
pub(crate) async fn find(store: &Store, place: Place, columns: &str) -> Result<Option<AnyRow>> {
    Ok(sqlx::query(&format!(
        "SELECT {columns} FROM {} WHERE {} = $1 AND unit_id = $2",
        table(place.kind),
        scope_column(place.kind)
    ))
    .bind(place.scope_id)
    .bind(place.unit_id)
    .fetch_optional(&store.pool)
    .await?)
}

/// Every unit's document in a scope (a plan's sub-plans, a period's reports), by unit.
pub(crate) async fn list(
    store: &Store,
    kind: ReviewedKind,
    scope_id: i64,
    columns: &str,
) -> Result<Vec<AnyRow>> {
    Ok(sqlx::query(&format!(
        "SELECT {columns} FROM {} WHERE {} = $1 ORDER BY unit_id",
        table(kind),
        scope_column(kind)
    ))
    .bind(scope_id)
    .fetch_all(&store.pool)
    .await?)
}

/// A document's rows, in task order.
pub(crate) async fn rows(
    store: &Store,
    kind: ReviewedKind,
    id: i64,
    columns: &str,
) -> Result<Vec<AnyRow>> {
    let (rows, owner) = rows_table(kind);
    Ok(sqlx::query(&format!(
        "SELECT {columns} FROM {rows} WHERE {owner} = $1 ORDER BY task_id"
    ))
    .bind(id)
    .fetch_all(&store.pool)
    .await?)
}

/// Opens the document at `place` for a new draft: the id of the existing one, its rows cleared
/// for the new ones, when it may still be edited; `None` when there is none yet; a refusal
/// once it is sent or accepted.
pub(crate) async fn open_draft(w: &mut WriteTx<'_>, place: Place) -> Result<Option<i64>> {
    let existing: Option<(i64, String)> = sqlx::query_as(&format!(
        "SELECT id, status FROM {} WHERE {} = $1 AND unit_id = $2",
        table(place.kind),
        scope_column(place.kind)
    ))
    .bind(place.scope_id)
    .bind(place.unit_id)
    .fetch_optional(&mut *w.tx)
    .await?;
    match existing {
        Some((id, status)) if ReviewStatus::parse(&status).is_some_and(ReviewStatus::editable) => {
            let (rows, owner) = rows_table(place.kind);
            sqlx::query(&format!("DELETE FROM {rows} WHERE {owner} = $1"))
                .bind(id)
                .execute(&mut *w.tx)
                .await?;
            Ok(Some(id))
        }
        Some(_) => Err(StoreError::Conflict(place.kind.frozen_message().into())),
        None => Ok(None),
    }
}

/// The audit entry of a saved draft.
pub(crate) async fn record_save(
    w: &mut WriteTx<'_>,
    kind: ReviewedKind,
    actor: &str,
    commune_id: i64,
    id: i64,
    after: serde_json::Value,
) -> Result<()> {
    let change = Change {
        commune_id,
        actor,
        action: "save",
        entity: kind.entity(),
        entity_id: id,
        before: json!(null),
        after,
    };
    audit::append(w, change).await
}

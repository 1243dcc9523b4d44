//! Unit sub-plans: each unit's own plan, one row for every task assigned to it (as lead or
//! coordinating unit), with its own actions, deliverable, date and official in charge.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::review::ReviewStatus;
use crate::Task;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitPlan {
    pub id: i64,
    pub commune_id: i64,
    pub plan_id: i64,
    pub unit_id: i64,
    /// The unit's own số/ký hiệu, e.g. `05/KH-VP`.
    pub number: String,
    pub issued_on: Option<NaiveDate>,
    pub status: ReviewStatus,
    /// The first day it was submitted: what timeliness is judged on.
    pub first_submitted_on: Option<NaiveDate>,
    pub comment: String,
}

impl UnitPlan {
    /// The sub-plan as the review flow sees it.
    pub fn reviewed(&self) -> crate::review::Reviewed {
        crate::review::Reviewed {
            kind: crate::review::ReviewedKind::UnitPlan,
            id: self.id,
            commune_id: self.commune_id,
            status: self.status,
            first_submitted_on: self.first_submitted_on,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitPlanRow {
    pub task_id: i64,
    pub actions: String,
    pub deliverable: String,
    pub due: Option<NaiveDate>,
    pub officer: String,
}

/// What keeps a sub-plan from being submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Gap {
    /// An assigned task with no row.
    MissingTask(i64),
    NoDeliverable(i64),
    NoDate(i64),
    NoNumber,
}

impl Gap {
    /// The reason in Vietnamese, naming the task by `title`.
    pub fn describe(&self, title: impl Fn(i64) -> String) -> String {
        match self {
            Gap::MissingTask(t) => format!("Chưa có dòng cho nhiệm vụ “{}”.", title(*t)),
            Gap::NoDeliverable(t) => format!("Nhiệm vụ “{}”: chưa ghi sản phẩm.", title(*t)),
            Gap::NoDate(t) => format!("Nhiệm vụ “{}”: chưa ghi thời hạn hoàn thành.", title(*t)),
            Gap::NoNumber => "Chưa ghi số, ký hiệu kế hoạch của đơn vị.".into(),
        }
    }
}

/// The tasks a unit must cover: those it leads or coordinates, cancelled ones aside.
pub fn assigned_tasks<'a>(
    unit_id: i64,
    tasks: impl IntoIterator<Item = &'a Task>,
) -> Vec<&'a Task> {
    tasks
        .into_iter()
        .filter(|t| t.status != crate::TaskStatus::Cancelled)
        .filter(|t| t.lead_unit_id == unit_id || t.coordinating_unit_ids.contains(&unit_id))
        .collect()
}

/// What the unit sub-plans put on the agenda: every unit with tasks owes its own plan by
/// `due` (the commune plan's date plus its working days), met when first submitted.
pub fn obligations(
    plan_id: i64,
    due: NaiveDate,
    units_with_tasks: &[i64],
    unit_plans: &[UnitPlan],
) -> Vec<crate::agenda::Obligation> {
    units_with_tasks
        .iter()
        .map(|&unit_id| crate::agenda::Obligation {
            kind: crate::agenda::ObligationKind::UnitPlan,
            title: "Kế hoạch thực hiện của đơn vị".into(),
            due,
            unit_id: Some(unit_id),
            subject_id: plan_id,
            met_on: unit_plans
                .iter()
                .find(|p| p.unit_id == unit_id)
                .and_then(|p| p.first_submitted_on),
        })
        .collect()
}

/// Every assigned task not covered, and every row without deliverable or date.
pub fn completeness(number: &str, rows: &[UnitPlanRow], assigned: &[i64]) -> Vec<Gap> {
    let mut gaps = Vec::new();
    if number.trim().is_empty() {
        gaps.push(Gap::NoNumber);
    }
    for t in assigned {
        match rows.iter().find(|r| r.task_id == *t) {
            None => gaps.push(Gap::MissingTask(*t)),
            Some(r) => {
                if r.deliverable.trim().is_empty() {
                    gaps.push(Gap::NoDeliverable(*t));
                }
                if r.due.is_none() {
                    gaps.push(Gap::NoDate(*t));
                }
            }
        }
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(task_id: i64, deliverable: &str, due: Option<NaiveDate>) -> UnitPlanRow {
        UnitPlanRow {
            task_id,
            actions: "Triển khai".into(),
            deliverable: deliverable.into(),
            due,
            officer: "A".into(),
        }
    }

    #[test]
    fn lists_every_gap() {
        let date = NaiveDate::from_ymd_opt(2025, 6, 30);
        let rows = vec![row(1, "Biên bản", date), row(2, " ", None)];
        let gaps = completeness("", &rows, &[1, 2, 3]);
        assert_eq!(
            gaps,
            vec![
                Gap::NoNumber,
                Gap::NoDeliverable(2),
                Gap::NoDate(2),
                Gap::MissingTask(3)
            ]
        );
        assert!(completeness("05/KH-VP", &rows[..1], &[1]).is_empty());
        assert_eq!(
            Gap::MissingTask(3).describe(|_| "Tiếp dân".into()),
            "Chưa có dòng cho nhiệm vụ “Tiếp dân”."
        );
    }
}

//! Roll-ups shown on the dashboard and the public page: progress per dimension and overall,
//! what is late, what falls due, and the per-unit table.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::task::{standing, Standing};
use crate::{Dimension, Due, TaskStatus};

/// What the roll-ups need to know of one task.
#[derive(Debug, Clone)]
pub struct TaskFacts {
    pub id: i64,
    pub dimension: Option<Dimension>,
    pub lead_unit_id: i64,
    pub status: TaskStatus,
    pub progress: u8,
    pub due: Due,
    pub last_update_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Tally {
    pub total: usize,
    pub done: usize,
    pub late: usize,
    pub due_soon: usize,
    /// Mean progress of the tasks that count (cancelled ones do not), 0–100.
    pub progress: f64,
}

impl Tally {
    fn add(&mut self, progress: u8, s: Standing) {
        if s == Standing::Cancelled {
            return;
        }
        self.progress =
            (self.progress * self.total as f64 + progress as f64) / (self.total + 1) as f64;
        self.total += 1;
        match s {
            Standing::Done => self.done += 1,
            Standing::Late => self.late += 1,
            Standing::DueSoon => self.due_soon += 1,
            _ => {}
        }
    }

    /// Progress rounded for display.
    pub fn percent(&self) -> u32 {
        self.progress.round() as u32
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub overall: Tally,
    /// Indexed by dimension number; cross-cutting tasks count only overall.
    pub by_dimension: BTreeMap<u8, Tally>,
    pub by_unit: BTreeMap<i64, Tally>,
    /// Late task ids, most overdue first.
    pub late: Vec<i64>,
    /// Task ids falling due within the commune's window ([`crate::agenda::DueSoon`]),
    /// soonest first.
    pub due_soon: Vec<i64>,
}

/// Rolls up `tasks` as they stand on `today`.
pub fn summarize(tasks: &[TaskFacts], plan_year: i32, on: &crate::agenda::Today) -> Summary {
    let today = on.date;
    let mut sum = Summary::default();
    for d in Dimension::all() {
        sum.by_dimension.insert(d.number(), Tally::default());
    }
    let mut late = Vec::new();
    let mut soon = Vec::new();
    for t in tasks {
        let s = standing(t.status, t.due, plan_year, t.last_update_on, on);
        sum.overall.add(t.progress, s);
        if let Some(d) = t.dimension {
            sum.by_dimension
                .entry(d.number())
                .or_default()
                .add(t.progress, s);
        }
        sum.by_unit
            .entry(t.lead_unit_id)
            .or_default()
            .add(t.progress, s);
        match s {
            Standing::Late => late.push((t.due.missed(today, plan_year), t.id)),
            Standing::DueSoon => soon.push((t.due.current(today, plan_year), t.id)),
            _ => {}
        }
    }
    late.sort();
    soon.sort();
    sum.late = late.into_iter().map(|(_, id)| id).collect();
    sum.due_soon = soon.into_iter().map(|(_, id)| id).collect();
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    fn fact(
        id: i64,
        dim: u8,
        unit: i64,
        status: TaskStatus,
        progress: u8,
        due: NaiveDate,
    ) -> TaskFacts {
        TaskFacts {
            id,
            dimension: Dimension::new(dim),
            lead_unit_id: unit,
            status,
            progress,
            due: Due::Date(due),
            last_update_on: None,
        }
    }

    #[test]
    fn rolls_up_by_dimension_unit_and_deadline() {
        use TaskStatus::*;
        let tasks = vec![
            fact(1, 1, 10, Done, 100, d(3, 1)),
            fact(2, 1, 10, InProgress, 50, d(4, 1)),
            fact(3, 2, 11, InProgress, 20, d(5, 10)),
            fact(4, 2, 11, NotStarted, 0, d(9, 1)),
            fact(5, 0, 11, Cancelled, 0, d(1, 1)),
            fact(6, 3, 12, InProgress, 10, d(3, 31)),
        ];
        let cal = papi_calendar::Calendar::new();
        let on = crate::agenda::Today {
            date: d(5, 1),
            cal: &cal,
            due_soon: Default::default(),
        };
        let s = summarize(&tasks, 2025, &on);
        assert_eq!(s.overall.total, 5);
        assert_eq!(s.overall.done, 1);
        assert_eq!(s.overall.late, 2);
        assert_eq!(s.late, vec![6, 2]);
        assert_eq!(s.due_soon, vec![3]);
        assert_eq!(s.by_dimension[&1].percent(), 75);
        assert_eq!(s.by_dimension[&8].total, 0);
        assert_eq!(s.by_unit[&11].total, 2);
        assert!((s.overall.progress - 36.0).abs() < 1e-9);
    }
}

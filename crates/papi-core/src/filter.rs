//! The task list's filters: dimension, unit, standing, due window, and diacritics-blind search.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::task::{standing, Standing};
use crate::text::matches;
use crate::{Dimension, Task};

#[derive(Debug, Clone, Default, Deserialize)]
pub struct TaskFilter {
    pub dimension: Option<u8>,
    pub unit: Option<i64>,
    /// A [`Standing`] code: `late`, `due_soon`, `on_track`, `done`, `cancelled`.
    pub standing: Option<String>,
    /// Only tasks whose current deadline falls within this many days from today.
    pub due_within: Option<i64>,
    pub q: Option<String>,
}

impl TaskFilter {
    /// Whether `task` (of plan year `year`, in dimension `dimension`) passes on `today`.
    pub fn accepts(
        &self,
        task: &Task,
        dimension: Option<Dimension>,
        year: i32,
        last_update_on: Option<NaiveDate>,
        on: &crate::agenda::Today,
    ) -> bool {
        let today = on.date;
        if self
            .dimension
            .is_some_and(|d| dimension.map(u8::from) != Some(d))
        {
            return false;
        }
        if self
            .unit
            .is_some_and(|u| task.lead_unit_id != u && !task.coordinating_unit_ids.contains(&u))
        {
            return false;
        }
        let st: Standing = standing(task.status, task.due, year, last_update_on, on);
        if self
            .standing
            .as_deref()
            .is_some_and(|s| !s.is_empty() && s != st.code())
        {
            return false;
        }
        if let Some(days) = self.due_within {
            let due = task.due.current(today, year);
            if task.status.is_closed() || due < today || (due - today).num_days() > days {
                return false;
            }
        }
        match self.q.as_deref().map(str::trim) {
            Some(q) if !q.is_empty() => {
                let text = format!("{} {} {}", task.title, task.description, task.deliverable);
                matches(&text, q)
            }
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Due, TaskStatus};

    fn task() -> Task {
        Task {
            id: 1,
            commune_id: 1,
            plan_id: 1,
            item_id: None,
            position: 1,
            title: "Công khai danh sách hộ nghèo".into(),
            description: "Niêm yết tại nhà văn hóa thôn Đông".into(),
            lead_unit_id: 3,
            coordinating_unit_ids: vec![4],
            deliverable: "Biên bản niêm yết".into(),
            due: Due::Date(NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()),
            status: TaskStatus::InProgress,
            progress: 20,
            public: true,
        }
    }

    #[test]
    fn filters_combine() {
        let t = task();
        let dim = Dimension::new(2);
        let cal = papi_calendar::Calendar::new();
        let today = crate::agenda::Today {
            date: NaiveDate::from_ymd_opt(2025, 6, 20).unwrap(),
            cal: &cal,
            due_soon: Default::default(),
        };
        let ok = |f: TaskFilter| f.accepts(&t, dim, 2025, None, &today);
        assert!(ok(TaskFilter::default()));
        assert!(ok(TaskFilter {
            q: Some("thon dong".into()),
            ..Default::default()
        }));
        assert!(ok(TaskFilter {
            q: Some("HỘ NGHÈO".into()),
            ..Default::default()
        }));
        assert!(!ok(TaskFilter {
            q: Some("ngân sách".into()),
            ..Default::default()
        }));
        assert!(ok(TaskFilter {
            unit: Some(4),
            dimension: Some(2),
            ..Default::default()
        }));
        assert!(!ok(TaskFilter {
            unit: Some(5),
            ..Default::default()
        }));
        assert!(!ok(TaskFilter {
            dimension: Some(3),
            ..Default::default()
        }));
        assert!(ok(TaskFilter {
            standing: Some("due_soon".into()),
            ..Default::default()
        }));
        assert!(!ok(TaskFilter {
            standing: Some("late".into()),
            ..Default::default()
        }));
        assert!(ok(TaskFilter {
            due_within: Some(14),
            ..Default::default()
        }));
        assert!(!ok(TaskFilter {
            due_within: Some(5),
            ..Default::default()
        }));
    }
}

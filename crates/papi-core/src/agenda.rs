//! What falls due. Every process lists its dated obligations (a task's deadline, a unit's
//! sub-plan, a unit's report; later a case's time limit, a posting, a remediation) as
//! [`Obligation`]s; the dashboard, the reminders and the calendar feeds all read that one list,
//! and one rule, [`DueSoon`], says when a deadline is near.

use chrono::NaiveDate;
use papi_calendar::Calendar;
use serde::{Deserialize, Serialize};

use crate::timeliness::{judge, Timeliness};

/// How many working days before a deadline it shows as falling due ("sắp đến hạn"). Working
/// days, so that weekends and Tết do not shorten the warning. Each commune sets its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueSoon {
    pub working_days: u32,
}

impl Default for DueSoon {
    fn default() -> Self {
        DueSoon {
            working_days: DueSoon::DEFAULT_WORKING_DAYS,
        }
    }
}

impl DueSoon {
    /// Two working weeks: enough to finish a report or gather evidence after the warning.
    pub const DEFAULT_WORKING_DAYS: u32 = 10;
    /// Longer than a quarter's working days would flag everything at once.
    pub const MAX_WORKING_DAYS: u32 = 60;

    /// A commune's setting as typed by its administrator, checked.
    pub fn parse(text: &str) -> Result<DueSoon, String> {
        let n: u32 = text
            .trim()
            .parse()
            .map_err(|_| format!("«{}» không phải là một số ngày làm việc.", text.trim()))?;
        if !(1..=Self::MAX_WORKING_DAYS).contains(&n) {
            return Err(format!(
                "Số ngày báo trước phải từ 1 đến {} ngày làm việc.",
                Self::MAX_WORKING_DAYS
            ));
        }
        Ok(DueSoon { working_days: n })
    }

    /// Whether `due`, not passed yet, is within the window on `today`.
    pub fn includes(self, due: NaiveDate, today: NaiveDate, cal: &Calendar) -> bool {
        due >= today && cal.working_days_between(today, due) <= i64::from(self.working_days)
    }
}

/// A day as deadlines are judged on it: the date, the calendar in force (with the admins'
/// corrections), and the commune's warning window.
#[derive(Clone, Copy)]
pub struct Today<'a> {
    pub date: NaiveDate,
    pub cal: &'a Calendar,
    pub due_soon: DueSoon,
}

impl Today<'_> {
    pub fn is_due_soon(&self, due: NaiveDate) -> bool {
        self.due_soon.includes(due, self.date, self.cal)
    }
}

/// What kind of thing falls due; each process adds its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObligationKind {
    /// A task's deadline (each period end of a recurring task).
    Task,
    /// A unit's own plan, due so many working days after the commune's plan.
    UnitPlan,
    /// A unit's report for a reporting period.
    UnitReport,
    /// The commune's report upstream for a reporting period.
    CommuneReport,
    /// A time limit of a residents' matter (feedback, complaint, denunciation).
    Matter,
    /// A disclosure to publish, or a posting too short, late or missing a form.
    Disclosure,
    /// A residents' decision, consultation, board recommendation or village conference.
    Participation,
    /// An inspection finding's remediation or re-check.
    Inspection,
}

/// One dated obligation: who owes what by when, and whether it was met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Obligation {
    pub kind: ObligationKind,
    /// What is owed, as a person reads it ("Báo cáo 6 tháng").
    pub title: String,
    pub due: NaiveDate,
    /// The unit that owes it, if one does.
    pub unit_id: Option<i64>,
    /// The task, unit plan or period it is about (for links and stable feed ids).
    pub subject_id: i64,
    /// When it was met (first sent, finished); `None` while open.
    pub met_on: Option<NaiveDate>,
}

/// Where an obligation stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "working_days")]
pub enum Urgency {
    /// Met, on time or late: nothing to remind of.
    Met(Timeliness),
    /// Open and past its date by this many working days.
    Overdue(i64),
    /// Open and due within the warning window, with this many working days left.
    DueSoon(i64),
    /// Open and not near yet.
    Later,
}

impl Obligation {
    pub fn urgency(&self, on: &Today) -> Urgency {
        match judge(self.due, self.met_on, on.date, on.cal) {
            Timeliness::Missing => Urgency::Overdue(on.cal.working_days_between(self.due, on.date)),
            Timeliness::Pending if on.is_due_soon(self.due) => {
                Urgency::DueSoon(on.cal.working_days_between(on.date, self.due))
            }
            Timeliness::Pending => Urgency::Later,
            met => Urgency::Met(met),
        }
    }

    /// The reminder a person sees for an open obligation that is overdue or near; `None`
    /// otherwise.
    pub fn reminder(&self, on: &Today) -> Option<String> {
        let due = crate::clock::format_date(self.due);
        match self.urgency(on) {
            Urgency::Overdue(n) => Some(format!(
                "{}: đã quá hạn {due} ({n} ngày làm việc) — chưa gửi.",
                self.title
            )),
            Urgency::DueSoon(n) => Some(format!(
                "{}: hạn {due} (còn {n} ngày làm việc).",
                self.title
            )),
            Urgency::Met(_) | Urgency::Later => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn report(due: NaiveDate, met_on: Option<NaiveDate>) -> Obligation {
        Obligation {
            kind: ObligationKind::UnitReport,
            title: "Báo cáo 6 tháng".into(),
            due,
            unit_id: Some(1),
            subject_id: 7,
            met_on,
        }
    }

    #[test]
    fn the_window_counts_working_days_not_calendar_days() {
        let cal = Calendar::new();
        let w = DueSoon::default();
        // Friday 06/06/2025 → Friday 20/06/2025: 14 calendar days, 10 working days.
        assert!(w.includes(d(2025, 6, 20), d(2025, 6, 6), &cal));
        // → Monday 23/06/2025: 11 working days.
        assert!(!w.includes(d(2025, 6, 23), d(2025, 6, 6), &cal));
        // Over Tết 2026 (14/02–22/02 off, Decision of the Prime Minister): 23 calendar days
        // from 06/02/2026 to 01/03/2026 hold only 10 working days.
        assert_eq!(cal.working_days_between(d(2026, 2, 6), d(2026, 3, 1)), 10);
        assert!(w.includes(d(2026, 3, 1), d(2026, 2, 6), &cal));
        // A passed date is not "soon": it is overdue.
        assert!(!w.includes(d(2025, 6, 5), d(2025, 6, 6), &cal));
    }

    #[test]
    fn a_commune_sets_its_own_window_within_bounds() {
        assert_eq!(DueSoon::parse(" 5 ").unwrap().working_days, 5);
        assert!(DueSoon::parse("0").is_err());
        assert!(DueSoon::parse("61").is_err());
        assert!(DueSoon::parse("mười").unwrap_err().contains("mười"));
        let cal = Calendar::new();
        let five = DueSoon { working_days: 5 };
        assert!(!five.includes(d(2025, 6, 20), d(2025, 6, 6), &cal));
    }

    #[test]
    fn obligations_are_overdue_near_later_or_met() {
        let cal = Calendar::new();
        let on = Today {
            date: d(2025, 6, 6),
            cal: &cal,
            due_soon: DueSoon::default(),
        };
        let r = report(d(2025, 6, 5), None);
        assert_eq!(r.urgency(&on), Urgency::Overdue(1));
        assert_eq!(
            r.reminder(&on).unwrap(),
            "Báo cáo 6 tháng: đã quá hạn 05/06/2025 (1 ngày làm việc) — chưa gửi."
        );
        let r = report(d(2025, 6, 20), None);
        assert_eq!(r.urgency(&on), Urgency::DueSoon(10));
        assert_eq!(
            r.reminder(&on).unwrap(),
            "Báo cáo 6 tháng: hạn 20/06/2025 (còn 10 ngày làm việc)."
        );
        assert_eq!(report(d(2025, 6, 23), None).urgency(&on), Urgency::Later);
        let sent = report(d(2025, 6, 5), Some(d(2025, 6, 4)));
        assert_eq!(sent.urgency(&on), Urgency::Met(Timeliness::OnTime));
        assert_eq!(sent.reminder(&on), None);
    }
}

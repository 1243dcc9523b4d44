//! Whether a unit met a deadline: on time, late by so many working days, missing, or not due yet.

use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "working_days")]
pub enum Timeliness {
    /// Sent on or before the due date.
    OnTime,
    /// Sent after the due date, by this many working days.
    Late(i64),
    /// Not sent and the due date has passed.
    Missing,
    /// Not sent yet, and not due yet.
    Pending,
}

impl Timeliness {
    pub fn label(self) -> String {
        match self {
            Timeliness::OnTime => "Đúng hạn".into(),
            Timeliness::Late(n) => format!("Chậm {n} ngày làm việc"),
            Timeliness::Missing => "Chưa gửi (quá hạn)".into(),
            Timeliness::Pending => "Chưa đến hạn".into(),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Timeliness::OnTime => "on_time",
            Timeliness::Late(_) => "late",
            Timeliness::Missing => "missing",
            Timeliness::Pending => "pending",
        }
    }
}

/// Judges a submission against its due date, counting lateness in working days.
pub fn judge(
    due: NaiveDate,
    first_sent: Option<NaiveDate>,
    today: NaiveDate,
    cal: &papi_calendar::Calendar,
) -> Timeliness {
    match first_sent {
        Some(sent) if sent <= due => Timeliness::OnTime,
        Some(sent) => Timeliness::Late(cal.working_days_between(due, sent).max(1)),
        None if today > due => Timeliness::Missing,
        None => Timeliness::Pending,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    #[test]
    fn judges_sub_plans_due_13_february_2025() {
        let cal = papi_calendar::Calendar::new();
        let due = d(2, 13);
        assert_eq!(
            judge(due, Some(d(2, 10)), d(3, 1), &cal),
            Timeliness::OnTime
        );
        assert_eq!(
            judge(due, Some(d(2, 13)), d(3, 1), &cal),
            Timeliness::OnTime
        );
        // Friday 14 → Monday 17 February: 3 working days late.
        assert_eq!(
            judge(due, Some(d(2, 18)), d(3, 1), &cal),
            Timeliness::Late(3)
        );
        assert_eq!(judge(due, None, d(2, 14), &cal), Timeliness::Missing);
        assert_eq!(judge(due, None, d(2, 13), &cal), Timeliness::Pending);
    }
}

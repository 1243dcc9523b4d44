//! Reverse time limits: "at least N (working) days before an event" — the notice of a reception
//! session (Luật Tiếp công dân Điều 24 khoản 4), of a dialogue, of a community meeting, of a
//! supervision. The answer is the latest day the notice may be given.

use chrono::{Duration, Months, NaiveDate};

use crate::calendar::Calendar;
use crate::rules::{resolve, rule, CaseFacts, Deadline, LimitUnit, RuleError};

impl Calendar {
    /// The latest day a notice under reverse rule `rule_id` may be given for an event on
    /// `event_date`, using the rule version in force on the event date.
    ///
    /// Counting mirrors the forward count, so that the notice day plus N units reaches the
    /// event (BLDS Điều 147: the notice day itself is not counted):
    /// * working days: the N-th working day strictly before the event (a session on Monday
    ///   13/07/2026 with ≥ 5 working days needs the notice by Monday 06/07/2026);
    /// * calendar days: the event minus N days, not moved: Điều 148 moves the *end* of a
    ///   period forward past a day off, and moving a notice later would break the minimum, so
    ///   a notice falling on a day off must simply be given that day or earlier;
    /// * months: the same day N months before (or that month's last day).
    ///
    /// Returns the usual [`Deadline`]: `start` is the event, `due` the latest notice day,
    /// `before_event` is set.
    pub fn latest_notice(
        &self,
        rule_id: &str,
        event_date: NaiveDate,
        facts: CaseFacts,
    ) -> Result<Deadline, RuleError> {
        let r = rule(rule_id, event_date)?;
        let res = resolve(r, facts)?;
        if !r.before_event {
            return Err(RuleError::NotBeforeEvent(r.id.clone()));
        }
        let n = res.duration;
        let due = match r.unit {
            LimitUnit::WorkingDays => self.add_working_days(event_date, -n),
            LimitUnit::Months => event_date
                .checked_sub_months(Months::new(n.unsigned_abs()))
                .unwrap_or(event_date),
            _ => event_date - Duration::days(i64::from(n)),
        };
        Ok(res.deadline(event_date, due, 0))
    }
}

/// [`Calendar::latest_notice`] on the default calendar.
pub fn latest_notice(
    rule_id: &str,
    event_date: NaiveDate,
    facts: CaseFacts,
) -> Result<Deadline, RuleError> {
    crate::default_calendar().latest_notice(rule_id, event_date, facts)
}

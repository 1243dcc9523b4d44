//! Periods that stop while a case is suspended (tạm đình chỉ): complaints from 01/7/2026
//! (Luật Khiếu nại Điều 11a, added by Luật 136/2025/QH15) and denunciations (Luật Tố cáo 2018
//! Điều 34 khoản 2). Only rules flagged `pauses_excluded` in data/rules.json accept pauses.

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::rules::{resolve, rule, CaseFacts, Deadline, LimitUnit, RuleError};

/// A suspension: the day of the suspension decision and, once taken, the day of the decision to
/// resume (`None` while the case is still suspended).
pub type Pause = (NaiveDate, Option<NaiveDate>);

impl Calendar {
    /// The deadline of `rule_id` from `start` when the case was suspended during `pauses`.
    ///
    /// Suspended time is not counted ("thời gian tạm đình chỉ không tính vào thời hạn"), and
    /// for complaints the period "runs again from the resumption decision". So the days from
    /// each suspension decision to its resumption decision, counted in the rule's unit
    /// (calendar days, or working days in `(from, to]`), are added to the period: the time used
    /// before the suspension stays used, the rest runs from the resumption.
    ///
    /// Returns `Ok(None)` when a pause is still open: the clock is stopped and there is no due
    /// date until the case resumes. Errors: the rule does not exclude suspended time, a pause
    /// starts before `start` or overlaps another, ends before it starts, or starts after the
    /// period (as extended by earlier pauses) had already run out.
    pub fn deadline_with_pauses(
        &self,
        rule_id: &str,
        start: NaiveDate,
        facts: CaseFacts,
        pauses: &[Pause],
    ) -> Result<Option<Deadline>, RuleError> {
        let r = rule(rule_id, start)?;
        let res = resolve(r, facts)?;
        if r.before_event {
            return Err(RuleError::BeforeEvent(r.id.clone()));
        }
        if !pauses.is_empty() && (!r.pauses_excluded || r.unit == LimitUnit::Months) {
            return Err(RuleError::NoPauses(r.id.clone()));
        }
        let bad = |p: &Pause, why: &'static str| RuleError::BadPause {
            id: r.id.clone(),
            from: p.0,
            to: p.1,
            why,
        };
        let mut sorted = pauses.to_vec();
        sorted.sort();
        let mut paused = 0;
        let mut free_from = start;
        for p in &sorted {
            let (from, to) = *p;
            if from < free_from {
                return Err(bad(
                    p,
                    "bắt đầu trước ngày tính thời hạn hoặc trùng lần khác",
                ));
            }
            let due_so_far = self.count_forward(r.unit, start, res.duration + paused);
            if from > due_so_far {
                return Err(bad(p, "bắt đầu sau khi thời hạn đã hết"));
            }
            let Some(to) = to else {
                return Ok(None);
            };
            if to < from {
                return Err(bad(p, "ngày tiếp tục trước ngày tạm đình chỉ"));
            }
            paused += match r.unit {
                LimitUnit::WorkingDays => self.working_days_between(from, to) as i32,
                _ => (to - from).num_days() as i32,
            };
            free_from = to;
        }
        let due = self.count_forward(r.unit, start, res.duration + paused);
        Ok(Some(res.deadline(start, due, paused)))
    }
}

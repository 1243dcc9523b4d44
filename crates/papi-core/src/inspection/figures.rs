//! What the half-year and annual reports count of inspections (seed II.4; reference §4: the
//! results feed the reports): checks carried out, scheduled and unannounced, findings,
//! findings remediated by their first deadline, and findings still open.

use chrono::NaiveDate;
use serde::Serialize;

use super::obligations::Record;
use super::{FindingStatus, Mode};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub scheduled_done: u32,
    pub unannounced_done: u32,
    pub findings: u32,
    pub remediated_on_time: u32,
    /// Findings of those checks not closed at the end of the period.
    pub open: u32,
}

/// The figures of the checks carried out between `from` and `to` (inclusive).
pub fn figures(records: &[Record], from: NaiveDate, to: NaiveDate) -> Figures {
    let mut out = Figures::default();
    for r in records {
        let Some(held) = r.inspection.held_on else {
            continue;
        };
        if held < from || held > to {
            continue;
        }
        match r.inspection.mode {
            Mode::Scheduled => out.scheduled_done += 1,
            Mode::Unannounced => out.unannounced_done += 1,
        }
        for (f, rechecks) in &r.findings {
            out.findings += 1;
            if f.remediated_on_time() {
                out.remediated_on_time += 1;
            }
            let closed_by_end =
                f.status(rechecks) == FindingStatus::Closed && f.closed_on.is_some_and(|d| d <= to);
            if !closed_by_end {
                out.open += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspection::tests::{check, day};
    use crate::inspection::Finding;

    #[test]
    fn counts_the_checks_done_in_the_period() {
        let mut a = check(Mode::Unannounced);
        a.held_on = Some(day(2025, 3, 3));
        let mut b = check(Mode::Scheduled);
        b.held_on = Some(day(2025, 5, 5));
        let c = check(Mode::Scheduled); // not carried out
        let mut late = check(Mode::Scheduled);
        late.held_on = Some(day(2025, 8, 1));
        let f = |id, remediated: Option<NaiveDate>, closed: Option<NaiveDate>| Finding {
            id,
            commune_id: 1,
            inspection_id: 1,
            text: "x".into(),
            owner_unit_id: 7,
            owner_name: "U".into(),
            found_on: day(2025, 3, 3),
            due: day(2025, 3, 20),
            first_due: day(2025, 3, 20),
            remediated_on: remediated,
            remediation: String::new(),
            closed_on: closed,
        };
        let recs = vec![
            Record {
                inspection: a,
                findings: vec![
                    (f(1, Some(day(2025, 3, 10)), Some(day(2025, 3, 12))), vec![]),
                    (f(2, Some(day(2025, 4, 10)), None), vec![]),
                ],
            },
            Record {
                inspection: b,
                findings: vec![(f(3, None, None), vec![])],
            },
            Record {
                inspection: c,
                findings: vec![],
            },
            Record {
                inspection: late,
                findings: vec![(f(4, None, None), vec![])],
            },
        ];
        let got = figures(&recs, day(2025, 1, 1), day(2025, 6, 30));
        assert_eq!(
            got,
            Figures {
                scheduled_done: 1,
                unannounced_done: 1,
                findings: 3,
                remediated_on_time: 1,
                open: 2,
            }
        );
    }
}

//! The reporting regime: periods with their data window and due dates, units' reports on their
//! tasks, and the figures of the commune report, computed from the data, never typed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::review::ReviewStatus;

use crate::{Dimension, Due, TaskStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Quarter,
    HalfYear,
    Annual,
    AdHoc,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 4] = [
        PeriodKind::HalfYear,
        PeriodKind::Annual,
        PeriodKind::Quarter,
        PeriodKind::AdHoc,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PeriodKind::Quarter => "quarter",
            PeriodKind::HalfYear => "half_year",
            PeriodKind::Annual => "annual",
            PeriodKind::AdHoc => "ad_hoc",
        }
    }

    pub fn parse(code: &str) -> Option<PeriodKind> {
        PeriodKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            PeriodKind::Quarter => "Báo cáo quý",
            PeriodKind::HalfYear => "Báo cáo 6 tháng đầu năm",
            PeriodKind::Annual => "Báo cáo năm",
            PeriodKind::AdHoc => "Báo cáo đột xuất",
        }
    }
}

/// A reporting period as a plan states it: the data window and the date the units' reports
/// are due. Stored for a plan, it becomes a [`Period`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedPeriod {
    pub kind: PeriodKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub due: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Period {
    pub id: i64,
    pub commune_id: i64,
    pub plan_id: i64,
    pub kind: PeriodKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// When units' reports are due at the office.
    pub unit_due: NaiveDate,
    /// When the commune's own report is due upstream, if set.
    pub commune_due: Option<NaiveDate>,
}

impl Period {
    /// The period as the plan stated it.
    pub fn planned(&self) -> PlannedPeriod {
        PlannedPeriod {
            kind: self.kind,
            from: self.from,
            to: self.to,
            due: self.unit_due,
        }
    }

    pub fn title(&self) -> String {
        format!(
            "{} (số liệu từ {} đến {})",
            self.kind.label(),
            crate::clock::format_date(self.from),
            crate::clock::format_date(self.to)
        )
    }
}

/// Checks a period the office enters.
pub fn validate_period(from: NaiveDate, to: NaiveDate, unit_due: NaiveDate) -> Result<(), String> {
    if to < from {
        return Err("Ngày kết thúc kỳ số liệu phải sau ngày bắt đầu.".into());
    }
    if unit_due <= to {
        return Err("Hạn gửi báo cáo phải sau ngày chốt số liệu.".into());
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitReport {
    pub id: i64,
    pub commune_id: i64,
    pub period_id: i64,
    pub unit_id: i64,
    pub status: ReviewStatus,
    pub first_submitted_on: Option<NaiveDate>,
    pub comment: String,
}

impl UnitReport {
    /// The report as the review flow sees it.
    pub fn reviewed(&self) -> crate::review::Reviewed {
        crate::review::Reviewed {
            kind: crate::review::ReviewedKind::UnitReport,
            id: self.id,
            commune_id: self.commune_id,
            status: self.status,
            first_submitted_on: self.first_submitted_on,
        }
    }
}

/// What the reporting regime puts on the agenda: each unit with tasks owes its report for
/// every period by the period's unit date, met when first submitted; the commune owes its
/// own report upstream when that date is set.
pub fn obligations(
    periods: &[Period],
    units_with_tasks: &[i64],
    reports: &[UnitReport],
) -> Vec<crate::agenda::Obligation> {
    let mut out = Vec::new();
    for p in periods {
        out.extend(units_with_tasks.iter().map(|&unit_id| {
            crate::agenda::Obligation {
                kind: crate::agenda::ObligationKind::UnitReport,
                title: p.kind.label().to_string(),
                due: p.unit_due,
                unit_id: Some(unit_id),
                subject_id: p.id,
                met_on: reports
                    .iter()
                    .find(|r| r.period_id == p.id && r.unit_id == unit_id)
                    .and_then(|r| r.first_submitted_on),
            }
        }));
        if let Some(due) = p.commune_due {
            out.push(crate::agenda::Obligation {
                kind: crate::agenda::ObligationKind::CommuneReport,
                title: format!("{} của UBND xã", p.kind.label()),
                due,
                unit_id: None,
                subject_id: p.id,
                met_on: None,
            });
        }
    }
    out
}

/// A unit's account of one task in the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitReportRow {
    pub task_id: i64,
    pub done: String,
    pub status: TaskStatus,
    pub progress: u8,
    /// Figures where the task has them, e.g. "12 buổi tuyên truyền; 1.450 lượt người".
    pub figures: String,
}

/// Checks the commune report's số/ký hiệu: a report is numbered `…/BC-…` (e.g. `125/BC-UBND`).
pub fn validate_report_number(number: &str) -> Result<(), String> {
    let ok = number.split_once('/').is_some_and(|(n, sym)| {
        !n.trim().is_empty()
            && n.trim().chars().all(|c| c.is_ascii_digit())
            && sym.starts_with("BC-")
    });
    if ok {
        Ok(())
    } else {
        Err("Số, ký hiệu báo cáo phải có dạng …/BC-UBND.".into())
    }
}

/// The tasks of a unit report that say nothing of what was done: it cannot be sent so.
pub fn rows_without_results(rows: &[UnitReportRow]) -> Vec<i64> {
    rows.iter()
        .filter(|r| r.done.trim().is_empty())
        .map(|r| r.task_id)
        .collect()
}

/// What the commune report counts for one dimension (or overall): tasks done, in progress,
/// late as of the window's end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub total: usize,
    pub done: usize,
    pub in_progress: usize,
    pub not_started: usize,
    pub late: usize,
}

/// One task as the figures need it: status and progress as of the window's end.
pub struct TaskAtEnd {
    pub dimension: Option<Dimension>,
    pub status: TaskStatus,
    pub due: Due,
    pub last_update_on: Option<NaiveDate>,
}

/// Counts tasks per dimension (index 0 = all) as they stood on `end`.
pub fn figures(
    tasks: &[TaskAtEnd],
    plan_year: i32,
    end: NaiveDate,
) -> Vec<(Option<Dimension>, Figures)> {
    let mut out: Vec<(Option<Dimension>, Figures)> = std::iter::once(None)
        .chain(Dimension::all().map(Some))
        .map(|d| (d, Figures::default()))
        .collect();
    for t in tasks.iter().filter(|t| t.status != TaskStatus::Cancelled) {
        let late = t.status != TaskStatus::Done
            && crate::task::is_late(t.due, plan_year, t.last_update_on, end);
        for (d, f) in out.iter_mut() {
            if d.is_some() && *d != t.dimension {
                continue;
            }
            f.total += 1;
            match t.status {
                TaskStatus::Done => f.done += 1,
                TaskStatus::InProgress => f.in_progress += 1,
                _ => f.not_started += 1,
            }
            if late {
                f.late += 1;
            }
        }
    }
    out
}

/// A progress report as the window needs it: the Vietnamese day it was filed.
pub struct Filed<'a> {
    pub task_id: i64,
    pub on: NaiveDate,
    pub text: &'a str,
    pub progress: u8,
    pub status: TaskStatus,
}

/// What a unit's report on a task starts from: the reports filed within the window (dated),
/// and the task's status and progress as of the window's end. `history` is oldest first.
pub fn prefill(
    task_id: i64,
    history: &[Filed<'_>],
    from: NaiveDate,
    to: NaiveDate,
) -> UnitReportRow {
    let mine: Vec<&Filed> = history
        .iter()
        .filter(|h| h.task_id == task_id && h.on <= to)
        .collect();
    let done = mine
        .iter()
        .filter(|h| h.on >= from)
        .map(|h| format!("{}: {}", crate::clock::format_date(h.on), h.text))
        .collect::<Vec<_>>()
        .join("\n");
    let (status, progress) = mine
        .last()
        .map(|h| (h.status, h.progress))
        .unwrap_or((TaskStatus::NotStarted, 0));
    UnitReportRow {
        task_id,
        done,
        status,
        progress,
        figures: String::new(),
    }
}

/// The date the facts of a report stand on, and whether anything about the period's end must
/// be shown as a projection: a report drawn before its period ends counts what is true today
/// and may only *project* to the end, never state it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsOf {
    /// The facts are counted up to this day: the period's end, or today if that is earlier.
    pub facts_on: NaiveDate,
    /// The period's end when it lies after today: figures for it are projections.
    pub projected_to: Option<NaiveDate>,
}

/// When the figures of `p` can be stated as facts, given `today`.
pub fn as_of(p: &Period, today: NaiveDate) -> AsOf {
    if today < p.to {
        AsOf {
            facts_on: today,
            projected_to: Some(p.to),
        }
    } else {
        AsOf {
            facts_on: p.to,
            projected_to: None,
        }
    }
}

impl AsOf {
    /// What the lateness figure is: the tasks past their deadline on the day of the facts.
    pub fn late_label(&self) -> String {
        format!(
            "Số nhiệm vụ chậm so với hạn (tính đến {})",
            crate::clock::format_date(self.facts_on)
        )
    }

    /// What a projected lateness figure is, if the period has not ended.
    pub fn projected_late_label(&self) -> Option<String> {
        self.projected_to.map(|to| {
            format!(
                "Số nhiệm vụ sẽ chậm so với hạn nếu chưa hoàn thành (dự kiến đến {})",
                crate::clock::format_date(to)
            )
        })
    }
}

/// A unit owing a report for a period, with the state of its report (none: not drawn up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitStanding {
    pub unit: String,
    pub status: Option<ReviewStatus>,
}

/// What is missing when the chairman approves the commune report: the period not yet over,
/// the units whose report is not accepted. Approving with anything missing needs the
/// chairman's explicit confirmation, naming it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalGaps {
    /// The period's end, when it is after today.
    pub period_open_until: Option<NaiveDate>,
    /// Units whose report is not accepted, with its state ("Chưa lập", "Đã gửi, chờ duyệt", …).
    pub unaccepted: Vec<(String, String)>,
}

/// The gaps of approving `p`'s commune report on `today`, given each owing unit's report.
pub fn approval_gaps(p: &Period, today: NaiveDate, units: &[UnitStanding]) -> ApprovalGaps {
    ApprovalGaps {
        period_open_until: (today < p.to).then_some(p.to),
        unaccepted: units
            .iter()
            .filter(|u| u.status != Some(ReviewStatus::Accepted))
            .map(|u| {
                let state = u.status.map(|s| s.label()).unwrap_or("Chưa lập");
                (u.unit.clone(), state.to_string())
            })
            .collect(),
    }
}

impl ApprovalGaps {
    /// Whether approving needs the chairman's explicit confirmation.
    pub fn needs_confirmation(&self) -> bool {
        self.period_open_until.is_some() || !self.unaccepted.is_empty()
    }

    /// The gaps in words, one line each, for the warning above the confirmation button.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(end) = self.period_open_until {
            out.push(format!(
                "Kỳ báo cáo chưa kết thúc: số liệu chốt đến ngày {}; các số liệu sau hôm nay chỉ là dự kiến.",
                crate::clock::format_date(end)
            ));
        }
        if !self.unaccepted.is_empty() {
            out.push(format!(
                "{} đơn vị chưa có báo cáo được chấp nhận: {}.",
                self.unaccepted.len(),
                self.unaccepted
                    .iter()
                    .map(|(u, s)| format!("{u} ({})", s.to_lowercase()))
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
        out
    }
}

/// Withdrawing the office's acceptance of a unit's document (report, sub-plan) so it can be
/// corrected: only an accepted document, only with a reason; it goes back to the unit as
/// returned, the reason as the office's comment.
pub fn withdraw_acceptance(status: ReviewStatus, reason: &str) -> Result<ReviewStatus, String> {
    if status != ReviewStatus::Accepted {
        return Err(format!(
            "Chỉ thu hồi được văn bản đã được chấp nhận (văn bản đang ở trạng thái “{}”).",
            status.label()
        ));
    }
    if reason.trim().is_empty() {
        return Err("Thu hồi chấp nhận cần ghi rõ lý do (ô “Lý do thu hồi”).".into());
    }
    Ok(ReviewStatus::Returned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    #[test]
    fn prefills_from_the_window() {
        let h = |on, text, progress, status| Filed {
            task_id: 7,
            on,
            text,
            progress,
            status,
        };
        let history = vec![
            h(d(1, 20), "Lập kế hoạch", 20, TaskStatus::InProgress),
            h(d(5, 2), "Niêm yết tại 3 thôn", 60, TaskStatus::InProgress),
            h(d(7, 2), "Hoàn thành", 100, TaskStatus::Done),
        ];
        let row = prefill(7, &history, d(1, 1), d(6, 30));
        assert_eq!(
            row.done,
            "20/01/2025: Lập kế hoạch\n02/05/2025: Niêm yết tại 3 thôn"
        );
        assert_eq!((row.status, row.progress), (TaskStatus::InProgress, 60));
        let none = prefill(8, &history, d(1, 1), d(6, 30));
        assert_eq!(
            (none.done.as_str(), none.status, none.progress),
            ("", TaskStatus::NotStarted, 0)
        );
    }

    #[test]
    fn report_numbers_and_empty_rows() {
        assert!(validate_report_number("125/BC-UBND").is_ok());
        assert!(validate_report_number("15/KH-UBND").is_err());
        assert!(validate_report_number("BC-UBND").is_err());
        let row = |id, done: &str| UnitReportRow {
            task_id: id,
            done: done.into(),
            status: TaskStatus::InProgress,
            progress: 0,
            figures: String::new(),
        };
        assert_eq!(
            rows_without_results(&[row(1, "Đã làm"), row(2, "  ")]),
            vec![2]
        );
    }

    #[test]
    fn periods_need_a_sane_window() {
        assert!(validate_period(d(1, 1), d(6, 30), d(7, 10)).is_ok());
        assert!(validate_period(d(7, 1), d(6, 30), d(7, 10)).is_err());
        assert!(validate_period(d(1, 1), d(6, 30), d(6, 30)).is_err());
    }

    #[test]
    fn counts_per_dimension_at_the_window_end() {
        let t = |dim: u8, status, due| TaskAtEnd {
            dimension: Dimension::new(dim),
            status,
            due: Due::Date(due),
            last_update_on: None,
        };
        let tasks = vec![
            t(1, TaskStatus::Done, d(3, 1)),
            t(1, TaskStatus::InProgress, d(5, 1)),
            t(2, TaskStatus::NotStarted, d(9, 1)),
            t(2, TaskStatus::Cancelled, d(1, 1)),
        ];
        let f = figures(&tasks, 2025, d(6, 30));
        assert_eq!(
            f[0].1,
            Figures {
                total: 3,
                done: 1,
                in_progress: 1,
                not_started: 1,
                late: 1
            }
        );
        assert_eq!(
            f[1].1,
            Figures {
                total: 2,
                done: 1,
                in_progress: 1,
                not_started: 0,
                late: 1
            }
        );
        assert_eq!(f[2].1.total, 1);
        assert_eq!(f[8].1.total, 0);
    }

    fn annual() -> Period {
        Period {
            id: 1,
            commune_id: 1,
            plan_id: 1,
            kind: PeriodKind::Annual,
            from: d(1, 1),
            to: d(12, 31),
            unit_due: NaiveDate::from_ymd_opt(2026, 1, 10).unwrap(),
            commune_due: None,
        }
    }

    #[test]
    fn only_an_accepted_document_is_withdrawn_and_with_a_reason() {
        assert_eq!(
            withdraw_acceptance(ReviewStatus::Accepted, "Sai số liệu thôn 3"),
            Ok(ReviewStatus::Returned)
        );
        assert!(withdraw_acceptance(ReviewStatus::Accepted, "  ")
            .unwrap_err()
            .contains("lý do"));
        for other in [
            ReviewStatus::Draft,
            ReviewStatus::Submitted,
            ReviewStatus::Returned,
        ] {
            assert!(withdraw_acceptance(other, "Lý do").is_err());
        }
    }

    #[test]
    fn figures_after_today_are_projections() {
        // The case: an annual report drawn on 15/10/2025.
        let a = as_of(&annual(), d(10, 15));
        assert_eq!(a.facts_on, d(10, 15));
        assert_eq!(a.projected_to, Some(d(12, 31)));
        assert_eq!(
            a.late_label(),
            "Số nhiệm vụ chậm so với hạn (tính đến 15/10/2025)"
        );
        assert!(a
            .projected_late_label()
            .unwrap()
            .contains("dự kiến đến 31/12/2025"));
        // On the last day and after it, the period's end is a fact.
        for today in [d(12, 31), NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()] {
            let a = as_of(&annual(), today);
            assert_eq!((a.facts_on, a.projected_to), (d(12, 31), None));
            assert_eq!(a.projected_late_label(), None);
        }
    }

    #[test]
    fn approving_early_or_without_accepted_reports_needs_confirmation() {
        let u = |name: &str, status| UnitStanding {
            unit: name.into(),
            status,
        };
        let units = [
            u("Công an xã", Some(ReviewStatus::Accepted)),
            u("Công chức Tư pháp - Hộ tịch", None),
            u("Công chức Văn hóa - Xã hội", Some(ReviewStatus::Submitted)),
        ];
        let g = approval_gaps(&annual(), d(10, 15), &units);
        assert!(g.needs_confirmation());
        assert_eq!(g.period_open_until, Some(d(12, 31)));
        assert_eq!(
            g.unaccepted,
            vec![
                (
                    "Công chức Tư pháp - Hộ tịch".to_string(),
                    "Chưa lập".to_string()
                ),
                (
                    "Công chức Văn hóa - Xã hội".to_string(),
                    ReviewStatus::Submitted.label().to_string()
                ),
            ]
        );
        let text = g.lines().join("\n");
        assert!(text.contains("31/12/2025") && text.contains("2 đơn vị"));
        assert!(text.contains("Công chức Tư pháp - Hộ tịch (chưa lập)"));
        // After the period, with every report accepted, nothing is missing.
        let all = [u("Công an xã", Some(ReviewStatus::Accepted))];
        let after = NaiveDate::from_ymd_opt(2026, 1, 12).unwrap();
        let g = approval_gaps(&annual(), after, &all);
        assert!(!g.needs_confirmation() && g.lines().is_empty());
        // The period over but a unit missing: still confirmed explicitly.
        assert!(approval_gaps(&annual(), after, &units).needs_confirmation());
    }
}

//! Findings and their way to closure. Seed II.4.a: each shortcoming found gets an owner unit
//! and a remediation deadline "có thời hạn cụ thể"; the owner reports what it fixed; a re-check
//! (tái kiểm tra) confirms it. A finding closes only on a re-check that confirms the fix; a
//! failed re-check keeps it open with a new deadline.

use chrono::NaiveDate;
use papi_calendar::Calendar;
use serde::Serialize;

use crate::{Actor, Role};

/// The commune's default remediation time, in working days from the check, used when the
/// inspector does not choose a date. Not a statutory number: the plan leaves it to the
/// commune.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RemediationDays(pub u32);

impl Default for RemediationDays {
    fn default() -> Self {
        RemediationDays(Self::DEFAULT)
    }
}

impl RemediationDays {
    /// Three working weeks: time to post what was missing or write the missing slips.
    pub const DEFAULT: u32 = 15;
    /// About a half-year's working days: longer would outlive the reporting period.
    pub const MAX: u32 = 120;

    pub fn parse(text: &str) -> Result<RemediationDays, String> {
        let n: u32 = text.trim().parse().map_err(|_| {
            format!(
                "Thời hạn khắc phục mặc định: «{}» không phải số ngày làm việc.",
                text.trim()
            )
        })?;
        if !(1..=Self::MAX).contains(&n) {
            return Err(format!(
                "Thời hạn khắc phục mặc định: từ 1 đến {} ngày làm việc.",
                Self::MAX
            ));
        }
        Ok(RemediationDays(n))
    }

    /// The default deadline for a finding made on `found_on`.
    pub fn deadline(self, cal: &Calendar, found_on: NaiveDate) -> NaiveDate {
        cal.add_working_days(found_on, self.0 as i32)
    }
}

/// One shortcoming found in a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub id: i64,
    pub commune_id: i64,
    pub inspection_id: i64,
    pub text: String,
    /// The unit that must fix it.
    pub owner_unit_id: i64,
    pub owner_name: String,
    pub found_on: NaiveDate,
    /// The remediation deadline in force (a failed re-check sets a new one).
    pub due: NaiveDate,
    /// The deadline first set, to judge "remediated on time" in the reports.
    pub first_due: NaiveDate,
    pub remediated_on: Option<NaiveDate>,
    pub remediation: String,
    pub closed_on: Option<NaiveDate>,
}

/// A re-check of a finding: when, by whom, whether the fix holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recheck {
    pub id: i64,
    pub finding_id: i64,
    pub on: NaiveDate,
    pub by: String,
    pub passed: bool,
    pub note: String,
    /// After a failed re-check: the new remediation deadline.
    pub new_due: Option<NaiveDate>,
}

/// Where a finding stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingStatus {
    /// Waiting for the owner unit to fix it.
    Open,
    /// The owner reported the fix; waiting for the re-check.
    Remediated,
    /// The last re-check confirmed the fix; may be closed.
    Confirmed,
    Closed,
}

impl FindingStatus {
    pub fn label(self) -> &'static str {
        match self {
            FindingStatus::Open => "Đang khắc phục",
            FindingStatus::Remediated => "Đã báo cáo khắc phục, chờ tái kiểm tra",
            FindingStatus::Confirmed => "Tái kiểm tra đạt, chờ đóng",
            FindingStatus::Closed => "Đã khắc phục, đã đóng",
        }
    }
}

impl Finding {
    /// The status from the finding and its re-checks (oldest first).
    pub fn status(&self, rechecks: &[Recheck]) -> FindingStatus {
        if self.closed_on.is_some() {
            return FindingStatus::Closed;
        }
        match rechecks.last() {
            Some(r) if r.passed => FindingStatus::Confirmed,
            Some(r) if self.remediated_on.is_some_and(|d| d > r.on) => FindingStatus::Remediated,
            Some(_) => FindingStatus::Open,
            None if self.remediated_on.is_some() => FindingStatus::Remediated,
            None => FindingStatus::Open,
        }
    }

    /// Open and past its deadline on `today`.
    pub fn is_overdue(&self, rechecks: &[Recheck], today: NaiveDate) -> bool {
        self.status(rechecks) == FindingStatus::Open && today > self.due
    }

    /// Remediation reported by the first deadline (what the reports count as on time).
    pub fn remediated_on_time(&self) -> bool {
        self.remediated_on.is_some_and(|d| d <= self.first_due)
    }
}

/// The deadline an inspector sets: after the day of the finding.
pub fn check_deadline(found_on: NaiveDate, due: NaiveDate) -> Result<(), String> {
    if due <= found_on {
        return Err("Thời hạn khắc phục: phải sau ngày phát hiện (ngày kiểm tra).".into());
    }
    Ok(())
}

/// The owner unit's head and officers report the remediation of its findings; the office and
/// the chairman may record it on their behalf. Nobody else.
pub fn can_report_remediation(actor: &Actor, f: &Finding) -> bool {
    if actor.commune_id != f.commune_id {
        return false;
    }
    match actor.role {
        Role::Chairman | Role::Office => true,
        Role::UnitHead | Role::Officer => actor.unit_id == Some(f.owner_unit_id),
        _ => false,
    }
}

/// A remediation report: on a finding not closed, not in the future, not before the finding.
pub fn report_remediation(
    f: &Finding,
    on: NaiveDate,
    text: &str,
    today: NaiveDate,
) -> Result<(), String> {
    if f.closed_on.is_some() {
        return Err("Kết luận kiểm tra này đã đóng; không cần báo cáo khắc phục.".into());
    }
    if text.trim().is_empty() {
        return Err("Báo cáo khắc phục: nêu việc đã làm để khắc phục.".into());
    }
    if on > today {
        return Err("Ngày khắc phục: không được sau ngày hôm nay.".into());
    }
    if on < f.found_on {
        return Err("Ngày khắc phục: không được trước ngày kiểm tra.".into());
    }
    Ok(())
}

/// A re-check: of a finding not closed, not in the future; a failed one needs a new deadline
/// after its day (the finding stays open).
pub fn recheck(f: &Finding, r: &Recheck, today: NaiveDate) -> Result<(), String> {
    if f.closed_on.is_some() {
        return Err("Kết luận kiểm tra này đã đóng.".into());
    }
    if r.on > today {
        return Err("Ngày tái kiểm tra: không được sau ngày hôm nay.".into());
    }
    if r.on < f.found_on {
        return Err("Ngày tái kiểm tra: không được trước ngày kiểm tra.".into());
    }
    if r.by.trim().is_empty() {
        return Err("Người tái kiểm tra: nhập họ tên, chức vụ người tái kiểm tra.".into());
    }
    if !r.passed {
        match r.new_due {
            None => {
                return Err(
                    "Tái kiểm tra chưa đạt: nhập thời hạn khắc phục mới (dd/mm/yyyy).".into(),
                )
            }
            Some(d) if d <= r.on => {
                return Err("Thời hạn khắc phục mới: phải sau ngày tái kiểm tra.".into())
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Closing a finding: refused unless a re-check confirmed the fix (seed II.4.a: remediation
/// is verified by re-checking, not taken on the unit's word).
pub fn close(f: &Finding, rechecks: &[Recheck], on: NaiveDate) -> Result<(), String> {
    match f.status(rechecks) {
        FindingStatus::Closed => Err("Kết luận kiểm tra này đã đóng.".into()),
        FindingStatus::Confirmed => {
            let last = rechecks.last().map(|r| r.on).unwrap_or(on);
            if on < last {
                return Err("Ngày đóng: không được trước ngày tái kiểm tra.".into());
            }
            Ok(())
        }
        FindingStatus::Remediated | FindingStatus::Open if rechecks.is_empty() => Err(
            "Chưa thể đóng: phải tái kiểm tra và xác nhận đã khắc phục trước khi đóng kết luận kiểm tra."
                .into(),
        ),
        _ => Err(
            "Chưa thể đóng: lần tái kiểm tra gần nhất chưa đạt; phải tái kiểm tra lại và xác nhận đã khắc phục."
                .into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspection::tests::day;

    pub fn finding() -> Finding {
        Finding {
            id: 5,
            commune_id: 1,
            inspection_id: 1,
            text: "Thiếu phiếu xin lỗi cho 2 hồ sơ trễ hạn".into(),
            owner_unit_id: 7,
            owner_name: "Văn phòng - Thống kê".into(),
            found_on: day(2025, 10, 1),
            due: day(2025, 10, 22),
            first_due: day(2025, 10, 22),
            remediated_on: None,
            remediation: String::new(),
            closed_on: None,
        }
    }

    fn re(on: NaiveDate, passed: bool, new_due: Option<NaiveDate>) -> Recheck {
        Recheck {
            id: 1,
            finding_id: 5,
            on,
            by: "Nguyễn Văn A, Chánh Văn phòng".into(),
            passed,
            note: String::new(),
            new_due,
        }
    }

    #[test]
    fn closing_without_a_confirming_recheck_is_refused() {
        let mut f = finding();
        let err = close(&f, &[], day(2025, 10, 20)).unwrap_err();
        assert!(err.contains("phải tái kiểm tra"), "{err}");
        // The unit's own word is not enough.
        f.remediated_on = Some(day(2025, 10, 15));
        f.remediation = "Đã lập phiếu".into();
        assert!(close(&f, &[], day(2025, 10, 20)).is_err());
        let failed = re(day(2025, 10, 16), false, Some(day(2025, 10, 30)));
        assert!(close(&f, std::slice::from_ref(&failed), day(2025, 10, 20))
            .unwrap_err()
            .contains("chưa đạt"));
        let passed = re(day(2025, 10, 31), true, None);
        assert!(close(&f, &[failed, passed], day(2025, 10, 31)).is_ok());
    }

    #[test]
    fn a_failed_recheck_needs_a_later_deadline() {
        let f = finding();
        let today = day(2025, 10, 23);
        assert!(recheck(&f, &re(day(2025, 10, 23), false, None), today)
            .unwrap_err()
            .contains("thời hạn khắc phục mới"));
        assert!(recheck(
            &f,
            &re(day(2025, 10, 23), false, Some(day(2025, 10, 23))),
            today
        )
        .is_err());
        assert!(recheck(
            &f,
            &re(day(2025, 10, 23), false, Some(day(2025, 11, 5))),
            today
        )
        .is_ok());
        assert!(recheck(&f, &re(day(2025, 10, 24), true, None), today).is_err());
        let mut nobody = re(day(2025, 10, 23), true, None);
        nobody.by = " ".into();
        assert!(recheck(&f, &nobody, today).is_err());
    }

    #[test]
    fn status_follows_remediation_and_rechecks() {
        let mut f = finding();
        assert_eq!(f.status(&[]), FindingStatus::Open);
        assert!(f.is_overdue(&[], day(2025, 10, 23)));
        assert!(!f.is_overdue(&[], day(2025, 10, 22)));
        f.remediated_on = Some(day(2025, 10, 10));
        assert_eq!(f.status(&[]), FindingStatus::Remediated);
        assert!(f.remediated_on_time());
        let failed = re(day(2025, 10, 12), false, Some(day(2025, 10, 30)));
        assert_eq!(f.status(std::slice::from_ref(&failed)), FindingStatus::Open);
        f.remediated_on = Some(day(2025, 10, 20));
        assert_eq!(
            f.status(std::slice::from_ref(&failed)),
            FindingStatus::Remediated
        );
        assert_eq!(
            f.status(&[failed, re(day(2025, 10, 21), true, None)]),
            FindingStatus::Confirmed
        );
        f.closed_on = Some(day(2025, 10, 21));
        assert_eq!(f.status(&[]), FindingStatus::Closed);
    }

    #[test]
    fn only_the_owner_unit_or_the_office_reports_remediation() {
        let f = finding();
        let a = |role, unit| Actor {
            user_id: 1,
            commune_id: 1,
            role,
            unit_id: unit,
        };
        assert!(can_report_remediation(&a(Role::UnitHead, Some(7)), &f));
        assert!(can_report_remediation(&a(Role::Officer, Some(7)), &f));
        assert!(can_report_remediation(&a(Role::Office, None), &f));
        assert!(can_report_remediation(&a(Role::Chairman, None), &f));
        assert!(!can_report_remediation(&a(Role::UnitHead, Some(8)), &f));
        assert!(!can_report_remediation(&a(Role::Front, None), &f));
        assert!(!can_report_remediation(&a(Role::VillageHead, None), &f));
        let mut other = a(Role::Office, None);
        other.commune_id = 2;
        assert!(!can_report_remediation(&other, &f));
    }

    #[test]
    fn remediation_reports_are_checked() {
        let f = finding();
        let today = day(2025, 10, 15);
        assert!(report_remediation(&f, day(2025, 10, 15), "", today).is_err());
        assert!(report_remediation(&f, day(2025, 10, 16), "Đã làm", today).is_err());
        assert!(report_remediation(&f, day(2025, 9, 30), "Đã làm", today).is_err());
        assert!(report_remediation(&f, day(2025, 10, 15), "Đã làm", today).is_ok());
    }

    #[test]
    fn the_default_deadline_counts_working_days() {
        let cal = Calendar::new();
        // Wednesday 01/10/2025 + 15 working days = Wednesday 22/10/2025 (no holiday between).
        assert_eq!(
            RemediationDays::default().deadline(&cal, day(2025, 10, 1)),
            day(2025, 10, 22)
        );
        assert!(RemediationDays::parse("0").is_err());
        assert!(RemediationDays::parse("abc").is_err());
        assert_eq!(RemediationDays::parse(" 10 "), Ok(RemediationDays(10)));
        assert!(check_deadline(day(2025, 10, 1), day(2025, 10, 1)).is_err());
        assert!(check_deadline(day(2025, 10, 1), day(2025, 10, 2)).is_ok());
    }
}

//! Inspections and self-checks (kiểm tra): plans, scheduled and unannounced checks,
//! checklists, findings with remediation deadlines and the re-check that closes them.
//!
//! No statute sets time limits for a commune's checks of its own units (Luật Thanh tra
//! 84/2025: a commune has no inspectorate; what it does is *kiểm tra*). The plan (seed II.4.a,
//! 1.4.b, 1.5.b) asks for unannounced checks, remediation "có thời hạn cụ thể" and re-checks, so
//! the remediation deadline is configurable data ([`RemediationDays`]), not a statutory rule.
//! The statutory hook is disclosure of the results (Luật 10/2022/QH15 Điều 11 khoản 10).

pub mod checklist;
pub mod figures;
pub mod finding;
pub mod obligations;
pub mod visibility;

use chrono::NaiveDate;
use serde::Serialize;

pub use checklist::{ChecklistKind, Criterion, Verdict};
pub use finding::{Finding, FindingStatus, Recheck, RemediationDays};
pub use visibility::Viewer;

/// How a check is announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Announced to the unit in the plan.
    Scheduled,
    /// Kiểm tra đột xuất: the date is kept from the inspected unit until the day.
    Unannounced,
}

impl Mode {
    pub fn code(self) -> &'static str {
        match self {
            Mode::Scheduled => "scheduled",
            Mode::Unannounced => "unannounced",
        }
    }

    pub fn parse(s: &str) -> Option<Mode> {
        match s.trim() {
            "scheduled" => Some(Mode::Scheduled),
            "unannounced" => Some(Mode::Unannounced),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Mode::Scheduled => "Theo kế hoạch",
            Mode::Unannounced => "Đột xuất",
        }
    }
}

/// What is checked: a unit (ban, ngành, công chức) or a village (thôn, tổ dân phố).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Target {
    Unit(i64),
    Village(i64),
}

/// One check of the year's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inspection {
    pub id: i64,
    pub commune_id: i64,
    pub year: i32,
    pub title: String,
    pub mode: Mode,
    pub checklist: ChecklistKind,
    pub target: Target,
    /// The unit's or village's name, for pages and the public list.
    pub target_name: String,
    pub planned_on: NaiveDate,
    /// The day the check was carried out, once recorded.
    pub held_on: Option<NaiveDate>,
    /// Who checked (names and positions, as the record has them).
    pub inspector: String,
    pub conclusion: String,
    pub concluded_on: Option<NaiveDate>,
    /// The disclosure register entry of the results (group 10), once opened.
    pub disclosure_id: Option<i64>,
}

/// Where a check stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Planned,
    Held,
    Concluded,
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::Planned => "Chưa kiểm tra",
            Stage::Held => "Đã kiểm tra, chưa kết luận",
            Stage::Concluded => "Đã kết luận",
        }
    }
}

impl Inspection {
    pub fn stage(&self) -> Stage {
        if self.concluded_on.is_some() {
            Stage::Concluded
        } else if self.held_on.is_some() {
            Stage::Held
        } else {
            Stage::Planned
        }
    }
}

/// Whether the check may be recorded as carried out on `on`: not before its planned day's
/// year starts, not in the future, and not twice.
pub fn can_record(i: &Inspection, on: NaiveDate, today: NaiveDate) -> Result<(), String> {
    if i.concluded_on.is_some() {
        return Err("Cuộc kiểm tra đã kết luận; không ghi lại ngày kiểm tra.".into());
    }
    if on > today {
        return Err(
            "Ngày kiểm tra: không được sau ngày hôm nay (chỉ ghi cuộc kiểm tra đã diễn ra).".into(),
        );
    }
    if chrono::Datelike::year(&on) != i.year {
        return Err(format!(
            "Ngày kiểm tra: phải trong năm {} của kế hoạch kiểm tra.",
            i.year
        ));
    }
    Ok(())
}

/// A check is concluded once it was carried out and every criterion of its checklist has a
/// verdict: the conclusion, disclosed under Đ.11 k.10, must rest on the whole checklist.
pub fn can_conclude(
    i: &Inspection,
    criteria: &[Criterion],
    conclusion: &str,
    on: NaiveDate,
) -> Result<(), String> {
    if i.concluded_on.is_some() {
        return Err("Cuộc kiểm tra đã kết luận.".into());
    }
    let Some(held) = i.held_on else {
        return Err("Chưa ghi ngày kiểm tra: ghi cuộc kiểm tra trước khi kết luận.".into());
    };
    if on < held {
        return Err("Ngày kết luận: không được trước ngày kiểm tra.".into());
    }
    let open: Vec<String> = criteria
        .iter()
        .filter(|c| c.verdict == Verdict::Unanswered)
        .map(|c| c.position.to_string())
        .collect();
    if !open.is_empty() {
        return Err(format!(
            "Chưa đánh giá tiêu chí số {} của bảng kiểm tra (đạt, không đạt hoặc không áp dụng).",
            open.join(", ")
        ));
    }
    if conclusion.trim().is_empty() {
        return Err("Kết luận: nhập nội dung kết luận kiểm tra.".into());
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    pub fn check(mode: Mode) -> Inspection {
        Inspection {
            id: 1,
            commune_id: 1,
            year: 2025,
            title: "Kiểm tra bộ phận một cửa".into(),
            mode,
            checklist: ChecklistKind::OneStopDesk,
            target: Target::Unit(7),
            target_name: "Văn phòng - Thống kê".into(),
            planned_on: day(2025, 10, 20),
            held_on: None,
            inspector: String::new(),
            conclusion: String::new(),
            concluded_on: None,
            disclosure_id: None,
        }
    }

    #[test]
    fn a_check_is_recorded_once_held_and_not_in_the_future() {
        let i = check(Mode::Unannounced);
        assert!(can_record(&i, day(2025, 10, 21), day(2025, 10, 20)).is_err());
        assert!(can_record(&i, day(2024, 12, 30), day(2025, 10, 20)).is_err());
        assert!(can_record(&i, day(2025, 10, 20), day(2025, 10, 20)).is_ok());
    }

    #[test]
    fn concluding_needs_the_check_and_every_verdict() {
        let mut i = check(Mode::Scheduled);
        let mut crit = ChecklistKind::OneStopDesk.criteria(1);
        assert!(can_conclude(&i, &crit, "Đạt", day(2025, 10, 20))
            .unwrap_err()
            .contains("Chưa ghi ngày kiểm tra"));
        i.held_on = Some(day(2025, 10, 20));
        let err = can_conclude(&i, &crit, "Đạt", day(2025, 10, 20)).unwrap_err();
        assert!(err.contains("tiêu chí số 1"), "{err}");
        for c in &mut crit {
            c.verdict = Verdict::Met;
        }
        assert!(can_conclude(&i, &crit, " ", day(2025, 10, 20)).is_err());
        assert!(can_conclude(&i, &crit, "Đạt yêu cầu", day(2025, 10, 19)).is_err());
        assert!(can_conclude(&i, &crit, "Đạt yêu cầu", day(2025, 10, 20)).is_ok());
    }
}

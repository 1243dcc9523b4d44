//! The commune's yearly PAPI plan and its items.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Dimension;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Plan {
    pub id: i64,
    pub commune_id: i64,
    /// Số/ký hiệu, e.g. `10/KH-UBND`.
    pub number: String,
    pub issued_on: NaiveDate,
    pub year: i32,
    pub title: String,
    /// The whole text of the plan as imported, kept so nothing the importer could not
    /// place is lost.
    pub full_text: String,
    /// "chậm nhất N ngày làm việc": the deadline for unit sub-plans.
    pub unit_plan_due_working_days: Option<u32>,
}

impl Plan {
    /// When the units' own plans are due: N working days after this plan was issued
    /// ("chậm nhất N ngày làm việc sau thời gian ban hành Kế hoạch", counted as the Civil Code
    /// counts, so Tết and weekends are skipped).
    pub fn unit_plan_due(&self, cal: &papi_calendar::Calendar) -> Option<NaiveDate> {
        self.unit_plan_due_working_days
            .map(|n| cal.add_working_days(self.issued_on, n as i32))
    }
}

/// Cross-cutting sections of a plan that belong to no single dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CrossCutting {
    /// Công tác thông tin, tuyên truyền.
    Outreach,
    /// Kiểm tra, giám sát việc thực hiện Kế hoạch.
    Inspection,
}

impl CrossCutting {
    pub fn code(self) -> &'static str {
        match self {
            CrossCutting::Outreach => "outreach",
            CrossCutting::Inspection => "inspection",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CrossCutting::Outreach => "Thông tin, tuyên truyền",
            CrossCutting::Inspection => "Kiểm tra, giám sát",
        }
    }
}

/// Where a plan item belongs: a dimension's content, or a cross-cutting section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "of")]
pub enum ItemKind {
    Content(Dimension),
    CrossCutting(CrossCutting),
}

impl ItemKind {
    /// Storage code: `content` / `outreach` / `inspection`.
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Content(_) => "content",
            ItemKind::CrossCutting(c) => c.code(),
        }
    }

    pub fn dimension(self) -> Option<Dimension> {
        match self {
            ItemKind::Content(d) => Some(d),
            ItemKind::CrossCutting(_) => None,
        }
    }

    pub fn from_parts(code: &str, dimension: Option<u8>) -> Option<ItemKind> {
        match code {
            "content" => dimension.and_then(Dimension::new).map(ItemKind::Content),
            "outreach" => Some(ItemKind::CrossCutting(CrossCutting::Outreach)),
            "inspection" => Some(ItemKind::CrossCutting(CrossCutting::Inspection)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanItem {
    pub id: i64,
    pub plan_id: i64,
    /// `1.2.d` for content, `TT.a` for outreach, `KT.b` for inspection.
    pub code: String,
    pub kind: ItemKind,
    pub text: String,
    pub position: i64,
}

/// The code of the `index`-th lettered item (0 → `a`, 4 → `đ`) of a section.
pub fn item_letter(index: usize) -> Option<&'static str> {
    const LETTERS: [&str; 12] = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m"];
    LETTERS.get(index).copied()
}

/// The code a plan item gets: `1.2.d`, `TT.a`, `KT.đ`.
pub fn item_code(kind: ItemKind, letter: &str) -> String {
    match kind {
        ItemKind::Content(d) => format!("1.{}.{}", d.number(), letter),
        ItemKind::CrossCutting(CrossCutting::Outreach) => format!("TT.{letter}"),
        ItemKind::CrossCutting(CrossCutting::Inspection) => format!("KT.{letter}"),
    }
}

/// Checks a plan number such as `10/KH-UBND`.
pub fn validate_number(number: &str) -> Result<(), String> {
    let ok = number.split_once('/').is_some_and(|(n, sym)| {
        !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && sym.contains("KH")
    });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "Số/ký hiệu “{number}” không đúng dạng (ví dụ: 10/KH-UBND)."
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_codes() {
        let d2 = ItemKind::Content(Dimension::new(2).unwrap());
        assert_eq!(item_code(d2, item_letter(3).unwrap()), "1.2.d");
        let tt = ItemKind::CrossCutting(CrossCutting::Inspection);
        assert_eq!(item_code(tt, item_letter(4).unwrap()), "KT.đ");
    }

    #[test]
    fn kinds_round_trip() {
        for k in [
            ItemKind::Content(Dimension::new(7).unwrap()),
            ItemKind::CrossCutting(CrossCutting::Outreach),
            ItemKind::CrossCutting(CrossCutting::Inspection),
        ] {
            assert_eq!(
                ItemKind::from_parts(k.code(), k.dimension().map(u8::from)),
                Some(k)
            );
        }
    }

    #[test]
    fn luong_tai_unit_plans_are_due_after_tet() {
        let plan = Plan {
            id: 1,
            commune_id: 1,
            number: "10/KH-UBND".into(),
            issued_on: NaiveDate::from_ymd_opt(2025, 1, 16).unwrap(),
            year: 2025,
            title: String::new(),
            full_text: String::new(),
            unit_plan_due_working_days: Some(15),
        };
        let cal = papi_calendar::Calendar::new();
        assert_eq!(
            plan.unit_plan_due(&cal),
            NaiveDate::from_ymd_opt(2025, 2, 13)
        );
        let none = Plan {
            unit_plan_due_working_days: None,
            ..plan
        };
        assert_eq!(none.unit_plan_due(&cal), None);
    }

    #[test]
    fn plan_numbers() {
        assert!(validate_number("10/KH-UBND").is_ok());
        assert!(validate_number("KH-UBND").is_err());
        assert!(validate_number("x/KH").is_err());
    }
}

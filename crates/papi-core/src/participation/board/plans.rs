//! A board's work plans and its checks or supervisions, with the notice each needs.

use chrono::NaiveDate;
use papi_calendar::{Calendar, CaseFacts, Deadline};
use serde::Serialize;

use super::{Board, BoardKind};

/// The span a board plan covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanPeriod {
    Quarter,
    HalfYear,
    Year,
    Term,
    Project,
}

impl PlanPeriod {
    pub fn code(self) -> &'static str {
        match self {
            PlanPeriod::Quarter => "quarter",
            PlanPeriod::HalfYear => "half_year",
            PlanPeriod::Year => "year",
            PlanPeriod::Term => "term",
            PlanPeriod::Project => "project",
        }
    }

    pub fn parse(s: &str) -> Option<PlanPeriod> {
        [
            PlanPeriod::Quarter,
            PlanPeriod::HalfYear,
            PlanPeriod::Year,
            PlanPeriod::Term,
            PlanPeriod::Project,
        ]
        .into_iter()
        .find(|p| p.code() == s.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            PlanPeriod::Quarter => "Quý",
            PlanPeriod::HalfYear => "6 tháng",
            PlanPeriod::Year => "Năm",
            PlanPeriod::Term => "Nhiệm kỳ",
            PlanPeriod::Project => "Theo dự án",
        }
    }
}

/// A work plan of a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardPlan {
    pub id: i64,
    pub board_id: i64,
    pub period: PlanPeriod,
    pub title: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// A BTTND plans by quarter, half-year, year and term (NĐ 59/2023/NĐ-CP Điều 14); a BGS plans
/// per project (Điều 18).
pub fn check_plan(kind: BoardKind, p: &BoardPlan) -> Result<(), String> {
    let fits = match kind {
        BoardKind::Inspection => p.period != PlanPeriod::Project,
        BoardKind::Investment => p.period == PlanPeriod::Project,
    };
    if !fits {
        return Err(format!(
            "Loại kế hoạch: {} lập kế hoạch {} (Nghị định 59/2023/NĐ-CP Điều {}).",
            kind.label(),
            if kind == BoardKind::Inspection {
                "theo quý, 6 tháng, năm và nhiệm kỳ"
            } else {
                "theo từng chương trình, dự án"
            },
            if kind == BoardKind::Inspection {
                14
            } else {
                18
            }
        ));
    }
    if p.title.trim().is_empty() {
        return Err("Tên kế hoạch: chưa nhập.".into());
    }
    if p.to < p.from {
        return Err("Đến ngày: phải sau ngày bắt đầu.".into());
    }
    Ok(())
}

/// A concrete check (BTTND) or supervision (BGS), and when its plan was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub id: i64,
    pub board_id: i64,
    /// What or whom the check is about.
    pub target: String,
    pub check_on: NaiveDate,
    pub notice_sent_on: Option<NaiveDate>,
    /// To whom the plan went: the MTTQ, the chairman and the target (BTTND); the investor (BGS).
    pub recipients: String,
}

/// The latest day the plan of a check may be sent.
pub fn notice_deadline(cal: &Calendar, kind: BoardKind, check_on: NaiveDate) -> Option<Deadline> {
    cal.latest_notice(kind.notice_rule(), check_on, CaseFacts::default())
        .ok()
}

/// Where a notice stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeStanding {
    OnTime,
    Late,
    /// Not sent, and its last day has passed.
    Missing,
    /// Not sent, still time.
    Pending,
}

impl NoticeStanding {
    pub fn label(self) -> &'static str {
        match self {
            NoticeStanding::OnTime => "Thông báo đúng hạn",
            NoticeStanding::Late => "Thông báo muộn",
            NoticeStanding::Missing => "Chưa thông báo, đã quá hạn",
            NoticeStanding::Pending => "Chưa thông báo",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            NoticeStanding::OnTime => "on_time",
            NoticeStanding::Late => "late",
            NoticeStanding::Missing => "missing",
            NoticeStanding::Pending => "pending",
        }
    }
}

/// Judges a check's notice against its latest day.
pub fn notice_standing(
    latest: NaiveDate,
    sent: Option<NaiveDate>,
    today: NaiveDate,
) -> NoticeStanding {
    match sent {
        Some(s) if s <= latest => NoticeStanding::OnTime,
        Some(_) => NoticeStanding::Late,
        None if today > latest => NoticeStanding::Missing,
        None => NoticeStanding::Pending,
    }
}

/// Checks a check before it is recorded.
pub fn check_check(board: &Board, c: &Check) -> Result<(), String> {
    if c.target.trim().is_empty() {
        return Err("Nội dung, đối tượng kiểm tra: chưa nhập.".into());
    }
    if let Some(s) = c.notice_sent_on {
        if s > c.check_on {
            return Err("Ngày gửi kế hoạch: không được sau ngày kiểm tra.".into());
        }
    }
    if !board.is_active(c.check_on) {
        return Err(
            "Ngày kiểm tra: Ban không hoạt động vào ngày này (chưa thành lập, đã giải thể \
                    hoặc hết nhiệm kỳ)."
                .into(),
        );
    }
    Ok(())
}

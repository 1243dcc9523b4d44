//! Supervision boards: the people's inspection board (BTTND) and the community investment
//! supervision boards (BGSĐTCĐ), their members, plans, notices and recommendations.
//!
//! The law's rules live here so the web form, the JSON API, the CLI and the demo refuse the
//! same things with the same words: who may sit on a board (Luật 10/2022/QH15 Điều 37, 42;
//! Nghị định 59/2023/NĐ-CP Điều 12, 16), how early a check or a supervision is announced
//! (NĐ 59/2023 Điều 14 khoản 1 điểm b; Luật 10/2022 Điều 45 khoản 1 điểm b), and the commune's
//! 15-day answer to a recommendation (Luật 10/2022 Điều 40 khoản 1 điểm c, Điều 45 khoản 2
//! điểm c). Time limits come from `rules.json` through the calendar, never typed here.

mod members;
mod plans;
mod recommendations;

pub use members::*;
pub use plans::*;
pub use recommendations::*;

use chrono::NaiveDate;
use papi_calendar::Calendar;
use serde::Serialize;

use crate::agenda::{Obligation, ObligationKind};
use crate::clock::format_date;

/// The two kinds of board a commune has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BoardKind {
    /// Ban Thanh tra nhân dân: one per commune, for the village heads' term.
    Inspection,
    /// Ban Giám sát đầu tư của cộng đồng: one per programme or project.
    Investment,
}

impl BoardKind {
    pub fn code(self) -> &'static str {
        match self {
            BoardKind::Inspection => "inspection",
            BoardKind::Investment => "investment",
        }
    }

    pub fn parse(s: &str) -> Option<BoardKind> {
        match s.trim() {
            "inspection" => Some(BoardKind::Inspection),
            "investment" => Some(BoardKind::Investment),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BoardKind::Inspection => "Ban Thanh tra nhân dân",
            BoardKind::Investment => "Ban Giám sát đầu tư của cộng đồng",
        }
    }

    pub fn short(self) -> &'static str {
        match self {
            BoardKind::Inspection => "BTTND",
            BoardKind::Investment => "BGSĐTCĐ",
        }
    }

    /// The rule of the commune's answer to the board's recommendations (15 calendar days).
    pub fn reply_rule(self) -> &'static str {
        match self {
            BoardKind::Inspection => "BTTND-REPLY",
            BoardKind::Investment => "BGS-REPLY",
        }
    }

    /// The rule of the notice before a check (BTTND, 5 working days) or a supervision (BGS, 45
    /// days, to the investor).
    pub fn notice_rule(self) -> &'static str {
        match self {
            BoardKind::Inspection => "BTTND-CHECK-NOTICE",
            BoardKind::Investment => "BGS-NOTICE",
        }
    }
}

/// A board as the commune records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Board {
    pub id: i64,
    pub commune_id: i64,
    pub kind: BoardKind,
    pub name: String,
    /// For a BGS: the programme or project it supervises.
    pub project: String,
    /// For a BGS: the contributions-ledger project it supervises, if linked.
    pub ledger_project_id: Option<i64>,
    pub established_on: NaiveDate,
    /// For a BTTND: the end of the village heads' term it shares.
    pub term_end: Option<NaiveDate>,
    /// The Front's decision recognising (BTTND) or setting up (BGS) the board.
    pub recognised_by: String,
    pub dissolved_on: Option<NaiveDate>,
}

impl Board {
    /// Whether the board works on `on`: set up, not dissolved, and within its term.
    pub fn is_active(&self, on: NaiveDate) -> bool {
        self.established_on <= on
            && self.dissolved_on.is_none_or(|d| on < d)
            && self.term_end.is_none_or(|t| on <= t)
    }
}

/// Checks a new board before it is recorded.
pub fn check_board(b: &Board) -> Result<(), String> {
    if b.name.trim().is_empty() {
        return Err("Tên ban: chưa nhập tên ban.".into());
    }
    if b.kind == BoardKind::Investment && b.project.trim().is_empty() {
        return Err(
            "Chương trình, dự án: mỗi Ban giám sát đầu tư của cộng đồng gắn với một chương trình, \
             dự án (Luật 10/2022/QH15 Điều 42); hãy nhập tên dự án."
                .into(),
        );
    }
    if let Some(end) = b.term_end {
        if end <= b.established_on {
            return Err("Hết nhiệm kỳ: phải sau ngày thành lập.".into());
        }
    }
    Ok(())
}

/// A board may be dissolved once: a BGS when its project is done (NĐ 59/2023/NĐ-CP Điều 16);
/// a BTTND ends with its term instead.
pub fn check_dissolve(board: &Board, on: NaiveDate) -> Result<(), String> {
    if board.kind == BoardKind::Inspection {
        return Err(
            "Ban Thanh tra nhân dân hoạt động theo nhiệm kỳ của Trưởng thôn, không giải thể theo \
             dự án."
                .into(),
        );
    }
    if let Some(d) = board.dissolved_on {
        return Err(format!("Ban đã giải thể ngày {}.", format_date(d)));
    }
    if on < board.established_on {
        return Err("Ngày giải thể: không được trước ngày thành lập.".into());
    }
    Ok(())
}

/// The commune's obligations towards its boards: each recommendation's answer, and each
/// check's notice that is not sent yet.
pub fn obligations(
    cal: &Calendar,
    boards: &[Board],
    recommendations: &[Recommendation],
    checks: &[Check],
) -> Vec<Obligation> {
    let mut out = Vec::new();
    for r in recommendations {
        let Some(b) = boards.iter().find(|b| b.id == r.board_id) else {
            continue;
        };
        if let Some(d) = answer_deadline(cal, b.kind, r.received_on) {
            out.push(Obligation {
                kind: ObligationKind::Participation,
                title: format!(
                    "Trả lời kiến nghị của {} nhận ngày {}",
                    b.kind.short(),
                    format_date(r.received_on)
                ),
                due: d.due,
                unit_id: None,
                subject_id: r.id,
                met_on: r.answered_on,
            });
        }
    }
    for c in checks.iter().filter(|c| c.notice_sent_on.is_none()) {
        let Some(b) = boards.iter().find(|b| b.id == c.board_id) else {
            continue;
        };
        if let Some(d) = notice_deadline(cal, b.kind, c.check_on) {
            out.push(Obligation {
                kind: ObligationKind::Participation,
                title: format!("{}: gửi kế hoạch kiểm tra «{}»", b.kind.short(), c.target),
                due: d.due,
                unit_id: None,
                subject_id: c.id,
                met_on: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;

//! A board's recommendations and the commune's 15-day answer; results of complaints and
//! denunciations told to the people's inspection board.

use chrono::NaiveDate;
use papi_calendar::{Calendar, CaseFacts, Deadline};
use serde::Serialize;

use super::{Board, BoardKind};
use crate::clock::format_date;

/// A recommendation (kiến nghị) of a board and the commune's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    pub id: i64,
    pub board_id: i64,
    pub received_on: NaiveDate,
    pub content: String,
    pub answer: String,
    pub answered_on: Option<NaiveDate>,
}

/// The last day of the commune's answer.
pub fn answer_deadline(
    cal: &Calendar,
    kind: BoardKind,
    received_on: NaiveDate,
) -> Option<Deadline> {
    cal.deadline(kind.reply_rule(), received_on, CaseFacts::default())
        .ok()
}

/// Whether a board may still send a recommendation received on `on`: a dissolved board cannot.
pub fn check_recommendation(
    board: &Board,
    r: &Recommendation,
    today: NaiveDate,
) -> Result<(), String> {
    if let Some(d) = board.dissolved_on {
        if r.received_on >= d {
            return Err(format!(
                "Ban đã giải thể ngày {}, không tiếp nhận kiến nghị mới của Ban.",
                format_date(d)
            ));
        }
    }
    if r.received_on < board.established_on {
        return Err("Ngày nhận kiến nghị: trước ngày thành lập Ban.".into());
    }
    if r.received_on > today {
        return Err("Ngày nhận kiến nghị: không được sau ngày hôm nay.".into());
    }
    if r.content.trim().is_empty() {
        return Err("Nội dung kiến nghị: chưa nhập.".into());
    }
    Ok(())
}

/// Checks the commune's answer to a recommendation.
pub fn check_answer(
    r: &Recommendation,
    answer: &str,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<(), String> {
    if r.answered_on.is_some() {
        return Err("Kiến nghị này đã được trả lời.".into());
    }
    if answer.trim().is_empty() {
        return Err("Nội dung trả lời: chưa nhập.".into());
    }
    if on < r.received_on {
        return Err("Ngày trả lời: không được trước ngày nhận kiến nghị.".into());
    }
    if on > today {
        return Err("Ngày trả lời: không được sau ngày hôm nay.".into());
    }
    Ok(())
}

/// Where the commune's answer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerStanding {
    OnTime,
    Late,
    Overdue,
    Open,
}

impl AnswerStanding {
    pub fn label(self) -> &'static str {
        match self {
            AnswerStanding::OnTime => "Trả lời đúng hạn",
            AnswerStanding::Late => "Trả lời quá hạn",
            AnswerStanding::Overdue => "Chưa trả lời, đã quá hạn",
            AnswerStanding::Open => "Đang chờ trả lời",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            AnswerStanding::OnTime => "on_time",
            AnswerStanding::Late => "late",
            AnswerStanding::Overdue => "overdue",
            AnswerStanding::Open => "open",
        }
    }
}

pub fn answer_standing(
    due: NaiveDate,
    answered: Option<NaiveDate>,
    today: NaiveDate,
) -> AnswerStanding {
    match answered {
        Some(a) if a <= due => AnswerStanding::OnTime,
        Some(_) => AnswerStanding::Late,
        None if today > due => AnswerStanding::Overdue,
        None => AnswerStanding::Open,
    }
}

/// The result of a residents' complaint or denunciation told to the BTTND (Luật 10/2022/QH15
/// Điều 40 khoản 1: the UBND "thông báo cho Ban Thanh tra nhân dân kết quả giải quyết khiếu
/// nại, tố cáo").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForwardedResult {
    pub id: i64,
    pub board_id: i64,
    pub matter_code: String,
    pub matter_title: String,
    pub sent_on: NaiveDate,
}

/// Only the BTTND is told the results, and only of a matter that is closed.
pub fn check_forward(
    board: &Board,
    matter_closed: bool,
    sent_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), String> {
    if board.kind != BoardKind::Inspection {
        return Err(
            "Kết quả giải quyết khiếu nại, tố cáo được gửi cho Ban Thanh tra nhân dân \
                    (Luật 10/2022/QH15 Điều 40 khoản 1)."
                .into(),
        );
    }
    if !matter_closed {
        return Err("Mã vụ việc: vụ việc chưa giải quyết xong, chưa có kết quả để gửi Ban.".into());
    }
    if sent_on > today {
        return Err("Ngày gửi: không được sau ngày hôm nay.".into());
    }
    Ok(())
}

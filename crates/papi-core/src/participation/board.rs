//! Supervision boards: the people's inspection board (BTTND) and the community investment
//! supervision boards (BGSĐTCĐ), their members, plans, notices and recommendations.
//!
//! The law's rules live here so the web form, the JSON API, the CLI and the demo refuse the
//! same things with the same words: who may sit on a board (Luật 10/2022/QH15 Điều 37, 42;
//! Nghị định 59/2023/NĐ-CP Điều 12, 16), how early a check or a supervision is announced
//! (NĐ 59/2023 Điều 14 khoản 1 điểm b; Luật 10/2022 Điều 45 khoản 1 điểm b), and the commune's
//! 15-day answer to a recommendation (Luật 10/2022 Điều 40 khoản 1 điểm c, Điều 45 khoản 2
//! điểm c). Time limits come from `rules.json` through the calendar, never typed here.

use chrono::NaiveDate;
use papi_calendar::{Calendar, CaseFacts, Deadline};
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

/// What a member does on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Head,
    Deputy,
    Member,
}

impl Position {
    pub fn code(self) -> &'static str {
        match self {
            Position::Head => "head",
            Position::Deputy => "deputy",
            Position::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<Position> {
        match s.trim() {
            "head" => Some(Position::Head),
            "deputy" => Some(Position::Deputy),
            "member" | "" => Some(Position::Member),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Position::Head => "Trưởng ban",
            Position::Deputy => "Phó Trưởng ban",
            Position::Member => "Thành viên",
        }
    }
}

/// Whom a member of a BGS represents (Luật 10/2022/QH15 Điều 42: the Front, the BTTND and the
/// residents of the affected villages). A BTTND member is a resident elected by a village.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Front,
    InspectionBoard,
    Resident,
}

impl Group {
    pub fn code(self) -> &'static str {
        match self {
            Group::Front => "front",
            Group::InspectionBoard => "bttnd",
            Group::Resident => "resident",
        }
    }

    pub fn parse(s: &str) -> Option<Group> {
        match s.trim() {
            "front" => Some(Group::Front),
            "bttnd" => Some(Group::InspectionBoard),
            "resident" | "" => Some(Group::Resident),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Group::Front => "Đại diện Ủy ban MTTQ xã",
            Group::InspectionBoard => "Đại diện Ban Thanh tra nhân dân",
            Group::Resident => "Người dân",
        }
    }
}

/// A member of a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub id: i64,
    pub board_id: i64,
    pub name: String,
    pub village_id: Option<i64>,
    pub position: Position,
    pub group: Group,
    pub joined_on: NaiveDate,
}

/// A person proposed as a member, with what the form declares about them and what the commune's
/// own records say (`matches_staff_user`: the name is one of the commune's staff accounts).
#[derive(Debug, Clone)]
pub struct Candidate {
    pub name: String,
    pub village_id: Option<i64>,
    pub position: Position,
    pub group: Group,
    /// Lives in the commune (the form's answer).
    pub resident: bool,
    /// "Is a commune official or village staff?" answered yes.
    pub declared_staff: bool,
    /// The name belongs to a staff account of the commune (chairman, office, officers, unit
    /// heads, village heads).
    pub matches_staff_user: bool,
    /// A relative of the investor, contractor, consultant or supervisor declared (BGS only).
    pub declared_relative: bool,
}

/// The fewest members a board has (Luật 10/2022/QH15 Điều 37, 42: "ít nhất 05").
pub const MIN_MEMBERS: usize = 5;
/// The most deputies a board has (NĐ 59/2023/NĐ-CP Điều 12, 16: "không quá 02 Phó Trưởng ban").
pub const MAX_DEPUTIES: usize = 2;

/// How many members a BTTND may have in a commune of `villages` villages. NĐ 59/2023/NĐ-CP
/// Điều 12: each village elects one member, and "xã có dưới 05 thôn thì được bầu tối đa 05
/// thành viên". So the ceiling is one per village, or 5 where there are fewer than 5 villages;
/// below 5 villages several members may then come from the same village.
pub fn max_inspection_members(villages: usize) -> usize {
    villages.max(MIN_MEMBERS)
}

/// Whether `c` may join `board`, given its current members and the commune's village count.
/// Every refusal says which field is wrong and quotes the law.
pub fn check_member(
    board: &Board,
    members: &[Member],
    c: &Candidate,
    villages: usize,
) -> Result<(), String> {
    if let Some(d) = board.dissolved_on {
        return Err(format!(
            "Ban đã giải thể ngày {}, không bổ sung thành viên.",
            format_date(d)
        ));
    }
    if c.name.trim().is_empty() {
        return Err("Họ và tên: chưa nhập họ tên thành viên.".into());
    }
    if !c.resident {
        return Err(format!(
            "Cư trú: thành viên {} phải là người dân cư trú trên địa bàn xã (Luật 10/2022/QH15 \
             Điều {}).",
            board.kind.short(),
            if board.kind == BoardKind::Inspection {
                37
            } else {
                42
            }
        ));
    }
    if c.declared_staff || c.matches_staff_user {
        let why = if c.declared_staff {
            "đã khai là cán bộ, công chức xã hoặc người làm việc ở thôn"
        } else {
            "trùng tên với một tài khoản cán bộ của xã"
        };
        return Err(format!(
            "Tư cách thành viên: {} {why}; cán bộ, công chức cấp xã và người làm việc ở thôn \
             không được làm thành viên {} (Luật 10/2022/QH15 Điều {}).",
            c.name.trim(),
            board.kind.label(),
            if board.kind == BoardKind::Inspection {
                37
            } else {
                42
            }
        ));
    }
    if board.kind == BoardKind::Investment && c.declared_relative {
        return Err(format!(
            "Quan hệ thân nhân: {} có người thân là chủ đầu tư, nhà thầu, tư vấn hoặc giám sát \
             của dự án nên không được làm thành viên Ban giám sát đầu tư của cộng đồng \
             (Luật 10/2022/QH15 Điều 42).",
            c.name.trim()
        ));
    }
    if c.position == Position::Deputy
        && members
            .iter()
            .filter(|m| m.position == Position::Deputy)
            .count()
            >= MAX_DEPUTIES
    {
        return Err(
            "Chức danh: Ban đã có 02 Phó Trưởng ban, không được quá 02 (Nghị định 59/2023/NĐ-CP \
             Điều 12, 16)."
                .into(),
        );
    }
    if c.position == Position::Head && members.iter().any(|m| m.position == Position::Head) {
        return Err("Chức danh: Ban đã có Trưởng ban.".into());
    }
    if board.kind == BoardKind::Inspection {
        let Some(village) = c.village_id else {
            return Err(
                "Thôn: thành viên Ban Thanh tra nhân dân do hội nghị thôn bầu; hãy chọn thôn \
                 bầu ra thành viên (Nghị định 59/2023/NĐ-CP Điều 12)."
                    .into(),
            );
        };
        let max = max_inspection_members(villages);
        if members.len() >= max {
            return Err(format!(
                "Số thành viên: Ban đã đủ {max} thành viên (mỗi thôn 01 thành viên; xã có dưới 05 \
                 thôn được bầu tối đa 05 — Nghị định 59/2023/NĐ-CP Điều 12)."
            ));
        }
        if villages >= MIN_MEMBERS && members.iter().any(|m| m.village_id == Some(village)) {
            return Err(
                "Thôn: thôn này đã có thành viên trong Ban Thanh tra nhân dân; mỗi thôn bầu 01 \
                 thành viên (Nghị định 59/2023/NĐ-CP Điều 12)."
                    .into(),
            );
        }
    }
    Ok(())
}

/// What is missing from a board's make-up, for the page (a board may be recorded while its
/// members are still being elected, so these are warnings, not refusals).
pub fn composition(board: &Board, members: &[Member], villages: &[(i64, String)]) -> Vec<String> {
    let mut out = Vec::new();
    if members.len() < MIN_MEMBERS {
        out.push(format!(
            "Ban mới có {} thành viên; cần ít nhất 05 (Luật 10/2022/QH15 Điều {}).",
            members.len(),
            if board.kind == BoardKind::Inspection {
                37
            } else {
                42
            }
        ));
    }
    match board.kind {
        BoardKind::Inspection if villages.len() >= MIN_MEMBERS => {
            let missing: Vec<&str> = villages
                .iter()
                .filter(|(id, _)| !members.iter().any(|m| m.village_id == Some(*id)))
                .map(|(_, n)| n.as_str())
                .collect();
            if !missing.is_empty() {
                out.push(format!(
                    "Chưa có thành viên của: {} (mỗi thôn 01 thành viên).",
                    missing.join(", ")
                ));
            }
        }
        BoardKind::Investment if !members.iter().any(|m| m.group == Group::Front) => {
            out.push("Chưa có đại diện Ủy ban MTTQ xã trong Ban.".into());
        }
        _ => {}
    }
    out
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
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn board(kind: BoardKind) -> Board {
        Board {
            id: 1,
            commune_id: 1,
            kind,
            name: kind.label().into(),
            project: "Đường thôn Đông".into(),
            ledger_project_id: None,
            established_on: d(2025, 1, 10),
            term_end: None,
            recognised_by: "Quyết định 01/QĐ-MTTQ".into(),
            dissolved_on: None,
        }
    }

    fn cand(name: &str, village: Option<i64>) -> Candidate {
        Candidate {
            name: name.into(),
            village_id: village,
            position: Position::Member,
            group: Group::Resident,
            resident: true,
            declared_staff: false,
            matches_staff_user: false,
            declared_relative: false,
        }
    }

    fn member(id: i64, village: i64, position: Position) -> Member {
        Member {
            id,
            board_id: 1,
            name: format!("Người {id}"),
            village_id: Some(village),
            position,
            group: Group::Resident,
            joined_on: d(2025, 1, 10),
        }
    }

    #[test]
    fn commune_staff_may_not_sit_on_the_inspection_board() {
        // Luật 10/2022/QH15 Điều 37: members are residents, not commune officials or village staff.
        let b = board(BoardKind::Inspection);
        let mut c = cand("Nguyễn Văn A", Some(1));
        assert!(check_member(&b, &[], &c, 6).is_ok());
        c.declared_staff = true;
        let e = check_member(&b, &[], &c, 6).unwrap_err();
        assert!(e.contains("cán bộ, công chức"), "{e}");
        c.declared_staff = false;
        c.matches_staff_user = true;
        assert!(check_member(&b, &[], &c, 6)
            .unwrap_err()
            .contains("tài khoản"));
        c.matches_staff_user = false;
        c.resident = false;
        assert!(check_member(&b, &[], &c, 6)
            .unwrap_err()
            .starts_with("Cư trú"));
    }

    #[test]
    fn one_member_per_village_and_at_most_five_below_five_villages() {
        // NĐ 59/2023/NĐ-CP Điều 12: one per village; fewer than 5 villages elect at most 5.
        let b = board(BoardKind::Inspection);
        let m = vec![member(1, 1, Position::Head)];
        let e = check_member(&b, &m, &cand("B", Some(1)), 6).unwrap_err();
        assert!(e.starts_with("Thôn"), "{e}");
        // Three villages: a second member from village 1 is allowed, up to five in all.
        assert!(check_member(&b, &m, &cand("B", Some(1)), 3).is_ok());
        let five: Vec<Member> = (1..=5)
            .map(|i| member(i, 1 + i % 3, Position::Member))
            .collect();
        let e = check_member(&b, &five, &cand("F", Some(2)), 3).unwrap_err();
        assert!(e.contains("tối đa 05"), "{e}");
        assert_eq!(max_inspection_members(3), 5);
        assert_eq!(max_inspection_members(6), 6);
        assert!(check_member(&b, &m, &cand("C", None), 6).is_err());
    }

    #[test]
    fn at_most_two_deputies_and_one_head() {
        let b = board(BoardKind::Inspection);
        let m = vec![
            member(1, 1, Position::Head),
            member(2, 2, Position::Deputy),
            member(3, 3, Position::Deputy),
        ];
        let mut c = cand("D", Some(4));
        c.position = Position::Deputy;
        assert!(check_member(&b, &m, &c, 6).unwrap_err().contains("02 Phó"));
        c.position = Position::Head;
        assert!(check_member(&b, &m, &c, 6).is_err());
    }

    #[test]
    fn a_relative_of_the_contractor_is_refused_and_a_dissolved_board_takes_nothing() {
        // Luật 10/2022/QH15 Điều 42: no relative of the investor, contractor, consultant, supervisor.
        let mut b = board(BoardKind::Investment);
        let mut c = cand("E", None);
        c.declared_relative = true;
        assert!(check_member(&b, &[], &c, 6)
            .unwrap_err()
            .contains("người thân"));
        c.declared_relative = false;
        assert!(check_member(&b, &[], &c, 6).is_ok());
        b.dissolved_on = Some(d(2025, 6, 1));
        assert!(check_member(&b, &[], &c, 6).is_err());
        let r = Recommendation {
            id: 0,
            board_id: 1,
            received_on: d(2025, 6, 2),
            content: "Kiến nghị".into(),
            answer: String::new(),
            answered_on: None,
        };
        assert!(check_recommendation(&b, &r, d(2025, 7, 1))
            .unwrap_err()
            .contains("giải thể"));
        let before = Recommendation {
            received_on: d(2025, 5, 20),
            ..r
        };
        assert!(check_recommendation(&b, &before, d(2025, 7, 1)).is_ok());
        assert!(check_dissolve(&b, d(2025, 7, 1)).is_err());
        assert!(check_dissolve(&board(BoardKind::Inspection), d(2025, 7, 1)).is_err());
        assert!(check_dissolve(&board(BoardKind::Investment), d(2025, 7, 1)).is_ok());
    }

    #[test]
    fn the_check_notice_is_five_working_days_and_the_investor_notice_45_days() {
        // NĐ 59/2023/NĐ-CP Điều 14 khoản 1 điểm b; Luật 10/2022/QH15 Điều 45 khoản 1 điểm b.
        let cal = Calendar::new();
        // A check on Monday 17/11/2025: five working days before is Monday 10/11/2025.
        let n = notice_deadline(&cal, BoardKind::Inspection, d(2025, 11, 17)).unwrap();
        assert_eq!(n.due, d(2025, 11, 10));
        assert_eq!(
            notice_standing(n.due, Some(d(2025, 11, 10)), d(2025, 11, 20)),
            NoticeStanding::OnTime
        );
        assert_eq!(
            notice_standing(n.due, Some(d(2025, 11, 12)), d(2025, 11, 20)),
            NoticeStanding::Late
        );
        assert_eq!(
            notice_standing(n.due, None, d(2025, 11, 11)),
            NoticeStanding::Missing
        );
        assert_eq!(
            notice_standing(n.due, None, d(2025, 11, 1)),
            NoticeStanding::Pending
        );
        let g = notice_deadline(&cal, BoardKind::Investment, d(2025, 12, 15)).unwrap();
        assert_eq!(g.due, d(2025, 10, 31));
    }

    #[test]
    fn the_commune_answers_in_fifteen_days() {
        // Luật 10/2022/QH15 Điều 40 khoản 1 điểm c: trả lời trong 15 ngày.
        let cal = Calendar::new();
        let due = answer_deadline(&cal, BoardKind::Inspection, d(2025, 9, 1))
            .unwrap()
            .due;
        assert_eq!(due, d(2025, 9, 16));
        assert_eq!(
            answer_standing(due, Some(d(2025, 9, 10)), d(2025, 10, 1)),
            AnswerStanding::OnTime
        );
        assert_eq!(
            answer_standing(due, Some(d(2025, 9, 20)), d(2025, 10, 1)),
            AnswerStanding::Late
        );
        assert_eq!(
            answer_standing(due, None, d(2025, 10, 1)),
            AnswerStanding::Overdue
        );
        assert_eq!(
            answer_standing(due, None, d(2025, 9, 5)),
            AnswerStanding::Open
        );
        let b = board(BoardKind::Inspection);
        let r = Recommendation {
            id: 9,
            board_id: 1,
            received_on: d(2025, 9, 1),
            content: "x".into(),
            answer: String::new(),
            answered_on: None,
        };
        let o = obligations(&cal, &[b], std::slice::from_ref(&r), &[]);
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].due, due);
        assert!(check_answer(&r, "", d(2025, 9, 2), d(2025, 10, 1)).is_err());
        assert!(check_answer(&r, "Đã xử lý", d(2025, 8, 2), d(2025, 10, 1)).is_err());
        assert!(check_answer(&r, "Đã xử lý", d(2025, 9, 2), d(2025, 10, 1)).is_ok());
    }

    #[test]
    fn plans_fit_the_board_and_results_go_to_the_inspection_board_only() {
        let p = BoardPlan {
            id: 0,
            board_id: 1,
            period: PlanPeriod::Quarter,
            title: "Kế hoạch quý IV".into(),
            from: d(2025, 10, 1),
            to: d(2025, 12, 31),
        };
        assert!(check_plan(BoardKind::Inspection, &p).is_ok());
        assert!(check_plan(BoardKind::Investment, &p).is_err());
        let today = d(2025, 10, 1);
        assert!(check_forward(&board(BoardKind::Inspection), true, today, today).is_ok());
        assert!(check_forward(&board(BoardKind::Inspection), false, today, today).is_err());
        assert!(check_forward(&board(BoardKind::Investment), true, today, today).is_err());
    }

    #[test]
    fn composition_names_the_villages_without_a_member() {
        let b = board(BoardKind::Inspection);
        let villages: Vec<(i64, String)> = (1..=6).map(|i| (i, format!("Thôn {i}"))).collect();
        let m: Vec<Member> = (1..=5).map(|i| member(i, i, Position::Member)).collect();
        let w = composition(&b, &m, &villages);
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("Thôn 6"));
    }
}

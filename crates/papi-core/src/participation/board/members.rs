//! Who sits on a board: positions, the groups a BGS member represents, eligibility and make-up.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Board, BoardKind};
use crate::clock::format_date;

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

//! Adding a member to a board, with the eligibility checks of papi-core fed from the commune's
//! own records: a name that is one of the commune's staff accounts is refused as a commune
//! official, whatever the form says.

use papi_core::participation::board::{self as rules, Candidate, Group, Member, Position};
use papi_core::text::{fold, limits};
use papi_core::{Action, Actor, Role};

use super::{allowed, board, villages};
use crate::error::{Error, Result};
use crate::voice::reception::parse_day;
use crate::App;

/// A member as typed in the form (or sent to the API).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct MemberInput {
    pub name: String,
    /// The village's id, as the select sends it; empty for none.
    pub village_id: String,
    /// `head`, `deputy` or `member`.
    pub position: String,
    /// `front`, `bttnd` or `resident`.
    pub group: String,
    /// Lives in the commune.
    pub resident: bool,
    /// Answered yes to "is a commune official or village staff?".
    pub commune_staff: bool,
    /// Declared a relative among the investor, contractor, consultant or supervisor.
    pub relative: bool,
    pub joined_on: String,
}

/// The roles of the commune's officials and village staff: their holders may not sit on a
/// board (Luật 10/2022/QH15 Điều 37, 42).
fn is_staff_role(role: Role) -> bool {
    matches!(
        role,
        Role::Chairman | Role::Office | Role::UnitHead | Role::Officer | Role::VillageHead
    )
}

/// Adds a member to a board; a refusal says which field and quotes the law.
pub async fn add_member(
    app: &App,
    actor: &Actor,
    by: &str,
    board_id: i64,
    input: MemberInput,
) -> Result<i64> {
    allowed(actor, Action::ManageBoards)?;
    let b = board(app, actor, board_id).await?;
    let cid = actor.commune_id;
    let villages = villages(app, cid).await?;
    let village = input.village_id.trim();
    let village_id = if village.is_empty() {
        None
    } else {
        let id = village.parse::<i64>().ok();
        if !villages.iter().any(|(v, _)| Some(*v) == id) {
            return Err(Error::Invalid(format!(
                "Thôn: «{village}» không phải thôn của xã."
            )));
        }
        id
    };
    let position = Position::parse(&input.position)
        .ok_or_else(|| Error::Invalid(format!("Chức danh: không rõ «{}».", input.position)))?;
    let group = Group::parse(&input.group)
        .ok_or_else(|| Error::Invalid(format!("Thành phần: không rõ «{}».", input.group)))?;
    limits::check("Họ và tên", &input.name, limits::NAME).map_err(Error::Invalid)?;
    let name = input.name.trim().to_string();
    let users = papi_store::org::users(&app.store, cid).await?;
    let folded = fold(&name);
    let matches_staff_user = !folded.is_empty()
        && users
            .iter()
            .any(|u| u.active && is_staff_role(u.role) && fold(&u.full_name) == folded);
    let members = papi_store::participation::board::members(&app.store, cid, board_id).await?;
    let c = Candidate {
        name: name.clone(),
        village_id,
        position,
        group,
        resident: input.resident,
        declared_staff: input.commune_staff,
        matches_staff_user,
        declared_relative: input.relative,
    };
    rules::check_member(&b, &members, &c, villages.len()).map_err(Error::Invalid)?;
    let m = Member {
        id: 0,
        board_id,
        name,
        village_id,
        position,
        group,
        joined_on: parse_day("Ngày tham gia", &input.joined_on)?.unwrap_or(app.today()),
    };
    let mut w = app.store.begin_write().await?;
    let id = papi_store::participation::board::add_member(&mut w, by, cid, &m).await?;
    w.commit().await?;
    Ok(id)
}

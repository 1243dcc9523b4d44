//! Supervision boards: the people's inspection board (BTTND) and the community investment
//! supervision boards (BGSĐTCĐ), their members, plans, notices and recommendations.
//!
//! Boards are set up and their papers recorded by the chairman, the office and the Front
//! (`Action::ManageBoards`); every staff member reads them. The rules are papi-core's
//! (`papi_core::participation::board`); this module reads, checks with them and writes.

mod members;
mod public;
mod work;

use chrono::NaiveDate;
use papi_core::agenda::Obligation;
use papi_core::participation::board::{
    self as rules, AnswerStanding, Board, BoardKind, BoardPlan, Check, ForwardedResult, Member,
    NoticeStanding, Recommendation,
};
use papi_core::{Action, Actor};

use crate::error::{Error, Result};
use crate::voice::reception::{parse_day, required_day};
use crate::App;

pub use members::{add_member, MemberInput};
pub use public::{public_boards, PublicBoard};
pub use work::{
    add_check, add_plan, add_recommendation, answer, dissolve, send_result, AnswerInput,
    CheckInput, PlanInput, RecommendationInput,
};

/// The role check, repeated here because the CLI and the demo reach these functions without
/// the web's route guard.
fn allowed(actor: &Actor, action: Action) -> Result<()> {
    if actor.can(action) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// A board of the actor's commune; `NotFound` for another commune's.
async fn board(app: &App, actor: &Actor, id: i64) -> Result<Board> {
    Ok(papi_store::participation::board::get(&app.store, actor.commune_id, id).await?)
}

/// The commune's villages as (id, name).
pub(crate) async fn villages(app: &App, commune_id: i64) -> Result<Vec<(i64, String)>> {
    Ok(papi_store::org::villages(&app.store, commune_id)
        .await?
        .into_iter()
        .map(|v| (v.id, v.name))
        .collect())
}

/// A new board as typed in the form.
#[derive(Debug, Clone, Default)]
pub struct BoardInput {
    /// `inspection` or `investment`.
    pub kind: String,
    pub name: String,
    pub project: String,
    pub ledger_project_id: String,
    pub established_on: String,
    pub term_end: String,
    pub recognised_by: String,
}

/// Records a new board; errors name the field.
pub async fn create(app: &App, actor: &Actor, by: &str, input: BoardInput) -> Result<i64> {
    allowed(actor, Action::ManageBoards)?;
    let kind = BoardKind::parse(&input.kind).ok_or_else(|| {
        Error::Invalid(
            "Loại ban: chọn Ban Thanh tra nhân dân hoặc Ban giám sát đầu tư của cộng đồng.".into(),
        )
    })?;
    let ledger = input.ledger_project_id.trim();
    let ledger_project_id = if ledger.is_empty() {
        None
    } else {
        Some(ledger.parse::<i64>().map_err(|_| {
            Error::Invalid(format!(
                "Dự án trong sổ đóng góp: «{ledger}» không phải số hiệu dự án."
            ))
        })?)
    };
    if kind == BoardKind::Inspection && ledger_project_id.is_some() {
        return Err(Error::Invalid(
            "Dự án trong sổ đóng góp: chỉ Ban giám sát đầu tư của cộng đồng gắn với dự án.".into(),
        ));
    }
    let b = Board {
        id: 0,
        commune_id: actor.commune_id,
        kind,
        name: input.name.trim().to_string(),
        project: input.project.trim().to_string(),
        ledger_project_id,
        established_on: required_day("Ngày thành lập", &input.established_on)?,
        term_end: parse_day("Hết nhiệm kỳ", &input.term_end)?,
        recognised_by: input.recognised_by.trim().to_string(),
        dissolved_on: None,
    };
    rules::check_board(&b).map_err(Error::Invalid)?;
    if kind == BoardKind::Inspection {
        let boards = papi_store::participation::board::list(&app.store, actor.commune_id).await?;
        if boards
            .iter()
            .any(|o| o.kind == BoardKind::Inspection && o.is_active(b.established_on))
        {
            return Err(Error::Invalid(
                "Loại ban: xã đã có Ban Thanh tra nhân dân đang hoạt động (mỗi xã một Ban — Luật \
                 10/2022/QH15 Điều 36)."
                    .into(),
            ));
        }
    }
    let mut w = app.store.begin_write().await?;
    let id = papi_store::participation::board::insert(&mut w, by, &b).await?;
    w.commit().await?;
    Ok(id)
}

/// One board in the list.
#[derive(Debug, Clone)]
pub struct BoardSummary {
    pub board: Board,
    pub active: bool,
    pub members: usize,
    pub open_recommendations: usize,
}

/// The commune's boards.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<BoardSummary>> {
    let cid = actor.commune_id;
    let boards = papi_store::participation::board::list(&app.store, cid).await?;
    let recs = papi_store::participation::board::recommendations(&app.store, cid, None).await?;
    let mut out = Vec::new();
    for b in boards {
        let members = papi_store::participation::board::members(&app.store, cid, b.id).await?;
        out.push(BoardSummary {
            active: b.is_active(app.today()),
            members: members.len(),
            open_recommendations: recs
                .iter()
                .filter(|r| r.board_id == b.id && r.answered_on.is_none())
                .count(),
            board: b,
        });
    }
    Ok(out)
}

/// A check with the latest day of its notice and how the notice stands.
#[derive(Debug, Clone)]
pub struct CheckView {
    pub check: Check,
    pub latest: Option<NaiveDate>,
    pub standing: Option<NoticeStanding>,
    pub source: String,
}

/// A recommendation with its answer's last day and how the answer stands.
#[derive(Debug, Clone)]
pub struct RecommendationView {
    pub rec: Recommendation,
    pub due: Option<NaiveDate>,
    pub standing: Option<AnswerStanding>,
    pub source: String,
}

/// Everything the board's page shows.
#[derive(Debug, Clone)]
pub struct BoardView {
    pub board: Board,
    pub active: bool,
    pub members: Vec<Member>,
    pub plans: Vec<BoardPlan>,
    pub checks: Vec<CheckView>,
    pub recommendations: Vec<RecommendationView>,
    pub results: Vec<ForwardedResult>,
    /// What the board's make-up lacks.
    pub warnings: Vec<String>,
    pub villages: Vec<(i64, String)>,
}

pub(crate) fn check_view(app: &App, kind: BoardKind, c: Check) -> CheckView {
    let d = rules::notice_deadline(&app.calendar(), kind, c.check_on);
    CheckView {
        latest: d.as_ref().map(|d| d.due),
        standing: d
            .as_ref()
            .map(|d| rules::notice_standing(d.due, c.notice_sent_on, app.today())),
        source: d.map(|d| d.source).unwrap_or_default(),
        check: c,
    }
}

pub(crate) fn rec_view(app: &App, kind: BoardKind, r: Recommendation) -> RecommendationView {
    let d = rules::answer_deadline(&app.calendar(), kind, r.received_on);
    RecommendationView {
        due: d.as_ref().map(|d| d.due),
        standing: d
            .as_ref()
            .map(|d| rules::answer_standing(d.due, r.answered_on, app.today())),
        source: d.map(|d| d.source).unwrap_or_default(),
        rec: r,
    }
}

/// One board with its members, plans, checks, recommendations and results.
pub async fn view(app: &App, actor: &Actor, id: i64) -> Result<BoardView> {
    allowed(actor, Action::ViewStaffPages)?;
    let b = board(app, actor, id).await?;
    let cid = actor.commune_id;
    let store = &app.store;
    let members = papi_store::participation::board::members(store, cid, id).await?;
    let villages = villages(app, cid).await?;
    let checks = papi_store::participation::board::checks(store, cid, Some(id)).await?;
    let recs = papi_store::participation::board::recommendations(store, cid, Some(id)).await?;
    Ok(BoardView {
        active: b.is_active(app.today()),
        warnings: rules::composition(&b, &members, &villages),
        members,
        plans: papi_store::participation::board::plans(store, cid, id).await?,
        checks: checks
            .into_iter()
            .map(|c| check_view(app, b.kind, c))
            .collect(),
        recommendations: recs.into_iter().map(|r| rec_view(app, b.kind, r)).collect(),
        results: papi_store::participation::board::results(store, cid, id).await?,
        villages,
        board: b,
    })
}

/// What falls due in this process that `actor` may see (merged into the agenda by
/// `agenda::process_obligations`): the answers to boards' recommendations and the notices of
/// planned checks.
pub async fn obligations(app: &crate::App, actor: &papi_core::Actor) -> Result<Vec<Obligation>> {
    if !actor.can(Action::ViewStaffPages) {
        return Ok(Vec::new());
    }
    let cid = actor.commune_id;
    let boards = papi_store::participation::board::list(&app.store, cid).await?;
    if boards.is_empty() {
        return Ok(Vec::new());
    }
    let recs = papi_store::participation::board::recommendations(&app.store, cid, None).await?;
    let checks = papi_store::participation::board::checks(&app.store, cid, None).await?;
    Ok(rules::obligations(&app.calendar(), &boards, &recs, &checks))
}

/// The name of the board supervising a contributions project of the ledger, if one does.
pub async fn board_for_project(
    app: &crate::App,
    commune_id: i64,
    project_id: i64,
) -> Result<Option<String>> {
    let boards =
        papi_store::participation::board::for_ledger_project(&app.store, commune_id, project_id)
            .await?;
    Ok(boards
        .into_iter()
        .find(|b| b.is_active(app.today()))
        .map(|b| b.name))
}

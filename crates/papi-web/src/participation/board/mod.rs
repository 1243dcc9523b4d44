//! Supervision boards: the people's inspection board (BTTND) and the community investment
//! supervision boards (BGSĐTCĐ), their members, plans, notices and recommendations.
//!
//! `/staff/participation/boards` lists the boards and sets one up; `/staff/participation/boards/{id}`
//! is one board with its papers, every form posting back to it. A refused form comes back with
//! the message and status 422; a saved one redirects, or shows its warning (a late notice).

mod api;
mod forms;
mod public;

pub use api::api_add_member;
pub use forms::{
    add_check, add_member, add_plan, add_recommendation, answer, dissolve, send_result,
};
pub use public::public_boards;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect};
use papi_app::participation::board::{self as svc, BoardInput, BoardView};
use papi_core::clock::format_date;
use papi_core::participation::board::BoardKind;
use papi_core::Action;

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::view::{form_page, Nav, SavedQuery};
use crate::AppState;

/// One board in the list.
pub struct Row {
    pub id: i64,
    pub name: String,
    pub kind: &'static str,
    pub project: String,
    pub established: String,
    pub status: String,
    pub members: usize,
    pub open: usize,
}

#[derive(Template)]
#[template(path = "participation_boards.html")]
struct ListPage {
    nav: Nav,
    rows: Vec<Row>,
    can_manage: bool,
    errors: Vec<String>,
    saved: bool,
    form: BoardForm,
}

/// The new-board form as typed.
#[derive(Default)]
pub struct BoardForm {
    pub kind: String,
    pub name: String,
    pub project: String,
    pub ledger_project_id: String,
    pub established_on: String,
    pub term_end: String,
    pub recognised_by: String,
}

impl BoardForm {
    fn from_pairs(f: &FormPairs) -> BoardForm {
        BoardForm {
            kind: f.get("kind").into(),
            name: f.get("name").into(),
            project: f.get("project").into(),
            ledger_project_id: f.get("ledger_project_id").into(),
            established_on: f.get("established_on").into(),
            term_end: f.get("term_end").into(),
            recognised_by: f.get("recognised_by").into(),
        }
    }

    fn input(&self) -> BoardInput {
        BoardInput {
            kind: self.kind.clone(),
            name: self.name.clone(),
            project: self.project.clone(),
            ledger_project_id: self.ledger_project_id.clone(),
            established_on: self.established_on.clone(),
            term_end: self.term_end.clone(),
            recognised_by: self.recognised_by.clone(),
        }
    }
}

async fn list_page(
    state: &AppState,
    user: &CurrentUser,
    errors: Vec<String>,
    saved: bool,
    form: BoardForm,
) -> Result<ListPage, AppError> {
    let actor = user.actor();
    let boards = svc::list(state, &actor).await?;
    Ok(ListPage {
        nav: Nav::new(user, state, "participation"),
        rows: boards
            .into_iter()
            .map(|s| Row {
                id: s.board.id,
                kind: s.board.kind.label(),
                project: s.board.project.clone(),
                established: format_date(s.board.established_on),
                status: status(&s.board, s.active),
                members: s.members,
                open: s.open_recommendations,
                name: s.board.name,
            })
            .collect(),
        can_manage: actor.can(Action::ManageBoards),
        errors,
        saved,
        form,
    })
}

pub(crate) fn status(b: &papi_core::participation::board::Board, active: bool) -> String {
    match b.dissolved_on {
        Some(d) => format!("Đã giải thể ngày {}", format_date(d)),
        None if active => "Đang hoạt động".into(),
        None => "Không hoạt động (hết nhiệm kỳ hoặc chưa thành lập)".into(),
    }
}

/// `GET /staff/participation/boards`.
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<SavedQuery>,
) -> PageResult {
    let p = list_page(
        &state,
        &user,
        vec![],
        q.saved.is_some(),
        BoardForm::default(),
    )
    .await?;
    Ok(Html(p.render()?).into_response())
}

/// `POST /staff/participation/boards`: sets up a board.
pub async fn create(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let form = BoardForm::from_pairs(&f);
    match svc::create(&state, &user.actor(), &user.audit_name(), form.input()).await {
        Ok(id) => {
            Ok(Redirect::to(&format!("/staff/participation/boards/{id}?saved=1")).into_response())
        }
        Err(papi_app::Error::Invalid(m)) => {
            let p = list_page(&state, &user, vec![m], false, form).await?;
            form_page(&p, true)
        }
        Err(e) => Err(e.into()),
    }
}

/// One member as the page prints it.
pub struct MemberRow {
    pub name: String,
    pub position: &'static str,
    pub group: &'static str,
    pub village: String,
    pub joined: String,
}

/// One check as the page prints it.
pub struct CheckRow {
    pub target: String,
    pub check_on: String,
    pub sent: String,
    pub latest: String,
    pub standing: &'static str,
    pub standing_code: &'static str,
    pub recipients: String,
    pub source: String,
}

/// One recommendation as the page prints it.
pub struct RecRow {
    pub id: i64,
    pub received: String,
    pub content: String,
    pub answer: String,
    pub answered: String,
    pub due: String,
    pub standing: &'static str,
    pub standing_code: &'static str,
    pub open: bool,
}

#[derive(Template)]
#[template(path = "participation_board.html")]
struct BoardPage {
    nav: Nav,
    id: i64,
    name: String,
    kind: &'static str,
    inspection: bool,
    project: String,
    ledger_project_id: String,
    established: String,
    term_end: String,
    recognised_by: String,
    status: String,
    dissolved: bool,
    warnings: Vec<String>,
    members: Vec<MemberRow>,
    plans: Vec<(String, String, String)>,
    checks: Vec<CheckRow>,
    recs: Vec<RecRow>,
    results: Vec<(String, String, String)>,
    villages: Vec<(i64, String)>,
    can_manage: bool,
    errors: Vec<String>,
    notes: Vec<String>,
    saved: bool,
    today: String,
}

fn village_name(villages: &[(i64, String)], id: Option<i64>) -> String {
    id.and_then(|id| villages.iter().find(|(v, _)| *v == id))
        .map(|(_, n)| n.clone())
        .unwrap_or_default()
}

pub(crate) fn rec_row(r: &svc::RecommendationView) -> RecRow {
    RecRow {
        id: r.rec.id,
        received: format_date(r.rec.received_on),
        content: r.rec.content.clone(),
        answer: r.rec.answer.clone(),
        answered: r.rec.answered_on.map(format_date).unwrap_or_default(),
        due: r.due.map(format_date).unwrap_or_default(),
        standing: r.standing.map(|s| s.label()).unwrap_or(""),
        standing_code: r.standing.map(|s| s.code()).unwrap_or(""),
        open: r.rec.answered_on.is_none(),
    }
}

fn board_page(
    state: &AppState,
    user: &CurrentUser,
    v: BoardView,
    errors: Vec<String>,
    notes: Vec<String>,
    saved: bool,
) -> BoardPage {
    let b = &v.board;
    BoardPage {
        nav: Nav::new(user, state, "participation"),
        id: b.id,
        name: b.name.clone(),
        kind: b.kind.label(),
        inspection: b.kind == BoardKind::Inspection,
        project: b.project.clone(),
        ledger_project_id: b
            .ledger_project_id
            .map(|i| i.to_string())
            .unwrap_or_default(),
        established: format_date(b.established_on),
        term_end: b.term_end.map(format_date).unwrap_or_default(),
        recognised_by: b.recognised_by.clone(),
        status: status(b, v.active),
        dissolved: b.dissolved_on.is_some(),
        warnings: v.warnings.clone(),
        members: v
            .members
            .iter()
            .map(|m| MemberRow {
                name: m.name.clone(),
                position: m.position.label(),
                group: m.group.label(),
                village: village_name(&v.villages, m.village_id),
                joined: format_date(m.joined_on),
            })
            .collect(),
        plans: v
            .plans
            .iter()
            .map(|p| {
                (
                    p.period.label().to_string(),
                    p.title.clone(),
                    format!("{} – {}", format_date(p.from), format_date(p.to)),
                )
            })
            .collect(),
        checks: v
            .checks
            .iter()
            .map(|c| CheckRow {
                target: c.check.target.clone(),
                check_on: format_date(c.check.check_on),
                sent: c.check.notice_sent_on.map(format_date).unwrap_or_default(),
                latest: c.latest.map(format_date).unwrap_or_default(),
                standing: c.standing.map(|s| s.label()).unwrap_or(""),
                standing_code: c.standing.map(|s| s.code()).unwrap_or(""),
                recipients: c.check.recipients.clone(),
                source: c.source.clone(),
            })
            .collect(),
        recs: v.recommendations.iter().map(rec_row).collect(),
        results: v
            .results
            .iter()
            .map(|r| {
                (
                    r.matter_code.clone(),
                    r.matter_title.clone(),
                    format_date(r.sent_on),
                )
            })
            .collect(),
        villages: v.villages.clone(),
        can_manage: user.actor().can(Action::ManageBoards),
        errors,
        notes,
        saved,
        today: format_date(state.today()),
    }
}

/// The board's page after a form: 422 with the message when refused, the page with its notes
/// when saved with a warning, a redirect when saved cleanly.
pub(crate) async fn after_form<T>(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    outcome: Result<(T, Vec<String>), papi_app::Error>,
) -> PageResult {
    match outcome {
        Ok((_, notes)) if notes.is_empty() => {
            Ok(Redirect::to(&format!("/staff/participation/boards/{id}?saved=1")).into_response())
        }
        Ok((_, notes)) => {
            let v = svc::view(state, &user.actor(), id).await?;
            let p = board_page(state, user, v, vec![], notes, true);
            Ok(Html(p.render()?).into_response())
        }
        Err(papi_app::Error::Invalid(m)) => {
            let v = svc::view(state, &user.actor(), id).await?;
            let p = board_page(state, user, v, vec![m], vec![], false);
            form_page(&p, true)
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /staff/participation/boards/{id}`.
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<SavedQuery>,
) -> PageResult {
    let v = svc::view(&state, &user.actor(), id).await?;
    let p = board_page(&state, &user, v, vec![], vec![], q.saved.is_some());
    Ok(Html(p.render()?).into_response())
}

//! The contributions ledger per village and project: level agreed, collected, spent, balance.
//!
//! `/staff/participation/ledgers`: the ledgers and the form opening one on a passed decision;
//! a ledger's page with its lines, its balance, its board (or the flag when it has none), the
//! form adding a line and the button publishing its result.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect};
use papi_app::participation::ledger::{self as svc, EntryInput, LedgerInput, LedgerView};
use papi_core::clock::format_date;
use papi_core::participation::ledger::{vnd, AccountKind};
use serde::Deserialize;

use super::decision::{invalid, Choice};
use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::view::Nav;
use crate::AppState;

pub struct Row {
    pub id: i64,
    pub project: String,
    pub scope: String,
    pub decision: String,
    pub balance: String,
    pub board: String,
    pub no_board: bool,
}

#[derive(Template)]
#[template(path = "participation_ledgers.html")]
struct ListPage {
    nav: Nav,
    error: String,
    rows: Vec<Row>,
    decisions: Vec<Choice>,
    accounts: Vec<Choice>,
    project: String,
    level: String,
    account: String,
}

#[derive(Deserialize, Default)]
pub struct Shown {
    #[serde(default)]
    saved: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

async fn list_page(
    state: &AppState,
    user: &CurrentUser,
    error: String,
    typed: LedgerInput,
) -> Result<String, AppError> {
    let actor = user.actor();
    let rows = svc::list(state, &actor)
        .await?
        .into_iter()
        .map(|l| Row {
            id: l.ledger.id,
            project: l.ledger.project.clone(),
            scope: l.scope.clone(),
            decision: l.decision_title.clone(),
            balance: vnd(l.totals.balance),
            no_board: l.board.is_none(),
            board: l.board.clone().unwrap_or_else(|| svc::NO_BOARD.to_string()),
        })
        .collect();
    let decisions = svc::open_choices(state, &actor)
        .await?
        .into_iter()
        .map(|(id, t)| Choice {
            code: id.to_string(),
            label: t,
            selected: id == typed.decision_id,
        })
        .collect();
    let page = ListPage {
        nav: Nav::new(user, state, "participation"),
        error,
        rows,
        decisions,
        accounts: AccountKind::ALL
            .iter()
            .map(|a| Choice {
                code: a.code().into(),
                label: a.label().into(),
                selected: a.code() == typed.account_kind,
            })
            .collect(),
        project: typed.project,
        level: typed.level_per_household,
        account: typed.account,
    };
    Ok(page.render()?)
}

/// `GET /staff/participation/ledgers`.
pub async fn index(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    Ok(
        Html(list_page(&state, &user, String::new(), LedgerInput::default()).await?)
            .into_response(),
    )
}

/// `POST /staff/participation/ledgers`: opens a ledger on a passed decision.
pub async fn open(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let input = LedgerInput {
        decision_id: f.get("decision_id").parse().unwrap_or(0),
        project: f.get("project").into(),
        level_per_household: f.get("level_per_household").into(),
        account_kind: f.get("account_kind").into(),
        account: f.get("account").into(),
    };
    match svc::open(&state, &user.actor(), &user.audit_name(), &input).await {
        Ok(id) => {
            Ok(Redirect::to(&format!("/staff/participation/ledgers/{id}?saved=1")).into_response())
        }
        Err(papi_app::Error::Invalid(m)) => Ok(invalid(list_page(&state, &user, m, input).await?)),
        Err(e) => Err(e.into()),
    }
}

pub struct Line {
    pub on: String,
    pub kind: String,
    pub amount: String,
    pub who: String,
    pub purpose: String,
}

#[derive(Template)]
#[template(path = "participation_ledger.html")]
struct ShowPage {
    nav: Nav,
    saved: bool,
    note: String,
    error: String,
    l: LedgerView,
    level: String,
    account: String,
    collected: String,
    spent: String,
    balance: String,
    board: String,
    published_on: String,
    lines: Vec<Line>,
    typed: EntryInput,
}

async fn show_page(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    saved: bool,
    note: String,
    error: String,
    typed: EntryInput,
) -> Result<String, AppError> {
    let l = svc::get(state, &user.actor(), id).await?;
    let page = ShowPage {
        nav: Nav::new(user, state, "participation"),
        saved,
        note,
        error,
        level: vnd(l.ledger.level_per_household),
        account: format!("{}: {}", l.ledger.account_kind.label(), l.ledger.account),
        collected: vnd(l.totals.collected),
        spent: vnd(l.totals.spent),
        balance: vnd(l.totals.balance),
        board: l.board.clone().unwrap_or_default(),
        published_on: l.ledger.published_on.map(format_date).unwrap_or_default(),
        lines: l
            .entries
            .iter()
            .map(|e| Line {
                on: format_date(e.on),
                kind: e.kind.label().into(),
                amount: vnd(e.amount),
                who: e.who.clone(),
                purpose: e.purpose.clone(),
            })
            .collect(),
        typed,
        l,
    };
    Ok(page.render()?)
}

/// `GET /staff/participation/ledgers/{id}`.
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<Shown>,
) -> PageResult {
    let html = show_page(
        &state,
        &user,
        id,
        q.saved.is_some(),
        q.note.unwrap_or_default(),
        String::new(),
        EntryInput::default(),
    )
    .await?;
    Ok(Html(html).into_response())
}

/// `POST /staff/participation/ledgers/{id}/entries`: a line collected or spent.
pub async fn add_entry(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let input = EntryInput {
        on: f.get("on").into(),
        kind: f.get("kind").into(),
        amount: f.get("amount").into(),
        who: f.get("who").into(),
        purpose: f.get("purpose").into(),
    };
    match svc::add_entry(&state, &user.actor(), &user.audit_name(), id, &input).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/staff/participation/ledgers/{id}?saved=1")).into_response())
        }
        Err(papi_app::Error::Invalid(m)) => Ok(invalid(
            show_page(&state, &user, id, false, String::new(), m, input).await?,
        )),
        Err(e) => Err(e.into()),
    }
}

/// `POST /staff/participation/ledgers/{id}/publish`: publishes the result and asks the
/// disclosure register to disclose it; the register's message, if any, shows on the page.
pub async fn publish(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let p = svc::publish(&state, &user.actor(), &user.audit_name(), id).await?;
    let note = p.register_message.unwrap_or_default();
    let q =
        serde_urlencoded::to_string([("saved", "1"), ("note", note.as_str())]).unwrap_or_default();
    Ok(Redirect::to(&format!("/staff/participation/ledgers/{id}?{q}")).into_response())
}

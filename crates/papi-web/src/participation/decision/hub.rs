//! `/staff/participation`: the process at a glance — residents' decisions with their outcome
//! and what is due, contributions ledgers with their balance and board, consultations with
//! their window — and links to the boards' and conferences' pages.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse};
use papi_core::clock::format_date;
use papi_core::participation::ledger::vnd;

use crate::auth::CurrentUser;
use crate::error::PageResult;
use crate::view::Nav;
use crate::AppState;

pub struct DecisionRow {
    pub id: i64,
    pub title: String,
    pub scope: String,
    pub held_on: String,
    pub passed: bool,
    pub result: String,
    /// The first open obligation ("Gửi văn bản … hạn 17/10/2025"), empty when none.
    pub next: String,
    pub late: bool,
}

pub struct LedgerRow {
    pub id: i64,
    pub project: String,
    pub scope: String,
    pub collected: String,
    pub spent: String,
    pub balance: String,
    pub board: String,
    pub no_board: bool,
}

pub struct ConsultationRow {
    pub id: i64,
    pub title: String,
    pub scope: String,
    pub window: String,
    pub state: String,
    pub open: bool,
}

#[derive(Template)]
#[template(path = "participation_decision_hub.html")]
struct Page {
    nav: Nav,
    decisions: Vec<DecisionRow>,
    ledgers: Vec<LedgerRow>,
    consultations: Vec<ConsultationRow>,
}

/// `GET /staff/participation`.
pub async fn show(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    let actor = user.actor();
    let today = state.today();
    let decisions = papi_app::participation::decision::list(&state, &actor)
        .await?
        .into_iter()
        .map(|d| {
            let next = d.obligations.iter().find(|o| o.met_on.is_none());
            DecisionRow {
                id: d.decision.id,
                title: d.decision.title.clone(),
                scope: d.scope.clone(),
                held_on: format_date(d.decision.held_on),
                passed: d.decision.passed,
                result: d.decision.result.clone(),
                next: next
                    .map(|o| format!("{} — hạn {}", o.title, format_date(o.due)))
                    .unwrap_or_default(),
                late: next.is_some_and(|o| o.due < today),
            }
        })
        .collect();
    let ledgers = papi_app::participation::ledger::list(&state, &actor)
        .await?
        .into_iter()
        .map(|l| LedgerRow {
            id: l.ledger.id,
            project: l.ledger.project.clone(),
            scope: l.scope.clone(),
            collected: vnd(l.totals.collected),
            spent: vnd(l.totals.spent),
            balance: vnd(l.totals.balance),
            no_board: l.board.is_none(),
            board: l
                .board
                .clone()
                .unwrap_or_else(|| papi_app::participation::ledger::NO_BOARD.to_string()),
        })
        .collect();
    let consultations = papi_app::participation::consultation::list(&state, &actor)
        .await?
        .into_iter()
        .map(|c| ConsultationRow {
            id: c.consultation.id,
            title: c.consultation.title.clone(),
            scope: c.scope.clone(),
            window: format!(
                "{} – {}",
                format_date(c.consultation.published_on),
                format_date(c.consultation.closes_on)
            ),
            state: super::super::consultation::state_label(&c, today),
            open: c.open,
        })
        .collect();
    let page = Page {
        nav: Nav::new(&user, &state, "participation"),
        decisions,
        ledgers,
        consultations,
    };
    Ok(Html(page.render()?).into_response())
}

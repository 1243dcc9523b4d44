//! `/public/{gso}/boards`: the boards, their recommendations and the commune's answers with
//! dates and whether on time, and the annual conferences. Small HTML, no script, for phones.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse};
use papi_core::clock::format_date;

use super::{rec_row, status, RecRow};
use crate::error::{AppError, PageResult};
use crate::AppState;

pub struct PublicBoardRow {
    pub name: String,
    pub kind: &'static str,
    pub project: String,
    pub status: String,
    pub members: Vec<(String, &'static str)>,
    pub recs: Vec<RecRow>,
}

#[derive(Template)]
#[template(path = "participation_boards_public.html")]
struct PublicPage {
    commune: String,
    gso: String,
    boards: Vec<PublicBoardRow>,
    /// (kind, village or empty, held on, result sent to UBND and MTTQ).
    conferences: Vec<(&'static str, String, String, bool)>,
}

/// `GET /public/{gso}/boards`.
pub async fn public_boards(State(state): State<AppState>, Path(gso): Path<String>) -> PageResult {
    let c = papi_store::org::communes(&state.store)
        .await
        .map_err(papi_app::Error::from)?
        .into_iter()
        .find(|c| c.gso_code == gso)
        .ok_or(AppError::NotFound)?;
    let boards = papi_app::participation::board::public_boards(&state, c.id).await?;
    let confs = papi_app::participation::conference::public_conferences(&state, c.id).await?;
    let page = PublicPage {
        commune: c.name.clone(),
        gso: c.gso_code.clone(),
        boards: boards
            .iter()
            .map(|b| PublicBoardRow {
                name: b.board.name.clone(),
                kind: b.board.kind.label(),
                project: b.board.project.clone(),
                status: status(&b.board, b.active),
                members: b
                    .members
                    .iter()
                    .map(|m| (m.name.clone(), m.position.label()))
                    .collect(),
                recs: b.recommendations.iter().map(rec_row).collect(),
            })
            .collect(),
        conferences: confs
            .iter()
            .map(|(c, v)| {
                (
                    c.kind.label(),
                    v.clone(),
                    format_date(c.held_on),
                    c.sent_ubnd_on.is_some() && c.sent_mttq_on.is_some(),
                )
            })
            .collect(),
    };
    Ok(Html(page.render()?).into_response())
}

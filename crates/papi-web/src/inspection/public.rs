//! `/public/{gso}/inspections`: the commune's concluded checks and the status of each finding,
//! for residents (Luật 10/2022/QH15 Điều 11 khoản 10). Units are named, people are not. Light:
//! no script, one small page.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse};
use papi_core::clock::format_date;
use papi_core::inspection::FindingStatus;

use crate::error::{AppError, PageResult};
use crate::AppState;

pub struct FindingRow {
    pub text: String,
    pub owner: String,
    pub due: String,
    pub status: &'static str,
    pub closed: bool,
    pub overdue: bool,
}

pub struct CheckRow {
    pub title: String,
    pub target: String,
    pub mode: String,
    pub held_on: String,
    pub concluded_on: String,
    pub conclusion: String,
    pub findings: Vec<FindingRow>,
}

#[derive(Template)]
#[template(path = "inspection_public.html")]
struct Page {
    commune: String,
    gso: String,
    rows: Vec<CheckRow>,
}

/// `GET /public/{gso}/inspections`.
pub async fn list(State(state): State<AppState>, Path(gso): Path<String>) -> PageResult {
    let c = papi_store::org::communes(&state.store)
        .await
        .map_err(papi_app::Error::from)?
        .into_iter()
        .find(|c| c.gso_code == gso)
        .ok_or(AppError::NotFound)?;
    let rows = papi_app::inspection::public::published(&state, c.id)
        .await?
        .into_iter()
        .map(|p| CheckRow {
            title: p.title,
            target: p.target,
            mode: p.mode.label().to_lowercase(),
            held_on: p.held_on.map(format_date).unwrap_or_default(),
            concluded_on: format_date(p.concluded_on),
            conclusion: p.conclusion,
            findings: p
                .findings
                .into_iter()
                .map(|f| FindingRow {
                    text: f.text,
                    owner: f.owner,
                    due: format_date(f.due),
                    status: f.status.label(),
                    closed: f.status == FindingStatus::Closed,
                    overdue: f.overdue,
                })
                .collect(),
        })
        .collect();
    let page = Page {
        commune: c.name.clone(),
        gso: c.gso_code.clone(),
        rows,
    };
    Ok(Html(page.render()?).into_response())
}

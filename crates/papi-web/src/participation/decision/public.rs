//! `/public/{gso}/participation`: what residents see without signing in — community
//! decisions and their results, contributions and their use, consultations — for the whole
//! commune or one village. No script, small HTML, readable at 390 px.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse};
use papi_core::clock::format_date;
use papi_core::participation::ledger::vnd;
use serde::Deserialize;

use crate::error::{AppError, PageResult};
use crate::AppState;

pub struct DecisionRow {
    pub title: String,
    pub scope: String,
    pub held_on: String,
    pub form: String,
    pub passed: bool,
    pub result: String,
    /// Per village: name, for/total, passed.
    pub villages: Vec<(String, String, bool)>,
}

pub struct LedgerRow {
    pub project: String,
    pub scope: String,
    pub level: String,
    pub collected: String,
    pub spent: String,
    pub balance: String,
    pub board: String,
    /// Spending lines: date, amount, purpose.
    pub spending: Vec<(String, String, String)>,
}

pub struct ConsultationRow {
    pub id: i64,
    pub title: String,
    pub scope: String,
    pub window: String,
    pub open: bool,
    pub closed: bool,
    pub has_draft: bool,
    pub channels: String,
    pub summary: String,
    pub decision: String,
    pub explanation: String,
    pub tally: String,
}

#[derive(Template)]
#[template(path = "participation_public.html")]
struct Page {
    commune: String,
    gso: String,
    villages: Vec<(i64, String, bool)>,
    decisions: Vec<DecisionRow>,
    ledgers: Vec<LedgerRow>,
    consultations: Vec<ConsultationRow>,
}

#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    village: Option<String>,
}

async fn commune(state: &AppState, gso: &str) -> Result<papi_core::Commune, AppError> {
    papi_store::org::communes(&state.store)
        .await
        .map_err(papi_app::Error::from)?
        .into_iter()
        .find(|c| c.gso_code == gso)
        .ok_or(AppError::NotFound)
}

/// `GET /public/{gso}/participation?village=`.
pub async fn show(
    State(state): State<AppState>,
    Path(gso): Path<String>,
    Query(q): Query<Filter>,
) -> PageResult {
    let c = commune(&state, &gso).await?;
    let village = q.village.and_then(|v| v.parse::<i64>().ok());
    let p = papi_app::participation::decision::public::page(&state, c.id, village).await?;
    let page = Page {
        commune: c.name.clone(),
        gso: c.gso_code.clone(),
        villages: p
            .villages
            .iter()
            .map(|(id, n)| (*id, n.clone(), p.village == Some(*id)))
            .collect(),
        decisions: p
            .decisions
            .iter()
            .map(|d| DecisionRow {
                title: d.decision.title.clone(),
                scope: d.scope.clone(),
                held_on: format_date(d.decision.held_on),
                form: d.decision.form.label().to_string(),
                passed: d.decision.passed,
                result: d.decision.result.clone(),
                villages: if d.decision.village_id.is_none() {
                    d.outcome
                        .villages
                        .iter()
                        .map(|v| {
                            (
                                v.village.clone(),
                                format!("{}/{}", v.votes_for, v.total_households),
                                v.passed,
                            )
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            })
            .collect(),
        ledgers: p
            .ledgers
            .iter()
            .map(|l| LedgerRow {
                project: l.ledger.project.clone(),
                scope: l.scope.clone(),
                level: vnd(l.ledger.level_per_household),
                collected: vnd(l.totals.collected),
                spent: vnd(l.totals.spent),
                balance: vnd(l.totals.balance),
                board: l
                    .board
                    .clone()
                    .unwrap_or_else(|| papi_app::participation::ledger::NO_BOARD.to_string()),
                spending: l
                    .entries
                    .iter()
                    .filter(|e| e.kind == papi_core::participation::ledger::EntryKind::Spent)
                    .map(|e| (format_date(e.on), vnd(e.amount), e.purpose.clone()))
                    .collect(),
            })
            .collect(),
        consultations: p
            .consultations
            .iter()
            .map(|v| {
                let x = &v.consultation;
                ConsultationRow {
                    id: x.id,
                    title: x.title.clone(),
                    scope: v.scope.clone(),
                    window: format!(
                        "{} – {}",
                        format_date(x.published_on),
                        format_date(x.closes_on)
                    ),
                    open: v.open,
                    closed: x.closed_on.is_some(),
                    has_draft: !x.draft_name.is_empty(),
                    channels: x
                        .channels
                        .iter()
                        .map(|c| c.label())
                        .collect::<Vec<_>>()
                        .join(", "),
                    summary: x.summary.clone(),
                    decision: x.decision.clone(),
                    explanation: x.explanation.clone(),
                    tally: format!(
                        "{} ý kiến đồng ý, {} ý kiến không đồng ý, {} ý kiến tổng cộng",
                        v.votes_for,
                        v.votes_against,
                        v.comments.len()
                    ),
                }
            })
            .collect(),
    };
    Ok(Html(page.render()?).into_response())
}

/// `GET /public/{gso}/participation/consultations/{id}/draft`: the draft residents comment on.
pub async fn draft(
    State(state): State<AppState>,
    Path((gso, id)): Path<(String, i64)>,
) -> PageResult {
    let c = commune(&state, &gso).await?;
    let (name, content_type, bytes) =
        papi_app::participation::consultation::draft(&state, c.id, id).await?;
    let disposition = format!(
        "attachment; filename=\"du-thao-{id}{}\"",
        std::path::Path::new(&name)
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| format!(".{e}"))
            .unwrap_or_default()
    );
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

//! The audit log page.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse};
use papi_core::clock::format_timestamp;
use papi_store::audit;
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::error::PageResult;
use crate::view::Nav;
use crate::AppState;

pub struct EntryView {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub before: String,
    pub after: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    nav: Nav,
    entries: Vec<EntryView>,
    page: i64,
    has_next: bool,
    chain_ok: bool,
    checked: usize,
    broken: String,
    /// This commune's head, to print and keep (checked later with `papi audit verify --since`).
    anchor: String,
}

#[derive(Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    page: Option<i64>,
}

const PER_PAGE: i64 = 50;

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<PageQuery>,
) -> PageResult {
    let page = q.page.unwrap_or(0).max(0);
    let rows = audit::list(
        &state.store,
        user.user.commune_id,
        PER_PAGE + 1,
        page * PER_PAGE,
    )
    .await?;
    let found = audit::verify(&state.store).await?;
    let (checked, broken) = (found.checked, found.problem);
    let anchor = found
        .heads
        .iter()
        .find(|h| h.commune_id == user.user.commune_id)
        .map(|h| h.anchor())
        .unwrap_or_default();
    let page_view = AuditPage {
        nav: Nav::new(&user, &state, "audit"),
        has_next: rows.len() as i64 > PER_PAGE,
        entries: rows
            .into_iter()
            .take(PER_PAGE as usize)
            .map(|e| EntryView {
                id: e.id,
                at: format_timestamp(&e.at),
                actor: e.actor,
                action: e.action,
                entity: format!("{} #{}", e.entity, e.entity_id),
                before: e.before_json,
                after: e.after_json,
            })
            .collect(),
        page,
        chain_ok: broken.is_none(),
        checked,
        broken: broken
            .map(|b| match b.id {
                0 => b.reason,
                id => format!("Bản ghi #{id}: {}", b.reason),
            })
            .unwrap_or_default(),
        anchor,
    };
    Ok(Html(page_view.render()?).into_response())
}

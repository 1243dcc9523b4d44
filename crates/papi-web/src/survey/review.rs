//! The review queue of answers from the public web form, and one-time invitation codes.
//! Answers from the open form count only once the office accepts them; bursts from one place
//! are flagged; with invitation codes on, a valid code lets answers count at once.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect};
use papi_core::clock::format_timestamp;
use papi_core::survey_review::{bursts, Review, CODE_ALPHABET, CODE_LENGTH, MAX_CODES_AT_ONCE};
use papi_core::Action;
use papi_store::survey as store;
use papi_store::survey_review as queue;

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::view::Nav;
use crate::AppState;

pub struct PendingView {
    pub uuid: String,
    pub who: String,
    pub started: String,
    pub finished: String,
    pub complete: bool,
    pub origin: String,
    pub burst: bool,
}

#[derive(Template)]
#[template(path = "survey_review.html")]
struct ReviewPage {
    nav: Nav,
    id: i64,
    title: String,
    pending: Vec<PendingView>,
    bursts: usize,
    invitations_only: bool,
    codes: Vec<(String, bool)>,
    messages: Vec<String>,
}

async fn own_survey(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
) -> Result<store::SurveyRecord, AppError> {
    user.require(Action::ReviewUnitWork)?;
    let sv = store::survey(&state.store, id).await?;
    if sv.commune_id != user.user.commune_id {
        return Err(AppError::NotFound);
    }
    Ok(sv)
}

/// The address part of an origin (`address-hash/device-hash`): bursts are per address.
fn address(origin: &str) -> &str {
    origin.split('/').next().unwrap_or("")
}

/// The addresses of the pending responses that came in bursts.
fn flagged(pending: &[queue::Pending]) -> std::collections::HashSet<String> {
    bursts(pending.iter().filter_map(|p| {
        chrono::DateTime::parse_from_rfc3339(&p.started_at)
            .ok()
            .map(|t| (address(&p.origin), t.with_timezone(&chrono::Utc)))
    }))
}

async fn page(state: &AppState, user: &CurrentUser, id: i64, messages: Vec<String>) -> PageResult {
    let sv = own_survey(state, user, id).await?;
    let pending = queue::pending(&state.store, id).await?;
    let bursting = flagged(&pending);
    let views: Vec<PendingView> = pending
        .iter()
        .map(|p| PendingView {
            uuid: p.uuid.clone(),
            who: format!(
                "{} · {} · {}",
                p.village,
                if p.sex == "M" { "Nam" } else { "Nữ" },
                p.age_band
            ),
            started: format_timestamp(&p.started_at),
            finished: if p.complete {
                format_timestamp(&p.submitted_at)
            } else {
                "chưa xong".into()
            },
            complete: p.complete,
            origin: p
                .origin
                .split('/')
                .map(|h| h.chars().take(6).collect::<String>())
                .collect::<Vec<_>>()
                .join("/"),
            burst: bursting.contains(address(&p.origin)),
        })
        .collect();
    let status = if messages.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = ReviewPage {
        nav: Nav::new(user, state, "survey"),
        id,
        title: papi_core::survey_setup::heading(&sv.title, sv.year),
        bursts: views.iter().filter(|v| v.burst).count(),
        pending: views,
        invitations_only: queue::invitations_only(&state.store, id).await?,
        codes: queue::invitations(&state.store, id).await?,
        messages,
    }
    .render()?;
    Ok((status, Html(body)).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> PageResult {
    page(&state, &user, id, vec![]).await
}

/// Accepts or rejects one response, or accepts every finished one that is not in a burst.
pub async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let sv = own_survey(&state, &user, id).await?;
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let targets: Vec<(String, Review)> = match f.get("decision") {
        "accept" => vec![(f.get("uuid").to_string(), Review::Accepted)],
        "reject" => vec![(f.get("uuid").to_string(), Review::Rejected)],
        "accept_unflagged" => {
            let pending = queue::pending(&state.store, id).await?;
            let bursting = flagged(&pending);
            pending
                .into_iter()
                .filter(|p| p.complete && !bursting.contains(address(&p.origin)))
                .map(|p| (p.uuid, Review::Accepted))
                .collect()
        }
        _ => return Err(AppError::BadRequest("Thao tác không hợp lệ.".into())),
    };
    let mut w = state.store.begin_write().await?;
    for (uuid, decision) in &targets {
        match queue::decide(
            &mut w,
            &user.audit_name(),
            sv.commune_id,
            id,
            uuid,
            *decision,
        )
        .await
        {
            Ok(()) => {}
            Err(papi_store::StoreError::Conflict(m)) => {
                drop(w);
                return page(&state, &user, id, vec![m]).await;
            }
            Err(papi_store::StoreError::NotFound) => {
                drop(w);
                return page(&state, &user, id, vec!["Không có phiếu này.".into()]).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    w.commit().await?;
    Ok(Redirect::to(&format!("/staff/survey/{id}/review")).into_response())
}

/// Makes `count` new one-time codes and turns invitation-only answering on.
pub async fn invitations(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let sv = own_survey(&state, &user, id).await?;
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let count = match f.get("count").trim().parse::<usize>() {
        Ok(n) if (1..=MAX_CODES_AT_ONCE).contains(&n) => n,
        _ => {
            let msg = format!("Số mã mời phải là số nguyên từ 1 đến {MAX_CODES_AT_ONCE}.");
            return page(&state, &user, id, vec![msg]).await;
        }
    };
    let codes: Vec<String> = (0..count).map(|_| new_code()).collect();
    let mut w = state.store.begin_write().await?;
    queue::add_invitations(&mut w, &user.audit_name(), sv.commune_id, id, &codes).await?;
    w.commit().await?;
    Ok(Redirect::to(&format!("/staff/survey/{id}/review")).into_response())
}

/// A random code from the unambiguous alphabet.
fn new_code() -> String {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    (0..CODE_LENGTH)
        .map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char)
        .collect()
}

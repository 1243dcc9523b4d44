//! The forms of a board's page: a member, a plan, a check, a recommendation and its answer, a
//! complaint's result told to the board, the dissolution. Each parses, calls one papi-app
//! function and comes back to the board's page.

use axum::body::Bytes;
use axum::extract::{Path, State};
use papi_app::participation::board::{
    self as svc, AnswerInput, CheckInput, MemberInput, PlanInput, RecommendationInput,
};

use super::after_form;
use crate::auth::CurrentUser;
use crate::error::PageResult;
use crate::plan::edit::FormPairs;
use crate::AppState;

async fn form(user: &CurrentUser, body: &Bytes) -> Result<FormPairs, crate::error::AppError> {
    let f = FormPairs::parse(body)?;
    user.check_csrf(f.get("csrf"))?;
    Ok(f)
}

fn yes(f: &FormPairs, key: &str) -> bool {
    matches!(f.get(key), "1" | "on" | "yes" | "true")
}

/// `POST /staff/participation/boards/{id}/members`.
pub async fn add_member(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = form(&user, &body).await?;
    let input = MemberInput {
        name: f.get("name").into(),
        village_id: f.get("village_id").into(),
        position: f.get("position").into(),
        group: f.get("group").into(),
        resident: yes(&f, "resident"),
        commune_staff: yes(&f, "commune_staff"),
        relative: yes(&f, "relative"),
        joined_on: f.get("joined_on").into(),
    };
    let r = svc::add_member(&state, &user.actor(), &user.audit_name(), id, input).await;
    after_form(&state, &user, id, r.map(|x| (x, vec![]))).await
}

/// `POST /staff/participation/boards/{id}/plans`.
pub async fn add_plan(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = form(&user, &body).await?;
    let input = PlanInput {
        period: f.get("period").into(),
        title: f.get("title").into(),
        from: f.get("from").into(),
        to: f.get("to").into(),
    };
    let r = svc::add_plan(&state, &user.actor(), &user.audit_name(), id, input).await;
    after_form(&state, &user, id, r.map(|x| (x, vec![]))).await
}

/// `POST /staff/participation/boards/{id}/checks`.
pub async fn add_check(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = form(&user, &body).await?;
    let input = CheckInput {
        target: f.get("target").into(),
        check_on: f.get("check_on").into(),
        notice_sent_on: f.get("notice_sent_on").into(),
        recipients: f.get("recipients").into(),
    };
    let r = svc::add_check(&state, &user.actor(), &user.audit_name(), id, input).await;
    after_form(&state, &user, id, r).await
}

/// `POST /staff/participation/boards/{id}/recommendations`.
pub async fn add_recommendation(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = form(&user, &body).await?;
    let input = RecommendationInput {
        received_on: f.get("received_on").into(),
        content: f.get("content").into(),
    };
    let r = svc::add_recommendation(&state, &user.actor(), &user.audit_name(), id, input).await;
    after_form(&state, &user, id, r.map(|x| (x, vec![]))).await
}

/// `POST /staff/participation/recommendations/{id}/answer`: the commune's answer.
pub async fn answer(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(rec): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = form(&user, &body).await?;
    let board: i64 = f.get("board_id").parse().unwrap_or(0);
    let input = AnswerInput {
        answer: f.get("answer").into(),
        answered_on: f.get("answered_on").into(),
    };
    match svc::answer(&state, &user.actor(), &user.audit_name(), rec, input).await {
        Ok(b) => after_form(&state, &user, b, Ok(((), vec![]))).await,
        Err(papi_app::Error::Invalid(m)) if board > 0 => {
            after_form::<()>(&state, &user, board, Err(papi_app::Error::Invalid(m))).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /staff/participation/boards/{id}/results`: a closed matter's result told to the BTTND.
pub async fn send_result(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = form(&user, &body).await?;
    let r = svc::send_result(
        &state,
        &user.actor(),
        &user.audit_name(),
        id,
        f.get("code"),
        f.get("sent_on"),
    )
    .await;
    after_form(&state, &user, id, r.map(|x| (x, vec![]))).await
}

/// `POST /staff/participation/boards/{id}/dissolve`: a BGS whose project is done.
pub async fn dissolve(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = form(&user, &body).await?;
    let r = svc::dissolve(&state, &user.actor(), &user.audit_name(), id, f.get("on")).await;
    after_form(&state, &user, id, r.map(|x| (x, vec![]))).await
}

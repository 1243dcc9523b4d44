//! The office withdraws its acceptance of a unit's report or sub-plan to have it corrected,
//! giving the reason; the document goes back to the unit.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::AppState;

async fn withdraw(
    state: &AppState,
    user: &CurrentUser,
    doc: &papi_core::review::Reviewed,
    body: &Bytes,
    back: String,
) -> PageResult {
    let f = FormPairs::parse(body)?;
    user.check_csrf(f.get("csrf"))?;
    let (actor, name) = (user.actor(), user.audit_name());
    let done = papi_app::reporting::accepted::withdraw_acceptance(
        state,
        &actor,
        &name,
        doc,
        f.get("reason"),
    )
    .await?;
    match done {
        Ok(()) => Ok(Redirect::to(&format!("{back}?saved=1")).into_response()),
        Err(why) => Err(AppError::from(papi_app::Error::Invalid(why))),
    }
}

/// `POST /staff/reports/{period}/units/{unit}/withdraw`.
pub async fn withdraw_unit_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((period_id, unit_id)): Path<(i64, i64)>,
    body: Bytes,
) -> PageResult {
    let doc = papi_app::reporting::reviewed_unit_report(&state, &user.actor(), period_id, unit_id)
        .await?;
    let back = format!("/staff/reports/{period_id}/units/{unit_id}");
    withdraw(&state, &user, &doc, &body, back).await
}

/// `POST /staff/unit-plans/{unit}/withdraw`.
pub async fn withdraw_unit_plan(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(unit_id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let doc = papi_app::unit_plan::reviewed(&state, &user.actor(), unit_id).await?;
    withdraw(
        &state,
        &user,
        &doc,
        &body,
        format!("/staff/unit-plans/{unit_id}"),
    )
    .await
}

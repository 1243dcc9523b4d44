//! The finding forms of a check's page: a new finding with its owner and deadline, the owner
//! unit's remediation report, the re-check, and closing (refused without a confirming re-check,
//! by papi-core's rule). Each comes back to the check's page, or to it with the reason (422).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use papi_app::inspection::{self as svc, FindingInput, RecheckInput};

use super::check::{refused, FIELDS};
use super::Typed;
use crate::auth::CurrentUser;
use crate::error::PageResult;
use crate::plan::edit::FormPairs;
use crate::AppState;

fn back(id: i64) -> PageResult {
    Ok(Redirect::to(&format!("/staff/inspections/{id}?saved=1")).into_response())
}

/// `POST /staff/inspections/{id}/findings`.
pub async fn add(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let input = FindingInput {
        text: f.get("text").into(),
        owner_unit_id: f.get("owner_unit_id").into(),
        due: f.get("due").into(),
    };
    match svc::add_finding(&state, &user.actor(), &user.audit_name(), id, input).await {
        Ok(_) => back(id),
        Err(e) => {
            refused(
                &state,
                &user,
                id,
                "finding",
                e,
                Typed::from_pairs(&f, FIELDS),
            )
            .await
        }
    }
}

/// The check a finding belongs to, for the page to come back to (hidden ones are not found).
async fn check_of(
    state: &AppState,
    user: &CurrentUser,
    finding_id: i64,
) -> Result<i64, crate::error::AppError> {
    Ok(svc::finding::inspection_of(state, &user.actor(), finding_id).await?)
}

/// `POST /staff/inspections/findings/{id}/remediation`: the owner unit's report.
pub async fn remediation(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(fid): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let id = check_of(&state, &user, fid).await?;
    match svc::report_remediation(
        &state,
        &user.actor(),
        &user.audit_name(),
        fid,
        f.get("on"),
        f.get("remediation"),
    )
    .await
    {
        Ok(()) => back(id),
        Err(e) => {
            let form = format!("remediation-{fid}");
            refused(&state, &user, id, &form, e, Typed::from_pairs(&f, FIELDS)).await
        }
    }
}

/// `POST /staff/inspections/findings/{id}/recheck`.
pub async fn recheck(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(fid): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let id = check_of(&state, &user, fid).await?;
    let input = RecheckInput {
        on: f.get("on").into(),
        by: f.get("by").into(),
        result: f.get("result").into(),
        note: f.get("note").into(),
        new_due: f.get("new_due").into(),
    };
    match svc::recheck(&state, &user.actor(), &user.audit_name(), fid, input).await {
        Ok(_) => back(id),
        Err(e) => {
            let form = format!("recheck-{fid}");
            refused(&state, &user, id, &form, e, Typed::from_pairs(&f, FIELDS)).await
        }
    }
}

/// `POST /staff/inspections/findings/{id}/close`.
pub async fn close(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(fid): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let id = check_of(&state, &user, fid).await?;
    match svc::close(&state, &user.actor(), &user.audit_name(), fid).await {
        Ok(_) => back(id),
        Err(e) => {
            let form = format!("close-{fid}");
            refused(&state, &user, id, &form, e, Typed::default()).await
        }
    }
}

//! `POST /api/participation/boards/{id}/members`: a member through the JSON API, refused with
//! 422 and the rule's Vietnamese message when ineligible.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use papi_app::participation::board::{self as svc, MemberInput};
use serde_json::{json, Value};

use crate::api::Id;
use crate::auth::ApiUser;
use crate::error::{ApiError, AppError};
use crate::AppState;

pub async fn api_add_member(
    State(state): State<AppState>,
    user: ApiUser,
    Id(id): Id,
    headers: HeaderMap,
    body: Result<Json<MemberInput>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let sent = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    user.0.check_csrf(sent)?;
    let Json(input) =
        body.map_err(|e| AppError::BadRequest(format!("Dữ liệu JSON không hợp lệ: {e}")))?;
    let mid = svc::add_member(&state, &user.0.actor(), &user.0.audit_name(), id, input).await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": mid }))))
}

//! The JSON API of the process: `POST /api/participation/decisions` (a decision with its
//! tallies; 422 with the threshold's message below it) and `POST /api/participation/consultations`
//! (422 below 20 days).

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use papi_app::participation::consultation::ConsultationInput;
use papi_app::participation::decision::DecisionInput;
use serde_json::{json, Value};

use crate::auth::ApiUser;
use crate::error::{ApiError, AppError};
use crate::AppState;

type Body<T> = Result<Json<T>, axum::extract::rejection::JsonRejection>;

fn csrf(user: &ApiUser, headers: &HeaderMap) -> Result<(), ApiError> {
    let sent = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    Ok(user.0.check_csrf(sent)?)
}

fn body<T>(b: Body<T>) -> Result<T, ApiError> {
    b.map(|Json(x)| x)
        .map_err(|e| AppError::BadRequest(format!("Dữ liệu JSON không hợp lệ: {e}")).into())
}

/// `POST /api/participation/decisions`.
pub async fn decisions(
    State(state): State<AppState>,
    user: ApiUser,
    headers: HeaderMap,
    b: Body<DecisionInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    csrf(&user, &headers)?;
    let input = body(b)?;
    let id = papi_app::participation::decision::record(
        &state,
        &user.0.actor(),
        &user.0.audit_name(),
        &input,
    )
    .await
    .map_err(AppError::from)?;
    Ok((StatusCode::CREATED, Json(json!({"id": id}))))
}

/// `POST /api/participation/consultations`.
pub async fn consultations(
    State(state): State<AppState>,
    user: ApiUser,
    headers: HeaderMap,
    b: Body<ConsultationInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    csrf(&user, &headers)?;
    let input = body(b)?;
    let id = papi_app::participation::consultation::open(
        &state,
        &user.0.actor(),
        &user.0.audit_name(),
        &input,
    )
    .await
    .map_err(AppError::from)?;
    Ok((StatusCode::CREATED, Json(json!({"id": id}))))
}

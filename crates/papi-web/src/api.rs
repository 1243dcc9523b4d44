//! The JSON API for plans, items, tasks and updates, described at `/api/openapi.json`.
//! It uses the same session as the pages; writes need the `X-CSRF-Token` header.

use axum::extract::{FromRequestParts, Path, State};
use axum::http::HeaderMap;
use axum::Json;
use papi_app::progress::{self, Filed, Filing};
use papi_core::permission::{can_view_evidence, can_view_task};
use papi_core::Action;
use papi_store::plan;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::ApiUser;
use crate::error::{ApiError, AppError};
use crate::AppState;

type ApiResult = Result<Json<Value>, ApiError>;

/// A numeric id from the path; one that is not a number (or overflows) names nothing, so it
/// is answered 404 in JSON like any other unknown id.
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Id, ApiError> {
        Path::<i64>::from_request_parts(parts, state)
            .await
            .map(|Path(id)| Id(id))
            .map_err(|_| AppError::NotFound.into())
    }
}

async fn own_plan(state: &AppState, user: &ApiUser, id: i64) -> Result<papi_core::Plan, ApiError> {
    user.0.require(Action::ViewStaffPages)?;
    let p = plan::plan(&state.store, id).await?;
    if p.commune_id != user.0.user.commune_id {
        return Err(AppError::NotFound.into());
    }
    Ok(p)
}

pub async fn plans(State(state): State<AppState>, user: ApiUser) -> ApiResult {
    let plans = plan::plans(&state.store, user.0.user.commune_id).await?;
    let list: Vec<Value> = plans
        .iter()
        .map(|p| json!({"id": p.id, "number": p.number, "issued_on": p.issued_on, "year": p.year, "title": p.title}))
        .collect();
    Ok(Json(json!(list)))
}

pub async fn plan(State(state): State<AppState>, user: ApiUser, Id(id): Id) -> ApiResult {
    let p = own_plan(&state, &user, id).await?;
    let periods: Vec<_> = papi_store::reporting::periods(&state.store, id)
        .await?
        .iter()
        .map(papi_core::reporting::Period::planned)
        .collect();
    Ok(Json(json!({"plan": p, "reporting_periods": periods})))
}

pub async fn items(State(state): State<AppState>, user: ApiUser, Id(id): Id) -> ApiResult {
    own_plan(&state, &user, id).await?;
    Ok(Json(json!(plan::items(&state.store, id).await?)))
}

pub async fn tasks(State(state): State<AppState>, user: ApiUser, Id(id): Id) -> ApiResult {
    let p = own_plan(&state, &user, id).await?;
    let cal = state.calendar();
    let on = papi_core::agenda::Today {
        date: state.today(),
        cal: &cal,
        due_soon: papi_store::org::commune(&state.store, p.commune_id)
            .await?
            .due_soon,
    };
    let actor = user.0.actor();
    let list: Vec<Value> = plan::tasks(&state.store, id)
        .await?
        .into_iter()
        .filter(|t| can_view_task(&actor, &t.task))
        .map(|t| {
            let st =
                papi_core::task::standing(t.task.status, t.task.due, p.year, t.last_update_on, &on);
            let mut v = json!(t);
            v["standing"] = json!(st.code());
            v
        })
        .collect();
    Ok(Json(json!(list)))
}

async fn own_task(state: &AppState, user: &ApiUser, id: i64) -> Result<plan::TaskRecord, ApiError> {
    user.0.require(Action::ViewStaffPages)?;
    let t = plan::task(&state.store, id).await?;
    if t.task.commune_id != user.0.user.commune_id {
        return Err(AppError::NotFound.into());
    }
    if !can_view_task(&user.0.actor(), &t.task) {
        return Err(AppError::Forbidden.into());
    }
    Ok(t)
}

pub async fn task(State(state): State<AppState>, user: ApiUser, Id(id): Id) -> ApiResult {
    Ok(Json(json!(own_task(&state, &user, id).await?)))
}

pub async fn updates(State(state): State<AppState>, user: ApiUser, Id(id): Id) -> ApiResult {
    let t = own_task(&state, &user, id).await?;
    let mut history = plan::updates(&state.store, id).await?;
    if !can_view_evidence(&user.0.actor(), &t.task) {
        for u in &mut history {
            u.evidence.clear();
        }
    }
    Ok(Json(json!(history)))
}

#[derive(Deserialize)]
pub struct NewUpdateBody {
    text: String,
    progress: i64,
}

pub async fn post_update(
    State(state): State<AppState>,
    user: ApiUser,
    Id(id): Id,
    headers: HeaderMap,
    body: Result<Json<NewUpdateBody>, axum::extract::rejection::JsonRejection>,
) -> Result<(axum::http::StatusCode, Json<Value>), ApiError> {
    let sent = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    user.0.check_csrf(sent)?;
    let Json(body) =
        body.map_err(|e| AppError::BadRequest(format!("Dữ liệu JSON không hợp lệ: {e}")))?;
    let filing = Filing {
        text: &body.text,
        progress: body.progress,
        evidence: vec![],
    };
    let name = user.0.audit_name();
    match progress::post(&state, &user.0.user, &name, id, filing).await? {
        Filed::Posted(uid) => Ok((axum::http::StatusCode::CREATED, Json(json!({"id": uid})))),
        Filed::Refused(why) => Err(AppError::BadRequest(why).into()),
    }
}

/// The OpenAPI 3.1 description of this API.
pub async fn openapi() -> Json<Value> {
    Json(crate::openapi::document())
}

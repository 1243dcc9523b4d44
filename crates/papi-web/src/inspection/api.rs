//! The JSON API of inspections: the checks the user may see, with their findings' status
//! (an unannounced check is left out for its unit until its day), and closing a finding —
//! 422 with papi-core's reason when no re-check confirmed the fix.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde_json::{json, Value};

use crate::api::Id;
use crate::auth::ApiUser;
use crate::error::ApiError;
use crate::AppState;

#[derive(serde::Deserialize)]
pub struct YearQuery {
    pub year: Option<i32>,
}

/// `GET /api/inspections[?year=2025]`.
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    Query(q): Query<YearQuery>,
) -> Result<Json<Value>, ApiError> {
    let actor = user.0.actor();
    let today = state.today();
    let records = papi_app::inspection::visible_records(&state, &actor, q.year).await?;
    let out: Vec<Value> = records
        .iter()
        .map(|r| {
            let i = &r.inspection;
            json!({
                "id": i.id,
                "year": i.year,
                "title": i.title,
                "mode": i.mode.code(),
                "checklist": i.checklist.code(),
                "target": i.target,
                "target_name": i.target_name,
                "planned_on": i.planned_on,
                "held_on": i.held_on,
                "concluded_on": i.concluded_on,
                "conclusion": i.conclusion,
                "disclosure_id": i.disclosure_id,
                "findings": r.findings.iter().map(|(f, rc)| finding(f, rc, today)).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(Json(Value::Array(out)))
}

fn finding(
    f: &papi_core::inspection::Finding,
    rc: &[papi_core::inspection::Recheck],
    today: chrono::NaiveDate,
) -> Value {
    json!({
        "id": f.id,
        "inspection_id": f.inspection_id,
        "text": f.text,
        "owner_unit_id": f.owner_unit_id,
        "owner_name": f.owner_name,
        "found_on": f.found_on,
        "due": f.due,
        "remediated_on": f.remediated_on,
        "closed_on": f.closed_on,
        "status": f.status(rc),
        "overdue": f.is_overdue(rc, today),
        "rechecks": rc.iter().map(|r| json!({"on": r.on, "passed": r.passed, "new_due": r.new_due})).collect::<Vec<_>>(),
    })
}

/// `POST /api/inspections/findings/{id}/close` (X-CSRF-Token header; the body is ignored).
pub async fn close(
    State(state): State<AppState>,
    user: ApiUser,
    Id(id): Id,
    headers: HeaderMap,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let sent = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    user.0.check_csrf(sent)?;
    let name = user.0.audit_name();
    let f = papi_app::inspection::close(&state, &user.0.actor(), &name, id).await?;
    let rc = papi_app::inspection::finding::rechecks_of(&state, &user.0.actor(), id).await?;
    Ok((StatusCode::OK, Json(finding(&f, &rc, state.today()))))
}

/// The schemas of these answers, for the OpenAPI document.
pub fn schemas() -> Value {
    let id = json!({"type": "integer", "format": "int64"});
    let date = json!({"type": "string", "format": "date"});
    let opt_date = json!({"type": ["string", "null"], "format": "date"});
    json!({
        "CloseFinding": {"type": "object", "description": "Không cần nội dung; việc đóng cần một lần tái kiểm tra xác nhận đã khắc phục."},
        "Finding": {"type": "object", "required": ["id", "text", "owner_unit_id", "due", "status"], "properties": {
            "id": id, "inspection_id": id, "text": {"type": "string"}, "owner_unit_id": id,
            "owner_name": {"type": "string"}, "found_on": date, "due": date,
            "remediated_on": opt_date, "closed_on": opt_date,
            "status": {"type": "string", "enum": ["open", "remediated", "confirmed", "closed"]},
            "overdue": {"type": "boolean"},
            "rechecks": {"type": "array", "items": {"type": "object", "properties": {
                "on": date, "passed": {"type": "boolean"}, "new_due": opt_date}}}}},
        "Inspection": {"type": "object", "required": ["id", "year", "title", "mode", "planned_on", "findings"], "properties": {
            "id": id, "year": {"type": "integer"}, "title": {"type": "string"},
            "mode": {"type": "string", "enum": ["scheduled", "unannounced"]},
            "checklist": {"type": "string", "enum": ["one_stop_desk", "disclosure", "reception", "other"]},
            "target": {"type": "object", "properties": {"kind": {"type": "string", "enum": ["unit", "village"]}, "id": id}},
            "target_name": {"type": "string"}, "planned_on": date, "held_on": opt_date,
            "concluded_on": opt_date, "conclusion": {"type": "string"},
            "disclosure_id": {"type": ["integer", "null"], "format": "int64"},
            "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}},
    })
}

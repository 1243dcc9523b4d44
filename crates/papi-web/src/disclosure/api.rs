//! The register's JSON API: list the entries with their standing and findings, open one, add
//! a form. The same session as the pages; writes need the `X-CSRF-Token` header. A refusal is
//! 422 with the Vietnamese message of the rule, under `error`.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use papi_app::disclosure::{self as svc, EntryInput, Filter, FormInput, Judged};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::api::Id;
use crate::auth::ApiUser;
use crate::error::{ApiError, AppError};
use crate::AppState;

fn judged(j: &Judged) -> Value {
    json!({
        "id": j.entry.id,
        "group": j.entry.group,
        "topic": j.entry.topic.map(|t| t.code()),
        "title": j.entry.title,
        "legal_basis": j.entry.legal_basis,
        "decided_on": j.entry.decided_on,
        "village_id": j.entry.village_id,
        "version": j.entry.version,
        "replaces": j.entry.replaces,
        "state": j.entry.state.code(),
        "deadline": j.deadline.due,
        "deadline_rule": j.deadline.rule_id,
        "published_on": j.published_on,
        "standing": j.standing,
        "standing_label": j.standing.label(),
        "findings": j.findings.iter().map(|f| json!({"kind": f.kind, "message": f.message, "due": f.due})).collect::<Vec<_>>(),
        "forms": j.forms.iter().map(|f| json!({
            "id": f.id, "kind": f.kind.code(), "village_id": f.village_id, "url": f.url,
            "from": f.from, "until": f.until, "days": f.days, "done_by": f.done_by,
        })).collect::<Vec<_>>(),
    })
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    group: Option<u8>,
    #[serde(default)]
    village: Option<i64>,
}

/// `GET /api/disclosures`.
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>, ApiError> {
    let filter = Filter {
        group: q.group,
        village_id: q.village,
        all_versions: false,
    };
    let all = svc::list(&state, &user.0.actor(), &filter).await?;
    Ok(Json(json!(all.iter().map(judged).collect::<Vec<_>>())))
}

fn csrf(user: &ApiUser, headers: &HeaderMap) -> Result<(), ApiError> {
    let sent = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    Ok(user.0.check_csrf(sent)?)
}

/// A date as JSON gives it: `yyyy-mm-dd` or `dd/mm/yyyy`.
fn day(v: &str) -> String {
    match v.parse::<chrono::NaiveDate>() {
        Ok(d) => papi_core::clock::format_date(d),
        Err(_) => v.to_string(),
    }
}

#[derive(Deserialize)]
pub struct NewDisclosure {
    #[serde(default)]
    group: Option<u8>,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    legal_basis: String,
    #[serde(default)]
    decided_on: String,
    #[serde(default)]
    village_id: Option<i64>,
}

type Body<T> = Result<Json<T>, axum::extract::rejection::JsonRejection>;

fn body<T>(b: Body<T>) -> Result<T, ApiError> {
    b.map(|Json(x)| x)
        .map_err(|e| AppError::BadRequest(format!("Dữ liệu JSON không hợp lệ: {e}")).into())
}

/// `POST /api/disclosures`: opens an entry (the document is attached on its page).
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    headers: HeaderMap,
    b: Body<NewDisclosure>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    csrf(&user, &headers)?;
    let b = body(b)?;
    let input = EntryInput {
        group: b.group.map(|g| g.to_string()).unwrap_or_default(),
        topic: b.topic,
        title: b.title,
        legal_basis: b.legal_basis,
        decided_on: day(&b.decided_on),
        village_id: b.village_id.map(|v| v.to_string()).unwrap_or_default(),
        document: None,
    };
    let id = svc::create(&state, &user.0.actor(), input).await?;
    Ok((StatusCode::CREATED, Json(json!({"id": id}))))
}

#[derive(Deserialize)]
pub struct NewForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    village_id: Option<i64>,
    #[serde(default)]
    url: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    until: String,
    #[serde(default)]
    days: Vec<String>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    done_by: String,
}

/// `POST /api/disclosures/{id}/forms`: records a form of an entry.
pub async fn add_form(
    State(state): State<AppState>,
    user: ApiUser,
    Id(id): Id,
    headers: HeaderMap,
    b: Body<NewForm>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    csrf(&user, &headers)?;
    let b = body(b)?;
    let input = FormInput {
        kind: b.kind,
        village_id: b.village_id.map(|v| v.to_string()).unwrap_or_default(),
        url: b.url,
        from: day(&b.from),
        until: day(&b.until),
        days: b.days.iter().map(|d| day(d)).collect::<Vec<_>>().join(","),
        note: b.note,
        done_by: b.done_by,
        photo: None,
    };
    let fid = svc::add_form(&state, &user.0.actor(), id, input).await?;
    Ok((StatusCode::CREATED, Json(json!({"id": fid}))))
}

/// The schemas of these operations, for the OpenAPI document.
pub fn schemas() -> serde_json::Map<String, Value> {
    let id = json!({"type": "integer", "format": "int64"});
    let opt_id = json!({"type": ["integer", "null"], "format": "int64"});
    let date = json!({"type": "string", "format": "date"});
    let opt_date = json!({"type": ["string", "null"], "format": "date"});
    let kinds = json!([
        "office",
        "village",
        "portal",
        "loudspeaker",
        "village_head",
        "other"
    ]);
    let v = json!({
        "Disclosure": {"type": "object", "required": ["id", "group", "title", "legal_basis", "decided_on", "version", "state", "deadline", "standing", "findings", "forms"], "properties": {
            "id": id, "group": {"type": "integer", "minimum": 1, "maximum": 14},
            "topic": {"type": ["string", "null"]}, "title": {"type": "string"},
            "legal_basis": {"type": "string"}, "decided_on": date, "village_id": opt_id,
            "version": {"type": "integer"}, "replaces": opt_id,
            "state": {"type": "string", "enum": ["current", "replaced", "taken_down"]},
            "deadline": date, "deadline_rule": {"type": "string"}, "published_on": opt_date,
            "standing": {"type": "string", "enum": ["on_time", "permanent", "waiting", "not_published", "late", "too_short", "missing_form", "taken_down", "replaced"]},
            "standing_label": {"type": "string"},
            "findings": {"type": "array", "items": {"type": "object", "properties": {
                "kind": {"type": "string"}, "message": {"type": "string"}, "due": date}}},
            "forms": {"type": "array", "items": {"type": "object", "properties": {
                "id": id, "kind": {"type": "string", "enum": kinds}, "village_id": opt_id,
                "url": {"type": "string"}, "from": date, "until": opt_date,
                "days": {"type": "array", "items": date}, "done_by": {"type": "string"}}}}}},
        "NewDisclosure": {"type": "object", "required": ["title", "decided_on"], "properties": {
            "group": {"type": "integer", "minimum": 1, "maximum": 14, "description": "Nhóm nội dung, khoản của Điều 11 Luật 10/2022/QH15"},
            "topic": {"type": "string", "description": "Mục của kế hoạch (chairman_contacts, poor_households, budget_year, budget_quarter, land_use_plan, procedures, feedback_address, anti_corruption)"},
            "title": {"type": "string"}, "legal_basis": {"type": "string"},
            "decided_on": {"type": "string", "description": "yyyy-mm-dd hoặc dd/mm/yyyy"},
            "village_id": opt_id}},
        "NewDisclosureForm": {"type": "object", "required": ["kind", "from"], "properties": {
            "kind": {"type": "string", "enum": kinds}, "village_id": opt_id,
            "url": {"type": "string"}, "from": {"type": "string", "description": "yyyy-mm-dd hoặc dd/mm/yyyy"},
            "until": {"type": "string"}, "days": {"type": "array", "items": {"type": "string"}},
            "note": {"type": "string"}, "done_by": {"type": "string"}}},
    });
    match v {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

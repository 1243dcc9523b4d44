//! The OpenAPI 3.1 document of the JSON API, built from `ROUTES` (so no route is missing) with
//! each operation's request body and answer as the route table declares them, and the error
//! answers. Checked against the
//! running server by schemathesis in `.ci/run`.

use serde_json::{json, Value};

use crate::routes::{Body, ROUTES};

/// A schema reference for a body the route table names.
fn body_schema(b: Body) -> Value {
    match b {
        Body::One(item) => json!({"$ref": format!("#/components/schemas/{item}")}),
        Body::List(item) => {
            json!({"type": "array", "items": {"$ref": format!("#/components/schemas/{item}")}})
        }
    }
}

fn error_answer(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

/// The whole document.
pub fn document() -> Value {
    let mut paths = serde_json::Map::new();
    for spec in ROUTES
        .iter()
        .filter(|s| s.path.starts_with("/api/") && s.path != "/api/openapi.json")
    {
        let mut params: Vec<Value> = spec
            .path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "integer", "format": "int64"}}))
            .collect();
        let Some(shape) = spec.api else {
            continue;
        };
        let (request, ok_status, ok_schema) = (
            shape.request.map(|r| body_schema(Body::One(r))),
            shape.status,
            body_schema(shape.answer),
        );
        let mut responses = json!({
            ok_status: {"description": "Thành công", "content": {"application/json": {"schema": ok_schema}}},
            "401": error_answer("Chưa đăng nhập"),
            "403": error_answer("Không có quyền, hoặc thiếu mã CSRF khi ghi"),
            "404": error_answer("Không tìm thấy (hoặc thuộc xã khác)"),
        });
        let mut op = json!({
            "summary": spec.summary,
            "security": [{"session": []}],
        });
        if let Some(body) = request {
            params.push(json!({
                "name": "X-CSRF-Token", "in": "header", "required": true,
                "description": "Mã CSRF của phiên (trong mọi biểu mẫu của trang cán bộ)",
                "schema": {"type": "string", "minLength": 1}
            }));
            op["requestBody"] =
                json!({"required": true, "content": {"application/json": {"schema": body}}});
            responses["422"] = error_answer("Dữ liệu không hợp lệ (nói rõ trường nào và vì sao)");
        }
        op["parameters"] = json!(params);
        op["responses"] = responses;
        let entry = paths
            .entry(spec.path.to_string())
            .or_insert_with(|| json!({}));
        entry[spec.method.to_lowercase()] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "papi API", "version": env!("CARGO_PKG_VERSION"),
                 "description": "Kế hoạch, nội dung, nhiệm vụ và cập nhật tiến độ. Dùng phiên đăng nhập (cookie papi_session); ghi cần thêm tiêu đề X-CSRF-Token."},
        "components": {
            "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "papi_session"}},
            "schemas": with_process_schemas(schemas()),
        },
        "paths": paths
    })
}

/// The schemas the processes outside the plan declare beside their API handlers.
fn with_process_schemas(mut all: Value) -> Value {
    if let (Some(all), Value::Object(more)) =
        (all.as_object_mut(), crate::inspection::api::schemas())
    {
        all.extend(more);
        all.extend(crate::disclosure::api::schemas());
        all.extend(crate::participation::schemas::schemas());
    }
    all
}

fn schemas() -> Value {
    let id = json!({"type": "integer", "format": "int64"});
    let date = json!({"type": "string", "format": "date"});
    let opt_date = json!({"type": ["string", "null"], "format": "date"});
    let task_props = json!({
        "id": id, "commune_id": id, "plan_id": id,
        "item_id": {"type": ["integer", "null"], "format": "int64"},
        "position": {"type": "integer", "format": "int64"},
        "title": {"type": "string"}, "description": {"type": "string"},
        "lead_unit_id": id,
        "coordinating_unit_ids": {"type": "array", "items": id},
        "deliverable": {"type": "string"},
        "due": {"$ref": "#/components/schemas/Due"},
        "status": {"type": "string", "enum": ["not_started", "in_progress", "done", "cancelled"]},
        "progress": {"type": "integer", "minimum": 0, "maximum": 100},
        "public": {"type": "boolean"},
        "last_update_on": opt_date,
    });
    let task_required = json!([
        "id",
        "commune_id",
        "plan_id",
        "item_id",
        "position",
        "title",
        "description",
        "lead_unit_id",
        "coordinating_unit_ids",
        "deliverable",
        "due",
        "status",
        "progress",
        "public",
        "last_update_on"
    ]);
    let mut with_standing = task_props.clone();
    with_standing["standing"] =
        json!({"type": "string", "enum": ["done", "cancelled", "late", "due_soon", "on_track"]});
    let mut standing_required = task_required.clone();
    standing_required
        .as_array_mut()
        .expect("array")
        .push(json!("standing"));
    json!({
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string", "description": "Lời giải thích bằng tiếng Việt"}}},
        "Created": {"type": "object", "required": ["id"], "properties": {"id": id}},
        "PlanSummary": {"type": "object", "required": ["id", "number", "issued_on", "year", "title"], "properties": {
            "id": id, "number": {"type": "string"}, "issued_on": date,
            "year": {"type": "integer"}, "title": {"type": "string"}}},
        "Plan": {"type": "object", "required": ["id", "commune_id", "number", "issued_on", "year", "title", "full_text"], "properties": {
            "id": id, "commune_id": id, "number": {"type": "string"}, "issued_on": date,
            "year": {"type": "integer"}, "title": {"type": "string"}, "full_text": {"type": "string"},
            "unit_plan_due_working_days": {"type": ["integer", "null"]}}},
        "Period": {"type": "object", "required": ["kind", "from", "to", "due"], "properties": {
            "kind": {"type": "string", "enum": ["quarter", "half_year", "annual"]},
            "from": date, "to": date, "due": date}},
        "PlanDetail": {"type": "object", "required": ["plan", "reporting_periods"], "properties": {
            "plan": {"$ref": "#/components/schemas/Plan"},
            "reporting_periods": {"type": "array", "items": {"$ref": "#/components/schemas/Period"}}}},
        "Item": {"type": "object", "required": ["id", "plan_id", "code", "text", "position", "kind"], "properties": {
            "id": id, "plan_id": id, "code": {"type": "string"}, "text": {"type": "string"},
            "position": {"type": "integer"},
            "kind": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}}}},
        "Due": {"type": "object", "required": ["kind", "value"], "properties": {
            "kind": {"type": "string", "enum": ["date", "recurring"]},
            "value": {"type": "string", "description": "yyyy-mm-dd, or monthly, quarterly, half_yearly, yearly, ongoing"}}},
        "Task": {"type": "object", "required": task_required, "properties": task_props},
        "TaskWithStanding": {"type": "object", "required": standing_required, "properties": with_standing},
        "Evidence": {"type": "object", "required": ["id", "original_name"], "properties": {
            "id": id, "original_name": {"type": "string"}}},
        "Update": {"type": "object", "required": ["id", "task_id", "author_id", "author_name", "created_at", "text", "progress", "status_after", "evidence"], "properties": {
            "id": id, "task_id": id, "author_id": id, "author_name": {"type": "string"},
            "created_at": {"type": "string", "format": "date-time"},
            "text": {"type": "string"}, "progress": {"type": "integer", "minimum": 0, "maximum": 100},
            "status_after": {"type": "string", "enum": ["not_started", "in_progress", "done", "cancelled"]},
            "evidence": {"type": "array", "items": {"$ref": "#/components/schemas/Evidence"}}}},
        "NewUpdate": {"type": "object", "required": ["text", "progress"], "properties": {
            "text": {"type": "string", "minLength": 1, "maxLength": 5000, "pattern": "\\S",
                     "description": "Việc đã làm; không để trống"},
            "progress": {"type": "integer", "minimum": 0, "maximum": 100, "description": "Phần trăm hoàn thành"}}},
    })
}

//! The OpenAPI schemas of the participation and outreach operations (residents' decisions,
//! consultations, board members, the outreach log), merged into `/api/openapi.json`.

use papi_core::participation::consultation::{Channel, Topic};
use papi_core::participation::decision::subject::{Form, Proposer, Subject};
use serde_json::{json, Map, Value};

/// A string schema whose values are the codes the rules accept, with their labels.
fn codes(all: impl IntoIterator<Item = (&'static str, &'static str)>) -> Value {
    let (codes, labels): (Vec<_>, Vec<_>) = all.into_iter().unzip();
    json!({"type": "string", "enum": codes, "description": labels.join("; ")})
}

pub fn schemas() -> Map<String, Value> {
    let subject = codes(Subject::ALL.map(|s| (s.code(), s.label())));
    let proposer = codes(Proposer::ALL.map(|p| (p.code(), p.label())));
    let form = codes(Form::ALL.map(|f| (f.code(), f.label())));
    let topic = codes(Topic::ALL.map(|t| (t.code(), t.label())));
    let channel = codes(Channel::ALL.map(|c| (c.code(), c.label())));
    let id = json!({"type": "integer", "format": "int64"});
    let opt_id = json!({"type": ["integer", "null"], "format": "int64"});
    let count = json!({"type": "integer", "minimum": 0});
    let day = json!({"type": "string", "description": "Ngày dd/mm/yyyy hoặc yyyy-mm-dd"});
    let text = json!({"type": "string"});
    let flag = json!({"type": "boolean"});
    let all = json!({
        "NewDecision": {"type": "object", "required": ["title", "subject", "form", "held_on", "tallies"],
            "description": "Kết quả Nhân dân bàn, quyết định (Luật 10/2022/QH15 Điều 15–22). «passed» bị từ chối (422) khi chưa đạt tỷ lệ Điều 21.",
            "properties": {
                "title": text, "subject": subject,
                "village_id": {"type": ["integer", "null"], "format": "int64", "description": "Trống: việc chung của cả xã, mỗi thôn một kết quả"},
                "proposer": proposer, "agreed_with_front": flag, "initiative_households": count,
                "initiative_consent_on": day, "form": form,
                "quorum_failed": flag, "held_on": day, "notice_on": day, "documents_on": day,
                "passed": {"type": "boolean", "description": "Kết quả người ghi nhận; không vượt được kết quả tính từ phiếu"},
                "tallies": {"type": "array", "items": {"type": "object", "required": ["village_id", "total_households"], "properties": {
                    "village_id": id, "total_households": count, "present": count, "votes_for": count,
                    "votes_against": count, "abstain": count, "online_agreed": count}}}}},
        "NewConsultation": {"type": "object", "required": ["title", "topic", "published_on", "closes_on"],
            "description": "Lấy ý kiến Nhân dân (Điều 25–28): thời gian ít nhất 20 ngày, ngắn hơn bị từ chối (422).",
            "properties": {"title": text, "topic": topic, "village_id": opt_id,
                "channels": {"type": "array", "items": channel}, "published_on": day, "closes_on": day}},
        "BoardMember": {"type": "object", "required": ["name", "position", "group", "resident", "joined_on"],
            "description": "Thành viên Ban Thanh tra nhân dân hoặc Ban Giám sát đầu tư của cộng đồng; không đủ tư cách bị từ chối (422).",
            "properties": {"name": text, "village_id": {"type": "string", "description": "Mã thôn; trống nếu không thuộc thôn nào"},
                "position": {"type": "string", "enum": ["head", "deputy", "member"]},
                "group": {"type": "string", "enum": ["front", "bttnd", "resident"]},
                "resident": flag, "commune_staff": flag, "relative": flag, "joined_on": day}},
        "OutreachLog": {"type": "object", "required": ["year", "entries", "coverage"],
            "description": "Sổ tuyên truyền của năm và độ phủ theo thôn, lĩnh vực",
            "properties": {"year": {"type": "integer"}, "entries": {"type": "array", "items": {"type": "object"}},
                "coverage": {"type": "array", "description": "Một dòng mỗi thôn: số lượt theo lĩnh vực, luật, số người được tiếp cận",
                    "items": {"type": "object"}}}},
    });
    match all {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

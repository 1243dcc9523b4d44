//! The disclosure register of the test commune, and how the route × role test fills and calls their
//! routes.

use papi_core::disclosure::{Disclosure, DisclosureState, Form, FormKind};
use papi_core::Role;
use papi_store::disclosure::NewFile;

use super::{day, Client, Reply, World};

/// The objects the routes' `{id}`s point to.
#[derive(Debug, Default, Clone)]
pub struct Objects {
    /// A group 1 entry posted at the office, with its document.
    pub entry_id: i64,
    pub document_id: i64,
    pub village_id: i64,
}

/// A current group 1 entry of commune `cid` decided on 28/04/2025, as the office opens it.
pub async fn insert_entry(w: &World, cid: i64, title: &str) -> i64 {
    let e = Disclosure {
        id: 0,
        commune_id: cid,
        group: 1,
        topic: None,
        title: title.into(),
        legal_basis: "Luật 10/2022/QH15 Điều 11 khoản 1".into(),
        decided_on: day(2025, 4, 28),
        village_id: None,
        version: 1,
        replaces: None,
        state: DisclosureState::Current,
        taken_down_on: None,
        source: String::new(),
        created_by: "Văn phòng".into(),
        created_on: day(2025, 4, 28),
        document_name: None,
    };
    let mut tx = w.store.begin_write().await.unwrap();
    let id = papi_store::disclosure::insert(&mut tx, "t", &e)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// Adds the objects to the test commune (after everything else exists).
pub async fn seed(w: &World) -> Objects {
    let entry_id = insert_entry(
        w,
        w.commune.id,
        "Kế hoạch phát triển kinh tế - xã hội năm 2025",
    )
    .await;
    let mut tx = w.store.begin_write().await.unwrap();
    let doc = NewFile {
        original_name: "ke-hoach.pdf".into(),
        content_type: "application/pdf".into(),
        content: b"%PDF-1.4 ke hoach".to_vec(),
    };
    let document_id = papi_store::disclosure::add_file(
        &mut tx,
        "t",
        w.commune.id,
        entry_id,
        None,
        "document",
        &doc,
    )
    .await
    .unwrap();
    let office = Form {
        id: 0,
        disclosure_id: entry_id,
        kind: FormKind::Office,
        village_id: None,
        url: String::new(),
        from: day(2025, 4, 29),
        until: None,
        days: vec![],
        note: String::new(),
        done_by: "Văn phòng".into(),
    };
    papi_store::disclosure::add_form(&mut tx, "t", w.commune.id, &office)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let village_id = papi_store::org::villages(&w.store, w.commune.id)
        .await
        .unwrap()
        .first()
        .map(|v| v.id)
        .unwrap_or(0);
    Objects {
        entry_id,
        document_id,
        village_id,
    }
}

fn mine(path: &str) -> bool {
    path.starts_with("/staff/disclosure")
        || path.starts_with("/api/disclosures")
        || path.starts_with("/public/{gso}/disclosures")
}

/// The path with its placeholders filled, for the routes of this process; `None` for others.
pub fn fill(path: &str, w: &World, _role: Option<Role>) -> Option<String> {
    if !mine(path) {
        return None;
    }
    let o = &w.disclosure;
    let path = if path.starts_with("/staff/disclosure/files/") {
        path.replace("{id}", &o.document_id.to_string())
    } else {
        path.replace("{id}", &o.entry_id.to_string())
    };
    Some(
        path.replace("{gso}", &w.commune.gso_code)
            .replace("{file}", &o.document_id.to_string())
            .replace("{year}", "2025")
            .replace("{quarter}", "2"),
    )
}

/// The commune of the signed-in caller: a fresh entry is made there, so that a caller of
/// another commune changes nothing of the test commune.
async fn caller_commune(w: &World, c: &Client) -> i64 {
    let Some((token, _)) = &c.session else {
        return w.commune.id;
    };
    match papi_store::session::find(&w.store, token).await.unwrap() {
        Some(s) => {
            papi_store::org::user(&w.store, s.user_id)
                .await
                .unwrap()
                .commune_id
        }
        None => w.commune.id,
    }
}

/// Calls a route of this process with a valid body; `None` for the default call.
pub async fn call(
    w: &World,
    c: &Client,
    method: &str,
    path: &str,
    template: &str,
) -> Option<Reply> {
    if method != "POST" || !mine(template) {
        return None;
    }
    let o = &w.disclosure;
    let village = o.village_id.to_string();
    Some(match template {
        "/staff/disclosure" => {
            c.post_multipart(
                path,
                &[
                    ("group", "1"),
                    ("title", "Nội dung mới"),
                    ("legal_basis", "Luật 10/2022/QH15 Điều 11"),
                    ("decided_on", "01/05/2025"),
                ],
                &[("document", "van-ban.pdf", b"%PDF-1.4 van ban")],
            )
            .await
        }
        "/staff/disclosure/{id}/forms" => {
            c.post_multipart(
                path,
                &[("kind", "village"), ("village_id", &village), ("from", "01/05/2025")],
                &[("photo", "anh.png", b"\x89PNG\r\n\x1a\n....")],
            )
            .await
        }
        "/staff/disclosure/{id}/photos" => {
            c.post_multipart(path, &[], &[("photo", "anh.png", b"\x89PNG\r\n\x1a\n....")])
                .await
        }
        "/staff/disclosure/{id}/redisclose" => {
            // A fresh entry each time: a version is replaced once.
            let id = insert_entry(w, caller_commune(w, c).await, "Nội dung sẽ thay đổi").await;
            c.post_multipart(
                &format!("/staff/disclosure/{id}/redisclose"),
                &[("title", "Nội dung đã thay đổi"), ("decided_on", "30/04/2025")],
                &[],
            )
            .await
        }
        "/staff/disclosure/{id}/take-down" => {
            let id = insert_entry(w, caller_commune(w, c).await, "Nội dung sẽ gỡ").await;
            c.post_form(
                &format!("/staff/disclosure/{id}/take-down"),
                &[("on", "01/05/2025")],
            )
            .await
        }
        "/api/disclosures" => {
            c.post_json(
                path,
                serde_json::json!({"group": 1, "title": "Qua API", "legal_basis": "Luật 10/2022/QH15 Điều 11", "decided_on": "2025-05-01"}),
            )
            .await
        }
        "/api/disclosures/{id}/forms" => {
            c.post_json(
                path,
                serde_json::json!({"kind": "village", "village_id": o.village_id, "from": "2025-05-01"}),
            )
            .await
        }
        _ => return None,
    })
}

/// The object-level rule for the routes of this process; `None` for other routes. Village
/// heads record what was done in their villages but do not open, re-disclose or take down
/// the commune's entries (`papi_core::disclosure::can_register`).
pub async fn object_allowed(_w: &World, role: Role, spec: &papi_web::RouteSpec) -> Option<bool> {
    if !mine(spec.path) {
        return None;
    }
    let registers = matches!(
        (spec.method, spec.path),
        ("POST", "/staff/disclosure")
            | ("POST", "/api/disclosures")
            | ("POST", "/staff/disclosure/{id}/redisclose")
            | ("POST", "/staff/disclosure/{id}/take-down")
    );
    Some(!registers || role != Role::VillageHead)
}

//! The inspections and findings of the test commune, and how the route × role test fills and calls their
//! routes.

use chrono::NaiveDate;
use papi_core::inspection::{ChecklistKind, Finding, Inspection, Mode, Recheck, Target, Verdict};
use papi_core::Role;
use papi_store::inspection::{self, checklist, finding};

use super::{Client, Reply, World};

/// The objects the routes' `{id}`s point to.
#[derive(Debug, Default, Clone)]
pub struct Objects {
    /// A scheduled check of unit A, carried out and concluded, with an evidence file.
    pub done_id: i64,
    /// A criterion of `done_id` with its evidence file.
    pub criterion_id: i64,
    /// A scheduled check of unit A carried out, not concluded.
    pub open_id: i64,
    /// An open finding of `open_id`, owned by unit A.
    pub finding_id: i64,
    /// An unannounced check of unit A planned after the test's day.
    pub hidden_id: i64,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A check of unit A as the tests store it.
pub fn check(w: &World, mode: Mode, planned: NaiveDate) -> Inspection {
    Inspection {
        id: 0,
        commune_id: w.commune.id,
        year: 2025,
        title: "Kiểm tra Bộ phận một cửa".into(),
        mode,
        checklist: ChecklistKind::OneStopDesk,
        target: Target::Unit(w.unit_a),
        target_name: "Công chức Văn hóa - Xã hội".into(),
        planned_on: planned,
        held_on: None,
        inspector: String::new(),
        conclusion: String::new(),
        concluded_on: None,
        disclosure_id: None,
    }
}

/// Stores a check carried out on 10/04/2025 with every criterion met; returns its id.
pub async fn held_check(w: &World) -> i64 {
    let mut x = check(w, Mode::Scheduled, day(2025, 4, 10));
    x.held_on = Some(day(2025, 4, 10));
    x.inspector = "Đoàn kiểm tra".into();
    let mut tx = w.store.begin_write().await.unwrap();
    let id = inspection::insert(&mut tx, "t", &x).await.unwrap();
    tx.commit().await.unwrap();
    let mut crit = checklist::list(&w.store, w.commune.id, id).await.unwrap();
    for c in &mut crit {
        c.verdict = Verdict::Met;
    }
    let mut tx = w.store.begin_write().await.unwrap();
    checklist::save(&mut tx, "t", w.commune.id, id, &crit, &[])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// Stores a finding of check `id` owned by unit A (deadline 30/04/2025); `confirmed` adds a
/// re-check that confirmed the fix. Returns its id.
pub async fn finding_of(w: &World, id: i64, confirmed: bool) -> i64 {
    let f = Finding {
        id: 0,
        commune_id: w.commune.id,
        inspection_id: id,
        text: "Thiếu phiếu xin lỗi cho hồ sơ trễ hạn".into(),
        owner_unit_id: w.unit_a,
        owner_name: String::new(),
        found_on: day(2025, 4, 10),
        due: day(2025, 4, 30),
        first_due: day(2025, 4, 30),
        remediated_on: None,
        remediation: String::new(),
        closed_on: None,
    };
    let mut tx = w.store.begin_write().await.unwrap();
    let fid = finding::insert(&mut tx, "t", &f).await.unwrap();
    if confirmed {
        let f = Finding { id: fid, ..f };
        let r = Recheck {
            id: 0,
            finding_id: fid,
            on: day(2025, 4, 25),
            by: "Chánh Văn phòng".into(),
            passed: true,
            note: String::new(),
            new_due: None,
        };
        finding::insert_recheck(&mut tx, "t", &f, &r).await.unwrap();
    }
    tx.commit().await.unwrap();
    fid
}

/// Adds the objects to the test commune (after everything else exists).
pub async fn seed(w: &World) -> Objects {
    let done_id = held_check(w).await;
    let crit = checklist::list(&w.store, w.commune.id, done_id)
        .await
        .unwrap();
    let criterion_id = crit[0].id;
    let mut tx = w.store.begin_write().await.unwrap();
    checklist::save(
        &mut tx,
        "t",
        w.commune.id,
        done_id,
        &crit,
        &[(
            criterion_id,
            checklist::File {
                name: "so-theo-doi.pdf".into(),
                content_type: "application/pdf".into(),
                content: b"%PDF-1.4 so".to_vec(),
            },
        )],
    )
    .await
    .unwrap();
    let before = inspection::get(&w.store, w.commune.id, done_id)
        .await
        .unwrap();
    let mut after = before.clone();
    after.concluded_on = Some(day(2025, 4, 12));
    after.conclusion = "Đạt yêu cầu.".into();
    inspection::update(&mut tx, "t", "conclude_inspection", &before, &after)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let open_id = held_check(w).await;
    let finding_id = finding_of(w, open_id, false).await;
    let mut tx = w.store.begin_write().await.unwrap();
    let hidden_id =
        inspection::insert(&mut tx, "t", &check(w, Mode::Unannounced, day(2025, 5, 20)))
            .await
            .unwrap();
    tx.commit().await.unwrap();
    Objects {
        done_id,
        criterion_id,
        open_id,
        finding_id,
        hidden_id,
    }
}

/// The path with its placeholders filled, for the routes of this process; `None` for others.
pub fn fill(path: &str, w: &World, _role: Option<Role>) -> Option<String> {
    let o = &w.inspection;
    let id = if path.starts_with("/staff/inspections/criteria/") {
        o.criterion_id
    } else if path.starts_with("/staff/inspections/findings/")
        || path.starts_with("/api/inspections/findings/")
    {
        o.finding_id
    } else if path.ends_with("/notice.docx") {
        o.done_id
    } else if path.starts_with("/staff/inspections/") || path.starts_with("/api/inspections") {
        o.open_id
    } else {
        return None;
    };
    Some(path.replace("{id}", &id.to_string()))
}

/// Calls a route of this process with a valid body; `None` for the default call.
pub async fn call(
    w: &World,
    c: &Client,
    method: &str,
    path: &str,
    template: &str,
) -> Option<Reply> {
    let unit = w.unit_a.to_string();
    // The calls that first prepare an object of their own do so only for the test commune's
    // users: another commune's users get the filled path as it is (and must not reach it).
    let own = match &c.session {
        Some((token, _)) => papi_store::session::find_with_user(&w.store, token)
            .await
            .unwrap()
            .is_some_and(|(_, u)| u.commune_id == w.commune.id),
        None => true,
    };
    let prepares = matches!(
        template,
        "/staff/inspections/{id}/conclude"
            | "/staff/inspections/findings/{id}/close"
            | "/api/inspections/findings/{id}/close"
    );
    if prepares && !own {
        return Some(if template.starts_with("/api/") {
            c.post_json(path, serde_json::json!({})).await
        } else {
            c.post_form(path, &[]).await
        });
    }
    Some(match (method, template) {
        ("POST", "/staff/inspections") => {
            let target = format!("unit:{unit}");
            c.post_form(
                path,
                &[
                    ("target", &target),
                    ("checklist", "reception"),
                    ("mode", "unannounced"),
                    ("planned_on", "20/05/2025"),
                ],
            )
            .await
        }
        ("POST", "/staff/inspections/settings") => c.post_form(path, &[("days", "12")]).await,
        ("POST", "/staff/inspections/{id}/record") => {
            c.post_form(
                path,
                &[("held_on", "10/04/2025"), ("inspector", "Đoàn kiểm tra")],
            )
            .await
        }
        ("POST", "/staff/inspections/{id}/checklist") => {
            c.post_multipart(
                path,
                &[("cid", "0"), ("ctext", ""), ("verdict", ""), ("note", "")],
                &[],
            )
            .await
        }
        ("POST", "/staff/inspections/{id}/findings") => {
            c.post_form(
                path,
                &[
                    ("text", "Chưa niêm yết phí"),
                    ("owner_unit_id", &unit),
                    ("due", ""),
                ],
            )
            .await
        }
        ("POST", "/staff/inspections/{id}/conclude") => {
            let id = held_check(w).await;
            c.post_form(
                &format!("/staff/inspections/{id}/conclude"),
                &[("conclusion", "Đạt yêu cầu."), ("concluded_on", "")],
            )
            .await
        }
        ("POST", "/staff/inspections/findings/{id}/remediation") => {
            c.post_form(path, &[("remediation", "Đã khắc phục"), ("on", "")])
                .await
        }
        ("POST", "/staff/inspections/findings/{id}/recheck") => {
            c.post_form(
                path,
                &[
                    ("on", "25/04/2025"),
                    ("by", "Chánh Văn phòng"),
                    ("result", "passed"),
                ],
            )
            .await
        }
        ("POST", "/staff/inspections/findings/{id}/close") => {
            let fid = finding_of(w, w.inspection.open_id, true).await;
            c.post_form(&format!("/staff/inspections/findings/{fid}/close"), &[])
                .await
        }
        ("POST", "/api/inspections/findings/{id}/close") => {
            let fid = finding_of(w, w.inspection.open_id, true).await;
            c.post_json(
                &format!("/api/inspections/findings/{fid}/close"),
                serde_json::json!({}),
            )
            .await
        }
        _ => return None,
    })
}

/// The object-level rule for the routes of this process; `None` for other routes. Only the
/// remediation report has one: the owner unit's head and officers, and the office and the
/// chairman for them (`papi_core::inspection::finding::can_report_remediation`).
pub async fn object_allowed(w: &World, role: Role, spec: &papi_web::RouteSpec) -> Option<bool> {
    if spec.path != "/staff/inspections/findings/{id}/remediation" {
        return None;
    }
    let u = w.user(role);
    let actor = papi_core::Actor {
        user_id: u.id,
        commune_id: u.commune_id,
        role,
        unit_id: u.unit_id,
    };
    let f = finding::get(&w.store, w.commune.id, w.inspection.finding_id)
        .await
        .unwrap();
    Some(papi_core::inspection::finding::can_report_remediation(
        &actor, &f,
    ))
}

//! The residents' decisions, contributions ledger, consultations of the test commune, and how the route × role test fills and calls their
//! routes.

use papi_app::participation::consultation::ConsultationInput;
use papi_app::participation::decision::{DecisionInput, TallyInput};
use papi_app::participation::ledger::LedgerInput;
use papi_core::Role;

use super::{day, Client, Reply, World, TODAY};

/// The objects the routes' `{id}`s point to.
#[derive(Debug, Default, Clone)]
pub struct Objects {
    pub dong: i64,
    pub tay: i64,
    /// A contribution passed in Thôn Đông.
    pub decision_id: i64,
    /// The ledger of that contribution.
    pub ledger_id: i64,
    /// A consultation open on the test day, with a draft.
    pub consultation_id: i64,
}

/// The office of the test commune as an actor, and the application over the test store.
pub fn office(w: &World) -> (papi_app::App, papi_core::Actor) {
    let u = w.user(Role::Office);
    (
        papi_app::App::new(w.store.clone(), Some(day(TODAY.0, TODAY.1, TODAY.2))),
        papi_core::Actor {
            user_id: u.id,
            commune_id: u.commune_id,
            role: Role::Office,
            unit_id: u.unit_id,
        },
    )
}

/// A contribution in Thôn Đông voted on 25/04/2025 (notice 22/04), `yes` of 100 households for.
pub fn contribution(village: i64, yes: i64, passed: bool) -> DecisionInput {
    DecisionInput {
        title: "Đóng góp làm đường thôn Đông".into(),
        subject: "contribution".into(),
        village_id: Some(village),
        proposer: "village_head".into(),
        agreed_with_front: true,
        form: "meeting".into(),
        held_on: "25/04/2025".into(),
        notice_on: "22/04/2025".into(),
        documents_on: "22/04/2025".into(),
        passed,
        tallies: vec![TallyInput {
            village_id: village,
            total_households: 100,
            present: 95,
            votes_for: yes,
            votes_against: 95 - yes,
            ..Default::default()
        }],
        ..Default::default()
    }
}

/// Adds the objects to the test commune (after everything else exists).
pub async fn seed(w: &World) -> Objects {
    let (app, actor) = office(w);
    let villages = papi_store::org::villages(&w.store, w.commune.id)
        .await
        .unwrap();
    let id = |n: &str| villages.iter().find(|v| v.name == n).unwrap().id;
    let (dong, tay) = (id("Thôn Đông"), id("Thôn Tây"));
    use papi_app::participation::{consultation, decision, ledger};
    let decision_id = decision::record(&app, &actor, "t", &contribution(dong, 80, true))
        .await
        .unwrap();
    let ledger_id = ledger::open(
        &app,
        &actor,
        "t",
        &LedgerInput {
            decision_id,
            project: "Đường thôn Đông".into(),
            level_per_household: "300.000".into(),
            account_kind: "village_account".into(),
            account: "Agribank 123".into(),
        },
    )
    .await
    .unwrap();
    let consultation_id = consultation::open(
        &app,
        &actor,
        "t",
        &ConsultationInput {
            title: "Dự thảo quy chế dân chủ".into(),
            topic: "democracy_regulation".into(),
            village_id: None,
            channels: vec!["portal".into()],
            published_on: "25/04/2025".into(),
            closes_on: "20/05/2025".into(),
        },
    )
    .await
    .unwrap();
    consultation::upload_draft(
        &app,
        &actor,
        "t",
        consultation_id,
        "du-thao.pdf",
        b"%PDF-1.4 du thao",
    )
    .await
    .unwrap();
    Objects {
        dong,
        tay,
        decision_id,
        ledger_id,
        consultation_id,
    }
}

/// The path with its placeholders filled, for the routes of this process; `None` for others.
pub fn fill(path: &str, w: &World, _role: Option<Role>) -> Option<String> {
    let o = &w.decisions;
    let id = if path.starts_with("/staff/participation/decisions") {
        o.decision_id
    } else if path.starts_with("/staff/participation/ledgers") {
        o.ledger_id
    } else if path.starts_with("/staff/participation/consultations")
        || path.starts_with("/public/{gso}/participation")
    {
        o.consultation_id
    } else if path.starts_with("/staff/participation") || path.starts_with("/api/participation") {
        0
    } else {
        return None;
    };
    Some(
        path.replace("{id}", &id.to_string())
            .replace("{gso}", &w.commune.gso_code),
    )
}

/// Calls a route of this process with a valid body; `None` for the default call.
pub async fn call(
    w: &World,
    c: &Client,
    method: &str,
    path: &str,
    template: &str,
) -> Option<Reply> {
    if method != "POST" || !(template.contains("/participation")) {
        return None;
    }
    let o = &w.decisions;
    let dong = o.dong.to_string();
    let reply = match template {
        "/staff/participation/decisions" => {
            let t = |k: &str| format!("{k}_{dong}");
            let (total, present, yes, no) = (t("total"), t("present"), t("for"), t("against"));
            c.post_form(
                path,
                &[
                    ("title", "Đóng góp sửa kênh mương"),
                    ("subject", "contribution"),
                    ("village_id", &dong),
                    ("proposer", "village_head"),
                    ("agreed_with_front", "1"),
                    ("form", "meeting"),
                    ("held_on", "25/04/2025"),
                    ("notice_on", "22/04/2025"),
                    ("documents_on", "22/04/2025"),
                    ("passed", "yes"),
                    (&total, "100"),
                    (&present, "90"),
                    (&yes, "80"),
                    (&no, "10"),
                ],
            )
            .await
        }
        "/staff/participation/decisions/{id}/follow-up" => {
            c.post_form(path, &[("sent_on", "28/04/2025")]).await
        }
        "/staff/participation/ledgers" => {
            let d = o.decision_id.to_string();
            c.post_form(
                path,
                &[
                    ("decision_id", &d),
                    ("project", "Kênh mương"),
                    ("level_per_household", "200.000"),
                    ("account_kind", "commune_deposit"),
                    ("account", "Kho bạc 9"),
                ],
            )
            .await
        }
        "/staff/participation/ledgers/{id}/entries" => {
            c.post_form(
                path,
                &[
                    ("on", "28/04/2025"),
                    ("kind", "collected"),
                    ("amount", "300.000"),
                    ("who", "Hộ ông A"),
                    ("purpose", "Đóng góp"),
                ],
            )
            .await
        }
        "/staff/participation/ledgers/{id}/publish" => c.post_form(path, &[]).await,
        "/staff/participation/consultations" | "/staff/participation/consultations/{id}/edit" => {
            c.post_form(
                path,
                &[
                    ("title", "Dự thảo quy chế dân chủ"),
                    ("topic", "democracy_regulation"),
                    ("channels", "portal"),
                    ("published_on", "25/04/2025"),
                    ("closes_on", "20/05/2025"),
                ],
            )
            .await
        }
        "/staff/participation/consultations/{id}/draft" => {
            c.post_multipart(path, &[], &[("draft", "du-thao.pdf", b"%PDF-1.4 ban moi")])
                .await
        }
        "/staff/participation/consultations/{id}/comments" => {
            c.post_form(
                path,
                &[
                    ("on", "30/04/2025"),
                    ("who", "Ông B"),
                    ("stance", "for"),
                    ("text", "Đồng ý"),
                ],
            )
            .await
        }
        "/staff/participation/consultations/{id}/close" => {
            // Each call closes a consultation of its own whose window has ended, opened by the
            // same client in its own commune (a role that may not open one is refused at the
            // route anyway, so the seeded one serves).
            let opened = c
                .post_form(
                    "/staff/participation/consultations",
                    &[
                        ("title", "Phương án chợ"),
                        ("topic", "community_decision"),
                        ("channels", "meeting"),
                        ("published_on", "01/03/2025"),
                        ("closes_on", "25/03/2025"),
                    ],
                )
                .await;
            let target = match opened.location.split('?').next() {
                Some(p) if p.starts_with("/staff/participation/consultations/") => {
                    format!("{p}/close")
                }
                _ => path.to_string(),
            };
            c.post_form(
                &target,
                &[
                    ("summary", "Không có ý kiến"),
                    ("adopted", "yes"),
                    ("decision", "Thông qua"),
                ],
            )
            .await
        }
        "/api/participation/decisions" => {
            c.post_json(
                path,
                serde_json::json!({
                    "title": "Đóng góp qua API", "subject": "contribution", "village_id": o.dong,
                    "proposer": "village_head", "agreed_with_front": true, "form": "meeting",
                    "held_on": "25/04/2025", "notice_on": "22/04/2025", "documents_on": "22/04/2025",
                    "passed": true,
                    "tallies": [{"village_id": o.dong, "total_households": 100, "present": 90, "votes_for": 70, "votes_against": 20}]
                }),
            )
            .await
        }
        "/api/participation/consultations" => {
            c.post_json(
                path,
                serde_json::json!({
                    "title": "Lấy ý kiến qua API", "topic": "project", "channels": ["portal"],
                    "published_on": "01/05/2025", "closes_on": "2025-05-21"
                }),
            )
            .await
        }
        _ => return None,
    };
    Some(reply)
}

/// The object-level rule for the routes of this process; `None` for other routes.
pub async fn object_allowed(_w: &World, _role: Role, spec: &papi_web::RouteSpec) -> Option<bool> {
    // Everyone whose role allows the route may use it on the commune's objects.
    spec.path.contains("/participation").then_some(true)
}

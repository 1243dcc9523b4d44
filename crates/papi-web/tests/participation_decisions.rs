//! Residents' decisions, contributions and consultations over HTTP, on every backend: "passed"
//! below two thirds is refused with the figures through the form (422, what was typed kept)
//! and the API (422 JSON); a consultation under 20 days is refused both ways and an open one
//! is never shortened; closing against the majority needs the explanation; a ledger opens only
//! on a passed contribution, refuses spending beyond its balance and flags a project without a
//! board; the public page shows it all, by village, without signing in.

mod common;

use axum::http::StatusCode;
use common::decisions::{contribution, office};
use common::world;
use papi_app::participation::consultation::{CommentInput, ConsultationInput};
use papi_app::participation::ledger::LedgerInput;
use papi_core::Role;
use papi_store::testing::backends;

#[tokio::test]
async fn passed_below_two_thirds_is_refused_by_form_and_api() {
    for backend in backends() {
        let w = world(&backend).await;
        let dong = w.decisions.dong.to_string();
        let c = w.client(Some(Role::VillageHead)).await;
        let t = |k: &str| format!("{k}_{dong}");
        let (total, present, yes, no) = (t("total"), t("present"), t("for"), t("against"));
        let r = c
            .post_form(
                "/staff/participation/decisions",
                &[
                    ("title", "Đóng góp xây nhà văn hóa"),
                    ("subject", "contribution"),
                    ("village_id", &dong),
                    ("proposer", "village_head"),
                    ("agreed_with_front", "1"),
                    ("form", "meeting"),
                    ("held_on", "25/04/2025"),
                    ("notice_on", "22/04/2025"),
                    ("documents_on", "22/04/2025"),
                    ("passed", "yes"),
                    (&total, "200"),
                    (&present, "170"),
                    (&yes, "120"),
                    (&no, "50"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let page = r.text();
        assert!(
            page.contains("Chỉ có 120/200 hộ đồng ý, chưa đạt 2/3 tổng số hộ gia đình (134 hộ) theo Điều 21 khoản 1"),
            "{page}"
        );
        assert!(
            page.contains("Đóng góp xây nhà văn hóa"),
            "the form keeps what was typed"
        );

        let api = c
            .post_json(
                "/api/participation/decisions",
                serde_json::json!({
                    "title": "Đóng góp", "subject": "contribution", "village_id": w.decisions.dong,
                    "proposer": "village_head", "agreed_with_front": true, "form": "meeting",
                    "held_on": "25/04/2025", "notice_on": "22/04/2025", "documents_on": "22/04/2025",
                    "passed": true,
                    "tallies": [{"village_id": w.decisions.dong, "total_households": 200, "present": 170, "votes_for": 120, "votes_against": 50}]
                }),
            )
            .await;
        assert_eq!(api.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(api.text().contains("Chỉ có 120/200 hộ"), "{}", api.text());

        // Recorded as not passed, it is kept with the reason; a contributions ledger cannot open on it.
        let (app, actor) = office(&w);
        let refused = papi_app::participation::decision::record(
            &app,
            &actor,
            "t",
            &contribution(w.decisions.dong, 60, false),
        )
        .await
        .unwrap();
        let shown = c
            .get(&format!("/staff/participation/decisions/{refused}"))
            .await;
        assert!(
            shown.text().contains("Chỉ có 60/100 hộ đồng ý"),
            "{}",
            shown.text()
        );
        let e = papi_app::participation::ledger::open(
            &app,
            &actor,
            "t",
            &LedgerInput {
                decision_id: refused,
                project: "Nhà văn hóa".into(),
                level_per_household: "100000".into(),
                account_kind: "village_account".into(),
                account: "x".into(),
            },
        )
        .await
        .unwrap_err();
        assert!(e.to_string().contains("chưa được thông qua"), "{e}");

        // Online voting is refused for contributions.
        let mut online = contribution(w.decisions.dong, 90, true);
        online.form = "online".into();
        let e = papi_app::participation::decision::record(&app, &actor, "t", &online)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("trực tuyến chỉ dùng"), "{e}");
    }
}

#[tokio::test]
async fn a_consultation_keeps_its_twenty_days() {
    for backend in backends() {
        let w = world(&backend).await;
        let c = w.client(Some(Role::Chairman)).await;
        let short = [
            ("title", "Dự thảo kế hoạch"),
            ("topic", "socio_economic_plan"),
            ("channels", "portal"),
            ("published_on", "01/05/2025"),
            ("closes_on", "15/05/2025"),
        ];
        let r = c
            .post_form("/staff/participation/consultations", &short)
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(r.text().contains("chỉ có 14 ngày"), "{}", r.text());
        assert!(r.text().contains("Điều 28 khoản 2"));

        let api = c
            .post_json(
                "/api/participation/consultations",
                serde_json::json!({"title": "X", "topic": "project", "channels": ["portal"],
                    "published_on": "01/05/2025", "closes_on": "10/05/2025"}),
            )
            .await;
        assert_eq!(api.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(api.text().contains("ít nhất 20 ngày"), "{}", api.text());

        // The open one (25/04 – 20/05) may be lengthened, not shortened.
        let path = format!(
            "/staff/participation/consultations/{}/edit",
            w.decisions.consultation_id
        );
        let edit = |closes: &'static str| {
            [
                ("title", "Dự thảo quy chế dân chủ"),
                ("topic", "democracy_regulation"),
                ("channels", "portal"),
                ("published_on", "25/04/2025"),
                ("closes_on", closes),
            ]
        };
        assert_eq!(
            c.post_form(&path, &edit("25/05/2025")).await.status,
            StatusCode::SEE_OTHER
        );
        let r = c.post_form(&path, &edit("22/05/2025")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("Không rút ngắn"), "{}", r.text());
        let close = format!(
            "/staff/participation/consultations/{}/close",
            w.decisions.consultation_id
        );
        let r = c
            .post_form(
                &close,
                &[("summary", "x"), ("decision", "y"), ("adopted", "yes")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("chưa thể kết thúc"), "{}", r.text());
    }
}

#[tokio::test]
async fn closing_against_the_majority_needs_the_explanation() {
    for backend in backends() {
        let w = world(&backend).await;
        let (app, actor) = office(&w);
        use papi_app::participation::consultation as svc;
        let id = svc::open(
            &app,
            &actor,
            "t",
            &ConsultationInput {
                title: "Di dời chợ".into(),
                topic: "community_decision".into(),
                village_id: None,
                channels: vec!["meeting".into()],
                published_on: "01/03/2025".into(),
                closes_on: "25/03/2025".into(),
            },
        )
        .await
        .unwrap();
        for stance in ["against", "against", "for"] {
            svc::add_comment(
                &app,
                &actor,
                "t",
                id,
                &CommentInput {
                    on: "10/03/2025".into(),
                    who: "Người dân".into(),
                    village_id: None,
                    text: "Ý kiến".into(),
                    stance: stance.into(),
                },
            )
            .await
            .unwrap();
        }
        let c = w.client(Some(Role::Office)).await;
        let path = format!("/staff/participation/consultations/{id}/close");
        let base = [
            ("summary", "2 không đồng ý, 1 đồng ý"),
            ("decision", "Di dời chợ"),
            ("adopted", "yes"),
        ];
        let r = c.post_form(&path, &base).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(r.text().contains("Điều 28 khoản 4"), "{}", r.text());
        let mut with = base.to_vec();
        with.push(("explanation", "Chợ cũ lấn quốc lộ, mất an toàn."));
        assert_eq!(
            c.post_form(&path, &with).await.status,
            StatusCode::SEE_OTHER
        );

        let public = w.client(None).await;
        let p = public
            .get(&format!("/public/{}/participation", w.commune.gso_code))
            .await;
        assert_eq!(p.status, StatusCode::OK);
        let html = p.text();
        assert!(
            html.contains("Chợ cũ lấn quốc lộ"),
            "the explanation is published"
        );
        assert!(html.contains("Dự thảo quy chế dân chủ") && html.contains("Đang lấy ý kiến"));
        assert!(!html.contains("<script"), "no script on the public page");
    }
}

#[tokio::test]
async fn the_ledger_refuses_overspending_and_flags_a_project_without_board() {
    for backend in backends() {
        let w = world(&backend).await;
        let c = w.client(Some(Role::VillageHead)).await;
        let path = format!(
            "/staff/participation/ledgers/{}/entries",
            w.decisions.ledger_id
        );
        let line = |kind: &'static str, amount: &'static str| {
            [
                ("on", "28/04/2025"),
                ("kind", kind),
                ("amount", amount),
                ("who", "Hộ ông A"),
                ("purpose", "Xi măng"),
            ]
        };
        assert_eq!(
            c.post_form(&path, &line("collected", "1.000.000"))
                .await
                .status,
            StatusCode::SEE_OTHER
        );
        let r = c.post_form(&path, &line("spent", "1.000.001")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(
            r.text().contains("lớn hơn số dư 1.000.000 đ"),
            "{}",
            r.text()
        );
        assert_eq!(
            c.post_form(&path, &line("spent", "400.000")).await.status,
            StatusCode::SEE_OTHER
        );
        let r = c.post_form(&path, &line("collected", "abc")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("Số tiền: «abc»"), "{}", r.text());

        let page = c
            .get(&format!(
                "/staff/participation/ledgers/{}",
                w.decisions.ledger_id
            ))
            .await
            .text();
        assert!(page.contains("600.000 đ"), "balance");
        assert!(page.contains("Chưa có Ban giám sát đầu tư của cộng đồng"));

        // Publishing marks it published even while the register cannot take it yet.
        let office = w.client(Some(Role::Office)).await;
        let r = office
            .post_form(
                &format!(
                    "/staff/participation/ledgers/{}/publish",
                    w.decisions.ledger_id
                ),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);

        let public = w.client(None).await;
        let url = format!(
            "/public/{}/participation?village={}",
            w.commune.gso_code, w.decisions.dong
        );
        let html = public.get(&url).await.text();
        assert!(html.contains("còn 600.000 đ"), "{html}");
        assert!(html.contains("Xi măng"));
        // Thôn Tây sees the commune-wide consultation but not Thôn Đông's road.
        let url = format!(
            "/public/{}/participation?village={}",
            w.commune.gso_code, w.decisions.tay
        );
        let html = public.get(&url).await.text();
        assert!(!html.contains("Đường thôn Đông"), "{html}");
        assert!(html.contains("Dự thảo quy chế dân chủ"));
        let draft = public
            .get(&format!(
                "/public/{}/participation/consultations/{}/draft",
                w.commune.gso_code, w.decisions.consultation_id
            ))
            .await;
        assert_eq!(draft.status, StatusCode::OK);
        assert!(draft.body.starts_with(b"%PDF"));
    }
}

#[tokio::test]
async fn the_agenda_holds_sending_and_recognition() {
    for backend in backends() {
        let w = world(&backend).await;
        let (app, actor) = office(&w);
        let o = papi_app::participation::decision::obligations(&app, &actor)
            .await
            .unwrap();
        let send = o
            .iter()
            .find(|o| o.subject_id == w.decisions.decision_id)
            .unwrap();
        assert!(send.title.starts_with("Gửi văn bản kết quả"), "{backend}");
        // Voted on Friday 25/04/2025: 30/04 and 01/05 are holidays, so 5 working days end on 06/05.
        assert_eq!(send.due, common::day(2025, 5, 6));
        assert_eq!(send.met_on, None);
    }
}

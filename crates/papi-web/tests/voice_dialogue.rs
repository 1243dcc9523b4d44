//! Dialogues on complaints over HTTP, on every backend. A dialogue held on 15/10/2026 where the
//! complainant stayed away without excuse: the page says the case goes on (Luật Khiếu nại Điều
//! 30 khoản 6, in force from 01/07/2026), warns that the parties were told after the latest
//! day (5 calendar days before: Saturday 10/10/2026), moves the case to the dialogue stage and
//! offers the minutes. A refused form keeps what was typed; a denunciation has no dialogue; a
//! role that does not handle the complaint is refused.

mod common;

use axum::http::StatusCode;
use common::{day, world, World};
use papi_app::voice::intake::Intake;
use papi_app::voice::StepInput;
use papi_core::voice::intake::IntakeForm;
use papi_core::voice::{Channel, MatterKind, Requester, Stage, StepKind};
use papi_core::{Actor, Role, User};
use papi_store::testing::backends;
use papi_web::AppState;

fn actor(u: &User) -> Actor {
    Actor {
        user_id: u.id,
        commune_id: u.commune_id,
        role: u.role,
        unit_id: u.unit_id,
    }
}

/// A matter of `kind` received on 01/09/2026, accepted on 03/09 and sent to unit A to verify
/// on 10/09/2026. A denunciation is held by the office (its custodian).
async fn matter(app: &AppState, w: &World, kind: MatterKind) -> i64 {
    let office = actor(w.user(Role::Office));
    let denunciation = kind == MatterKind::Denunciation;
    let id = papi_app::voice::receive(
        app,
        &office,
        "t",
        Intake {
            form: IntakeForm {
                kind: Some(kind),
                channel: Some(Channel::Letter),
                received_on: Some(day(2026, 9, 1)),
                title: "Khiếu nại Quyết định số 45/QĐ-UBND về thu hồi đất".into(),
                content: "Đề nghị hủy quyết định thu hồi 120 m² đất vườn.".into(),
                requester: Requester {
                    name: "Trần Thị Khiếu".into(),
                    address: "Thôn Đông".into(),
                    id_number: "001234567890".into(),
                    ..Default::default()
                },
                respondent: "Chủ tịch UBND xã".into(),
                ..Default::default()
            },
            handler_id: denunciation.then_some(office.user_id),
            unit_id: Some(w.unit_a),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .id;
    for (kind, on, text) in [
        (StepKind::Accept, 3, ""),
        (StepKind::Verify, 10, "Đã đo đạc lại thửa đất"),
    ] {
        papi_app::voice::step(
            app,
            &office,
            "t",
            id,
            StepInput {
                kind: Some(kind),
                on: Some(day(2026, 9, on)),
                text: text.into(),
                unit_id: Some(w.unit_a),
                ..Default::default()
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
    }
    id
}

fn form<'a>(place: &'a str, copies: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("held_on", "15/10/2026"),
        ("starts_at", "08 giờ 30 phút"),
        ("place", place),
        ("chair", "Nguyễn Văn An, Chủ tịch UBND xã"),
        ("invited_on", "12/10/2026"),
        ("p_name", "Trần Thị Khiếu"),
        ("p_role", "Người khiếu nại"),
        ("p_att", "unexcused"),
        ("p_reason", ""),
        ("p_name", "Lê Văn Bị"),
        ("p_role", "Người bị khiếu nại"),
        ("p_att", "present"),
        ("p_reason", ""),
        (
            "content",
            "Kết quả xác minh: diện tích thu hồi đúng hồ sơ địa chính.",
        ),
        ("opinions", "Người bị khiếu nại giữ nguyên quyết định."),
        ("result", "Người khiếu nại vắng mặt không có lý do."),
        ("copies", copies),
    ]
}

#[tokio::test]
async fn a_complaint_goes_on_after_an_unexcused_absence_from_july_2026() {
    for backend in backends() {
        let mut w = world(&backend).await;
        let state = AppState::new(w.store.clone(), Some(day(2026, 10, 20)), false);
        w.app = papi_web::router(state.clone());
        let id = matter(&state, &w, MatterKind::Complaint).await;
        let url = format!("/staff/voice/{id}/dialogue");
        let office = w.client(Some(Role::Office)).await;

        // Refused: fewer than 3 copies; what was typed comes back.
        let r = office
            .post_form(&url, &form("Nhà văn hóa thôn Đông", "2"))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let t = r.text();
        assert!(
            t.contains("Số bản biên bản: ít nhất 3 bản"),
            "{backend}: {t}"
        );
        assert!(t.contains("Nhà văn hóa thôn Đông"), "{backend}");
        assert!(t.contains("Lê Văn Bị"), "{backend}");

        let r = office
            .post_form(&url, &form("Nhà văn hóa thôn Đông", "3"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{backend}: {}", r.text());
        let t = r.text();
        assert!(t.contains("Đã ghi biên bản đối thoại"), "{backend}");
        assert!(
            t.contains("việc giải quyết khiếu nại vẫn tiếp tục"),
            "{backend}: {t}"
        );
        assert!(t.contains("Điều 30 khoản 6"), "{backend}");
        assert!(t.contains("vắng mặt không có lý do"), "{backend}");
        // Told on 12/10 for a dialogue on 15/10: the latest day was 10/10/2026.
        assert!(t.contains("chậm nhất ngày 10/10/2026"), "{backend}: {t}");
        assert!(t.contains("SEC-U"), "{backend}");

        let m = papi_store::voice::get(&w.store, w.commune.id, id)
            .await
            .unwrap();
        assert_eq!(m.stage, Stage::Dialogue, "{backend}");
        let page = office.get(&format!("/staff/voice/{id}")).await.text();
        assert!(page.contains(&url), "{backend}: link to the dialogue");
        let minutes = format!("/staff/voice/{id}/documents/bien-ban-doi-thoai");
        assert!(page.contains(&minutes), "{backend}: minutes offered");
        let docx = office.get(&minutes).await;
        assert_eq!(docx.status, StatusCode::OK, "{backend}");
        let text = papi_docs::plan_import::docx_to_text(&docx.body)
            .unwrap_or_else(|e| panic!("{backend}: not a readable DOCX: {e:?}"));
        for part in [
            "BIÊN BẢN",
            "Trần Thị Khiếu",
            "vắng mặt không có lý do",
            "khoản 6 Điều 30",
            "Lê Văn Bị",
        ] {
            assert!(text.contains(part), "{backend}: {part} in {text}");
        }

        // The page again, read later: the record with each attendance.
        let again = office.get(&url).await.text();
        assert!(again.contains("Lê Văn Bị"), "{backend}");
        assert!(again.contains("có mặt"), "{backend}");

        // Those who do not handle complaints record nothing.
        for role in [
            Role::Officer,
            Role::UnitHead,
            Role::Front,
            Role::VillageHead,
        ] {
            let c = w.client(Some(role)).await;
            let r = c.post_form(&url, &form("Trụ sở", "3")).await;
            assert!(
                matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{backend} {role:?}: {}",
                r.status
            );
        }
        assert_eq!(
            papi_store::voice::dialogue::list(&w.store, w.commune.id, id)
                .await
                .unwrap()
                .len(),
            1,
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_denunciation_has_no_dialogue() {
    for backend in backends() {
        let mut w = world(&backend).await;
        let state = AppState::new(w.store.clone(), Some(day(2026, 10, 20)), false);
        w.app = papi_web::router(state.clone());
        let id = matter(&state, &w, MatterKind::Denunciation).await;
        let url = format!("/staff/voice/{id}/dialogue");
        let office = w.client(Some(Role::Office)).await;
        let r = office.post_form(&url, &form("Trụ sở", "3")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(
            r.text()
                .contains("Chỉ tổ chức đối thoại khi giải quyết khiếu nại"),
            "{backend}"
        );
        assert!(
            papi_store::voice::dialogue::list(&w.store, w.commune.id, id)
                .await
                .unwrap()
                .is_empty()
        );
        let m = papi_store::voice::get(&w.store, w.commune.id, id)
            .await
            .unwrap();
        assert_eq!(m.stage, Stage::Verifying, "{backend}");
    }
}

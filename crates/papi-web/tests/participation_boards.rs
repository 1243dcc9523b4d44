//! Boards and conferences through the web and the API, on every backend: an ineligible member
//! is refused with the law's reason (form 422, API 422 JSON), a recommendation's 15-day clock
//! shows on the staff and public pages, a dissolved board takes no new recommendation, a late
//! check notice is flagged, village conferences and the dialogue are owed, and a raised item
//! can open a residents' matter.

mod common;

use axum::http::StatusCode;
use common::{world, World};
use papi_core::Role;
use papi_store::testing::backends;

fn board_path(w: &World, id: i64) -> String {
    let _ = w;
    format!("/staff/participation/boards/{id}")
}

#[tokio::test]
async fn ineligible_members_are_refused_with_the_reason() {
    for backend in backends() {
        let w = world(&backend).await;
        let c = w.client(Some(Role::Office)).await;
        let path = format!("{}/members", board_path(&w, w.boards.bttnd));
        let village = w.boards.villages[0].to_string();
        let r = c
            .post_form(
                &path,
                &[
                    ("name", "Trần Văn Cán"),
                    ("village_id", &village),
                    ("resident", "1"),
                    ("commune_staff", "1"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(
            r.text()
                .contains("không được làm thành viên Ban Thanh tra nhân dân"),
            "{}",
            r.text()
        );
        // A name that is a staff account of the commune, whatever the form says.
        let staff = w.user(Role::Chairman).full_name.clone();
        let r = c
            .post_form(
                &path,
                &[
                    ("name", &staff),
                    ("village_id", &village),
                    ("resident", "1"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("tài khoản cán bộ"), "{}", r.text());
        // No village: a BTTND member is elected by a village.
        let r = c
            .post_form(&path, &[("name", "Lê Văn Dân"), ("resident", "1")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let ok = c
            .post_form(
                &path,
                &[
                    ("name", "Lê Văn Dân"),
                    ("village_id", &village),
                    ("resident", "1"),
                    ("position", "head"),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
        let page = c.get(&board_path(&w, w.boards.bttnd)).await.text();
        assert!(
            page.contains("Lê Văn Dân") && page.contains("Trưởng ban"),
            "{page}"
        );
        // Through the API: a relative of the contractor on the BGS.
        let api = format!("/api/participation/boards/{}/members", w.boards.bgs);
        let r = c
            .post_json(
                &api,
                serde_json::json!({"name": "Phạm Văn Họ", "resident": true, "relative": true}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert!(body.to_string().contains("người thân"), "{body}");
        let r = c
            .post_json(
                &api,
                serde_json::json!({"name": "Phạm Văn Họ", "resident": true}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
}

#[tokio::test]
async fn recommendations_run_a_fifteen_day_clock_shown_to_residents() {
    for backend in backends() {
        let w = world(&backend).await;
        let c = w.client(Some(Role::Front)).await;
        let page = c.get(&board_path(&w, w.boards.bgs)).await.text();
        // Received 10/04/2025, today 01/05/2025: due 25/04/2025 and overdue.
        assert!(
            page.contains("25/04/2025") && page.contains("Chưa trả lời, đã quá hạn"),
            "{page}"
        );
        let agenda = papi_app::agenda::process_obligations(
            &papi_app::App::new(w.store.clone(), Some(common::day(2025, 5, 1))),
            &w.user(Role::Office).clone().into_actor(),
        )
        .await
        .unwrap();
        assert!(agenda
            .iter()
            .any(|o| o.title.contains("Trả lời kiến nghị") && o.met_on.is_none()));
        let r = c
            .post_form(
                &format!(
                    "/staff/participation/recommendations/{}/answer",
                    w.boards.rec
                ),
                &[
                    ("answer", "UBND xã đã công khai chi phí."),
                    ("answered_on", "28/04/2025"),
                    ("board_id", &w.boards.bgs.to_string()),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let public = w
            .client(None)
            .await
            .get(&format!("/public/{}/boards", w.commune.gso_code))
            .await;
        assert_eq!(public.status, StatusCode::OK);
        let text = public.text();
        assert!(
            text.contains("Trả lời quá hạn") && text.contains("28/04/2025"),
            "{text}"
        );
        assert!(!text.contains("<script"), "public page needs no script");
        // Answered twice: refused.
        let again = c
            .post_form(
                &format!(
                    "/staff/participation/recommendations/{}/answer",
                    w.boards.rec
                ),
                &[
                    ("answer", "Lần hai"),
                    ("board_id", &w.boards.bgs.to_string()),
                ],
            )
            .await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[tokio::test]
async fn a_dissolved_board_takes_no_recommendation_and_late_notices_are_flagged() {
    for backend in backends() {
        let w = world(&backend).await;
        let c = w.client(Some(Role::Chairman)).await;
        let bgs = board_path(&w, w.boards.bgs);
        let late = c
            .post_form(
                &format!("{bgs}/checks"),
                &[
                    ("target", "Vật liệu"),
                    ("check_on", "01/06/2025"),
                    ("notice_sent_on", "30/04/2025"),
                ],
            )
            .await;
        assert_eq!(late.status, StatusCode::OK, "{backend}");
        assert!(
            late.text().contains("Kế hoạch gửi muộn") && late.text().contains("17/04/2025"),
            "{}",
            late.text()
        );
        let name = papi_app::participation::board::board_for_project(
            &papi_app::App::new(w.store.clone(), Some(common::day(2025, 5, 1))),
            w.commune.id,
            7,
        )
        .await
        .unwrap();
        assert_eq!(name.as_deref(), Some("Ban giám sát đường thôn Đông"));
        let r = c
            .post_form(&format!("{bgs}/dissolve"), &[("on", "30/04/2025")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let r = c
            .post_form(
                &format!("{bgs}/recommendations"),
                &[("received_on", "01/05/2025"), ("content", "Kiến nghị mới")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("đã giải thể"), "{}", r.text());
        let gone = papi_app::participation::board::board_for_project(
            &papi_app::App::new(w.store.clone(), Some(common::day(2025, 5, 1))),
            w.commune.id,
            7,
        )
        .await
        .unwrap();
        assert_eq!(gone, None);
        // The result of a matter still open is refused; a closed one is recorded.
        let bttnd = board_path(&w, w.boards.bttnd);
        let r = c
            .post_form(&format!("{bttnd}/results"), &[("code", &w.matter_code)])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = c
            .post_form(
                &format!("{bttnd}/results"),
                &[("code", &w.boards.closed_code)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(c.get(&bttnd).await.text().contains(&w.boards.closed_code));
    }
}

#[tokio::test]
async fn conferences_are_owed_and_raised_items_open_matters() {
    for backend in backends() {
        let w = world(&backend).await;
        let c = w.client(Some(Role::Office)).await;
        let r = c
            .post_form(
                "/staff/participation/conferences",
                &[
                    ("kind", "village"),
                    ("title", "Hội nghị thôn"),
                    ("held_on", "20/04/2025"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(
            r.text().contains("Thôn: hội nghị thôn phải chọn thôn"),
            "{}",
            r.text()
        );
        let list = c
            .get("/staff/participation/conferences?year=2025")
            .await
            .text();
        assert!(
            list.contains("Chưa tổ chức") && list.contains("Hội nghị Thôn Đông năm 2025"),
            "{list}"
        );
        assert!(
            c.get("/staff/participation/conferences?year=abc")
                .await
                .status
                == StatusCode::UNPROCESSABLE_ENTITY
        );
        let village = w.boards.villages[0].to_string();
        let r = c
            .post_form(
                "/staff/participation/conferences",
                &[
                    ("kind", "village"),
                    ("village_id", &village),
                    ("title", "Hội nghị Thôn Đông"),
                    ("held_on", "25/04/2025"),
                    ("noticed_on", "22/04/2025"),
                    ("head_report", "1"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert!(r.text().contains("Thông báo muộn"), "{}", r.text());
        let r = c
            .post_form(
                &format!(
                    "/staff/participation/conferences/{}/items",
                    w.boards.conference
                ),
                &[
                    ("text", "Đề nghị sửa cống thoát nước trước chợ."),
                    ("open_matter", "1"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert!(
            r.text().contains("Đã mở vụ việc phản ánh, mã theo dõi PA-"),
            "{}",
            r.text()
        );
        let front = w.client(Some(Role::Front)).await;
        let r = front
            .post_form(
                &format!(
                    "/staff/participation/conferences/{}/items",
                    w.boards.conference
                ),
                &[("text", "Ý kiến khác"), ("open_matter", "1")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

trait IntoActor {
    fn into_actor(self) -> papi_core::Actor;
}

impl IntoActor for papi_core::User {
    fn into_actor(self) -> papi_core::Actor {
        papi_core::Actor {
            user_id: self.id,
            commune_id: self.commune_id,
            role: self.role,
            unit_id: self.unit_id,
        }
    }
}

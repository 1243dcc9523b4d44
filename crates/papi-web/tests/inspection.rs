//! Inspections over HTTP, on every backend (the test's day is 01/05/2025). An unannounced
//! check of unit A planned for 20/05/2025 is kept from unit A's head and officer — list, page,
//! JSON API and agenda — until its day, while the office sees it. On a check carried out on
//! 10/04/2025 the office records findings with an owner and a deadline (typed, or the default
//! in working days); the unit head reports the remediation; closing without a re-check is
//! refused on the page and in the API (422, papi-core's reason); a failed re-check keeps it
//! open with a new deadline; a confirming one lets it close. The conclusion stands even though
//! the disclosure register refuses, and the page says the results still have to be posted;
//! the public page shows the check and its findings' status without people's names.

mod common;

use axum::http::StatusCode;
use common::{day, world, World};
use papi_core::agenda::ObligationKind;
use papi_core::{Actor, Role};
use papi_store::testing::backends;

fn actor(w: &World, role: Role) -> Actor {
    let u = w.user(role);
    Actor {
        user_id: u.id,
        commune_id: u.commune_id,
        role,
        unit_id: u.unit_id,
    }
}

#[tokio::test]
async fn an_unannounced_check_is_hidden_from_its_unit_until_the_day() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        let head = w.client(Some(Role::UnitHead)).await;
        let target = format!("unit:{}", w.unit_a);
        let r = office
            .post_form(
                "/staff/inspections",
                &[
                    ("target", &target),
                    ("checklist", "one_stop_desk"),
                    ("mode", "unannounced"),
                    ("planned_on", "21/05/2025"),
                    ("title", "Kiểm tra đột xuất bộ phận một cửa"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let id: i64 = r
            .location
            .split('/')
            .nth(3)
            .unwrap()
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let list = office.get("/staff/inspections").await.text();
        assert!(
            list.contains("Kiểm tra đột xuất bộ phận một cửa"),
            "{backend}"
        );
        assert!(list.contains("21/05/2025"));
        for role in [Role::UnitHead, Role::Officer] {
            let c = w.client(Some(role)).await;
            let list = c.get("/staff/inspections").await.text();
            assert!(
                !list.contains("Kiểm tra đột xuất bộ phận một cửa"),
                "{backend} {role:?}"
            );
            assert!(!list.contains("21/05/2025"), "{backend} {role:?}");
            assert!(!list.contains("20/05/2025"), "{backend} {role:?}");
            assert_eq!(
                c.get(&format!("/staff/inspections/{id}")).await.status,
                StatusCode::NOT_FOUND
            );
            let hidden = w.inspection.hidden_id;
            assert_eq!(
                c.get(&format!("/staff/inspections/{hidden}")).await.status,
                StatusCode::NOT_FOUND
            );
            let api = c.get("/api/inspections").await.text();
            assert!(
                !api.contains("2025-05-21") && !api.contains("2025-05-20"),
                "{backend}: {api}"
            );
        }
        // The Front and the chairman see it.
        let front = w.client(Some(Role::Front)).await;
        assert_eq!(
            front.get(&format!("/staff/inspections/{id}")).await.status,
            StatusCode::OK
        );
        // The agenda: absent for the unit before the day, present from it.
        let before = papi_app::App::new(w.store.clone(), Some(day(2025, 5, 1)));
        let o = papi_app::inspection::obligations(&before, &actor(&w, Role::UnitHead))
            .await
            .unwrap();
        assert!(
            o.iter()
                .all(|o| o.due != day(2025, 5, 21) && o.due != day(2025, 5, 20)),
            "{backend}: {o:?}"
        );
        let o = papi_app::inspection::obligations(&before, &actor(&w, Role::Office))
            .await
            .unwrap();
        assert!(o
            .iter()
            .any(|o| o.kind == ObligationKind::Inspection && o.due == day(2025, 5, 21)));
        assert!(o.iter().all(|o| !o.title.contains("21/05")));
        let on_day = papi_app::App::new(w.store.clone(), Some(day(2025, 5, 21)));
        let o = papi_app::inspection::obligations(&on_day, &actor(&w, Role::UnitHead))
            .await
            .unwrap();
        assert!(o.iter().any(|o| o.due == day(2025, 5, 21)), "{backend}");
        let _ = head;
    }
}

#[tokio::test]
async fn a_finding_closes_only_after_a_confirming_recheck() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        let head = w.client(Some(Role::UnitHead)).await;
        let id = w.inspection.open_id;
        let unit = w.unit_a.to_string();
        let page = format!("/staff/inspections/{id}");

        // Bad input answers with the field and keeps what was typed.
        let r = office
            .post_form(
                &format!("{page}/findings"),
                &[
                    ("text", "Chưa niêm yết lệ phí"),
                    ("owner_unit_id", &unit),
                    ("due", "05/04/2025"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(
            r.text()
                .contains("Thời hạn khắc phục: phải sau ngày phát hiện"),
            "{}",
            r.text()
        );
        assert!(r.text().contains("Chưa niêm yết lệ phí"));
        let r = office
            .post_form(
                &format!("{page}/findings"),
                &[
                    ("text", "X"),
                    ("owner_unit_id", &unit),
                    ("due", "31/02/2025"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .contains("Thời hạn khắc phục: «31/02/2025» không phải ngày"),
            "{}",
            r.text()
        );

        // An empty deadline takes the commune's default: 15 working days from the check
        // (10/04/2025), counted by the calendar (30/04 and 01/05 are days off).
        let r = office
            .post_form(
                &format!("{page}/findings"),
                &[
                    ("text", "Chưa niêm yết lệ phí"),
                    ("owner_unit_id", &unit),
                    ("due", ""),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let findings = papi_store::inspection::finding::list(&w.store, w.commune.id, Some(id))
            .await
            .unwrap();
        let fid = findings
            .iter()
            .find(|f| f.text == "Chưa niêm yết lệ phí")
            .unwrap()
            .id;
        let f = papi_store::inspection::finding::get(&w.store, w.commune.id, fid)
            .await
            .unwrap();
        let cal = papi_calendar::Calendar::new();
        assert_eq!(
            f.due,
            cal.add_working_days(day(2025, 4, 10), 15),
            "{backend}"
        );

        // The unit head reports the remediation; the Front may not.
        let front = w.client(Some(Role::Front)).await;
        let path = format!("/staff/inspections/findings/{fid}/remediation");
        assert_eq!(
            front.post_form(&path, &[("remediation", "x")]).await.status,
            StatusCode::FORBIDDEN
        );
        let r = head
            .post_form(&path, &[("remediation", ""), ("on", "")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("Báo cáo khắc phục: nêu việc đã làm"));
        let r = head
            .post_form(
                &path,
                &[
                    ("remediation", "Đã niêm yết bảng phí mới"),
                    ("on", "28/04/2025"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());

        // Closing without a re-check: refused on the page and in the API.
        let close = format!("/staff/inspections/findings/{fid}/close");
        let r = office.post_form(&close, &[]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(
            r.text()
                .contains("phải tái kiểm tra và xác nhận đã khắc phục"),
            "{}",
            r.text()
        );
        let r = office
            .post_json(
                &format!("/api/inspections/findings/{fid}/close"),
                serde_json::json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert!(body.to_string().contains("phải tái kiểm tra"), "{body}");

        // A failed re-check needs a new deadline and keeps the finding open.
        let recheck = format!("/staff/inspections/findings/{fid}/recheck");
        let r = office
            .post_form(
                &recheck,
                &[
                    ("on", "29/04/2025"),
                    ("by", "Chánh Văn phòng"),
                    ("result", "failed"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text().contains("nhập thời hạn khắc phục mới"),
            "{}",
            r.text()
        );
        assert!(r.text().contains("Chánh Văn phòng"), "typed value kept");
        let r = office
            .post_form(
                &recheck,
                &[
                    ("on", "29/04/2025"),
                    ("by", "Chánh Văn phòng"),
                    ("result", "failed"),
                    ("new_due", "15/05/2025"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let f = papi_store::inspection::finding::get(&w.store, w.commune.id, fid)
            .await
            .unwrap();
        assert_eq!(f.due, day(2025, 5, 15));
        let r = office.post_form(&close, &[]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("lần tái kiểm tra gần nhất chưa đạt"));

        // Reported again, re-checked and confirmed: it closes.
        head.post_form(
            &path,
            &[
                ("remediation", "Đã niêm yết tại quầy"),
                ("on", "30/04/2025"),
            ],
        )
        .await;
        let r = office
            .post_form(
                &recheck,
                &[
                    ("on", "01/05/2025"),
                    ("by", "Chánh Văn phòng"),
                    ("result", "passed"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let r = office
            .post_json(
                &format!("/api/inspections/findings/{fid}/close"),
                serde_json::json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{backend}: {}", r.text());
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body["status"], "closed");
        assert_eq!(body["closed_on"], "2025-05-01");
        let shown = office.get(&page).await.text();
        assert!(shown.contains("Đã khắc phục, đã đóng"), "{backend}");
    }
}

#[tokio::test]
async fn conclusion_stands_when_disclosure_refuses_and_the_public_sees_the_result() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        let target = format!("unit:{}", w.unit_a);
        // A fresh check: not carried out, so neither findings nor a conclusion yet.
        let r = office
            .post_form(
                "/staff/inspections",
                &[
                    ("target", &target),
                    ("checklist", "reception"),
                    ("mode", "scheduled"),
                    ("planned_on", "15/04/2025"),
                ],
            )
            .await;
        let id: i64 = r
            .location
            .split('/')
            .nth(3)
            .unwrap()
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let page = format!("/staff/inspections/{id}");
        let r = office
            .post_form(&format!("{page}/conclude"), &[("conclusion", "Đạt")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("Chưa ghi ngày kiểm tra"), "{}", r.text());
        let r = office
            .post_form(
                &format!("{page}/record"),
                &[("held_on", "02/05/2025"), ("inspector", "Đoàn")],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a day after today"
        );
        let r = office
            .post_form(
                &format!("{page}/record"),
                &[
                    ("held_on", "15/04/2025"),
                    ("inspector", "Nguyễn Thị Lan, Chánh Văn phòng"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let r = office
            .post_form(&format!("{page}/conclude"), &[("conclusion", "Đạt")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text().contains("Chưa đánh giá tiêu chí số 1"),
            "{}",
            r.text()
        );

        // The checklist: every criterion met, one with an evidence file.
        let crit = papi_store::inspection::checklist::list(&w.store, w.commune.id, id)
            .await
            .unwrap();
        let mut fields: Vec<(String, String)> = Vec::new();
        for c in &crit {
            fields.push(("cid".into(), c.id.to_string()));
            fields.push(("ctext".into(), String::new()));
            fields.push(("verdict".into(), "met".into()));
            fields.push(("note".into(), "Có sổ".into()));
        }
        let refs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let file_field = format!("file_{}", crit[0].id);
        let r = office
            .post_multipart(
                &format!("{page}/checklist"),
                &refs,
                &[(&file_field, "so.pdf", b"%PDF-1.4 so")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let file = office
            .get(&format!("/staff/inspections/criteria/{}/file", crit[0].id))
            .await;
        assert_eq!(file.status, StatusCode::OK);
        assert_eq!(file.body, b"%PDF-1.4 so");

        let r = office
            .post_form(
                &format!("{page}/findings"),
                &[
                    ("text", "Sổ thiếu kết quả xử lý"),
                    ("owner_unit_id", &w.unit_a.to_string()),
                    ("due", "20/05/2025"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let r = office
            .post_form(
                &format!("{page}/conclude"),
                &[("conclusion", "Cơ bản đạt yêu cầu.")],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{backend}: {}", r.text());
        let text = r.text();
        assert!(text.contains("Đã kết luận"), "{text}");
        // Until the register links it, the page says the results must still be posted.
        let shown = office.get(&page).await.text();
        let x = papi_store::inspection::get(&w.store, w.commune.id, id)
            .await
            .unwrap();
        assert_eq!(x.concluded_on, Some(day(2025, 5, 1)));
        if x.disclosure_id.is_none() {
            assert!(text.contains("vẫn phải công khai kết quả"), "{text}");
            assert!(shown.contains("Chưa công khai"), "{backend}");
        }
        let docx = office.get(&format!("{page}/notice.docx")).await;
        assert_eq!(docx.status, StatusCode::OK);
        assert!(docx.body.starts_with(b"PK"));

        let anon = w.client(None).await;
        let public = anon
            .get(&format!("/public/{}/inspections", w.commune.gso_code))
            .await;
        assert_eq!(public.status, StatusCode::OK);
        let p = public.text();
        assert!(
            p.contains("Sổ thiếu kết quả xử lý") && p.contains("Đang khắc phục"),
            "{backend}: {p}"
        );
        assert!(!p.contains("Nguyễn Thị Lan"), "no names on the public page");
        assert!(!p.contains("<script"), "light page");
    }
}

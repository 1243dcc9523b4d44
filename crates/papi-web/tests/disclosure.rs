//! The disclosure register over HTTP, on every backend (the test commune's today is
//! 01/05/2025; its villages are Thôn Đông and Thôn Tây). The office opens an entry with its
//! document, posts it at the office and in both villages, and residents find it on the public
//! page with its dates and download the document; bad input is refused field by field through
//! the form (422, the page again) and the API (422 JSON); a village head records village work
//! but does not open entries; a re-disclosure keeps the old version; a permanent item taken
//! down is flagged and enters the agenda; the quarterly list and annual report are DOCX files.

mod common;

use axum::http::StatusCode;
use common::{day, world};
use papi_core::{Actor, Role};
use papi_store::testing::backends;

#[tokio::test]
async fn from_entry_to_the_public_page() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        let r = office
            .post_multipart(
                "/staff/disclosure",
                &[
                    ("group", "5"),
                    ("title", "Mức đóng góp xây dựng nhà văn hóa thôn"),
                    ("legal_basis", "Luật 10/2022/QH15 Điều 11 khoản 5"),
                    ("decided_on", "29/04/2025"),
                ],
                &[("document", "muc-dong-gop.pdf", b"%PDF-1.4 muc dong gop")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let page_url = r.location.split('?').next().unwrap().to_string();
        let id: i64 = page_url.rsplit('/').next().unwrap().parse().unwrap();
        let page = office.get(&page_url).await.text();
        // 29/04/2025 + 5 working days, across 30/04 and 01/05 (holidays): 09/05/2025.
        assert!(page.contains("09/05/2025"), "{backend}: {page}");
        assert!(page.contains("chờ công khai"), "{backend}");
        // Not published yet: not on the public page.
        let public = w.client(None).await;
        let list = public.get("/public/99999/disclosures").await.text();
        assert!(!list.contains("Mức đóng góp xây dựng"), "{backend}");

        let villages = papi_store::org::villages(&w.store, w.commune.id)
            .await
            .unwrap();
        let forms = format!("/staff/disclosure/{id}/forms");
        let r = office
            .post_multipart(&forms, &[("kind", "office"), ("from", "01/05/2025")], &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        for v in &villages {
            let r = office
                .post_multipart(
                    &forms,
                    &[
                        ("kind", "village"),
                        ("village_id", &v.id.to_string()),
                        ("from", "01/05/2025"),
                    ],
                    &[("photo", "bang-tin.png", b"\x89PNG\r\n\x1a\n....")],
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        }
        let page = office.get(&page_url).await.text();
        assert!(page.contains("đúng hạn"), "{backend}: {page}");
        assert!(page.contains("bang-tin.png"), "{backend}");

        // The public page: what, where, from when and at least until when (30 days: 31/05).
        let list = public.get("/public/99999/disclosures").await;
        assert_eq!(list.status, StatusCode::OK);
        let list = list.text();
        assert!(
            list.contains("Mức đóng góp xây dựng nhà văn hóa thôn"),
            "{backend}"
        );
        assert!(
            list.contains("từ 01/05/2025, niêm yết ít nhất đến 02/06/2025"),
            "{backend}: {list}"
        );
        assert!(list.contains("/public/99999/participation"));
        assert!(list.contains("/public/99999/boards"));
        assert!(list.contains("/public/99999/inspections"));
        assert!(!list.contains("<script"), "public pages need no script");
        // Filters by group and village.
        let other = public.get("/public/99999/disclosures?group=7").await.text();
        assert!(!other.contains("Mức đóng góp xây dựng"));
        let here = public
            .get(&format!(
                "/public/99999/disclosures?village={}",
                villages[1].id
            ))
            .await
            .text();
        assert!(here.contains("Mức đóng góp xây dựng"));
        let entry = public
            .get(&format!("/public/99999/disclosures/{id}"))
            .await
            .text();
        assert!(entry.contains("Thôn Tây"), "{backend}");
        let files = papi_store::disclosure::files(&w.store, w.commune.id, id)
            .await
            .unwrap();
        let doc = files.iter().find(|f| f.role == "document").unwrap();
        let link = format!("/public/99999/disclosures/{id}/files/{}", doc.id);
        assert!(entry.contains(&link));
        let got = public.get(&link).await;
        assert_eq!(got.status, StatusCode::OK);
        assert_eq!(got.body, b"%PDF-1.4 muc dong gop");
        // A photo is not a public file.
        let photo = files.iter().find(|f| f.role == "photo").unwrap();
        let hidden = public
            .get(&format!(
                "/public/99999/disclosures/{id}/files/{}",
                photo.id
            ))
            .await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn refusals_name_the_field_on_the_form_and_in_the_api() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        let r = office
            .post_multipart(
                "/staff/disclosure",
                &[
                    ("group", "15"),
                    ("title", "Sai nhóm"),
                    ("decided_on", "29/04/2025"),
                ],
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let t = r.text();
        assert!(
            t.contains("Nhóm nội dung") && t.contains("Sai nhóm"),
            "{backend}: {t}"
        );
        let r = office
            .post_multipart(
                "/staff/disclosure",
                &[
                    ("group", "1"),
                    ("title", "Ngày sai"),
                    ("decided_on", "31/02/2025"),
                ],
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("dd/mm/yyyy"));
        let r = office
            .post_multipart(
                "/staff/disclosure",
                &[
                    ("group", "1"),
                    ("title", "Tệp giả"),
                    ("decided_on", "29/04/2025"),
                ],
                &[("document", "van-ban.pdf", b"MZ not a pdf")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("Văn bản công khai"));

        let id = w.disclosure.entry_id;
        let r = office
            .post_multipart(
                &format!("/staff/disclosure/{id}/forms"),
                &[
                    ("kind", "office"),
                    ("from", "30/04/2025"),
                    ("until", "29/04/2025"),
                ],
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("Đến ngày"), "{backend}");

        let r = office
            .post_json(
                "/api/disclosures",
                serde_json::json!({"group": 1, "title": " ", "decided_on": "2025-04-29"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let e: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert!(e["error"].as_str().unwrap().contains("Tên nội dung"), "{e}");
        let r = office
            .post_json(
                &format!("/api/disclosures/{id}/forms"),
                serde_json::json!({"kind": "portal", "from": "2025-04-30"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let e: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert!(
            e["error"].as_str().unwrap().contains("cổng thông tin"),
            "{e}"
        );
        // The API lists the entry with its standing and deadline.
        let list: serde_json::Value =
            serde_json::from_slice(&office.get("/api/disclosures").await.body).unwrap();
        let first = list
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == id)
            .unwrap();
        assert_eq!(first["deadline_rule"], "DC-PUBLISH");
        assert_eq!(first["standing"], "missing_form");
    }
}

#[tokio::test]
async fn village_heads_post_in_villages_and_changes_keep_the_old_version() {
    for backend in backends() {
        let w = world(&backend).await;
        let id = w.disclosure.entry_id;
        let head = w.client(Some(Role::VillageHead)).await;
        let r = head
            .post_multipart(
                "/staff/disclosure",
                &[
                    ("group", "1"),
                    ("title", "Không được"),
                    ("decided_on", "29/04/2025"),
                ],
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = head
            .post_multipart(
                &format!("/staff/disclosure/{id}/forms"),
                &[
                    ("kind", "village"),
                    ("village_id", &w.disclosure.village_id.to_string()),
                    ("from", "30/04/2025"),
                ],
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());

        let office = w.client(Some(Role::Office)).await;
        let r = office
            .post_multipart(
                &format!("/staff/disclosure/{id}/redisclose"),
                &[
                    (
                        "title",
                        "Kế hoạch phát triển kinh tế - xã hội năm 2025 (điều chỉnh)",
                    ),
                    ("decided_on", "30/04/2025"),
                ],
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let old = papi_store::disclosure::get(&w.store, w.commune.id, id)
            .await
            .unwrap();
        assert_eq!(old.state, papi_core::disclosure::DisclosureState::Replaced);
        assert_eq!(old.title, "Kế hoạch phát triển kinh tế - xã hội năm 2025");
        // The old version takes no more forms.
        let r = office
            .post_multipart(
                &format!("/staff/disclosure/{id}/forms"),
                &[("kind", "office"), ("from", "01/05/2025")],
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("bản mới"));
    }
}

#[tokio::test]
async fn a_permanent_item_taken_down_is_flagged_and_due() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        let r = office
            .post_multipart(
                "/staff/disclosure",
                &[
                    ("topic", "procedures"),
                    ("title", "Thủ tục hành chính cấp xã"),
                    ("decided_on", "02/04/2025"),
                ],
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let id: i64 = r
            .location
            .split('?')
            .next()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let r = office
            .post_multipart(
                &format!("/staff/disclosure/{id}/forms"),
                &[("kind", "office"), ("from", "03/04/2025")],
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(office
            .get("/staff/disclosure")
            .await
            .text()
            .contains("thường xuyên"));
        let r = office
            .post_form(
                &format!("/staff/disclosure/{id}/take-down"),
                &[("on", "30/04/2025")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let list = office.get("/staff/disclosure").await.text();
        assert!(list.contains("đã gỡ nội dung thường xuyên"), "{backend}");
        let u = w.user(Role::Office);
        let actor = Actor {
            user_id: u.id,
            commune_id: u.commune_id,
            role: u.role,
            unit_id: u.unit_id,
        };
        let app = papi_app::App::new(w.store.clone(), Some(day(2025, 5, 1)));
        let due = papi_app::disclosure::obligations(&app, &actor)
            .await
            .unwrap();
        assert!(
            due.iter()
                .any(|o| o.subject_id == id && o.met_on.is_none() && o.title.contains("đã gỡ")),
            "{due:?}"
        );
        // The documents.
        let q = office.get("/staff/disclosure/quarter/2025/2").await;
        assert_eq!(q.status, StatusCode::OK);
        assert!(q.body.starts_with(b"PK"));
        let a = office.get("/staff/disclosure/annual/2025").await;
        assert!(a.body.starts_with(b"PK"));
        let bad = office.get("/staff/disclosure/quarter/2025/5").await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

//! Plan versions and task-table re-imports through HTTP, on every backend: a second version
//! keeps the tasks and leaves the first readable, switching back is audited, a document that
//! is not a PAPI plan cannot be saved, and a task table imported again changes only what changed.

mod common;

use axum::http::StatusCode;
use common::world;
use papi_core::Role;
use papi_store::testing::backends;

/// The Lương Tài plan 10/KH-UBND: 8 dimensions with 4, 4, 3, 3, 4, 4, 3, 4 items, 3 outreach
/// and 5 inspection items (37 in all).
fn seed_plan() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/ke-hoach-10-KH-UBND-luong-tai-2025.txt"
    ))
    .unwrap()
}

fn textarea(page: &str) -> String {
    page.split("name=\"plan_text\" rows=\"8\">")
        .nth(1)
        .unwrap()
        .split("</textarea>")
        .next()
        .unwrap()
        .replace("&#x2f;", "/")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

async fn audit_actions(w: &common::World, action: &str) -> Vec<papi_store::audit::AuditEntry> {
    papi_store::audit::list(&w.store, w.commune.id, 1000, 0)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == action)
        .collect()
}

#[tokio::test]
async fn a_second_version_keeps_the_tasks_and_the_first_stays_readable() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        let v1_items = papi_store::plan::items(&w.store, w.plan_id).await.unwrap();
        let preview = office
            .post_multipart(
                "/staff/import/plan",
                &[("op", "preview")],
                &[("file", "ke-hoach.txt", &seed_plan())],
            )
            .await;
        assert_eq!(preview.status, StatusCode::OK, "{backend}");
        let page = preview.text();
        // The test plan has 2 items, 1.2.b and 1.3.a, whose codes the Lương Tài plan also
        // uses with other texts: 2 changed, 35 added, none removed.
        assert!(
            page.contains("Nội dung: 35 thêm, 0 bỏ, 2 sửa, 0 giữ nguyên."),
            "{backend}: {page}"
        );
        assert!(page.contains("Lĩnh vực tìm thấy:</b> 8/8"), "{backend}");
        assert!(page.contains("Nhiệm vụ giữ nội dung:</b> 2"), "{backend}");
        assert!(page.contains("Tôi đã xem các thay đổi, lưu thành phiên bản mới"));
        let text = textarea(&page);

        // Without the confirmation nothing is stored.
        let r = office
            .post_multipart(
                "/staff/import/plan",
                &[("op", "save"), ("plan_text", &text)],
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert_eq!(
            papi_store::plan::items(&w.store, w.plan_id)
                .await
                .unwrap()
                .len(),
            2
        );
        let r = office
            .post_multipart(
                "/staff/import/plan",
                &[("op", "save"), ("plan_text", &text), ("confirm", "1")],
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        assert_eq!(r.location, "/staff/plan/versions?saved=1");

        // The same plan of the year, now with the 37 items of version 2; the tasks kept their
        // progress, history and evidence and moved to the items with the same code.
        let current = papi_store::plan::current_plan(&w.store, w.commune.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(current.id, w.plan_id);
        let v2_items = papi_store::plan::items(&w.store, w.plan_id).await.unwrap();
        assert_eq!(v2_items.len(), 37, "{backend}");
        let task = papi_store::plan::task(&w.store, w.task_id).await.unwrap();
        assert_eq!(task.task.progress, 20);
        let item = v2_items
            .iter()
            .find(|i| Some(i.id) == task.task.item_id)
            .unwrap();
        assert_eq!(item.code, "1.2.b");
        let history = papi_store::plan::updates(&w.store, w.task_id)
            .await
            .unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(
            history[0].evidence[0].original_name,
            "Danh sách hộ nghèo.pdf"
        );
        assert_eq!(audit_actions(&w, "new_version").await.len(), 1);

        // The versions page, and version 1 as it was.
        let list = office.get("/staff/plan/versions").await;
        assert_eq!(list.status, StatusCode::OK);
        let list = list.text();
        assert!(
            list.contains("Phiên bản 1")
                && list.contains("Phiên bản 2")
                && list.contains("Đang dùng"),
            "{backend}: {list}"
        );
        let officer = w.client(Some(Role::Officer)).await;
        let v1 = officer.get("/staff/plan/versions/1").await;
        assert_eq!(v1.status, StatusCode::OK, "{backend}");
        let v1 = v1.text();
        assert!(v1.contains("Công khai hộ nghèo") && v1.contains("Tiếp công dân"));
        assert!(v1.contains("NV01 Niêm yết danh sách hộ nghèo tại nhà văn hóa thôn Đông"));
        assert!(v1.contains("Phiên bản cũ, chỉ xem"));
        assert!(
            !v1.contains("Dùng lại phiên bản này"),
            "officers cannot switch"
        );
        assert_eq!(
            officer.get("/staff/plan/versions/7").await.status,
            StatusCode::NOT_FOUND
        );

        // Switching back: officers may not; the office may, and it is audited.
        let r = officer
            .post_form("/staff/plan/versions/1/activate", &[])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = office
            .post_form("/staff/plan/versions/1/activate", &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let items = papi_store::plan::items(&w.store, w.plan_id).await.unwrap();
        assert_eq!(
            items.iter().map(|i| i.id).collect::<Vec<_>>(),
            v1_items.iter().map(|i| i.id).collect::<Vec<_>>()
        );
        let task = papi_store::plan::task(&w.store, w.task_id).await.unwrap();
        assert_eq!(task.task.item_id, Some(v1_items[0].id));
        assert_eq!(task.task.progress, 20);
        let switched = audit_actions(&w, "switch_version").await;
        assert_eq!(switched.len(), 1, "{backend}");
        assert!(switched[0].actor.contains(&w.user(Role::Office).username));
        // Sent twice: the second changes nothing.
        let r = office
            .post_form("/staff/plan/versions/1/activate", &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(audit_actions(&w, "switch_version").await.len(), 1);
        // The dashboard reads the switched plan at once (the cache follows the audit log).
        let dash = office.get("/staff/plan").await.text();
        assert!(dash.contains("Công khai hộ nghèo"), "{backend}");
    }
}

#[tokio::test]
async fn a_document_that_is_not_a_plan_cannot_be_saved() {
    let decision = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/quyet-dinh-duong-thon.txt"
    ))
    .unwrap();
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        let preview = office
            .post_multipart(
                "/staff/import/plan",
                &[("op", "preview")],
                &[("file", "quyet-dinh.txt", &decision)],
            )
            .await;
        let page = preview.text();
        assert!(
            page.contains("/8 lĩnh vực")
                && page.contains("không phải kế hoạch PAPI hoặc chưa đúng mẫu"),
            "{backend}: {page}"
        );
        assert!(!page.contains("value=\"save\""), "no save button");
        let text = String::from_utf8(decision.clone()).unwrap();
        let r = office
            .post_multipart(
                "/staff/import/plan",
                &[("op", "save"), ("plan_text", &text), ("confirm", "1")],
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(r.text().contains("không phải kế hoạch PAPI"));
        assert_eq!(
            papi_store::plan::plans(&w.store, w.commune.id)
                .await
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            papi_store::plan_version::count(&w.store, w.plan_id)
                .await
                .unwrap(),
            1
        );
    }
}

#[tokio::test]
async fn a_task_table_imported_again_changes_only_what_changed() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        let xlsx = office.get("/staff/export/tasks.xlsx").await;
        assert_eq!(xlsx.status, StatusCode::OK);
        let rows = papi_docs::task_table::read_task_table_bytes(&xlsx.body, "x.xlsx").unwrap();
        assert_eq!(
            rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(),
            vec!["NV01", "NV02"]
        );
        let again = office
            .post_multipart(
                "/staff/import/tasks",
                &[],
                &[("file", "bieu.xlsx", &xlsx.body)],
            )
            .await;
        assert_eq!(again.status, StatusCode::OK, "{backend}: {}", again.text());
        assert!(
            again.text().contains("0 mới, 0 cập nhật, 2 không đổi"),
            "{backend}: {}",
            again.text()
        );
        let updates_before = audit_actions(&w, "update").await.len();

        // NV01 with a new deadline and deliverable, NV02 left out, one new row (no code, an
        // STT no task has). A dry run first: nothing changes.
        let csv = "Mã nhiệm vụ,STT,Nhiệm vụ,Nội dung,Chủ trì,Phối hợp,Sản phẩm,Thời hạn\n\
                   NV01,1,Niêm yết danh sách hộ nghèo tại nhà văn hóa thôn Đông,1.2.b,Công chức Văn hóa - Xã hội,,Ảnh chụp bảng niêm yết,31/07/2025\n\
                   ,5,Đối thoại với Nhân dân quý III,1.3.a,Công chức Tư pháp - Hộ tịch,,Biên bản,30/09/2025\n";
        let dry = office
            .post_multipart(
                "/staff/import/tasks",
                &[("dry_run", "1")],
                &[("file", "bieu.csv", csv.as_bytes())],
            )
            .await;
        let expected =
            "1 mới, 1 cập nhật, 0 không đổi; 1 không có trong tệp: NV02 Tiếp công dân định kỳ";
        assert!(dry.text().contains(expected), "{backend}: {}", dry.text());
        assert!(dry.text().contains("chưa lưu"));
        assert_eq!(
            papi_store::plan::tasks(&w.store, w.plan_id)
                .await
                .unwrap()
                .len(),
            2
        );
        let done = office
            .post_multipart(
                "/staff/import/tasks",
                &[],
                &[("file", "bieu.csv", csv.as_bytes())],
            )
            .await;
        assert!(done.text().contains(expected), "{backend}: {}", done.text());
        let tasks = papi_store::plan::tasks(&w.store, w.plan_id).await.unwrap();
        assert_eq!(tasks.len(), 3, "the missing task is kept, one is added");
        let nv01 = tasks.iter().find(|t| t.code == "NV01").unwrap();
        assert_eq!(nv01.task.id, w.task_id);
        assert_eq!(nv01.task.deliverable, "Ảnh chụp bảng niêm yết");
        assert_eq!(nv01.task.due.label(), "31/07/2025");
        assert_eq!(nv01.task.progress, 20, "progress kept");
        assert!(tasks
            .iter()
            .any(|t| t.code == "NV02" && t.task.id == w.other_task_id));
        assert!(tasks
            .iter()
            .any(|t| t.code == "NV03" && t.task.title == "Đối thoại với Nhân dân quý III"));
        // The change is in the task's history: who, when, before and after.
        let updates = audit_actions(&w, "update").await;
        assert_eq!(updates.len(), updates_before + 1);
        assert_eq!(updates[0].entity_id, w.task_id);
        assert!(updates[0].actor.contains(&w.user(Role::Office).username));
        assert!(updates[0].before_json.contains("Biên bản niêm yết"));
        assert!(updates[0].after_json.contains("Ảnh chụp bảng niêm yết"));

        // A bad row refuses the whole table.
        let bad = "Mã nhiệm vụ,STT,Nhiệm vụ,Nội dung,Chủ trì,Phối hợp,Sản phẩm,Thời hạn\n\
                   NV01,1,Đổi tên,1.2.b,Công chức Văn hóa - Xã hội,,Ảnh,31/07/2025\n\
                   NV02,2,Tiếp công dân định kỳ,1.3.a,Không có đơn vị này,,Biên bản,01/04/2025\n";
        let r = office
            .post_multipart(
                "/staff/import/tasks",
                &[],
                &[("file", "bieu.csv", bad.as_bytes())],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let nv01 = papi_store::plan::task(&w.store, w.task_id).await.unwrap();
        assert_ne!(nv01.task.title, "Đổi tên");
    }
}

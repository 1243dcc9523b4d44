//! An approved commune report is a frozen version: its page, DOCX and XLSX stay byte for byte
//! what they were at approval whatever is filed or added later; a correction withdraws it with
//! a reason and the next approval is version 2, version 1 still downloadable; approving before
//! the period ends or with units' reports not accepted needs a confirmation naming the gaps.
//! On every backend.

mod common;

use axum::http::StatusCode;
use common::world;
use papi_core::Role;
use papi_store::testing::backends;

#[tokio::test]
async fn an_approved_report_stays_as_approved_until_withdrawn() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        let chairman = w.client(Some(Role::Chairman)).await;
        let officer = w.client(Some(Role::Officer)).await;
        let chairman_name = w.user(Role::Chairman).full_name.clone();
        let cpath = format!("/staff/reports/{}/commune", w.period_id);
        let page_path = cpath.clone();
        let docx_path = format!("/staff/reports/{}/commune.docx", w.period_id);
        let xlsx_path = format!("/staff/reports/{}/figures.xlsx", w.period_id);

        let saved = office
            .post_form(
                &cpath,
                &[
                    ("number", "15/BC-UBND"),
                    ("issued_on", "02/05/2025"),
                    (
                        "highlights",
                        "Lập nhóm Zalo của UBND xã.\nTriển khai Nghị định 42/2022/NĐ-CP.",
                    ),
                ],
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{backend}");

        // Today (01/05/2025) is inside the half-year: facts as of today, the end projected.
        let draft = chairman.get(&page_path).await.text();
        assert!(
            draft.contains("Số nhiệm vụ chậm so với hạn (tính đến 01/05/2025)")
                && draft.contains("dự kiến đến 30/06/2025"),
            "{backend}: {draft}"
        );

        // The first approval names what is missing and approves nothing.
        let asked = chairman.post_form(&format!("{cpath}/approve"), &[]).await;
        assert_eq!(asked.status, StatusCode::OK, "{backend}");
        let text = asked.text();
        for needed in [
            "Tôi xác nhận phê duyệt",
            "30/06/2025",
            "Công chức Văn hóa - Xã hội",
            "Công chức Tư pháp - Hộ tịch",
            "2 đơn vị chưa có báo cáo được chấp nhận",
        ] {
            assert!(text.contains(needed), "{backend}: {needed}\n{text}");
        }
        assert!(chairman.get(&page_path).await.text().contains("Dự thảo"));
        let confirmed = chairman
            .post_form(&format!("{cpath}/approve"), &[("confirm", "1")])
            .await;
        assert_eq!(confirmed.status, StatusCode::SEE_OTHER, "{backend}");

        let page1 = chairman.get(&page_path).await;
        let docx1 = chairman.get(&docx_path).await;
        let xlsx1 = chairman.get(&xlsx_path).await;
        assert_eq!(docx1.status, StatusCode::OK);
        assert_eq!(xlsx1.status, StatusCode::OK);
        let text = page1.text();
        assert!(text.contains("(phiên bản 1)"), "{backend}: {text}");
        assert!(
            text.contains(&chairman_name),
            "the signer recorded at approval"
        );

        // New progress is filed and a task is added after the approval.
        let filed = officer
            .post_multipart(
                &format!("/staff/tasks/{}/progress", w.task_id),
                &[("text", "Hoàn thành niêm yết"), ("progress", "100")],
                &[],
            )
            .await;
        assert_eq!(
            filed.status,
            StatusCode::SEE_OTHER,
            "{backend}: {}",
            filed.text()
        );
        let lead = w.unit_a.to_string();
        let added = office
            .post_form(
                "/staff/tasks",
                &[
                    ("title", "Đối thoại với Nhân dân"),
                    ("deliverable", "Biên bản"),
                    ("lead_unit_id", &lead),
                    ("due", "15/06/2025"),
                ],
            )
            .await;
        assert_eq!(
            added.status,
            StatusCode::SEE_OTHER,
            "{backend}: {}",
            added.text()
        );

        // The approved report has not moved by a byte.
        assert_eq!(
            chairman.get(&page_path).await.body,
            page1.body,
            "{backend}: page"
        );
        assert_eq!(
            chairman.get(&docx_path).await.body,
            docx1.body,
            "{backend}: DOCX"
        );
        assert_eq!(
            chairman.get(&xlsx_path).await.body,
            xlsx1.body,
            "{backend}: XLSX"
        );
        assert!(!page1.text().contains("Đối thoại với Nhân dân"));

        // A correction: withdrawn with a reason (required), audited; a draft again.
        let no_reason = chairman
            .post_form(&format!("{cpath}/withdraw"), &[("reason", "  ")])
            .await;
        assert_eq!(
            no_reason.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        assert!(no_reason.text().contains("cần ghi rõ lý do"));
        assert_eq!(
            office
                .post_form(&format!("{cpath}/withdraw"), &[("reason", "x")])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let withdrawn = chairman
            .post_form(
                &format!("{cpath}/withdraw"),
                &[("reason", "Bổ sung nhiệm vụ đối thoại")],
            )
            .await;
        assert_eq!(withdrawn.status, StatusCode::SEE_OTHER, "{backend}");
        let audit = papi_store::audit::list(&w.store, w.commune.id, 1, 0)
            .await
            .unwrap();
        assert_eq!(
            (audit[0].action.as_str(), audit[0].entity.as_str()),
            ("withdraw", "commune_report")
        );
        assert!(audit[0].after_json.contains("Bổ sung nhiệm vụ đối thoại"));
        let draft = chairman.get(&page_path).await.text();
        assert!(draft.contains("Dự thảo") && draft.contains("Đối thoại với Nhân dân"));
        assert!(
            draft.contains("Bổ sung nhiệm vụ đối thoại"),
            "{backend}: {draft}"
        );

        // Approved again: version 2; version 1 still downloadable as it was.
        let again = chairman
            .post_form(&format!("{cpath}/approve"), &[("confirm", "1")])
            .await;
        assert_eq!(again.status, StatusCode::SEE_OTHER, "{backend}");
        assert!(chairman
            .get(&page_path)
            .await
            .text()
            .contains("(phiên bản 2)"));
        let v1 = chairman.get(&format!("{cpath}/versions/1/docx")).await;
        assert_eq!(v1.body, docx1.body, "{backend}: version 1 kept");
        let v1x = chairman.get(&format!("{cpath}/versions/1/xlsx")).await;
        assert_eq!(v1x.body, xlsx1.body);
        let v2 = chairman.get(&format!("{cpath}/versions/2/docx")).await;
        assert_eq!(v2.body, chairman.get(&docx_path).await.body);
        assert_ne!(v2.body, docx1.body);
        assert_eq!(
            chairman
                .get(&format!("{cpath}/versions/3/docx"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn an_accepted_unit_report_stays_as_accepted_until_withdrawn() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        let officer = w.client(Some(Role::Officer)).await;
        let t = w.task_id;
        let rpath = format!("/staff/reports/{}/units/{}", w.period_id, w.unit_a);
        let docx_path = format!("{rpath}/docx");
        let (done, status, progress) = (
            format!("done_{t}"),
            format!("status_{t}"),
            format!("progress_{t}"),
        );
        let sent = officer
            .post_form(
                &rpath,
                &[
                    ("op", "submit"),
                    (done.as_str(), "Đã niêm yết tại 6 thôn"),
                    (status.as_str(), "in_progress"),
                    (progress.as_str(), "60"),
                ],
            )
            .await;
        assert_eq!(
            sent.status,
            StatusCode::SEE_OTHER,
            "{backend}: {}",
            sent.text()
        );
        let accepted = office
            .post_form(&format!("{rpath}/review"), &[("step", "accept")])
            .await;
        assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{backend}");
        let docx1 = office.get(&docx_path).await;
        assert_eq!(docx1.status, StatusCode::OK);

        // A new task for the unit, and new progress, after the acceptance.
        let lead = w.unit_a.to_string();
        let added = office
            .post_form(
                "/staff/tasks",
                &[
                    ("title", "Đối thoại với Nhân dân"),
                    ("deliverable", "Biên bản"),
                    ("lead_unit_id", &lead),
                    ("due", "15/06/2025"),
                ],
            )
            .await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{backend}");
        officer
            .post_multipart(
                &format!("/staff/tasks/{t}/progress"),
                &[("text", "Hoàn thành"), ("progress", "100")],
                &[],
            )
            .await;
        assert_eq!(office.get(&docx_path).await.body, docx1.body, "{backend}");

        // A correction needs the acceptance withdrawn, with a reason (audited).
        let no_reason = office
            .post_form(&format!("{rpath}/withdraw"), &[("reason", "")])
            .await;
        assert_eq!(
            no_reason.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        assert!(no_reason.text().contains("cần ghi rõ lý do"));
        let withdrawn = office
            .post_form(
                &format!("{rpath}/withdraw"),
                &[("reason", "Thiếu nhiệm vụ đối thoại")],
            )
            .await;
        assert_eq!(withdrawn.status, StatusCode::SEE_OTHER, "{backend}");
        let audit = papi_store::audit::list(&w.store, w.commune.id, 1, 0)
            .await
            .unwrap();
        assert_eq!(
            (audit[0].action.as_str(), audit[0].entity.as_str()),
            ("withdraw", "unit_report")
        );
        assert!(audit[0].after_json.contains("Thiếu nhiệm vụ đối thoại"));
        let page = officer.get(&rpath).await.text();
        assert!(
            page.contains("Thiếu nhiệm vụ đối thoại") && page.contains("Đối thoại với Nhân dân"),
            "{backend}: {page}"
        );
        // No longer accepted: the DOCX is drawn from the data again.
        assert_ne!(office.get(&docx_path).await.body, docx1.body);
    }
}

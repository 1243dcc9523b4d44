//! The two e-mail pages on every backend: each user chooses what they receive (their choice
//! is stored and shown back; a form without its CSRF token changes nothing), and the office
//! reads the outbox, with states and errors but never a message's body.

mod common;

use axum::http::StatusCode;
use common::world;
use papi_core::mail::MailKind;
use papi_core::Role;
use papi_store::mail::{self, OutgoingMail};

#[tokio::test]
async fn each_user_chooses_what_they_receive() {
    for backend in papi_store::testing::backends() {
        let w = world(&backend).await;
        let c = w.client(Some(Role::Officer)).await;
        let page = c.get("/staff/me/mail").await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        let html = page.text();
        // The seeded users have no address: the page says so instead of one.
        assert!(html.contains("Chưa nhập địa chỉ thư điện tử."), "{html}");
        assert!(
            html.contains("value=\"due_soon\" checked"),
            "{backend}: an officer's default"
        );
        assert!(!html.contains("value=\"daily_digest\" checked"));
        assert!(
            !html.contains("resident_ack"),
            "residents' mail is not a choice"
        );

        let saved = c
            .post_form(
                "/staff/me/mail",
                &[("kind", "daily_digest"), ("kind", "late")],
            )
            .await;
        assert_eq!(
            saved.status,
            StatusCode::SEE_OTHER,
            "{backend}: {}",
            saved.text()
        );
        assert_eq!(saved.location, "/staff/me/mail?saved=1");
        let html = c.get(&saved.location).await.text();
        assert!(html.contains("Đã lưu lựa chọn."));
        assert!(html.contains("value=\"daily_digest\" checked"), "{html}");
        assert!(html.contains("value=\"late\" checked"));
        assert!(!html.contains("value=\"due_soon\" checked"));
        let officer = w.user(Role::Officer).id;
        let mut prefs = mail::prefs_of(&w.store, officer).await.unwrap();
        prefs.sort_by_key(|(k, _)| k.code());
        assert!(prefs.contains(&(MailKind::DueSoon, false)), "{prefs:?}");

        // Without the form's token nothing changes.
        let forged = c
            .send(
                "POST",
                "/staff/me/mail",
                Some("application/x-www-form-urlencoded"),
                b"kind=due_soon".to_vec(),
                &[],
            )
            .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "{backend}");
        let html = c.get("/staff/me/mail").await.text();
        assert!(!html.contains("value=\"due_soon\" checked"));
    }
}

#[tokio::test]
async fn the_office_reads_the_outbox_without_bodies() {
    for backend in papi_store::testing::backends() {
        let w = world(&backend).await;
        let mut tx = w.store.begin_write().await.unwrap();
        let id = mail::enqueue(
            &mut tx,
            &OutgoingMail {
                commune_id: w.commune.id,
                to_addr: "nguoidan@thu.example".into(),
                subject: "Xác nhận đã nhận phản ánh".into(),
                body: "Số điện thoại của tôi là 0912 345 678".into(),
                kind: MailKind::ResidentAck,
                dedupe_key: None,
            },
        )
        .await
        .unwrap()
        .unwrap();
        tx.commit().await.unwrap();
        mail::mark_failed(&w.store, id, "Máy chủ thư không nhận: hộp thư đầy", None)
            .await
            .unwrap();

        let office = w.client(Some(Role::Office)).await;
        let page = office.get("/staff/mail").await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        let html = page.text();
        assert!(html.contains("nguoidan@thu.example"));
        assert!(html.contains("Xác nhận đã nhận phản ánh"));
        assert!(html.contains("Xác nhận đã nhận (gửi người dân)"));
        assert!(html.contains(">lỗi</span>"), "{html}");
        assert!(html.contains("hộp thư đầy"));
        assert!(
            !html.contains("0912 345 678"),
            "{backend}: no body in the list"
        );
        let sent_only = office.get("/staff/mail?state=sent").await.text();
        assert!(sent_only.contains("Chưa có thư nào."), "{backend}");

        for role in [Role::Officer, Role::UnitHead, Role::Front] {
            let c = w.client(Some(role)).await;
            assert_eq!(
                c.get("/staff/mail").await.status,
                StatusCode::FORBIDDEN,
                "{backend}: {role:?}"
            );
        }
        for role in [Role::Admin, Role::Chairman] {
            let c = w.client(Some(role)).await;
            assert_eq!(
                c.get("/staff/mail").await.status,
                StatusCode::OK,
                "{role:?}"
            );
        }
    }
}

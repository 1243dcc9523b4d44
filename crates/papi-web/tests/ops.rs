//! What every request gets, whatever the route: an id (in the answer and on the 500 page),
//! HTTPS behaviour behind a trusted proxy, Vietnamese error pages (JSON under /api/) instead of
//! axum's English text, and size limits on bodies and form fields. Through HTTP, on every
//! backend.

mod common;

use axum::http::StatusCode;
use common::{day, world, Client, World, TODAY};
use papi_core::Role;
use papi_store::testing::backends;
use papi_web::AppState;

fn client(w: &World, trusted_proxy: bool, secure: bool) -> Client {
    let mut state = AppState::new(
        w.store.clone(),
        Some(day(TODAY.0, TODAY.1, TODAY.2)),
        secure,
    );
    if trusted_proxy {
        // The test's requests have no peer address: papi takes them as from 127.0.0.1.
        state = state.with_trusted_proxies(vec!["127.0.0.1".parse().unwrap()]);
    }
    Client {
        app: papi_web::router(state),
        session: None,
    }
}

fn header(r: &common::Reply, name: &str) -> String {
    r.headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A Vietnamese page with a way back, never axum's English text.
fn vietnamese_page(r: &common::Reply, status: StatusCode, says: &str) {
    let body = r.text();
    assert_eq!(r.status, status, "{body}");
    assert!(
        header(r, "content-type").starts_with("text/html"),
        "{status}: {}",
        header(r, "content-type")
    );
    assert!(body.contains(says), "{status} should say “{says}”: {body}");
    assert!(
        body.contains("Quay lại") && body.contains("href=\"/\""),
        "{body}"
    );
    for english in [
        "Failed to",
        "missing field",
        "length limit",
        "Method Not Allowed",
    ] {
        assert!(
            !body.contains(english),
            "{status}: English text “{english}”"
        );
    }
}

#[tokio::test]
async fn every_answer_has_an_id_and_only_a_trusted_proxy_may_choose_it() {
    for backend in backends() {
        let w = world(&backend).await;
        let direct = client(&w, false, false);
        let a = direct.get("/").await;
        let id = header(&a, "x-request-id");
        // A UUID: 8-4-4-4-12 hexadecimal digits.
        let groups: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(groups, vec![8, 4, 4, 4, 12], "{id}");
        let b = direct.get("/").await;
        assert_ne!(header(&b, "x-request-id"), id, "a new id per request");
        // A client cannot pick the id that goes into the logs.
        let forged = direct
            .send(
                "GET",
                "/",
                None,
                vec![],
                &[("x-request-id", "chon-tu-dat".into())],
            )
            .await;
        assert_ne!(header(&forged, "x-request-id"), "chon-tu-dat");
        // The proxy in front can (it logs the same id).
        let proxied = client(&w, true, false)
            .send(
                "GET",
                "/",
                None,
                vec![],
                &[("x-request-id", "nginx-42ab".into())],
            )
            .await;
        assert_eq!(header(&proxied, "x-request-id"), "nginx-42ab");
    }
}

#[tokio::test]
async fn behind_https_cookies_are_secure_and_browsers_keep_to_https() {
    for backend in backends() {
        let w = world(&backend).await;
        let https = [("x-forwarded-proto", "https".to_string())];
        // Plain HTTP, no flag: no Secure, no HSTS.
        let plain = client(&w, true, false).get("/login").await;
        assert!(!header(&plain, "set-cookie").contains("Secure"));
        assert!(header(&plain, "strict-transport-security").is_empty());
        // The trusted proxy says the browser used HTTPS.
        let proxied = client(&w, true, false)
            .send("GET", "/login", None, vec![], &https)
            .await;
        let cookies = header(&proxied, "set-cookie");
        assert!(!cookies.is_empty());
        assert!(cookies.lines().all(|c| c.contains("; Secure")), "{cookies}");
        assert!(header(&proxied, "strict-transport-security").contains("max-age=31536000"));
        // Anyone else saying so is not believed.
        let forged = client(&w, false, false)
            .send("GET", "/login", None, vec![], &https)
            .await;
        assert!(!header(&forged, "set-cookie").contains("Secure"));
        assert!(header(&forged, "strict-transport-security").is_empty());
        // --secure-cookies: always, once each.
        let flagged = client(&w, false, true).get("/login").await;
        let cookies = header(&flagged, "set-cookie");
        assert!(cookies.contains("; Secure") && !cookies.contains("Secure; Secure"));
        assert!(header(&flagged, "strict-transport-security").contains("max-age"));
    }
}

#[tokio::test]
async fn failures_are_vietnamese_pages_with_a_way_back() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        // 404: no such page.
        let r = office.get("/khong-co-trang-nay").await;
        vietnamese_page(&r, StatusCode::NOT_FOUND, "Không tìm thấy");
        // 405: a form's address opened with GET.
        let r = office
            .get(&format!("/staff/tasks/{}/status", w.task_id))
            .await;
        vietnamese_page(&r, StatusCode::METHOD_NOT_ALLOWED, "không nhận thao tác");
        // 403: a village head may not add tasks.
        let head = w.client(Some(Role::VillageHead)).await;
        let r = head.get("/staff/tasks/new").await;
        vietnamese_page(&r, StatusCode::FORBIDDEN, "không có quyền");
        // 400: a query that does not parse (axum: "Failed to deserialize query string").
        let admin = w.client(Some(Role::Admin)).await;
        let r = admin.get("/staff/admin/calendar?year=hai-nghin").await;
        vietnamese_page(&r, StatusCode::BAD_REQUEST, "không đúng định dạng");
        // 400: a form of the wrong kind (axum: 415 "Expected request with `Content-Type: …`").
        let r = office
            .send(
                "POST",
                "/login",
                Some("text/plain"),
                b"username=a".to_vec(),
                &[],
            )
            .await;
        vietnamese_page(&r, StatusCode::BAD_REQUEST, "không đúng định dạng");
        // "Quay lại" leads to the page the user came from on this site.
        let r = office
            .send(
                "GET",
                "/khong-co-trang-nay",
                None,
                vec![],
                &[
                    ("host", "papi.example".into()),
                    ("referer", "http://papi.example/staff/tasks?q=%C4%91".into()),
                ],
            )
            .await;
        assert!(
            r.text().contains("href=\"/staff/tasks?q=%C4%91\""),
            "{}",
            r.text()
        );
        // …never to another site.
        let r = office
            .send(
                "GET",
                "/khong-co-trang-nay",
                None,
                vec![],
                &[
                    ("host", "papi.example".into()),
                    ("referer", "http://evil.example/".into()),
                ],
            )
            .await;
        assert!(!r.text().contains("evil.example"));
        // The API answers in JSON.
        let r = office.get("/api/khong-co").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert!(v["error"].as_str().unwrap().contains("Không tìm thấy"));
    }
}

#[tokio::test]
async fn a_500_shows_the_request_id_to_quote() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        // The database goes away under the server.
        w.store.pool.close().await;
        let r = office.get("/staff").await;
        vietnamese_page(&r, StatusCode::INTERNAL_SERVER_ERROR, "Lỗi hệ thống");
        let id = header(&r, "x-request-id");
        assert_eq!(id.len(), 36);
        assert!(
            r.text().contains(&format!("Mã yêu cầu: <code>{id}</code>")),
            "{}",
            r.text()
        );
    }
}

#[tokio::test]
async fn bodies_and_fields_have_limits_with_a_clear_message() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        let tasks_before = office.get("/staff/tasks").await.text();
        // A 2 MB form: 413, in Vietnamese, saying the limit.
        let huge = "a".repeat(2 * 1024 * 1024);
        let r = office
            .post_form("/staff/tasks", &[("title", "Việc"), ("description", &huge)])
            .await;
        vietnamese_page(&r, StatusCode::PAYLOAD_TOO_LARGE, "quá lớn");
        assert!(r.text().contains("256 KB"), "{}", r.text());
        // Under the body limit but a description over 20 000 characters (Vietnamese letters:
        // 20 001 characters, 40 002 bytes).
        let long = "Đ".repeat(20_001);
        let r = office
            .post_form("/staff/tasks", &[("title", "Việc"), ("description", &long)])
            .await;
        vietnamese_page(
            &r,
            StatusCode::BAD_REQUEST,
            "Trường “Mô tả” dài 20.001 ký tự",
        );
        // A title over 300 characters.
        let title = "Tổ chức hội nghị ".repeat(20);
        assert!(title.chars().count() > 300);
        let r = office.post_form("/staff/tasks", &[("title", &title)]).await;
        vietnamese_page(&r, StatusCode::BAD_REQUEST, "vượt giới hạn 300 ký tự");
        // Nothing was added.
        assert_eq!(office.get("/staff/tasks").await.text(), tasks_before);
        // The JSON API gets the same limit, as JSON.
        let r = office
            .post_json(
                &format!("/api/tasks/{}/updates", w.task_id),
                serde_json::json!({"text": "x".repeat(300 * 1024), "progress": 10}),
            )
            .await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
        let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert!(v["error"].as_str().unwrap().contains("quá lớn"));
    }
}

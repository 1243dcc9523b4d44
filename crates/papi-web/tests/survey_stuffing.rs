//! The public survey resists stuffing: scripted answers from one place wait for review and are
//! flagged as a burst, never published on their own; one-time invitation codes let invited
//! respondents' answers count at once; one device cannot start answer after answer.

mod common;

use axum::http::StatusCode;
use common::{world, Client, World};
use papi_core::Role;
use papi_store::testing::backends;

/// Starts a response as a new phone (a fresh device each time unless `device` is given);
/// returns the status and where it leads.
async fn start(
    w: &World,
    c: &Client,
    device: Option<&str>,
    code: &str,
) -> (StatusCode, String, String) {
    let gso = &w.commune.gso_code;
    let path = format!("/public/{gso}/survey/{}/take", w.survey_id);
    let (form_cookie, token) = c.form_cookie(&path).await;
    let mut cookies = form_cookie;
    if let Some(d) = device {
        cookies.push_str(&format!("; papi_device={d}"));
    }
    let r = c
        .send(
            "POST",
            &path,
            Some("application/x-www-form-urlencoded"),
            format!("token={token}&village=Th%C3%B4n+%C4%90%C3%B4ng&sex=F&age_band=30-44&invitation={code}")
                .into_bytes(),
            &[("cookie", cookies)],
        )
        .await;
    (r.status, r.location.clone(), r.text())
}

async fn counted(w: &World) -> usize {
    papi_store::survey::responses(&w.store, w.survey_id)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn scripted_answers_wait_for_review_and_are_flagged() {
    for backend in backends() {
        let w = world(&backend).await;
        let anon = w.client(None).await;
        let before = counted(&w).await;
        for n in 0..6 {
            let (status, url, _) = start(&w, &anon, Some(&format!("kich-ban-{n}")), "").await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{backend}");
            let closing = anon.answer_all(&url).await;
            assert!(closing.contains("xem xét trước khi tính"), "{backend}");
        }
        assert_eq!(
            counted(&w).await,
            before,
            "{backend}: nothing published by itself"
        );
        let office = w.client(Some(Role::Office)).await;
        let path = format!("/staff/survey/{}/review", w.survey_id);
        let queue = office.get(&path).await.text();
        assert!(
            queue.contains("6 phiếu thuộc các đợt gửi dồn dập"),
            "{backend}"
        );
        // "Accept all unflagged" leaves the burst alone.
        office
            .post_form(&path, &[("decision", "accept_unflagged")])
            .await;
        assert_eq!(counted(&w).await, before, "{backend}");
        // The others cannot see or decide the queue.
        for role in [Role::Officer, Role::Front, Role::VillageHead] {
            let c = w.client(Some(role)).await;
            assert_eq!(c.get(&path).await.status, StatusCode::FORBIDDEN);
        }
        // A decision is final.
        let pending = papi_store::survey_review::pending(&w.store, w.survey_id)
            .await
            .unwrap();
        let uuid = &pending[0].uuid;
        office
            .post_form(&path, &[("uuid", uuid), ("decision", "reject")])
            .await;
        let again = office
            .post_form(&path, &[("uuid", uuid), ("decision", "accept")])
            .await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert_eq!(counted(&w).await, before);
    }
}

#[tokio::test]
async fn one_device_cannot_start_answer_after_answer() {
    for backend in backends() {
        let w = world(&backend).await;
        let anon = w.client(None).await;
        let mut statuses = Vec::new();
        for _ in 0..7 {
            statuses.push(start(&w, &anon, Some("mot-dien-thoai"), "").await.0);
        }
        assert!(
            statuses[..5].iter().all(|s| *s == StatusCode::SEE_OTHER),
            "{backend}: {statuses:?}"
        );
        assert_eq!(statuses[6], StatusCode::TOO_MANY_REQUESTS, "{backend}");
    }
}

#[tokio::test]
async fn invitation_codes_count_at_once_and_only_once() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        let r = office
            .post_form(
                &format!("/staff/survey/{}/invitations", w.survey_id),
                &[("count", "3")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}");
        let codes = papi_store::survey_review::invitations(&w.store, w.survey_id)
            .await
            .unwrap();
        assert_eq!(codes.len(), 3);
        let code = codes[0].0.clone();
        let anon = w.client(None).await;
        let before = counted(&w).await;

        let (status, _, page) = start(&w, &anon, Some("a"), "").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("Vui lòng nhập mã mời"), "{backend}");
        let (status, _, page) = start(&w, &anon, Some("b"), "SAIMA123").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("Mã mời không đúng"), "{backend}");

        // Typed from paper in lower case with a dash: still the code.
        let typed = format!("{}-{}", &code[..4].to_lowercase(), &code[4..]);
        let (status, url, _) = start(&w, &anon, Some("c"), &typed).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{backend}");
        let closing = anon.answer_all(&url).await;
        assert!(!closing.contains("xem xét trước khi tính"));
        assert_eq!(counted(&w).await, before + 1, "{backend}: counted at once");

        let (status, _, page) = start(&w, &anon, Some("d"), &code).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(page.contains("đã được dùng"));
        let review = office
            .get(&format!("/staff/survey/{}/review", w.survey_id))
            .await
            .text();
        assert!(review.contains(&format!("<del>{code}</del>")), "{backend}");
    }
}

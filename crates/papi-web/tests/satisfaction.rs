//! Satisfaction surveys on the web, on every backend: the office creates a survey, residents
//! answer on the phone form (repeat answers kept out, bursts held for review), and the results
//! show on the staff page, the dashboard and the public page with the figures worked by hand.

mod common;

use axum::http::StatusCode;
use common::satisfaction::{all_satisfied, post_answers};
use common::{world, Client, Reply};
use papi_core::satisfaction::questionnaire::one_stop_desk;
use papi_core::satisfaction::ItemKind;
use papi_core::Role;
use papi_store::testing::backends;

/// Every scale item answered `v`, every statement "đúng".
fn all(v: &str) -> Vec<(String, String)> {
    one_stop_desk()
        .items()
        .map(|(_, i)| {
            let x = match i.kind {
                ItemKind::Likert5 => v,
                ItemKind::YesNo => "1",
            };
            (i.code.clone(), x.to_string())
        })
        .collect()
}

/// Posts the form from a phone that keeps device cookie `device`.
async fn from_device(c: &Client, path: &str, device: &str, answers: &[(String, String)]) -> Reply {
    let (cookie, token) = c.form_cookie(path).await;
    let mut pairs = vec![("token".to_string(), token)];
    pairs.extend(answers.iter().cloned());
    let body = serde_urlencoded::to_string(&pairs).unwrap();
    c.send(
        "POST",
        path,
        Some("application/x-www-form-urlencoded"),
        body.into_bytes(),
        &[("cookie", format!("{cookie}; papi_device={device}"))],
    )
    .await
}

#[tokio::test]
async fn residents_answer_and_the_results_are_worked_as_by_hand() {
    for backend in backends() {
        let w = world(&backend).await;
        let id = w.satisfaction.survey_id;
        let gso = &w.commune.gso_code;
        let form = format!("/public/{gso}/satisfaction/{id}");
        let anon = w.client(None).await;

        // The phone form: short, no script, every item of the template.
        let page = anon.get(&form).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        let html = page.text();
        assert!(!html.contains("<script"), "{backend}");
        assert!(html.contains("Nơi ngồi chờ có đủ chỗ ngồi"), "{backend}");
        assert!(html.contains("Rất không hài lòng"), "{backend}");

        // Two residents: one satisfied with everything (4), one with nothing (2). Every item is
        // then 1 of 2 = 50 %, every factor and the overall 50 %, the mean score 3, and one of
        // the two is satisfied with everything (comprehensive 50 %).
        let r = from_device(&anon, &form, "phone-1", &all("4")).await;
        assert_eq!(r.status, StatusCode::OK, "{backend}");
        assert!(r.text().contains("Cảm ơn bạn đã đánh giá"), "{backend}");
        // The same phone again the same day: refused, kindly.
        let r = from_device(&anon, &form, "phone-1", &all("5")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(r.text().contains("đã gửi phiếu"), "{backend}");
        let r = from_device(&anon, &form, "phone-2", &all("2")).await;
        assert_eq!(r.status, StatusCode::OK, "{backend}");

        let office = w.client(Some(Role::Office)).await;
        let staff = office
            .get(&format!("/staff/satisfaction/{id}"))
            .await
            .text();
        assert!(staff.contains("50,0 %"), "{backend}");
        assert!(staff.contains("3,00"), "{backend}: mean score");
        assert!(staff.contains("2 phiếu"), "{backend}");
        assert!(
            staff.contains("theo cách của SIPAS do xã tự thực hiện"),
            "{backend}"
        );
        assert!(
            staff.contains("không phải Chỉ số SIPAS chính thức"),
            "{backend}"
        );

        // A third answer from the same address within minutes is held, not counted …
        let r = from_device(&anon, &form, "phone-3", &all("5")).await;
        assert_eq!(r.status, StatusCode::OK, "{backend}");
        assert!(r.text().contains("xem lại"), "{backend}");
        let staff = office
            .get(&format!("/staff/satisfaction/{id}"))
            .await
            .text();
        assert!(staff.contains("Phiếu chờ xem xét (1)"), "{backend}");
        assert!(staff.contains("2 phiếu"), "{backend}");
        // … until the office counts it: then a, b, … are 2 of 3 satisfied = 66,7 %.
        let r = office
            .post_form(
                &format!("/staff/satisfaction/{id}/review"),
                &[("decision", "accept")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}");
        let staff = office
            .get(&format!("/staff/satisfaction/{id}"))
            .await
            .text();
        assert!(staff.contains("66,7 %"), "{backend}");
        assert!(!staff.contains("Phiếu chờ xem xét"), "{backend}");

        // The public page and the dashboard show it, labelled.
        let public = anon
            .get(&format!("/public/{gso}/satisfaction"))
            .await
            .text();
        assert!(public.contains("66,7 %"), "{backend}");
        assert!(public.contains("Bộ phận Một cửa UBND xã"), "{backend}");
        assert!(
            public.contains("theo cách của SIPAS do xã tự thực hiện"),
            "{backend}"
        );
        let home = anon.get(&format!("/public/{gso}")).await.text();
        assert!(
            home.contains(&format!("/public/{gso}/satisfaction")),
            "{backend}"
        );
        let dash = office.get("/staff").await.text();
        assert!(dash.contains("Sự hài lòng với dịch vụ công"), "{backend}");
        assert!(dash.contains("66,7 %"), "{backend}");
    }
}

#[tokio::test]
async fn bad_answers_closed_surveys_and_rights_are_refused_in_vietnamese() {
    for backend in backends() {
        let w = world(&backend).await;
        let id = w.satisfaction.survey_id;
        let gso = &w.commune.gso_code;
        let form = format!("/public/{gso}/satisfaction/{id}");
        let anon = w.client(None).await;
        // A value outside the scale names the question.
        let r = post_answers(&anon, &form, &[("tc1".into(), "9".into())]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(
            r.text().contains("Nơi ngồi chờ có đủ chỗ ngồi"),
            "{backend}"
        );
        // Nothing chosen.
        let r = post_answers(&anon, &form, &[]).await;
        assert!(r.text().contains("ít nhất một câu"), "{backend}");
        // Without the form's token: refused.
        let r = anon.post_form(&form, &[("tc1", "4")]).await;
        assert!(r.status.is_client_error(), "{backend}: {}", r.status);

        // An officer may look, not create.
        let officer = w.client(Some(Role::Officer)).await;
        let fields = [
            ("kind", "school"),
            ("service_name", "Trường Tiểu học xã"),
            ("period_label", "Học kỳ II"),
            ("starts_on", "01/01/2025"),
            ("ends_on", "31/05/2025"),
        ];
        let r = officer
            .post_multipart("/staff/satisfaction", &fields, &[])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{backend}");
        // The office creates; a bad date names its field.
        let office = w.client(Some(Role::Office)).await;
        let mut bad = fields;
        bad[4] = ("ends_on", "31/02/2025");
        let r = office
            .post_multipart("/staff/satisfaction", &bad, &[])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(r.text().contains("Đến ngày"), "{backend}");
        let r = office
            .post_multipart("/staff/satisfaction", &fields, &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}");
        let school = office.get(&r.location).await.text();
        assert!(
            school.contains("Cơ sở vật chất, trang thiết bị"),
            "{backend}"
        );
        assert!(school.contains("cần đối chiếu"), "{backend}");

        // The QR sheet: the service, the instruction and a code of the form's address.
        let qr = office.get(&format!("/staff/satisfaction/{id}/qr")).await;
        assert_eq!(qr.status, StatusCode::OK, "{backend}");
        let qr = qr.text();
        assert!(qr.contains("<svg"), "{backend}");
        assert!(qr.contains("Bộ phận Một cửa UBND xã"), "{backend}");
        assert!(
            qr.contains(&format!("/public/{gso}/satisfaction/{id}")),
            "{backend}"
        );
        assert!(qr.contains("@page"), "{backend}");

        // Closed: the form says so and takes nothing.
        let r = office
            .post_form(
                &format!("/staff/satisfaction/{id}/open"),
                &[("op", "close")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}");
        assert!(anon.get(&form).await.text().contains("không nhận phiếu"));
        let r = post_answers(&anon, &form, &all_satisfied()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let stored = papi_store::satisfaction::responses(&w.store, w.commune.id, id)
            .await
            .unwrap();
        assert!(stored.is_empty(), "{backend}");
    }
}

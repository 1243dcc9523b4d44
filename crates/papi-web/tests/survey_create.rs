//! Starting a year's resident survey in the browser: the default questionnaire or the
//! commune's own XLSForm; a wrong year or a broken file is refused in Vietnamese and the
//! typed values stay; only the office and the chairman may start one.

mod common;

use axum::http::StatusCode;
use common::world;
use papi_core::Role;
use papi_docs::survey::{default_form, write_xlsform};
use papi_store::testing::backends;

fn created_id(r: &common::Reply) -> i64 {
    let to = &r.location;
    to.strip_prefix("/staff/survey/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("not sent to the new survey: {to}"))
}

#[tokio::test]
async fn the_office_starts_a_survey_with_the_default_or_its_own_questionnaire() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        let page = office.get("/staff/survey/new").await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.text().contains("Tạo cuộc khảo sát người dân"));

        let r = office
            .post_multipart("/staff/survey", &[("year", "2026"), ("title", "")], &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let id = created_id(&r);
        let sv = papi_store::survey::survey(&w.store, id).await.unwrap();
        assert_eq!(sv.year, 2026);
        assert_eq!(
            sv.title,
            "Khảo sát ý kiến người dân về quản trị và hành chính công năm 2026"
        );
        assert_eq!(sv.age_bands, ["18-29", "30-44", "45-59", "60+"]);
        let page = office.get(&format!("/staff/survey/{id}")).await.text();
        assert!(
            page.contains(
                "<h1>Khảo sát ý kiến người dân về quản trị và hành chính công năm 2026</h1>"
            ),
            "{backend}: the year is not repeated"
        );

        // the commune's own XLSForm, with its own title
        let xlsx = write_xlsform(&default_form()).unwrap();
        let r = office
            .post_multipart(
                "/staff/survey",
                &[
                    ("year", "2027"),
                    ("title", "Khảo sát đợt 1"),
                    ("age_bands", "18-29, 30-39; 40-59, 60+"),
                ],
                &[("file", "phieu-xa.xlsx", &xlsx)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let sv = papi_store::survey::survey(&w.store, created_id(&r))
            .await
            .unwrap();
        assert_eq!((sv.year, sv.title.as_str()), (2027, "Khảo sát đợt 1"));
        assert_eq!(sv.age_bands, ["18-29", "30-39", "40-59", "60+"]);
        let form = papi_app::survey::parse_form(&sv).unwrap();
        assert_eq!(
            form.questionnaire().unwrap().indicators.len(),
            default_form().questionnaire().unwrap().indicators.len()
        );
    }
}

#[tokio::test]
async fn wrong_years_and_files_are_refused_and_nothing_is_stored() {
    for backend in backends() {
        let w = world(&backend).await;
        let before = papi_store::survey::surveys(&w.store, w.commune.id)
            .await
            .unwrap()
            .len();
        let office = w.client(Some(Role::Office)).await;
        let r = office
            .post_multipart(
                "/staff/survey",
                &[("year", "20266"), ("title", "Đợt 2")],
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let page = r.text();
        assert!(
            page.contains("Năm khảo sát: 20266 nằm ngoài khoảng 2009–2100."),
            "{page}"
        );
        assert!(
            page.contains("value=\"Đợt 2\""),
            "{backend}: the title typed stays"
        );

        let r = office
            .post_multipart(
                "/staff/survey",
                &[("year", "2026"), ("age_bands", "18-29, 60+, 18-29")],
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(r.text().contains("Nhóm tuổi: “18-29” được nhập hai lần."));

        let r = office
            .post_multipart(
                "/staff/survey",
                &[("year", "2026")],
                &[("file", "phieu.xlsx", b"PK\x03\x04 not a workbook")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(
            r.text().contains("Tệp phiếu “phieu.xlsx” có lỗi"),
            "{}",
            r.text()
        );

        let r = office
            .post_multipart(
                "/staff/survey",
                &[("year", "2026")],
                &[("file", "phieu.toml", b"[[indicator]]\nid = 3\n")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(
            r.text().contains("Tệp phiếu “phieu.toml” có lỗi"),
            "{}",
            r.text()
        );

        for role in [Role::Officer, Role::Front, Role::VillageHead] {
            let c = w.client(Some(role)).await;
            let r = c
                .post_multipart("/staff/survey", &[("year", "2026")], &[])
                .await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{backend} {role:?}");
        }
        let after = papi_store::survey::surveys(&w.store, w.commune.id)
            .await
            .unwrap()
            .len();
        assert_eq!(before, after, "{backend}");
    }
}

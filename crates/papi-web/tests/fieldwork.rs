//! The fieldwork view: answers per village against the sample each village needs (the
//! office's target, or the default: 30, no more than the village's adults), per enumerator and
//! per Vietnamese day, villages below target highlighted, and the submissions from the field
//! that were not counted; the office sets the window and the targets, with Vietnamese messages
//! naming the field when the input is wrong.

mod common;

use axum::http::StatusCode;
use common::{world, World};
use papi_core::Role;
use papi_store::testing::backends;

/// A survey of its own with answers whose villages, days and enumerators are known here.
async fn survey_with_answers(w: &World) -> i64 {
    use papi_docs::survey::{default_form, write_toml, DEFAULT_AGE_BANDS};
    let cid = w.commune.id;
    let record = papi_store::survey::SurveyRecord {
        id: 0,
        commune_id: cid,
        year: 2025,
        title: "Khảo sát thực địa".into(),
        questionnaire_json: write_toml(&default_form()),
        age_bands: DEFAULT_AGE_BANDS.iter().map(|s| s.to_string()).collect(),
    };
    let mut tx = w.store.begin_write().await.unwrap();
    let id = papi_store::survey::insert_survey(&mut tx, "t", &record)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let answer = |uuid: String, village: &str, at: &str| papi_store::survey::Response {
        uuid,
        village: village.into(),
        sex: "F".into(),
        age_band: DEFAULT_AGE_BANDS[1].into(),
        submitted_at: at.into(),
        answers: Default::default(),
        scores: vec![],
        complete: true,
    };
    let mut rows = Vec::new();
    // Thôn Tây: 31 answers by one enumerator on ODK, 20 on 01/06 and 11 on 02/06 (Việt Nam)
    for k in 0..31 {
        let at = if k < 20 {
            "2025-06-01T02:00:00Z"
        } else {
            "2025-06-01T18:30:00Z"
        };
        rows.push(answer(format!("tay-{k}"), "Thôn Tây", at));
    }
    // Thôn Đông: 3 imported answers, one of them on 01/07 in Việt Nam (30/06 in UTC)
    rows.push(answer("dong-0".into(), "Thôn Đông", "2025-06-01T03:00:00Z"));
    rows.push(answer("dong-1".into(), "Thôn Đông", "2025-06-01T04:00:00Z"));
    rows.push(answer("dong-2".into(), "Thôn Đông", "2025-06-30T18:00:00Z"));
    let mut tx = w.store.begin_write().await.unwrap();
    papi_store::survey::insert_responses(&mut tx, "t", cid, id, &rows)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    sqlx::query("UPDATE survey_responses SET enumerator = 'ca_lan', channel = 'odk' WHERE survey_id = $1 AND village = 'Thôn Tây'")
        .bind(id)
        .execute(&w.store.pool)
        .await
        .unwrap();
    let submissions = [
        ("a1", "accepted", "", "2025-06-01T02:00:00Z"),
        (
            "a1",
            "duplicate",
            "Phiếu này đã nhận lúc 01/06/2025 09:00",
            "2025-06-01T02:05:00Z",
        ),
        (
            "b2",
            "rejected",
            "Thiếu câu trả lời giới tính",
            "2025-06-01T03:00:00Z",
        ),
        (
            "c3",
            "out_of_window",
            "Gửi sau ngày kết thúc khảo sát",
            "2025-07-02T03:00:00Z",
        ),
        ("d4", "incomplete", "Còn chờ ảnh", "2025-06-01T05:00:00Z"),
    ];
    for (instance, status, reason, at) in submissions {
        sqlx::query("INSERT INTO survey_submissions (commune_id, survey_id, instance_id, enumerator, received_at, status, reason, village, xml) VALUES ($1, $2, $3, 'ca_lan', $4, $5, $6, 'Thôn Tây', '<data/>')")
            .bind(cid)
            .bind(id)
            .bind(format!("ma-{instance}"))
            .bind(at)
            .bind(status)
            .bind(reason)
            .execute(&w.store.pool)
            .await
            .unwrap();
    }
    id
}

/// The table row of a village (from its `<th>` to the end of the row).
fn row<'a>(page: &'a str, village: &str) -> &'a str {
    let start = page
        .find(&format!("<th scope=\"row\">{village}</th>"))
        .unwrap_or_else(|| panic!("no row for {village}"));
    let row_start = page[..start].rfind("<tr").unwrap();
    let end = start + page[start..].find("</tr>").unwrap();
    &page[row_start..end]
}

#[tokio::test]
async fn answers_against_targets_per_enumerator_and_day() {
    for backend in backends() {
        let w = world(&backend).await;
        let id = survey_with_answers(&w).await;
        let office = w.client(Some(Role::Office)).await;
        let path = format!("/staff/survey/{id}/fieldwork");
        let r = office.get(&path).await;
        assert_eq!(r.status, StatusCode::OK, "{backend}");
        let page = r.text();
        // default target 30: Thôn Đông (3 answers) is short by 27 and highlighted
        let dong = row(&page, "Thôn Đông");
        assert!(dong.starts_with("<tr class=\"late\""), "{backend}: {dong}");
        assert!(
            dong.contains("<td>3</td><td>30</td>") && dong.contains("Còn thiếu 27 (10%)"),
            "{backend}: {dong}"
        );
        let tay = row(&page, "Thôn Tây");
        assert!(
            tay.contains("<td>31</td><td>30</td>") && tay.contains("Đủ"),
            "{backend}: {tay}"
        );
        assert!(page.contains("phiếu đã tính / 60 phiếu cần"), "{backend}");
        // per enumerator and channel
        let lan = row(&page, "ca_lan");
        assert!(
            lan.contains("ODK Collect / KoboCollect") && lan.contains("<td>31</td>"),
            "{backend}: {lan}"
        );
        let none = row(&page, "(không ghi người thu)");
        assert!(none.contains("<td>3</td>"), "{backend}: {none}");
        // per Vietnamese day: 01/06 has 20 + 2, 02/06 has 11, 01/07 has 1
        assert!(
            row(&page, "01/06/2025").contains("<td>22</td>"),
            "{backend}"
        );
        assert!(
            row(&page, "02/06/2025").contains("<td>11</td>"),
            "{backend}"
        );
        assert!(row(&page, "01/07/2025").contains("<td>1</td>"), "{backend}");
        // submissions not counted: duplicate, rejected, out of window; not the others
        for text in [
            "Gửi trùng",
            "Phiếu này đã nhận lúc 01/06/2025 09:00",
            "Bị từ chối",
            "Thiếu câu trả lời giới tính",
            "Ngoài thời gian khảo sát",
            "ma-c3",
        ] {
            assert!(page.contains(text), "{backend}: {text}");
        }
        assert!(
            !page.contains("ma-d4") && !page.contains("Còn chờ ảnh"),
            "{backend}"
        );
        assert!(page.contains("Chưa đủ tệp đính kèm: 1"), "{backend}");

        // the window and Thôn Đông's own target
        let r = office
            .post_form(
                &path,
                &[
                    ("opens", "01/06/2025"),
                    ("closes", "30/06/2025"),
                    ("village", "Thôn Đông"),
                    ("target", "3"),
                    ("village", "Thôn Tây"),
                    ("target", ""),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let page = office.get(&path).await.text();
        assert!(page.contains("01/06/2025 – 30/06/2025"), "{backend}");
        let dong = row(&page, "Thôn Đông");
        assert!(
            !dong.starts_with("<tr class=\"late\"") && dong.contains("value=\"3\""),
            "{backend}: {dong}"
        );
        // 01/07 falls after the window, 02/06 inside
        assert!(
            row(&page, "01/07/2025").contains("Ngoài thời gian"),
            "{backend}"
        );
        assert!(
            !row(&page, "02/06/2025").contains("Ngoài thời gian"),
            "{backend}"
        );
        let (opens, closes) = papi_store::fieldwork::window(&w.store, id).await.unwrap();
        assert_eq!(
            (opens.as_str(), closes.as_str()),
            ("2025-06-01", "2025-06-30")
        );

        // the default is capped by the village's adults: Thôn Tây has 25
        sqlx::query("INSERT INTO survey_population (commune_id, survey_id, village, sex, age_band, population) VALUES ($1, $2, 'Thôn Tây', 'F', '30-44', 14), ($1, $2, 'Thôn Tây', 'M', '30-44', 11)")
            .bind(w.commune.id)
            .bind(id)
            .execute(&w.store.pool)
            .await
            .unwrap();
        let page = office.get(&path).await.text();
        assert!(
            row(&page, "Thôn Tây").contains("<td>31</td><td>25</td>"),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn wrong_input_is_refused_with_vietnamese_messages() {
    for backend in backends() {
        let w = world(&backend).await;
        let id = survey_with_answers(&w).await;
        let office = w.client(Some(Role::Office)).await;
        let path = format!("/staff/survey/{id}/fieldwork");
        let r = office
            .post_form(
                &path,
                &[
                    ("opens", "31/02/2025"),
                    ("closes", ""),
                    ("village", "Thôn Đông"),
                    ("target", "-5"),
                    ("village", "Thôn Ma"),
                    ("target", "10"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let page = r.text();
        for text in [
            "Ngày bắt đầu “31/02/2025” không đúng dạng ngày (dd/mm/yyyy).",
            "Số phiếu cần của thôn “Thôn Đông” phải là số nguyên từ 0 đến 10000 (đã nhập “-5”).",
            "Xã không có thôn “Thôn Ma”.",
        ] {
            assert!(page.contains(text), "{backend}: {text}");
        }
        // what was typed is shown again; nothing was stored
        assert!(page.contains("value=\"31/02/2025\""), "{backend}");
        assert!(papi_store::fieldwork::targets(&w.store, id)
            .await
            .unwrap()
            .is_empty());
        let r = office
            .post_form(&path, &[("opens", "30/06/2025"), ("closes", "01/06/2025")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(r
            .text()
            .contains("Ngày kết thúc (01/06/2025) trước ngày bắt đầu (30/06/2025)."));
        // one rule for the window, the one ODK Collect follows: it opens on its first day
        let r = office
            .post_form(&path, &[("opens", ""), ("closes", "30/06/2025")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(r
            .text()
            .contains("Cần ngày bắt đầu thu thập trước khi đặt ngày kết thúc."));
        // only the office and the chairman follow fieldwork, as they import answers
        for role in [Role::Officer, Role::Front, Role::VillageHead] {
            let c = w.client(Some(role)).await;
            assert_eq!(c.get(&path).await.status, StatusCode::FORBIDDEN, "{role:?}");
        }
        let chair = w.client(Some(Role::Chairman)).await;
        assert_eq!(chair.get(&path).await.status, StatusCode::OK);
        // the results page links to it
        let results = office.get(&format!("/staff/survey/{id}")).await.text();
        assert!(results.contains(&format!("href=\"/staff/survey/{id}/fieldwork\"")));
    }
}

//! The outreach log through the web and the API, on every backend: an entry with its evidence,
//! the coverage table's gaps, a link to a disclosure only for the loudspeaker, the disclosure's
//! broadcast days, and village heads limited to their village.

mod common;

use axum::http::StatusCode;
use common::world;
use papi_core::Role;
use papi_store::testing::backends;

#[tokio::test]
async fn an_entry_with_evidence_fills_the_coverage_and_gaps_show() {
    for backend in backends() {
        let w = world(&backend).await;
        let c = w.client(Some(Role::Officer)).await;
        let page = c.get("/staff/outreach?year=2025").await.text();
        // The seed covered Thôn Đông only.
        assert!(
            page.contains("Chưa tuyên truyền") && page.contains("Thôn Tây"),
            "{page}"
        );
        let tay = w.boards.villages[1].to_string();
        let r = c
            .post_multipart(
                "/staff/outreach",
                &[
                    ("channel", "village_meeting"),
                    ("topic", "dim:3"),
                    ("title", "Họp thôn về trách nhiệm giải trình"),
                    ("village_id", &tay),
                    ("dates", "20/04/2025, 21/04/2025"),
                    ("reach", "80"),
                    ("by", "Trưởng thôn Tây"),
                ],
                &[("evidence", "hop-thon.png", b"\x89PNG\r\n\x1a\nhop")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let page = c.get("/staff/outreach").await.text();
        assert!(
            page.contains("Mọi thôn đã được tuyên truyền trong năm"),
            "{page}"
        );
        assert!(page.contains("20/04/2025, 21/04/2025"), "{page}");
        let file = c
            .get(&format!("/staff/outreach/{}/evidence", w.boards.entry))
            .await;
        assert_eq!(file.status, StatusCode::OK);
        assert_eq!(file.body, b"\x89PNG\r\n\x1a\nloa");
        let api = c.get("/api/outreach?year=2025").await;
        assert_eq!(api.status, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_slice(&api.body).unwrap();
        assert_eq!(json["entries"].as_array().unwrap().len(), 2, "{json}");
        assert_eq!(json["coverage"][1]["total"], 1);
        let old = c.get("/api/outreach?year=2024").await;
        let json: serde_json::Value = serde_json::from_slice(&old.body).unwrap();
        assert!(json["entries"].as_array().unwrap().is_empty());
    }
}

#[tokio::test]
async fn bad_entries_are_refused_with_the_field() {
    for backend in backends() {
        let w = world(&backend).await;
        let c = w.client(Some(Role::Office)).await;
        let dong = w.boards.villages[0].to_string();
        let cases: [(&[(&str, &str)], &str); 4] = [
            (
                &[
                    ("channel", "zalo"),
                    ("topic", "democracy"),
                    ("title", "x"),
                    ("village_id", &dong),
                    ("dates", "20/04/2025"),
                    ("disclosure_id", "5"),
                ],
                "loa truyền thanh",
            ),
            (
                &[
                    ("channel", "zalo"),
                    ("topic", "democracy"),
                    ("title", "x"),
                    ("dates", "20/04/2025"),
                ],
                "Thôn:",
            ),
            (
                &[
                    ("channel", "zalo"),
                    ("topic", "democracy"),
                    ("title", "x"),
                    ("village_id", &dong),
                    ("dates", "31/02/2025"),
                ],
                "Ngày thực hiện",
            ),
            (
                &[
                    ("channel", "zalo"),
                    ("topic", "other"),
                    ("title", "x"),
                    ("village_id", &dong),
                    ("dates", "20/04/2025"),
                ],
                "Chủ đề khác",
            ),
        ];
        for (fields, needle) in cases {
            let r = c.post_multipart("/staff/outreach", fields, &[]).await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{backend}: {needle}"
            );
            assert!(r.text().contains(needle), "{needle}: {}", r.text());
        }
        // The village head has no village in the test commune: nothing to log for.
        let head = w.client(Some(Role::VillageHead)).await;
        let r = head
            .post_multipart(
                "/staff/outreach",
                &[
                    ("channel", "zalo"),
                    ("topic", "democracy"),
                    ("title", "x"),
                    ("village_id", &dong),
                    ("dates", "20/04/2025"),
                ],
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn a_loudspeaker_entry_counts_for_its_disclosure() {
    for backend in backends() {
        let w = world(&backend).await;
        let app = papi_app::App::new(w.store.clone(), Some(common::day(2025, 5, 1)));
        let days = papi_app::outreach::loudspeaker_days(&app, w.commune.id, 5)
            .await
            .unwrap();
        assert_eq!(days, vec![common::day(2025, 3, 3)], "{backend}");
        assert!(papi_app::outreach::loudspeaker_days(&app, w.commune.id, 6)
            .await
            .unwrap()
            .is_empty());
    }
}

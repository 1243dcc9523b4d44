//! What a village's interval means on the results pages: under the strata design (the
//! default, and the public page) a village is a domain of the commune's calibrated design and
//! its interval is a sampling interval; under the cluster design a village is one cluster, so
//! the page says its interval is not a sampling interval and compares no village by it.

mod common;

use axum::http::StatusCode;
use common::world;
use papi_core::Role;
use papi_store::testing::backends;

const DOMAIN: &str = "Điểm của thôn là ước lượng cho một phần của mẫu toàn xã";
const SINGLE: &str = "nên mỗi thôn chỉ là một cụm";

#[tokio::test]
async fn village_intervals_are_explained_for_each_design() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        let strata = office.get(&format!("/staff/survey/{}", w.survey_id)).await;
        assert_eq!(strata.status, StatusCode::OK, "{backend}");
        let page = strata.text();
        assert!(page.contains(DOMAIN) && !page.contains(SINGLE), "{backend}");
        assert!(page.contains("không trùng với thôn nào"), "{backend}");
        let clusters = office
            .get(&format!("/staff/survey/{}?design=clusters", w.survey_id))
            .await
            .text();
        assert!(
            clusters.contains(SINGLE) && !clusters.contains(DOMAIN),
            "{backend}"
        );
        assert!(clusters.contains("role=\"note\""), "{backend}");
        assert!(
            clusters.contains("Khoảng do hiệu chỉnh trọng số"),
            "{backend}"
        );
        assert!(
            clusters.contains("không so sánh (thôn là một cụm)"),
            "{backend}"
        );
        assert!(!clusters.contains("không trùng với thôn nào"), "{backend}");
        let public = w
            .client(None)
            .await
            .get(&format!("/public/{}/survey", w.commune.gso_code))
            .await
            .text();
        assert!(public.contains(DOMAIN), "{backend}");
    }
}

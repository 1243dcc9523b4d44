//! Satisfaction surveys on every backend: a survey keeps its own copy of the questionnaire,
//! answers round-trip with their intake decision, held answers are counted or not in one
//! write, another commune sees nothing, and the office's writes are in the audit log.

use chrono::{TimeZone, Utc};
use papi_core::satisfaction::{check_new, NewSurvey, Review};
use papi_core::{Commune, CommuneKind};
use papi_store::satisfaction::{self as store, StoredResponse};
use papi_store::testing::{backends, fresh_store};
use papi_store::{audit, org, StoreError};

#[tokio::test]
async fn surveys_and_answers_round_trip() {
    for backend in backends() {
        let db = fresh_store(&backend).await;
        let mut w = db.begin_write().await.unwrap();
        let cid = org::insert_commune(
            &mut w,
            &Commune {
                id: 0,
                gso_code: "99998".into(),
                name: "Thử".into(),
                kind: CommuneKind::Xa,
                province: "Hưng Yên".into(),
                due_soon: Default::default(),
            },
        )
        .await
        .unwrap();
        w.commit().await.unwrap();
        let form = NewSurvey {
            kind: "health_station".into(),
            service_name: "Trạm y tế xã".into(),
            period_label: "Quý III/2025".into(),
            starts_on: "01/07/2025".into(),
            ends_on: "30/09/2025".into(),
        };
        let s = check_new(cid, &form, None).unwrap();
        let mut w = db.begin_write().await.unwrap();
        let id = store::insert(&mut w, "vp", &s).await.unwrap();
        w.commit().await.unwrap();
        let got = store::get(&db, cid, id).await.unwrap();
        assert_eq!(got.questionnaire, s.questionnaire, "{backend}");
        assert_eq!(got.starts_on, s.starts_on);
        assert!(got.open);
        assert!(matches!(
            store::get(&db, cid + 1, id).await,
            Err(StoreError::NotFound)
        ));
        assert!(store::list(&db, cid + 1).await.unwrap().is_empty());

        let at = Utc.with_ymd_and_hms(2025, 8, 4, 2, 30, 0).unwrap();
        for (k, review) in [Review::Accepted, Review::Flagged].into_iter().enumerate() {
            let r = StoredResponse {
                id: 0,
                submitted_at: at + chrono::Duration::minutes(k as i64),
                address_tag: "a1".into(),
                device_tag: format!("d{k}"),
                answers: [("a1".to_string(), 4u8), ("e2".to_string(), 1)].into(),
                review,
            };
            store::add_response(&db, cid, id, &r).await.unwrap();
        }
        let rs = store::responses(&db, cid, id).await.unwrap();
        assert_eq!(rs.len(), 2, "{backend}");
        assert_eq!(rs[0].submitted_at, at);
        assert_eq!(rs[0].answers.get("a1"), Some(&4));
        assert_eq!(rs[1].review, Review::Flagged);
        assert!(store::responses(&db, cid + 1, id).await.unwrap().is_empty());

        let mut w = db.begin_write().await.unwrap();
        let n = store::decide_flagged(&mut w, "vp", cid, id, Review::Rejected)
            .await
            .unwrap();
        store::set_open(&mut w, "vp", &got, false).await.unwrap();
        w.commit().await.unwrap();
        assert_eq!(n, 1);
        let rs = store::responses(&db, cid, id).await.unwrap();
        assert_eq!(rs[1].review, Review::Rejected, "{backend}");
        assert!(!store::get(&db, cid, id).await.unwrap().open);

        let log = audit::list(&db, cid, 50, 0).await.unwrap();
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        for a in [
            "create_satisfaction_survey",
            "review_satisfaction_answers",
            "close_satisfaction_survey",
        ] {
            assert!(actions.contains(&a), "{backend}: {actions:?}");
        }
    }
}

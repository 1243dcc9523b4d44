//! The application context on two "servers" (two stores on one database): what one writes,
//! the other sees after its next catch-up, and its own writes at once — on every backend.

use chrono::NaiveDate;
use papi_app::App;
use papi_core::agenda::DueSoon;
use papi_core::{Actor, Commune, CommuneKind, Role};
use papi_store::testing::{backends, fresh_url};
use papi_store::Store;

async fn commune(store: &Store) -> i64 {
    let mut w = store.begin_write().await.unwrap();
    let c = Commune {
        id: 0,
        gso_code: "99998".into(),
        name: "Thử".into(),
        kind: CommuneKind::Xa,
        province: "Hưng Yên".into(),
        due_soon: DueSoon::default(),
    };
    let id = papi_store::org::insert_commune(&mut w, &c).await.unwrap();
    w.commit().await.unwrap();
    id
}

fn admin(commune_id: i64) -> Actor {
    Actor {
        user_id: 1,
        commune_id,
        role: Role::Admin,
        unit_id: None,
    }
}

#[tokio::test]
async fn two_servers_on_one_database_stay_current() {
    for backend in backends() {
        let url = fresh_url(&backend).await;
        let today = NaiveDate::from_ymd_opt(2025, 10, 15);
        let a = App::new(Store::open(&url).await.unwrap(), today);
        let b = App::new(Store::open(&url).await.unwrap(), today);
        let cid = commune(&a.store).await;
        a.catch_up().await.unwrap();
        b.catch_up().await.unwrap();
        let before = b.version().await.unwrap();

        // A writes (audited): A's version moves at once, B's on its next catch-up.
        papi_app::org::set_due_soon(&a, &admin(cid), "quản trị", "5")
            .await
            .unwrap();
        let after = a.version().await.unwrap();
        assert!(after > before, "{backend}: A sees its own write");
        assert_eq!(b.version().await.unwrap(), before, "{backend}: B not yet");
        b.catch_up().await.unwrap();
        assert_eq!(
            b.version().await.unwrap(),
            after,
            "{backend}: B after catch-up"
        );

        // A corrects the calendar: B counts with it after its next catch-up.
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        let working = |app: &App| app.calendar().is_working_day(d(1, 17));
        assert!(working(&b), "{backend}: 17/01/2025 is a Friday at work");
        let lines = "17/01/2025 | nghỉ lễ | Nghỉ thử nghiệm | QĐ thử";
        papi_app::calendar::correct_year(&a, &admin(cid), "quản trị", 2025, "", lines)
            .await
            .unwrap()
            .unwrap();
        assert!(!working(&a), "{backend}: A at once");
        b.catch_up().await.unwrap();
        assert!(!working(&b), "{backend}: B after catch-up");

        // A refused setting changes nothing and says why.
        let refused = papi_app::org::set_due_soon(&a, &admin(cid), "quản trị", "0").await;
        assert!(
            matches!(refused, Err(papi_app::Error::Invalid(ref m)) if m.contains("từ 1 đến 60")),
            "{backend}"
        );
    }
}

//! The anchored audit chain on every backend: with a key outside the database, cutting the
//! log, deleting it, rewriting an entry and recomputing the later hashes, or editing a task row
//! directly, are all reported by `audit::verify`; an earlier printed head catches a rollback.

use chrono::NaiveDate;
use papi_core::{Commune, CommuneKind, Due, Plan, Task, TaskStatus, Unit};
use papi_store::audit::{self, Anchor, AuditKey};
use papi_store::plan::{self, NewPlan};
use papi_store::testing::{backends, fresh_url};
use papi_store::{org, Store};
use sha2::{Digest, Sha256};

fn key() -> AuditKey {
    AuditKey::from_bytes([42; 32])
}

async fn keyed(url: &str) -> Store {
    Store::open(url)
        .await
        .unwrap()
        .with_audit_key(key())
        .await
        .unwrap()
}

/// A commune with a plan and `tasks` tasks; returns the commune id.
async fn seed(store: &Store, tasks: usize) -> i64 {
    seed_commune(store, tasks, "27400").await
}

async fn seed_commune(store: &Store, tasks: usize, gso: &str) -> i64 {
    let mut w = store.begin_write().await.unwrap();
    let commune = org::insert_commune(
        &mut w,
        &Commune {
            id: 0,
            gso_code: gso.into(),
            name: "Lương Tài".into(),
            kind: CommuneKind::Xa,
            province: "Hưng Yên".into(),
            due_soon: Default::default(),
        },
    )
    .await
    .unwrap();
    let unit = org::insert_unit(
        &mut w,
        "test",
        &Unit {
            id: 0,
            commune_id: commune,
            name: "Văn phòng".into(),
            short_name: "VP".into(),
        },
    )
    .await
    .unwrap();
    let new = NewPlan {
        plan: Plan {
            id: 0,
            commune_id: commune,
            number: "10/KH-UBND".into(),
            issued_on: NaiveDate::from_ymd_opt(2025, 1, 16).unwrap(),
            year: 2025,
            title: "Kế hoạch".into(),
            full_text: String::new(),
            unit_plan_due_working_days: Some(15),
        },
        items: vec![],
        periods: vec![],
    };
    let plan_id = plan::insert_plan(&mut w, "test", &new).await.unwrap();
    for n in 0..tasks {
        let t = Task {
            id: 0,
            commune_id: commune,
            plan_id,
            item_id: None,
            position: n as i64,
            title: format!("Nhiệm vụ {n}"),
            description: String::new(),
            lead_unit_id: unit,
            coordinating_unit_ids: vec![unit],
            deliverable: "Báo cáo".into(),
            due: Due::Date(NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()),
            status: TaskStatus::NotStarted,
            progress: 0,
            public: true,
        };
        plan::insert_task(&mut w, "test", &t).await.unwrap();
    }
    w.commit().await.unwrap();
    commune
}

async fn problem(store: &Store) -> Option<String> {
    audit::verify(store)
        .await
        .unwrap()
        .problem
        .map(|p| p.reason)
}

async fn exec(store: &Store, sql: &str) {
    sqlx::query(sql).execute(&store.pool).await.unwrap();
}

#[tokio::test]
async fn intact_chain_verifies_and_prints_its_head() {
    for backend in backends() {
        let store = keyed(&fresh_url(&backend).await).await;
        let commune = seed(&store, 3).await;
        let found = audit::verify(&store).await.unwrap();
        assert!(found.problem.is_none(), "{backend}: {:?}", found.problem);
        assert!(found.keyed);
        let head = found
            .heads
            .iter()
            .find(|h| h.commune_id == commune)
            .unwrap();
        assert_eq!(head.entries as usize, found.checked, "{backend}");
        let anchor: Anchor = head.anchor().parse().unwrap();
        assert_eq!(&anchor, head);
        assert!(audit::verify_since(&store, &anchor)
            .await
            .unwrap()
            .is_none());
    }
}

#[tokio::test]
async fn cutting_the_end_or_the_whole_log_shows() {
    for backend in backends() {
        let url = fresh_url(&backend).await;
        let store = keyed(&url).await;
        let commune = seed(&store, 60).await;
        let anchor = audit::verify(&store).await.unwrap().heads[0].clone();
        exec(
            &store,
            "DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT 50)",
        )
        .await;
        let why = problem(&store).await.expect("cut shows");
        assert!(why.contains("bị cắt"), "{backend}: {why}");
        assert!(audit::verify_since(&store, &anchor)
            .await
            .unwrap()
            .is_some());

        exec(&store, "DELETE FROM audit_log").await;
        assert!(problem(&store).await.is_some(), "{backend}: whole log");
        exec(&store, "DELETE FROM audit_heads").await;
        let why = problem(&store).await.expect("log and head deleted");
        assert!(why.contains("bị xóa"), "{backend}: {why}");
        let _ = commune;
    }
}

/// An audit entry's stored fields, in hashing order (after the id).
type EntryRow = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    i64,
    String,
    String,
);

/// What someone with database access but no key would do: rewrite an entry and recompute
/// every later hash with the unkeyed formula (the only one they can compute).
async fn rewrite_without_key(store: &Store, victim: i64) {
    let rows: Vec<EntryRow> = sqlx::query_as(
        "SELECT id, commune_id, at, actor, action, entity, entity_id, before_json, after_json \
             FROM audit_log ORDER BY id",
    )
    .fetch_all(&store.pool)
    .await
    .unwrap();
    let mut prev = "0".repeat(64);
    for (id, commune, at, actor, action, entity, entity_id, before, after) in rows {
        let after = if id == victim {
            "{}".to_string()
        } else {
            after
        };
        let mut h = Sha256::new();
        for part in [
            prev.as_str(),
            &commune.to_string(),
            &at,
            &actor,
            &action,
            &entity,
            &entity_id.to_string(),
            &before,
            &after,
        ] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        let hash = hex::encode(h.finalize());
        sqlx::query(
            "UPDATE audit_log SET after_json = $1, prev_hash = $2, hash = $3, scheme = 'sha256' \
             WHERE id = $4",
        )
        .bind(&after)
        .bind(&prev)
        .bind(&hash)
        .bind(id)
        .execute(&store.pool)
        .await
        .unwrap();
        prev = hash;
    }
}

#[tokio::test]
async fn rewriting_and_recomputing_without_the_key_shows() {
    for backend in backends() {
        let store = keyed(&fresh_url(&backend).await).await;
        seed(&store, 5).await;
        let (victim,): (i64,) = sqlx::query_as("SELECT MIN(id) + 2 FROM audit_log")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        rewrite_without_key(&store, victim).await;
        assert!(problem(&store).await.is_some(), "{backend}");

        // Keeping the keyed label does not help either: the HMAC cannot be recomputed.
        exec(&store, "UPDATE audit_log SET scheme = 'hmac-sha256'").await;
        let found = audit::verify(&store).await.unwrap().problem.unwrap();
        assert!(
            found.reason.contains("bị sửa"),
            "{backend}: {}",
            found.reason
        );
    }
}

#[tokio::test]
async fn a_task_row_edited_outside_papi_shows() {
    for backend in backends() {
        let store = keyed(&fresh_url(&backend).await).await;
        seed(&store, 3).await;
        let (id,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM tasks")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        sqlx::query("UPDATE tasks SET progress = 100, status = 'done' WHERE id = $1")
            .bind(id)
            .execute(&store.pool)
            .await
            .unwrap();
        let found = audit::verify(&store)
            .await
            .unwrap()
            .problem
            .expect("edit shows");
        assert_eq!(found.id, id, "{backend}");
        assert!(found.reason.contains("niêm phong"), "{}", found.reason);
        // Clearing the seal does not hide it.
        exec(&store, "UPDATE tasks SET seal = NULL").await;
        assert!(problem(&store).await.is_some(), "{backend}");
    }
}

#[tokio::test]
async fn an_unkeyed_database_is_adopted_once_and_a_wrong_key_fails() {
    for backend in backends() {
        let url = fresh_url(&backend).await;
        let plain = Store::open(&url).await.unwrap();
        seed(&plain, 2).await;
        assert!(problem(&plain).await.is_none(), "{backend}");
        drop(plain);

        let store = keyed(&url).await;
        assert!(problem(&store).await.is_none(), "{backend}: adopted");
        seed_commune(&store, 2, "27401").await;
        assert!(problem(&store).await.is_none(), "{backend}: keyed writes");

        // Deleting the head and a seal, then restarting, does not launder an edit.
        exec(&store, "UPDATE tasks SET title = 'sửa lén', seal = NULL WHERE id = (SELECT MIN(id) FROM tasks)").await;
        exec(&store, "DELETE FROM audit_heads").await;
        drop(store);
        let store = keyed(&url).await;
        assert!(problem(&store).await.is_some(), "{backend}: laundered");

        let wrong = Store::open(&url)
            .await
            .unwrap()
            .with_audit_key(AuditKey::from_bytes([1; 32]))
            .await
            .unwrap();
        assert!(problem(&wrong).await.is_some(), "{backend}: wrong key");
    }
}

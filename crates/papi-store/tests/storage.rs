//! The same storage tests on every backend (SQLite and PostgreSQL).

use chrono::NaiveDate;
use papi_core::reporting::PlannedPeriod;
use papi_core::{
    Commune, CommuneKind, Dimension, Due, ItemKind, Plan, Role, Task, TaskStatus, Unit, User,
};
use papi_store::plan::{NewEvidence, NewPlan, NewUpdate, PostError};
use papi_store::testing::{backends, fresh_store};
use papi_store::{audit, org, plan, Store};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct Fixture {
    commune: i64,
    plan: i64,
    unit: i64,
    user: i64,
}

async fn seed(store: &Store) -> Fixture {
    let mut w = store.begin_write().await.unwrap();
    let commune = org::insert_commune(
        &mut w,
        &Commune {
            id: 0,
            gso_code: "12345".into(),
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
            name: "Văn phòng UBND xã".into(),
            short_name: "VP".into(),
        },
    )
    .await
    .unwrap();
    let user = org::insert_user(
        &mut w,
        "test",
        &User {
            id: 0,
            commune_id: commune,
            username: "canbo".into(),
            full_name: "Nguyễn Văn A".into(),
            email: String::new(),
            role: Role::Officer,
            unit_id: Some(unit),
            village_id: None,
            active: true,
        },
        "mat-khau-dai-du",
    )
    .await
    .unwrap();
    let new = NewPlan {
        plan: Plan {
            id: 0,
            commune_id: commune,
            number: "10/KH-UBND".into(),
            issued_on: d(2025, 1, 16),
            year: 2025,
            title: "Kế hoạch PAPI".into(),
            full_text: "…".into(),
            unit_plan_due_working_days: Some(15),
        },
        items: vec![(
            "1.1.a".into(),
            ItemKind::Content(Dimension::new(1).unwrap()),
            "Bầu cử".into(),
        )],
        periods: vec![PlannedPeriod {
            kind: papi_core::reporting::PeriodKind::HalfYear,
            from: d(2025, 1, 1),
            to: d(2025, 6, 30),
            due: d(2025, 7, 10),
        }],
    };
    let plan = plan::insert_plan(&mut w, "test", &new).await.unwrap();
    w.commit().await.unwrap();
    Fixture {
        commune,
        plan,
        unit,
        user,
    }
}

fn task(f: &Fixture, title: &str) -> Task {
    Task {
        id: 0,
        commune_id: f.commune,
        plan_id: f.plan,
        item_id: None,
        position: 1,
        title: title.into(),
        description: String::new(),
        lead_unit_id: f.unit,
        coordinating_unit_ids: vec![f.unit],
        deliverable: "Báo cáo".into(),
        due: Due::Date(d(2025, 6, 30)),
        status: TaskStatus::NotStarted,
        progress: 0,
        public: true,
    }
}

#[tokio::test]
async fn plan_tasks_updates_and_audit_on_every_backend() {
    for backend in backends() {
        let store = fresh_store(&backend).await;
        let f = seed(&store).await;
        assert_eq!(
            plan::items(&store, f.plan).await.unwrap().len(),
            1,
            "{backend}"
        );
        assert_eq!(
            papi_store::reporting::periods(&store, f.plan)
                .await
                .unwrap()[0]
                .unit_due,
            d(2025, 7, 10)
        );
        assert_eq!(
            plan::current_plan(&store, f.commune)
                .await
                .unwrap()
                .unwrap()
                .number,
            "10/KH-UBND"
        );

        let mut w = store.begin_write().await.unwrap();
        let id = plan::insert_task(&mut w, "test", &task(&f, "Công khai danh sách hộ nghèo"))
            .await
            .unwrap();
        w.commit().await.unwrap();
        let stored = plan::task(&store, id).await.unwrap();
        assert_eq!(stored.task.coordinating_unit_ids, vec![f.unit]);
        assert_eq!(stored.task.title, "Công khai danh sách hộ nghèo");

        let upd = |progress, text: &'static str| NewUpdate {
            task_id: id,
            author_id: f.user,
            author_name: "Nguyễn Văn A",
            text,
            progress,
            on: d(2025, 3, 2),
            created_at: None,
            evidence: vec![NewEvidence {
                original_name: "biên bản.pdf".into(),
                content_type: "application/pdf".into(),
                content: b"%PDF-1.4 test".to_vec(),
            }],
        };
        plan::post_update(&store, upd(40, "Đã niêm yết tại nhà văn hóa"))
            .await
            .unwrap();
        let after = plan::task(&store, id).await.unwrap();
        assert_eq!(after.task.status, TaskStatus::InProgress);
        assert_eq!(after.last_update_on, Some(d(2025, 3, 2)));
        assert!(matches!(
            plan::post_update(&store, upd(120, "x")).await,
            Err(PostError::Rule(_))
        ));
        plan::post_update(&store, upd(100, "Hoàn thành"))
            .await
            .unwrap();
        assert_eq!(
            plan::task(&store, id).await.unwrap().task.status,
            TaskStatus::Done
        );

        let history = plan::updates(&store, id).await.unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].update.progress, 100);
        let file = &history[1].evidence[0];
        let (commune, meta, content) = plan::evidence(&store, file.id).await.unwrap();
        assert_eq!(
            (commune, meta.original_name.as_str(), content.as_slice()),
            (f.commune, "biên bản.pdf", &b"%PDF-1.4 test"[..])
        );
        assert_eq!(plan::tasks(&store, f.plan).await.unwrap().len(), 1);

        let found = audit::verify(&store).await.unwrap();
        let (checked, broken) = (found.checked, found.problem);
        assert!(
            checked >= 5 && broken.is_none(),
            "{backend}: {checked} {broken:?}"
        );
        let log = audit::list(&store, f.commune, 100, 0).await.unwrap();
        let victim = log.iter().find(|e| e.action == "progress").unwrap().id;
        sqlx::query("UPDATE audit_log SET after_json = '{}' WHERE id = $1")
            .bind(victim)
            .execute(&store.pool)
            .await
            .unwrap();
        let broken = audit::verify(&store).await.unwrap().problem;
        assert_eq!(broken.unwrap().id, victim, "{backend}");
        assert!(store.integrity_check().await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn users_sessions_and_conflicts_on_every_backend() {
    for backend in backends() {
        let store = fresh_store(&backend).await;
        let f = seed(&store).await;
        assert!(org::authenticate(&store, "canbo", "mat-khau-dai-du")
            .await
            .unwrap()
            .is_some());
        assert!(org::authenticate(&store, "canbo", "sai")
            .await
            .unwrap()
            .is_none());
        assert!(org::authenticate(&store, "khongco", "x")
            .await
            .unwrap()
            .is_none());
        let token = papi_store::session::create(&store, f.user, f.commune)
            .await
            .unwrap();
        let s = papi_store::session::find(&store, &token)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(s.user_id, f.user);
        assert!(papi_store::session::find(&store, "forged")
            .await
            .unwrap()
            .is_none());

        let user = org::user(&store, f.user).await.unwrap();
        let mut w = store.begin_write().await.unwrap();
        org::set_password(&mut w, "admin", &user, "mat-khau-moi-dai")
            .await
            .unwrap();
        w.commit().await.unwrap();
        assert!(
            papi_store::session::find(&store, &token)
                .await
                .unwrap()
                .is_none(),
            "{backend}: sessions end on password change"
        );
        assert!(org::authenticate(&store, "canbo", "mat-khau-moi-dai")
            .await
            .unwrap()
            .is_some());

        let mut w = store.begin_write().await.unwrap();
        let dup = org::insert_unit(
            &mut w,
            "t",
            &Unit {
                id: 0,
                commune_id: f.commune,
                name: "Văn phòng UBND xã".into(),
                short_name: "VP".into(),
            },
        )
        .await;
        assert!(
            matches!(dup, Err(papi_store::StoreError::Conflict(_))),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn sub_plans_reports_and_the_commune_report_on_every_backend() {
    use papi_core::reporting::{Period, PeriodKind, UnitReport, UnitReportRow};
    use papi_core::review::ReviewStatus;
    use papi_core::unit_plan::{UnitPlan, UnitPlanRow};
    use papi_store::{reporting, unit_plan};
    for backend in backends() {
        let store = fresh_store(&backend).await;
        let f = seed(&store).await;
        let mut w = store.begin_write().await.unwrap();
        let task_id = plan::insert_task(&mut w, "t", &task(&f, "Niêm yết"))
            .await
            .unwrap();
        w.commit().await.unwrap();

        let up = UnitPlan {
            id: 0,
            commune_id: f.commune,
            plan_id: f.plan,
            unit_id: f.unit,
            number: "05/KH-VP".into(),
            issued_on: Some(d(2025, 2, 10)),
            status: ReviewStatus::Draft,
            first_submitted_on: None,
            comment: String::new(),
        };
        let rows = vec![UnitPlanRow {
            task_id,
            actions: "Niêm yết tại 6 thôn".into(),
            deliverable: "Biên bản".into(),
            due: Some(d(2025, 6, 30)),
            officer: "Nguyễn Văn A".into(),
        }];
        let mut w = store.begin_write().await.unwrap();
        unit_plan::save(&mut w, "t", &up, &rows).await.unwrap();
        w.commit().await.unwrap();
        let (stored, stored_rows) = unit_plan::get(&store, f.plan, f.unit)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (stored.number.as_str(), stored_rows),
            ("05/KH-VP", rows.clone()),
            "{backend}"
        );
        let mut w = store.begin_write().await.unwrap();
        papi_store::review::set_status(
            &mut w,
            "t",
            &stored.reviewed(),
            ReviewStatus::Submitted,
            "",
            d(2025, 2, 12),
        )
        .await
        .unwrap();
        w.commit().await.unwrap();
        let submitted = unit_plan::get(&store, f.plan, f.unit)
            .await
            .unwrap()
            .unwrap()
            .0;
        assert_eq!(
            (submitted.status, submitted.first_submitted_on),
            (ReviewStatus::Submitted, Some(d(2025, 2, 12)))
        );
        let mut w = store.begin_write().await.unwrap();
        let refused = unit_plan::save(&mut w, "t", &up, &rows).await;
        assert!(
            matches!(refused, Err(papi_store::StoreError::Conflict(_))),
            "{backend}: a submitted plan is frozen"
        );
        drop(w);
        let mut w = store.begin_write().await.unwrap();
        papi_store::review::set_status(
            &mut w,
            "t",
            &submitted.reviewed(),
            ReviewStatus::Returned,
            "Thiếu người phụ trách",
            d(2025, 2, 14),
        )
        .await
        .unwrap();
        w.commit().await.unwrap();
        let returned = unit_plan::get(&store, f.plan, f.unit)
            .await
            .unwrap()
            .unwrap()
            .0;
        assert_eq!(
            (returned.comment.as_str(), returned.first_submitted_on),
            ("Thiếu người phụ trách", Some(d(2025, 2, 12)))
        );
        assert_eq!(unit_plan::list(&store, f.plan).await.unwrap().len(), 1);

        let period = Period {
            id: 0,
            commune_id: f.commune,
            plan_id: f.plan,
            kind: PeriodKind::Quarter,
            from: d(2025, 1, 1),
            to: d(2025, 3, 31),
            unit_due: d(2025, 4, 10),
            commune_due: Some(d(2025, 4, 15)),
        };
        let mut w = store.begin_write().await.unwrap();
        let pid = reporting::insert_period(&mut w, "t", &period)
            .await
            .unwrap();
        w.commit().await.unwrap();
        let periods = reporting::periods(&store, f.plan).await.unwrap();
        assert_eq!(
            periods.len(),
            2,
            "{backend}: the half-year one from the plan and this one"
        );
        assert_eq!(
            reporting::period(&store, pid).await.unwrap().commune_due,
            Some(d(2025, 4, 15))
        );

        let report = UnitReport {
            id: 0,
            commune_id: f.commune,
            period_id: pid,
            unit_id: f.unit,
            status: ReviewStatus::Draft,
            first_submitted_on: None,
            comment: String::new(),
        };
        let rrows = vec![UnitReportRow {
            task_id,
            done: "Đã niêm yết".into(),
            status: TaskStatus::InProgress,
            progress: 60,
            figures: "6 điểm niêm yết".into(),
        }];
        let mut w = store.begin_write().await.unwrap();
        papi_store::unit_report::save(&mut w, "t", &report, &rrows)
            .await
            .unwrap();
        w.commit().await.unwrap();
        let (r, rows_back) = papi_store::unit_report::get(&store, pid, f.unit)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(rows_back, rrows);
        let mut w = store.begin_write().await.unwrap();
        papi_store::review::set_status(
            &mut w,
            "t",
            &r.reviewed(),
            ReviewStatus::Submitted,
            "",
            d(2025, 4, 14),
        )
        .await
        .unwrap();
        w.commit().await.unwrap();
        assert_eq!(
            papi_store::unit_report::list(&store, pid).await.unwrap()[0].first_submitted_on,
            Some(d(2025, 4, 14))
        );

        let mut cr = reporting::CommuneReport {
            period_id: pid,
            number: "15/BC-UBND".into(),
            highlights: "Hoàn thành đúng hạn".into(),
            ..Default::default()
        };
        let mut w = store.begin_write().await.unwrap();
        reporting::save_commune_report(&mut w, "t", f.commune, &cr)
            .await
            .unwrap();
        cr.approved = true;
        cr.approved_by = "Chủ tịch".into();
        reporting::save_commune_report(&mut w, "t", f.commune, &cr)
            .await
            .unwrap();
        w.commit().await.unwrap();
        let stored = reporting::commune_report(&store, pid)
            .await
            .unwrap()
            .unwrap();
        // The approval froze the log's head on the report, including its own entry.
        let anchor: audit::Anchor = stored.audit_anchor.parse().unwrap();
        assert_eq!(anchor.commune_id, f.commune);
        assert!(audit::verify_since(&store, &anchor)
            .await
            .unwrap()
            .is_none());
        assert_eq!(
            stored,
            reporting::CommuneReport {
                audit_anchor: stored.audit_anchor.clone(),
                ..cr.clone()
            }
        );
        let mut w = store.begin_write().await.unwrap();
        assert!(
            reporting::save_commune_report(&mut w, "t", f.commune, &cr)
                .await
                .is_err(),
            "{backend}: approved is frozen"
        );
        drop(w);
        assert!(audit::verify(&store).await.unwrap().problem.is_none());
    }
}

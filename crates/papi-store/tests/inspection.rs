//! Inspections on every backend: a check is stored with its own copy of the checklist, its
//! verdicts and an evidence file; findings keep their owner unit's name, remediation and
//! closure; a failed re-check moves the deadline in the same write; a rolled-back write leaves
//! nothing; another commune sees nothing; every write is in the audit log.

use chrono::NaiveDate;
use papi_core::inspection::{
    ChecklistKind, Finding, Inspection, Mode, Recheck, RemediationDays, Target, Verdict,
};
use papi_core::{Commune, CommuneKind, Unit};
use papi_store::inspection::{self, checklist, finding};
use papi_store::testing::{backends, fresh_store};
use papi_store::{audit, org};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn check(cid: i64, unit: i64) -> Inspection {
    Inspection {
        id: 0,
        commune_id: cid,
        year: 2025,
        title: "Kiểm tra đột xuất Bộ phận Một cửa".into(),
        mode: Mode::Unannounced,
        checklist: ChecklistKind::OneStopDesk,
        target: Target::Unit(unit),
        target_name: "Bộ phận Một cửa".into(),
        planned_on: day(2025, 6, 10),
        held_on: None,
        inspector: String::new(),
        conclusion: String::new(),
        concluded_on: None,
        disclosure_id: None,
    }
}

#[tokio::test]
async fn checks_findings_and_rechecks_round_trip() {
    for backend in backends() {
        let store = fresh_store(&backend).await;
        let mut w = store.begin_write().await.unwrap();
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
        let unit = org::insert_unit(
            &mut w,
            "t",
            &Unit {
                id: 0,
                commune_id: cid,
                name: "Bộ phận Một cửa".into(),
                short_name: "Một cửa".into(),
            },
        )
        .await
        .unwrap();
        w.commit().await.unwrap();

        // Rolled back: nothing stays.
        let mut w = store.begin_write().await.unwrap();
        inspection::insert(&mut w, "t", &check(cid, unit))
            .await
            .unwrap();
        drop(w);
        assert!(inspection::list(&store, cid, None)
            .await
            .unwrap()
            .is_empty());

        let mut w = store.begin_write().await.unwrap();
        let id = inspection::insert(&mut w, "t", &check(cid, unit))
            .await
            .unwrap();
        w.commit().await.unwrap();
        let got = inspection::get(&store, cid, id).await.unwrap();
        assert_eq!(
            got,
            Inspection {
                id,
                ..check(cid, unit)
            },
            "{backend}"
        );
        assert!(inspection::get(&store, cid + 1, id).await.is_err());
        assert_eq!(
            inspection::list(&store, cid, Some(2024))
                .await
                .unwrap()
                .len(),
            0
        );
        assert_eq!(
            inspection::list(&store, cid, Some(2025))
                .await
                .unwrap()
                .len(),
            1
        );

        // The checklist is a copy of the template; verdicts, notes and a file are saved.
        let mut crit = checklist::list(&store, cid, id).await.unwrap();
        assert_eq!(crit.len(), ChecklistKind::OneStopDesk.template().len());
        crit[1].verdict = Verdict::NotMet;
        crit[1].note = "2 hồ sơ thiếu phiếu".into();
        let file = checklist::File {
            name: "phieu.pdf".into(),
            content_type: "application/pdf".into(),
            content: b"%PDF-1.4 phieu".to_vec(),
        };
        let mut w = store.begin_write().await.unwrap();
        checklist::save(&mut w, "t", cid, id, &crit, &[(crit[1].id, file)])
            .await
            .unwrap();
        w.commit().await.unwrap();
        let after = checklist::list(&store, cid, id).await.unwrap();
        assert_eq!(after[1].verdict, Verdict::NotMet);
        assert_eq!(after[1].file_name.as_deref(), Some("phieu.pdf"));
        let (iid, name, kind, bytes) = checklist::file(&store, cid, crit[1].id).await.unwrap();
        assert_eq!(
            (iid, name.as_str(), kind.as_str()),
            (id, "phieu.pdf", "application/pdf")
        );
        assert_eq!(bytes, b"%PDF-1.4 phieu");
        assert!(checklist::file(&store, cid, crit[0].id).await.is_err());

        // The check is recorded and concluded.
        let mut held = got.clone();
        held.held_on = Some(day(2025, 6, 10));
        held.inspector = "Nguyễn Thị Lan".into();
        held.concluded_on = Some(day(2025, 6, 12));
        held.conclusion = "Đạt một phần".into();
        let mut w = store.begin_write().await.unwrap();
        inspection::update(&mut w, "t", "conclude_inspection", &got, &held)
            .await
            .unwrap();
        w.commit().await.unwrap();
        assert_eq!(inspection::get(&store, cid, id).await.unwrap(), held);

        // A finding, its remediation, a failed re-check that moves the deadline.
        let f = Finding {
            id: 0,
            commune_id: cid,
            inspection_id: id,
            text: "Thiếu phiếu xin lỗi".into(),
            owner_unit_id: unit,
            owner_name: String::new(),
            found_on: day(2025, 6, 10),
            due: day(2025, 6, 24),
            first_due: day(2025, 6, 24),
            remediated_on: None,
            remediation: String::new(),
            closed_on: None,
        };
        let mut w = store.begin_write().await.unwrap();
        let fid = finding::insert(&mut w, "t", &f).await.unwrap();
        w.commit().await.unwrap();
        let stored = finding::get(&store, cid, fid).await.unwrap();
        assert_eq!(stored.owner_name, "Bộ phận Một cửa", "{backend}");
        let mut reported = stored.clone();
        reported.remediated_on = Some(day(2025, 6, 20));
        reported.remediation = "Đã gửi phiếu".into();
        let mut w = store.begin_write().await.unwrap();
        finding::update(&mut w, "t", "report_remediation", &stored, &reported)
            .await
            .unwrap();
        let r = Recheck {
            id: 0,
            finding_id: fid,
            on: day(2025, 6, 25),
            by: "Nguyễn Thị Lan".into(),
            passed: false,
            note: "Chưa đủ".into(),
            new_due: Some(day(2025, 7, 10)),
        };
        let rid = finding::insert_recheck(&mut w, "t", &reported, &r)
            .await
            .unwrap();
        w.commit().await.unwrap();
        let now = finding::get(&store, cid, fid).await.unwrap();
        assert_eq!(now.due, day(2025, 7, 10), "{backend}");
        assert_eq!(now.first_due, day(2025, 6, 24));
        assert_eq!(now.remediated_on, Some(day(2025, 6, 20)));
        assert_eq!(
            finding::rechecks(&store, cid, Some(fid)).await.unwrap(),
            vec![Recheck { id: rid, ..r }]
        );
        assert_eq!(finding::list(&store, cid, Some(id)).await.unwrap().len(), 1);
        assert!(finding::list(&store, cid + 1, None)
            .await
            .unwrap()
            .is_empty());

        // The default remediation time is per commune.
        assert_eq!(
            inspection::remediation_days(&store, cid).await.unwrap(),
            RemediationDays::default()
        );
        let mut w = store.begin_write().await.unwrap();
        inspection::set_remediation_days(&mut w, "t", cid, RemediationDays(20))
            .await
            .unwrap();
        inspection::set_remediation_days(&mut w, "t", cid, RemediationDays(25))
            .await
            .unwrap();
        w.commit().await.unwrap();
        assert_eq!(
            inspection::remediation_days(&store, cid).await.unwrap(),
            RemediationDays(25)
        );

        let log = audit::list(&store, cid, 50, 0).await.unwrap();
        for action in [
            "plan_inspection",
            "save_checklist",
            "conclude_inspection",
            "record_finding",
            "report_remediation",
            "recheck_finding",
            "set_remediation_days",
        ] {
            assert!(
                log.iter().any(|e| e.action == action),
                "{backend}: {action}"
            );
        }
    }
}

//! Residents' decisions, contributions ledgers and consultations on every backend: a decision
//! is kept with its tallies (village names read back), its follow-up dates change alone; a
//! ledger keeps its lines in date order per ledger; a consultation keeps its channels, draft
//! and comments; every write leaves an audit entry; nothing crosses communes.

use chrono::NaiveDate;
use papi_core::participation::consultation::{Channel, Comment, Consultation, Stance, Topic};
use papi_core::participation::decision::{Decision, Form, Proposer, Subject, Tally};
use papi_core::participation::ledger::{AccountKind, Entry, EntryKind, Ledger};
use papi_store::participation::{consultation, decision, ledger};
use papi_store::testing::{backends, fresh_store};
use papi_store::{audit, org};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap()
}

fn tally(village_id: i64, village: &str, yes: i64) -> Tally {
    Tally {
        village_id,
        village: village.into(),
        total_households: 100,
        present: 90,
        votes_for: yes,
        votes_against: 90 - yes,
        abstain: 0,
        online_agreed: 0,
    }
}

fn decision_of(cid: i64, tallies: Vec<Tally>) -> Decision {
    Decision {
        id: 0,
        commune_id: cid,
        title: "Đèn chiếu sáng liên thôn".into(),
        subject: Subject::Contribution,
        village_id: None,
        proposer: Proposer::Chairman,
        agreed_with_front: true,
        initiative_households: 0,
        initiative_consent_on: None,
        form: Form::Ballot,
        quorum_failed: false,
        held_on: day(9, 26),
        notice_on: Some(day(9, 22)),
        documents_on: None,
        passed: true,
        result: "2/2 thôn đạt".into(),
        sent_on: None,
        recognised_on: None,
        tallies,
    }
}

#[tokio::test]
async fn decisions_ledgers_and_consultations_round_trip() {
    for backend in backends() {
        let store = fresh_store(&backend).await;
        let mut w = store.begin_write().await.unwrap();
        let commune = papi_core::Commune {
            id: 0,
            gso_code: "99998".into(),
            name: "Thử".into(),
            kind: papi_core::CommuneKind::Xa,
            province: "Hưng Yên".into(),
            due_soon: Default::default(),
        };
        let cid = org::insert_commune(&mut w, &commune).await.unwrap();
        let dong = org::insert_village(&mut w, cid, "Thôn Đông").await.unwrap();
        let tay = org::insert_village(&mut w, cid, "Thôn Tây").await.unwrap();
        w.commit().await.unwrap();

        // A decision and its tallies.
        let d = decision_of(
            cid,
            vec![tally(dong, "Thôn Đông", 80), tally(tay, "Thôn Tây", 70)],
        );
        let mut w = store.begin_write().await.unwrap();
        let id = decision::insert(&mut w, "t", &d).await.unwrap();
        w.commit().await.unwrap();
        let got = decision::get(&store, cid, id).await.unwrap();
        assert_eq!(got, Decision { id, ..d.clone() }, "{backend}");
        assert_eq!(
            decision::list(&store, cid).await.unwrap(),
            vec![got.clone()]
        );
        assert!(decision::list(&store, cid + 1).await.unwrap().is_empty());
        assert!(decision::get(&store, cid + 1, id).await.is_err());

        let mut w = store.begin_write().await.unwrap();
        decision::set_dates(&mut w, "t", &got, Some(day(10, 1)), None)
            .await
            .unwrap();
        w.commit().await.unwrap();
        let sent = decision::get(&store, cid, id).await.unwrap();
        assert_eq!(sent.sent_on, Some(day(10, 1)));
        assert_eq!(sent.tallies.len(), 2);

        // Its ledger, with lines in date order.
        let l = Ledger {
            id: 0,
            commune_id: cid,
            decision_id: id,
            village_id: None,
            project: "Đèn liên thôn".into(),
            level_per_household: 200_000,
            account_kind: AccountKind::CommuneDeposit,
            account: "Kho bạc".into(),
            opened_on: day(9, 26),
            disclosure_id: None,
            published_on: None,
        };
        let mut w = store.begin_write().await.unwrap();
        let lid = ledger::insert(&mut w, "t", &l).await.unwrap();
        for (on, kind, amount) in [
            (day(10, 5), EntryKind::Spent, 500_000),
            (day(10, 1), EntryKind::Collected, 2_000_000),
        ] {
            let e = Entry {
                id: 0,
                ledger_id: lid,
                on,
                kind,
                amount,
                who: "Hộ A".into(),
                purpose: "Đèn".into(),
            };
            ledger::add_entry(&mut w, "t", cid, &e).await.unwrap();
        }
        w.commit().await.unwrap();
        let lines = ledger::entries(&store, cid, Some(lid)).await.unwrap();
        assert_eq!(lines.len(), 2, "{backend}");
        assert_eq!(lines[0].kind, EntryKind::Collected);
        assert_eq!(
            papi_core::participation::ledger::totals(&lines).balance,
            1_500_000
        );
        assert_eq!(ledger::entries(&store, cid, None).await.unwrap().len(), 2);
        assert!(ledger::entries(&store, cid, Some(lid + 1))
            .await
            .unwrap()
            .is_empty());
        let mut w = store.begin_write().await.unwrap();
        let stored = ledger::get(&store, cid, lid).await.unwrap();
        ledger::set_published(&mut w, "t", &stored, day(10, 15), None)
            .await
            .unwrap();
        w.commit().await.unwrap();
        assert_eq!(
            ledger::list(&store, cid).await.unwrap()[0].published_on,
            Some(day(10, 15))
        );

        // A consultation with its draft and comments.
        let c = Consultation {
            id: 0,
            commune_id: cid,
            title: "Dự thảo quy hoạch".into(),
            topic: Topic::ConstructionPlan,
            village_id: Some(dong),
            channels: vec![Channel::Meeting, Channel::Portal],
            published_on: day(10, 6),
            closes_on: day(10, 27),
            draft_name: String::new(),
            summary: String::new(),
            decision: String::new(),
            adopted: None,
            explanation: String::new(),
            closed_on: None,
        };
        let mut w = store.begin_write().await.unwrap();
        let kid = consultation::save(&mut w, "t", &c).await.unwrap();
        let c = Consultation { id: kid, ..c };
        consultation::save_draft(
            &mut w,
            "t",
            &c,
            "du-thao.pdf",
            "application/pdf",
            b"%PDF-1.4",
        )
        .await
        .unwrap();
        consultation::add_comment(
            &mut w,
            "t",
            cid,
            &Comment {
                id: 0,
                consultation_id: kid,
                on: day(10, 10),
                who: "Ông A".into(),
                village_id: Some(dong),
                text: "Đồng ý".into(),
                stance: Stance::For,
            },
        )
        .await
        .unwrap();
        w.commit().await.unwrap();
        let got = consultation::get(&store, cid, kid).await.unwrap();
        assert_eq!(
            got.channels,
            vec![Channel::Meeting, Channel::Portal],
            "{backend}"
        );
        assert_eq!(got.draft_name, "du-thao.pdf");
        let (name, ct, bytes) = consultation::draft(&store, cid, kid).await.unwrap();
        assert_eq!(
            (name.as_str(), ct.as_str(), bytes.as_slice()),
            ("du-thao.pdf", "application/pdf", &b"%PDF-1.4"[..])
        );
        let closed = Consultation {
            summary: "1 ý kiến".into(),
            decision: "Thông qua".into(),
            adopted: Some(true),
            closed_on: Some(day(10, 28)),
            ..got
        };
        let mut w = store.begin_write().await.unwrap();
        consultation::save(&mut w, "t", &closed).await.unwrap();
        w.commit().await.unwrap();
        assert_eq!(
            consultation::get(&store, cid, kid).await.unwrap(),
            closed,
            "{backend}"
        );
        assert_eq!(
            consultation::comments(&store, cid, kid)
                .await
                .unwrap()
                .len(),
            1
        );
        assert!(consultation::list(&store, cid + 1)
            .await
            .unwrap()
            .is_empty());

        let log = audit::list(&store, cid, 50, 0).await.unwrap();
        for entity in [
            "participation_decision",
            "participation_ledger",
            "participation_ledger_entry",
            "participation_consultation",
            "participation_comment",
        ] {
            assert!(
                log.iter().any(|e| e.entity == entity),
                "{backend}: no audit of {entity}"
            );
        }
    }
}

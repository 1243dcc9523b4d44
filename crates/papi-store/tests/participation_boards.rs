//! Boards, conferences and the outreach log on every backend: what is written reads back the
//! same, stays in its commune, is audited, and the evidence file comes back whole.

use chrono::NaiveDate;
use papi_core::outreach::{Channel, Entry, Topic};
use papi_core::participation::board::{
    Board, BoardKind, BoardPlan, Check, ForwardedResult, Group, Member, PlanPeriod, Position,
    Recommendation,
};
use papi_core::participation::conference::{Conference, ConferenceKind, RaisedItem};
use papi_store::outreach::EvidenceFile;
use papi_store::participation::{board, conference};
use papi_store::testing::{backends, fresh_store};
use papi_store::{audit, outreach};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, day).unwrap()
}

fn bgs(cid: i64) -> Board {
    Board {
        id: 0,
        commune_id: cid,
        kind: BoardKind::Investment,
        name: "Ban giám sát đường thôn".into(),
        project: "Đường thôn Đông".into(),
        ledger_project_id: Some(42),
        established_on: d(3, 1),
        term_end: None,
        recognised_by: "QĐ 01".into(),
        dissolved_on: None,
    }
}

#[tokio::test]
async fn boards_and_their_papers_round_trip_per_commune() {
    for backend in backends() {
        let store = fresh_store(&backend).await;
        let cid = 1;
        let mut w = store.begin_write().await.unwrap();
        let id = board::insert(&mut w, "t", &bgs(cid)).await.unwrap();
        let member = Member {
            id: 0,
            board_id: id,
            name: "Đỗ Văn Hải".into(),
            village_id: Some(3),
            position: Position::Deputy,
            group: Group::Front,
            joined_on: d(3, 2),
        };
        let mid = board::add_member(&mut w, "t", cid, &member).await.unwrap();
        let plan = BoardPlan {
            id: 0,
            board_id: id,
            period: PlanPeriod::Project,
            title: "Kế hoạch giám sát".into(),
            from: d(3, 1),
            to: d(12, 31),
        };
        let pid = board::add_plan(&mut w, "t", cid, &plan).await.unwrap();
        let check = Check {
            id: 0,
            board_id: id,
            target: "Vật liệu".into(),
            check_on: d(6, 1),
            notice_sent_on: Some(d(4, 10)),
            recipients: "Chủ đầu tư".into(),
        };
        let kid = board::add_check(&mut w, "t", cid, &check).await.unwrap();
        let rec = Recommendation {
            id: 0,
            board_id: id,
            received_on: d(6, 5),
            content: "Đề nghị thay vật liệu.".into(),
            answer: String::new(),
            answered_on: None,
        };
        let rid = board::add_recommendation(&mut w, "t", cid, &rec)
            .await
            .unwrap();
        let result = ForwardedResult {
            id: 0,
            board_id: id,
            matter_code: "PA-2025-ABCDEFGH".into(),
            matter_title: "Phản ánh: đường".into(),
            sent_on: d(6, 7),
        };
        let fid = board::add_result(&mut w, "t", cid, &result).await.unwrap();
        w.commit().await.unwrap();

        let got = board::get(&store, cid, id).await.unwrap();
        assert_eq!(got, Board { id, ..bgs(cid) }, "{backend}");
        assert!(board::get(&store, cid + 1, id).await.is_err(), "{backend}");
        assert_eq!(
            board::for_ledger_project(&store, cid, 42)
                .await
                .unwrap()
                .len(),
            1
        );
        assert!(board::for_ledger_project(&store, cid + 1, 42)
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            board::members(&store, cid, id).await.unwrap(),
            vec![Member { id: mid, ..member }]
        );
        assert_eq!(
            board::plans(&store, cid, id).await.unwrap(),
            vec![BoardPlan { id: pid, ..plan }]
        );
        assert_eq!(
            board::checks(&store, cid, None).await.unwrap(),
            vec![Check { id: kid, ..check }]
        );
        assert_eq!(
            board::results(&store, cid, id).await.unwrap(),
            vec![ForwardedResult { id: fid, ..result }]
        );
        assert!(board::recommendations(&store, cid + 1, None)
            .await
            .unwrap()
            .is_empty());

        let r = board::recommendation(&store, cid, rid).await.unwrap();
        assert_eq!(r.answered_on, None);
        let mut w = store.begin_write().await.unwrap();
        board::answer(&mut w, "t", cid, &r, "Đã thay.", d(6, 15))
            .await
            .unwrap();
        board::dissolve(&mut w, "t", &got, d(12, 1)).await.unwrap();
        w.commit().await.unwrap();
        let r = board::recommendation(&store, cid, rid).await.unwrap();
        assert_eq!(
            (r.answer.as_str(), r.answered_on),
            ("Đã thay.", Some(d(6, 15)))
        );
        assert_eq!(
            board::get(&store, cid, id).await.unwrap().dissolved_on,
            Some(d(12, 1))
        );

        let log = audit::list(&store, cid, 50, 0).await.unwrap();
        for action in [
            "create_board",
            "add_board_member",
            "add_board_plan",
            "add_board_check",
            "receive_board_recommendation",
            "answer_board_recommendation",
            "send_result_to_board",
            "dissolve_board",
        ] {
            assert!(
                log.iter().any(|e| e.action == action),
                "{backend}: {action}"
            );
        }
    }
}

#[tokio::test]
async fn conferences_and_raised_items_round_trip() {
    for backend in backends() {
        let store = fresh_store(&backend).await;
        let cid = 1;
        let c = Conference {
            id: 0,
            commune_id: cid,
            kind: ConferenceKind::Village,
            village_id: Some(2),
            held_on: d(12, 10),
            noticed_on: Some(d(12, 1)),
            title: "Hội nghị Thôn Tây".into(),
            agenda: "Báo cáo".into(),
            minutes: "Biên bản".into(),
            attendance: Some(90),
            head_report: true,
            front_report: false,
            board_report: true,
            sent_ubnd_on: Some(d(12, 12)),
            sent_mttq_on: None,
        };
        let mut w = store.begin_write().await.unwrap();
        let id = conference::insert(&mut w, "t", &c).await.unwrap();
        let item = RaisedItem {
            id: 0,
            conference_id: id,
            text: "Đèn đường hỏng".into(),
            matter_code: "PA-2025-XYZ".into(),
        };
        let iid = conference::add_item(&mut w, "t", cid, &item).await.unwrap();
        w.commit().await.unwrap();
        assert_eq!(
            conference::get(&store, cid, id).await.unwrap(),
            Conference { id, ..c.clone() },
            "{backend}"
        );
        assert_eq!(conference::list(&store, cid).await.unwrap().len(), 1);
        assert!(conference::list(&store, cid + 1).await.unwrap().is_empty());
        assert_eq!(
            conference::items(&store, cid, id).await.unwrap(),
            vec![RaisedItem { id: iid, ..item }]
        );
    }
}

#[tokio::test]
async fn outreach_entries_filter_by_year_and_keep_their_evidence() {
    for backend in backends() {
        let store = fresh_store(&backend).await;
        let cid = 1;
        let e = Entry {
            id: 0,
            commune_id: cid,
            channel: Channel::Loudspeaker,
            topic: Topic::Other("Phòng cháy".into()),
            title: "Phát thanh".into(),
            village_ids: vec![1, 2],
            dates: vec![d(5, 2), d(5, 1)],
            reach: Some(300),
            by: "Văn phòng".into(),
            disclosure_id: Some(9),
            evidence_name: "anh.png".into(),
        };
        let file = EvidenceFile {
            name: "anh.png".into(),
            content_type: "image/png".into(),
            bytes: b"\x89PNG\r\n\x1a\n\x00\x01\x02".to_vec(),
        };
        let mut w = store.begin_write().await.unwrap();
        let id = outreach::insert(&mut w, "t", &e, Some(&file))
            .await
            .unwrap();
        let mut old = e.clone();
        old.dates = vec![NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()];
        old.disclosure_id = None;
        outreach::insert(&mut w, "t", &old, None).await.unwrap();
        w.commit().await.unwrap();
        let this_year = outreach::list(&store, cid, Some(2025)).await.unwrap();
        assert_eq!(this_year.len(), 1, "{backend}");
        assert_eq!(
            this_year[0],
            Entry {
                id,
                dates: vec![d(5, 1), d(5, 2)],
                ..e.clone()
            }
        );
        assert_eq!(outreach::list(&store, cid, None).await.unwrap().len(), 2);
        assert!(outreach::list(&store, cid + 1, None)
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            outreach::for_disclosure(&store, cid, 9)
                .await
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            outreach::evidence(&store, cid, id).await.unwrap(),
            file,
            "{backend}"
        );
        assert!(outreach::evidence(&store, cid + 1, id).await.is_err());
        let log = audit::list(&store, cid, 10, 0).await.unwrap();
        assert_eq!(log.iter().filter(|e| e.action == "log_outreach").count(), 2);
    }
}

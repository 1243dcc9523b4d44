//! Dialogues on every backend: a dialogue is stored with its participants' attendance and read
//! back per matter; a rolled-back one leaves nothing; the audit entry names the matter and the
//! date, never a participant.

use chrono::NaiveDate;
use papi_core::voice::dialogue::{Attendance, Attendee, Dialogue};
use papi_store::testing::{backends, fresh_store};
use papi_store::{audit, voice};

fn dialogue(matter_id: i64) -> Dialogue {
    Dialogue {
        id: 0,
        matter_id,
        held_on: NaiveDate::from_ymd_opt(2026, 10, 15).unwrap(),
        starts_at: "08 giờ 30 phút".into(),
        place: "Trụ sở UBND xã".into(),
        chair: "Nguyễn Văn An, Chủ tịch UBND xã".into(),
        invited_on: Some(NaiveDate::from_ymd_opt(2026, 10, 8).unwrap()),
        participants: vec![
            Attendee {
                name: "Phạm Thị Lan".into(),
                role: "Người khiếu nại".into(),
                attendance: Attendance::AbsentUnexcused,
            },
            Attendee {
                name: "Lê Văn Hùng".into(),
                role: "Đại diện MTTQ xã".into(),
                attendance: Attendance::AbsentExcused("đi công tác".into()),
            },
        ],
        content: "Khiếu nại về việc thu hồi đất.".into(),
        opinions: "Người bị khiếu nại giữ nguyên ý kiến.".into(),
        result: "Không thống nhất.".into(),
        copies: 3,
    }
}

#[tokio::test]
async fn dialogues_are_kept_per_matter_and_audited_without_names() {
    for backend in backends() {
        let store = fresh_store(&backend).await;
        let cid = 1;

        let mut w = store.begin_write().await.unwrap();
        voice::dialogue::save(&mut w, "t", cid, &dialogue(7))
            .await
            .unwrap();
        drop(w);
        assert!(voice::dialogue::list(&store, cid, 7)
            .await
            .unwrap()
            .is_empty());

        let mut w = store.begin_write().await.unwrap();
        let id = voice::dialogue::save(&mut w, "t", cid, &dialogue(7))
            .await
            .unwrap();
        voice::dialogue::save(&mut w, "t", cid, &dialogue(8))
            .await
            .unwrap();
        w.commit().await.unwrap();

        let got = voice::dialogue::list(&store, cid, 7).await.unwrap();
        assert_eq!(got, vec![Dialogue { id, ..dialogue(7) }], "{backend}");
        assert!(voice::dialogue::list(&store, cid + 1, 7)
            .await
            .unwrap()
            .is_empty());

        let log = audit::list(&store, cid, 10, 0).await.unwrap();
        let mine: Vec<_> = log
            .iter()
            .filter(|e| e.action == "record_dialogue")
            .collect();
        assert_eq!(mine.len(), 2, "{backend}");
        let e = mine.iter().find(|e| e.entity_id == 7).unwrap();
        assert_eq!(e.entity, "matter");
        assert!(e.after_json.contains("2026-10-15"), "{}", e.after_json);
        for name in [
            "Phạm Thị Lan",
            "Lê Văn Hùng",
            "Nguyễn Văn An",
            "thu hồi đất",
        ] {
            assert!(!e.after_json.contains(name), "{backend}: {}", e.after_json);
        }
    }
}

//! Residents' matters in storage, on every backend: a matter and its steps read back as
//! written; the denouncer's identity is stored only as ciphertext, opens with the seal key and
//! logs the opening, and a store with another key (or none) cannot open it.

use chrono::NaiveDate;
use papi_core::voice::{Channel, Matter, MatterKind, MatterStep, Requester, Stage, StepKind};
use papi_core::{Commune, CommuneKind};
use papi_store::testing::{backends, fresh_url};
use papi_store::voice::seal::{Identity, SealKey, SealedFile};
use papi_store::{Store, StoreError};
use sqlx::Row;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn denunciation(commune_id: i64) -> Matter {
    Matter {
        id: 0,
        commune_id,
        code: "TC-2026-ABCDEFGH".into(),
        kind: MatterKind::Denunciation,
        channel: Channel::Letter,
        round: 1,
        received_on: d(2026, 7, 6),
        title: "Tố cáo cán bộ thu tiền sai quy định".into(),
        content: "[đã che thông tin người tố cáo] tố cáo việc thu tiền.".into(),
        village_id: None,
        place: String::new(),
        dimension: None,
        portal_code: String::new(),
        referrer: String::new(),
        stage: Stage::Received,
        flags: Default::default(),
        unit_id: None,
        handler_id: Some(7),
        entered_by: Some(7),
        parent_id: None,
        duplicate_of: None,
        requester: Requester::default(),
        publish_consent: false,
        answer: String::new(),
        rating: None,
        accused_user_ids: vec![9],
        respondent: "Công chức địa chính".into(),
        against_leadership: false,
        signs_of_crime: false,
    }
}

fn identity() -> Identity {
    Identity {
        name: "Nguyễn Văn Mật".into(),
        address: "Thôn Kín".into(),
        id_number: "001234567890".into(),
        phone: "0987654321".into(),
        email: String::new(),
        original_text: "Tôi là Nguyễn Văn Mật ở Thôn Kín.".into(),
    }
}

async fn commune(store: &Store) -> i64 {
    let mut w = store.begin_write().await.unwrap();
    let c = Commune {
        id: 0,
        gso_code: "99998".into(),
        name: "Kín Đáo".into(),
        kind: CommuneKind::Xa,
        province: "Hưng Yên".into(),
        due_soon: Default::default(),
    };
    let id = papi_store::org::insert_commune(&mut w, &c).await.unwrap();
    w.commit().await.unwrap();
    id
}

#[tokio::test]
async fn a_matter_and_its_sealed_identity_round_trip() {
    for backend in backends() {
        let url = fresh_url(&backend).await;
        let key = [7u8; 32];
        let store = Store::open(&url)
            .await
            .unwrap()
            .with_seal_key(SealKey::from_bytes(key));
        let cid = commune(&store).await;
        let m = denunciation(cid);
        let mut w = store.begin_write().await.unwrap();
        let id = papi_store::voice::insert(&mut w, "vanphong", &m)
            .await
            .unwrap();
        papi_store::voice::seal::put_identity(&mut w, cid, id, &identity())
            .await
            .unwrap();
        let scan = SealedFile {
            name: "don.pdf".into(),
            content_type: "application/pdf".into(),
            bytes: b"%PDF Nguyen Van Mat".to_vec(),
        };
        papi_store::voice::seal::put_file(&mut w, cid, id, &scan)
            .await
            .unwrap();
        w.commit().await.unwrap();

        let back = papi_store::voice::get(&store, cid, id).await.unwrap();
        assert_eq!(back.code, m.code, "{backend}");
        assert_eq!(back.accused_user_ids, vec![9], "{backend}");
        assert_eq!(back.kind, MatterKind::Denunciation);

        // A step and the matter after it.
        let mut after = back.clone();
        after.stage = Stage::Accepted;
        let step = MatterStep {
            kind: StepKind::Accept,
            on: d(2026, 7, 8),
            by_user: Some(7),
            text: String::new(),
            from: Stage::Received,
            to: Stage::Accepted,
        };
        let mut w = store.begin_write().await.unwrap();
        papi_store::voice::record_step(&mut w, "vanphong", &back, &after, &step)
            .await
            .unwrap();
        w.commit().await.unwrap();
        assert_eq!(
            papi_store::voice::steps(&store, cid, id).await.unwrap(),
            vec![step],
            "{backend}"
        );

        // Only ciphertext in the table.
        let row = sqlx::query("SELECT ciphertext FROM sealed_identities WHERE matter_id = $1")
            .bind(id)
            .fetch_one(&store.pool)
            .await
            .unwrap();
        let ct: Vec<u8> = row.try_get("ciphertext").unwrap();
        let text = String::from_utf8_lossy(&ct);
        assert!(
            !text.contains("Mật") && !text.contains("001234567890"),
            "{backend}"
        );

        // Opening logs who and why.
        let mut w = store.begin_write().await.unwrap();
        let (opened, files) = papi_store::voice::seal::open(&mut w, cid, id, 7, "Gửi thông báo")
            .await
            .unwrap()
            .unwrap();
        w.commit().await.unwrap();
        assert_eq!(opened, identity(), "{backend}");
        assert_eq!(files, vec![scan], "{backend}");
        let log = papi_store::voice::seal::openings(&store, cid, id)
            .await
            .unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(
            (log[0].user_id, log[0].purpose.as_str()),
            (7, "Gửi thông báo")
        );

        // Another key cannot open it, and writes nothing to the log.
        let other = Store::open(&url)
            .await
            .unwrap()
            .with_seal_key(SealKey::from_bytes([8u8; 32]));
        let mut w = other.begin_write().await.unwrap();
        let e = papi_store::voice::seal::open(&mut w, cid, id, 7, "x").await;
        assert!(matches!(e, Err(StoreError::Sealed)), "{backend}: {e:?}");
        drop(w);
        // No key at all: nothing sealed can be written or read.
        let none = Store::open(&url).await.unwrap();
        let mut w = none.begin_write().await.unwrap();
        let e = papi_store::voice::seal::open(&mut w, cid, id, 7, "x").await;
        assert!(matches!(e, Err(StoreError::NoSealKey)), "{backend}: {e:?}");
        drop(w);
        assert_eq!(
            papi_store::voice::seal::openings(&store, cid, id)
                .await
                .unwrap()
                .len(),
            1,
            "{backend}"
        );
        // The audit log names the code and the step, not the content.
        let audit = papi_store::audit::list(&store, cid, 100, 0).await.unwrap();
        for e in audit {
            assert!(
                !e.after_json.contains("thu tiền"),
                "{backend}: {}",
                e.after_json
            );
        }
    }
}

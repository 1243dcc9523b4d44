//! The disclosure register on every backend: a version with its document, forms and photo is
//! read back as written; a re-disclosure marks the old version replaced and keeps it; a take-down
//! is recorded once; nothing of a rolled-back write remains; every write is audited.

use chrono::NaiveDate;
use papi_core::disclosure::{Disclosure, DisclosureState, Form, FormKind, Topic};
use papi_store::disclosure::{self, NewFile};
use papi_store::testing::{backends, fresh_store};
use papi_store::StoreError;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn entry(cid: i64) -> Disclosure {
    Disclosure {
        id: 0,
        commune_id: cid,
        group: 7,
        topic: Some(Topic::PoorHouseholds),
        title: "Danh sách hộ nghèo năm 2025".into(),
        legal_basis: "Luật 10/2022/QH15 Điều 11 khoản 7".into(),
        decided_on: d(2025, 10, 1),
        village_id: Some(3),
        version: 1,
        replaces: None,
        state: DisclosureState::Current,
        taken_down_on: None,
        source: String::new(),
        created_by: "Văn phòng UBND xã".into(),
        created_on: d(2025, 10, 1),
        document_name: None,
    }
}

fn radio(disclosure_id: i64) -> Form {
    Form {
        id: 0,
        disclosure_id,
        kind: FormKind::Loudspeaker,
        village_id: None,
        url: String::new(),
        from: d(2025, 10, 2),
        until: Some(d(2025, 10, 4)),
        days: vec![d(2025, 10, 2), d(2025, 10, 3), d(2025, 10, 4)],
        note: "Phát lúc 6 giờ sáng".into(),
        done_by: "Đài truyền thanh xã".into(),
    }
}

#[tokio::test]
async fn register_keeps_versions_forms_and_files() {
    for backend in backends() {
        let store = fresh_store(&backend).await;
        let cid = 1;

        // A rolled-back write leaves nothing.
        let mut w = store.begin_write().await.unwrap();
        disclosure::insert(&mut w, "t", &entry(cid)).await.unwrap();
        drop(w);
        assert!(disclosure::list(&store, cid).await.unwrap().is_empty());

        let mut w = store.begin_write().await.unwrap();
        let id = disclosure::insert(&mut w, "t", &entry(cid)).await.unwrap();
        let doc = NewFile {
            original_name: "danh-sach.pdf".into(),
            content_type: "application/pdf".into(),
            content: b"%PDF-1.4 danh sach".to_vec(),
        };
        let doc_id = disclosure::add_file(&mut w, "t", cid, id, None, "document", &doc)
            .await
            .unwrap();
        let form_id = disclosure::add_form(&mut w, "t", cid, &radio(id))
            .await
            .unwrap();
        let photo = NewFile {
            original_name: "anh.jpg".into(),
            content_type: "image/jpeg".into(),
            content: vec![0xff, 0xd8, 0xff, 0x00, 0x01],
        };
        disclosure::add_file(&mut w, "t", cid, id, Some(form_id), "photo", &photo)
            .await
            .unwrap();
        w.commit().await.unwrap();

        let got = disclosure::get(&store, cid, id).await.unwrap();
        let mut want = entry(cid);
        want.id = id;
        want.document_name = Some("danh-sach.pdf".into());
        assert_eq!(got, want, "{backend}");
        // Another commune does not see it.
        assert!(matches!(
            disclosure::get(&store, 2, id).await,
            Err(StoreError::NotFound)
        ));
        let forms = disclosure::forms(&store, cid, id).await.unwrap();
        let mut f = radio(id);
        f.id = form_id;
        assert_eq!(forms, vec![f]);
        assert_eq!(disclosure::all_forms(&store, cid).await.unwrap().len(), 1);
        let files = disclosure::files(&store, cid, id).await.unwrap();
        assert_eq!(files.len(), 2);
        assert_eq!(files[1].form_id, Some(form_id));
        let (meta, bytes) = disclosure::file(&store, cid, doc_id).await.unwrap();
        assert_eq!(meta.role, "document");
        assert_eq!(bytes, doc.content);

        // Re-disclosure: a new version; the old one is kept and marked replaced.
        let mut next = entry(cid);
        next.title = "Danh sách hộ nghèo năm 2025 (điều chỉnh)".into();
        next.version = 2;
        next.replaces = Some(id);
        let mut w = store.begin_write().await.unwrap();
        let id2 = disclosure::insert(&mut w, "t", &next).await.unwrap();
        w.commit().await.unwrap();
        let old = disclosure::get(&store, cid, id).await.unwrap();
        assert_eq!(old.state, DisclosureState::Replaced);
        assert_eq!(old.title, "Danh sách hộ nghèo năm 2025");
        // Replacing it again is refused.
        let mut w = store.begin_write().await.unwrap();
        assert!(matches!(
            disclosure::insert(&mut w, "t", &next).await,
            Err(StoreError::Conflict(_))
        ));
        drop(w);

        // Take-down, once.
        let current = disclosure::get(&store, cid, id2).await.unwrap();
        let mut w = store.begin_write().await.unwrap();
        disclosure::take_down(&mut w, "t", &current, d(2025, 10, 20))
            .await
            .unwrap();
        w.commit().await.unwrap();
        let down = disclosure::get(&store, cid, id2).await.unwrap();
        assert_eq!(down.state, DisclosureState::TakenDown);
        assert_eq!(down.taken_down_on, Some(d(2025, 10, 20)));
        let mut w = store.begin_write().await.unwrap();
        assert!(disclosure::take_down(&mut w, "t", &down, d(2025, 10, 21))
            .await
            .is_err());
        drop(w);

        let list = disclosure::list(&store, cid).await.unwrap();
        assert_eq!(list.len(), 2);
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'disclosure' AND commune_id = 1",
        )
        .fetch_one(&store.pool)
        .await
        .unwrap();
        assert_eq!(n, 6, "{backend}");
    }
}

//! Frozen versions of approved documents on every backend: numbered per document from 1, the
//! files come back byte for byte (any byte value), the SHA-256 is the DOCX's, and a withdrawal
//! marks only the standing version, with who, when and why.

use chrono::NaiveDate;
use papi_store::reporting::{self, NewSnapshot, SnapshotKind};
use papi_store::testing::{backends, fresh_store};
use sha2::{Digest, Sha256};

#[tokio::test]
async fn versions_are_kept_byte_for_byte_and_withdrawn_with_a_reason() {
    for backend in backends() {
        let store = fresh_store(&backend).await;
        let on = NaiveDate::from_ymd_opt(2025, 7, 16).unwrap();
        // Every byte value, as a DOCX (a zip) holds them.
        let docx: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        let xlsx = b"PK\x03\x04 so lieu".to_vec();
        let freeze = |docx: &[u8], xlsx: &[u8], subject_id| {
            let (docx, xlsx) = (docx.to_vec(), xlsx.to_vec());
            let store = &store;
            async move {
                let mut w = store.begin_write().await.unwrap();
                let v = reporting::insert_snapshot(
                    &mut w,
                    "chu_tich",
                    &NewSnapshot {
                        commune_id: 1,
                        kind: SnapshotKind::CommuneReport,
                        subject_id,
                        approved_by: "Trần Văn Minh",
                        approved_on: on,
                        view_json: "{\"so\":\"125/BC-UBND\"}",
                        docx: &docx,
                        xlsx: &xlsx,
                    },
                )
                .await
                .unwrap();
                w.commit().await.unwrap();
                v
            }
        };
        assert_eq!(freeze(&docx, &xlsx, 7).await, 1, "{backend}");
        assert_eq!(freeze(b"v2", b"", 7).await, 2, "{backend}");
        // Another period's report starts at 1.
        assert_eq!(freeze(b"khac", b"", 8).await, 1, "{backend}");

        let (d1, x1) = reporting::snapshot_files(&store, SnapshotKind::CommuneReport, 7, 1)
            .await
            .unwrap();
        assert_eq!((d1, x1), (docx.clone(), xlsx), "{backend}");
        let versions = reporting::snapshots(&store, SnapshotKind::CommuneReport, 7)
            .await
            .unwrap();
        assert_eq!(versions.len(), 2);
        assert_eq!(versions[0].sha256, hex::encode(Sha256::digest(&docx)));
        assert_eq!(versions[0].approved_by, "Trần Văn Minh");
        assert_eq!(versions[0].view_json, "{\"so\":\"125/BC-UBND\"}");

        let mut w = store.begin_write().await.unwrap();
        let withdrawn = reporting::withdraw_snapshot(
            &mut w,
            "chu_tich",
            1,
            SnapshotKind::CommuneReport,
            7,
            on.succ_opt().unwrap(),
            "Sai số liệu",
        )
        .await
        .unwrap();
        w.commit().await.unwrap();
        assert_eq!(withdrawn, 2, "{backend}");
        let versions = reporting::snapshots(&store, SnapshotKind::CommuneReport, 7)
            .await
            .unwrap();
        assert!(!versions[0].withdrawn());
        assert_eq!(
            (
                versions[1].withdrawn_on,
                versions[1].withdraw_reason.as_str()
            ),
            (on.succ_opt(), "Sai số liệu")
        );
        let standing = reporting::standing_snapshot(&store, SnapshotKind::CommuneReport, 7)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(standing.version, 1);
        assert!(
            reporting::snapshot_files(&store, SnapshotKind::CommuneReport, 7, 3)
                .await
                .is_err(),
            "{backend}: no version 3"
        );
    }
}

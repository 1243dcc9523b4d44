//! The outbox and mail preferences on every backend: a message queued in a transaction exists
//! only if it commits; a dedupe key queues a reminder once; due, claim, sent and failed move a
//! message through its states; a preference change is audited without the mail's body.

use chrono::{Duration, Utc};
use papi_core::mail::{MailKind, MailState};
use papi_core::{Commune, CommuneKind, Role, User};
use papi_store::mail::{self, MailFilter, OutgoingMail};
use papi_store::testing::{backends, fresh_store};
use papi_store::{audit, org, Store};

async fn commune_and_user(store: &Store) -> (i64, User) {
    let mut w = store.begin_write().await.unwrap();
    let c = Commune {
        id: 0,
        gso_code: "99997".into(),
        name: "Thử Thư".into(),
        kind: CommuneKind::Xa,
        province: "Hưng Yên".into(),
        due_soon: Default::default(),
    };
    let cid = org::insert_commune(&mut w, &c).await.unwrap();
    let u = User {
        id: 0,
        commune_id: cid,
        username: "van_phong".into(),
        full_name: "Nguyễn Thị Văn Phòng".into(),
        email: "vanphong@thu.example".into(),
        role: Role::Office,
        unit_id: None,
        village_id: None,
        active: true,
    };
    let id = org::insert_user(&mut w, "t", &u, "mat-khau-rat-dai-123")
        .await
        .unwrap();
    w.commit().await.unwrap();
    (cid, User { id, ..u })
}

fn outgoing(cid: i64, key: Option<&str>) -> OutgoingMail {
    OutgoingMail {
        commune_id: cid,
        to_addr: "nguoidan@thu.example".into(),
        subject: "Xác nhận đã nhận phản ánh".into(),
        body: "Ông/bà đã gửi phản ánh về đường thôn Đông.".into(),
        kind: MailKind::ResidentAck,
        dedupe_key: key.map(str::to_string),
    }
}

#[tokio::test]
async fn queued_with_the_action_once_then_sent_or_retried() {
    for backend in backends() {
        let store = fresh_store(&backend).await;
        let (cid, _) = commune_and_user(&store).await;

        // Rolled back: nothing queued.
        let mut w = store.begin_write().await.unwrap();
        mail::enqueue(&mut w, &outgoing(cid, None)).await.unwrap();
        drop(w);
        assert!(mail::list(&store, cid, MailFilter::default())
            .await
            .unwrap()
            .is_empty());

        let mut w = store.begin_write().await.unwrap();
        let first = mail::enqueue(&mut w, &outgoing(cid, Some("late:task:1")))
            .await
            .unwrap();
        let again = mail::enqueue(&mut w, &outgoing(cid, Some("late:task:1")))
            .await
            .unwrap();
        let plain = mail::enqueue(&mut w, &outgoing(cid, None)).await.unwrap();
        let plain2 = mail::enqueue(&mut w, &outgoing(cid, None)).await.unwrap();
        w.commit().await.unwrap();
        assert!(
            first.is_some() && plain.is_some() && plain2.is_some(),
            "{backend}"
        );
        assert_eq!(again, None, "{backend}: the same key is queued once");

        let now = Utc::now() + Duration::seconds(1);
        let due = mail::due(&store, now, 10).await.unwrap();
        assert_eq!(due.len(), 3, "{backend}");
        let m = &due[0];
        assert_eq!(m.subject, "Xác nhận đã nhận phản ánh");
        assert_eq!(m.state(), MailState::Waiting);
        // Two workers: only one takes it.
        assert!(mail::claim(&store, m, now + Duration::minutes(5))
            .await
            .unwrap());
        assert!(!mail::claim(&store, m, now + Duration::minutes(5))
            .await
            .unwrap());
        assert_eq!(mail::due(&store, now, 10).await.unwrap().len(), 2);

        mail::mark_failed(
            &store,
            m.id,
            "Máy chủ thư không nhận",
            Some(now + Duration::minutes(1)),
        )
        .await
        .unwrap();
        let failed = mail::get(&store, m.id).await.unwrap();
        assert_eq!(failed.attempts, 1, "{backend}");
        assert_eq!(failed.last_error.as_deref(), Some("Máy chủ thư không nhận"));
        assert_eq!(failed.state(), MailState::Waiting);
        assert!(!mail::due(&store, now, 10)
            .await
            .unwrap()
            .iter()
            .any(|d| d.id == m.id));
        let later = now + Duration::minutes(2);
        assert!(mail::due(&store, later, 10)
            .await
            .unwrap()
            .iter()
            .any(|d| d.id == m.id));

        mail::mark_sent(&store, m.id, later).await.unwrap();
        let sent = mail::get(&store, m.id).await.unwrap();
        assert_eq!(
            (sent.state(), sent.attempts),
            (MailState::Sent, 2),
            "{backend}"
        );

        mail::mark_failed(&store, due[1].id, "Hộp thư không tồn tại", None)
            .await
            .unwrap();
        let by_state = |s| {
            let store = &store;
            async move {
                mail::list(
                    store,
                    cid,
                    MailFilter {
                        state: Some(s),
                        limit: 0,
                    },
                )
                .await
                .unwrap()
                .len()
            }
        };
        assert_eq!(by_state(MailState::Sent).await, 1, "{backend}");
        assert_eq!(by_state(MailState::Failed).await, 1, "{backend}");
        assert_eq!(by_state(MailState::Waiting).await, 1, "{backend}");
        // Another commune sees none of it.
        assert!(mail::list(&store, cid + 1, MailFilter::default())
            .await
            .unwrap()
            .is_empty());
    }
}

#[tokio::test]
async fn preferences_are_audited_and_read_back() {
    for backend in backends() {
        let store = fresh_store(&backend).await;
        let (_, user) = commune_and_user(&store).await;
        assert!(mail::prefs_of(&store, user.id).await.unwrap().is_empty());
        let entries_before = audit::last_id(&store).await.unwrap();

        let mut w = store.begin_write().await.unwrap();
        mail::set_pref(&mut w, "van_phong", &user, MailKind::DueSoon, true)
            .await
            .unwrap();
        mail::set_pref(&mut w, "van_phong", &user, MailKind::Late, false)
            .await
            .unwrap();
        // Unchanged: no second entry.
        mail::set_pref(&mut w, "van_phong", &user, MailKind::Late, false)
            .await
            .unwrap();
        let seen = mail::recipient(&mut w, user.id, MailKind::Late)
            .await
            .unwrap();
        w.commit().await.unwrap();
        let (u, choice) = seen.unwrap();
        assert_eq!(
            (u.email.as_str(), choice),
            ("vanphong@thu.example", Some(false))
        );

        let mut prefs = mail::prefs_of(&store, user.id).await.unwrap();
        prefs.sort_by_key(|(k, _)| k.code());
        assert_eq!(
            prefs,
            vec![(MailKind::DueSoon, true), (MailKind::Late, false)],
            "{backend}"
        );
        assert_eq!(
            audit::last_id(&store).await.unwrap() - entries_before,
            2,
            "{backend}: one entry per change"
        );
    }
}

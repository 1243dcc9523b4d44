//! E-mail end to end, on every backend: messages queued beside an action reach a real SMTP
//! conversation (the capture server) with their Vietnamese intact; a server that is down
//! delays a message without touching the action, and a later try delivers it; a user's choice
//! is respected; the daily digest and reminders of a seeded plan say what is late and near,
//! once each.

use chrono::{Duration, NaiveDate, Utc};
use papi_app::mail::sink::Sink;
use papi_app::mail::{self, MailConfig, Mailer, TlsMode};
use papi_app::App;
use papi_core::mail::{MailKind, MailState};
use papi_core::{Commune, CommuneKind, Dimension, Due, ItemKind, Plan, Role, Task, TaskStatus};
use papi_core::{Unit, User};
use papi_store::mail::MailFilter;
use papi_store::plan::NewPlan;
use papi_store::testing::{backends, fresh_store};
use papi_store::{org, plan};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Friday 20/06/2025: Monday 30/06 is 6 working days ahead (within the default 10).
const TODAY: (i32, u32, u32) = (2025, 6, 20);

struct Seeded {
    app: App,
    cid: i64,
    users: Vec<(Role, User)>,
}

impl Seeded {
    fn user(&self, role: Role) -> &User {
        &self.users.iter().find(|(r, _)| *r == role).unwrap().1
    }
}

/// A commune with two units, a user of each commune role (an address each), a plan, and
/// tasks: unit A's late one, its near one and its far one, and unit B's late one.
async fn seeded(backend: &str) -> Seeded {
    let store = fresh_store(backend).await;
    let mut w = store.begin_write().await.unwrap();
    let c = Commune {
        id: 0,
        gso_code: "99996".into(),
        name: "Lương Tài".into(),
        kind: CommuneKind::Xa,
        province: "Bắc Ninh".into(),
        due_soon: Default::default(),
    };
    let cid = org::insert_commune(&mut w, &c).await.unwrap();
    let unit = |name: &str| Unit {
        id: 0,
        commune_id: cid,
        name: name.into(),
        short_name: name.into(),
    };
    let unit_a = org::insert_unit(&mut w, "t", &unit("Văn hóa - Xã hội"))
        .await
        .unwrap();
    let unit_b = org::insert_unit(&mut w, "t", &unit("Tư pháp - Hộ tịch"))
        .await
        .unwrap();
    let mut users = Vec::new();
    for role in [
        Role::Chairman,
        Role::Office,
        Role::UnitHead,
        Role::Officer,
        Role::Front,
        Role::VillageHead,
    ] {
        // The Front's member gave no address, the village head a wrong one.
        let email = match role {
            Role::Front => String::new(),
            Role::VillageHead => "truongthon.luongtai.example".into(),
            _ => format!("{}@luongtai.example", role.code()),
        };
        let u = User {
            id: 0,
            commune_id: cid,
            username: format!("u_{}", role.code()),
            full_name: format!("Người dùng {}", role.label()),
            email,
            role,
            unit_id: role.needs_unit().then_some(unit_a),
            village_id: None,
            active: true,
        };
        let id = org::insert_user(&mut w, "t", &u, "mat-khau-rat-dai-123")
            .await
            .unwrap();
        users.push((role, User { id, ..u }));
    }
    let new = NewPlan {
        plan: Plan {
            id: 0,
            commune_id: cid,
            number: "10/KH-UBND".into(),
            issued_on: day(2025, 1, 16),
            year: 2025,
            title: "Kế hoạch thử".into(),
            full_text: String::new(),
            unit_plan_due_working_days: None,
        },
        items: vec![(
            "1.2.b".into(),
            ItemKind::Content(Dimension::new(2).unwrap()),
            "Công khai hộ nghèo".into(),
        )],
        periods: vec![],
    };
    let plan_id = plan::insert_plan(&mut w, "t", &new).await.unwrap();
    w.commit().await.unwrap();
    let item = plan::items(&store, plan_id).await.unwrap()[0].id;
    let mut w = store.begin_write().await.unwrap();
    for (title, lead, due) in [
        ("Niêm yết danh sách hộ nghèo", unit_a, day(2025, 4, 1)),
        ("Tổ chức đối thoại với người dân", unit_a, day(2025, 6, 30)),
        ("Tổng kết năm", unit_a, day(2025, 12, 15)),
        ("Tiếp công dân định kỳ", unit_b, day(2025, 5, 15)),
    ] {
        let t = Task {
            id: 0,
            commune_id: cid,
            plan_id,
            item_id: Some(item),
            position: 1,
            title: title.into(),
            description: String::new(),
            lead_unit_id: lead,
            coordinating_unit_ids: vec![],
            deliverable: "Biên bản".into(),
            due: Due::Date(due),
            status: TaskStatus::NotStarted,
            progress: 0,
            public: true,
        };
        plan::insert_task(&mut w, "t", &t).await.unwrap();
    }
    w.commit().await.unwrap();
    let app = App::new(store, Some(day(TODAY.0, TODAY.1, TODAY.2)));
    app.catch_up().await.unwrap();
    Seeded { app, cid, users }
}

fn mailer_to(port: u16) -> Mailer {
    Mailer::new(&MailConfig {
        host: "127.0.0.1".into(),
        port,
        tls: TlsMode::None,
        username: None,
        password: None,
        from: "UBND xã Lương Tài <khpapi@luongtai.example>".into(),
    })
    .unwrap()
}

#[tokio::test]
async fn queued_mail_arrives_with_its_vietnamese_intact() {
    for backend in backends() {
        let s = seeded(&backend).await;
        let sink = Sink::start("127.0.0.1:0", None, None).await.unwrap();
        let subject = "Xác nhận đã nhận phản ánh số 12 — đường thôn Đông";
        let body = "Kính gửi ông Nguyễn Văn Hùng,\n\nỦy ban nhân dân xã đã nhận phản ánh của ông.\n.Dòng bắt đầu bằng dấu chấm.\n";
        let mut w = s.app.store.begin_write().await.unwrap();
        let to_resident = mail::to_address(
            &mut w,
            s.cid,
            " nguoidan@thu.example ",
            MailKind::ResidentAck,
            subject,
            body,
            Some("ack:12"),
        )
        .await
        .unwrap();
        let officer = s.user(Role::Officer).id;
        let assigned = mail::to_user(
            &mut w,
            &s.app,
            officer,
            MailKind::Assignment,
            "Được giao: Tổ chức đối thoại",
            "Anh/chị được giao chủ trì việc này.",
        )
        .await
        .unwrap();
        w.commit().await.unwrap();
        assert!(to_resident.is_some() && assigned.is_some(), "{backend}");

        let sent = mail::send_due(&s.app, &mailer_to(sink.addr.port()))
            .await
            .unwrap();
        assert_eq!((sent.sent, sent.failed), (2, 0), "{backend}");
        let got = sink.messages();
        assert_eq!(got.len(), 2, "{backend}");
        let ack = got
            .iter()
            .find(|m| m.to == ["nguoidan@thu.example"])
            .unwrap();
        assert_eq!(ack.from, "khpapi@luongtai.example");
        assert_eq!(ack.subject(), subject);
        assert_eq!(ack.body().trim_end(), body.trim_end());
        assert!(ack.header("From").unwrap().contains("UBND xã Lương Tài"));
        assert_eq!(ack.header("To").as_deref(), Some("nguoidan@thu.example"));
        assert!(ack.header("Date").is_some() && ack.header("Message-ID").is_some());
        assert!(ack
            .header("Content-Type")
            .unwrap()
            .to_ascii_lowercase()
            .contains("charset=utf-8"));
        // The raw header is encoded: no 8-bit bytes on the wire.
        let raw_subject_line = ack.raw.lines().find(|l| l.starts_with("Subject:")).unwrap();
        assert!(raw_subject_line.is_ascii());
        let assignment = got
            .iter()
            .find(|m| m.to == ["officer@luongtai.example"])
            .unwrap();
        assert_eq!(assignment.subject(), "Được giao: Tổ chức đối thoại");

        let list = papi_store::mail::list(&s.app.store, s.cid, MailFilter::default())
            .await
            .unwrap();
        assert!(
            list.iter().all(|m| m.state() == MailState::Sent),
            "{backend}"
        );
        // Nothing is sent twice.
        let again = mail::send_due(&s.app, &mailer_to(sink.addr.port()))
            .await
            .unwrap();
        assert_eq!(again.sent, 0);
    }
}

#[tokio::test]
async fn a_server_that_is_down_delays_the_mail_not_the_action() {
    for backend in backends() {
        let s = seeded(&backend).await;
        // A port nobody listens on.
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let mut w = s.app.store.begin_write().await.unwrap();
        let id = mail::to_address(
            &mut w,
            s.cid,
            "nguoidan@thu.example",
            MailKind::ResidentNotice,
            "Trả lời phản ánh",
            "Xã đã sửa đường thôn Đông.",
            None,
        )
        .await
        .unwrap()
        .unwrap();
        // The action commits whatever the mail server does.
        w.commit().await.unwrap();

        let now = Utc::now();
        let run = mail::send_due_at(&s.app, &mailer_to(port), now)
            .await
            .unwrap();
        assert_eq!((run.sent, run.failed), (0, 1), "{backend}");
        let m = papi_store::mail::get(&s.app.store, id).await.unwrap();
        assert_eq!(
            (m.attempts, m.state()),
            (1, MailState::Waiting),
            "{backend}"
        );
        assert!(m
            .last_error
            .as_deref()
            .unwrap()
            .contains("Máy chủ thư không nhận"));
        let next = chrono::DateTime::parse_from_rfc3339(m.next_attempt_at.as_deref().unwrap())
            .unwrap()
            .with_timezone(&Utc);
        assert!(
            next >= now + Duration::seconds(59),
            "{backend}: retried a minute later"
        );

        // The server comes up on that port; the retry waits for its time, then delivers.
        let sink = Sink::start(&format!("127.0.0.1:{port}"), None, None)
            .await
            .unwrap();
        let early = mail::send_due_at(&s.app, &mailer_to(port), now)
            .await
            .unwrap();
        assert_eq!(early.sent + early.failed, 0, "{backend}");
        let later = mail::send_due_at(&s.app, &mailer_to(port), now + Duration::minutes(2))
            .await
            .unwrap();
        assert_eq!(later.sent, 1, "{backend}");
        assert_eq!(
            sink.messages()[0].body().trim_end(),
            "Xã đã sửa đường thôn Đông."
        );
        let m = papi_store::mail::get(&s.app.store, id).await.unwrap();
        assert_eq!((m.attempts, m.state()), (2, MailState::Sent), "{backend}");
    }
}

#[tokio::test]
async fn a_users_choice_and_address_decide() {
    for backend in backends() {
        let s = seeded(&backend).await;
        let officer = s.user(Role::Officer).clone();
        let actor = papi_core::Actor {
            user_id: officer.id,
            commune_id: s.cid,
            role: officer.role,
            unit_id: officer.unit_id,
        };
        let mine = mail::my_mail(&s.app, &actor).await.unwrap();
        assert_eq!(mine.address.as_deref(), Ok("officer@luongtai.example"));
        let on: Vec<MailKind> = mine
            .kinds
            .iter()
            .filter(|(_, on)| *on)
            .map(|(k, _)| *k)
            .collect();
        assert_eq!(
            on,
            [MailKind::Assignment, MailKind::DueSoon, MailKind::Late]
        );

        mail::set_my_mail(&s.app, &actor, "u_officer", &[MailKind::Late])
            .await
            .unwrap();
        let mut w = s.app.store.begin_write().await.unwrap();
        let off = mail::to_user(
            &mut w,
            &s.app,
            officer.id,
            MailKind::Assignment,
            "Giao việc",
            "…",
        )
        .await
        .unwrap();
        let kept = mail::to_user(&mut w, &s.app, officer.id, MailKind::Late, "Quá hạn", "…")
            .await
            .unwrap();
        // The chairman has no per-deadline reminders unless they ask.
        let chairman = s.user(Role::Chairman).id;
        let default_off = mail::to_user(
            &mut w,
            &s.app,
            chairman,
            MailKind::DueSoon,
            "Sắp đến hạn",
            "…",
        )
        .await
        .unwrap();
        let bad = mail::to_address(
            &mut w,
            s.cid,
            "khong co a còng",
            MailKind::ResidentAck,
            "x",
            "y",
            None,
        )
        .await;
        w.commit().await.unwrap();
        assert_eq!(off, None, "{backend}: switched off");
        assert!(kept.is_some(), "{backend}");
        assert_eq!(default_off, None, "{backend}");
        assert!(matches!(bad, Err(papi_app::Error::Invalid(m)) if m.contains("không hợp lệ")));

        // Without a usable address nothing is queued, and the page says why.
        let front = s.user(Role::Front).clone();
        let village = s.user(Role::VillageHead).clone();
        let as_actor = |u: &User| papi_core::Actor {
            user_id: u.id,
            commune_id: s.cid,
            role: u.role,
            unit_id: u.unit_id,
        };
        let page = mail::my_mail(&s.app, &as_actor(&front)).await.unwrap();
        assert_eq!(
            page.address,
            Err("Chưa nhập địa chỉ thư điện tử.".to_string())
        );
        let page = mail::my_mail(&s.app, &as_actor(&village)).await.unwrap();
        assert!(page.address.unwrap_err().contains("thiếu dấu @"));
        let mut w = s.app.store.begin_write().await.unwrap();
        for u in [&front, &village] {
            let none = mail::to_user(&mut w, &s.app, u.id, MailKind::Assignment, "Giao", "…")
                .await
                .unwrap();
            assert_eq!(none, None, "{backend}: {}", u.username);
        }
        // A locked account receives nothing either.
        org::set_active(&mut w, "t", &officer, false).await.unwrap();
        let locked = mail::to_user(&mut w, &s.app, officer.id, MailKind::Late, "Quá hạn", "…")
            .await
            .unwrap();
        w.commit().await.unwrap();
        assert_eq!(locked, None, "{backend}");
    }
}

#[tokio::test]
async fn the_daily_digest_and_reminders_of_a_seeded_plan() {
    for backend in backends() {
        let s = seeded(&backend).await;
        let today = day(TODAY.0, TODAY.1, TODAY.2);
        let q = mail::run_daily(&s.app, today).await.unwrap();
        // Digests: chairman, office, unit head (officer and Front have none by default).
        assert_eq!(q.digests, 3, "{backend}");
        // Reminders: unit head and officer: A's late task (Late) and near task (DueSoon);
        // office: every late one (A's, B's).
        assert_eq!(q.reminders, 6, "{backend}");
        let twice = mail::run_daily(&s.app, today).await.unwrap();
        assert_eq!(
            (twice.digests, twice.reminders),
            (0, 0),
            "{backend}: once a day"
        );

        let sink = Sink::start("127.0.0.1:0", None, None).await.unwrap();
        let sent = mail::send_due(&s.app, &mailer_to(sink.addr.port()))
            .await
            .unwrap();
        assert_eq!(sent.sent, 9, "{backend}");
        let got = sink.messages();
        let digest_of = |who: &str| {
            got.iter()
                .find(|m| m.to == [who] && m.subject().contains("Tóm tắt"))
                .unwrap()
        };
        let head = digest_of("unit_head@luongtai.example");
        assert_eq!(
            head.subject(),
            "[papi] Tóm tắt ngày 20/06/2025: 1 quá hạn, 1 sắp đến hạn"
        );
        let body = head.body();
        assert!(
            body.contains("Niêm yết danh sách hộ nghèo: đã quá hạn 01/04/2025"),
            "{body}"
        );
        assert!(
            body.contains("Tổ chức đối thoại với người dân: hạn 30/06/2025 (còn 6 ngày làm việc)"),
            "{body}"
        );
        assert!(
            !body.contains("Tiếp công dân") && !body.contains("Tổng kết năm"),
            "{body}"
        );
        let chairman = digest_of("chairman@luongtai.example").body();
        assert!(
            chairman.contains("Tiếp công dân định kỳ: đã quá hạn 15/05/2025"),
            "{chairman}"
        );
        assert!(chairman.contains("xã Lương Tài"));
        let officer: Vec<String> = got
            .iter()
            .filter(|m| m.to == ["officer@luongtai.example"])
            .map(|m| m.subject())
            .collect();
        assert_eq!(officer.len(), 2, "{backend}: {officer:?}");
        assert!(officer.contains(&"[papi] Quá hạn: Niêm yết danh sách hộ nghèo".to_string()));
        assert!(officer.contains(
            &"[papi] Sắp đến hạn 30/06/2025: Tổ chức đối thoại với người dân".to_string()
        ));
    }
}

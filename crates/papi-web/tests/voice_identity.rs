//! The denouncer's identity stays sealed: on every backend, every GET route of `ROUTES` (pages,
//! documents, exports, feeds, API) is fetched as every role and as an anonymous visitor, and
//! neither the answers (DOCX and XLSX unzipped), nor the audit log, nor any table of the
//! database outside the sealed records ever holds the denouncer's name, address, ID number or
//! phone. Only the custodian can open the identity; the opening is in the restricted log; the
//! person denounced cannot even tell the case exists.

mod common;

use std::io::Read;

use axum::http::StatusCode;
use common::{world, World};
use papi_core::voice::intake::IntakeForm;
use papi_core::voice::{Channel, MatterKind, Requester, StepKind};
use papi_core::Role;
use papi_store::testing::backends;
use papi_web::ROUTES;
use sqlx::{Column, Row};

const NAME: &str = "Nguyễn Văn Mật";
const ADDRESS: &str = "Xóm Kín Đáo";
const ID_NUMBER: &str = "001234567890";
const PHONE: &str = "0987654321";

/// The identity, as folded text (no diacritics, lower case) and as digits.
fn leaks(text: &str) -> Vec<&'static str> {
    let folded = papi_core::text::fold(text);
    let mut found = Vec::new();
    if folded.contains("nguyen van mat") {
        found.push("name");
    }
    if folded.contains("xom kin dao") {
        found.push("address");
    }
    if text.contains(ID_NUMBER) {
        found.push("id number");
    }
    if text.contains(PHONE) {
        found.push("phone");
    }
    found
}

/// The text of an answer: the body, or every file of a DOCX/XLSX archive.
fn readable(body: &[u8]) -> String {
    if body.starts_with(b"PK") {
        let mut out = String::new();
        if let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(body)) {
            for i in 0..zip.len() {
                let mut f = zip.by_index(i).unwrap();
                let mut s = String::new();
                let _ = f.read_to_string(&mut s);
                out.push_str(&s);
            }
        }
        return out;
    }
    String::from_utf8_lossy(body).into_owned()
}

struct Case {
    id: i64,
    custodian: Role,
    accused: Role,
}

/// A denunciation against unit A's head, received by the office (the custodian), verified by
/// unit A, concluded.
async fn denunciation(w: &World) -> Case {
    let office = w.user(Role::Office).clone();
    let accused = w.user(Role::UnitHead).clone();
    let actor = papi_core::Actor {
        user_id: office.id,
        commune_id: office.commune_id,
        role: Role::Office,
        unit_id: None,
    };
    let state = papi_web::AppState::new(w.store.clone(), Some(common::day(2025, 5, 1)), false);
    let intake = papi_app::voice::Intake {
        form: IntakeForm {
            kind: Some(MatterKind::Denunciation),
            channel: Some(Channel::Letter),
            received_on: Some(common::day(2025, 4, 2)),
            title: format!("Tố cáo của {NAME} về thu tiền sai quy định"),
            content: format!(
                "Tôi là {NAME}, ở {ADDRESS}, số định danh {ID_NUMBER}, điện thoại {PHONE}. \
                 Tôi tố cáo trưởng ban thu tiền làm giấy tờ trái quy định."
            ),
            requester: Requester {
                name: NAME.into(),
                address: ADDRESS.into(),
                id_number: ID_NUMBER.into(),
                phone: PHONE.into(),
                email: String::new(),
            },
            respondent: "Trưởng ban của đơn vị A".into(),
            ..Default::default()
        },
        unit_id: Some(w.unit_a),
        accused_user_ids: vec![accused.id],
        scan: Some(papi_store::voice::seal::SealedFile {
            name: "don-to-cao-co-chu-ky.pdf".into(),
            content_type: "application/pdf".into(),
            bytes: format!("%PDF {NAME} {ADDRESS}").into_bytes(),
        }),
        ..Default::default()
    };
    let r = papi_app::voice::receive(&state, &actor, &office.username, intake)
        .await
        .unwrap();
    for (step, text) in [
        (StepKind::Accept, ""),
        (StepKind::Notify, ""),
        (StepKind::Verify, ""),
        (StepKind::Conclude, "Nội dung tố cáo đúng một phần."),
    ] {
        let input = papi_app::voice::StepInput {
            kind: Some(step),
            text: text.into(),
            unit_id: (step == StepKind::Verify).then_some(w.unit_a),
            ..Default::default()
        };
        papi_app::voice::step(&state, &actor, &office.username, r.id, input)
            .await
            .unwrap();
    }
    Case {
        id: r.id,
        custodian: Role::Office,
        accused: Role::UnitHead,
    }
}

fn fill(path: &str, w: &World, case: &Case) -> String {
    let id = if path.starts_with("/staff/voice/") {
        case.id
    } else if path.starts_with("/staff/survey") || path.contains("/survey/") {
        w.survey_id
    } else if path.starts_with("/staff/evidence") {
        w.evidence_id
    } else if path.starts_with("/api/plans") {
        w.plan_id
    } else {
        w.task_id
    };
    path.replace("{unit}", &w.unit_a.to_string())
        .replace("{period}", &w.period_id.to_string())
        .replace("{file}", "khong-ton-tai.ics")
        .replace("{uuid}", &w.response_uuid)
        .replace("{gso}", &w.commune.gso_code)
        .replace("{code}", &w.matter_code)
        .replace("{n}", "3")
        .replace("{version}", "1")
        .replace("{id}", &id.to_string())
}

/// Every GET route as every role: no answer shows the identity; the accused gets "not found".
async fn walk(w: &World, case: &Case, backend: &str) -> usize {
    let mut fetched = 0;
    for role in std::iter::once(None).chain(Role::ALL.into_iter().map(Some)) {
        let c = w.client(role).await;
        for spec in ROUTES.iter().filter(|s| s.method == "GET") {
            let path = fill(spec.path, w, case);
            let r = c.get(&path).await;
            let text = readable(&r.body);
            let found = leaks(&text);
            assert!(found.is_empty(), "{backend} {path} as {role:?}: {found:?}");
            fetched += 1;
        }
        // The private calendar feed of each user.
        if let Some(role) = role {
            let u = w.user(role);
            let mut tx = w.store.begin_write().await.unwrap();
            let token = papi_store::calendar::new_token(&mut tx, u.id, u.commune_id)
                .await
                .unwrap();
            tx.commit().await.unwrap();
            let r = c.get(&format!("/ical/{token}.ics")).await;
            assert!(leaks(&r.text()).is_empty(), "{backend} feed of {role:?}");
        }
    }
    // The custodian's page shows the redacted copy (so the walk did reach the case).
    let own = w.client(Some(case.custodian)).await;
    let page = own.get(&format!("/staff/voice/{}", case.id)).await;
    assert_eq!(page.status, StatusCode::OK, "{backend}");
    assert!(
        page.text().contains(papi_core::voice::identity::REDACTED),
        "{backend}"
    );
    let accused = w.client(Some(case.accused)).await;
    let page = accused.get(&format!("/staff/voice/{}", case.id)).await;
    assert_eq!(
        page.status,
        StatusCode::NOT_FOUND,
        "{backend}: the accused sees the case"
    );
    let list = accused.get("/staff/voice").await;
    assert!(
        !list.text().contains(&format!("/staff/voice/{}\"", case.id)),
        "{backend}: the accused's list shows the case"
    );
    fetched
}

/// Every text cell of every table but the sealed ones.
async fn database_leaks(w: &World) -> Vec<String> {
    let mut out = Vec::new();
    for table in papi_store::backup::TABLES {
        if matches!(*table, "sealed_identities" | "sealed_files") {
            continue;
        }
        let rows = sqlx::query(&format!("SELECT * FROM {table}"))
            .fetch_all(&w.store.pool)
            .await
            .unwrap();
        for row in rows {
            for (i, col) in row.columns().iter().enumerate() {
                if let Ok(Some(text)) = row.try_get::<Option<String>, _>(i) {
                    if !leaks(&text).is_empty() {
                        out.push(format!("{table}.{}", col.name()));
                    }
                }
            }
        }
    }
    out
}

#[tokio::test]
async fn the_denouncers_identity_is_found_only_where_the_custodian_opened_it() {
    for backend in backends() {
        let w = world(&backend).await;
        let case = denunciation(&w).await;
        // The custodian seals a second scan through the page; its name holds the identity.
        let custodian = w.client(Some(case.custodian)).await;
        let r = custodian
            .post_multipart(
                &format!("/staff/voice/{}/scan", case.id),
                &[],
                &[(
                    "scan",
                    "Don to cao Nguyen Van Mat.pdf",
                    b"%PDF-1.4 ky ten".as_slice(),
                )],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let n = walk(&w, &case, &backend).await;
        assert!(n > ROUTES.len(), "{backend}: walked {n} answers");
        assert_eq!(database_leaks(&w).await, Vec::<String>::new(), "{backend}");

        // Nobody but the custodian can open it.
        for role in Role::ALL.into_iter().filter(|r| *r != case.custodian) {
            let c = w.client(Some(role)).await;
            let r = c
                .post_form(
                    &format!("/staff/voice/{}/identity", case.id),
                    &[("purpose", "Xem")],
                )
                .await;
            assert!(
                matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{backend} {role:?} opened it: {}",
                r.status
            );
            assert!(leaks(&r.text()).is_empty(), "{backend} {role:?}");
        }
        let none = papi_store::voice::seal::openings(&w.store, w.commune.id, case.id)
            .await
            .unwrap();
        assert!(none.is_empty(), "{backend}: {none:?}");

        // The custodian opens it, with a purpose; the answer shows it and the log has it.
        let custodian = w.client(Some(case.custodian)).await;
        let r = custodian
            .post_form(
                &format!("/staff/voice/{}/identity", case.id),
                &[("purpose", "Gửi thông báo thụ lý cho người tố cáo")],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{backend}");
        assert!(
            leaks(&r.text()).contains(&"name"),
            "{backend}: identity not shown"
        );
        assert!(r.text().contains("don-to-cao-co-chu-ky.pdf"));
        assert!(
            r.text().contains("Don to cao Nguyen Van Mat.pdf"),
            "{backend}"
        );
        let log = papi_store::voice::seal::openings(&w.store, w.commune.id, case.id)
            .await
            .unwrap();
        assert_eq!(log.len(), 1, "{backend}");
        assert_eq!(log[0].user_id, w.user(case.custodian).id);
        assert_eq!(log[0].purpose, "Gửi thông báo thụ lý cho người tố cáo");
        // The restricted log names who and why, never the identity; the page shows it to the
        // custodian only.
        let page = custodian.get(&format!("/staff/voice/{}", case.id)).await;
        assert!(page
            .text()
            .contains("Gửi thông báo thụ lý cho người tố cáo"));
        let chairman = w.client(Some(Role::Chairman)).await;
        let page = chairman.get(&format!("/staff/voice/{}", case.id)).await;
        assert_eq!(
            page.status,
            StatusCode::OK,
            "{backend}: the chairman oversees"
        );
        assert!(!page
            .text()
            .contains("Gửi thông báo thụ lý cho người tố cáo"));

        // After the opening, still nowhere else.
        walk(&w, &case, &backend).await;
        assert_eq!(database_leaks(&w).await, Vec::<String>::new(), "{backend}");
    }
}

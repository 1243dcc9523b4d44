//! The documents of a residents' matter over HTTP, on every backend: a complaint taken to its
//! decision and a denunciation taken to its conclusion, every document each user may print,
//! opened as DOCX. The denouncer's name, address and ID number appear in no document but the
//! denouncer's own acceptance notice, which only the custodian prints and whose printing is in
//! the restricted log (Luật Tố cáo 2018 Đ.29 k.3, Đ.47, Đ.56).

mod common;

use axum::http::StatusCode;
use common::{day, world, World, TODAY};
use papi_app::voice::documents::VoiceDoc;
use papi_app::voice::intake::Intake;
use papi_app::voice::StepInput;
use papi_core::voice::intake::IntakeForm;
use papi_core::voice::{Channel, MatterKind, Requester, StepKind};
use papi_core::{Actor, Role, User};
use papi_store::testing::backends;
use papi_web::AppState;

const DENOUNCER: &str = "Nguyễn Văn Mật";
const DENOUNCER_ADDRESS: &str = "Thôn Kín";
const DENOUNCER_ID: &str = "001234567890";

fn actor(u: &User) -> Actor {
    Actor {
        user_id: u.id,
        commune_id: u.commune_id,
        role: u.role,
        unit_id: u.unit_id,
    }
}

/// The application over the world's database, on the world's day.
fn app(w: &World) -> AppState {
    AppState::new(w.store.clone(), Some(day(TODAY.0, TODAY.1, TODAY.2)), false)
}

async fn step(
    app: &AppState,
    who: &Actor,
    id: i64,
    kind: StepKind,
    on: (u32, u32),
    text: &str,
    unit: Option<i64>,
) {
    papi_app::voice::step(
        app,
        who,
        "t",
        id,
        StepInput {
            kind: Some(kind),
            on: Some(day(2025, on.0, on.1)),
            text: text.into(),
            unit_id: unit,
            ..Default::default()
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
}

/// A first-time complaint: accepted, verified by unit A, suspended and resumed, decided.
async fn complaint(app: &AppState, w: &World) -> i64 {
    let office = actor(w.user(Role::Office));
    let r = papi_app::voice::receive(
        app,
        &office,
        "t",
        Intake {
            form: IntakeForm {
                kind: Some(MatterKind::Complaint),
                channel: Some(Channel::Letter),
                received_on: Some(day(2025, 3, 3)),
                title: "Khiếu nại Quyết định số 45/QĐ-UBND ngày 02/02/2025 về thu hồi đất".into(),
                content: "Đề nghị hủy quyết định thu hồi 120 m² đất vườn.".into(),
                requester: Requester {
                    name: "Trần Thị Khiếu".into(),
                    address: "Thôn Đông".into(),
                    ..Default::default()
                },
                respondent: "Chủ tịch UBND xã".into(),
                ..Default::default()
            },
            unit_id: Some(w.unit_a),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let id = r.id;
    step(app, &office, id, StepKind::Accept, (3, 10), "", None).await;
    step(
        app,
        &office,
        id,
        StepKind::Verify,
        (3, 11),
        "Đã đo đạc lại thửa đất",
        Some(w.unit_a),
    )
    .await;
    step(
        app,
        &office,
        id,
        StepKind::Suspend,
        (3, 20),
        "Chờ kết quả giám định hồ sơ địa chính",
        None,
    )
    .await;
    step(
        app,
        &office,
        id,
        StepKind::Resume,
        (4, 1),
        "Đã có kết quả giám định",
        None,
    )
    .await;
    step(
        app,
        &office,
        id,
        StepKind::Decide,
        (4, 20),
        "Giữ nguyên Quyết định số 45/QĐ-UBND ngày 02/02/2025",
        None,
    )
    .await;
    id
}

/// A denunciation held by the office (its custodian), verified by unit A, extended and
/// concluded; it names unit A's head, who must never see it.
async fn denunciation(app: &AppState, w: &World) -> i64 {
    let office = actor(w.user(Role::Office));
    let r = papi_app::voice::receive(
        app,
        &office,
        "t",
        Intake {
            form: IntakeForm {
                kind: Some(MatterKind::Denunciation),
                channel: Some(Channel::Letter),
                received_on: Some(day(2025, 3, 3)),
                title: "Tố cáo việc thu tiền trái quy định".into(),
                content: format!(
                    "Tôi là {DENOUNCER}, ở {DENOUNCER_ADDRESS}, số định danh {DENOUNCER_ID}, tố \
                     cáo ông Lê Văn Hùng thu tiền làm hồ sơ trái quy định."
                ),
                requester: Requester {
                    name: DENOUNCER.into(),
                    address: DENOUNCER_ADDRESS.into(),
                    id_number: DENOUNCER_ID.into(),
                    ..Default::default()
                },
                respondent: "Ông Lê Văn Hùng, công chức Văn hóa - Xã hội".into(),
                ..Default::default()
            },
            handler_id: Some(office.user_id),
            unit_id: Some(w.unit_a),
            accused_user_ids: vec![w.user(Role::UnitHead).id],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let id = r.id;
    step(app, &office, id, StepKind::Accept, (3, 10), "", None).await;
    step(
        app,
        &office,
        id,
        StepKind::Verify,
        (3, 11),
        "Đã làm việc với các hộ đã nộp tiền",
        Some(w.unit_a),
    )
    .await;
    step(
        app,
        &office,
        id,
        StepKind::Extend,
        (4, 7),
        "Vụ việc phức tạp, nhiều hộ liên quan",
        None,
    )
    .await;
    step(
        app,
        &office,
        id,
        StepKind::Conclude,
        (4, 25),
        "Nội dung tố cáo đúng một phần: ông Lê Văn Hùng thu 50.000 đồng mỗi hồ sơ",
        None,
    )
    .await;
    id
}

/// An officer of unit B: the matters belong to unit A.
async fn other_units_officer(w: &World) -> User {
    let u = User {
        id: 0,
        commune_id: w.commune.id,
        username: "can_bo_don_vi_b".into(),
        full_name: "Cán bộ đơn vị B".into(),
        email: String::new(),
        role: Role::Officer,
        unit_id: Some(w.unit_b),
        village_id: None,
        active: true,
    };
    let mut tx = w.store.begin_write().await.unwrap();
    let id = papi_store::org::insert_user(&mut tx, "t", &u, common::PASSWORD)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    User { id, ..u }
}

async fn client_of(w: &World, u: &User) -> common::Client {
    let token = papi_store::session::create(&w.store, u.id, u.commune_id)
        .await
        .unwrap();
    let csrf = papi_store::session::find(&w.store, &token)
        .await
        .unwrap()
        .unwrap()
        .csrf;
    common::Client {
        app: w.app.clone(),
        session: Some((token, csrf)),
    }
}

fn url(id: i64, doc: VoiceDoc) -> String {
    format!("/staff/voice/{id}/documents/{}", doc.code())
}

/// The text of a downloaded DOCX, read back by the independent DOCX reader of the plan
/// import; the download must be a DOCX attachment named after the document and the code.
fn docx_text(r: &common::Reply, doc: VoiceDoc, code: &str, ctx: &str) -> String {
    assert_eq!(r.status, StatusCode::OK, "{ctx}: {}", r.text());
    assert_eq!(
        r.headers["content-type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "{ctx}"
    );
    let disposition = r.headers["content-disposition"].to_str().unwrap();
    assert_eq!(
        disposition,
        format!("attachment; filename=\"{}-{code}.docx\"", doc.code()),
        "{ctx}"
    );
    assert!(disposition.is_ascii(), "{ctx}");
    let text = papi_docs::plan_import::docx_to_text(&r.body)
        .unwrap_or_else(|e| panic!("{ctx}: not a readable DOCX: {e:?}"));
    assert!(
        text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "{ctx}: {text}"
    );
    text
}

/// The title each document must carry (its kind of text, as papi-docs writes it).
fn title(doc: VoiceDoc) -> &'static str {
    match doc {
        VoiceDoc::Receipt => "GIẤY BIÊN NHẬN",
        VoiceDoc::ReceptionNotice
        | VoiceDoc::AcceptanceNotice
        | VoiceDoc::RefusalNotice
        | VoiceDoc::DenouncerNotice
        | VoiceDoc::DenouncedNotice => "THÔNG BÁO",
        VoiceDoc::TransferLetter => "PHIẾU CHUYỂN ĐƠN",
        VoiceDoc::Conclusion | VoiceDoc::ConclusionPublished => "KẾT LUẬN",
        _ => "QUYẾT ĐỊNH",
    }
}

#[tokio::test]
async fn documents_of_a_complaint_and_a_denunciation_keep_the_denouncer_secret() {
    for backend in backends() {
        let w = world(&backend).await;
        let app = app(&w);
        let kn = complaint(&app, &w).await;
        let tc = denunciation(&app, &w).await;
        let kn_code = papi_store::voice::get(&w.store, w.commune.id, kn)
            .await
            .unwrap()
            .code;
        let tc_code = papi_store::voice::get(&w.store, w.commune.id, tc)
            .await
            .unwrap()
            .code;

        // The complaint: what its file has reached, for the office, the chairman and unit A.
        let kn_docs = [
            VoiceDoc::Receipt,
            VoiceDoc::AcceptanceNotice,
            VoiceDoc::Suspension,
            VoiceDoc::Resumption,
            VoiceDoc::DecisionFirst,
        ];
        for role in [Role::Office, Role::Chairman, Role::Officer] {
            let c = w.client(Some(role)).await;
            for doc in kn_docs {
                let ctx = format!("{backend} {role:?} complaint {doc:?}");
                let text = docx_text(&c.get(&url(kn, doc)).await, doc, &kn_code, &ctx);
                assert!(text.contains(title(doc)), "{ctx}: {text}");
                // A complaint's documents name the complainant (Luật Khiếu nại Đ.31 k.2 b).
                assert!(text.contains("Trần Thị Khiếu"), "{ctx}: {text}");
            }
            let text = docx_text(
                &c.get(&url(kn, VoiceDoc::DecisionFirst)).await,
                VoiceDoc::DecisionFirst,
                &kn_code,
                "decision",
            );
            assert!(
                text.contains("Giữ nguyên quyết định hành chính bị khiếu nại"),
                "{text}"
            );
            // Decided in April 2025, before the district level ended on 01/07/2025: the second
            // complaint went to the district chairman (old Luật Khiếu nại Đ.18).
            assert!(
                text.contains("khiếu nại lần hai đến Chủ tịch Ủy ban nhân dân huyện"),
                "{text}"
            );
            assert!(
                text.contains("khiếu nại: Quyết định số 45/QĐ-UBND ngày 02/02/2025"),
                "{text}"
            );
            // Not reached: no refusal, no transfer, no second-time decision.
            for doc in [
                VoiceDoc::RefusalNotice,
                VoiceDoc::TransferLetter,
                VoiceDoc::DecisionSecond,
                VoiceDoc::Conclusion,
            ] {
                assert_eq!(
                    c.get(&url(kn, doc)).await.status,
                    StatusCode::NOT_FOUND,
                    "{backend} {role:?} {doc:?}"
                );
            }
        }

        // The denunciation, as its custodian (the office), the chairman and unit A's officer.
        let tc_docs = [
            VoiceDoc::Receipt,
            VoiceDoc::DenouncedNotice,
            VoiceDoc::Extension,
            VoiceDoc::Conclusion,
            VoiceDoc::ConclusionPublished,
        ];
        let secrets = [DENOUNCER, DENOUNCER_ADDRESS, DENOUNCER_ID];
        for role in [Role::Office, Role::Chairman, Role::Officer] {
            let c = w.client(Some(role)).await;
            for doc in tc_docs {
                let ctx = format!("{backend} {role:?} denunciation {doc:?}");
                let text = docx_text(&c.get(&url(tc, doc)).await, doc, &tc_code, &ctx);
                assert!(text.contains(title(doc)), "{ctx}: {text}");
                assert!(text.contains("Lê Văn Hùng"), "{ctx}: {text}");
                for s in secrets {
                    assert!(!text.contains(s), "{ctx} shows “{s}”: {text}");
                }
            }
            let doc = VoiceDoc::DenouncedNotice;
            let text = docx_text(&c.get(&url(tc, doc)).await, doc, &tc_code, "denounced");
            assert!(
                text.contains("Kính gửi: Ông Lê Văn Hùng, công chức Văn hóa - Xã hội."),
                "{text}"
            );
            if role != Role::Office {
                // Only the custodian prints the notice that names the denouncer.
                let r = c.get(&url(tc, VoiceDoc::DenouncerNotice)).await;
                assert_eq!(r.status, StatusCode::FORBIDDEN, "{backend} {role:?}");
            }
        }
        // Nobody has opened the sealed record so far.
        assert!(
            papi_store::voice::seal::openings(&w.store, w.commune.id, tc)
                .await
                .unwrap()
                .is_empty()
        );

        // The custodian prints the denouncer's notice: it names them, and the opening is logged.
        let office = w.client(Some(Role::Office)).await;
        let doc = VoiceDoc::DenouncerNotice;
        let text = docx_text(
            &office.get(&url(tc, doc)).await,
            doc,
            &tc_code,
            &format!("{backend} denouncer's notice"),
        );
        assert!(text.contains("Về việc thụ lý tố cáo"), "{text}");
        assert!(
            text.contains(&format!("{DENOUNCER} (địa chỉ: {DENOUNCER_ADDRESS})")),
            "{text}"
        );
        let log = papi_store::voice::seal::openings(&w.store, w.commune.id, tc)
            .await
            .unwrap();
        assert_eq!(log.len(), 1, "{backend}: {log:?}");
        assert_eq!(log[0].user_id, w.user(Role::Office).id);
        assert_eq!(
            log[0].purpose,
            papi_app::voice::documents::DENOUNCER_NOTICE_PURPOSE
        );

        // The denounced unit head and another unit's officer: the matter does not exist for
        // them; the complaint of unit A neither, for unit B. Roles without the right: refused.
        let accused = w.client(Some(Role::UnitHead)).await;
        let b = other_units_officer(&w).await;
        let b = client_of(&w, &b).await;
        for (who, c) in [("accused", &accused), ("unit B", &b)] {
            for doc in tc_docs.into_iter().chain([VoiceDoc::DenouncerNotice]) {
                assert_eq!(
                    c.get(&url(tc, doc)).await.status,
                    StatusCode::NOT_FOUND,
                    "{backend} {who} {doc:?}"
                );
            }
        }
        assert_eq!(
            b.get(&url(kn, VoiceDoc::Receipt)).await.status,
            StatusCode::NOT_FOUND
        );
        for role in [Role::Admin, Role::Front] {
            let c = w.client(Some(role)).await;
            assert_eq!(
                c.get(&url(kn, VoiceDoc::Receipt)).await.status,
                StatusCode::FORBIDDEN,
                "{backend} {role:?}"
            );
        }
        // An unknown document code or matter.
        assert_eq!(
            office
                .get(&format!("/staff/voice/{kn}/documents/khong-co"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            office
                .get(&url(kn + tc + 1000, VoiceDoc::Receipt))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        // Still one opening: only the denouncer's notice opens the record.
        assert_eq!(
            papi_store::voice::seal::openings(&w.store, w.commune.id, tc)
                .await
                .unwrap()
                .len(),
            1
        );
    }
}

#[tokio::test]
async fn the_page_lists_only_what_the_user_may_print() {
    for backend in backends() {
        let w = world(&backend).await;
        let app = app(&w);
        let tc = denunciation(&app, &w).await;
        let custodian = papi_app::voice::view(&app, &actor(w.user(Role::Office)), tc)
            .await
            .unwrap();
        let chairman = papi_app::voice::view(&app, &actor(w.user(Role::Chairman)), tc)
            .await
            .unwrap();
        let of = |v| papi_app::voice::documents::available(v);
        assert!(of(&custodian).contains(&VoiceDoc::DenouncerNotice));
        assert!(!of(&chairman).contains(&VoiceDoc::DenouncerNotice));
        assert_eq!(
            of(&chairman),
            vec![
                VoiceDoc::Receipt,
                VoiceDoc::DenouncedNotice,
                VoiceDoc::Extension,
                VoiceDoc::Conclusion,
                VoiceDoc::ConclusionPublished,
            ],
            "{backend}"
        );
    }
}

/// A complaint received at the reception place and refused, and a denunciation transferred:
/// the refusal, the reception notice and the transfer letter, the last without the denouncer.
#[tokio::test]
async fn refusals_and_transfers_print_their_reasons() {
    for backend in backends() {
        let w = world(&backend).await;
        let app = app(&w);
        let office = actor(w.user(Role::Office));
        let mut form = IntakeForm {
            kind: Some(MatterKind::Complaint),
            channel: Some(Channel::Reception),
            received_on: Some(day(2025, 4, 1)),
            title: "Khiếu nại việc xử phạt năm 2019".into(),
            content: "Đề nghị xem xét lại quyết định xử phạt.".into(),
            requester: Requester {
                name: "Phạm Văn Đến".into(),
                address: "Thôn Tây".into(),
                ..Default::default()
            },
            respondent: "Chủ tịch UBND xã".into(),
            ..Default::default()
        };
        let kn = papi_app::voice::receive(
            &app,
            &office,
            "t",
            Intake {
                form: form.clone(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        step(
            &app,
            &office,
            kn.id,
            StepKind::Refuse,
            (4, 5),
            "Thời hiệu khiếu nại đã hết",
            None,
        )
        .await;
        form.kind = Some(MatterKind::Denunciation);
        form.channel = Some(Channel::Letter);
        form.requester = Requester {
            name: DENOUNCER.into(),
            address: DENOUNCER_ADDRESS.into(),
            id_number: DENOUNCER_ID.into(),
            ..Default::default()
        };
        form.content = format!("{DENOUNCER} tố cáo Chủ tịch UBND xã nhận tiền.");
        let tc = papi_app::voice::receive(
            &app,
            &office,
            "t",
            Intake {
                form,
                against_leadership: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        step(
            &app,
            &office,
            tc.id,
            StepKind::Transfer,
            (4, 3),
            "Tố cáo Chủ tịch UBND xã thuộc thẩm quyền của Chủ tịch UBND tỉnh",
            None,
        )
        .await;
        let c = w.client(Some(Role::Office)).await;
        let doc = VoiceDoc::RefusalNotice;
        let text = docx_text(&c.get(&url(kn.id, doc)).await, doc, &kn.code, "refusal");
        assert!(
            text.contains("Về việc không thụ lý giải quyết khiếu nại lần đầu"),
            "{text}"
        );
        assert!(text.contains("Thời hiệu khiếu nại đã hết"), "{text}");
        let doc = VoiceDoc::ReceptionNotice;
        let text = docx_text(&c.get(&url(kn.id, doc)).await, doc, &kn.code, "reception");
        assert!(text.contains("không thụ lý, giải quyết vụ việc"), "{text}");
        assert!(text.contains("Phạm Văn Đến"), "{text}");
        let doc = VoiceDoc::TransferLetter;
        let text = docx_text(&c.get(&url(tc.id, doc)).await, doc, &tc.code, "transfer");
        assert!(
            text.contains("thuộc thẩm quyền của Chủ tịch UBND tỉnh"),
            "{text}"
        );
        assert!(text.contains("phong bì niêm phong riêng"), "{text}");
        for s in [DENOUNCER, DENOUNCER_ADDRESS, DENOUNCER_ID] {
            assert!(
                !text.contains(s),
                "{backend}: the transfer letter shows “{s}”"
            );
        }
        // Nothing else was reached.
        assert_eq!(
            c.get(&url(kn.id, VoiceDoc::AcceptanceNotice)).await.status,
            StatusCode::NOT_FOUND
        );
    }
}

/// The decision opens in LibreOffice: converted to PDF, the PDF holds a page.
#[tokio::test]
async fn a_complaint_decision_converts_to_pdf_in_libreoffice() {
    if std::process::Command::new("libreoffice")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("LibreOffice is not installed: the round trip is skipped.");
        return;
    }
    let w = world("sqlite").await;
    let app = app(&w);
    let kn = complaint(&app, &w).await;
    let r = w
        .client(Some(Role::Office))
        .await
        .get(&url(kn, VoiceDoc::DecisionFirst))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let dir = std::env::temp_dir().join(format!("papi-voice-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("quyet-dinh.docx");
    std::fs::write(&input, &r.body).unwrap();
    let out = std::process::Command::new("libreoffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&input)
        .output()
        .unwrap();
    let pdf = std::fs::read(dir.join("quyet-dinh.pdf")).unwrap_or_else(|e| {
        panic!(
            "no PDF ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf
        .windows(10)
        .any(|x| x == b"/Type/Page" || x == b"/Type /Pag"));
    let _ = std::fs::remove_dir_all(&dir);
}

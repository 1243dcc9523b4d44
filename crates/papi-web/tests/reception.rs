//! Citizen reception on every backend: the chairman's schedule and what the law flags in it
//! (Luật Tiếp công dân Điều 15 as amended by Luật 136/2025/QH15: two days a month from
//! 01/07/2026; Điều 24 khoản 4: the schedule posted at least 05 working days before), and the
//! register (Điều 25 khoản 2) whose lines open matters — a denunciation's line and the
//! exported register never naming the denouncer. Only the chairman and the office use it.

mod common;

use axum::http::StatusCode;
use calamine::{Reader, Xlsx};
use common::{day, world, Client, World};
use papi_core::voice::{Channel, MatterKind};
use papi_core::Role;
use papi_store::testing::backends;
use papi_web::AppState;

/// A client of `role` on a server whose "today" is `today` (the seeded world's is 2025).
async fn client_on(w: &World, role: Role, today: chrono::NaiveDate) -> Client {
    let mut c = w.client(Some(role)).await;
    c.app = papi_web::router(AppState::new(w.store.clone(), Some(today), false));
    c
}

async fn session_id(w: &World, on: chrono::NaiveDate) -> i64 {
    papi_store::voice::reception::sessions(&w.store, w.commune.id)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.date == on)
        .unwrap()
        .id
}

#[tokio::test]
async fn the_schedule_flags_a_missed_month_a_late_posting_and_an_unannounced_postponement() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = client_on(&w, Role::Office, day(2026, 8, 20)).await;
        // Thursday 16/07/2026: five working days before is Thursday 09/07/2026 (no holiday
        // between); posting on 10/07 is one day late.
        let r = office
            .post_form(
                "/staff/reception",
                &[("date", "16/07/2026"), ("posted_on", "10/07/2026")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let id = session_id(&w, day(2026, 7, 16)).await;
        let r = office
            .post_form(&format!("/staff/reception/{id}"), &[("op", "held")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());

        // A session in the future cannot be held; a postponement must move it later.
        office
            .post_form(
                "/staff/reception",
                &[("date", "27/08/2026"), ("posted_on", "19/08/2026")],
            )
            .await;
        let later = session_id(&w, day(2026, 8, 27)).await;
        let r = office
            .post_form(&format!("/staff/reception/{later}"), &[("op", "held")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(r.text().contains("chưa diễn ra"), "{backend}");
        let r = office
            .post_form(
                &format!("/staff/reception/{later}"),
                &[("op", "postponed"), ("to", "20/08/2026")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(r.text().contains("phải sau ngày 27/08/2026"), "{backend}");
        let r = office
            .post_form(
                &format!("/staff/reception/{later}"),
                &[("op", "postponed"), ("to", "31/08/2026")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());

        // A date that is not one is refused with what was typed, and the form keeps it.
        let r = office
            .post_form(
                "/staff/reception",
                &[("date", "32/13/2026"), ("host", "Ông A")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(r.text().contains("«32/13/2026»"), "{backend}");
        assert!(r.text().contains("value=\"Ông A\""), "{backend}");

        // An online session is held only with its recording (Điều 3a).
        office
            .post_form(
                "/staff/reception",
                &[
                    ("date", "06/08/2026"),
                    ("online", "1"),
                    ("posted_on", "28/07/2026"),
                ],
            )
            .await;
        let online = session_id(&w, day(2026, 8, 6)).await;
        let r = office
            .post_form(&format!("/staff/reception/{online}"), &[("op", "held")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(r.text().contains("bản ghi"), "{backend}");

        let page = office.get("/staff/reception").await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        let text = page.text();
        // July 2026: one day held, the amended Điều 15 requires two a month.
        assert!(
            text.contains("tháng 07/2026")
                && text.contains("tiếp công dân 1 ngày, luật yêu cầu ít nhất 2 ngày"),
            "{backend}: {text}"
        );
        assert!(text.contains("muộn hơn hạn 09/07/2026"), "{backend}");
        assert!(
            text.contains("Buổi tiếp ngày 27/08/2026 đã hoãn nhưng chưa thông báo lịch mới"),
            "{backend}"
        );
        // The posting deadline is shown with its source and status.
        assert!(text.contains("Điều 24 khoản 4 — OK"), "{backend}");
        // August is not over on 20/08: its frequency is not judged yet.
        assert!(!text.contains("tháng 08/2026:"), "{backend}");
        // June 2026 still counted by week (one day a week until 30/06/2026).
        assert!(text.contains("tuần 22/06/2026–28/06/2026"), "{backend}");
    }
}

fn entry<'a>(
    kind: &'a str,
    name: &'a str,
    id_number: &'a str,
    content: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("received_on", "14/08/2026"),
        ("name", name),
        ("address", "Thôn Đông, xã Thử Nghiệm"),
        ("id_number", id_number),
        ("content", content),
        ("prior_handling", "Chưa"),
        ("requests", "Đề nghị xem xét"),
        ("kind", kind),
        ("respondent", "Cán bộ địa chính xã"),
    ]
}

/// Every text cell of the register's sheet, row by row.
fn sheet(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[tokio::test]
async fn register_entries_open_matters_and_never_name_the_denouncer() {
    for backend in backends() {
        let w = world(&backend).await;
        let chairman = client_on(&w, Role::Chairman, day(2026, 8, 20)).await;

        // From 01/07/2026 the ID number is required at reception; the form keeps what was typed.
        let r = chairman
            .post_form(
                "/staff/reception/register",
                &entry("feedback", "Nguyễn Thị Hoa", "", "Đèn đường thôn Đông hỏng"),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(r.text().contains("01/07/2026"), "{backend}");
        assert!(r.text().contains("value=\"Nguyễn Thị Hoa\""), "{backend}");

        let mut codes = Vec::new();
        for (kind, name, idn, prefix) in [
            ("feedback", "Nguyễn Thị Hoa", "001190012345", "PA-2026-"),
            ("complaint", "Lê Văn Khánh", "001185054321", "KN-2026-"),
            (
                "denunciation",
                "Trần Văn Tố Giác",
                "001180099999",
                "TC-2026-",
            ),
        ] {
            let content = format!("Ông/bà {name} trình bày sự việc về đất ở thôn Đông");
            let r = chairman
                .post_form(
                    "/staff/reception/register",
                    &entry(kind, name, idn, &content),
                )
                .await;
            assert_eq!(
                r.status,
                StatusCode::SEE_OTHER,
                "{backend} {kind}: {}",
                r.text()
            );
            let code = r.location.split("saved=").nth(1).unwrap().to_string();
            assert!(code.starts_with(prefix), "{backend} {kind}: {code}");
            codes.push(code);
        }

        // Each line opened its matter, received in person (channel Reception).
        let entries = papi_store::voice::reception::entries(&w.store, w.commune.id)
            .await
            .unwrap();
        assert_eq!(entries.len(), 3, "{backend}");
        for (e, kind) in entries.iter().zip(MatterKind::ALL) {
            let m = papi_store::voice::get(&w.store, w.commune.id, e.matter_id.unwrap())
                .await
                .unwrap();
            assert_eq!((m.kind, m.channel), (kind, Channel::Reception), "{backend}");
        }
        // Feedback received in person on Friday 14/08/2026: the resident is told what happens
        // within 10 working days (Luật Tiếp công dân Điều 28 khoản 1). Saturday 22/08/2026 is a
        // working day in 2026 (made up for Monday 31/08, joined to the National Day holiday), so
        // the tenth is Thursday 27/08/2026, not Friday 28/08.
        let app = papi_app::App::new(w.store.clone(), Some(day(2026, 8, 20)));
        let u = w.user(Role::Chairman);
        let actor = papi_core::Actor {
            user_id: u.id,
            commune_id: u.commune_id,
            role: Role::Chairman,
            unit_id: u.unit_id,
        };
        let view = papi_app::voice::view(&app, &actor, entries[0].matter_id.unwrap())
            .await
            .unwrap();
        let reply = view.clocks.iter().find(|c| c.rule_id == "TCD-REPLY");
        assert_eq!(
            reply.and_then(|c| c.due),
            Some(day(2026, 8, 27)),
            "{backend}: {:?}",
            view.clocks
        );
        let sealed = format!("[Niêm phong — hồ sơ {}]", codes[2]);
        assert_eq!(
            (&entries[2].name, &entries[2].address, &entries[2].id_number),
            (&sealed, &sealed, &sealed),
            "{backend}"
        );

        let page = chairman
            .get("/staff/reception/register?from=01/08/2026&to=31/08/2026")
            .await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        let text = page.text();
        assert!(
            text.contains("Nguyễn Thị Hoa") && text.contains("Lê Văn Khánh"),
            "{backend}"
        );
        assert!(text.contains(&sealed), "{backend}");
        for secret in ["Tố Giác", "001180099999"] {
            assert!(!text.contains(secret), "{backend}: the page shows {secret}");
        }

        let xlsx = chairman
            .get("/staff/reception/register.xlsx?from=2026-08-01&to=2026-08-31")
            .await;
        assert_eq!(xlsx.status, StatusCode::OK, "{backend}");
        let rows = sheet(&xlsx.body);
        // The law's columns (Luật Tiếp công dân Điều 25 khoản 2, the ID number from the
        // amendment of Luật 136/2025/QH15), in its order.
        let law = [
            "số thứ tự",
            "ngày tiếp",
            "họ và tên",
            "địa chỉ",
            "số định danh cá nhân",
            "nội dung sự việc",
            "quá trình xem xét giải quyết đã có",
            "yêu cầu, đề nghị của người được tiếp",
            "việc tiếp nhận, xử lý vụ việc",
        ];
        let header = &rows[2];
        assert_eq!(header.len(), law.len(), "{backend}: {header:?}");
        for (h, l) in header.iter().zip(law) {
            assert!(
                h.to_lowercase().starts_with(l),
                "{backend}: «{h}» is not «{l}»"
            );
        }
        let cells: Vec<&String> = rows.iter().flatten().collect();
        assert!(
            cells.iter().any(|c| c.contains("Lê Văn Khánh")),
            "{backend}"
        );
        assert!(cells.iter().any(|c| **c == sealed), "{backend}");
        for secret in ["Tố Giác", "001180099999"] {
            assert!(
                !cells.iter().any(|c| c.contains(secret)),
                "{backend}: XLSX shows {secret}"
            );
        }

        let docx = chairman.get("/staff/reception/register.docx").await;
        assert_eq!(docx.status, StatusCode::OK, "{backend}");
        let doc = papi_docs::plan_import::docx_to_text(&docx.body).unwrap();
        assert!(
            doc.contains("Lê Văn Khánh") && doc.contains(&codes[2]),
            "{backend}: {doc}"
        );
        for secret in ["Tố Giác", "001180099999"] {
            assert!(!doc.contains(secret), "{backend}: DOCX shows {secret}");
        }

        // The last column follows the matter.
        let r = chairman
            .post_form(
                &format!("/staff/reception/register/{}/handling", entries[0].id),
                &[("handling", "Đã chuyển Công chức Địa chính xử lý")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}");
        let page = chairman.get("/staff/reception/register").await.text();
        assert!(
            page.contains("Đã chuyển Công chức Địa chính xử lý"),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn only_the_chairman_and_the_office_keep_reception() {
    for backend in backends() {
        let w = world(&backend).await;
        for role in [
            Role::Officer,
            Role::UnitHead,
            Role::Front,
            Role::VillageHead,
        ] {
            let c = w.client(Some(role)).await;
            for path in [
                "/staff/reception",
                "/staff/reception/register",
                "/staff/reception/register.xlsx",
                "/staff/reception/register.docx",
            ] {
                assert_eq!(
                    c.get(path).await.status,
                    StatusCode::FORBIDDEN,
                    "{backend} {role:?} {path}"
                );
            }
            let r = c
                .post_form("/staff/reception", &[("date", "20/05/2025")])
                .await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{backend} {role:?}");
            let r = c
                .post_form(
                    "/staff/reception/register",
                    &entry("feedback", "Nguyễn Thị Hoa", "", "Đèn đường"),
                )
                .await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{backend} {role:?}");
        }
        // The role check is in the service too, for the command line.
        let u = w.user(Role::Officer);
        let actor = papi_core::Actor {
            user_id: u.id,
            commune_id: u.commune_id,
            role: Role::Officer,
            unit_id: u.unit_id,
        };
        let app = papi_app::App::new(w.store.clone(), Some(day(2025, 5, 1)));
        assert!(matches!(
            papi_app::voice::reception::schedule(&app, &actor).await,
            Err(papi_app::Error::Forbidden)
        ));
    }
}

//! Every route × every role (anonymous included), on every backend: allowed roles get through,
//! the others are refused, anonymous staff requests are sent to the login page.

mod common;

use axum::http::StatusCode;
use common::{world, Client, World};
use papi_core::permission::role_allows;
use papi_core::Role;
use papi_store::testing::backends;
use papi_web::{Access, ROUTES};

fn fill(path: &str, w: &World, role: Option<Role>) -> String {
    // Boards before decisions: both live under /staff/participation, and the decisions' hooks
    // take whatever is left there.
    if let Some(p) = common::disclosure::fill(path, w, role)
        .or_else(|| common::boards::fill(path, w, role))
        .or_else(|| common::decisions::fill(path, w, role))
        .or_else(|| common::inspection::fill(path, w, role))
        .or_else(|| common::collect::fill(path, w))
        .or_else(|| common::satisfaction::fill(path, w, role))
    {
        return p;
    }
    let id = if path.starts_with("/staff/province/communes") {
        w.commune.id
    } else if path.starts_with("/staff/evidence") {
        w.evidence_id
    } else if path.starts_with("/staff/admin/users") {
        // Never the signed-in admin themselves: they may not lock their own account.
        w.user(if role == Some(Role::Officer) {
            Role::Front
        } else {
            Role::Officer
        })
        .id
    } else if path.starts_with("/staff/survey") || path.contains("/survey/") {
        w.survey_id
    } else if path.starts_with("/api/plans") {
        w.plan_id
    } else if path.starts_with("/staff/voice/") {
        w.matter_id
    } else {
        w.task_id
    };
    path.replace("{unit}", &w.unit_a.to_string())
        .replace("{period}", &w.period_id.to_string())
        .replace("{file}", "khong-ton-tai.ics")
        .replace("{uuid}", &w.response_uuid)
        .replace("{code}", &w.matter_code)
        .replace("{gso}", &w.commune.gso_code)
        .replace("{n}", "2")
        .replace("{version}", "1")
        .replace("{doc}", "bien-nhan")
        .replace("{id}", &id.to_string())
}

/// A request body that passes validation, so that only permission decides.
async fn call(w: &World, c: &Client, method: &str, path: &str, template: &str) -> common::Reply {
    if let Some(r) = common::disclosure::call(w, c, method, path, template).await {
        return r;
    }
    if let Some(r) = common::boards::call(w, c, method, path, template).await {
        return r;
    }
    if let Some(r) = common::decisions::call(w, c, method, path, template).await {
        return r;
    }
    if let Some(r) = common::inspection::call(w, c, method, path, template).await {
        return r;
    }
    if let Some(r) = common::collect::call(w, c, method, path, template).await {
        return r;
    }
    if let Some(r) = common::satisfaction::call(w, c, method, path, template).await {
        return r;
    }
    match (method, template) {
        ("GET", "/staff/voice/{id}/documents/{doc}") => {
            c.get(&voice_document(w, c, path).await).await
        }
        ("GET", _) => c.get(path).await,
        ("POST", "/login") => {
            // The login form's own CSRF cookie comes from GET /login.
            let (cookie, token) = c.form_cookie("/login").await;
            let body = format!(
                "csrf={token}&username=u_office&password={}",
                common::PASSWORD
            );
            c.send(
                "POST",
                path,
                Some("application/x-www-form-urlencoded"),
                body.into_bytes(),
                &[("cookie", cookie)],
            )
            .await
        }
        ("POST", "/staff/tasks/{id}/progress") => {
            c.post_multipart(
                path,
                &[("text", "Đã niêm yết"), ("progress", "50")],
                &[("evidence", "anh.png", b"\x89PNG\r\n\x1a\n....")],
            )
            .await
        }
        ("POST", "/staff/survey") => {
            c.post_multipart(path, &[("year", "2026"), ("title", "")], &[])
                .await
        }
        ("POST", "/staff/tasks/{id}/status") => {
            // A change the task's current state allows, whatever earlier calls did to it.
            let now = papi_store::plan::task(&w.store, w.task_id)
                .await
                .unwrap()
                .task
                .status;
            let next = if now == papi_core::TaskStatus::Done {
                "in_progress"
            } else {
                "done"
            };
            c.post_form(path, &[("status", next)]).await
        }
        ("POST", "/staff/tasks") | ("POST", "/staff/tasks/{id}/edit") => {
            c.post_form(
                path,
                &[
                    ("title", "Nhiệm vụ mới"),
                    ("deliverable", "Báo cáo"),
                    ("lead_unit_id", "1"),
                    ("due", "Quý III"),
                ],
            )
            .await
        }
        ("POST", "/staff/province/communes") => {
            c.post_form(
                path,
                &[
                    ("province", "33"),
                    ("commune_code", "11953"),
                    ("units", "Văn phòng HĐND và UBND | VP"),
                ],
            )
            .await
        }
        ("POST", "/staff/province/communes/all") => c.post_form(path, &[("province", "12")]).await,
        ("POST", "/staff/province/communes/{id}/admin") => {
            c.post_form(
                path,
                &[
                    ("admin_username", &format!("qt{}", rand_suffix())),
                    ("admin_full_name", "Quản Trị Mới"),
                    ("admin_password", "mây trắng bay qua cầu tre 7 nhịp"),
                ],
            )
            .await
        }
        ("POST", "/staff/admin/due-soon") => c.post_form(path, &[("due_soon_days", "10")]).await,
        ("POST", "/staff/admin/units") => {
            c.post_form(
                path,
                &[
                    ("name", &format!("Đơn vị {}", rand_suffix())),
                    ("short_name", "DV"),
                ],
            )
            .await
        }
        ("POST", "/staff/admin/users") => {
            let name = format!("moi{}", rand_suffix());
            c.post_form(
                path,
                &[
                    ("username", &name),
                    ("full_name", "Người mới"),
                    ("role", "front"),
                    ("password", "mây trắng bay qua cầu tre 7 nhịp"),
                ],
            )
            .await
        }
        ("POST", "/staff/admin/users/{id}") => {
            c.post_form(
                path,
                &[
                    ("op", "password"),
                    ("password", "mây trắng bay qua cầu tre 7 nhịp"),
                ],
            )
            .await
        }
        ("POST", "/staff/unit-plans/{unit}") => {
            c.post_form(path, &[("op", "save"), ("number", "05/KH-VHXH")])
                .await
        }
        ("POST", "/staff/unit-plans/{unit}/review") => {
            submit_unit_plan(w).await;
            c.post_form(path, &[("step", "return"), ("comment", "Bổ sung")])
                .await
        }
        ("POST", "/staff/reports") => {
            c.post_form(
                path,
                &[
                    ("kind", "quarter"),
                    ("from", "01/07/2025"),
                    ("to", "30/09/2025"),
                    ("unit_due", "10/10/2025"),
                ],
            )
            .await
        }
        ("POST", "/staff/reports/{period}/units/{unit}") => {
            c.post_form(path, &[("op", "save")]).await
        }
        ("POST", "/staff/reports/{period}/units/{unit}/review") => {
            submit_unit_report(w).await;
            c.post_form(path, &[("step", "accept")]).await
        }
        ("POST", "/staff/reports/{period}/commune") => {
            c.post_form(path, &[("number", "15/BC-UBND"), ("highlights", "Tốt")])
                .await
        }
        ("POST", "/staff/reports/{period}/units/{unit}/withdraw") => {
            submit_unit_report(w).await;
            accept(w, papi_core::review::ReviewedKind::UnitReport).await;
            c.post_form(path, &[("reason", "Sai số liệu")]).await
        }
        ("POST", "/staff/unit-plans/{unit}/withdraw") => {
            submit_unit_plan(w).await;
            accept(w, papi_core::review::ReviewedKind::UnitPlan).await;
            c.post_form(path, &[("reason", "Sai thời hạn")]).await
        }
        ("POST", "/staff/reports/{period}/commune/approve") => {
            // Before the period ends: approved only with the explicit confirmation.
            c.post_form(path, &[("confirm", "1")]).await
        }
        ("POST", "/staff/reports/{period}/commune/withdraw") => {
            c.post_form(path, &[("reason", "Sửa số liệu")]).await
        }
        ("POST", "/staff/import/plan") => {
            let plan = "Số: 11/KH-UBND\n\nThử, ngày 02 tháng 3 năm 2025\n\n**KẾ HOẠCH**\n**Thử nghiệm**\n\n#### 1.1. Nội dung “Tham gia của người dân ở cấp cơ sở”\n\na) Tuyên truyền.\n";
            c.post_multipart(
                path,
                &[("op", "preview")],
                &[("file", "ke-hoach.md", plan.as_bytes())],
            )
            .await
        }
        ("POST", "/staff/import/tasks") => {
            let csv = "STT,Nhiệm vụ,Nội dung,Chủ trì,Phối hợp,Sản phẩm,Thời hạn\n1,Việc mới,1.2.b,cong chuc van hoa - xa hoi,,Báo cáo,30/06/2025\n";
            c.post_multipart(path, &[], &[("file", "bieu.csv", csv.as_bytes())])
                .await
        }
        ("POST", "/staff/survey/{id}/responses") => {
            let csv = common::kobo_csv(2, 100 * rand_suffix() as usize);
            c.post_multipart(path, &[], &[("file", "tra-loi.csv", csv.as_bytes())])
                .await
        }
        ("POST", "/staff/survey/{id}/population") => {
            let csv = "village,sex,age_band,population\nThôn Đông,F,30-44,120\nThôn Đông,M,30-44,110\nThôn Tây,F,30-44,90\nThôn Tây,M,30-44,80\n";
            c.post_multipart(path, &[], &[("file", "dan-so.csv", csv.as_bytes())])
                .await
        }
        ("POST", "/public/{gso}/survey/{id}/take") => {
            let (cookie, token) = c.form_cookie(path).await;
            let body =
                format!("token={token}&village=Th%C3%B4n+%C4%90%C3%B4ng&sex=M&age_band=60%2B");
            c.send(
                "POST",
                path,
                Some("application/x-www-form-urlencoded"),
                body.into_bytes(),
                &[("cookie", cookie)],
            )
            .await
        }
        ("POST", "/public/{gso}/survey/{id}/r/{uuid}") => {
            let form = papi_docs::survey::default_form();
            let q = form
                .questions
                .iter()
                .find(|q| {
                    q.kind.starts_with("select_one")
                        && !["village", "sex", "age_band"].contains(&q.name.as_str())
                })
                .unwrap();
            let first = form
                .list(q.kind.split_whitespace().nth(1).unwrap())
                .unwrap()
                .choices[0]
                .name
                .clone();
            c.post_form(path, &[("question", &q.name), ("value", &first)])
                .await
        }
        ("POST", "/staff/admin/calendar") => {
            c.post_form(
                path,
                &[
                    ("year", "2027"),
                    ("lines", "01/01/2027 | nghỉ lễ | Tết Dương lịch | BLLĐ 2019"),
                ],
            )
            .await
        }
        ("POST", "/staff/survey/{id}/review") => {
            c.post_form(path, &[("decision", "accept_unflagged")]).await
        }
        ("POST", "/staff/survey/{id}/invitations") => c.post_form(path, &[("count", "2")]).await,
        ("POST", "/staff/admin/calendar/reset") => c.post_form(path, &[("year", "2027")]).await,
        ("POST", "/staff/reception") => c.post_form(path, &[("date", "20/05/2025")]).await,
        ("POST", "/staff/reception/{id}") => {
            // A session of its own, not yet posted: recording its posting today is valid.
            let path = match own_commune(w, c).await {
                true => format!("/staff/reception/{}", reception_session(w).await),
                false => path.to_string(),
            };
            c.post_form(&path, &[("op", "posted"), ("on", "01/05/2025")])
                .await
        }
        ("POST", "/staff/reception/register") => {
            c.post_form(
                path,
                &[
                    ("received_on", "01/05/2025"),
                    ("name", "Nguyễn Thị Hoa"),
                    ("content", "Đèn đường thôn Đông hỏng"),
                    ("kind", "feedback"),
                ],
            )
            .await
        }
        ("POST", "/staff/reception/register/{id}/handling") => {
            let path = match own_commune(w, c).await {
                true => format!(
                    "/staff/reception/register/{}/handling",
                    reception_entry(w).await
                ),
                false => path.to_string(),
            };
            c.post_form(&path, &[("handling", "Đã chuyển xử lý")]).await
        }
        ("POST", "/api/tasks/{id}/updates") => {
            c.post_json(path, serde_json::json!({"text": "Qua API", "progress": 30}))
                .await
        }
        ("POST", "/staff/voice") => {
            c.post_form(
                path,
                &[
                    ("kind", "feedback"),
                    ("channel", "letter"),
                    ("received_on", "01/04/2025"),
                    ("title", "Rác ở chợ"),
                    ("content", "Rác chưa được thu gom."),
                ],
            )
            .await
        }
        ("POST", "/staff/voice/settings") => {
            c.post_form(path, &[("acknowledge", "2"), ("answer", "10")])
                .await
        }
        ("POST", "/staff/voice/{id}/step") => {
            c.post_form(
                path,
                &[("step", "note"), ("text", "Đã gọi điện cho người gửi.")],
            )
            .await
        }
        ("POST", "/staff/voice/{id}/scan") => {
            c.post_multipart(
                path,
                &[],
                &[("scan", "don.pdf", b"%PDF-1.4 don".as_slice())],
            )
            .await
        }
        ("POST", "/staff/voice/{id}/dialogue") => {
            let path = voice_complaint(w, c, path).await;
            c.post_form(
                &path,
                &[
                    ("held_on", "20/04/2025"),
                    ("invited_on", "10/04/2025"),
                    ("chair", "Chủ tịch UBND xã"),
                    ("p_name", "Trần Thị Khiếu"),
                    ("p_role", "Người khiếu nại"),
                    ("p_att", "present"),
                    ("p_reason", ""),
                    ("result", "Các bên thống nhất."),
                    ("copies", "3"),
                ],
            )
            .await
        }
        ("POST", "/staff/voice/{id}/split") => {
            c.post_form(
                path,
                &[
                    ("kind", "complaint"),
                    ("title", "Khiếu nại"),
                    ("content", "Phần khiếu nại."),
                    ("respondent", "Quyết định xử phạt số 12/QĐ-XPHC"),
                ],
            )
            .await
        }
        ("POST", "/public/{gso}/feedback") => {
            c.post_form(
                path,
                &[
                    ("kind", "feedback"),
                    ("title", "Ổ gà"),
                    ("content", "Ổ gà trên đường thôn."),
                ],
            )
            .await
        }
        ("POST", "/staff/me/mail") => c.post_form(path, &[("kind", "daily_digest")]).await,
        ("POST", _) => c.post_form(path, &[]).await,
        _ => unreachable!(),
    }
}

/// Whether the client is signed in to the seeded commune: only then does `call` add an
/// object of its own there (another commune's users must find nothing to change).
async fn own_commune(w: &World, c: &Client) -> bool {
    match &c.session {
        Some((token, _)) => papi_store::session::find_with_user(&w.store, token)
            .await
            .unwrap()
            .is_some_and(|(_, u)| u.commune_id == w.commune.id),
        None => false,
    }
}

/// A new reception session on 20/05/2025, not yet posted.
async fn reception_session(w: &World) -> i64 {
    let s = papi_core::voice::reception::Session {
        id: 0,
        date: common::day(2025, 5, 20),
        posted_on: None,
        held: false,
        online: false,
        recording: String::new(),
        postponed_to: None,
        postponement_announced_on: None,
        host: "Chủ tịch UBND xã".into(),
    };
    let mut tx = w.store.begin_write().await.unwrap();
    let id = papi_store::voice::reception::save_session(&mut tx, "t", w.commune.id, &s)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// A line of the reception register.
async fn reception_entry(w: &World) -> i64 {
    let e = papi_store::voice::reception::Entry {
        id: 0,
        number: 0,
        received_on: common::day(2025, 4, 28),
        session_id: None,
        name: "Nguyễn Thị Hoa".into(),
        address: "Thôn Đông".into(),
        id_number: String::new(),
        content: "Đèn đường hỏng".into(),
        prior_handling: String::new(),
        requests: String::new(),
        handling: String::new(),
        matter_id: None,
    };
    let mut tx = w.store.begin_write().await.unwrap();
    let id = papi_store::voice::reception::add_entry(&mut tx, "t", w.commune.id, &e)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// A complaint accepted on 05/04/2025, for recording a dialogue on it; made once, and only
/// for commune A's own users (others get the path as filled).
async fn voice_complaint(w: &World, c: &Client, path: &str) -> String {
    let Some((token, _)) = &c.session else {
        return path.to_string();
    };
    let session = papi_store::session::find(&w.store, token)
        .await
        .unwrap()
        .unwrap();
    if !w.users.iter().any(|(_, u)| u.id == session.user_id) {
        return path.to_string();
    }
    const TITLE: &str = "Khiếu nại quyết định thu hồi đất vườn";
    let existing = papi_store::voice::list(&w.store, w.commune.id)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.title == TITLE);
    let id = match existing {
        Some(m) => m.id,
        None => {
            let app =
                papi_web::AppState::new(w.store.clone(), Some(common::day(2025, 5, 1)), false);
            let office = w.user(Role::Office);
            let actor = papi_core::Actor {
                user_id: office.id,
                commune_id: office.commune_id,
                role: office.role,
                unit_id: office.unit_id,
            };
            let intake = papi_app::voice::Intake {
                form: papi_core::voice::intake::IntakeForm {
                    kind: Some(papi_core::voice::MatterKind::Complaint),
                    channel: Some(papi_core::voice::Channel::Letter),
                    received_on: Some(common::day(2025, 4, 1)),
                    title: TITLE.into(),
                    content: "Đề nghị hủy quyết định thu hồi đất vườn.".into(),
                    requester: papi_core::voice::Requester {
                        name: "Trần Thị Khiếu".into(),
                        address: "Thôn Đông".into(),
                        ..Default::default()
                    },
                    respondent: "Chủ tịch UBND xã".into(),
                    ..Default::default()
                },
                ..Default::default()
            };
            let id = papi_app::voice::receive(&app, &actor, "t", intake)
                .await
                .unwrap()
                .id;
            papi_app::voice::step(
                &app,
                &actor,
                "t",
                id,
                papi_app::voice::StepInput {
                    kind: Some(papi_core::voice::StepKind::Accept),
                    on: Some(common::day(2025, 4, 5)),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
            id
        }
    };
    format!("/staff/voice/{id}/dialogue")
}

/// A matter's receipt that every role with the right to work on matters may see: feedback
/// brought in by the village head and assigned to unit A. Made once, and only for commune A's
/// own users, so the other-commune test sees commune A unchanged; others get the path as
/// filled.
async fn voice_document(w: &World, c: &Client, path: &str) -> String {
    let Some((token, _)) = &c.session else {
        return path.to_string();
    };
    let session = papi_store::session::find(&w.store, token)
        .await
        .unwrap()
        .unwrap();
    if !w.users.iter().any(|(_, u)| u.id == session.user_id) {
        return path.to_string();
    }
    const TITLE: &str = "Cột đèn đầu thôn Đông bị nghiêng";
    let existing = papi_store::voice::list(&w.store, w.commune.id)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.title == TITLE);
    let id = match existing {
        Some(m) => m.id,
        None => {
            let app =
                papi_web::AppState::new(w.store.clone(), Some(common::day(2025, 5, 1)), false);
            let head = w.user(Role::VillageHead);
            let actor = papi_core::Actor {
                user_id: head.id,
                commune_id: head.commune_id,
                role: head.role,
                unit_id: head.unit_id,
            };
            let intake = papi_app::voice::Intake {
                form: papi_core::voice::intake::IntakeForm {
                    kind: Some(papi_core::voice::MatterKind::Feedback),
                    channel: Some(papi_core::voice::Channel::VillageHead),
                    received_on: Some(common::day(2025, 4, 28)),
                    title: TITLE.into(),
                    content: "Ba cột đèn đầu thôn không sáng từ tuần trước.".into(),
                    ..Default::default()
                },
                unit_id: Some(w.unit_a),
                ..Default::default()
            };
            papi_app::voice::receive(&app, &actor, "t", intake)
                .await
                .unwrap()
                .id
        }
    };
    format!("/staff/voice/{id}/documents/bien-nhan")
}

/// Puts unit A's sub-plan in the "submitted" state so a review step is valid.
async fn submit_unit_plan(w: &World) {
    use papi_core::review::ReviewStatus;
    use papi_core::unit_plan::UnitPlan;
    let store = &w.store;
    let up = match papi_store::unit_plan::get(store, w.plan_id, w.unit_a)
        .await
        .unwrap()
    {
        Some((p, _)) => p,
        None => {
            let up = UnitPlan {
                id: 0,
                commune_id: w.commune.id,
                plan_id: w.plan_id,
                unit_id: w.unit_a,
                number: "1/KH".into(),
                issued_on: None,
                status: ReviewStatus::Draft,
                first_submitted_on: None,
                comment: String::new(),
            };
            let mut tx = store.begin_write().await.unwrap();
            let id = papi_store::unit_plan::save(&mut tx, "t", &up, &[])
                .await
                .unwrap();
            tx.commit().await.unwrap();
            UnitPlan { id, ..up }
        }
    };
    let mut tx = store.begin_write().await.unwrap();
    papi_store::review::set_status(
        &mut tx,
        "t",
        &up.reviewed(),
        ReviewStatus::Submitted,
        "",
        common::day(2025, 2, 1),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// Puts unit A's half-year report in the "submitted" state so a review step is valid.
async fn submit_unit_report(w: &World) {
    use papi_core::reporting::UnitReport;
    use papi_core::review::ReviewStatus;
    let store = &w.store;
    let r = match papi_store::unit_report::get(store, w.period_id, w.unit_a)
        .await
        .unwrap()
    {
        Some((r, _)) => r,
        None => {
            let r = UnitReport {
                id: 0,
                commune_id: w.commune.id,
                period_id: w.period_id,
                unit_id: w.unit_a,
                status: ReviewStatus::Draft,
                first_submitted_on: None,
                comment: String::new(),
            };
            let mut tx = store.begin_write().await.unwrap();
            let id = papi_store::unit_report::save(&mut tx, "t", &r, &[])
                .await
                .unwrap();
            tx.commit().await.unwrap();
            UnitReport { id, ..r }
        }
    };
    let mut tx = store.begin_write().await.unwrap();
    papi_store::review::set_status(
        &mut tx,
        "t",
        &r.reviewed(),
        ReviewStatus::Submitted,
        "",
        common::day(2025, 7, 1),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// Moves unit A's submitted report or sub-plan to "accepted", so withdrawing is valid.
async fn accept(w: &World, kind: papi_core::review::ReviewedKind) {
    use papi_core::review::{ReviewStatus, ReviewedKind};
    let store = &w.store;
    let doc = match kind {
        ReviewedKind::UnitReport => papi_store::unit_report::get(store, w.period_id, w.unit_a)
            .await
            .unwrap()
            .unwrap()
            .0
            .reviewed(),
        _ => papi_store::unit_plan::get(store, w.plan_id, w.unit_a)
            .await
            .unwrap()
            .unwrap()
            .0
            .reviewed(),
    };
    let mut tx = store.begin_write().await.unwrap();
    papi_store::review::set_status(
        &mut tx,
        "t",
        &doc,
        ReviewStatus::Accepted,
        "",
        common::day(2025, 7, 2),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

fn rand_suffix() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

#[tokio::test]
async fn every_route_for_every_role() {
    for backend in backends() {
        let w = world(&backend).await;
        let mut checked = 0;
        for spec in ROUTES {
            for role in std::iter::once(None).chain(Role::ALL.into_iter().map(Some)) {
                let c = w.client(role).await;
                let path = fill(spec.path, &w, role);
                let r = call(&w, &c, spec.method, &path, spec.path).await;
                let who = role.map(|r| r.code()).unwrap_or("anonymous");
                let ctx = format!(
                    "{backend} {} {} as {who}: {} {}",
                    spec.method,
                    spec.path,
                    r.status,
                    r.text()
                        .split("<main")
                        .nth(1)
                        .unwrap_or("")
                        .chars()
                        .take(700)
                        .collect::<String>()
                );
                assert!(r.status != StatusCode::INTERNAL_SERVER_ERROR, "{ctx}");
                match (spec.access, role) {
                    (Access::Public, _) => assert!(
                        !matches!(r.status, StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED),
                        "{ctx}"
                    ),
                    // OpenRosa: no credentials → the Digest challenge; the test enumerator's
                    // → served, whatever staff session the client also carries.
                    (Access::Enumerator, None) => {
                        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{ctx}");
                        let challenge = r
                            .headers
                            .get("www-authenticate")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("");
                        assert!(challenge.starts_with("Digest "), "{ctx}");
                    }
                    (Access::Enumerator, Some(_)) => {
                        assert!(r.status.is_success(), "{ctx}")
                    }
                    (Access::Staff(_), None) if spec.path.starts_with("/api/") => {
                        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{ctx}")
                    }
                    (Access::Staff(_), None) => assert_eq!(
                        (r.status, r.location.as_str()),
                        (StatusCode::SEE_OTHER, "/login"),
                        "{ctx}"
                    ),
                    (Access::Staff(action), Some(role)) => {
                        // Progress on a task is refused to officers of other units even when the role may report.
                        if role_allows(role, action) && object_allowed(&w, role, spec).await {
                            assert!(r.status != StatusCode::FORBIDDEN, "{ctx}");
                            assert!(r.status.is_success() || r.status.is_redirection(), "{ctx}");
                        } else if spec.path.starts_with("/staff/voice/{id}") {
                            // A matter the user may not see answers "not found": even its
                            // existence is kept from them (a denunciation's above all).
                            assert!(
                                matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                                "{ctx}"
                            );
                        } else {
                            assert_eq!(r.status, StatusCode::FORBIDDEN, "{ctx}");
                        }
                    }
                }
                checked += 1;
            }
        }
        assert_eq!(checked, ROUTES.len() * (Role::ALL.len() + 1));
    }
}

/// The object-level rule for the object `fill` puts in the path (DESIGN §1: the Front and
/// village heads see what concerns them and what is public; province viewers no task pages or
/// evidence).
async fn object_allowed(w: &World, role: Role, spec: &papi_web::RouteSpec) -> bool {
    let by_process = [
        common::disclosure::object_allowed(w, role, spec).await,
        common::boards::object_allowed(w, role, spec).await,
        common::decisions::object_allowed(w, role, spec).await,
        common::inspection::object_allowed(w, role, spec).await,
    ];
    if let Some(allowed) = by_process.into_iter().flatten().next() {
        return allowed;
    }
    use papi_core::permission::{can_view_evidence, can_view_task, can_view_unit_documents};
    let u = w.user(role);
    let actor = papi_core::Actor {
        user_id: u.id,
        commune_id: u.commune_id,
        role,
        unit_id: u.unit_id,
    };
    let task = papi_store::plan::task(&w.store, w.task_id)
        .await
        .unwrap()
        .task;
    match (spec.method, spec.path) {
        ("GET", "/staff/tasks/{id}" | "/api/tasks/{id}" | "/api/tasks/{id}/updates") => {
            can_view_task(&actor, &task)
        }
        ("GET", "/staff/evidence/{id}") => can_view_evidence(&actor, &task),
        (
            "GET",
            "/staff/unit-plans/{unit}"
            | "/staff/unit-plans/{unit}/docx"
            | "/staff/reports/{period}/units/{unit}"
            | "/staff/reports/{period}/units/{unit}/docx",
        ) => can_view_unit_documents(&actor, w.unit_a),
        (_, p) if p.starts_with("/staff/voice/{id}") => {
            use papi_core::voice::identity::{can_handle, can_open_identity};
            use papi_core::voice::{can_view, Visibility};
            let m = papi_store::voice::get(&w.store, w.commune.id, w.matter_id)
                .await
                .unwrap();
            match p {
                // `call` prints the receipt of a matter the village head brought in, which
                // every role that works on matters may see.
                "/staff/voice/{id}/documents/{doc}" => true,
                "/staff/voice/{id}" => can_view(&actor, &m) != Visibility::None,
                "/staff/voice/{id}/dialogue" if spec.method == "GET" => {
                    can_view(&actor, &m) != Visibility::None
                }
                "/staff/voice/{id}/identity"
                | "/staff/voice/{id}/protection"
                | "/staff/voice/{id}/scan" => can_open_identity(&actor, &m),
                _ => can_handle(&actor, &m),
            }
        }
        _ => true,
    }
}

#[tokio::test]
async fn front_village_heads_province_and_admins_see_only_their_share() {
    for backend in backends() {
        let w = world(&backend).await;
        let evidence = format!("/staff/evidence/{}", w.evidence_id);
        let task = format!("/staff/tasks/{}", w.task_id);
        let unit_report = format!("/staff/reports/{}/units/{}", w.period_id, w.unit_a);
        for role in [Role::Front, Role::VillageHead, Role::Province] {
            let c = w.client(Some(role)).await;
            assert_eq!(
                c.get(&evidence).await.status,
                StatusCode::FORBIDDEN,
                "{backend} {role:?}"
            );
            assert_eq!(
                c.get(&unit_report).await.status,
                StatusCode::FORBIDDEN,
                "{backend} {role:?}"
            );
            let page = c.get(&task).await;
            if role == Role::Province {
                assert_eq!(page.status, StatusCode::FORBIDDEN);
            } else if page.status == StatusCode::OK {
                assert!(
                    !page.text().contains(&evidence),
                    "{backend} {role:?}: file link shown"
                );
            }
        }
        let officer = w.client(Some(Role::Officer)).await;
        assert_eq!(officer.get(&evidence).await.status, StatusCode::OK);
        // A commune's admin neither reads other communes' figures nor makes province viewers.
        let admin = w.client(Some(Role::Admin)).await;
        assert_eq!(
            admin.get("/staff/province").await.status,
            StatusCode::FORBIDDEN
        );
        let r = admin
            .post_form(
                "/staff/admin/users",
                &[
                    ("username", "tinh_moi"),
                    ("full_name", "Cán bộ tỉnh"),
                    ("role", "province"),
                    ("password", "mây trắng bay qua cầu tre 7 nhịp"),
                ],
            )
            .await;
        assert!(r.text().contains("cấp tỉnh"), "{backend}: {}", r.status);
        assert!(papi_store::org::user_by_username(&w.store, "tinh_moi")
            .await
            .is_err());
    }
}

#[tokio::test]
async fn officers_report_only_on_their_units_tasks() {
    for backend in backends() {
        let w = world(&backend).await;
        let officer = w.client(Some(Role::Officer)).await;
        let path = format!("/staff/tasks/{}/progress", w.other_task_id);
        let r = officer
            .post_multipart(&path, &[("text", "x"), ("progress", "10")], &[])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{backend}");
        let r = officer
            .post_json(
                &format!("/api/tasks/{}/updates", w.other_task_id),
                serde_json::json!({"text": "x", "progress": 5}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{backend}");
    }
}

#[test]
fn each_route_is_declared_once_and_every_api_route_has_its_schemas() {
    let mut seen = std::collections::HashSet::new();
    for spec in ROUTES {
        assert!(
            seen.insert((spec.method, spec.path)),
            "{} {} declared twice",
            spec.method,
            spec.path
        );
        if spec.path.starts_with("/api/") && spec.path != "/api/openapi.json" {
            assert!(
                spec.api.is_some(),
                "{} {} has no schemas",
                spec.method,
                spec.path
            );
        }
    }
    // The router is built from the table alone: no path is registered anywhere else.
    let src = include_str!("../src/routes.rs");
    assert_eq!(
        src.matches(".route(").count(),
        1,
        "routes.rs registers paths outside ROUTES"
    );
    for file in ["lib.rs", "serve.rs"] {
        let path = format!("{}/src/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        assert!(
            !text.contains(".route("),
            "{file} registers a path outside ROUTES"
        );
    }
}

#[tokio::test]
async fn a_method_not_declared_is_refused() {
    use tower::ServiceExt;
    for backend in backends() {
        let w = world(&backend).await;
        let req = axum::http::Request::builder()
            .method("DELETE")
            .uri("/staff")
            .body(axum::body::Body::empty())
            .unwrap();
        let res = w.app.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED, "{backend}");
    }
}

/// What a second commune's users must never see of the first: its tasks' titles, its units'
/// names, its evidence files' names.
async fn first_communes_secrets(w: &World) -> Vec<String> {
    let mut out: Vec<String> = papi_store::plan::tasks(&w.store, w.plan_id)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.task.title)
        .collect();
    for u in papi_store::org::units(&w.store, w.commune.id)
        .await
        .unwrap()
    {
        out.push(u.name);
    }
    let updates = papi_store::plan::updates(&w.store, w.task_id)
        .await
        .unwrap();
    out.extend(
        updates
            .iter()
            .flat_map(|u| u.evidence.iter().map(|e| e.original_name.clone())),
    );
    out
}

/// Everything of the first commune a write could change, as one comparable value.
async fn first_communes_state(w: &World) -> String {
    use sqlx::Row;
    let mut out = String::new();
    for table in [
        "audit_log",
        "tasks",
        "task_updates",
        "units",
        "users",
        "unit_plans",
        "unit_reports",
        "commune_reports",
        "reporting_periods",
        "plans",
    ] {
        let r = sqlx::query(&format!(
            "SELECT COUNT(*) AS n FROM {table} WHERE commune_id = $1"
        ))
        .bind(w.commune.id)
        .fetch_one(&w.store.pool)
        .await
        .unwrap();
        out.push_str(&format!("{table}={} ", r.get::<i64, _>("n")));
    }
    for t in papi_store::plan::tasks(&w.store, w.plan_id).await.unwrap() {
        let t = t.task;
        out.push_str(&format!(
            "|{}:{}:{:?}:{}",
            t.id, t.title, t.status, t.progress
        ));
    }
    out
}

/// Users of every role of a second commune, against every staff route filled with the first
/// commune's objects: no page, document, feed or API answer shows anything of the first
/// commune, and no write changes it.
#[tokio::test]
async fn no_route_leaks_or_changes_another_communes_data() {
    for backend in backends() {
        let w = world(&backend).await;
        let form = papi_core::setup::SetupForm {
            commune_code: "11953".into(),
            villages: "Tổ dân phố 1".into(),
            units: "Văn phòng HĐND và UBND | VP\nPhòng Văn hóa - Xã hội | VHXH".into(),
            ..Default::default()
        };
        let setup = papi_core::setup::check(&form, false).unwrap();
        let mut tx = w.store.begin_write().await.unwrap();
        let b = papi_store::setup::create_commune(&mut tx, "t", &setup)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let b_unit = papi_store::org::units(&w.store, b).await.unwrap()[1].id;
        let mut tx = w.store.begin_write().await.unwrap();
        let mut b_users = Vec::new();
        for role in Role::ALL {
            let u = papi_core::User {
                id: 0,
                commune_id: b,
                username: format!("b_{}", role.code()),
                full_name: format!("Người xã B {}", role.label()),
                email: String::new(),
                role,
                unit_id: role.needs_unit().then_some(b_unit),
                village_id: None,
                active: true,
            };
            let id = papi_store::org::insert_user(&mut tx, "t", &u, common::PASSWORD)
                .await
                .unwrap();
            b_users.push((role, papi_core::User { id, ..u }));
        }
        tx.commit().await.unwrap();
        let secrets = first_communes_secrets(&w).await;
        assert!(secrets.len() >= 4, "{secrets:?}");
        let before = first_communes_state(&w).await;
        let mut checked = 0;
        for (role, u) in &b_users {
            let token = papi_store::session::create(&w.store, u.id, b)
                .await
                .unwrap();
            let csrf = papi_store::session::find(&w.store, &token)
                .await
                .unwrap()
                .unwrap()
                .csrf;
            let c = Client {
                app: w.app.clone(),
                session: Some((token, csrf)),
            };
            for spec in ROUTES
                .iter()
                .filter(|s| matches!(s.access, Access::Staff(_)))
            {
                // Adding communes is the province administrator's job, across communes by design.
                if spec.path.starts_with("/staff/province/communes") || spec.path == "/logout" {
                    continue;
                }
                let path = fill(spec.path, &w, Some(*role));
                let prepares = spec.path.ends_with("/review") || spec.path.ends_with("/withdraw");
                let r = if prepares && !spec.path.contains("/survey/") {
                    // Without `call`'s preparation, which submits commune A's document itself.
                    c.post_form(&path, &[("step", "accept"), ("reason", "Sửa lại")])
                        .await
                } else {
                    call(&w, &c, spec.method, &path, spec.path).await
                };
                let text = r.text();
                for s in &secrets {
                    assert!(
                        !text.contains(s.as_str()),
                        "{backend} {} {} as commune B's {}: shows “{s}” of commune A ({})",
                        spec.method,
                        path,
                        role.code(),
                        r.status
                    );
                }
                checked += 1;
            }
        }
        assert!(checked > 500, "{checked}");
        let after = first_communes_state(&w).await;
        if after != before {
            use sqlx::Row;
            let rows = sqlx::query(
                "SELECT actor, action, entity, entity_id FROM audit_log WHERE commune_id = $1 ORDER BY id",
            )
            .bind(w.commune.id)
            .fetch_all(&w.store.pool)
            .await
            .unwrap();
            let log: Vec<String> = rows
                .iter()
                .map(|r| {
                    format!(
                        "{} {} {} {}",
                        r.get::<String, _>("actor"),
                        r.get::<String, _>("action"),
                        r.get::<String, _>("entity"),
                        r.get::<i64, _>("entity_id")
                    )
                })
                .collect();
            panic!(
                "{backend}: commune A changed\n{before}\n{after}\n{}",
                log.join("\n")
            );
        }
    }
}

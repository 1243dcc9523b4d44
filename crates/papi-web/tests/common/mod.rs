//! A seeded commune and an in-process HTTP client for the web tests, on any backend.

#![allow(dead_code)]

pub mod boards;
pub mod collect;
pub mod decisions;
pub mod disclosure;
pub mod inspection;
pub mod satisfaction;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use chrono::NaiveDate;
use papi_core::{
    Commune, CommuneKind, Dimension, Due, ItemKind, Plan, Role, Task, TaskStatus, Unit, User,
};
use papi_store::plan::{NewEvidence, NewPlan, NewUpdate};
use papi_store::{org, plan, session, Store};
use papi_web::AppState;
use tower::ServiceExt;

pub const PASSWORD: &str = "mat-khau-thu-nghiem";
pub const TODAY: (i32, u32, u32) = (2025, 5, 1);

pub struct World {
    pub store: Store,
    pub app: Router,
    pub commune: Commune,
    pub plan_id: i64,
    /// The unit the unit head and officer belong to; it leads `task_id`.
    pub unit_a: i64,
    pub unit_b: i64,
    pub task_id: i64,
    /// A task led by unit B, so officers of unit A may not report on it.
    pub other_task_id: i64,
    pub evidence_id: i64,
    pub period_id: i64,
    pub survey_id: i64,
    /// A resident's survey form in progress.
    pub response_uuid: String,
    pub users: Vec<(Role, User)>,
    /// A resident's feedback, entered by the office and assigned to unit A.
    pub matter_id: i64,
    pub matter_code: String,
    pub disclosure: disclosure::Objects,
    pub decisions: decisions::Objects,
    pub boards: boards::Objects,
    pub inspection: inspection::Objects,
    pub satisfaction: satisfaction::Objects,
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub async fn world(backend: &str) -> World {
    let store = papi_store::testing::fresh_store(backend).await;
    let mut w = store.begin_write().await.unwrap();
    let commune = Commune {
        id: 0,
        gso_code: "99999".into(),
        name: "Thử Nghiệm".into(),
        kind: CommuneKind::Xa,
        province: "Hưng Yên".into(),
        due_soon: Default::default(),
    };
    let cid = org::insert_commune(&mut w, &commune).await.unwrap();
    let commune = Commune { id: cid, ..commune };
    let unit = |name: &str| Unit {
        id: 0,
        commune_id: cid,
        name: name.into(),
        short_name: name.into(),
    };
    let unit_a = org::insert_unit(&mut w, "t", &unit("Công chức Văn hóa - Xã hội"))
        .await
        .unwrap();
    let unit_b = org::insert_unit(&mut w, "t", &unit("Công chức Tư pháp - Hộ tịch"))
        .await
        .unwrap();
    let mut users = Vec::new();
    for role in Role::ALL {
        let u = User {
            id: 0,
            commune_id: cid,
            username: format!("u_{}", role.code()),
            full_name: format!("Người dùng {}", role.label()),
            email: String::new(),
            role,
            unit_id: role.needs_unit().then_some(unit_a),
            village_id: None,
            active: true,
        };
        let id = org::insert_user(&mut w, "t", &u, PASSWORD).await.unwrap();
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
            unit_plan_due_working_days: Some(15),
        },
        items: vec![
            (
                "1.2.b".into(),
                ItemKind::Content(Dimension::new(2).unwrap()),
                "Công khai hộ nghèo".into(),
            ),
            (
                "1.3.a".into(),
                ItemKind::Content(Dimension::new(3).unwrap()),
                "Tiếp công dân".into(),
            ),
        ],
        periods: vec![papi_core::reporting::PlannedPeriod {
            kind: papi_core::reporting::PeriodKind::HalfYear,
            from: day(2025, 1, 1),
            to: day(2025, 6, 30),
            due: day(2025, 7, 10),
        }],
    };
    let plan_id = plan::insert_plan(&mut w, "t", &new).await.unwrap();
    w.commit().await.unwrap();
    let items = plan::items(&store, plan_id).await.unwrap();
    let task = |title: &str, lead: i64, item: i64, due: NaiveDate| Task {
        id: 0,
        commune_id: cid,
        plan_id,
        item_id: Some(item),
        position: 1,
        title: title.into(),
        description: String::new(),
        lead_unit_id: lead,
        coordinating_unit_ids: vec![],
        deliverable: "Biên bản niêm yết".into(),
        due: Due::Date(due),
        status: TaskStatus::NotStarted,
        progress: 0,
        public: true,
    };
    let mut w = store.begin_write().await.unwrap();
    let task_id = plan::insert_task(
        &mut w,
        "t",
        &task(
            "Niêm yết danh sách hộ nghèo tại nhà văn hóa thôn Đông",
            unit_a,
            items[0].id,
            day(2025, 6, 30),
        ),
    )
    .await
    .unwrap();
    let other_task_id = plan::insert_task(
        &mut w,
        "t",
        &task(
            "Tiếp công dân định kỳ",
            unit_b,
            items[1].id,
            day(2025, 4, 1),
        ),
    )
    .await
    .unwrap();
    w.commit().await.unwrap();
    let office = users
        .iter()
        .find(|(r, _)| *r == Role::Office)
        .unwrap()
        .1
        .clone();
    plan::post_update(
        &store,
        NewUpdate {
            task_id,
            author_id: office.id,
            author_name: &office.full_name,
            text: "Đã lập danh sách",
            progress: 20,
            on: day(2025, 4, 20),
            created_at: Some("2025-04-20T03:00:00.000Z".into()),
            evidence: vec![NewEvidence {
                original_name: "Danh sách hộ nghèo.pdf".into(),
                content_type: "application/pdf".into(),
                content: b"%PDF-1.4 danh sach".to_vec(),
            }],
        },
    )
    .await
    .unwrap();
    let evidence_id = plan::updates(&store, task_id).await.unwrap()[0].evidence[0].id;
    let period_id = papi_store::reporting::periods(&store, plan_id)
        .await
        .unwrap()[0]
        .id;
    let (survey_id, response_uuid) = survey(&store, cid).await;
    let state = AppState::new(store.clone(), Some(day(TODAY.0, TODAY.1, TODAY.2)), false);
    let (matter_id, matter_code) = feedback(&state, &office, unit_a).await;
    let app = papi_web::router(state);
    let mut world = World {
        store,
        app,
        commune,
        plan_id,
        unit_a,
        unit_b,
        task_id,
        other_task_id,
        evidence_id,
        period_id,
        survey_id,
        response_uuid,
        users,
        matter_id,
        matter_code,
        disclosure: Default::default(),
        decisions: Default::default(),
        boards: Default::default(),
        inspection: Default::default(),
        satisfaction: Default::default(),
    };
    world.disclosure = disclosure::seed(&world).await;
    world.decisions = decisions::seed(&world).await;
    world.boards = boards::seed(&world).await;
    world.inspection = inspection::seed(&world).await;
    world.satisfaction = satisfaction::seed(&world).await;
    world
}

/// A resident's feedback about a street light, entered by the office and assigned to unit A.
async fn feedback(state: &AppState, office: &User, unit_a: i64) -> (i64, String) {
    use papi_core::voice::intake::IntakeForm;
    use papi_core::voice::{Channel, MatterKind, Requester};
    let actor = papi_core::Actor {
        user_id: office.id,
        commune_id: office.commune_id,
        role: Role::Office,
        unit_id: None,
    };
    let intake = papi_app::voice::Intake {
        form: IntakeForm {
            kind: Some(MatterKind::Feedback),
            channel: Some(Channel::Letter),
            received_on: Some(state.today()),
            title: "Đèn đường thôn Đông không sáng".into(),
            content: "Ba cột đèn trước nhà văn hóa thôn Đông không sáng.".into(),
            requester: Requester {
                name: "Lê Thị Phản Ánh".into(),
                address: "Thôn Đông".into(),
                ..Default::default()
            },
            ..Default::default()
        },
        unit_id: Some(unit_a),
        ..Default::default()
    };
    let r = papi_app::voice::receive(state, &actor, "t", intake)
        .await
        .unwrap();
    (r.id, r.code)
}

/// Two villages, the default questionnaire, and one resident's form just started.
async fn survey(store: &Store, cid: i64) -> (i64, String) {
    use papi_docs::survey::{default_form, write_toml, DEFAULT_AGE_BANDS};
    let mut w = store.begin_write().await.unwrap();
    for v in ["Thôn Đông", "Thôn Tây"] {
        org::insert_village(&mut w, cid, v).await.unwrap();
    }
    let record = papi_store::survey::SurveyRecord {
        id: 0,
        commune_id: cid,
        year: 2025,
        title: "Khảo sát thử".into(),
        questionnaire_json: write_toml(&default_form()),
        age_bands: DEFAULT_AGE_BANDS.iter().map(|s| s.to_string()).collect(),
    };
    let id = papi_store::survey::insert_survey(&mut w, "t", &record)
        .await
        .unwrap();
    w.commit().await.unwrap();
    let r = papi_store::survey::Response {
        uuid: "dang-tra-loi".into(),
        village: "Thôn Đông".into(),
        sex: "F".into(),
        age_band: "30-44".into(),
        submitted_at: "2025-04-01T00:00:00Z".into(),
        answers: Default::default(),
        scores: vec![],
        complete: false,
    };
    papi_store::survey::start_response(store, cid, id, &r, "", None)
        .await
        .unwrap();
    // Forty answered forms, imported as from KoboToolbox.
    let villages = vec!["Thôn Đông".to_string(), "Thôn Tây".to_string()];
    let bands: Vec<String> = DEFAULT_AGE_BANDS.iter().map(|s| s.to_string()).collect();
    let none = Default::default();
    let spec = papi_docs::survey::ImportSpec {
        villages: &villages,
        age_bands: &bands,
        existing_uuids: &none,
    };
    let csv = kobo_csv(40, 0);
    let imported =
        papi_docs::survey::read_responses_csv(&default_form(), csv.as_bytes(), &spec).unwrap();
    let rows: Vec<papi_store::survey::Response> = imported
        .meta
        .iter()
        .enumerate()
        .map(|(i, m)| papi_store::survey::Response {
            uuid: m.uuid.clone(),
            village: villages[m.village].clone(),
            sex: if m.cell / 4 == 1 {
                "M".into()
            } else {
                "F".into()
            },
            age_band: bands[m.cell % 4].clone(),
            submitted_at: "2025-04-02T00:00:00Z".into(),
            answers: Default::default(),
            scores: imported
                .respondents
                .row(i)
                .iter()
                .map(|x| (!x.is_nan()).then_some(*x))
                .collect(),
            complete: true,
        })
        .collect();
    let mut w = store.begin_write().await.unwrap();
    papi_store::survey::insert_responses(&mut w, "t", cid, id, &rows)
        .await
        .unwrap();
    w.commit().await.unwrap();
    (id, r.uuid)
}

/// A Kobo-style CSV of `n` respondents answering every question with one of its first choices.
pub fn kobo_csv(n: usize, first_uuid: usize) -> String {
    let form = papi_docs::survey::default_form();
    let questions: Vec<&papi_docs::survey::Question> = form
        .questions
        .iter()
        .filter(|q| {
            q.kind.starts_with("select_one")
                && !["village", "sex", "age_band"].contains(&q.name.as_str())
        })
        .collect();
    let mut out = String::from("_uuid,village,sex,age_band");
    for q in &questions {
        out.push(',');
        out.push_str(&q.name);
    }
    out.push('\n');
    for k in 0..n {
        out.push_str(&format!(
            "u{},Thôn Đông,{},30-44",
            first_uuid + k,
            if k % 2 == 0 { "F" } else { "M" }
        ));
        for q in &questions {
            let list = q
                .kind
                .split_whitespace()
                .nth(1)
                .and_then(|l| form.list(l))
                .unwrap();
            out.push(',');
            out.push_str(&list.choices[k % list.choices.len().min(2)].name);
        }
        out.push('\n');
    }
    out
}

/// A signed-in client (or anonymous when `session` is `None`).
pub struct Client {
    pub app: Router,
    pub session: Option<(String, String)>,
}

pub struct Reply {
    pub status: StatusCode,
    pub location: String,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl World {
    pub fn user(&self, role: Role) -> &User {
        &self.users.iter().find(|(r, _)| *r == role).unwrap().1
    }

    pub async fn client(&self, role: Option<Role>) -> Client {
        let session = match role {
            None => None,
            Some(r) => {
                let u = self.user(r);
                let token = session::create(&self.store, u.id, u.commune_id)
                    .await
                    .unwrap();
                let csrf = session::find(&self.store, &token)
                    .await
                    .unwrap()
                    .unwrap()
                    .csrf;
                Some((token, csrf))
            }
        };
        Client {
            app: self.app.clone(),
            session,
        }
    }
}

impl Client {
    /// The form cookie a page sets (its first `Set-Cookie`) and the token it carries: the
    /// login page's and the survey start page's forms check one against the other.
    pub async fn form_cookie(&self, path: &str) -> (String, String) {
        let page = self.get(path).await;
        let cookie = page.headers["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string();
        let token = cookie.split('=').nth(1).unwrap().to_string();
        (cookie, token)
    }

    /// Answers every question of a survey form with the first choice offered (or "1");
    /// returns the closing page.
    pub async fn answer_all(&self, url: &str) -> String {
        for _ in 0..200 {
            let q = self.get(url).await.text();
            if q.contains("Cảm ơn bạn đã trả lời") {
                return q;
            }
            let name = q
                .split("name=\"question\" value=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_string();
            let value = q
                .split("name=\"value\" value=\"")
                .nth(1)
                .map(|v| v.split('"').next().unwrap().to_string())
                .unwrap_or_else(|| "1".into());
            let r = self
                .post_form(url, &[("question", &name), ("value", &value)])
                .await;
            assert_eq!(
                r.status,
                StatusCode::SEE_OTHER,
                "{name}={value}: {}",
                r.text()
            );
        }
        panic!("the survey form did not end");
    }

    pub fn csrf(&self) -> String {
        self.session
            .as_ref()
            .map(|s| s.1.clone())
            .unwrap_or_default()
    }

    pub async fn send(
        &self,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
        extra: &[(&str, String)],
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(path);
        if let Some((token, _)) = &self.session {
            req = req.header(header::COOKIE, format!("papi_session={token}"));
        }
        if let Some(ct) = content_type {
            req = req.header(header::CONTENT_TYPE, ct);
        }
        for (k, v) in extra {
            req = req.header(*k, v.as_str());
        }
        let resp = self
            .app
            .clone()
            .oneshot(req.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let location = headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = axum::body::to_bytes(resp.into_body(), 64 * 1024 * 1024)
            .await
            .unwrap()
            .to_vec();
        Reply {
            status,
            location,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send("GET", path, None, vec![], &[]).await
    }

    /// Posts a url-encoded form, adding this session's CSRF token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let csrf = self.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        let body = serde_urlencoded::to_string(&all).unwrap();
        self.send(
            "POST",
            path,
            Some("application/x-www-form-urlencoded"),
            body.into_bytes(),
            &[],
        )
        .await
    }

    /// Posts a multipart form: text fields, then files (field name, file name, bytes).
    pub async fn post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &[u8])],
    ) -> Reply {
        let boundary = "papi-test-boundary-7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        let csrf = self.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        for (k, v) in all {
            body.extend(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                )
                .into_bytes(),
            );
        }
        for (k, name, bytes) in files {
            body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").into_bytes());
            body.extend_from_slice(bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{boundary}--\r\n").into_bytes());
        self.send(
            "POST",
            path,
            Some(&format!("multipart/form-data; boundary={boundary}")),
            body,
            &[],
        )
        .await
    }

    pub async fn post_json(&self, path: &str, json: serde_json::Value) -> Reply {
        let csrf = self.csrf();
        self.send(
            "POST",
            path,
            Some("application/json"),
            json.to_string().into_bytes(),
            &[("x-csrf-token", csrf)],
        )
        .await
    }
}

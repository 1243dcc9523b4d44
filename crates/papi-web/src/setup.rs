//! The first-run page: on an empty database, the machine's owner sets up the commune in the
//! browser. Only someone who can read the server's log may: it prints a one-time code when the
//! server starts on an empty database, and the page asks for it.

use std::sync::Mutex;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use papi_core::admin_units::{self, AdminUnit, Province};
use papi_core::setup::{default_units, units_text, SetupForm};
use papi_core::CommuneKind;
use serde::Deserialize;

use crate::error::{AppError, PageResult};
use crate::AppState;

/// Wrong codes tolerated before the code stops working (restart the server for a new one).
const MAX_WRONG_CODES: u32 = 20;

/// The one-time code of this server's first run.
#[derive(Default)]
pub struct FirstRunCode {
    inner: Mutex<(Option<String>, u32)>,
}

impl FirstRunCode {
    /// A new code, replacing any earlier one: printed in the log by `serve`.
    pub fn issue(&self) -> String {
        use rand::Rng;
        const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        let mut rng = rand::thread_rng();
        let code: String = (0..12)
            .map(|i| {
                let c = LETTERS[rng.gen_range(0..LETTERS.len())] as char;
                if i > 0 && i % 4 == 0 {
                    format!("-{c}")
                } else {
                    c.to_string()
                }
            })
            .collect();
        *self.inner.lock().unwrap_or_else(|p| p.into_inner()) = (Some(code.clone()), 0);
        code
    }

    /// Whether `typed` is the code (spaces, dashes and case aside); counts wrong tries.
    fn accepts(&self, typed: &str) -> bool {
        let norm = |s: &str| {
            s.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_uppercase())
                .collect::<String>()
        };
        let mut g = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let Some(code) = g.0.clone() else {
            return false;
        };
        if g.1 >= MAX_WRONG_CODES {
            return false;
        }
        let ok = crate::auth::constant_time_eq(norm(&code).as_bytes(), norm(typed).as_bytes());
        if !ok {
            g.1 += 1;
        }
        ok
    }

    fn spend(&self) {
        *self.inner.lock().unwrap_or_else(|p| p.into_inner()) = (None, 0);
    }
}

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    provinces: Vec<Province>,
    province: Option<Province>,
    communes: Vec<&'static AdminUnit>,
    /// The unit chosen from the list, once province and commune are picked.
    chosen: Option<&'static AdminUnit>,
    form: SetupForm,
    code: String,
    errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "setup_done.html")]
struct SetupDone {
    name: String,
    username: String,
}

#[derive(Deserialize, Default)]
pub struct Chosen {
    #[serde(default)]
    province: String,
    #[serde(default)]
    commune: String,
}

/// GET /setup: the form; the province chosen first narrows the list of communes.
pub async fn show(State(state): State<AppState>, Query(q): Query<Chosen>) -> PageResult {
    if !papi_app::setup::needs_first_run(&state).await? {
        return Ok(Redirect::to("/login").into_response());
    }
    let province = admin_units::province(&q.province);
    let chosen = admin_units::by_code(&q.commune)
        .filter(|u| province.as_ref().is_some_and(|p| p.code == u.province_code));
    // The default units follow the unit's kind: a ward's economy office is named differently.
    let kind = chosen.map(|u| u.kind).unwrap_or(CommuneKind::Xa);
    let form = SetupForm {
        commune_code: chosen.map(|u| u.code.to_string()).unwrap_or_default(),
        units: units_text(&default_units(kind)),
        due_soon: papi_core::agenda::DueSoon::DEFAULT_WORKING_DAYS.to_string(),
        ..SetupForm::default()
    };
    page(province, form, String::new(), Vec::new(), false)
}

fn page(
    province: Option<Province>,
    form: SetupForm,
    code: String,
    errors: Vec<String>,
    refused: bool,
) -> PageResult {
    let communes = province
        .as_ref()
        .map(|p| admin_units::of_province(p.code))
        .unwrap_or_default();
    let chosen = admin_units::by_code(&form.commune_code);
    let page = SetupPage {
        provinces: admin_units::provinces(),
        province,
        communes,
        chosen,
        form: SetupForm {
            admin_password: String::new(),
            ..form
        },
        code,
        errors,
    };
    crate::view::form_page(&page, refused)
}

/// POST /setup: creates the commune, its first administrator, villages and units.
pub async fn create(State(state): State<AppState>, body: axum::body::Bytes) -> PageResult {
    let f = crate::plan::edit::FormPairs::parse(&body)?;
    if !papi_app::setup::needs_first_run(&state).await? {
        return Err(AppError::BadRequest(
            "Máy chủ đã được khởi tạo; đăng nhập bằng tài khoản quản trị.".into(),
        ));
    }
    let province = admin_units::province(f.get("province"));
    let form = typed_form(&f);
    if !state.first_run.accepts(f.get("code")) {
        let why = "Mã khởi tạo không đúng. Mã được in trong nhật ký của máy chủ khi máy chủ khởi động (dòng “Mã khởi tạo”).";
        return page(province, form, String::new(), vec![why.into()], true);
    }
    match papi_app::setup::first_run(&state, "first-run", &form).await? {
        Ok(s) => {
            state.first_run.spend();
            tracing::info!(commune = %s.gso_code, "first run done");
            let done = SetupDone {
                name: format!(
                    "{} {}",
                    papi_core::text::capitalise_first(s.kind.label()),
                    s.name
                ),
                username: s.admin.map(|a| a.username).unwrap_or_default(),
            };
            Ok(axum::response::Html(done.render()?).into_response())
        }
        Err(errors) => page(province, form, f.get("code").into(), errors, true),
    }
}

/// One commune of the server, as the province administrator sees it.
pub struct CommuneRow {
    pub id: i64,
    pub name: String,
    pub gso: String,
    pub province: String,
    pub admins: usize,
}

#[derive(Template)]
#[template(path = "province_communes.html")]
struct CommunesPage {
    nav: crate::view::Nav,
    communes: Vec<CommuneRow>,
    provinces: Vec<Province>,
    province: Option<Province>,
    units: Vec<&'static AdminUnit>,
    form: SetupForm,
    errors: Vec<String>,
    done: String,
}

async fn communes_page(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    province: Option<Province>,
    form: SetupForm,
    errors: Vec<String>,
    done: String,
) -> PageResult {
    let mut communes = Vec::new();
    for c in papi_store::org::communes(&state.store).await? {
        let admins = papi_store::org::users(&state.store, c.id)
            .await?
            .iter()
            .filter(|u| u.role == papi_core::Role::Admin && u.active)
            .count();
        communes.push(CommuneRow {
            id: c.id,
            name: c.full_name(),
            gso: c.gso_code,
            province: c.province,
            admins,
        });
    }
    let units = province
        .as_ref()
        .map(|p| admin_units::of_province(p.code))
        .unwrap_or_default();
    let refused = !errors.is_empty();
    let page = CommunesPage {
        nav: crate::view::Nav::new(user, state, "communes"),
        communes,
        provinces: admin_units::provinces(),
        province,
        units,
        form: SetupForm {
            admin_password: String::new(),
            ..form
        },
        errors,
        done,
    };
    crate::view::form_page(&page, refused)
}

#[derive(Deserialize, Default)]
pub struct CommunesQuery {
    #[serde(default)]
    province: String,
    #[serde(default)]
    done: String,
}

/// GET /staff/province/communes: the communes of the server and the forms to add more.
pub async fn communes(
    State(state): State<AppState>,
    user: crate::auth::CurrentUser,
    Query(q): Query<CommunesQuery>,
) -> PageResult {
    let form = SetupForm {
        units: units_text(&default_units(CommuneKind::Xa)),
        ..SetupForm::default()
    };
    let done = match q.done.as_str() {
        "" => String::new(),
        d => format!("Đã lưu: {d}."),
    };
    communes_page(
        &state,
        &user,
        admin_units::province(&q.province),
        form,
        vec![],
        done,
    )
    .await
}

/// POST /staff/province/communes: one commune of the list, with its first administrator.
pub async fn add_commune(
    State(state): State<AppState>,
    user: crate::auth::CurrentUser,
    body: axum::body::Bytes,
) -> PageResult {
    let f = crate::plan::edit::FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let form = typed_form(&f);
    let province = admin_units::province(f.get("province"));
    let (actor, name) = (user.actor(), user.audit_name());
    match papi_app::setup::add_commune(&state, &actor, &name, &form).await? {
        Ok(s) => {
            let what = format!("{} {}", s.kind.label(), s.name);
            Ok(Redirect::to(&format!(
                "/staff/province/communes?done={}",
                urlencoding(&what)
            ))
            .into_response())
        }
        Err(errors) => communes_page(&state, &user, province, form, errors, String::new()).await,
    }
}

/// POST /staff/province/communes/all: every unit of a province not yet on the server.
pub async fn add_province(
    State(state): State<AppState>,
    user: crate::auth::CurrentUser,
    body: axum::body::Bytes,
) -> PageResult {
    let f = crate::plan::edit::FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let (actor, name) = (user.actor(), user.audit_name());
    let code = f.get("province");
    match papi_app::setup::add_province(&state, &actor, &name, code).await {
        Ok(r) => {
            let what = format!("thêm {} xã, phường; {} đã có từ trước", r.added, r.already);
            Ok(Redirect::to(&format!(
                "/staff/province/communes?done={}",
                urlencoding(&what)
            ))
            .into_response())
        }
        Err(papi_app::Error::Invalid(why)) => {
            communes_page(
                &state,
                &user,
                None,
                SetupForm::default(),
                vec![why],
                String::new(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /staff/province/communes/{id}/admin: a commune's (first) administrator.
pub async fn add_admin(
    State(state): State<AppState>,
    user: crate::auth::CurrentUser,
    axum::extract::Path(id): axum::extract::Path<i64>,
    body: axum::body::Bytes,
) -> PageResult {
    let f = crate::plan::edit::FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let form = typed_form(&f);
    let (actor, name) = (user.actor(), user.audit_name());
    match papi_app::setup::add_commune_admin(&state, &actor, &name, id, &form).await? {
        Ok(()) => {
            let what = format!("tài khoản quản trị {}", form.admin_username.trim());
            Ok(Redirect::to(&format!(
                "/staff/province/communes?done={}",
                urlencoding(&what)
            ))
            .into_response())
        }
        Err(errors) => communes_page(&state, &user, None, form, errors, String::new()).await,
    }
}

fn typed_form(f: &crate::plan::edit::FormPairs) -> SetupForm {
    SetupForm {
        commune_code: f.get("commune_code").into(),
        historic_name: f.get("historic_name").into(),
        historic_kind: f.get("historic_kind").into(),
        historic_code: f.get("historic_code").into(),
        admin_username: f.get("admin_username").into(),
        admin_full_name: f.get("admin_full_name").into(),
        admin_email: f.get("admin_email").into(),
        admin_password: f.get("admin_password").into(),
        villages: f.get("villages").into(),
        units: f.get("units").into(),
        due_soon: f.get("due_soon").into(),
    }
}

fn urlencoding(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|e| e.trim_start_matches('=').to_string())
        .unwrap_or_default()
}

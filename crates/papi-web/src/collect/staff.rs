//! The staff's side of field collection: enumerators' accounts (create, list, deactivate),
//! a survey's fieldwork window, and every submission received with its status and reason.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect};
use papi_core::clock::format_timestamp;
use papi_core::collect::{FieldWindow, SubmissionStatus};
use papi_core::Action;
use papi_store::collect as store;
use papi_store::survey as surveys;

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::view::Nav;
use crate::AppState;

/// Most submissions listed on the page.
const LIST_LIMIT: i64 = 500;

pub struct SubmissionView {
    pub received: String,
    pub enumerator: String,
    pub village: String,
    pub status: &'static str,
    pub status_code: &'static str,
    pub reason: String,
    pub instance_id: String,
    pub files: Vec<String>,
}

#[derive(Template)]
#[template(path = "survey_submissions.html")]
struct SubmissionsPage {
    nav: Nav,
    id: i64,
    title: String,
    opens: String,
    closes: String,
    open_now: bool,
    counts: Vec<(&'static str, usize)>,
    rows: Vec<SubmissionView>,
    messages: Vec<String>,
    can_edit: bool,
}

fn dmy(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

async fn own_survey(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
) -> Result<surveys::SurveyRecord, AppError> {
    let sv = surveys::survey(&state.store, id).await?;
    if sv.commune_id != user.user.commune_id {
        return Err(AppError::NotFound);
    }
    Ok(sv)
}

async fn submissions_page(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    messages: Vec<String>,
) -> PageResult {
    let sv = own_survey(state, user, id).await?;
    let commune_id = sv.commune_id;
    let (opens, closes) = store::window(&state.store, id).await?;
    let list = store::submissions(&state.store, commune_id, id, LIST_LIMIT).await?;
    let files = store::files(&state.store, commune_id, id).await?;
    let counts = SubmissionStatus::ALL
        .iter()
        .map(|s| (s.label(), list.iter().filter(|x| x.status == *s).count()))
        .collect();
    let rows = list
        .iter()
        .map(|s| SubmissionView {
            received: format_timestamp(&s.received_at),
            enumerator: s.enumerator.clone(),
            village: s.village.clone(),
            status: s.status.label(),
            status_code: s.status.code(),
            reason: s.reason.clone(),
            instance_id: s.instance_id.clone(),
            files: files
                .iter()
                .filter(|f| f.submission_id == s.id)
                .map(|f| format!("{} ({} KB)", f.name, (f.size + 1023) / 1024))
                .collect(),
        })
        .collect();
    let status = if messages.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = SubmissionsPage {
        nav: Nav::new(user, state, "survey"),
        id,
        title: papi_core::survey_setup::heading(&sv.title, sv.year),
        open_now: FieldWindow::from_stored(&opens, &closes).is_open(state.today()),
        opens: dmy(&opens),
        closes: dmy(&closes),
        counts,
        rows,
        messages,
        can_edit: user.actor().can(Action::ReviewUnitWork),
    }
    .render()?;
    Ok((status, Html(body)).into_response())
}

/// `GET /staff/survey/{id}/submissions`: what came from the phones, and why any was refused.
pub async fn submissions(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> PageResult {
    submissions_page(&state, &user, id, vec![]).await
}

pub struct EnumeratorView {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub villages: String,
    pub active: bool,
    pub created: String,
}

#[derive(Template)]
#[template(path = "survey_enumerators.html")]
struct EnumeratorsPage {
    nav: Nav,
    server_url: String,
    villages: Vec<String>,
    rows: Vec<EnumeratorView>,
    messages: Vec<String>,
    form_login: String,
    form_name: String,
}

/// The server URL to type into ODK Collect for this commune.
fn server_url(state: &AppState, headers: &HeaderMap, gso: &str) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if state.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}/openrosa/{gso}")
}

async fn enumerators_page(
    state: &AppState,
    user: &CurrentUser,
    headers: &HeaderMap,
    messages: Vec<String>,
    form: (&str, &str),
) -> PageResult {
    let commune_id = user.user.commune_id;
    let commune = papi_store::org::commune(&state.store, commune_id).await?;
    let rows = store::enumerators(&state.store, commune_id)
        .await?
        .into_iter()
        .map(|e| EnumeratorView {
            id: e.id,
            login: e.login,
            name: e.name,
            villages: if e.villages.is_empty() {
                "mọi thôn, tổ dân phố".into()
            } else {
                e.villages.join(", ")
            },
            active: e.active,
            created: format_timestamp(&e.created_at),
        })
        .collect();
    let villages = papi_store::org::villages(&state.store, commune_id)
        .await?
        .into_iter()
        .map(|v| v.name)
        .collect();
    let status = if messages.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = EnumeratorsPage {
        nav: Nav::new(user, state, "survey"),
        server_url: server_url(state, headers, &commune.gso_code),
        villages,
        rows,
        messages,
        form_login: form.0.to_string(),
        form_name: form.1.to_string(),
    }
    .render()?;
    Ok((status, Html(body)).into_response())
}

/// `GET /staff/survey/enumerators`: the commune's enumerators and the server URL.
pub async fn enumerators(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
) -> PageResult {
    enumerators_page(&state, &user, &headers, vec![], ("", "")).await
}

/// `POST /staff/survey/enumerators`: `op=create` (login, name, password, villages) or
/// `op=deactivate` / `op=activate` (id).
pub async fn save_enumerator(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let commune_id = user.user.commune_id;
    let actor = user.audit_name();
    let result = match f.get("op") {
        "create" => {
            let villages: Vec<String> = f.all("villages").map(str::to_string).collect();
            papi_app::collect::create_enumerator(
                &state,
                commune_id,
                &actor,
                f.get("login"),
                f.get("name"),
                &villages,
                f.get("password"),
            )
            .await
            .map(|_| ())
        }
        op @ ("deactivate" | "activate") => {
            let Ok(id) = f.get("id").parse::<i64>() else {
                return Err(AppError::BadRequest("Thiếu điều tra viên.".into()));
            };
            papi_app::collect::set_active(&state, commune_id, &actor, id, op == "activate").await
        }
        _ => return Err(AppError::BadRequest("Thao tác không hợp lệ.".into())),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/staff/survey/enumerators").into_response()),
        Err(papi_app::Error::Invalid(m)) => {
            enumerators_page(
                &state,
                &user,
                &headers,
                vec![m],
                (f.get("login"), f.get("name")),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

//! `/staff/reception/register`: the sổ tiếp công dân with exactly the law's columns (Luật
//! Tiếp công dân Điều 25 khoản 2), the form that enters a person received — in the same order,
//! with the kind of matter, which opens it — and the register as DOCX and XLSX for a period.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use papi_app::voice::reception::{self as svc, EntryInput};
use papi_core::clock::format_date;
use papi_core::voice::reception::REGISTER_COLUMNS;
use papi_core::voice::MatterKind;
use serde::Deserialize;

use super::invalid;
use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::view::Nav;
use crate::AppState;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The period asked for: `?from=&to=`, `dd/mm/yyyy` or ISO, each optional.
#[derive(Deserialize, Default)]
pub struct PeriodQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    saved: String,
}

/// The period asked for, by default the current year.
fn period(state: &AppState, q: &PeriodQuery) -> Result<(NaiveDate, NaiveDate), AppError> {
    let y = state.today().year();
    let from = svc::parse_day("Từ ngày", &q.from)?
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(y, 1, 1).expect("1 January"));
    let to = svc::parse_day("Đến ngày", &q.to)?
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(y, 12, 31).expect("31 December"));
    if to < from {
        return Err(papi_app::Error::Invalid("Đến ngày phải sau Từ ngày.".into()).into());
    }
    Ok((from, to))
}

/// One line as the table prints it, in the law's column order.
pub struct Line {
    pub id: i64,
    pub cells: Vec<String>,
    pub kind: String,
}

#[derive(Template)]
#[template(path = "reception_register.html")]
struct Page {
    nav: Nav,
    columns: Vec<&'static str>,
    lines: Vec<Line>,
    from: String,
    to: String,
    query: String,
    saved: String,
    error: String,
    form: Form,
    kinds: Vec<(&'static str, &'static str)>,
}

/// What the entry form keeps after a refusal.
#[derive(Default)]
pub struct Form {
    pub received_on: String,
    pub name: String,
    pub address: String,
    pub id_number: String,
    pub content: String,
    pub prior_handling: String,
    pub requests: String,
    pub handling: String,
    pub kind: String,
    pub respondent: String,
}

async fn render(
    state: &AppState,
    user: &CurrentUser,
    q: &PeriodQuery,
    error: String,
    form: Form,
) -> Result<String, AppError> {
    let (from, to) = period(state, q)?;
    let lines = svc::register(state, &user.actor(), from, to).await?;
    let form = if form.received_on.is_empty() {
        Form {
            received_on: format_date(state.today()),
            ..form
        }
    } else {
        form
    };
    let page = Page {
        nav: Nav::new(user, state, "reception"),
        columns: REGISTER_COLUMNS.to_vec(),
        lines: lines
            .into_iter()
            .map(|l| {
                let e = l.entry;
                Line {
                    id: e.id,
                    kind: l.kind.map(|k| k.label()).unwrap_or_default().to_string(),
                    cells: vec![
                        e.number.to_string(),
                        format_date(e.received_on),
                        e.name,
                        e.address,
                        e.id_number,
                        e.content,
                        e.prior_handling,
                        e.requests,
                        e.handling,
                    ],
                }
            })
            .collect(),
        query: format!("from={}&to={}", format_date(from), format_date(to)),
        from: format_date(from),
        to: format_date(to),
        saved: q.saved.clone(),
        error,
        form,
        kinds: MatterKind::ALL
            .iter()
            .map(|k| (k.code(), k.label()))
            .collect(),
    };
    Ok(page.render()?)
}

/// `GET /staff/reception/register`.
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<PeriodQuery>,
) -> PageResult {
    Ok(Html(render(&state, &user, &q, String::new(), Form::default()).await?).into_response())
}

/// `POST /staff/reception/register`: a person received; opens the matter.
pub async fn add(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let s = |k: &str| f.get(k).to_string();
    let form = Form {
        received_on: s("received_on"),
        name: s("name"),
        address: s("address"),
        id_number: s("id_number"),
        content: s("content"),
        prior_handling: s("prior_handling"),
        requests: s("requests"),
        handling: s("handling"),
        kind: s("kind"),
        respondent: s("respondent"),
    };
    let input = EntryInput {
        received_on: form.received_on.clone(),
        name: form.name.clone(),
        address: form.address.clone(),
        id_number: form.id_number.clone(),
        content: form.content.clone(),
        prior_handling: form.prior_handling.clone(),
        requests: form.requests.clone(),
        handling: form.handling.clone(),
        kind: form.kind.clone(),
        respondent: form.respondent.clone(),
    };
    match svc::add_entry(&state, &user.actor(), &user.audit_name(), input).await {
        Ok(r) => Ok(
            Redirect::to(&format!("/staff/reception/register?saved={}", r.code)).into_response(),
        ),
        Err(papi_app::Error::Invalid(m)) => {
            let q = PeriodQuery::default();
            Ok(invalid(render(&state, &user, &q, m, form).await?))
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /staff/reception/register/{id}/handling`: the last column, as the matter moves on.
pub async fn handling(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    svc::set_handling(
        &state,
        &user.actor(),
        &user.audit_name(),
        id,
        f.get("handling"),
    )
    .await?;
    Ok(Redirect::to("/staff/reception/register?saved=1").into_response())
}

fn download(bytes: Vec<u8>, mime: &'static str, name: &str) -> Response {
    (
        [
            (CONTENT_TYPE, mime.to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// `GET /staff/reception/register.docx`.
pub async fn docx(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<PeriodQuery>,
) -> PageResult {
    let (from, to) = period(&state, &q)?;
    let bytes = svc::register_docx(&state, &user.actor(), from, to).await?;
    Ok(download(bytes, DOCX, "so-tiep-cong-dan.docx"))
}

/// `GET /staff/reception/register.xlsx`.
pub async fn xlsx(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<PeriodQuery>,
) -> PageResult {
    let (from, to) = period(&state, &q)?;
    let bytes = svc::register_xlsx(&state, &user.actor(), from, to).await?;
    Ok(download(bytes, XLSX, "so-tiep-cong-dan.xlsx"))
}

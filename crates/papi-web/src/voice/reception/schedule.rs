//! `/staff/reception`: the year's reception sessions, each with its posting deadline and the
//! rule behind it, the compliance flags on top, a form to add a session and, on each session,
//! the forms to record its posting, holding, postponement and recording.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect};
use papi_app::voice::reception::{self as svc, SessionUpdate};
use papi_core::clock::format_date;
use serde::Deserialize;

use super::invalid;
use crate::auth::CurrentUser;
use crate::error::PageResult;
use crate::plan::edit::FormPairs;
use crate::view::Nav;
use crate::AppState;

/// One session as the page prints it.
pub struct Row {
    pub id: i64,
    pub date: String,
    pub host: String,
    pub online: bool,
    pub posted_on: String,
    pub latest_posting: String,
    pub posting_rule: String,
    pub posting_late: bool,
    pub state: String,
    /// `ok`, `late`, `soon` or `track`, the badge of the state.
    pub state_class: &'static str,
    pub recording: String,
    pub held: bool,
    pub postponed: bool,
    pub announced: bool,
    pub past: bool,
}

/// What the add form keeps after a refusal.
#[derive(Default)]
pub struct NewSession {
    pub date: String,
    pub host: String,
    pub online: bool,
    pub posted_on: String,
}

#[derive(Template)]
#[template(path = "reception.html")]
struct Page {
    nav: Nav,
    from: String,
    to: String,
    rows: Vec<Row>,
    flags: Vec<(String, String)>,
    saved: bool,
    error: String,
    new: NewSession,
}

#[derive(Deserialize, Default)]
pub struct Shown {
    #[serde(default)]
    saved: Option<String>,
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    saved: bool,
    error: String,
    new: NewSession,
) -> Result<String, crate::error::AppError> {
    let s = svc::schedule(state, &user.actor()).await?;
    let today = state.today();
    let rows = s
        .sessions
        .into_iter()
        .map(|v| {
            let x = &v.session;
            let (st, class) = if x.held {
                ("Đã tiếp".to_string(), "ok")
            } else if let Some(to) = x.postponed_to {
                let told = match x.postponement_announced_on {
                    Some(a) => format!("đã thông báo ngày {}", format_date(a)),
                    None => "chưa thông báo".to_string(),
                };
                (
                    format!("Hoãn sang ngày {} ({told})", format_date(to)),
                    if x.postponement_announced_on.is_some() {
                        "soon"
                    } else {
                        "late"
                    },
                )
            } else if x.date < today {
                ("Chưa ghi nhận kết quả".to_string(), "late")
            } else {
                ("Sắp tới".to_string(), "track")
            };
            Row {
                id: x.id,
                date: format_date(x.date),
                host: x.host.clone(),
                online: x.online,
                posted_on: x.posted_on.map(format_date).unwrap_or_default(),
                latest_posting: v.latest_posting.map(format_date).unwrap_or_default(),
                posting_rule: v.posting_rule.clone(),
                posting_late: v.posting_late,
                state: st,
                state_class: class,
                recording: x.recording.clone(),
                held: x.held,
                postponed: x.postponed_to.is_some(),
                announced: x.postponement_announced_on.is_some(),
                past: x.date <= today,
            }
        })
        .collect();
    let p = Page {
        nav: Nav::new(user, state, "reception"),
        from: format_date(s.from),
        to: format_date(s.to),
        rows,
        flags: s
            .flags
            .into_iter()
            .rev()
            .map(|f| (format_date(f.date), f.message))
            .collect(),
        saved,
        error,
        new,
    };
    Ok(p.render()?)
}

/// `GET /staff/reception`.
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Shown>,
) -> PageResult {
    let html = page(
        &state,
        &user,
        q.saved.is_some(),
        String::new(),
        NewSession::default(),
    )
    .await?;
    Ok(Html(html).into_response())
}

/// `POST /staff/reception`: adds a session.
pub async fn add(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let new = NewSession {
        date: f.get("date").to_string(),
        host: f.get("host").to_string(),
        online: !f.get("online").is_empty(),
        posted_on: f.get("posted_on").to_string(),
    };
    let done = svc::add_session(
        &state,
        &user.actor(),
        &user.audit_name(),
        &new.date,
        &new.host,
        new.online,
        &new.posted_on,
    )
    .await;
    match done {
        Ok(_) => Ok(Redirect::to("/staff/reception?saved=1").into_response()),
        Err(papi_app::Error::Invalid(m)) => Ok(invalid(page(&state, &user, false, m, new).await?)),
        Err(e) => Err(e.into()),
    }
}

/// `POST /staff/reception/{id}`: records a step of a session (`op`: posted, held, postponed,
/// announced, recording).
pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let s = |k: &str| f.get(k).to_string();
    let step = match f.get("op") {
        "posted" => SessionUpdate::Posted { on: s("on") },
        "held" => SessionUpdate::Held {
            recording: s("recording"),
        },
        "postponed" => SessionUpdate::Postponed {
            to: s("to"),
            announced_on: s("announced_on"),
        },
        "announced" => SessionUpdate::Announced { on: s("on") },
        "recording" => SessionUpdate::Recording {
            reference: s("recording"),
        },
        _ => {
            let m = "Chọn việc cần ghi nhận cho buổi tiếp.".to_string();
            return Ok(invalid(
                page(&state, &user, false, m, NewSession::default()).await?,
            ));
        }
    };
    match svc::update_session(&state, &user.actor(), &user.audit_name(), id, step).await {
        Ok(_) => Ok(Redirect::to("/staff/reception?saved=1").into_response()),
        Err(papi_app::Error::Invalid(m)) => Ok(invalid(
            page(&state, &user, false, m, NewSession::default()).await?,
        )),
        Err(e) => Err(e.into()),
    }
}

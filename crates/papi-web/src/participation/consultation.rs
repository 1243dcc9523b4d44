//! Consultations (tham gia ý kiến, Đ.25–28): drafts, forms, the 20-day window, comments,
//! the summary and the explanation.
//!
//! `/staff/participation/consultations`: the list and the form opening one (refused under 20
//! days); a consultation's page with its draft, its comments, the edit form (an open window
//! is never shortened) and the closing form (the explanation required against the majority).

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect};
use chrono::NaiveDate;
use papi_app::participation::consultation::{
    self as svc, CloseInput, CommentInput, ConsultationInput, ConsultationView,
};
use papi_core::clock::format_date;
use papi_core::participation::consultation::{Channel, Topic};
use serde::Deserialize;

use super::decision::{invalid, Choice};
use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::view::Nav;
use crate::AppState;

/// Where a consultation stands, as lists print it.
pub fn state_label(c: &ConsultationView, today: NaiveDate) -> String {
    let x = &c.consultation;
    if let Some(d) = x.closed_on {
        format!("Đã kết thúc ngày {}", format_date(d))
    } else if x.published_on > today {
        format!("Sẽ công khai ngày {}", format_date(x.published_on))
    } else if today <= x.closes_on {
        format!("Đang lấy ý kiến đến hết ngày {}", format_date(x.closes_on))
    } else {
        "Hết thời gian lấy ý kiến: chờ tổng hợp, kết luận".into()
    }
}

fn topics(current: &str) -> Vec<Choice> {
    Topic::ALL
        .iter()
        .map(|t| Choice {
            code: t.code().into(),
            label: t.label().into(),
            selected: t.code() == current,
        })
        .collect()
}

fn channels(current: &[String]) -> Vec<Choice> {
    Channel::ALL
        .iter()
        .map(|c| Choice {
            code: c.code().into(),
            label: c.label().into(),
            selected: current.iter().any(|x| x == c.code()),
        })
        .collect()
}

fn villages(all: &[(i64, String)], current: Option<i64>) -> Vec<Choice> {
    all.iter()
        .map(|(id, n)| Choice {
            code: id.to_string(),
            label: n.clone(),
            selected: current == Some(*id),
        })
        .collect()
}

fn read(f: &FormPairs) -> ConsultationInput {
    ConsultationInput {
        title: f.get("title").into(),
        topic: f.get("topic").into(),
        village_id: f.get("village_id").parse().ok(),
        channels: f.all("channels").map(String::from).collect(),
        published_on: f.get("published_on").into(),
        closes_on: f.get("closes_on").into(),
    }
}

pub struct Row {
    pub id: i64,
    pub title: String,
    pub scope: String,
    pub window: String,
    pub state: String,
}

#[derive(Template)]
#[template(path = "participation_consultations.html")]
struct ListPage {
    nav: Nav,
    error: String,
    rows: Vec<Row>,
    topics: Vec<Choice>,
    channels: Vec<Choice>,
    villages: Vec<Choice>,
    v: ConsultationInput,
}

async fn list_page(
    state: &AppState,
    user: &CurrentUser,
    error: String,
    v: ConsultationInput,
) -> Result<String, AppError> {
    let actor = user.actor();
    let today = state.today();
    let all = papi_app::participation::decision::village_choices(state, &actor).await?;
    let rows = svc::list(state, &actor)
        .await?
        .iter()
        .map(|c| Row {
            id: c.consultation.id,
            title: c.consultation.title.clone(),
            scope: c.scope.clone(),
            window: format!(
                "{} – {}",
                format_date(c.consultation.published_on),
                format_date(c.consultation.closes_on)
            ),
            state: state_label(c, today),
        })
        .collect();
    let page = ListPage {
        nav: Nav::new(user, state, "participation"),
        error,
        rows,
        topics: topics(&v.topic),
        channels: channels(&v.channels),
        villages: villages(&all, v.village_id),
        v,
    };
    Ok(page.render()?)
}

/// `GET /staff/participation/consultations`.
pub async fn index(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    Ok(
        Html(list_page(&state, &user, String::new(), ConsultationInput::default()).await?)
            .into_response(),
    )
}

/// `POST /staff/participation/consultations`: opens a consultation (at least 20 days).
pub async fn open(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let input = read(&f);
    match svc::open(&state, &user.actor(), &user.audit_name(), &input).await {
        Ok(id) => Ok(
            Redirect::to(&format!("/staff/participation/consultations/{id}?saved=1"))
                .into_response(),
        ),
        Err(papi_app::Error::Invalid(m)) => Ok(invalid(list_page(&state, &user, m, input).await?)),
        Err(e) => Err(e.into()),
    }
}

pub struct CommentRow {
    pub on: String,
    pub who: String,
    pub village: String,
    pub text: String,
    pub stance: String,
}

#[derive(Template)]
#[template(path = "participation_consultation.html")]
struct ShowPage {
    nav: Nav,
    saved: bool,
    error: String,
    c: ConsultationView,
    state_label: String,
    topic: String,
    channel_labels: String,
    earliest_close: String,
    comments: Vec<CommentRow>,
    edit_topics: Vec<Choice>,
    edit_channels: Vec<Choice>,
    edit_villages: Vec<Choice>,
    village_list: Vec<Choice>,
    published_on: String,
    closes_on: String,
    can_close: bool,
    adopted: String,
}

async fn show_page(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    saved: bool,
    error: String,
) -> Result<String, AppError> {
    let actor = user.actor();
    let today = state.today();
    let c = svc::get(state, &actor, id).await?;
    let all = papi_app::participation::decision::village_choices(state, &actor).await?;
    let x = &c.consultation;
    let name = |v: Option<i64>| {
        v.and_then(|v| all.iter().find(|x| x.0 == v))
            .map(|x| x.1.clone())
            .unwrap_or_default()
    };
    let current: Vec<String> = x.channels.iter().map(|c| c.code().to_string()).collect();
    let page = ShowPage {
        nav: Nav::new(user, state, "participation"),
        saved,
        error,
        state_label: state_label(&c, today),
        topic: x.topic.label().into(),
        channel_labels: x
            .channels
            .iter()
            .map(|c| c.label())
            .collect::<Vec<_>>()
            .join(", "),
        earliest_close: c.earliest_close.map(format_date).unwrap_or_default(),
        comments: c
            .comments
            .iter()
            .map(|m| CommentRow {
                on: format_date(m.on),
                who: m.who.clone(),
                village: name(m.village_id),
                text: m.text.clone(),
                stance: m.stance.label().into(),
            })
            .collect(),
        edit_topics: topics(x.topic.code()),
        edit_channels: channels(&current),
        edit_villages: villages(&all, x.village_id),
        village_list: villages(&all, None),
        published_on: format_date(x.published_on),
        closes_on: format_date(x.closes_on),
        can_close: x.closed_on.is_none() && today > x.closes_on,
        adopted: match x.adopted {
            Some(true) => "Thông qua dự thảo".into(),
            Some(false) => "Không thông qua dự thảo".into(),
            None => String::new(),
        },
        c,
    };
    Ok(page.render()?)
}

#[derive(Deserialize, Default)]
pub struct Shown {
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /staff/participation/consultations/{id}`.
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<Shown>,
) -> PageResult {
    Ok(Html(show_page(&state, &user, id, q.saved.is_some(), String::new()).await?).into_response())
}

fn done(id: i64) -> axum::response::Response {
    Redirect::to(&format!("/staff/participation/consultations/{id}?saved=1")).into_response()
}

async fn refused(state: &AppState, user: &CurrentUser, id: i64, e: papi_app::Error) -> PageResult {
    match e {
        papi_app::Error::Invalid(m) => Ok(invalid(show_page(state, user, id, false, m).await?)),
        e => Err(e.into()),
    }
}

/// `POST /staff/participation/consultations/{id}/edit`: an open window is never shortened.
pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    match svc::edit(&state, &user.actor(), &user.audit_name(), id, &read(&f)).await {
        Ok(()) => Ok(done(id)),
        Err(e) => refused(&state, &user, id, e).await,
    }
}

/// `POST /staff/participation/consultations/{id}/draft`: uploads the draft (multipart).
pub async fn draft(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    mut mp: Multipart,
) -> PageResult {
    let too_big = crate::parsing::upload_error;
    let mut csrf = String::new();
    let mut file = (String::new(), Vec::new());
    while let Some(field) = mp.next_field().await.map_err(too_big)? {
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.map_err(too_big)?,
            "draft" => {
                let name = field.file_name().unwrap_or("").to_string();
                file = (name, field.bytes().await.map_err(too_big)?.to_vec());
            }
            _ => {}
        }
    }
    user.check_csrf(&csrf)?;
    match svc::upload_draft(
        &state,
        &user.actor(),
        &user.audit_name(),
        id,
        &file.0,
        &file.1,
    )
    .await
    {
        Ok(()) => Ok(done(id)),
        Err(e) => refused(&state, &user, id, e).await,
    }
}

/// `POST /staff/participation/consultations/{id}/comments`: a resident's comment.
pub async fn comment(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let input = CommentInput {
        on: f.get("on").into(),
        who: f.get("who").into(),
        village_id: f.get("village_id").parse().ok(),
        text: f.get("text").into(),
        stance: f.get("stance").into(),
    };
    match svc::add_comment(&state, &user.actor(), &user.audit_name(), id, &input).await {
        Ok(_) => Ok(done(id)),
        Err(e) => refused(&state, &user, id, e).await,
    }
}

/// `POST /staff/participation/consultations/{id}/close`: the summary, the decision and, against
/// the majority, the explanation.
pub async fn close(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let input = CloseInput {
        summary: f.get("summary").into(),
        decision: f.get("decision").into(),
        adopted: f.get("adopted").into(),
        explanation: f.get("explanation").into(),
    };
    match svc::close(&state, &user.actor(), &user.audit_name(), id, &input).await {
        Ok(()) => Ok(done(id)),
        Err(e) => refused(&state, &user, id, e).await,
    }
}

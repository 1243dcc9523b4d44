//! What residents decide (bàn và quyết định, Đ.15–22): proposals, forms, notices, votes
//! and the thresholds.
//!
//! `/staff/participation/decisions/...`: the form recording a decision with its tallies (one
//! row per village), a decision's page with its outcome, the dates it was sent and
//! recognised; the hub of the process is in [`hub`], the JSON API in [`api`], the public page
//! in [`public`].

pub mod api;
pub mod hub;
pub mod public;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use papi_app::participation::decision::{self as svc, DecisionInput, DecisionView, TallyInput};
use papi_core::clock::format_date;
use papi_core::participation::decision::{Form, Proposer, Subject};
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::view::Nav;
use crate::AppState;

pub(crate) fn invalid(html: String) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response()
}

/// A choice of a select list: code, label, selected.
pub struct Choice {
    pub code: String,
    pub label: String,
    pub selected: bool,
}

fn choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> String,
    current: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|x| Choice {
            code: code(*x).to_string(),
            label: label(*x),
            selected: code(*x) == current,
        })
        .collect()
}

/// One village's row of the tally table as typed.
#[derive(Default, Clone)]
pub struct TallyRow {
    pub id: i64,
    pub name: String,
    pub total: String,
    pub present: String,
    pub votes_for: String,
    pub against: String,
    pub abstain: String,
    pub online: String,
}

/// What the form keeps after a refusal.
#[derive(Default, Clone)]
pub struct Typed {
    pub title: String,
    pub subject: String,
    pub village_id: String,
    pub proposer: String,
    pub agreed_with_front: bool,
    pub initiative_households: String,
    pub initiative_consent_on: String,
    pub form: String,
    pub quorum_failed: bool,
    pub held_on: String,
    pub notice_on: String,
    pub documents_on: String,
    pub passed: bool,
    pub rows: Vec<TallyRow>,
}

#[derive(Template)]
#[template(path = "participation_decision_new.html")]
struct NewPage {
    nav: Nav,
    error: String,
    v: Typed,
    subjects: Vec<Choice>,
    proposers: Vec<Choice>,
    forms: Vec<Choice>,
    villages: Vec<Choice>,
}

async fn new_page(
    state: &AppState,
    user: &CurrentUser,
    error: String,
    mut v: Typed,
) -> Result<String, AppError> {
    let villages = svc::village_choices(state, &user.actor()).await?;
    if v.rows.is_empty() {
        v.rows = villages
            .iter()
            .map(|(id, name)| TallyRow {
                id: *id,
                name: name.clone(),
                ..Default::default()
            })
            .collect();
    }
    let page = NewPage {
        nav: Nav::new(user, state, "participation"),
        error,
        subjects: choices(
            &Subject::ALL,
            Subject::code,
            |s| format!("{}. {}", s.item(), s.label()),
            &v.subject,
        ),
        proposers: choices(
            &Proposer::ALL,
            Proposer::code,
            |p| p.label().to_string(),
            &v.proposer,
        ),
        forms: choices(&Form::ALL, Form::code, |f| f.label().to_string(), &v.form),
        villages: villages
            .iter()
            .map(|(id, name)| Choice {
                code: id.to_string(),
                label: name.clone(),
                selected: id.to_string() == v.village_id,
            })
            .collect(),
        v,
    };
    Ok(page.render()?)
}

/// `GET /staff/participation/decisions/new`.
pub async fn new_form(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    Ok(Html(new_page(&state, &user, String::new(), Typed::default()).await?).into_response())
}

fn number(label: &str, s: &str) -> Result<i64, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(0);
    }
    s.parse::<i64>()
        .map_err(|_| format!("{label}: «{s}» không phải số nguyên."))
}

/// Reads the form into what was typed and what the service takes.
fn read(f: &FormPairs, villages: &[(i64, String)]) -> (Typed, Result<DecisionInput, String>) {
    let g = |k: &str| f.get(k).to_string();
    let rows: Vec<TallyRow> = villages
        .iter()
        .map(|(id, name)| TallyRow {
            id: *id,
            name: name.clone(),
            total: g(&format!("total_{id}")),
            present: g(&format!("present_{id}")),
            votes_for: g(&format!("for_{id}")),
            against: g(&format!("against_{id}")),
            abstain: g(&format!("abstain_{id}")),
            online: g(&format!("online_{id}")),
        })
        .collect();
    let v = Typed {
        title: g("title"),
        subject: g("subject"),
        village_id: g("village_id"),
        proposer: g("proposer"),
        agreed_with_front: !f.get("agreed_with_front").is_empty(),
        initiative_households: g("initiative_households"),
        initiative_consent_on: g("initiative_consent_on"),
        form: g("form"),
        quorum_failed: !f.get("quorum_failed").is_empty(),
        held_on: g("held_on"),
        notice_on: g("notice_on"),
        documents_on: g("documents_on"),
        passed: f.get("passed") == "yes",
        rows,
    };
    let input = (|| {
        let mut tallies = Vec::new();
        for r in v.rows.iter().filter(|r| !r.total.trim().is_empty()) {
            let n = |what: &str, s: &str| number(&format!("{} — {what}", r.name), s);
            tallies.push(TallyInput {
                village_id: r.id,
                total_households: n("Tổng số hộ", &r.total)?,
                present: n("Số hộ tham dự", &r.present)?,
                votes_for: n("Số hộ đồng ý", &r.votes_for)?,
                votes_against: n("Số hộ không đồng ý", &r.against)?,
                abstain: n("Số hộ không biểu quyết", &r.abstain)?,
                online_agreed: n("Số hộ đồng ý biểu quyết trực tuyến", &r.online)?,
            });
        }
        Ok(DecisionInput {
            title: v.title.clone(),
            subject: v.subject.clone(),
            village_id: v.village_id.parse().ok(),
            proposer: v.proposer.clone(),
            agreed_with_front: v.agreed_with_front,
            initiative_households: number("Số hộ đồng thuận sáng kiến", &v.initiative_households)?,
            initiative_consent_on: v.initiative_consent_on.clone(),
            form: v.form.clone(),
            quorum_failed: v.quorum_failed,
            held_on: v.held_on.clone(),
            notice_on: v.notice_on.clone(),
            documents_on: v.documents_on.clone(),
            passed: v.passed,
            tallies,
        })
    })();
    (v, input)
}

/// `POST /staff/participation/decisions`: records a decision with its tallies.
pub async fn create(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let villages = svc::village_choices(&state, &user.actor()).await?;
    let (typed, input) = read(&f, &villages);
    let input = match input {
        Ok(i) => i,
        Err(m) => return Ok(invalid(new_page(&state, &user, m, typed).await?)),
    };
    match svc::record(&state, &user.actor(), &user.audit_name(), &input).await {
        Ok(id) => Ok(
            Redirect::to(&format!("/staff/participation/decisions/{id}?saved=1")).into_response(),
        ),
        Err(papi_app::Error::Invalid(m)) => Ok(invalid(new_page(&state, &user, m, typed).await?)),
        Err(e) => Err(e.into()),
    }
}

/// A decision's due obligation as the page prints it.
pub struct Due {
    pub title: String,
    pub due: String,
    pub met: String,
    pub late: bool,
}

#[derive(Template)]
#[template(path = "participation_decision.html")]
struct ShowPage {
    nav: Nav,
    saved: bool,
    error: String,
    d: DecisionView,
    subject: String,
    proposer: String,
    form: String,
    held_on: String,
    notice_on: String,
    documents_on: String,
    sent_on: String,
    recognised_on: String,
    recogniser: String,
    dues: Vec<Due>,
}

fn opt(d: Option<chrono::NaiveDate>) -> String {
    d.map(format_date).unwrap_or_default()
}

async fn show_page(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    saved: bool,
    error: String,
) -> Result<String, AppError> {
    let d = svc::get(state, &user.actor(), id).await?;
    let today = state.today();
    let x = &d.decision;
    let page = ShowPage {
        nav: Nav::new(user, state, "participation"),
        saved,
        error,
        subject: format!("{}. {}", x.subject.item(), x.subject.label()),
        proposer: x.proposer.label().to_string(),
        form: format!(
            "{}{}",
            x.form.label(),
            if x.quorum_failed {
                " (cuộc họp không đủ số hộ tham dự)"
            } else {
                ""
            }
        ),
        held_on: format_date(x.held_on),
        notice_on: opt(x.notice_on),
        documents_on: opt(x.documents_on),
        sent_on: opt(x.sent_on),
        recognised_on: opt(x.recognised_on),
        recogniser: x
            .subject
            .recogniser()
            .map(|r| r.label().to_string())
            .unwrap_or_default(),
        dues: d
            .obligations
            .iter()
            .map(|o| Due {
                title: o.title.clone(),
                due: format_date(o.due),
                met: opt(o.met_on),
                late: o.met_on.map_or(today > o.due, |m| m > o.due),
            })
            .collect(),
        d,
    };
    Ok(page.render()?)
}

#[derive(Deserialize, Default)]
pub struct Shown {
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /staff/participation/decisions/{id}`.
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<Shown>,
) -> PageResult {
    Ok(Html(show_page(&state, &user, id, q.saved.is_some(), String::new()).await?).into_response())
}

/// `POST /staff/participation/decisions/{id}/follow-up`: the days the record was sent and
/// recognised.
pub async fn follow_up(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    match svc::follow_up(
        &state,
        &user.actor(),
        &user.audit_name(),
        id,
        f.get("sent_on"),
        f.get("recognised_on"),
    )
    .await
    {
        Ok(()) => Ok(
            Redirect::to(&format!("/staff/participation/decisions/{id}?saved=1")).into_response(),
        ),
        Err(papi_app::Error::Invalid(m)) => {
            Ok(invalid(show_page(&state, &user, id, false, m).await?))
        }
        Err(e) => Err(e.into()),
    }
}

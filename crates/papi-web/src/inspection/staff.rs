//! `/staff/inspections`: the plan of checks of a year (an unannounced check is listed for the
//! unit it inspects only from its day), the form that adds a check, and the commune's default
//! remediation time.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use chrono::Datelike;
use papi_app::inspection::{self as svc, CheckInput};
use papi_core::clock::format_date;
use papi_core::inspection::{ChecklistKind, FindingStatus, Mode};
use papi_core::Action;

use super::Typed;
use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::view::{form_page, Nav};
use crate::AppState;

/// One check as the list shows it.
pub struct Row {
    pub id: i64,
    pub title: String,
    pub target: String,
    pub mode: &'static str,
    pub unannounced: bool,
    pub checklist: &'static str,
    pub planned_on: String,
    pub stage: &'static str,
    pub findings: usize,
    pub open: usize,
    pub overdue: usize,
}

#[derive(Template)]
#[template(path = "inspections.html")]
struct Page {
    nav: Nav,
    year: i32,
    /// The years offered, with the one shown.
    years: Vec<(i32, bool)>,
    rows: Vec<Row>,
    can_manage: bool,
    targets: Vec<(String, String)>,
    checklists: Vec<(&'static str, &'static str)>,
    remediation_days: u32,
    error: String,
    saved: bool,
    typed: Typed,
}

#[derive(serde::Deserialize)]
pub struct ListQuery {
    pub year: Option<String>,
    pub saved: Option<String>,
}

const FIELDS: &[&str] = &["title", "mode", "checklist", "target", "planned_on", "days"];

async fn page(
    state: &AppState,
    user: &CurrentUser,
    year: i32,
    error: String,
    saved: bool,
    typed: Typed,
) -> Result<Page, AppError> {
    let actor = user.actor();
    let today = state.today();
    let records = svc::visible_records(state, &actor, Some(year)).await?;
    let rows = records
        .iter()
        .map(|r| {
            let i = &r.inspection;
            let statuses: Vec<FindingStatus> =
                r.findings.iter().map(|(f, rc)| f.status(rc)).collect();
            Row {
                id: i.id,
                title: i.title.clone(),
                target: i.target_name.clone(),
                mode: i.mode.label(),
                unannounced: i.mode == Mode::Unannounced,
                checklist: i.checklist.label(),
                planned_on: format_date(i.planned_on),
                stage: i.stage().label(),
                findings: r.findings.len(),
                open: statuses
                    .iter()
                    .filter(|s| **s != FindingStatus::Closed)
                    .count(),
                overdue: r
                    .findings
                    .iter()
                    .filter(|(f, rc)| f.is_overdue(rc, today))
                    .count(),
            }
        })
        .collect();
    let can_manage = actor.can(Action::ManageInspections);
    Ok(Page {
        nav: Nav::new(user, state, "inspections"),
        year,
        years: (today.year() - 2..=today.year() + 1)
            .map(|y| (y, y == year))
            .collect(),
        rows,
        can_manage,
        targets: if can_manage {
            svc::plan::targets(state, actor.commune_id).await?
        } else {
            Vec::new()
        },
        checklists: ChecklistKind::ALL
            .iter()
            .map(|k| (k.code(), k.label()))
            .collect(),
        remediation_days: svc::plan::remediation_days(state, actor.commune_id)
            .await?
            .0,
        error,
        saved,
        typed,
    })
}

fn year_of(state: &AppState, q: Option<&str>) -> i32 {
    q.and_then(|y| y.trim().parse::<i32>().ok())
        .filter(|y| (2000..=2100).contains(y))
        .unwrap_or_else(|| state.today().year())
}

/// `GET /staff/inspections`.
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ListQuery>,
) -> PageResult {
    let year = year_of(&state, q.year.as_deref());
    let p = page(
        &state,
        &user,
        year,
        String::new(),
        q.saved.is_some(),
        Typed::default(),
    )
    .await?;
    form_page(&p, false)
}

/// `POST /staff/inspections`: adds a check; back to the list of its year, or the form as typed
/// with the reason.
pub async fn create(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let input = CheckInput {
        title: f.get("title").into(),
        mode: f.get("mode").into(),
        checklist: f.get("checklist").into(),
        target: f.get("target").into(),
        planned_on: f.get("planned_on").into(),
    };
    match svc::create(&state, &user.actor(), &user.audit_name(), input).await {
        Ok(id) => Ok(Redirect::to(&format!("/staff/inspections/{id}?saved=1")).into_response()),
        Err(papi_app::Error::Invalid(msg)) => {
            let year = year_of(&state, None);
            let p = page(
                &state,
                &user,
                year,
                msg,
                false,
                Typed::from_pairs(&f, FIELDS),
            )
            .await?;
            form_page(&p, true)
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /staff/inspections/settings`: the default remediation time in working days.
pub async fn settings(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    match svc::set_remediation_days(&state, &user.actor(), &user.audit_name(), f.get("days")).await
    {
        Ok(()) => Ok(Redirect::to("/staff/inspections?saved=1").into_response()),
        Err(papi_app::Error::Invalid(msg)) => {
            let year = year_of(&state, None);
            let p = page(
                &state,
                &user,
                year,
                msg,
                false,
                Typed::from_pairs(&f, FIELDS),
            )
            .await?;
            form_page(&p, true)
        }
        Err(e) => Err(e.into()),
    }
}

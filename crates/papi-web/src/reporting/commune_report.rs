//! The commune report: computed figures, the office's text, the chairman's approval.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use papi_core::clock::format_date;
use papi_core::reporting::Figures;
use papi_core::review::ReviewStatus;
use papi_core::task::parse_date;
use papi_core::Action;
use papi_store::reporting as store;

use super::period_figures;
use super::{compliance, own_period};
use crate::auth::CurrentUser;
use crate::error::PageResult;
use crate::plan::edit::FormPairs;
use crate::view::Nav;
use crate::view::SavedQuery;
use crate::AppState;
use papi_app::plan::PlanData;

pub struct FigureLine {
    pub name: String,
    pub f: Figures,
}

#[derive(Template)]
#[template(path = "commune_report.html")]
struct CommuneReportPage {
    nav: Nav,
    period_id: i64,
    period: String,
    figures: Vec<FigureLine>,
    accepted_units: usize,
    units: usize,
    number: String,
    issued_on: String,
    highlights: String,
    shortcomings: String,
    causes: String,
    next_steps: String,
    approved: bool,
    approved_by: String,
    /// The audit chain's head at approval, to keep with the signed paper.
    audit_anchor: String,
    can_edit: bool,
    can_approve: bool,
    saved: bool,
    errors: Vec<String>,
}

pub async fn commune_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(period_id): Path<i64>,
    Query(q): Query<SavedQuery>,
) -> PageResult {
    commune_report_page(&state, &user, period_id, None, vec![], q.saved.is_some()).await
}

async fn commune_report_page(
    state: &AppState,
    user: &CurrentUser,
    period_id: i64,
    draft: Option<store::CommuneReport>,
    errors: Vec<String>,
    saved: bool,
) -> PageResult {
    let data = PlanData::for_staff(state, &user.actor()).await?;
    let p = own_period(state, user, period_id).await?;
    let figs = period_figures(state, &data, &p).await?;
    let lines = compliance(state, &data, &p).await?;
    let stored = store::commune_report(&state.store, period_id).await?;
    let rep = draft.or(stored).unwrap_or_default();
    let page = CommuneReportPage {
        nav: Nav::new(user, state, "reports"),
        period_id,
        period: p.title(),
        figures: figs
            .into_iter()
            .map(|(d, f)| FigureLine {
                name: d
                    .map(|d| format!("{}. {}", d.number(), d.name_vi()))
                    .unwrap_or_else(|| "Toàn bộ kế hoạch".into()),
                f,
            })
            .collect(),
        accepted_units: lines
            .iter()
            .filter(|l| l.status == ReviewStatus::Accepted.label())
            .count(),
        units: lines.len(),
        number: rep.number.clone(),
        issued_on: rep.issued_on.map(format_date).unwrap_or_default(),
        highlights: rep.highlights.clone(),
        shortcomings: rep.shortcomings.clone(),
        causes: rep.causes.clone(),
        next_steps: rep.next_steps.clone(),
        approved: rep.approved,
        approved_by: rep.approved_by.clone(),
        audit_anchor: rep.audit_anchor.clone(),
        can_edit: user.actor().can(Action::ReviewUnitWork) && !rep.approved,
        can_approve: user.actor().can(Action::ApproveReport)
            && !rep.approved
            && !rep.number.is_empty(),
        saved,
        errors,
    };
    crate::view::form_page(&page, !page.errors.is_empty())
}

pub async fn save_commune_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(period_id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let issued_text = f.get("issued_on").trim();
    let rep = store::CommuneReport {
        period_id,
        number: f.get("number").trim().to_string(),
        issued_on: parse_date(
            issued_text,
            state
                .today()
                .format("%Y")
                .to_string()
                .parse()
                .unwrap_or(2025),
        ),
        approved: false,
        highlights: f.get("highlights").trim().to_string(),
        shortcomings: f.get("shortcomings").trim().to_string(),
        causes: f.get("causes").trim().to_string(),
        next_steps: f.get("next_steps").trim().to_string(),
        approved_by: String::new(),
        audit_anchor: String::new(),
    };
    let (actor, name) = (user.actor(), user.audit_name());
    let saved = papi_app::reporting::save_commune_report(&state, &actor, &name, &rep, issued_text);
    if let Err(errors) = saved.await? {
        return commune_report_page(&state, &user, period_id, Some(rep), errors, false).await;
    }
    Ok(Redirect::to(&format!("/staff/reports/{period_id}/commune?saved=1")).into_response())
}

/// The chairman approves the report; from then on it is frozen.
pub async fn approve_commune_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(period_id): Path<i64>,
    body: Bytes,
) -> PageResult {
    user.check_csrf(FormPairs::parse(&body)?.get("csrf"))?;
    let (actor, name) = (user.actor(), user.audit_name());
    let approver = &user.user.full_name;
    papi_app::reporting::approve_commune_report(&state, &actor, &name, approver, period_id).await?;
    Ok(Redirect::to(&format!("/staff/reports/{period_id}/commune?saved=1")).into_response())
}

//! The commune report: computed figures, the office's text, the chairman's approval.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use papi_app::reporting::{Approval, CommuneReportView};
use papi_core::clock::format_date;
use papi_core::task::parse_date;
use papi_core::Action;
use papi_store::reporting as store;

use crate::auth::CurrentUser;
use crate::error::PageResult;
use crate::plan::edit::FormPairs;
use crate::view::Nav;
use crate::view::SavedQuery;
use crate::AppState;

/// One version of an approved report, as the page lists it.
pub struct VersionLine {
    pub version: i64,
    pub approved: String,
    /// Empty while it stands; else who withdrew it, when and why.
    pub withdrawn: String,
    pub sha256: String,
}

#[derive(Template)]
#[template(path = "commune_report.html")]
struct CommuneReportPage {
    nav: Nav,
    period_id: i64,
    view: CommuneReportView,
    /// The office's text for the draft form.
    number: String,
    issued_on: String,
    highlights: String,
    shortcomings: String,
    causes: String,
    next_steps: String,
    approved: bool,
    /// The standing version of an approved report (0: approved before versions were kept).
    version: i64,
    versions: Vec<VersionLine>,
    can_edit: bool,
    can_approve: bool,
    can_withdraw: bool,
    saved: bool,
    errors: Vec<String>,
    /// What is missing, when an approval waits for the chairman's confirmation.
    confirm: Vec<String>,
}

pub async fn commune_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(period_id): Path<i64>,
    Query(q): Query<SavedQuery>,
) -> PageResult {
    let shown = Shown {
        saved: q.saved.is_some(),
        ..Shown::default()
    };
    commune_report_page(&state, &user, period_id, shown).await
}

/// What a page shows besides the report: a draft sent back, errors, the approval's gaps.
#[derive(Default)]
struct Shown {
    draft: Option<store::CommuneReport>,
    errors: Vec<String>,
    confirm: Vec<String>,
    saved: bool,
}

async fn commune_report_page(
    state: &AppState,
    user: &CurrentUser,
    period_id: i64,
    shown: Shown,
) -> PageResult {
    let actor = user.actor();
    let page =
        papi_app::reporting::commune_report_page(state, &actor, period_id, shown.draft).await?;
    let rep = &page.report;
    let page = CommuneReportPage {
        nav: Nav::new(user, state, "reports"),
        period_id,
        number: rep.number.clone(),
        issued_on: rep.issued_on.map(format_date).unwrap_or_default(),
        highlights: rep.highlights.clone(),
        shortcomings: rep.shortcomings.clone(),
        causes: rep.causes.clone(),
        next_steps: rep.next_steps.clone(),
        approved: rep.approved,
        version: page.frozen.as_ref().map(|s| s.version).unwrap_or(0),
        versions: page
            .versions
            .iter()
            .map(|s| VersionLine {
                version: s.version,
                approved: format!("{}, ngày {}", s.approved_by, format_date(s.approved_on)),
                withdrawn: s
                    .withdrawn_on
                    .map(|on| {
                        format!(
                            "Thu hồi ngày {} ({}), lý do: {}",
                            format_date(on),
                            s.withdrawn_by,
                            s.withdraw_reason
                        )
                    })
                    .unwrap_or_default(),
                sha256: s.sha256.clone(),
            })
            .collect(),
        can_edit: actor.can(Action::ReviewUnitWork) && !rep.approved,
        can_approve: actor.can(Action::ApproveReport) && !rep.approved && !rep.number.is_empty(),
        can_withdraw: actor.can(Action::ApproveReport) && rep.approved,
        saved: shown.saved,
        errors: shown.errors,
        confirm: shown.confirm,
        view: page.view,
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
        let shown = Shown {
            draft: Some(rep),
            errors,
            ..Shown::default()
        };
        return commune_report_page(&state, &user, period_id, shown).await;
    }
    Ok(Redirect::to(&format!("/staff/reports/{period_id}/commune?saved=1")).into_response())
}

/// The chairman approves the report; from then on it is frozen. With the period not over or
/// units' reports not accepted, the first post shows what is missing and a button that
/// confirms (`confirm=1`).
pub async fn approve_commune_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(period_id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let (actor, name) = (user.actor(), user.audit_name());
    let approver = &user.user.full_name;
    let confirmed = f.get("confirm") == "1";
    let done = papi_app::reporting::approve_commune_report(
        &state, &actor, &name, approver, period_id, confirmed,
    )
    .await?;
    match done {
        Approval::Approved(_) => Ok(Redirect::to(&format!(
            "/staff/reports/{period_id}/commune?saved=1"
        ))
        .into_response()),
        Approval::NeedsConfirmation(confirm) => {
            let shown = Shown {
                confirm,
                ..Shown::default()
            };
            commune_report_page(&state, &user, period_id, shown).await
        }
    }
}

/// The chairman withdraws the approval to correct the report; the reason is required.
pub async fn withdraw_commune_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(period_id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let (actor, name) = (user.actor(), user.audit_name());
    let done = papi_app::reporting::withdraw_commune_report(
        &state,
        &actor,
        &name,
        period_id,
        f.get("reason"),
    )
    .await?;
    if let Err(e) = done {
        let shown = Shown {
            errors: vec![e],
            ..Shown::default()
        };
        return commune_report_page(&state, &user, period_id, shown).await;
    }
    Ok(Redirect::to(&format!("/staff/reports/{period_id}/commune?saved=1")).into_response())
}

//! The reporting regime: periods, each unit's report on its tasks (pre-filled from what papi
//! already knows), compliance per period, and the commune report with computed figures.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect};
use chrono::NaiveDate;
use papi_core::clock::format_date;
use papi_core::permission::can_write_for_unit;
use papi_core::reporting::{
    figures, prefill, validate_period, Figures, Filed, Period, PeriodKind, TaskAtEnd, UnitReport,
    UnitReportRow,
};
use papi_core::review::{self, ReviewStatus, ReviewStep};
use papi_core::task::parse_date;
use papi_core::timeliness::{judge, Timeliness};
use papi_core::unit_plan::assigned_tasks;
use papi_core::{Action, TaskStatus};
use papi_store::plan::HistoryEntry;
use papi_store::{plan, reporting as store};

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::plan::load::PlanData;
use crate::view::Nav;
use crate::AppState;

async fn plan_data(
    state: &AppState,
    user: &CurrentUser,
) -> Result<std::sync::Arc<PlanData>, AppError> {
    user.require(Action::ViewStaffPages)?;
    PlanData::load(state, user.user.commune_id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn own_period(state: &AppState, user: &CurrentUser, id: i64) -> Result<Period, AppError> {
    let p = store::period(&state.store, id).await?;
    if p.commune_id != user.user.commune_id {
        return Err(AppError::NotFound);
    }
    Ok(p)
}

/// One unit's line of a period's compliance table.
pub struct ComplianceLine {
    pub unit_id: i64,
    pub unit: String,
    pub status: &'static str,
    pub submitted: String,
    pub timeliness: String,
    pub code: &'static str,
}

/// Who is on time, late or missing for a period, unit by unit.
pub async fn compliance(
    state: &AppState,
    data: &PlanData,
    p: &Period,
) -> Result<Vec<ComplianceLine>, AppError> {
    let reports = store::unit_reports(&state.store, p.id).await?;
    let cal = state.calendar();
    let today = state.today();
    Ok(data
        .units
        .iter()
        .filter(|u| !assigned_tasks(u.id, data.tasks.iter().map(|t| &t.task)).is_empty())
        .map(|u| {
            let r = reports.iter().find(|r| r.unit_id == u.id);
            let t = judge(
                p.unit_due,
                r.and_then(|r| r.first_submitted_on),
                today,
                &cal,
            );
            ComplianceLine {
                unit_id: u.id,
                unit: u.name.clone(),
                status: r.map(|r| r.status.label()).unwrap_or("Chưa lập"),
                submitted: r
                    .and_then(|r| r.first_submitted_on)
                    .map(format_date)
                    .unwrap_or_default(),
                timeliness: t.label(),
                code: t.code(),
            }
        })
        .collect())
}

pub struct PeriodLine {
    pub id: i64,
    pub title: String,
    pub unit_due: String,
    pub on_time: usize,
    pub late: usize,
    pub missing: usize,
}

#[derive(Template)]
#[template(path = "reports.html")]
struct PeriodsPage {
    nav: Nav,
    periods: Vec<PeriodLine>,
    can_review: bool,
    kinds: Vec<(&'static str, &'static str)>,
    errors: Vec<String>,
}

async fn periods_page(state: &AppState, user: &CurrentUser, errors: Vec<String>) -> PageResult {
    let data = plan_data(state, user).await?;
    let mut periods = Vec::new();
    for p in store::periods(&state.store, data.plan.id).await? {
        let lines = compliance(state, &data, &p).await?;
        let count = |c: &str| lines.iter().filter(|l| l.code == c).count();
        periods.push(PeriodLine {
            id: p.id,
            title: p.title(),
            unit_due: format_date(p.unit_due),
            on_time: count("on_time"),
            late: count("late"),
            missing: count("missing"),
        });
    }
    let page = PeriodsPage {
        nav: Nav::new(user, state, "reports"),
        periods,
        can_review: user.actor().can(Action::ReviewUnitWork),
        kinds: PeriodKind::ALL
            .iter()
            .map(|k| (k.code(), k.label()))
            .collect(),
        errors,
    };
    let code = if page.errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((code, Html(page.render()?)).into_response())
}

pub async fn periods(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    periods_page(&state, &user, vec![]).await
}

/// The office adds a period (quarterly or ad hoc reports, or one the plan import missed).
pub async fn add_period(
    State(state): State<AppState>,
    user: CurrentUser,
    body: Bytes,
) -> PageResult {
    user.require(Action::ReviewUnitWork)?;
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let data = plan_data(&state, &user).await?;
    let year = data.plan.year;
    let date = |k: &str, label: &str, errors: &mut Vec<String>| {
        let v = f.get(k).trim();
        let d = parse_date(v, year);
        if d.is_none() && (!v.is_empty() || k != "commune_due") {
            errors.push(format!("{label}: “{v}” không đúng dạng dd/mm/yyyy."));
        }
        d
    };
    let mut errors = Vec::new();
    let kind = PeriodKind::parse(f.get("kind"));
    if kind.is_none() {
        errors.push("Chưa chọn loại báo cáo.".into());
    }
    let from = date("from", "Từ ngày", &mut errors);
    let to = date("to", "Đến ngày", &mut errors);
    let unit_due = date("unit_due", "Hạn đơn vị gửi báo cáo", &mut errors);
    let commune_due = date("commune_due", "Hạn báo cáo của xã", &mut errors);
    let (Some(kind), Some(from), Some(to), Some(unit_due), true) =
        (kind, from, to, unit_due, errors.is_empty())
    else {
        return periods_page(&state, &user, errors).await;
    };
    if let Err(e) = validate_period(from, to, unit_due) {
        return periods_page(&state, &user, vec![e]).await;
    }
    let p = Period {
        id: 0,
        commune_id: user.user.commune_id,
        plan_id: data.plan.id,
        kind,
        from,
        to,
        unit_due,
        commune_due,
    };
    let mut w = state.store.begin_write().await?;
    let id = store::insert_period(&mut w, &user.audit_name(), &p).await?;
    w.commit().await?;
    Ok(Redirect::to(&format!("/staff/reports/{id}")).into_response())
}

#[derive(Template)]
#[template(path = "report_period.html")]
struct PeriodPage {
    nav: Nav,
    id: i64,
    title: String,
    unit_due: String,
    commune_due: String,
    lines: Vec<ComplianceLine>,
}

pub async fn period(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> PageResult {
    let data = plan_data(&state, &user).await?;
    let p = own_period(&state, &user, id).await?;
    let lines = compliance(&state, &data, &p).await?;
    let page = PeriodPage {
        nav: Nav::new(&user, &state, "reports"),
        id,
        title: p.title(),
        unit_due: format_date(p.unit_due),
        commune_due: p.commune_due.map(format_date).unwrap_or_default(),
        lines,
    };
    Ok(Html(page.render()?).into_response())
}

pub struct ReportRowView {
    pub task_id: i64,
    pub title: String,
    pub role: &'static str,
    pub done: String,
    pub status: &'static str,
    pub status_code: &'static str,
    pub progress: u8,
    pub figures: String,
}

#[derive(Template)]
#[template(path = "unit_report.html")]
struct UnitReportPage {
    nav: Nav,
    period_id: i64,
    period: String,
    unit_id: i64,
    unit: String,
    unit_due: String,
    status: &'static str,
    comment: String,
    timeliness: String,
    rows: Vec<ReportRowView>,
    statuses: Vec<(&'static str, &'static str)>,
    can_write: bool,
    can_review: bool,
    errors: Vec<String>,
    saved: bool,
}

async fn unit_report_page(
    state: &AppState,
    user: &CurrentUser,
    period_id: i64,
    unit_id: i64,
    draft: Option<Vec<UnitReportRow>>,
    errors: Vec<String>,
    saved: bool,
) -> PageResult {
    let data = plan_data(state, user).await?;
    let p = own_period(state, user, period_id).await?;
    let unit = data
        .units
        .iter()
        .find(|u| u.id == unit_id)
        .ok_or(AppError::NotFound)?;
    let stored = store::unit_report(&state.store, period_id, unit_id).await?;
    let history = plan::history(&state.store, data.plan.id).await?;
    let history: Vec<Filed> = history.iter().map(HistoryEntry::filed).collect();
    let assigned = assigned_tasks(unit_id, data.tasks.iter().map(|t| &t.task));
    let rows: Vec<UnitReportRow> = match (draft, &stored) {
        (Some(d), _) => d,
        (None, Some((_, rows))) if !rows.is_empty() => rows.clone(),
        _ => assigned
            .iter()
            .map(|t| prefill(t.id, &history, p.from, p.to))
            .collect(),
    };
    let report = stored.as_ref().map(|(r, _)| r);
    let status = report.map(|r| r.status).unwrap_or(ReviewStatus::Draft);
    let page = UnitReportPage {
        nav: Nav::new(user, state, "reports"),
        period_id,
        period: p.title(),
        unit_id,
        unit: unit.name.clone(),
        unit_due: format_date(p.unit_due),
        status: report.map(|r| r.status.label()).unwrap_or("Chưa lập"),
        comment: report.map(|r| r.comment.clone()).unwrap_or_default(),
        timeliness: judge(
            p.unit_due,
            report.and_then(|r| r.first_submitted_on),
            state.today(),
            &state.calendar(),
        )
        .label(),
        rows: assigned
            .iter()
            .map(|t| {
                let r = rows
                    .iter()
                    .find(|r| r.task_id == t.id)
                    .cloned()
                    .unwrap_or_else(|| prefill(t.id, &history, p.from, p.to));
                ReportRowView {
                    task_id: t.id,
                    title: t.title.clone(),
                    role: if t.lead_unit_id == unit_id {
                        "Chủ trì"
                    } else {
                        "Phối hợp"
                    },
                    done: r.done,
                    status: r.status.label(),
                    status_code: r.status.code(),
                    progress: r.progress,
                    figures: r.figures,
                }
            })
            .collect(),
        statuses: TaskStatus::ALL
            .iter()
            .map(|s| (s.code(), s.label()))
            .collect(),
        can_write: can_write_for_unit(&user.actor(), unit_id) && status.editable(),
        can_review: user.actor().can(Action::ReviewUnitWork) && status == ReviewStatus::Submitted,
        errors,
        saved,
    };
    let code = if page.errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((code, Html(page.render()?)).into_response())
}

#[derive(serde::Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

pub async fn unit_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((period_id, unit_id)): Path<(i64, i64)>,
    Query(q): Query<SavedQuery>,
) -> PageResult {
    unit_report_page(
        &state,
        &user,
        period_id,
        unit_id,
        None,
        vec![],
        q.saved.is_some(),
    )
    .await
}

/// Saves the unit's report, and with `op=submit` sends it.
pub async fn save_unit_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((period_id, unit_id)): Path<(i64, i64)>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    if !can_write_for_unit(&user.actor(), unit_id) {
        return Err(AppError::Forbidden);
    }
    let data = plan_data(&state, &user).await?;
    let p = own_period(&state, &user, period_id).await?;
    if !data.units.iter().any(|u| u.id == unit_id) {
        return Err(AppError::NotFound);
    }
    let mut errors = Vec::new();
    let rows: Vec<UnitReportRow> = assigned_tasks(unit_id, data.tasks.iter().map(|t| &t.task))
        .iter()
        .map(|t| {
            let get = |k: &str| f.get(&format!("{k}_{}", t.id)).trim().to_string();
            let status = TaskStatus::parse(&get("status")).unwrap_or(TaskStatus::NotStarted);
            let typed = get("progress");
            let progress = match typed.parse::<u8>() {
                Ok(p) if p <= 100 => p,
                _ if typed.is_empty() => 0,
                _ => {
                    errors.push(format!(
                        "Nhiệm vụ “{}”: tiến độ phải là số từ 0 đến 100.",
                        t.title
                    ));
                    0
                }
            };
            UnitReportRow {
                task_id: t.id,
                done: get("done"),
                status,
                progress,
                figures: get("figures"),
            }
        })
        .collect();
    let submit = f.get("op") == "submit";
    if submit {
        for r in rows.iter().filter(|r| r.done.is_empty()) {
            let title = data
                .task(r.task_id)
                .map(|t| t.task.title.clone())
                .unwrap_or_default();
            errors.push(format!(
                "Nhiệm vụ “{title}”: chưa ghi kết quả thực hiện trong kỳ."
            ));
        }
    }
    if !errors.is_empty() {
        return unit_report_page(&state, &user, period_id, unit_id, Some(rows), errors, false)
            .await;
    }
    let existing = store::unit_report(&state.store, period_id, unit_id)
        .await?
        .map(|(r, _)| r);
    let report = existing.clone().unwrap_or(UnitReport {
        id: 0,
        commune_id: user.user.commune_id,
        period_id: p.id,
        unit_id,
        status: ReviewStatus::Draft,
        first_submitted_on: None,
        comment: String::new(),
    });
    let mut w = state.store.begin_write().await?;
    let id = match store::save_unit_report(&mut w, &user.audit_name(), &report, &rows).await {
        Ok(id) => id,
        Err(papi_store::StoreError::Conflict(m)) => {
            return unit_report_page(
                &state,
                &user,
                period_id,
                unit_id,
                Some(rows),
                vec![m],
                false,
            )
            .await
        }
        Err(e) => return Err(e.into()),
    };
    if submit {
        let next = review::apply(report.status, ReviewStep::Submit, "")
            .map_err(|e| AppError::BadRequest(e.to_string()))?;
        store::set_unit_report_status(
            &mut w,
            &user.audit_name(),
            &UnitReport { id, ..report },
            next,
            "",
            state.today(),
        )
        .await?;
    }
    w.commit().await?;
    Ok(Redirect::to(&format!(
        "/staff/reports/{period_id}/units/{unit_id}?saved=1"
    ))
    .into_response())
}

pub async fn review_unit_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((period_id, unit_id)): Path<(i64, i64)>,
    body: Bytes,
) -> PageResult {
    user.require(Action::ReviewUnitWork)?;
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    own_period(&state, &user, period_id).await?;
    let (report, _) = store::unit_report(&state.store, period_id, unit_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let step = ReviewStep::parse(f.get("step"))
        .filter(|s| *s != ReviewStep::Submit)
        .ok_or_else(|| AppError::BadRequest("Thao tác không hợp lệ.".into()))?;
    let comment = f.get("comment").trim();
    let next = match review::apply(report.status, step, comment) {
        Ok(n) => n,
        Err(e) => {
            return unit_report_page(
                &state,
                &user,
                period_id,
                unit_id,
                None,
                vec![e.to_string()],
                false,
            )
            .await
        }
    };
    let mut w = state.store.begin_write().await?;
    store::set_unit_report_status(
        &mut w,
        &user.audit_name(),
        &report,
        next,
        comment,
        state.today(),
    )
    .await?;
    w.commit().await?;
    Ok(Redirect::to(&format!(
        "/staff/reports/{period_id}/units/{unit_id}?saved=1"
    ))
    .into_response())
}

/// A task as it stood at a period's end, from the reports filed up to then.
pub struct EndState {
    pub task_id: i64,
    pub status: TaskStatus,
    pub progress: u8,
    /// What was reported within the window, dated.
    pub done: String,
    pub late: bool,
    pub last_update_on: Option<NaiveDate>,
}

/// Every task of the plan as it stood at `p`'s end.
pub async fn end_states(
    state: &AppState,
    data: &PlanData,
    p: &Period,
) -> Result<Vec<EndState>, AppError> {
    let history = plan::history(&state.store, data.plan.id).await?;
    let filed: Vec<Filed> = history.iter().map(HistoryEntry::filed).collect();
    Ok(data
        .tasks
        .iter()
        .map(|t| {
            let row = prefill(t.task.id, &filed, p.from, p.to);
            // A task stopped by the office stays out of the count whatever its history.
            let status = if t.task.status == TaskStatus::Cancelled {
                TaskStatus::Cancelled
            } else {
                row.status
            };
            let last = filed
                .iter()
                .rfind(|h| h.task_id == t.task.id && h.on <= p.to)
                .map(|h| h.on);
            let late = papi_core::task::standing(status, t.task.due, data.plan.year, last, p.to)
                == papi_core::task::Standing::Late;
            EndState {
                task_id: t.task.id,
                status,
                progress: row.progress,
                done: row.done,
                late,
                last_update_on: last,
            }
        })
        .collect())
}

/// The figures of a period, per dimension (first: all tasks), as the tasks stood at its end.
pub async fn period_figures(
    state: &AppState,
    data: &PlanData,
    p: &Period,
) -> Result<Vec<(Option<papi_core::Dimension>, Figures)>, AppError> {
    let at_end: Vec<TaskAtEnd> = end_states(state, data, p)
        .await?
        .into_iter()
        .zip(&data.tasks)
        .map(|(e, t)| TaskAtEnd {
            dimension: data.dimension(t),
            status: e.status,
            due: t.task.due,
            last_update_on: e.last_update_on,
        })
        .collect();
    Ok(figures(&at_end, data.plan.year, p.to))
}

pub struct FigureRow {
    pub name: String,
    pub f: Figures,
}

#[derive(Template)]
#[template(path = "commune_report.html")]
struct CommuneReportPage {
    nav: Nav,
    period_id: i64,
    period: String,
    figures: Vec<FigureRow>,
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
    let data = plan_data(state, user).await?;
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
            .map(|(d, f)| FigureRow {
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
        can_edit: user.actor().can(Action::ReviewUnitWork) && !rep.approved,
        can_approve: user.actor().can(Action::ApproveReport)
            && !rep.approved
            && !rep.number.is_empty(),
        saved,
        errors,
    };
    let code = if page.errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((code, Html(page.render()?)).into_response())
}

pub async fn save_commune_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(period_id): Path<i64>,
    body: Bytes,
) -> PageResult {
    user.require(Action::ReviewUnitWork)?;
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    own_period(&state, &user, period_id).await?;
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
    };
    let mut errors = Vec::new();
    if !rep.number.contains("/BC-") {
        errors.push("Số, ký hiệu báo cáo phải có dạng …/BC-UBND.".to_string());
    }
    if !issued_text.is_empty() && rep.issued_on.is_none() {
        errors.push(format!("Ngày “{issued_text}” không đúng dạng dd/mm/yyyy."));
    }
    if !errors.is_empty() {
        return commune_report_page(&state, &user, period_id, Some(rep), errors, false).await;
    }
    let mut w = state.store.begin_write().await?;
    if let Err(e) =
        store::save_commune_report(&mut w, &user.audit_name(), user.user.commune_id, &rep).await
    {
        return match e {
            papi_store::StoreError::Conflict(m) => {
                commune_report_page(&state, &user, period_id, Some(rep), vec![m], false).await
            }
            e => Err(e.into()),
        };
    }
    w.commit().await?;
    Ok(Redirect::to(&format!("/staff/reports/{period_id}/commune?saved=1")).into_response())
}

/// The chairman approves the report; from then on it is frozen.
pub async fn approve_commune_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(period_id): Path<i64>,
    body: Bytes,
) -> PageResult {
    user.require(Action::ApproveReport)?;
    user.check_csrf(FormPairs::parse(&body)?.get("csrf"))?;
    own_period(&state, &user, period_id).await?;
    let mut rep = store::commune_report(&state.store, period_id)
        .await?
        .ok_or_else(|| AppError::BadRequest("Văn phòng chưa soạn báo cáo.".into()))?;
    if rep.approved {
        return Err(AppError::BadRequest("Báo cáo đã được phê duyệt.".into()));
    }
    rep.approved = true;
    rep.approved_by = user.user.full_name.clone();
    rep.issued_on = rep.issued_on.or(Some(state.today()));
    let mut w = state.store.begin_write().await?;
    store::save_commune_report(&mut w, &user.audit_name(), user.user.commune_id, &rep).await?;
    w.commit().await?;
    Ok(Redirect::to(&format!("/staff/reports/{period_id}/commune?saved=1")).into_response())
}

/// What the dashboard reminds a unit's people of: their sub-plan and reports, due or late.
pub async fn reminders(
    state: &AppState,
    data: &PlanData,
    user: &CurrentUser,
) -> Result<Vec<String>, AppError> {
    let Some(unit_id) = user.user.unit_id.filter(|_| user.user.role.needs_unit()) else {
        return Ok(vec![]);
    };
    let cal = state.calendar();
    let today = state.today();
    let mut out = Vec::new();
    let note = |what: &str, due: NaiveDate, t: Timeliness| match t {
        Timeliness::Missing => Some(format!(
            "{what}: đã quá hạn {} ({} ngày làm việc) — chưa gửi.",
            format_date(due),
            cal.working_days_between(due, today)
        )),
        Timeliness::Pending if cal.working_days_between(today, due) <= 10 => Some(format!(
            "{what}: hạn {} (còn {} ngày làm việc).",
            format_date(due),
            cal.working_days_between(today, due)
        )),
        _ => None,
    };
    if let Some(due) = data.plan.unit_plan_due(&cal) {
        let sent = papi_store::unit_plan::get(&state.store, data.plan.id, unit_id)
            .await?
            .and_then(|(p, _)| p.first_submitted_on);
        out.extend(note(
            "Kế hoạch thực hiện của đơn vị",
            due,
            judge(due, sent, today, &cal),
        ));
    }
    for p in store::periods(&state.store, data.plan.id).await? {
        let sent = store::unit_report(&state.store, p.id, unit_id)
            .await?
            .and_then(|(r, _)| r.first_submitted_on);
        out.extend(note(
            p.kind.label(),
            p.unit_due,
            judge(p.unit_due, sent, today, &cal),
        ));
    }
    Ok(out)
}

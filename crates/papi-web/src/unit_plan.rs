//! Unit sub-plans: the register (who is on time, late, missing), each unit's form, the
//! completeness check, and the office's accept/return.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect};
use papi_core::clock::format_date;
use papi_core::permission::can_write_for_unit;
use papi_core::review::{ReviewStatus, Reviewed};
use papi_core::task::parse_date;
use papi_core::timeliness::judge;
use papi_core::unit_plan::{assigned_tasks, completeness, UnitPlanRow};
use papi_store::unit_plan as store;

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::review::{ReviewForm, ReviewedPage};
use crate::view::Nav;
use crate::view::SavedQuery;
use crate::AppState;
use papi_app::plan::PlanData;
pub use papi_app::unit_plan::{register, Register};

#[derive(Template)]
#[template(path = "unit_plans.html")]
struct RegisterPage {
    nav: Nav,
    due: String,
    reg: Register,
}

pub async fn list(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    let data = PlanData::for_staff(&state, &user.actor()).await?;
    let reg = register(&state, &data);
    let due = reg
        .due
        .map(format_date)
        .unwrap_or_else(|| "(kế hoạch không nêu)".into());
    let page = RegisterPage {
        nav: Nav::new(&user, &state, "unit_plans"),
        due,
        reg,
    };
    Ok(Html(page.render()?).into_response())
}

/// One row of the form: the task and what the unit wrote for it.
pub struct FormRow {
    pub task_id: i64,
    pub title: String,
    pub role: &'static str,
    pub task_due: String,
    pub actions: String,
    pub deliverable: String,
    pub due: String,
    pub officer: String,
}

#[derive(Template)]
#[template(path = "unit_plan.html")]
struct UnitPlanPage {
    nav: Nav,
    unit_id: i64,
    unit: String,
    plan_number: String,
    due: String,
    number: String,
    issued_on: String,
    status: &'static str,
    comment: String,
    timeliness: String,
    rows: Vec<FormRow>,
    gaps: Vec<String>,
    errors: Vec<String>,
    can_write: bool,
    /// The office may withdraw an acceptance (with a reason) to let the unit correct it.
    can_withdraw: bool,
    review: ReviewForm,
    saved: bool,
}

struct Draft {
    number: String,
    issued_on: String,
    rows: Vec<UnitPlanRow>,
    /// Dates as typed, for redisplay.
    typed_dates: Vec<(i64, String)>,
}

async fn render(
    state: &AppState,
    user: &CurrentUser,
    unit_id: i64,
    draft: Option<Draft>,
    errors: Vec<String>,
    saved: bool,
) -> PageResult {
    let data = PlanData::for_staff(state, &user.actor()).await?;
    let unit = data
        .units
        .iter()
        .find(|u| u.id == unit_id)
        .ok_or(AppError::NotFound)?;
    let stored = store::get(&state.store, data.plan.id, unit_id).await?;
    let assigned = assigned_tasks(unit_id, data.tasks.iter().map(|t| &t.task));
    let (up, stored_rows) = match &stored {
        Some((p, r)) => (Some(p), r.clone()),
        None => (None, vec![]),
    };
    let (number, issued_on, rows, typed) = match draft {
        Some(d) => (d.number, d.issued_on, d.rows, d.typed_dates),
        None => (
            up.map(|p| p.number.clone()).unwrap_or_default(),
            up.and_then(|p| p.issued_on)
                .map(format_date)
                .unwrap_or_default(),
            stored_rows,
            vec![],
        ),
    };
    let ids: Vec<i64> = assigned.iter().map(|t| t.id).collect();
    let title = |id: i64| {
        data.task(id)
            .map(|t| t.task.title.clone())
            .unwrap_or_default()
    };
    let gaps = completeness(&number, &rows, &ids)
        .iter()
        .map(|g| g.describe(title))
        .collect();
    let cal = state.calendar();
    let due = data.plan.unit_plan_due(&cal);
    let status = up.map(|p| p.status).unwrap_or(ReviewStatus::Draft);
    let page = UnitPlanPage {
        can_withdraw: status == ReviewStatus::Accepted
            && user.actor().can(papi_core::Action::ReviewUnitWork),
        nav: Nav::new(user, state, "unit_plans"),
        unit_id,
        unit: unit.name.clone(),
        plan_number: data.plan.number.clone(),
        due: due.map(format_date).unwrap_or_default(),
        number,
        issued_on,
        status: up.map(|p| p.status.label()).unwrap_or("Chưa lập"),
        comment: up.map(|p| p.comment.clone()).unwrap_or_default(),
        timeliness: due
            .map(|d| {
                judge(
                    d,
                    up.and_then(|p| p.first_submitted_on),
                    state.today(),
                    &cal,
                )
                .label()
            })
            .unwrap_or_default(),
        rows: assigned
            .iter()
            .map(|t| {
                let r = rows.iter().find(|r| r.task_id == t.id);
                let typed_due = typed
                    .iter()
                    .find(|(id, _)| *id == t.id)
                    .map(|(_, s)| s.clone());
                FormRow {
                    task_id: t.id,
                    title: t.title.clone(),
                    role: if t.lead_unit_id == unit_id {
                        "Chủ trì"
                    } else {
                        "Phối hợp"
                    },
                    task_due: t.due.label(),
                    actions: r.map(|r| r.actions.clone()).unwrap_or_default(),
                    deliverable: r.map(|r| r.deliverable.clone()).unwrap_or_else(|| {
                        if t.lead_unit_id == unit_id {
                            t.deliverable.clone()
                        } else {
                            String::new()
                        }
                    }),
                    due: typed_due.unwrap_or_else(|| {
                        r.and_then(|r| r.due).map(format_date).unwrap_or_default()
                    }),
                    officer: r.map(|r| r.officer.clone()).unwrap_or_default(),
                }
            })
            .collect(),
        gaps,
        errors,
        can_write: can_write_for_unit(&user.actor(), unit_id) && status.editable(),
        review: ReviewForm::new(user, status, &SubPlanReview::url(unit_id)),
        saved,
    };
    crate::view::form_page(&page, !page.errors.is_empty())
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(unit_id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<SavedQuery>,
) -> PageResult {
    if !papi_core::permission::can_view_unit_documents(&user.actor(), unit_id) {
        return Err(AppError::Forbidden);
    }
    render(&state, &user, unit_id, None, vec![], q.saved.is_some()).await
}

/// Reads the form; dates may be typed as dd/mm/yyyy or picked (yyyy-mm-dd).
fn read_draft(f: &FormPairs, task_ids: &[i64], year: i32) -> (Draft, Vec<String>) {
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    let mut typed = Vec::new();
    for id in task_ids {
        let text = |k: &str| f.get(&format!("{k}_{id}")).trim().to_string();
        let due_text = text("due");
        let due = if due_text.is_empty() {
            None
        } else {
            let parsed = parse_date(&due_text, year);
            if parsed.is_none() {
                errors.push(format!("Ngày “{due_text}” không đúng dạng dd/mm/yyyy."));
            }
            parsed
        };
        typed.push((*id, due_text));
        rows.push(UnitPlanRow {
            task_id: *id,
            actions: text("actions"),
            deliverable: text("deliverable"),
            due,
            officer: text("officer"),
        });
    }
    let issued = f.get("issued_on").trim().to_string();
    if !issued.is_empty() && parse_date(&issued, year).is_none() {
        errors.push(format!(
            "Ngày ban hành “{issued}” không đúng dạng dd/mm/yyyy."
        ));
    }
    (
        Draft {
            number: f.get("number").trim().to_string(),
            issued_on: issued,
            rows,
            typed_dates: typed,
        },
        errors,
    )
}

/// Saves the draft, and with `op=submit` submits it when complete.
pub async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(unit_id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let data = papi_app::review::unit_draft_plan(&state, &user.actor(), unit_id).await?;
    let ids: Vec<i64> = assigned_tasks(unit_id, data.tasks.iter().map(|t| &t.task))
        .iter()
        .map(|t| t.id)
        .collect();
    let (draft, errors) = read_draft(&f, &ids, data.plan.year);
    if !errors.is_empty() {
        return render(&state, &user, unit_id, Some(draft), errors, false).await;
    }
    let typed = papi_app::unit_plan::Draft {
        number: &draft.number,
        issued_on: parse_date(&draft.issued_on, data.plan.year),
        rows: &draft.rows,
    };
    let (actor, name, submit) = (user.actor(), user.audit_name(), f.get("op") == "submit");
    let saved = papi_app::unit_plan::save(&state, &actor, &name, unit_id, typed, submit).await?;
    if let Err(why) = saved {
        return render(&state, &user, unit_id, Some(draft), why, false).await;
    }
    Ok(Redirect::to(&format!("/staff/unit-plans/{unit_id}?saved=1")).into_response())
}

/// A unit's sub-plan in the review flow, named by its unit.
pub struct SubPlanReview;

impl ReviewedPage for SubPlanReview {
    type Key = i64;

    async fn find(
        state: &AppState,
        user: &CurrentUser,
        unit_id: i64,
    ) -> Result<Reviewed, AppError> {
        Ok(papi_app::unit_plan::reviewed(state, &user.actor(), unit_id).await?)
    }

    async fn page(
        state: &AppState,
        user: &CurrentUser,
        unit_id: i64,
        errors: Vec<String>,
    ) -> PageResult {
        render(state, user, unit_id, None, errors, false).await
    }

    fn url(unit_id: i64) -> String {
        format!("/staff/unit-plans/{unit_id}")
    }
}

//! The reporting periods: the list with compliance counts, adding one, and one period's table.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect};
use papi_core::clock::format_date;
use papi_core::reporting::PeriodKind;
use papi_core::task::parse_date;
use papi_core::Action;
use papi_store::reporting as store;

use super::{compliance, own_period, ComplianceLine};
use crate::auth::CurrentUser;
use crate::error::PageResult;
use crate::plan::edit::FormPairs;
use crate::view::Nav;
use crate::AppState;
use papi_app::plan::PlanData;

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
    typed: TypedPeriod,
}

async fn periods_page(state: &AppState, user: &CurrentUser, errors: Vec<String>) -> PageResult {
    periods_page_typed(state, user, errors, TypedPeriod::default()).await
}

/// The add-period form as typed, shown again when it was refused.
#[derive(Default)]
pub struct TypedPeriod {
    pub kind: String,
    pub from: String,
    pub to: String,
    pub unit_due: String,
    pub commune_due: String,
}

impl TypedPeriod {
    fn from_form(f: &FormPairs) -> TypedPeriod {
        TypedPeriod {
            kind: f.get("kind").into(),
            from: f.get("from").into(),
            to: f.get("to").into(),
            unit_due: f.get("unit_due").into(),
            commune_due: f.get("commune_due").into(),
        }
    }
}

async fn periods_page_typed(
    state: &AppState,
    user: &CurrentUser,
    errors: Vec<String>,
    typed: TypedPeriod,
) -> PageResult {
    let data = PlanData::for_staff(state, &user.actor()).await?;
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
        typed,
    };
    crate::view::form_page(&page, !page.errors.is_empty())
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
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let data = PlanData::for_staff(&state, &user.actor()).await?;
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
        return periods_page_typed(&state, &user, errors, TypedPeriod::from_form(&f)).await;
    };
    let planned = papi_core::reporting::PlannedPeriod {
        kind,
        from,
        to,
        due: unit_due,
    };
    let (actor, name) = (user.actor(), user.audit_name());
    let added = papi_app::reporting::add_period(&state, &actor, &name, &planned, commune_due);
    let id = match added.await? {
        Ok(id) => id,
        Err(why) => {
            let typed = TypedPeriod::from_form(&f);
            return periods_page_typed(&state, &user, vec![why], typed).await;
        }
    };
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
    let data = PlanData::for_staff(&state, &user.actor()).await?;
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

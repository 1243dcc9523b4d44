//! Pieces every page shares: the navigation bar and display formatting.

use papi_core::clock::format_date;
use papi_core::progress::Tally;
use papi_core::task::Standing;
use papi_core::Action;

use crate::auth::CurrentUser;
use crate::AppState;

/// The staff navigation bar and what it may show.
pub struct Nav {
    pub user_name: String,
    pub role_label: &'static str,
    pub csrf: String,
    pub can_edit: bool,
    pub can_admin: bool,
    pub can_audit: bool,
    pub can_province: bool,
    pub can_communes: bool,
    /// Residents' matters (feedback, complaints, denunciations).
    pub can_matters: bool,
    /// The chairman's reception schedule and the register.
    pub can_reception: bool,
    /// The commune's e-mail outbox.
    pub can_outbox: bool,
    /// The disclosure register.
    pub can_disclosure: bool,
    /// Residents' decisions, ledgers, consultations, boards and conferences.
    pub can_participation: bool,
    /// The outreach log.
    pub can_outreach: bool,
    /// Inspections: those who run them and the units whose findings they remedy.
    pub can_inspections: bool,
    /// The signed-in person works for a unit ("Việc của đơn vị").
    pub has_unit: bool,
    pub today: String,
    pub active: &'static str,
}

impl Nav {
    pub fn new(user: &CurrentUser, state: &AppState, active: &'static str) -> Nav {
        let actor = user.actor();
        Nav {
            user_name: user.user.full_name.clone(),
            role_label: user.user.role.label(),
            csrf: user.csrf.clone(),
            can_edit: actor.can(Action::EditPlan),
            can_admin: actor.can(Action::ManageOrganisation),
            can_audit: actor.can(Action::ViewAudit),
            can_province: actor.can(Action::ViewProvince),
            can_communes: actor.can(Action::ManageCommunes),
            can_matters: actor.can(Action::WorkOnMatters),
            can_reception: actor.can(Action::ManageReception),
            can_outbox: actor.can(Action::ViewOutbox),
            can_disclosure: actor.can(Action::ManageDisclosure),
            can_participation: actor.can(Action::ManageParticipation)
                || actor.can(Action::ManageBoards),
            can_outreach: actor.can(Action::LogOutreach),
            can_inspections: actor.can(Action::ManageInspections)
                || (actor.can(Action::PostProgress) && user.user.unit_id.is_some()),
            has_unit: user.user.unit_id.is_some(),
            today: format_date(state.today()),
            active,
        }
    }

    pub fn is(&self, name: &str) -> bool {
        self.active == name
    }
}

/// A tally as pages show it.
pub struct TallyView {
    pub total: usize,
    pub done: usize,
    pub late: usize,
    pub due_soon: usize,
    pub percent: u32,
}

impl From<&Tally> for TallyView {
    fn from(t: &Tally) -> Self {
        TallyView {
            total: t.total,
            done: t.done,
            late: t.late,
            due_soon: t.due_soon,
            percent: t.percent(),
        }
    }
}

/// CSS class of a standing's badge.
pub fn standing_class(s: Standing) -> &'static str {
    match s {
        Standing::Done => "ok",
        Standing::Late => "late",
        Standing::DueSoon => "soon",
        Standing::Cancelled => "muted",
        Standing::OnTrack => "track",
    }
}

/// The day a page is drawn for, with the calendar that counts its working days.
pub struct Day {
    pub today: chrono::NaiveDate,
    pub cal: std::sync::Arc<papi_calendar::Calendar>,
}

/// "còn 5 ngày làm việc", "hạn hôm nay", "trễ 12 ngày làm việc".
pub fn days_note(due: chrono::NaiveDate, day: &Day) -> String {
    if due == day.today {
        return "hạn hôm nay".into();
    }
    match papi_core::task::working_days_left(due, day.today, &day.cal) {
        n if n >= 0 => format!("còn {n} ngày làm việc"),
        n => format!("trễ {} ngày làm việc", -n),
    }
}

/// One dimension's roll-up, as the dashboard and the public page list them.
pub struct DimensionRow {
    pub number: u8,
    pub name: &'static str,
    pub tally: TallyView,
}

/// The 8 dimensions in PAPI order with their tallies (zero where no task counts).
pub fn dimension_rows(sum: &papi_core::progress::Summary) -> Vec<DimensionRow> {
    papi_core::Dimension::all()
        .map(|d| DimensionRow {
            number: d.number(),
            name: d.name_vi(),
            tally: TallyView::from(
                &sum.by_dimension
                    .get(&d.number())
                    .cloned()
                    .unwrap_or_default(),
            ),
        })
        .collect()
}

/// `?saved=1`: the page after a successful save says so.
#[derive(serde::Deserialize)]
pub struct SavedQuery {
    pub saved: Option<String>,
}

/// A form's page: 200, or 422 when it shows what was refused (so scripts and tests can tell).
pub fn form_page(page: &impl askama::Template, refused: bool) -> crate::error::PageResult {
    use axum::response::IntoResponse;
    let status = match refused {
        true => axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        false => axum::http::StatusCode::OK,
    };
    Ok((status, axum::response::Html(page.render()?)).into_response())
}

//! The reporting regime: periods, each unit's report on its tasks (pre-filled from what papi
//! already knows), compliance per period, and the commune report with computed figures.

mod commune_report;
mod periods;
mod unit_report;
mod withdraw;

pub use commune_report::{
    approve_commune_report, commune_report, save_commune_report, withdraw_commune_report,
};
pub use periods::{add_period, period, periods};
pub use unit_report::{save_unit_report, unit_report, UnitReportReview};
pub use withdraw::{withdraw_unit_plan, withdraw_unit_report};

pub use papi_app::reporting::{compliance, ComplianceLine};

use papi_core::reporting::Period;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;

/// A reporting period of the signed-in user's commune.
pub(crate) async fn own_period(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
) -> Result<Period, AppError> {
    Ok(papi_app::reporting::own_period(state, &user.actor(), id).await?)
}

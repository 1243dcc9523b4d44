//! The province's read-only roll-up: every commune of the installation, its plan and how each
//! of the 8 dimensions is going.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse};
use papi_store::org;

use crate::auth::CurrentUser;
use crate::error::PageResult;
use crate::view::{dimension_rows, DimensionRow, Nav, TallyView};
use crate::AppState;
use papi_app::plan::PlanData;

pub struct CommuneLine {
    pub name: String,
    pub gso: String,
    pub plan: String,
    pub overall: Option<TallyView>,
    pub dimensions: Vec<DimensionRow>,
}

#[derive(Template)]
#[template(path = "province.html")]
struct ProvincePage {
    nav: Nav,
    communes: Vec<CommuneLine>,
}

pub async fn show(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    let today = state.today();
    let mut communes = Vec::new();
    for c in org::communes(&state.store).await? {
        let data = PlanData::load(&state, c.id).await?;
        let (plan, overall, dimensions) = match &data {
            Some(d) => {
                let (sum, _) = d.summaries(today, &state.calendar());
                (
                    format!("{} ({})", d.plan.number, d.plan.year),
                    Some(TallyView::from(&sum.overall)),
                    dimension_rows(&sum),
                )
            }
            None => ("Chưa có kế hoạch".to_string(), None, vec![]),
        };
        communes.push(CommuneLine {
            name: c.full_name(),
            gso: c.gso_code.clone(),
            plan,
            overall,
            dimensions,
        });
    }
    let page = ProvincePage {
        nav: Nav::new(&user, &state, "province"),
        communes,
    };
    Ok(Html(page.render()?).into_response())
}

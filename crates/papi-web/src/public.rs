//! The public portal: no login, no personal data. Residents see how each of the 8 dimensions
//! of the plan is going and each public task's status and dated milestones.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect};
use papi_core::clock::{format_date, format_timestamp};
use papi_core::{Commune, Dimension};
use papi_store::{org, plan};

use crate::error::{AppError, PageResult};
use crate::view::{dimension_rows, standing_class, DimensionRow, TallyView};
use crate::AppState;
use papi_app::plan::PlanData;

#[derive(Template)]
#[template(path = "public.html")]
struct PublicPage {
    commune: String,
    gso: String,
    plan: Option<(String, String, String)>,
    overall: TallyView,
    cards: Vec<DimensionRow>,
    today: String,
}

#[derive(Template)]
#[template(path = "public_list.html")]
struct CommuneList {
    communes: Vec<Commune>,
}

pub struct PublicTask {
    pub title: String,
    pub unit: String,
    pub deliverable: String,
    pub due: String,
    pub standing: &'static str,
    pub standing_class: &'static str,
    pub progress: u8,
    pub milestones: Vec<(String, u8, &'static str)>,
}

#[derive(Template)]
#[template(path = "public_dimension.html")]
struct DimensionPage {
    commune: String,
    gso: String,
    number: u8,
    name: &'static str,
    tasks: Vec<PublicTask>,
}

/// `/`: the commune's page when the installation serves one commune, else the list.
pub async fn home(State(state): State<AppState>) -> PageResult {
    let communes = org::communes(&state.store).await?;
    match communes.as_slice() {
        [one] => commune_page(&state, one).await,
        _ => Ok(Html(CommuneList { communes }.render()?).into_response()),
    }
}

async fn find_commune(state: &AppState, gso: &str) -> Result<Commune, AppError> {
    org::communes(&state.store)
        .await?
        .into_iter()
        .find(|c| c.gso_code == gso)
        .ok_or(AppError::NotFound)
}

pub async fn commune(State(state): State<AppState>, Path(gso): Path<String>) -> PageResult {
    let c = find_commune(&state, &gso).await?;
    commune_page(&state, &c).await
}

async fn commune_page(state: &AppState, c: &Commune) -> PageResult {
    let today = state.today();
    let data = PlanData::load(state, c.id).await?;
    let (plan, overall, cards) = match &data {
        Some(data) => {
            let (_, sum) = data.summaries(today, &state.calendar());
            let cards = dimension_rows(&sum);
            let p = &data.plan;
            (
                Some((p.title.clone(), p.number.clone(), format_date(p.issued_on))),
                (&sum.overall).into(),
                cards,
            )
        }
        None => (
            None,
            TallyView::from(&papi_core::progress::Tally::default()),
            Vec::new(),
        ),
    };
    let page = PublicPage {
        commune: c.full_name(),
        gso: c.gso_code.clone(),
        plan,
        overall,
        cards,
        today: format_date(today),
    };
    Ok(Html(page.render()?).into_response())
}

pub async fn dimension(
    State(state): State<AppState>,
    Path((gso, n)): Path<(String, u8)>,
) -> PageResult {
    let c = find_commune(&state, &gso).await?;
    let d = Dimension::new(n).ok_or(AppError::NotFound)?;
    let Some(data) = PlanData::load(&state, c.id).await? else {
        return Ok(Redirect::to(&format!("/public/{gso}")).into_response());
    };
    let cal = state.calendar();
    let on = data.on(state.today(), &cal);
    let milestones = plan::public_milestones(&state.store, data.plan.id, n).await?;
    let tasks = data
        .tasks
        .iter()
        .filter(|t| t.task.public && data.dimension(t) == Some(d))
        .map(|t| {
            let st = data.standing(t, &on);
            PublicTask {
                title: t.task.title.clone(),
                unit: data.unit_name(t.task.lead_unit_id).to_string(),
                deliverable: t.task.deliverable.clone(),
                due: t.task.due.label(),
                standing: st.label(),
                standing_class: standing_class(st),
                progress: t.task.progress,
                milestones: milestones
                    .iter()
                    .filter(|m| m.task_id == t.task.id)
                    .map(|m| {
                        (
                            format_timestamp(&m.created_at).chars().take(10).collect(),
                            m.progress,
                            m.status.label(),
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    let page = DimensionPage {
        commune: c.full_name(),
        gso,
        number: n,
        name: d.name_vi(),
        tasks,
    };
    Ok(Html(page.render()?).into_response())
}

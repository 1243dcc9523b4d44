//! The plan as a tree: dimension → item → tasks, then the cross-cutting sections.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse};
use papi_core::clock::format_date;
use papi_core::{CrossCutting, Dimension, ItemKind};

use super::tasks::TaskLine;
use crate::auth::CurrentUser;
use crate::error::PageResult;
use crate::view::Nav;
use crate::AppState;
use papi_app::plan::PlanData;

pub struct ItemNode {
    pub code: String,
    pub text: String,
    pub tasks: Vec<TaskLine>,
}

pub struct SectionNode {
    pub heading: String,
    pub items: Vec<ItemNode>,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    nav: Nav,
    has_plan: bool,
    title: String,
    number: String,
    issued: String,
    sections: Vec<SectionNode>,
    unplaced: Vec<TaskLine>,
}

pub async fn show(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    let nav = Nav::new(&user, &state, "plan");
    let Some(data) = PlanData::load(&state, user.user.commune_id).await? else {
        let page = PlanPage {
            nav,
            has_plan: false,
            title: String::new(),
            number: String::new(),
            issued: String::new(),
            sections: vec![],
            unplaced: vec![],
        };
        return Ok(Html(page.render()?).into_response());
    };
    let day = state.day();
    let kinds: Vec<(String, ItemKind)> = Dimension::all()
        .map(|d| {
            (
                format!("{}. {}", d.number(), d.name_vi()),
                ItemKind::Content(d),
            )
        })
        .chain(
            [CrossCutting::Outreach, CrossCutting::Inspection]
                .map(|c| (c.label().to_string(), ItemKind::CrossCutting(c))),
        )
        .collect();
    let sections = kinds
        .into_iter()
        .map(|(heading, kind)| SectionNode {
            heading,
            items: data
                .items
                .iter()
                .filter(|i| i.kind == kind)
                .map(|i| ItemNode {
                    code: i.code.clone(),
                    text: i.text.clone(),
                    tasks: data
                        .tasks
                        .iter()
                        .filter(|t| t.task.item_id == Some(i.id))
                        .map(|t| TaskLine::new(&data, t, &day))
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let unplaced = data
        .tasks
        .iter()
        .filter(|t| t.task.item_id.is_none())
        .map(|t| TaskLine::new(&data, t, &day))
        .collect();
    let page = PlanPage {
        nav,
        has_plan: true,
        title: data.plan.title.clone(),
        number: data.plan.number.clone(),
        issued: format_date(data.plan.issued_on),
        sections,
        unplaced,
    };
    Ok(Html(page.render()?).into_response())
}

//! What residents see of inspections: concluded checks with their results and the status of
//! each finding (Luật 10/2022/QH15 Đ.11 k.10). Units and villages are named; people are not
//! (the inspectors, who reported or re-checked stay on the staff pages).

use chrono::NaiveDate;
use papi_core::inspection::{FindingStatus, Mode};

use crate::error::Result;
use crate::App;

/// A finding as published.
#[derive(Debug, Clone)]
pub struct PublicFinding {
    pub text: String,
    pub owner: String,
    pub due: NaiveDate,
    pub status: FindingStatus,
    pub overdue: bool,
}

/// A concluded check as published.
#[derive(Debug, Clone)]
pub struct PublicCheck {
    pub title: String,
    pub target: String,
    pub mode: Mode,
    pub held_on: Option<NaiveDate>,
    pub concluded_on: NaiveDate,
    pub conclusion: String,
    pub findings: Vec<PublicFinding>,
}

/// The commune's concluded checks, newest first.
pub async fn published(app: &App, commune_id: i64) -> Result<Vec<PublicCheck>> {
    let today = app.today();
    let mut out: Vec<PublicCheck> = super::records(app, commune_id, None)
        .await?
        .into_iter()
        .filter_map(|r| {
            let i = r.inspection;
            Some(PublicCheck {
                concluded_on: i.concluded_on?,
                title: i.title,
                target: i.target_name,
                mode: i.mode,
                held_on: i.held_on,
                conclusion: i.conclusion,
                findings: r
                    .findings
                    .iter()
                    .map(|(f, rc)| PublicFinding {
                        text: f.text.clone(),
                        owner: f.owner_name.clone(),
                        due: f.due,
                        status: f.status(rc),
                        overdue: f.is_overdue(rc, today),
                    })
                    .collect(),
            })
        })
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.concluded_on));
    Ok(out)
}

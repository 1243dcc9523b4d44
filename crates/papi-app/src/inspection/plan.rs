//! The year's plan of checks: adding a scheduled or unannounced check of a unit or a village,
//! and the commune's default remediation time.

use chrono::Datelike;
use papi_core::inspection::{ChecklistKind, Inspection, Mode, RemediationDays, Target};
use papi_core::text::limits;
use papi_core::Actor;

use super::manager;
use crate::error::{Error, Result};
use crate::voice::reception::required_day;
use crate::App;

/// A check as typed in the form. `target` is `unit:{id}` or `village:{id}`.
#[derive(Debug, Clone, Default)]
pub struct CheckInput {
    pub title: String,
    pub mode: String,
    pub checklist: String,
    pub target: String,
    pub planned_on: String,
}

/// Adds a check to the plan of the year of its date, with a copy of its checklist template.
pub async fn create(app: &App, actor: &Actor, by: &str, input: CheckInput) -> Result<i64> {
    manager(actor)?;
    let mode = Mode::parse(&input.mode).ok_or_else(|| {
        Error::Invalid("Hình thức kiểm tra: chọn theo kế hoạch hoặc đột xuất.".into())
    })?;
    let checklist = ChecklistKind::parse(&input.checklist)
        .ok_or_else(|| Error::Invalid("Nội dung kiểm tra: chọn một bảng kiểm tra.".into()))?;
    let planned_on = required_day("Ngày kiểm tra dự kiến", &input.planned_on)?;
    let (target, target_name) = target(app, actor.commune_id, &input.target).await?;
    let title = input.title.trim();
    limits::check("Tên cuộc kiểm tra", title, limits::TITLE).map_err(Error::Invalid)?;
    let title = if title.is_empty() {
        format!(
            "Kiểm tra {}: {}",
            checklist.label().to_lowercase(),
            target_name
        )
    } else {
        title.to_string()
    };
    let x = Inspection {
        id: 0,
        commune_id: actor.commune_id,
        year: planned_on.year(),
        title,
        mode,
        checklist,
        target,
        target_name,
        planned_on,
        held_on: None,
        inspector: String::new(),
        conclusion: String::new(),
        concluded_on: None,
        disclosure_id: None,
    };
    let mut w = app.store.begin_write().await?;
    let id = papi_store::inspection::insert(&mut w, by, &x).await?;
    w.commit().await?;
    Ok(id)
}

/// The unit or village a form's `target` names, with its name.
async fn target(app: &App, commune_id: i64, text: &str) -> Result<(Target, String)> {
    let bad = || Error::Invalid("Đơn vị được kiểm tra: chọn một ban, ngành hoặc một thôn.".into());
    let (kind, id) = text.trim().split_once(':').ok_or_else(bad)?;
    let id: i64 = id.parse().map_err(|_| bad())?;
    match kind {
        "unit" => {
            let units = papi_store::org::units(&app.store, commune_id).await?;
            let u = units.into_iter().find(|u| u.id == id).ok_or_else(bad)?;
            Ok((Target::Unit(u.id), u.name))
        }
        "village" => {
            let villages = papi_store::org::villages(&app.store, commune_id).await?;
            let v = villages.into_iter().find(|v| v.id == id).ok_or_else(bad)?;
            Ok((Target::Village(v.id), v.name))
        }
        _ => Err(bad()),
    }
}

/// The choice list of units and villages for the form: (`unit:{id}` or `village:{id}`, name).
pub async fn targets(app: &App, commune_id: i64) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = papi_store::org::units(&app.store, commune_id)
        .await?
        .into_iter()
        .map(|u| (format!("unit:{}", u.id), u.name))
        .collect();
    out.extend(
        papi_store::org::villages(&app.store, commune_id)
            .await?
            .into_iter()
            .map(|v| (format!("village:{}", v.id), v.name)),
    );
    Ok(out)
}

/// The commune's default remediation time (working days from the check).
pub async fn remediation_days(app: &App, commune_id: i64) -> Result<RemediationDays> {
    Ok(papi_store::inspection::remediation_days(&app.store, commune_id).await?)
}

/// Sets the commune's default remediation time, as typed.
pub async fn set_remediation_days(app: &App, actor: &Actor, by: &str, text: &str) -> Result<()> {
    manager(actor)?;
    let days = RemediationDays::parse(text).map_err(Error::Invalid)?;
    let mut w = app.store.begin_write().await?;
    papi_store::inspection::set_remediation_days(&mut w, by, actor.commune_id, days).await?;
    w.commit().await?;
    Ok(())
}

/// The commune's units as (id, name), for the owner of a finding.
pub async fn units(app: &App, commune_id: i64) -> Result<Vec<(i64, String)>> {
    Ok(papi_store::org::units(&app.store, commune_id)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

//! Inspections and self-checks as use cases: the year's plan of checks ([`plan`]), the record
//! of a check and its conclusion ([`check`]), findings through remediation, re-check and
//! closure ([`finding`]), and what residents and the agenda see of them ([`public`]). Every
//! read for a person goes through [`visible`], which applies papi-core's rule that an
//! unannounced check is kept from the unit it inspects until its day.

pub mod check;
pub mod documents;
pub mod field;
pub mod finding;
pub mod plan;
pub mod public;

use papi_core::inspection::obligations::Record;
use papi_core::inspection::visibility::may_see;
use papi_core::inspection::{Finding, Inspection, Recheck, Viewer};
use papi_core::{Action, Actor};

use crate::error::{Error, Result};
use crate::App;

pub use check::{conclude, record_held, save_checklist, Concluded, CriterionInput};
pub use finding::{add_finding, close, recheck, report_remediation, FindingInput, RecheckInput};
pub use plan::{create, set_remediation_days, CheckInput};

/// Plans, checks, findings, re-checks and closure belong to the chairman and the office; the
/// CLI and the demo reach these functions without the web's route guard, so the role is
/// checked here too.
fn manager(actor: &Actor) -> Result<()> {
    if actor.can(Action::ManageInspections) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// The person as the visibility rule needs them (their village is on their user record).
pub async fn viewer(app: &App, actor: &Actor) -> Result<Viewer> {
    let village = match papi_store::org::user(&app.store, actor.user_id).await {
        Ok(u) if u.commune_id == actor.commune_id => u.village_id,
        Ok(_) => None,
        Err(papi_store::StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    Ok(Viewer::new(actor, village))
}

/// Every check of the commune with its findings and their re-checks (`year`: one year only).
pub async fn records(app: &App, commune_id: i64, year: Option<i32>) -> Result<Vec<Record>> {
    let checks = papi_store::inspection::list(&app.store, commune_id, year).await?;
    let findings = papi_store::inspection::finding::list(&app.store, commune_id, None).await?;
    let rechecks = papi_store::inspection::finding::rechecks(&app.store, commune_id, None).await?;
    Ok(checks
        .into_iter()
        .map(|i| Record {
            findings: findings
                .iter()
                .filter(|f| f.inspection_id == i.id)
                .map(|f| {
                    let rc: Vec<Recheck> = rechecks
                        .iter()
                        .filter(|r| r.finding_id == f.id)
                        .cloned()
                        .collect();
                    (f.clone(), rc)
                })
                .collect(),
            inspection: i,
        })
        .collect())
}

/// The checks `actor` may see (of `year`, or all), with their findings.
pub async fn visible_records(app: &App, actor: &Actor, year: Option<i32>) -> Result<Vec<Record>> {
    let v = viewer(app, actor).await?;
    let today = app.today();
    Ok(records(app, actor.commune_id, year)
        .await?
        .into_iter()
        .filter(|r| may_see(&v, &r.inspection, today))
        .collect())
}

/// One check `actor` may see; "not found" for one kept from them, as for one that does not
/// exist, so that not even its existence shows.
pub async fn visible(app: &App, actor: &Actor, id: i64) -> Result<Record> {
    let i = papi_store::inspection::get(&app.store, actor.commune_id, id).await?;
    let v = viewer(app, actor).await?;
    if !may_see(&v, &i, app.today()) {
        return Err(Error::NotFound);
    }
    let findings =
        papi_store::inspection::finding::list(&app.store, actor.commune_id, Some(i.id)).await?;
    let rechecks =
        papi_store::inspection::finding::rechecks(&app.store, actor.commune_id, None).await?;
    Ok(Record {
        findings: findings
            .into_iter()
            .map(|f| {
                let rc = rechecks
                    .iter()
                    .filter(|r| r.finding_id == f.id)
                    .cloned()
                    .collect();
                (f, rc)
            })
            .collect(),
        inspection: i,
    })
}

/// A finding with its check, if `actor` may see the check.
pub(crate) async fn visible_finding(
    app: &App,
    actor: &Actor,
    finding_id: i64,
) -> Result<(Inspection, Finding, Vec<Recheck>)> {
    let f = papi_store::inspection::finding::get(&app.store, actor.commune_id, finding_id).await?;
    let rec = visible(app, actor, f.inspection_id).await?;
    let rechecks = rec
        .findings
        .into_iter()
        .find(|(x, _)| x.id == f.id)
        .map(|(_, r)| r)
        .unwrap_or_default();
    Ok((rec.inspection, f, rechecks))
}

/// What falls due in this process that `actor` may see (merged into the agenda by
/// `agenda::process_obligations`). An unannounced check is absent for the unit it inspects
/// until its day, and no title carries a date.
pub async fn obligations(
    app: &crate::App,
    actor: &papi_core::Actor,
) -> crate::error::Result<Vec<papi_core::agenda::Obligation>> {
    let v = viewer(app, actor).await?;
    let recs = records(app, actor.commune_id, None).await?;
    Ok(papi_core::inspection::obligations::obligations(
        &recs,
        &v,
        app.today(),
    ))
}

/// The inspection figures of a period, for the half-year and annual reports.
pub async fn figures(
    app: &App,
    commune_id: i64,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<papi_core::inspection::figures::Figures> {
    let recs = records(app, commune_id, None).await?;
    Ok(papi_core::inspection::figures::figures(&recs, from, to))
}

/// The inspection figures of a period as the half-year and annual reports print them, under
/// the plan's inspection section; nothing when no check was carried out.
pub fn report_lines(f: &papi_core::inspection::figures::Figures) -> Vec<String> {
    let done = f.scheduled_done + f.unannounced_done;
    if done == 0 {
        return Vec::new();
    }
    vec![
        format!(
            "Đã kiểm tra {done} cuộc ({} theo kế hoạch, {} đột xuất); phát hiện {} nội dung phải khắc phục.",
            f.scheduled_done, f.unannounced_done, f.findings
        ),
        format!(
            "Đã khắc phục đúng thời hạn {} nội dung; còn {} nội dung chưa khắc phục xong (chưa được tái kiểm tra xác nhận).",
            f.remediated_on_time, f.open
        ),
    ]
}

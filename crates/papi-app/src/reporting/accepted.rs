//! A unit's report or sub-plan once the office accepts it: its rows and its DOCX are frozen
//! with the acceptance, so later changes to the tasks do not change the accepted document; a
//! correction withdraws the acceptance with a reason (audited), the document going back to the
//! unit as returned.

use papi_core::review::{ReviewStatus, Reviewed, ReviewedKind};
use papi_store::reporting::{self as store, NewSnapshot, SnapshotKind};
use papi_store::WriteTx;

use super::documents::{doc_context, unit_plan_docx, unit_report_docx};
use super::own_period;
use crate::error::{Error, Result};
use crate::App;

/// What freezes with an acceptance: the rows as JSON and the DOCX.
pub struct Frozen {
    kind: SnapshotKind,
    json: String,
    docx: Vec<u8>,
}

fn snapshot_kind(kind: ReviewedKind) -> Option<SnapshotKind> {
    match kind {
        ReviewedKind::UnitReport => Some(SnapshotKind::UnitReport),
        ReviewedKind::UnitPlan => Some(SnapshotKind::UnitPlan),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// The document `doc` as it would be frozen now (none for a kind that keeps no versions).
pub async fn to_freeze(app: &App, doc: &Reviewed) -> Result<Option<Frozen>> {
    let Some(kind) = snapshot_kind(doc.kind) else {
        return Ok(None);
    };
    let c = doc_context(app, doc.commune_id).await?;
    let (json, docx) = match kind {
        SnapshotKind::UnitReport => {
            let (r, rows) = papi_store::unit_report::by_id(&app.store, doc.id)
                .await?
                .ok_or(Error::NotFound)?;
            let p = store::period(&app.store, r.period_id).await?;
            let docx = unit_report_docx(app, &c, &p, r.unit_id).await?;
            (serde_json::to_string(&rows), docx)
        }
        SnapshotKind::UnitPlan => {
            let (up, rows) = papi_store::unit_plan::by_id(&app.store, doc.id)
                .await?
                .ok_or(Error::NotFound)?;
            let docx = unit_plan_docx(app, &c, up.unit_id).await?;
            (serde_json::to_string(&rows), docx)
        }
        SnapshotKind::CommuneReport => return Ok(None),
    };
    let json = json.map_err(|e| Error::Internal(e.into()))?;
    Ok(Some(Frozen { kind, json, docx }))
}

/// Freezes `f` as the accepted version of `doc`, in the acceptance's transaction.
pub async fn freeze(
    app: &App,
    w: &mut WriteTx<'_>,
    actor: &str,
    doc: &Reviewed,
    f: &Frozen,
) -> Result<i64> {
    Ok(store::insert_snapshot(
        w,
        actor,
        &NewSnapshot {
            commune_id: doc.commune_id,
            kind: f.kind,
            subject_id: doc.id,
            approved_by: actor,
            approved_on: app.today(),
            view_json: &f.json,
            docx: &f.docx,
            xlsx: &[],
        },
    )
    .await?)
}

/// The DOCX of an accepted document as frozen at acceptance, if it has one.
async fn frozen_docx(app: &App, kind: SnapshotKind, id: i64) -> Result<Option<Vec<u8>>> {
    match store::standing_snapshot(&app.store, kind, id).await? {
        Some(s) => Ok(Some(
            store::snapshot_files(&app.store, kind, id, s.version)
                .await?
                .0,
        )),
        None => Ok(None),
    }
}

/// A unit's report as a DOCX: as accepted, or as it stands.
pub async fn unit_report_file(
    app: &App,
    actor: &papi_core::Actor,
    period_id: i64,
    unit_id: i64,
) -> Result<Vec<u8>> {
    if !papi_core::permission::can_view_unit_documents(actor, unit_id) {
        return Err(Error::Forbidden);
    }
    let p = own_period(app, actor, period_id).await?;
    if let Some((r, _)) = papi_store::unit_report::get(&app.store, period_id, unit_id).await? {
        if r.status == ReviewStatus::Accepted {
            if let Some(docx) = frozen_docx(app, SnapshotKind::UnitReport, r.id).await? {
                return Ok(docx);
            }
        }
    }
    let c = doc_context(app, actor.commune_id).await?;
    unit_report_docx(app, &c, &p, unit_id).await
}

/// A unit's sub-plan on the current plan as a DOCX: as accepted, or as it stands.
pub async fn unit_plan_file(app: &App, actor: &papi_core::Actor, unit_id: i64) -> Result<Vec<u8>> {
    if !papi_core::permission::can_view_unit_documents(actor, unit_id) {
        return Err(Error::Forbidden);
    }
    let c = doc_context(app, actor.commune_id).await?;
    if let Some((up, _)) = papi_store::unit_plan::get(&app.store, c.data.plan.id, unit_id).await? {
        if up.status == ReviewStatus::Accepted {
            if let Some(docx) = frozen_docx(app, SnapshotKind::UnitPlan, up.id).await? {
                return Ok(docx);
            }
        }
    }
    unit_plan_docx(app, &c, unit_id).await
}

/// The office withdraws its acceptance of `doc` to have it corrected, with the reason
/// (required); the document goes back to the unit as returned, its frozen version marked
/// withdrawn. The inner `Err` is the reason to show on the page.
pub async fn withdraw_acceptance(
    app: &App,
    actor: &papi_core::Actor,
    actor_name: &str,
    doc: &Reviewed,
    reason: &str,
) -> Result<std::result::Result<(), String>> {
    if !actor.can(papi_core::Action::ReviewUnitWork) || doc.commune_id != actor.commune_id {
        return Err(Error::Forbidden);
    }
    let next = match papi_core::reporting::withdraw_acceptance(doc.status, reason) {
        Ok(next) => next,
        Err(e) => return Ok(Err(e)),
    };
    let reason = reason.trim();
    let mut w = app.store.begin_write().await?;
    papi_store::review::set_status(&mut w, actor_name, doc, next, reason, app.today()).await?;
    if let Some(kind) = snapshot_kind(doc.kind) {
        store::withdraw_snapshot(
            &mut w,
            actor_name,
            doc.commune_id,
            kind,
            doc.id,
            app.today(),
            reason,
        )
        .await?;
    }
    w.commit().await?;
    Ok(Ok(()))
}

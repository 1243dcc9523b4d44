//! The review flow as use cases, the same for every reviewed document: a unit submits its
//! saved draft; the office accepts it or returns it with a comment. The rule is
//! `papi_core::review::apply`; the write and its audit entry are `papi_store::review`.

use papi_core::review::{apply, office_step, ReviewStep, Reviewed};
use papi_store::WriteTx;

use crate::error::{Error, Result};
use crate::App;

/// What the office's decision came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Decision {
    Recorded,
    /// The rule refused it (wrong state, a return without a reason): say why on the page.
    Refused(String),
}

/// The plan a unit's document (sub-plan, report) is drafted against, once the user is found
/// to write for `unit_id` (its own people, or the office) and the unit is the commune's.
pub async fn unit_draft_plan(
    app: &App,
    actor: &papi_core::Actor,
    unit_id: i64,
) -> Result<std::sync::Arc<crate::plan::PlanData>> {
    if !papi_core::permission::can_write_for_unit(actor, unit_id) {
        return Err(Error::Forbidden);
    }
    let data = crate::plan::PlanData::for_staff(app, actor).await?;
    if !data.units.iter().any(|u| u.id == unit_id) {
        return Err(Error::NotFound);
    }
    Ok(data)
}

/// Submits a draft just saved in the same transaction `w`, so saving and sending are one
/// write that either happens whole or not at all.
pub async fn submit(app: &App, w: &mut WriteTx<'_>, actor: &str, doc: &Reviewed) -> Result<()> {
    let next =
        apply(doc.status, ReviewStep::Submit, "").map_err(|e| Error::Invalid(e.to_string()))?;
    papi_store::review::set_status(w, actor, doc, next, "", app.today()).await?;
    Ok(())
}

/// The office accepts or returns a submitted document (`step` as the form sends it:
/// `accept` or `return`; a unit's `submit` is not an office decision).
pub async fn decide(
    app: &App,
    actor: &str,
    doc: &Reviewed,
    step: &str,
    comment: &str,
) -> Result<Decision> {
    let step = office_step(step).ok_or_else(|| Error::Invalid("Thao tác không hợp lệ.".into()))?;
    let next = match apply(doc.status, step, comment) {
        Ok(next) => next,
        Err(e) => return Ok(Decision::Refused(e.to_string())),
    };
    // An accepted document is frozen as accepted, in the acceptance's transaction.
    let frozen = match next {
        papi_core::review::ReviewStatus::Accepted => {
            crate::reporting::accepted::to_freeze(app, doc).await?
        }
        _ => None,
    };
    let mut w = app.store.begin_write().await?;
    papi_store::review::set_status(&mut w, actor, doc, next, comment, app.today()).await?;
    if let Some(f) = &frozen {
        crate::reporting::accepted::freeze(app, &mut w, actor, doc, f).await?;
    }
    w.commit().await?;
    Ok(Decision::Recorded)
}

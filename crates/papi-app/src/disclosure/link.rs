//! What other processes ask of the disclosure register: an inspection's results (group 10), a
//! contribution's results (group 5) to disclose, and the list to link an outreach entry to.

use chrono::NaiveDate;
use papi_core::disclosure::entry::validate_entry;
use papi_core::disclosure::{Disclosure, DisclosureState};
use papi_core::Actor;

use crate::error::{Error, Result};
use crate::App;

/// A result another process asks the register to disclose.
#[derive(Debug, Clone)]
pub struct DiscloseRequest {
    /// The group of Luật 10/2022/QH15 Đ.11 (1–14).
    pub group: u8,
    pub title: String,
    pub legal_basis: String,
    /// The day of the decision or document the 5-working-day clock runs from.
    pub decided_on: NaiveDate,
    /// Where it comes from, e.g. "inspection:12", "ledger:3".
    pub source: String,
}

/// Opens a register entry for `request`, to be published by its deadline; returns its id.
/// The same source asked twice gets the entry already opened (the current version), so a
/// retried request does not open a second one. The actor's role was checked by the calling
/// process; the entry's checks are papi-core's.
pub async fn disclose_result(app: &App, actor: &Actor, request: DiscloseRequest) -> Result<i64> {
    validate_entry(
        request.group,
        &request.title,
        &request.legal_basis,
        request.decided_on,
        app.today(),
    )
    .map_err(Error::Invalid)?;
    let source = request.source.trim().to_string();
    if !source.is_empty() {
        let all = papi_store::disclosure::list(&app.store, actor.commune_id).await?;
        if let Some(e) = all
            .iter()
            .find(|e| e.source == source && e.state == DisclosureState::Current)
        {
            return Ok(e.id);
        }
    }
    let by = super::register::actor_name(app, actor).await?;
    let d = Disclosure {
        id: 0,
        commune_id: actor.commune_id,
        group: request.group,
        topic: None,
        title: request.title.trim().to_string(),
        legal_basis: request.legal_basis.trim().to_string(),
        decided_on: request.decided_on,
        village_id: None,
        version: 1,
        replaces: None,
        state: DisclosureState::Current,
        taken_down_on: None,
        source,
        created_by: by.clone(),
        created_on: app.today(),
        document_name: None,
    };
    super::register::write_entry(app, &by, &d, None).await
}

/// The commune's disclosures as (id, title) for a choice list, newest first.
pub async fn choices(app: &App, commune_id: i64) -> Result<Vec<(i64, String)>> {
    Ok(papi_store::disclosure::list(&app.store, commune_id)
        .await?
        .into_iter()
        .filter(|e| e.state != DisclosureState::Replaced)
        .map(|e| (e.id, e.title))
        .collect())
}

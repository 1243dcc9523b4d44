//! What other processes ask of the disclosure register: an inspection's results (group 10), a
//! contribution's results (group 5) to disclose, and the list to link an outreach entry to.

use chrono::NaiveDate;
use papi_core::Actor;

use crate::error::Result;
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
pub async fn disclose_result(_app: &App, _actor: &Actor, _request: DiscloseRequest) -> Result<i64> {
    Err(crate::error::Error::Invalid(
        "Sổ công khai chưa sẵn sàng.".into(),
    ))
}

/// The commune's disclosures as (id, title) for a choice list, newest first.
pub async fn choices(_app: &App, _commune_id: i64) -> Result<Vec<(i64, String)>> {
    Ok(Vec::new())
}

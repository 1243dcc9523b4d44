//! The demo's residents' decisions, contributions ledger, consultations.

use chrono::NaiveDate;
use papi_store::Store;

pub async fn seed(_store: &Store, _commune_id: i64, _today: NaiveDate) -> anyhow::Result<()> {
    Ok(())
}

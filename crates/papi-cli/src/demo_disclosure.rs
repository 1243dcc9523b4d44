//! The demo's disclosure register.

use chrono::NaiveDate;
use papi_store::Store;

pub async fn seed(_store: &Store, _commune_id: i64, _today: NaiveDate) -> anyhow::Result<()> {
    Ok(())
}

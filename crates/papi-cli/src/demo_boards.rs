//! The demo's supervision boards, village conferences, outreach.

use chrono::NaiveDate;
use papi_store::Store;

pub async fn seed(_store: &Store, _commune_id: i64, _today: NaiveDate) -> anyhow::Result<()> {
    Ok(())
}

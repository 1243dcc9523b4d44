//! Reading the versions of the commune's current plan: the list, and one version as it was.

use papi_core::PlanItem;
use papi_store::plan::{self, TaskRecord};
use papi_store::plan_version::{self as store_versions, PlanVersion};
use papi_store::Store;

use crate::error::{Error, Result};

/// The versions of the commune's current plan, oldest first.
pub async fn list(store: &Store, commune_id: i64) -> Result<Vec<PlanVersion>> {
    let current = plan::current_plan(store, commune_id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(store_versions::versions(store, current.id).await?)
}

/// One version of the commune's current plan: its document, its items, and the tasks as they
/// were attached to it.
pub struct VersionView {
    pub version: PlanVersion,
    pub items: Vec<PlanItem>,
    pub tasks: Vec<TaskRecord>,
}

pub async fn show(store: &Store, commune_id: i64, number: i64) -> Result<VersionView> {
    let current = plan::current_plan(store, commune_id)
        .await?
        .ok_or(Error::NotFound)?;
    let version = store_versions::version(store, current.id, number).await?;
    let items = store_versions::version_items(store, version.id).await?;
    let tasks = store_versions::version_tasks(store, &version).await?;
    Ok(VersionView {
        version,
        items,
        tasks,
    })
}

/// "03/12/2026 15:20" (Vietnam time) from a stored UTC timestamp; empty stays empty.
pub fn local_time(utc: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(utc)
        .map(|t| {
            (t.with_timezone(&chrono::Utc) + chrono::Duration::hours(7))
                .format("%d/%m/%Y %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

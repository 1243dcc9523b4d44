//! The plan process: the commune's current plan with its tasks, loaded once per change, and
//! plan documents and task tables brought into the store.

pub mod import;
pub mod load;
pub mod versions;

pub use import::{
    dimensions_found, preview_plan, save_plan, store_plan, store_tasks, switch_version,
    to_new_plan, PlanPreview, SavedPlan, TaskImport, TaskMove,
};
pub use load::PlanData;

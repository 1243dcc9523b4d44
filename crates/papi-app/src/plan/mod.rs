//! The plan process: the commune's current plan with its tasks, loaded once per change, and
//! plan documents and task tables brought into the store.

pub mod import;
pub mod load;

pub use import::{store_plan, store_tasks, to_new_plan};
pub use load::PlanData;

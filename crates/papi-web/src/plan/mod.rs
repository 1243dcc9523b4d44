//! The plan process in the web layer: dashboard, plan tree, task list and pages, progress,
//! evidence, task editing, import and export.

pub mod dashboard;
pub mod edit;
pub mod export;
pub mod import_page;
pub mod progress;
pub mod task_page;
pub mod tasks;
pub mod tree;
pub mod unit_work;
pub mod versions;

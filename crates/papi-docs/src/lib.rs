//! Documents in and out: the commune's plan document (Markdown, plain text or DOCX) read into
//! a structure the store can load, and the task table ("Biểu tổng hợp nhiệm vụ") read from and
//! written to CSV/XLSX. Everything here reads or writes bytes; the rules stay in `papi-core`.

pub mod decree30;
pub mod disclosure;
pub mod ics;
pub mod inspection;
pub mod limits;
pub mod plan_import;
pub mod reports;
pub mod satisfaction;
pub mod survey;
mod table;
pub mod task_table;
pub mod voice;

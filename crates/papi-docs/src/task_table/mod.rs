//! The task table ("Biểu tổng hợp nhiệm vụ"): STT, Nhiệm vụ, Nội dung, Chủ trì, Phối hợp,
//! Sản phẩm, Thời hạn, and optionally Mã nhiệm vụ. Read from CSV/XLSX as officials fill it in, checked against the
//! commune's units and the plan's items as a whole (nothing is half-imported), and written
//! back as XLSX.

mod model;
mod read;
mod resolve;
mod write;

pub use model::{RawTaskRow, TableError};
pub use read::{read_task_table, read_task_table_bytes};
pub use resolve::{resolve_task_rows, ResolvedTask, RowError};
pub(crate) use write::{cell_format, header_format, title_format};
pub use write::{table_rows, write_coded_task_table_xlsx, write_task_table_xlsx, TaskTableRow};

//! The task table's rows and columns, and why a table cannot be read: what the reader, the
//! checker and the writer share.

use serde::Serialize;
use thiserror::Error;

/// A table that cannot be read at all (bad rows are [`RowError`]s instead).
#[derive(Debug, Error)]
pub enum TableError {
    #[error("Không đọc được tệp {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("Không đọc được tệp “{0}”: chỉ nhận .xlsx hoặc .csv")]
    Unsupported(String),
    #[error("Không tìm thấy dòng tiêu đề của biểu (cần các cột STT, Nhiệm vụ, Nội dung, Chủ trì, Phối hợp, Sản phẩm, Thời hạn)")]
    NoHeader,
    #[error("Thiếu cột “{0}”")]
    MissingColumn(&'static str),
    #[error("Không ghi được tệp XLSX: {0}")]
    Write(String),
}

/// One task row as written in the table, before any checking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawTaskRow {
    /// Row number as the user sees it in Excel (1-based).
    pub row: usize,
    pub stt: String,
    pub title: String,
    /// "Nội dung": the plan item the task carries out (`1.2.b`, `TT.a`), may be empty.
    pub item_code: String,
    pub lead: String,
    pub coordinating: Vec<String>,
    pub deliverable: String,
    pub due: String,
    /// "Mã nhiệm vụ" (`NV01`), when the table has that column; empty otherwise.
    pub code: String,
}

/// The columns, in the order of the standard table, with their Vietnamese names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    Stt,
    Title,
    Item,
    Lead,
    Coordinating,
    Deliverable,
    Due,
    /// "Mã nhiệm vụ": optional, written last; a re-imported table finds its tasks by it.
    Code,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::Stt,
        Column::Title,
        Column::Item,
        Column::Lead,
        Column::Coordinating,
        Column::Deliverable,
        Column::Due,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Column::Stt => "STT",
            Column::Title => "Nhiệm vụ",
            Column::Item => "Nội dung",
            Column::Lead => "Chủ trì",
            Column::Coordinating => "Phối hợp",
            Column::Deliverable => "Sản phẩm",
            Column::Due => "Thời hạn",
            Column::Code => "Mã nhiệm vụ",
        }
    }

    /// Columns a table cannot do without.
    pub fn required(self) -> bool {
        matches!(self, Column::Title | Column::Lead | Column::Due)
    }
}

//! What every part of the tabular reader gives: rows of text, or an error with its row.

use std::fmt;

use crate::limits::LimitError;

/// A sheet as text: `(row number as in a spreadsheet, cells)`, cells trimmed.
pub(crate) type Grid = Vec<(usize, Vec<String>)>;

/// Why a table could not be read: a Vietnamese message, and the row when it is one row's
/// fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReadError {
    pub(crate) row: Option<usize>,
    pub(crate) message: String,
}

impl ReadError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ReadError {
            row: None,
            message: message.into(),
        }
    }

    pub(crate) fn row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.row {
            Some(row) => write!(f, "dòng {row}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl From<LimitError> for ReadError {
    fn from(e: LimitError) -> Self {
        ReadError::new(e.0)
    }
}

/// True when every cell is blank.
pub(crate) fn blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

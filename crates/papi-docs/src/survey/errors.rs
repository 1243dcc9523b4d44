//! Errors of the survey formats: each names where it is (a sheet or a question, the row as the
//! user sees it in Excel — the header is row 1 — and the column), in Vietnamese.

use std::fmt;

use crate::limits::{guarded, LimitError};
use crate::table::{Format, ReadError};

/// At most this many errors are kept; the rest are only counted.
pub const MAX_ERRORS: usize = 200;

/// One problem in a file, at a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// Where, beyond row and column: a sheet (`Trang “survey”`), a question or an indicator.
    pub context: Option<String>,
    /// Row as numbered in a spreadsheet (the header row is 1).
    pub row: Option<usize>,
    /// Column (header text) or field name.
    pub column: Option<String>,
    pub message: String,
}

impl FormatError {
    pub fn new(message: impl Into<String>) -> Self {
        FormatError {
            context: None,
            row: None,
            column: None,
            message: message.into(),
        }
    }

    pub fn at(row: usize, column: &str, message: impl Into<String>) -> Self {
        FormatError {
            context: None,
            row: Some(row),
            column: Some(column.to_string()),
            message: message.into(),
        }
    }

    pub fn row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }

    pub fn column(mut self, column: &str) -> Self {
        self.column = Some(column.to_string());
        self
    }

    pub fn context(mut self, context: impl Into<String>) -> Self {
        self.context = Some(context.into());
        self
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(c) = &self.context {
            parts.push(c.clone());
        }
        if let Some(r) = self.row {
            parts.push(format!("dòng {r}"));
        }
        if let Some(c) = &self.column {
            parts.push(format!("cột `{c}`"));
        }
        let place = parts.join(", ");
        let mut chars = place.chars();
        match chars.next() {
            None => f.write_str(&self.message),
            Some(first) => write!(
                f,
                "{}{}: {}",
                first.to_uppercase(),
                chars.as_str(),
                self.message
            ),
        }
    }
}

impl std::error::Error for FormatError {}

/// All the problems of a file (the first [`MAX_ERRORS`] of them, and how many there were).
/// When a reader returns this, nothing of the file was taken.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportErrors {
    pub errors: Vec<FormatError>,
    /// How many errors there were in all (≥ `errors.len()`).
    pub total: usize,
}

impl ImportErrors {
    pub fn push(&mut self, e: FormatError) {
        self.total += 1;
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(e);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// Ok(v) when there were no errors.
    pub fn into_result<T>(self, v: T) -> Result<T, ImportErrors> {
        if self.is_empty() {
            Ok(v)
        } else {
            Err(self)
        }
    }

    pub fn is_capped(&self) -> bool {
        self.total > self.errors.len()
    }
}

impl From<FormatError> for ImportErrors {
    fn from(e: FormatError) -> Self {
        ImportErrors {
            errors: vec![e],
            total: 1,
        }
    }
}

impl From<LimitError> for FormatError {
    fn from(e: LimitError) -> Self {
        FormatError::new(e.0)
    }
}

impl From<LimitError> for ImportErrors {
    fn from(e: LimitError) -> Self {
        FormatError::from(e).into()
    }
}

impl From<ReadError> for FormatError {
    fn from(e: ReadError) -> Self {
        FormatError {
            row: e.row,
            ..FormatError::new(e.message)
        }
    }
}

impl From<ReadError> for ImportErrors {
    fn from(e: ReadError) -> Self {
        FormatError::from(e).into()
    }
}

impl From<Vec<FormatError>> for ImportErrors {
    fn from(errors: Vec<FormatError>) -> Self {
        let mut out = ImportErrors::default();
        for e in errors {
            out.push(e);
        }
        out
    }
}

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Tệp có {} lỗi, không dữ liệu nào được nhập:", self.total)?;
        for e in &self.errors {
            writeln!(f, "- {e}")?;
        }
        if self.is_capped() {
            writeln!(
                f,
                "… và {} lỗi khác (chỉ hiện {} lỗi đầu).",
                self.total - self.errors.len(),
                self.errors.len()
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportErrors {}

/// Runs a public reader's work; a panic inside a reading library becomes its only error.
pub(crate) fn guard_import<T>(
    kind: &str,
    read: impl FnOnce() -> Result<T, ImportErrors>,
) -> Result<T, ImportErrors> {
    guarded(kind, |m| ImportErrors::from(FormatError::new(m)), read)
}

/// Runs the reader of the file's format ([`Format::detect`]: by content, the name only for
/// text); another kind of file is refused.
pub(crate) fn by_format<T>(
    bytes: &[u8],
    file_name: &str,
    csv: impl FnOnce() -> Result<T, ImportErrors>,
    xlsx: impl FnOnce() -> Result<T, ImportErrors>,
) -> Result<T, ImportErrors> {
    match Format::detect(bytes, file_name) {
        Some(Format::Csv) => csv(),
        Some(Format::Xlsx) => xlsx(),
        None => Err(FormatError::new(format!(
            "không đọc được tệp “{file_name}”: chỉ nhận tệp .csv hoặc .xlsx"
        ))
        .into()),
    }
}

/// `“value”` quoted the way Vietnamese prose quotes a typed value, shortened when long.
pub(crate) fn quoted(v: &str) -> String {
    let v = v.trim();
    if v.chars().count() > 60 {
        let short: String = v.chars().take(57).collect();
        format!("“{short}…”")
    } else {
        format!("“{v}”")
    }
}

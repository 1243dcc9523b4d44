//! Plan import: a Vietnamese PAPI plan document → [`ImportedPlan`].
//!
//! Real plans differ in numbering, heading levels, bold, wording and wrapping (decision,
//! portal pages), so the importer recognises sections by their names and keeps whatever it
//! cannot place as warnings instead of failing.

mod docx;
mod meta;
mod periods;
mod sections;
mod tables;
mod text;

use std::path::Path;

use chrono::NaiveDate;
use papi_core::{CrossCutting, Dimension};
use serde::Serialize;
use thiserror::Error;

use crate::limits::{check_text, guarded, read_file};

pub use docx::docx_to_text;

/// Why a document could not be read at all (a plan that reads but is odd gives warnings).
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("Không đọc được tệp {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("Tệp DOCX không hợp lệ: {0}")]
    Docx(String),
    #[error("Tệp {0} không phải văn bản UTF-8 (hãy lưu lại dưới dạng .docx, .md hoặc .txt UTF-8)")]
    NotUtf8(String),
    /// Past a limit of [`crate::limits`], or a reading library panicked: the message says which.
    #[error("{0}")]
    Unreadable(String),
}

/// What the importer found in a plan document; `--dry-run --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportedPlan {
    /// Số/ký hiệu, normalised (`10/KH-UBND`).
    pub number: Option<String>,
    pub issued_on: Option<NaiveDate>,
    /// The plan year, from the issue date or else the title.
    pub year: Option<i32>,
    pub title: String,
    pub dimensions: Vec<ImportedDimension>,
    pub cross_cutting: Vec<ImportedCrossCutting>,
    pub reporting_periods: Vec<PlannedPeriod>,
    pub unit_plan_due_working_days: Option<u32>,
    pub warnings: Vec<String>,
    /// Paragraphs of the plan's body that read like tasks or content but could not be attached
    /// to a dimension or a cross-cutting section (kept so nothing is lost; a warning counts them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unplaced: Vec<String>,
    /// The document text as read, kept so nothing the importer could not place is lost.
    #[serde(skip)]
    pub full_text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportedDimension {
    pub dimension: Dimension,
    /// The heading line as the plan wrote it.
    pub heading: String,
    pub items: Vec<ImportedItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportedCrossCutting {
    pub kind: CrossCutting,
    pub items: Vec<ImportedItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportedItem {
    /// `1.2.d`, `TT.a`, `KT.đ` (papi-core `item_code`).
    pub code: String,
    pub text: String,
    /// From a task table: the lead unit ("Cơ quan chủ trì").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_unit: Option<String>,
    /// From a task table: the coordinating units ("Cơ quan phối hợp"), one per entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coordinating_units: Vec<String>,
    /// From a task table: the deadline when it is a date ("Quý II/2025" → 30/06/2025).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// From a task table: the deadline as written ("Thường xuyên", "Quý II/2025").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_text: Option<String>,
    /// From a task table: the expected result ("Sản phẩm", "Kết quả").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deliverable: Option<String>,
}

impl ImportedItem {
    /// An item of the narrative: code and text only.
    pub(crate) fn plain(text: String) -> ImportedItem {
        ImportedItem {
            code: String::new(),
            text,
            lead_unit: None,
            coordinating_units: Vec::new(),
            due: None,
            due_text: None,
            deliverable: None,
        }
    }
}

impl ImportedPlan {
    /// How many distinct dimensions the document has a heading (or a table group row) for.
    pub fn dimensions_found(&self) -> usize {
        let mut seen: Vec<Dimension> = self.dimensions.iter().map(|d| d.dimension).collect();
        seen.sort();
        seen.dedup();
        seen.len()
    }
}

pub use papi_core::reporting::{PeriodKind, PlannedPeriod};

/// Parses a plan given as Markdown or plain text. Never fails: what it cannot find or place
/// is reported in `warnings`; a text past [`crate::limits::MAX_TEXT_BYTES`] or
/// [`crate::limits::MAX_TEXT_LINES`] is not read, and the one warning says why (callers that
/// want that as an error use [`parse_plan_text_checked`]).
pub fn parse_plan_text(input: &str) -> ImportedPlan {
    parse_plan_text_checked(input).unwrap_or_else(|e| ImportedPlan {
        number: None,
        issued_on: None,
        year: None,
        title: String::new(),
        dimensions: Vec::new(),
        cross_cutting: Vec::new(),
        reporting_periods: Vec::new(),
        unit_plan_due_working_days: None,
        warnings: vec![format!("Không đọc kế hoạch: {e}.")],
        unplaced: Vec::new(),
        full_text: String::new(),
    })
}

/// As [`parse_plan_text`], but a text past the limits (or a panic while parsing) is an error.
pub fn parse_plan_text_checked(input: &str) -> Result<ImportedPlan, ImportError> {
    check_text(input).map_err(|e| ImportError::Unreadable(e.0))?;
    guarded("văn bản", ImportError::Unreadable, || Ok(parse(input)))
}

fn parse(input: &str) -> ImportedPlan {
    let (lines, rows) = text::lines_and_rows(input);
    let mut warnings = Vec::new();
    let meta = meta::find(&lines, &mut warnings);
    let tabled = tables::find(&rows, meta.year);
    let found = sections::find(&lines, tabled, &mut warnings);
    let reporting_periods = periods::reporting_periods(&lines, meta.year, &mut warnings);
    let unit_plan_due_working_days = periods::unit_plan_days(&lines);
    if unit_plan_due_working_days.is_none() {
        warnings.push(
            "Không tìm thấy thời hạn ban hành kế hoạch của các đơn vị (“chậm nhất … ngày làm việc”)."
                .into(),
        );
    }
    ImportedPlan {
        number: meta.number,
        issued_on: meta.issued_on,
        year: meta.year,
        title: meta.title,
        dimensions: found.dimensions,
        cross_cutting: found.cross_cutting,
        reporting_periods,
        unit_plan_due_working_days,
        warnings,
        unplaced: found.unplaced,
        full_text: input.to_string(),
    }
}

/// Reads a plan file: `.docx` as Word, anything else as UTF-8 text (Markdown or plain).
pub fn import_plan_file(path: &Path) -> Result<ImportedPlan, ImportError> {
    let shown = path.display().to_string();
    let bytes = read_file(path).map_err(|reason| ImportError::Read {
        path: shown.clone(),
        reason,
    })?;
    let is_docx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    let text = if is_docx {
        docx_to_text(&bytes).map_err(|e| ImportError::Read {
            path: shown.clone(),
            reason: e.to_string(),
        })?
    } else {
        let s = String::from_utf8(bytes).map_err(|_| ImportError::NotUtf8(shown.clone()))?;
        s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s)
    };
    parse_plan_text_checked(&text).map_err(|e| ImportError::Read {
        path: shown,
        reason: e.to_string(),
    })
}

//! The one tabular reader of every importer (task table, survey answers, population,
//! provincial scores, XLSForm): a CSV or XLSX file, told apart by its content, read as rows of
//! text numbered as a spreadsheet numbers them, within the limits of [`crate::limits`].
//!
//! - [`Format::detect`]: a zip package is a workbook, other bytes are CSV text.
//! - CSV ([`text`], [`delimited`]): UTF-8 with or without BOM, UTF-16 with BOM, or
//!   Windows-1258; `,` `;` or tab, found the same way for every file; read whole into a
//!   [`Grid`] ([`csv_grid`]) or streamed record by record ([`csv_records`]).
//! - XLSX ([`xlsx`]): cells streamed into a [`Grid`], a sheet by name or the first one.
//! - Cells are text: numbers as a CSV export writes them, dates as `dd/mm/yyyy`
//!   (`dd/mm/yyyy HH:MM:SS` with a time); [`parse_cell_date`] reads a date back, typed in any
//!   usual way or as an Excel serial number.
//! - Errors ([`ReadError`]) are Vietnamese and carry the row; limit errors of a sheet name
//!   the cell (`XFD1`).

mod date;
mod delimited;
mod text;
mod xlsx;

use std::fmt;

pub(crate) use date::parse_cell_date;
pub(crate) use xlsx::{open_xlsx, sheet_grid};

use crate::limits::LimitError;

/// A sheet as text: `(row number as in a spreadsheet, cells)`, cells trimmed.
pub(crate) type Grid = Vec<(usize, Vec<String>)>;

/// The two kinds of table file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// The format of a file by its content: a zip package is XLSX (the zip check and the
    /// workbook reader then say whether it really is one); other bytes are CSV text, unless
    /// the name ends in `.xlsx`/`.xlsm` (a broken workbook, not text). `None`: another kind
    /// of file — an old binary workbook (`.xls`) by its content, `.ods`, `.pdf` … by the name.
    pub(crate) fn detect(bytes: &[u8], file_name: &str) -> Option<Format> {
        const ZIP: &[u8] = b"PK\x03\x04";
        const EMPTY_ZIP: &[u8] = b"PK\x05\x06";
        const OLE: &[u8] = b"\xD0\xCF\x11\xE0";
        if bytes.starts_with(ZIP) || bytes.starts_with(EMPTY_ZIP) {
            return Some(Format::Xlsx);
        }
        if bytes.starts_with(OLE) {
            return None;
        }
        let ext = file_name
            .rsplit_once('.')
            .map(|(_, e)| e.to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "csv" | "txt" | "tsv" | "" => Some(Format::Csv),
            _ => None,
        }
    }

    /// `CSV` or `XLSX`, as messages name the format.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Xlsx => "XLSX",
        }
    }
}

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

/// A whole CSV file as a grid (see [`delimited::grid`]).
pub(crate) fn csv_grid(bytes: &[u8]) -> Result<Grid, ReadError> {
    delimited::grid(&text::decode(bytes)?)
}

/// A CSV file read record by record (a survey export): `each` gets every record with its
/// row; the first error of the file (or of `each`) ends the reading.
pub(crate) fn csv_records<E: From<ReadError>>(
    bytes: &[u8],
    mut each: impl FnMut(usize, &csv::StringRecord) -> Result<(), E>,
) -> Result<(), E> {
    let text = text::decode(bytes)?;
    for rec in delimited::stream(&text) {
        let (row, rec) = rec?;
        each(row, &rec)?;
    }
    Ok(())
}

/// The first sheet of a workbook, or a whole CSV file, as a grid.
pub(crate) fn first_sheet(bytes: &[u8], format: Format) -> Result<Grid, ReadError> {
    match format {
        Format::Csv => csv_grid(bytes),
        Format::Xlsx => Ok(sheet_grid(&mut open_xlsx(bytes)?, None)?.unwrap_or_default()),
    }
}

/// True when every cell is blank.
pub(crate) fn blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

#[cfg(test)]
mod tests;

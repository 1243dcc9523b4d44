//! The one tabular reader of every importer (task table, survey answers, population,
//! provincial scores, XLSForm): a CSV or XLSX file, told apart by its content, read as rows of
//! text numbered as a spreadsheet numbers them, within the limits of [`crate::limits`].
//!
//! - [`Format::detect`]: a zip package is a workbook, other bytes are CSV text.
//! - CSV ([`text`], [`delimited`]): UTF-8 with or without BOM, UTF-16 with BOM, or
//!   Windows-1258; `,` `;` or tab, found the same way for every file; read whole into a
//!   [`Grid`] ([`csv_grid`]) or cut into pieces of whole records ([`chunks`]) that an
//!   importer checks in parallel.
//! - XLSX ([`xlsx`]): cells streamed into a [`Grid`], a sheet by name or the first one.
//! - Cells are text: numbers as a CSV export writes them, dates as `dd/mm/yyyy`
//!   (`dd/mm/yyyy HH:MM:SS` with a time); [`parse_cell_date`] reads a date back, typed in any
//!   usual way or as an Excel serial number.
//! - Errors ([`ReadError`]) are Vietnamese and carry the row; limit errors of a sheet name
//!   the cell (`XFD1`).

mod chunks;
mod date;
mod delimited;
mod grid;
mod text;
mod xlsx;

pub(crate) use chunks::{split_text, Chunks, CHUNK_BYTES};
pub(crate) use date::parse_cell_date;
pub(crate) use delimited::{check_byte_record, delimiter};
pub(crate) use grid::{blank, Grid, ReadError};
pub(crate) use text::{decode, trim};
pub(crate) use xlsx::{open_xlsx, sheet_grid};

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

/// A whole CSV file as a grid (see [`delimited::grid`]).
pub(crate) fn csv_grid(bytes: &[u8]) -> Result<Grid, ReadError> {
    delimited::grid(&text::decode(bytes)?)
}

/// The first sheet of a workbook, or a whole CSV file, as a grid.
pub(crate) fn first_sheet(bytes: &[u8], format: Format) -> Result<Grid, ReadError> {
    match format {
        Format::Csv => csv_grid(bytes),
        Format::Xlsx => Ok(sheet_grid(&mut open_xlsx(bytes)?, None)?.unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests;

//! The one XLSX sheet reader of every importer (task table, survey answers, population,
//! XLSForm, provincial scores). calamine's `worksheet_range` builds a dense range from the
//! first to the last cell, so a file with cells at A1 and XFD1048576 asks for 17 billion cells;
//! here cells are streamed (`worksheet_cells_reader`) into rows as wide as their last filled
//! cell, and [`MAX_ROWS`], [`MAX_COLUMNS`], [`MAX_GRID_CELLS`] and [`MAX_FIELD_BYTES`] are
//! checked as each cell arrives, before anything is allocated for it. The sheet's declared
//! `<dimension ref=…>` is not used at all (calamine reads it but only reserves from it below
//! 100,000 cells, and we never call the code that does).
//!
//! The grid is what the dense range gave: rows numbered as in Excel, from the first row
//! holding a cell to the last (blank rows between them kept, empty), each cell at its own
//! column index; only the width of a row differs (no padding after its last cell), which no
//! reader depends on. Each caller turns cells into text its own way (`cell`).

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Reader, Xlsx, XlsxError};

use crate::limits::{
    check_zip, thousands, LimitError, MAX_COLUMNS, MAX_FIELD_BYTES, MAX_GRID_CELLS, MAX_ROWS,
};

/// A sheet as text: `(row number as in Excel, cells)`.
pub(crate) type Grid = Vec<(usize, Vec<String>)>;

/// A workbook read from bytes.
pub(crate) type Book<'a> = Xlsx<Cursor<&'a [u8]>>;

/// Why a sheet could not be read.
#[derive(Debug)]
pub(crate) enum SheetError {
    /// A limit was passed (the message names it).
    Limit(LimitError),
    /// calamine could not read it.
    Xlsx(XlsxError),
}

impl From<LimitError> for SheetError {
    fn from(e: LimitError) -> Self {
        SheetError::Limit(e)
    }
}

/// Opens a workbook after the zip check: `Err` holds the Vietnamese message.
pub(crate) fn open(bytes: &[u8]) -> Result<Book<'_>, String> {
    check_zip(bytes, "XLSX").map_err(|e| e.0)?;
    Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("tệp XLSX không hợp lệ ({e})"))
}

/// `A`, `Z`, `AA`, … `XFD` for a 0-based column.
pub(crate) fn column_name(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Reads sheet `name` of `book`, each cell turned into text by `cell`.
pub(crate) fn read_grid(
    book: &mut Book<'_>,
    name: &str,
    cell: fn(&Data) -> String,
) -> Result<Grid, SheetError> {
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(r) => r,
        // a chart sheet: no cells, as calamine's own range reader answers
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Grid::new()),
        Err(e) => return Err(SheetError::Xlsx(e)),
    };
    let limit = |msg: String| SheetError::Limit(LimitError(format!("trang tính “{name}” {msg}")));
    // the rows holding a cell, each as wide as its last cell (a cell given twice: the later)
    let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let mut grid_cells: usize = 0;
    while let Some(c) = reader.next_cell().map_err(SheetError::Xlsx)? {
        if matches!(c.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, col) = c.get_position();
        let place = || format!("{}{}", column_name(col), row as u64 + 1);
        if row as usize >= MAX_ROWS {
            return Err(limit(format!(
                "có ô {} ở dòng {}, vượt giới hạn {} dòng",
                place(),
                thousands(row as u64 + 1),
                thousands(MAX_ROWS as u64)
            )));
        }
        if col as usize >= MAX_COLUMNS {
            return Err(limit(format!(
                "có ô {} ở cột thứ {}, vượt giới hạn {} cột",
                place(),
                thousands(col as u64 + 1),
                thousands(MAX_COLUMNS as u64)
            )));
        }
        let cells = rows.entry(row).or_default();
        let width = col as usize + 1;
        if width > cells.len() {
            grid_cells += width - cells.len();
            if grid_cells > MAX_GRID_CELLS {
                return Err(limit(format!(
                    "quá lớn: vượt giới hạn {} ô",
                    thousands(MAX_GRID_CELLS as u64)
                )));
            }
            cells.resize(width, String::new());
        }
        let text = cell(&Data::from(c.get_value().clone()));
        if text.len() > MAX_FIELD_BYTES {
            return Err(limit(format!(
                "có ô {} dài {} byte, vượt giới hạn {} byte",
                place(),
                thousands(text.len() as u64),
                thousands(MAX_FIELD_BYTES as u64)
            )));
        }
        cells[col as usize] = text;
    }
    let (Some(&first), Some(&last)) = (rows.keys().next(), rows.keys().next_back()) else {
        return Ok(Grid::new());
    };
    // blank rows between filled ones stay, empty, as in calamine's range
    Ok((first..=last)
        .map(|r| (r as usize + 1, rows.remove(&r).unwrap_or_default()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16_383), "XFD");
    }
}

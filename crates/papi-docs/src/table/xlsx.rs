//! The XLSX half of the tabular reader. calamine's `worksheet_range` builds a dense range from the
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
//! reader depends on. Every cell becomes text one way ([`cell_text`]), trimmed.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, DataRef, ExcelDateTime, ExcelDateTimeType, Reader, Xlsx, XlsxError};

use super::date::{date_text, from_excel_serial};
use super::grid::{Grid, ReadError};
use crate::limits::{
    check_zip, thousands, LimitError, MAX_COLUMNS, MAX_FIELD_BYTES, MAX_GRID_CELLS, MAX_ROWS,
};

/// A workbook read from bytes.
pub(crate) type Book<'a> = Xlsx<Cursor<&'a [u8]>>;

/// Why a sheet could not be read.
#[derive(Debug)]
enum SheetError {
    /// A limit was passed (the message names it).
    Limit(LimitError),
    /// calamine could not read it.
    Xlsx(XlsxError),
}

/// Opens a workbook after the zip check.
pub(crate) fn open_xlsx(bytes: &[u8]) -> Result<Book<'_>, ReadError> {
    check_zip(bytes, "XLSX")?;
    Xlsx::new(Cursor::new(bytes))
        .map_err(|e| ReadError::new(format!("tệp XLSX không hợp lệ ({e})")))
}

/// A sheet of a workbook as a grid: by name (case-insensitive, spaces around ignored), or the
/// first sheet. `Ok(None)` when the named sheet does not exist.
pub(crate) fn sheet_grid(
    book: &mut Book<'_>,
    sheet: Option<&str>,
) -> Result<Option<Grid>, ReadError> {
    let names = book.sheet_names();
    let name = match sheet {
        None => names
            .first()
            .ok_or_else(|| ReadError::new("tệp XLSX không có trang tính nào"))?,
        Some(want) => match names.iter().find(|n| n.trim().eq_ignore_ascii_case(want)) {
            Some(n) => n,
            None => return Ok(None),
        },
    }
    .clone();
    read_grid(book, &name).map(Some).map_err(|e| match e {
        SheetError::Limit(e) => e.into(),
        SheetError::Xlsx(e) => ReadError::new(format!("không đọc được trang tính “{name}” ({e})")),
    })
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

/// A cell as the text a CSV export would hold: whole numbers without `.0`, dates as
/// [`date_text`] writes them, a time of day alone as `HH:MM:SS`.
pub(crate) fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) => number_text(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => datetime_text(dt),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

fn datetime_text(dt: &ExcelDateTime) -> String {
    let serial = dt.as_f64();
    if let Some(t) = from_excel_serial(serial, is_1904(dt)) {
        return date_text(t);
    }
    match (serial * 86_400.0).round() {
        s if (0.0..86_400.0).contains(&s) => {
            let s = s as u32;
            format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
        }
        _ => number_text(serial),
    }
}

/// Whether a date cell counts in the 1904 system: calamine keeps the workbook's flag in the
/// value but shows it only through equality (its getter needs a feature we do not build).
fn is_1904(dt: &ExcelDateTime) -> bool {
    [ExcelDateTimeType::DateTime, ExcelDateTimeType::TimeDelta]
        .into_iter()
        .any(|kind| *dt == ExcelDateTime::new(dt.as_f64(), kind, true))
}

/// Reads sheet `name` of `book`, each cell as [`cell_text`] writes it, trimmed.
fn read_grid(book: &mut Book<'_>, name: &str) -> Result<Grid, SheetError> {
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
        // "có ô XFD1 ở cột thứ 16.384, vượt giới hạn 4.096 cột"
        let past = |at: &str, n: u32, max: usize, unit: &str| {
            limit(format!(
                "có ô {} ở {at} {}, vượt giới hạn {} {unit}",
                place(),
                thousands(n as u64 + 1),
                thousands(max as u64)
            ))
        };
        if row as usize >= MAX_ROWS {
            return Err(past("dòng", row, MAX_ROWS, "dòng"));
        }
        if col as usize >= MAX_COLUMNS {
            return Err(past("cột thứ", col, MAX_COLUMNS, "cột"));
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
        let text = cell_text(&Data::from(c.get_value().clone()));
        if text.len() > MAX_FIELD_BYTES {
            return Err(limit(format!(
                "có ô {} dài {} byte, vượt giới hạn {} byte",
                place(),
                thousands(text.len() as u64),
                thousands(MAX_FIELD_BYTES as u64)
            )));
        }
        cells[col as usize] = text.trim().to_string();
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

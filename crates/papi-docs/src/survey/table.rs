//! Reading sheets and CSV files as rows of text, with the row number a user sees in Excel.

use calamine::{Data, Reader};
use chrono::{Duration, NaiveDate};

use super::errors::FormatError;
use crate::limits::{
    check_size, thousands, MAX_COLUMNS, MAX_CSV_BYTES, MAX_CSV_ROWS, MAX_FIELD_BYTES,
    MAX_GRID_CELLS,
};
use crate::sheet::{self, Book, SheetError};

/// A sheet as text: `(row number, cells)`, the header row first.
pub(crate) use crate::sheet::Grid;

/// The file's extension, lower-cased.
pub(crate) fn extension(file_name: &str) -> String {
    file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default()
}

pub(crate) fn unsupported(file_name: &str) -> FormatError {
    FormatError::new(format!(
        "không đọc được tệp “{file_name}”: chỉ nhận tệp .csv hoặc .xlsx"
    ))
}

/// UTF-8 text of a CSV file, BOM removed; at most [`MAX_CSV_BYTES`].
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, FormatError> {
    check_size("tệp CSV", bytes.len(), MAX_CSV_BYTES)?;
    let text = std::str::from_utf8(bytes).map_err(|e| {
        FormatError::new(format!(
            "tệp CSV phải lưu dạng UTF-8 (byte không hợp lệ ở vị trí {})",
            e.valid_up_to()
        ))
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// The delimiter of a CSV file: the most frequent of `,` `;` tab on the first line (Kobo
/// exports `;` by default, ODK and most tools `,`).
pub(crate) fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.matches(c).count();
    let (comma, semi, tab) = (count(','), count(';'), count('\t'));
    if semi > comma && semi >= tab {
        b';'
    } else if tab > comma && tab > semi {
        b'\t'
    } else {
        b','
    }
}

pub(crate) fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes())
}

/// Checks one CSV record (its 1-based `row`) against [`MAX_CSV_ROWS`], [`MAX_COLUMNS`] and
/// [`MAX_FIELD_BYTES`]. Every CSV reader calls it before keeping anything of the record; one
/// that keeps the cells as text is held to [`MAX_GRID_CELLS`] as well.
pub(crate) fn check_record(row: usize, rec: &csv::StringRecord) -> Result<(), FormatError> {
    if row > MAX_CSV_ROWS {
        return Err(FormatError::new(format!(
            "tệp CSV vượt giới hạn {} dòng",
            thousands(MAX_CSV_ROWS as u64)
        ))
        .row(row));
    }
    if rec.len() > MAX_COLUMNS {
        return Err(FormatError::new(format!(
            "có {} ô, vượt giới hạn {} cột",
            thousands(rec.len() as u64),
            thousands(MAX_COLUMNS as u64)
        ))
        .row(row));
    }
    if let Some(long) = rec.iter().position(|f| f.len() > MAX_FIELD_BYTES) {
        return Err(FormatError::new(format!(
            "ô thứ {} dài quá giới hạn {} byte",
            long + 1,
            thousands(MAX_FIELD_BYTES as u64)
        ))
        .row(row));
    }
    Ok(())
}

/// A whole CSV file as a grid (small files: population, benchmarks), at most
/// [`MAX_GRID_CELLS`] cells.
pub(crate) fn csv_grid(bytes: &[u8]) -> Result<Grid, FormatError> {
    let text = utf8(bytes)?;
    let mut grid = Vec::new();
    let mut cells = 0usize;
    for (i, rec) in csv_reader(text).records().enumerate() {
        let rec = rec.map_err(|e| FormatError::new(format!("CSV lỗi: {e}")).row(i + 1))?;
        check_record(i + 1, &rec)?;
        cells += rec.len();
        if cells > MAX_GRID_CELLS {
            return Err(FormatError::new(format!(
                "tệp CSV quá lớn: vượt giới hạn {} ô",
                thousands(MAX_GRID_CELLS as u64)
            )));
        }
        grid.push((i + 1, rec.iter().map(|s| s.trim().to_string()).collect()));
    }
    Ok(grid)
}

/// Opens a workbook, after the zip check.
pub(crate) fn open_xlsx(bytes: &[u8]) -> Result<Book<'_>, FormatError> {
    sheet::open(bytes).map_err(FormatError::new)
}

/// A sheet of an XLSX workbook as a grid: by name (case-insensitive), or the first sheet.
/// `Ok(None)` when the named sheet does not exist.
pub(crate) fn xlsx_grid(
    book: &mut Book<'_>,
    sheet: Option<&str>,
) -> Result<Option<Grid>, FormatError> {
    let name = match sheet {
        None => match book.sheet_names().first() {
            Some(n) => n.clone(),
            None => return Err(FormatError::new("tệp XLSX không có trang tính nào")),
        },
        Some(want) => match book
            .sheet_names()
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(want))
        {
            Some(n) => n.clone(),
            None => return Ok(None),
        },
    };
    match sheet::read_grid(book, &name, |c| cell_text(c).trim().to_string()) {
        Ok(grid) => Ok(Some(grid)),
        Err(SheetError::Limit(e)) => Err(e.into()),
        Err(SheetError::Xlsx(e)) => Err(FormatError::new(format!(
            "không đọc được trang tính “{name}” ({e})"
        ))),
    }
}

/// A cell as the text a CSV export would hold: whole numbers without `.0`, dates as ISO
/// `YYYY-MM-DDTHH:MM:SS` (or `YYYY-MM-DD` at midnight).
pub(crate) fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            if !(serial.is_finite() && (0.0..2_958_466.0).contains(&serial)) {
                return serial.to_string();
            }
            let secs = (serial * 86_400.0).round() as i64;
            let base = NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .expect("valid base date");
            let t = base + Duration::seconds(secs);
            if secs % 86_400 == 0 {
                t.format("%Y-%m-%d").to_string()
            } else {
                t.format("%Y-%m-%dT%H:%M:%S").to_string()
            }
        }
    }
}

/// True when every cell is blank.
pub(crate) fn blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// Column of a question: an exact header, else a `group/…/name` header — the rule of
/// `papi_index::RowScorer`, so both agree on which column a question is.
pub(crate) fn find_column(header: &[String], name: &str) -> Option<usize> {
    header.iter().position(|h| h == name).or_else(|| {
        header
            .iter()
            .position(|h| h.rsplit('/').next() == Some(name))
    })
}

/// Column of a metadata field: as [`find_column`], else ignoring case.
pub(crate) fn find_meta(header: &[String], name: &str) -> Option<usize> {
    find_column(header, name).or_else(|| {
        header.iter().position(|h| {
            h.eq_ignore_ascii_case(name)
                || h.rsplit('/')
                    .next()
                    .is_some_and(|l| l.eq_ignore_ascii_case(name))
        })
    })
}

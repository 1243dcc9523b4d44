//! Reading the task table from CSV or XLSX into [`RawTaskRow`]s: find the header row by its
//! folded column names (title rows above it are skipped), then keep every task row, skipping
//! blank rows, group rows ("I. Chỉ số nội dung 1 …") and the "(1) (2) (3)" column-number row.

use std::path::Path;

use calamine::{Data, Reader};
use chrono::{Duration, NaiveDate};
use papi_core::text::fold;

use super::{Column, RawTaskRow, TableError};
use crate::limits::{
    check_size, guarded, read_file, thousands, MAX_COLUMNS, MAX_CSV_BYTES, MAX_FIELD_BYTES,
    MAX_GRID_CELLS, MAX_ROWS,
};
use crate::sheet::{self, Grid, SheetError};

/// Reads `.csv` or `.xlsx` (first sheet), by extension.
pub fn read_task_table(path: &Path) -> Result<Vec<RawTaskRow>, TableError> {
    let bytes = read_file(path).map_err(|reason| TableError::Read {
        path: path.display().to_string(),
        reason,
    })?;
    read_task_table_bytes(&bytes, &path.display().to_string())
}

/// The same from bytes (an upload); `file_name` chooses the format by its extension. A file
/// past the limits of [`crate::limits`], or one that makes a reading library panic, is a
/// [`TableError::Read`] with a Vietnamese reason.
pub fn read_task_table_bytes(bytes: &[u8], file_name: &str) -> Result<Vec<RawTaskRow>, TableError> {
    let ext = file_name.rsplit('.').next().unwrap_or("").to_lowercase();
    let read_err = |reason: String| TableError::Read {
        path: file_name.to_string(),
        reason,
    };
    let kind = if ext == "csv" { "CSV" } else { "XLSX" };
    guarded(kind, read_err, || read_by_extension(bytes, file_name, &ext))
}

fn read_by_extension(
    bytes: &[u8],
    file_name: &str,
    ext: &str,
) -> Result<Vec<RawTaskRow>, TableError> {
    let read_err = |reason: String| TableError::Read {
        path: file_name.to_string(),
        reason,
    };
    match ext {
        "csv" => {
            check_size("tệp CSV", bytes.len(), MAX_CSV_BYTES).map_err(|e| read_err(e.0))?;
            let text = std::str::from_utf8(bytes)
                .map_err(|_| read_err("tệp CSV phải lưu dạng UTF-8".into()))?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            // Excel writes `;` in locales with a decimal comma: try each delimiter and keep
            // the one under which the header row is found.
            let mut fallback = TableError::NoHeader;
            for delim in [b',', b';', b'\t'] {
                let grid = csv_grid(text, delim).map_err(read_err)?;
                match rows_from_grid(&grid) {
                    Ok(rows) => return Ok(rows),
                    Err(TableError::NoHeader) => {}
                    Err(e) => fallback = e,
                }
            }
            Err(fallback)
        }
        "xlsx" | "xlsm" => {
            let grid = xlsx_grid(bytes).map_err(read_err)?;
            rows_from_grid(&grid)
        }
        _ => Err(TableError::Unsupported(file_name.to_string())),
    }
}

fn csv_grid(text: &str, delimiter: u8) -> Result<Grid, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    let mut cells = 0usize;
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("CSV lỗi ở dòng {}: {e}", i + 1))?;
        cells += record.len();
        if i >= MAX_ROWS || record.len() > MAX_COLUMNS || cells > MAX_GRID_CELLS {
            return Err(format!(
                "tệp CSV quá lớn ở dòng {}: giới hạn {} dòng, {} cột, {} ô",
                i + 1,
                thousands(MAX_ROWS as u64),
                thousands(MAX_COLUMNS as u64),
                thousands(MAX_GRID_CELLS as u64)
            ));
        }
        if record.iter().any(|f| f.len() > MAX_FIELD_BYTES) {
            return Err(format!(
                "CSV dòng {}: có ô dài quá giới hạn {} byte",
                i + 1,
                thousands(MAX_FIELD_BYTES as u64)
            ));
        }
        grid.push((i + 1, record.iter().map(str::to_string).collect()));
    }
    Ok(grid)
}

fn xlsx_grid(bytes: &[u8]) -> Result<Grid, String> {
    let mut book = sheet::open(bytes)?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or("tệp không có trang tính nào")?;
    sheet::read_grid(&mut book, &first, cell_text).map_err(|e| match e {
        SheetError::Limit(e) => e.0,
        SheetError::Xlsx(e) => format!("không đọc được trang tính đầu ({e})"),
    })
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        // A date typed as a date: show it the way it would be typed, dd/mm/yyyy.
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|base| {
                    (serial.is_finite() && (0.0..2_958_466.0).contains(&serial))
                        .then(|| base + Duration::days(serial.floor() as i64))
                })
                .map_or_else(|| serial.to_string(), |d| d.format("%d/%m/%Y").to_string())
        }
    }
}

/// Which column a header cell names, if any.
fn column_of(cell: &str) -> Option<Column> {
    let f = fold(cell);
    let f = f.trim_matches(|c: char| !c.is_alphanumeric());
    if f.is_empty() {
        return None;
    }
    let checks: [(Column, &[&str]); 7] = [
        (Column::Stt, &["stt", "so tt", "so thu tu"]),
        (Column::Lead, &["chu tri"]),
        (Column::Coordinating, &["phoi hop"]),
        (Column::Deliverable, &["san pham", "ket qua dau ra"]),
        (
            Column::Due,
            &["thoi han", "thoi gian hoan thanh", "thoi gian"],
        ),
        (Column::Title, &["nhiem vu", "ten nhiem vu"]),
        (Column::Item, &["noi dung", "ma noi dung"]),
    ];
    if f == "tt" {
        return Some(Column::Stt);
    }
    checks
        .iter()
        .find(|(_, keys)| keys.iter().any(|k| f.contains(k)))
        .map(|(c, _)| *c)
}

/// Column positions found in a header row.
fn header_map(cells: &[String]) -> Vec<(Column, usize)> {
    let mut map: Vec<(Column, usize)> = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        if let Some(c) = column_of(cell) {
            if !map.iter().any(|(x, _)| *x == c) {
                map.push((c, i));
            }
        }
    }
    map
}

fn rows_from_grid(grid: &Grid) -> Result<Vec<RawTaskRow>, TableError> {
    let header = grid
        .iter()
        .take(40)
        .position(|(_, cells)| header_map(cells).len() >= 3)
        .ok_or(TableError::NoHeader)?;
    let map = header_map(&grid[header].1);
    if let Some(missing) = Column::ALL
        .into_iter()
        .find(|c| c.required() && !map.iter().any(|(x, _)| x == c))
    {
        return Err(TableError::MissingColumn(missing.name()));
    }
    let mut rows = Vec::new();
    for (row, cells) in &grid[header + 1..] {
        let get = |c: Column| {
            map.iter()
                .find(|(x, _)| *x == c)
                .and_then(|(_, i)| cells.get(*i))
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let raw = RawTaskRow {
            row: *row,
            stt: get(Column::Stt),
            title: get(Column::Title),
            item_code: get(Column::Item),
            lead: get(Column::Lead),
            coordinating: split_units(&get(Column::Coordinating)),
            deliverable: get(Column::Deliverable),
            due: get(Column::Due),
        };
        if is_blank(cells) || is_column_numbers(cells) || is_group(&raw) {
            continue;
        }
        rows.push(raw);
    }
    Ok(rows)
}

/// "UBND xã, Công an; Đoàn TN\nHội ND" → the four names.
pub(crate) fn split_units(s: &str) -> Vec<String> {
    s.split([',', ';', '\n', '\r'])
        .map(|u| u.trim().trim_start_matches(['-', '+', '•']).trim())
        .filter(|u| !u.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// The "(1) (2) (3) …" or "1 2 3 …" row some tables put under the header.
fn is_column_numbers(cells: &[String]) -> bool {
    let filled: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    filled.len() >= 3
        && filled.iter().all(|c| {
            c.trim_matches(['(', ')'])
                .chars()
                .all(|ch| ch.is_ascii_digit())
        })
}

/// A heading row that groups tasks: no unit, no deadline, no deliverable, and a heading-like
/// label (Roman numbering, capitals, "Chỉ số …", "Lĩnh vực …").
fn is_group(r: &RawTaskRow) -> bool {
    let no_task_fields = r.lead.is_empty()
        && r.coordinating.is_empty()
        && r.deliverable.is_empty()
        && r.due.is_empty();
    if !no_task_fields {
        return false;
    }
    let label = if r.title.is_empty() { &r.stt } else { &r.title };
    let f = fold(label);
    let roman = |s: &str| {
        let head = s.split(['.', ' ', ')']).next().unwrap_or("");
        !head.is_empty() && head.chars().all(|c| "IVXL".contains(c))
    };
    let letters: Vec<char> = label.chars().filter(|c| c.is_alphabetic()).collect();
    let caps = letters.len() >= 4 && letters.iter().all(|c| !c.is_lowercase());
    roman(r.stt.trim())
        || roman(r.title.trim())
        || caps
        || ["chi so", "linh vuc", "nhom", "phan "]
            .iter()
            .any(|p| f.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_fold() {
        assert_eq!(column_of("  CHỦ TRÌ "), Some(Column::Lead));
        assert_eq!(column_of("Đơn vị phối hợp"), Some(Column::Coordinating));
        assert_eq!(column_of("Tên nhiệm vụ"), Some(Column::Title));
        assert_eq!(column_of("Nội dung"), Some(Column::Item));
        assert_eq!(column_of("TT"), Some(Column::Stt));
        assert_eq!(column_of("Ghi chú"), None);
    }

    #[test]
    fn units_split_on_any_separator() {
        assert_eq!(
            split_units("UBND xã, Công an; Đoàn TN\n- Hội ND"),
            vec!["UBND xã", "Công an", "Đoàn TN", "Hội ND"]
        );
    }
}

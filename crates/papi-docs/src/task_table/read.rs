//! Reading the task table from CSV or XLSX into [`RawTaskRow`]s: find the header row by its
//! folded column names (title rows above it are skipped), then keep every task row, skipping
//! blank rows, group rows ("I. Chỉ số nội dung 1 …") and the "(1) (2) (3)" column-number row.

use std::path::Path;

use chrono::NaiveTime;
use papi_core::text::fold;

use super::model::{Column, RawTaskRow, TableError};
use crate::limits::{guarded, read_file};
use crate::table::{self, blank, parse_cell_date, Format, Grid};

/// Reads a CSV or XLSX file (first sheet), told apart by its content.
pub fn read_task_table(path: &Path) -> Result<Vec<RawTaskRow>, TableError> {
    let bytes = read_file(path).map_err(|reason| TableError::Read {
        path: path.display().to_string(),
        reason,
    })?;
    read_task_table_bytes(&bytes, &path.display().to_string())
}

/// The same from bytes (an upload); `file_name` names it in errors and, for bytes that are
/// not a workbook, tells a CSV file from another kind of file ([`Format::detect`]). A file
/// past the limits of [`crate::limits`], or one that makes a reading library panic, is a
/// [`TableError::Read`] with a Vietnamese reason.
pub fn read_task_table_bytes(bytes: &[u8], file_name: &str) -> Result<Vec<RawTaskRow>, TableError> {
    let read_err = |reason: String| TableError::Read {
        path: file_name.to_string(),
        reason,
    };
    let Some(format) = Format::detect(bytes, file_name) else {
        return Err(TableError::Unsupported(file_name.to_string()));
    };
    guarded(format.name(), read_err, || {
        let grid = table::first_sheet(bytes, format).map_err(|e| read_err(e.to_string()))?;
        rows_from_grid(&grid)
    })
}

/// Which column a header cell names, if any.
fn column_of(cell: &str) -> Option<Column> {
    let f = fold(cell);
    let f = f.trim_matches(|c: char| !c.is_alphanumeric());
    if f.is_empty() {
        return None;
    }
    let checks: [(Column, &[&str]); 8] = [
        (Column::Code, &["ma nhiem vu", "ma nv"]),
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
            due: due_text(get(Column::Due)),
            code: get(Column::Code),
        };
        if blank(cells) || is_column_numbers(cells) || is_group(&raw) {
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

/// A deadline cell as `Due::parse` reads it: a date typed as an Excel serial number (a value
/// pasted from a date cell) or with a time of day is written as its day, `dd/mm/yyyy`;
/// anything else stays as typed (`30/06/2025`, `Quý II`, `Hằng tháng` …).
fn due_text(cell: String) -> String {
    match parse_cell_date(&cell) {
        Some(t) if t.time() != NaiveTime::MIN || cell.parse::<f64>().is_ok() => {
            t.format("%d/%m/%Y").to_string()
        }
        _ => cell,
    }
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
        assert_eq!(column_of("Mã nhiệm vụ"), Some(Column::Code));
        assert_eq!(column_of("MÃ NV"), Some(Column::Code));
    }

    #[test]
    fn deadlines_typed_as_serials_or_with_a_time_are_days() {
        assert_eq!(due_text("45838".into()), "30/06/2025");
        assert_eq!(due_text("30/06/2025 08:30:00".into()), "30/06/2025");
        for kept in ["30/6/2025", "2025-06-30", "Quý II", "15/12", "2025", ""] {
            assert_eq!(due_text(kept.into()), kept);
        }
    }

    #[test]
    fn units_split_on_any_separator() {
        assert_eq!(
            split_units("UBND xã, Công an; Đoàn TN\n- Hội ND"),
            vec!["UBND xã", "Công an", "Đoàn TN", "Hội ND"]
        );
    }
}

//! CSV text as records: the delimiter found the same way for every file, the limits checked on
//! each record before anything of it is kept, rows numbered as a spreadsheet opening the file
//! numbers them (one record, one row, whatever line breaks its quoted cells hold).

use std::collections::HashMap;

use csv::StringRecord;

use super::grid::{Grid, ReadError};
use crate::limits::{thousands, MAX_COLUMNS, MAX_FIELD_BYTES, MAX_GRID_CELLS, MAX_ROWS};

/// The delimiters a CSV file may use: `,` (ODK and most tools), `;` (Excel in a locale with a
/// decimal comma, Kobo's default) and tab (Excel's "Unicode Text").
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// How many records are looked at to find the delimiter.
const SAMPLE_RECORDS: usize = 100;

/// The delimiter of a CSV text: the one under which most of the first records have the same
/// number of cells (more than one), the wider table on a tie, `,` when none splits anything.
/// Title rows above a table (`BIỂU TỔNG HỢP;;;;`) and cells holding another delimiter
/// (`Đoàn TN, Hội ND` in a `;` file) do not mislead it: they change a few rows' widths, not
/// the width most rows share.
pub(crate) fn delimiter(text: &str) -> u8 {
    let mut best = (b',', (0, 0));
    for d in DELIMITERS {
        let score = shared_width(text, d);
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

/// (how many sampled records share the commonest width above 1, that width).
fn shared_width(text: &str, delimiter: u8) -> (usize, usize) {
    let mut widths: HashMap<usize, usize> = HashMap::new();
    for rec in reader(text, delimiter)
        .into_records()
        .take(SAMPLE_RECORDS)
        .flatten()
    {
        *widths.entry(rec.len()).or_default() += 1;
    }
    widths
        .into_iter()
        .filter(|(width, _)| *width > 1)
        .map(|(width, count)| (count, width))
        .max()
        .unwrap_or((0, 0))
}

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

/// The records of a CSV text with their 1-based row, as a stream (a survey export of a
/// million rows is never held whole): at most `max_rows` of them, each checked against
/// [`MAX_COLUMNS`] and [`MAX_FIELD_BYTES`]. The stream ends after its first error.
pub(crate) fn records(
    text: &str,
    max_rows: usize,
) -> impl Iterator<Item = Result<(usize, StringRecord), ReadError>> + '_ {
    let mut failed = false;
    reader(text, delimiter(text))
        .into_records()
        .enumerate()
        .map_while(move |(i, rec)| {
            if failed {
                return None;
            }
            let row = i + 1;
            let checked = rec
                .map_err(|e| ReadError::new(format!("CSV lỗi: {e}")).row(row))
                .and_then(|rec| check_record(row, &rec, max_rows).map(|()| (row, rec)));
            failed = checked.is_err();
            Some(checked)
        })
}

/// A whole CSV text as a grid of trimmed cells: at most [`MAX_ROWS`] rows and
/// [`MAX_GRID_CELLS`] cells.
pub(crate) fn grid(text: &str) -> Result<Grid, ReadError> {
    let mut grid = Vec::new();
    let mut cells = 0usize;
    for rec in records(text, MAX_ROWS) {
        let (row, rec) = rec?;
        cells += rec.len();
        if cells > MAX_GRID_CELLS {
            return Err(ReadError::new(format!(
                "tệp CSV quá lớn: vượt giới hạn {} ô",
                thousands(MAX_GRID_CELLS as u64)
            ))
            .row(row));
        }
        grid.push((row, rec.iter().map(|s| s.trim().to_string()).collect()));
    }
    Ok(grid)
}

/// Checks one record read as bytes (its 1-based `row`) against [`MAX_COLUMNS`] and
/// [`MAX_FIELD_BYTES`], with the messages of the other readers (the row limit is the
/// caller's, which knows the rows before).
pub(crate) fn check_byte_record(row: usize, rec: &csv::ByteRecord) -> Result<(), ReadError> {
    if rec.len() > MAX_COLUMNS {
        return Err(ReadError::new(format!(
            "có {} ô, vượt giới hạn {} cột",
            thousands(rec.len() as u64),
            thousands(MAX_COLUMNS as u64)
        ))
        .row(row));
    }
    // the whole record's bytes are the sum of its fields'
    if rec.as_slice().len() <= MAX_FIELD_BYTES {
        return Ok(());
    }
    if let Some(long) = rec.iter().position(|f| f.len() > MAX_FIELD_BYTES) {
        return Err(ReadError::new(format!(
            "ô thứ {} dài quá giới hạn {} byte",
            long + 1,
            thousands(MAX_FIELD_BYTES as u64)
        ))
        .row(row));
    }
    Ok(())
}

/// Checks one record (its 1-based `row`) against `max_rows`, [`MAX_COLUMNS`] and
/// [`MAX_FIELD_BYTES`].
fn check_record(row: usize, rec: &StringRecord, max_rows: usize) -> Result<(), ReadError> {
    if row > max_rows {
        return Err(ReadError::new(format!(
            "tệp CSV vượt giới hạn {} dòng",
            thousands(max_rows as u64)
        ))
        .row(row));
    }
    if rec.len() > MAX_COLUMNS {
        return Err(ReadError::new(format!(
            "có {} ô, vượt giới hạn {} cột",
            thousands(rec.len() as u64),
            thousands(MAX_COLUMNS as u64)
        ))
        .row(row));
    }
    if let Some(long) = rec.iter().position(|f| f.len() > MAX_FIELD_BYTES) {
        return Err(ReadError::new(format!(
            "ô thứ {} dài quá giới hạn {} byte",
            long + 1,
            thousands(MAX_FIELD_BYTES as u64)
        ))
        .row(row));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_found_by_the_width_rows_share() {
        assert_eq!(delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(delimiter("a;b;c\n1;2;3\n"), b';');
        assert_eq!(delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(delimiter("only one column\nx\n"), b',');
        assert_eq!(delimiter(""), b',');
        // commas inside the cells of a `;` file, semicolons inside a `,` file
        let semi = "STT;Nhiệm vụ;Phối hợp\n1;Họp;Đoàn TN, Hội ND, CA xã\n2;Dân vận;VP, TP\n";
        assert_eq!(delimiter(semi), b';');
        let comma = "STT,Nhiệm vụ,Phối hợp\n1,Họp,Đoàn TN; Hội ND\n2,Dân vận,\"VP; TP\"\n";
        assert_eq!(delimiter(comma), b',');
        // title rows above the header
        let titled = "BIỂU TỔNG HỢP, NĂM 2025;;;\n;;;\nSTT;Nhiệm vụ;Chủ trì;Thời hạn\n1;a;b;c\n";
        assert_eq!(delimiter(titled), b';');
    }

    #[test]
    fn rows_are_records_not_lines() {
        let g = grid("a,b\n\"x\ny\",2\n 3 , 4 \n").unwrap();
        assert_eq!(
            g,
            vec![
                (1, vec!["a".to_string(), "b".into()]),
                (2, vec!["x\ny".to_string(), "2".into()]),
                (3, vec!["3".to_string(), "4".into()]),
            ]
        );
    }

    #[test]
    fn limits_name_the_row() {
        let wide = format!("a\n{}\n", vec!["c"; MAX_COLUMNS + 1].join(","));
        let e = grid(&wide).unwrap_err();
        assert_eq!(e.row, Some(2));
        assert!(e.message.contains("vượt giới hạn 4.096 cột"), "{e}");
        let e = records("a\nb\nc\n", 2).last().unwrap().unwrap_err();
        assert_eq!(e.to_string(), "dòng 3: tệp CSV vượt giới hạn 2 dòng");
        // the stream stops at its first error
        assert_eq!(records("a\nb\nc\nd\n", 2).count(), 3);
    }
}

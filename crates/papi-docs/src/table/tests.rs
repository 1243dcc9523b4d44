//! One table saved every way an office saves it reads the same.

use calamine::{Data, ExcelDateTime, ExcelDateTimeType};
use rust_xlsxwriter::{Format as CellFormat, Workbook};

use super::date::parse_date_text;
use super::xlsx::{cell_text, column_name};
use super::*;

/// Header, a row with a multi-line cell and a date, a row with a number.
const ROWS: [[&str; 4]; 3] = [
    ["thôn", "giới tính", "ghi chú", "ngày"],
    ["Đông Xá", "Nữ", "Đoàn TN\nHội ND", "30/06/2025"],
    ["Tây", "Nam", "có dấu, phẩy; chấm phẩy", "01/07/2025"],
];

fn csv_text(delimiter: char) -> String {
    let quote = |c: &str| {
        if c.contains([',', ';', '\t', '\n', '"']) {
            format!("\"{}\"", c.replace('"', "\"\""))
        } else {
            c.to_string()
        }
    };
    ROWS.iter()
        .map(|r| {
            let cells: Vec<String> = r.iter().map(|c| quote(c)).collect();
            cells.join(&delimiter.to_string()) + "\r\n"
        })
        .collect()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let bom: u16 = 0xFEFF;
    std::iter::once(bom)
        .chain(text.encode_utf16())
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

/// The table as Excel saves it: text cells, a real date cell, on row 2 onwards after a
/// blank first row (rows keep their Excel numbers).
fn xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = CellFormat::new().set_num_format("dd/mm/yyyy");
    for (r, row) in ROWS.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            if r > 1 && c == 3 {
                let dmy: Vec<&str> = cell.split('/').collect();
                let iso = format!("{}-{}-{}", dmy[2], dmy[1], dmy[0]);
                let when = rust_xlsxwriter::ExcelDateTime::parse_from_str(&iso).unwrap();
                sheet
                    .write_datetime_with_format(r, c, &when, &date)
                    .unwrap();
            } else {
                sheet.write_string(r, c, *cell).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn cells(grid: &Grid) -> Vec<Vec<String>> {
    grid.iter().map(|(_, c)| c.clone()).collect()
}

#[test]
fn the_same_table_saved_every_way_reads_the_same() {
    let want: Vec<Vec<String>> = ROWS
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let comma = csv_text(',');
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("comma", comma.clone().into_bytes()),
        ("semicolon", csv_text(';').into_bytes()),
        ("tab", csv_text('\t').into_bytes()),
        (
            "UTF-8 BOM",
            [b"\xEF\xBB\xBF".as_slice(), comma.as_bytes()].concat(),
        ),
        ("UTF-16 LE", utf16(&csv_text('\t'), false)),
        ("UTF-16 BE", utf16(&comma, true)),
    ];
    for (what, bytes) in &files {
        assert_eq!(
            Format::detect(bytes, "bang.csv"),
            Some(Format::Csv),
            "{what}"
        );
        let grid = first_sheet(bytes, Format::Csv).unwrap();
        assert_eq!(cells(&grid), want, "{what}");
        assert_eq!(grid[0].0, 1, "{what}");
    }
    let book = xlsx();
    // by content: a workbook named .csv is still a workbook
    assert_eq!(Format::detect(&book, "bang.csv"), Some(Format::Xlsx));
    let grid = first_sheet(&book, Format::Xlsx).unwrap();
    assert_eq!(cells(&grid), want);
    assert_eq!(grid.iter().map(|(r, _)| *r).collect::<Vec<_>>(), [2, 3, 4]);
    // read a piece at a time, the CSV gives the same text
    let pieces: String = Chunks::new(comma.as_bytes())
        .map(|p| p.unwrap().0)
        .collect();
    assert_eq!(pieces, decode(comma.as_bytes()).unwrap());
}

#[test]
fn formats_by_content_then_by_name() {
    assert_eq!(Format::detect(b"a,b\n", "bang"), Some(Format::Csv));
    assert_eq!(Format::detect(b"a,b\n", "bang.TXT"), Some(Format::Csv));
    // a broken workbook stays a workbook (its error says XLSX, not "no header")
    assert_eq!(
        Format::detect(b"not a zip", "bang.xlsx"),
        Some(Format::Xlsx)
    );
    assert_eq!(Format::detect(b"", "bang.ods"), None);
    assert_eq!(Format::detect(b"\xD0\xCF\x11\xE0rest", "bang.csv"), None);
}

#[test]
fn date_cells_in_each_format_read_the_same_date() {
    let want = parse_date_text("30/06/2025");
    assert!(want.is_some());
    for typed in ["30/06/2025", "30/6/2025", "2025-06-30", "45838", "45838.0"] {
        assert_eq!(parse_cell_date(typed), want, "{typed}");
    }
    // a date cell of a workbook, as the reader writes it
    let cell = Data::DateTime(ExcelDateTime::new(
        45_838.0,
        ExcelDateTimeType::DateTime,
        false,
    ));
    assert_eq!(cell_text(&cell), "30/06/2025");
    assert_eq!(parse_cell_date(&cell_text(&cell)), want);
    let in_1904 = Data::DateTime(ExcelDateTime::new(
        45_838.0 - 1_462.0,
        ExcelDateTimeType::DateTime,
        true,
    ));
    assert_eq!(cell_text(&in_1904), "30/06/2025");
    let with_time = Data::DateTime(ExcelDateTime::new(
        45_658.5,
        ExcelDateTimeType::DateTime,
        false,
    ));
    assert_eq!(cell_text(&with_time), "01/01/2025 12:00:00");
    let time_only = Data::DateTime(ExcelDateTime::new(
        0.354_166_666_7,
        ExcelDateTimeType::DateTime,
        false,
    ));
    assert_eq!(cell_text(&time_only), "08:30:00");
    let leap_bug = Data::DateTime(ExcelDateTime::new(60.0, ExcelDateTimeType::DateTime, false));
    assert_eq!(cell_text(&leap_bug), "60");
    assert_eq!(cell_text(&Data::Float(45_838.0)), "45838");
    assert_eq!(cell_text(&Data::Float(2.5)), "2.5");
}

#[test]
fn errors_name_the_row_and_the_cell() {
    let long = "x".repeat(crate::limits::MAX_FIELD_BYTES + 1);
    let e = csv_grid(format!("a,b\nc,{long}\n").as_bytes()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "dòng 2: ô thứ 2 dài quá giới hạn 1.048.576 byte"
    );
    // a sheet's cell past the column limit is named as Excel names it
    let mut book = Workbook::new();
    book.add_worksheet().write_string(6, 5000, "x").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let e = first_sheet(&bytes, Format::Xlsx).unwrap_err();
    assert!(
        e.message
            .contains("ô GJI7 ở cột thứ 5.001, vượt giới hạn 4.096 cột"),
        "{e}"
    );
    assert_eq!(column_name(5000), "GJI");
}

//! Sổ tiếp công dân, as a DOCX (a cover page, then the register as a landscape table) and as
//! an XLSX sheet. Its columns are the ones Luật Tiếp công dân 2013 Điều 25 khoản 2 requires:
//! số thứ tự, ngày tiếp, họ tên, địa chỉ, nội dung sự việc, quá trình xem xét giải quyết đã
//! có (nếu có), yêu cầu, đề nghị của người được tiếp, việc tiếp nhận, xử lý vụ việc — plus the
//! personal identification number, which Điều 25 as amended by Luật 136/2025 requires the
//! receiving official to take from 01/07/2026 (số định danh cá nhân / căn cước). It is in
//! every register, with the cell left empty for a visit before that date.

use chrono::NaiveDate;
use rust_xlsxwriter::Workbook;

use super::common::start;
use crate::decree30::{Appendix, Document, Paragraph, Table, WriteError};
use crate::reports::{dmy, Letterhead};
use crate::task_table::{cell_format, header_format, title_format};

/// The register's columns, in the law's order.
pub const REGISTER_COLUMNS: [&str; 9] = [
    "Số thứ tự",
    "Ngày tiếp",
    "Họ và tên",
    "Địa chỉ",
    "Số định danh cá nhân/Căn cước",
    "Nội dung sự việc",
    "Quá trình xem xét giải quyết đã có (nếu có)",
    "Yêu cầu, đề nghị của người được tiếp",
    "Việc tiếp nhận, xử lý vụ việc",
];

/// The title of the register and of its sheet.
const TITLE: &str = "SỔ TIẾP CÔNG DÂN";

/// One visit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegisterRow {
    pub received_on: NaiveDate,
    pub name: String,
    pub address: String,
    /// Empty for a visit before 01/07/2026 when none was taken.
    pub id_number: String,
    pub content: String,
    pub prior_handling: String,
    pub requests: String,
    pub handling: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegisterData {
    pub head: Letterhead,
    /// The register's number, as the commune numbers its books (`01/2026`).
    pub number: String,
    /// The date the extract is made.
    pub date: NaiveDate,
    /// `xã Lương Tài`.
    pub commune: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<RegisterRow>,
}

fn period(d: &RegisterData) -> String {
    format!("Từ ngày {} đến ngày {}", dmy(d.from), dmy(d.to))
}

fn cells(i: usize, r: &RegisterRow) -> [String; 9] {
    [
        (i + 1).to_string(),
        dmy(r.received_on),
        r.name.trim().to_string(),
        r.address.trim().to_string(),
        r.id_number.trim().to_string(),
        r.content.trim().to_string(),
        r.prior_handling.trim().to_string(),
        r.requests.trim().to_string(),
        r.handling.trim().to_string(),
    ]
}

/// The register as a document: cover, then the table in landscape.
pub fn reception_register(d: &RegisterData) -> Document {
    let mut doc = start(&d.head, &d.number, d.date, TITLE, &period(d));
    doc.preamble.push(Paragraph::text(format!(
        "Sổ tiếp công dân của Ủy ban nhân dân {} ghi {} lượt tiếp công dân trong kỳ, theo \
         khoản 2 Điều 25 Luật Tiếp công dân.",
        d.commune.trim(),
        d.rows.len()
    )));
    doc.appendices.push(Appendix {
        title: format!("{TITLE}\n{}", d.commune.trim().to_uppercase()),
        subtitle: format!("({})", period(d)),
        table: Table {
            headers: REGISTER_COLUMNS.iter().map(|s| s.to_string()).collect(),
            rows: d
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| cells(i, r).to_vec())
                .collect(),
            column_widths: vec![5, 12, 12, 12, 15, 20, 13, 13, 15],
            centered_columns: vec![0, 1, 4],
        },
        landscape: true,
    });
    doc
}

fn err(e: rust_xlsxwriter::XlsxError) -> WriteError {
    WriteError::Xlsx(e.to_string())
}

/// The register as one XLSX sheet named `SỔ TIẾP CÔNG DÂN`: the title on row 1, the commune
/// and period on row 2, the law's columns on row 3 (frozen, repeated when printed).
pub fn reception_register_xlsx(d: &RegisterData) -> Result<Vec<u8>, WriteError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(TITLE).map_err(err)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_repeat_rows(2, 2).map_err(err)?;
    sheet.set_freeze_panes(3, 0).map_err(err)?;
    let last = (REGISTER_COLUMNS.len() - 1) as u16;
    sheet
        .merge_range(0, 0, 0, last, TITLE, &title_format())
        .map_err(err)?;
    sheet
        .merge_range(
            1,
            0,
            1,
            last,
            &format!("Ủy ban nhân dân {} — {}", d.commune.trim(), period(d)),
            &cell_format(),
        )
        .map_err(err)?;
    let header = header_format();
    for (c, h) in REGISTER_COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(2, c as u16, *h, &header)
            .map_err(err)?;
    }
    let text = cell_format();
    for (i, r) in d.rows.iter().enumerate() {
        for (c, v) in cells(i, r).iter().enumerate() {
            sheet
                .write_string_with_format(i as u32 + 3, c as u16, v, &text)
                .map_err(err)?;
        }
    }
    for (c, w) in [8, 12, 20, 24, 16, 40, 28, 28, 30].iter().enumerate() {
        sheet.set_column_width(c as u16, *w).map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}

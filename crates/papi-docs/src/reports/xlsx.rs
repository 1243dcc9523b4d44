//! XLSX tables in the same style as the task table: Times New Roman, a merged title row, a
//! bold frozen header repeated on every printed page, wrapped text, widths for the content,
//! A4 landscape.

use papi_core::TaskStatus;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

use super::dmy;
use super::report_docx::{figure_headings, figure_rows, CommuneReportData, UnitSubmission};
use crate::decree30::WriteError;
use crate::task_table::{cell_format, header_format, title_format};

/// A cell of a table: text, or a number Excel can sum.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(v: f64) -> Self {
        Cell::Number(v)
    }
}

impl From<usize> for Cell {
    fn from(v: usize) -> Self {
        Cell::Number(v as f64)
    }
}

fn err(e: XlsxError) -> WriteError {
    WriteError::Xlsx(e.to_string())
}

/// Display width of a cell in Excel's character units (longest line).
fn chars(c: &Cell) -> usize {
    match c {
        Cell::Text(s) => s.lines().map(|l| l.chars().count()).max().unwrap_or(0),
        Cell::Number(v) => format!("{v}").len() + 1,
    }
}

/// One sheet: the title merged across the columns on row 1, the header on row 2 (bold,
/// frozen, repeated when printed), then the rows. Text wraps; widths follow the content
/// (6–60 characters).
pub fn write_xlsx_table(
    title: &str,
    headers: &[&str],
    rows: &[Vec<Cell>],
) -> Result<Vec<u8>, WriteError> {
    let columns = headers
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let name: String = title
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    if !name.trim().is_empty() {
        sheet.set_name(name.trim()).map_err(err)?;
    }
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_repeat_rows(1, 1).map_err(err)?;
    sheet.set_freeze_panes(2, 0).map_err(err)?;

    let title_fmt = title_format();
    let header_fmt = header_format();
    let text_fmt = cell_format();
    let int_fmt = cell_format()
        .set_align(FormatAlign::Right)
        .set_num_format("#,##0");
    let dec_fmt: Format = cell_format()
        .set_align(FormatAlign::Right)
        .set_num_format("#,##0.0");

    let last = (columns - 1) as u16;
    if last > 0 {
        sheet
            .merge_range(0, 0, 0, last, title, &title_fmt)
            .map_err(err)?;
    } else {
        sheet
            .write_string_with_format(0, 0, title, &title_fmt)
            .map_err(err)?;
    }
    sheet.set_row_height(0, 36).map_err(err)?;

    let mut widths: Vec<usize> = (0..columns)
        .map(|c| headers.get(c).map(|h| h.chars().count()).unwrap_or(0))
        .collect();
    for (c, h) in headers.iter().enumerate() {
        sheet
            .write_string_with_format(1, c as u16, *h, &header_fmt)
            .map_err(err)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let at = r as u32 + 2;
        for (c, cell) in row.iter().enumerate() {
            widths[c] = widths[c].max(chars(cell));
            match cell {
                Cell::Text(s) => sheet
                    .write_string_with_format(at, c as u16, s, &text_fmt)
                    .map_err(err)?,
                Cell::Number(v) => {
                    let f = if v.fract() == 0.0 { &int_fmt } else { &dec_fmt };
                    sheet
                        .write_number_with_format(at, c as u16, *v, f)
                        .map_err(err)?
                }
            };
        }
        for c in row.len()..columns {
            sheet.write_blank(at, c as u16, &text_fmt).map_err(err)?;
        }
    }
    for (c, w) in widths.iter().enumerate() {
        sheet
            .set_column_width(c as u16, (*w as f64 * 1.1 + 2.0).clamp(6.0, 60.0))
            .map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}

/// The report's figures as a sheet: one row per dimension / section and the total.
pub fn report_figures_xlsx(d: &CommuneReportData) -> Result<Vec<u8>, WriteError> {
    let rows: Vec<Vec<Cell>> = figure_rows(d)
        .into_iter()
        .map(|r| {
            let t = r.tally;
            vec![
                Cell::Text(r.stt),
                Cell::Text(r.label),
                t.total.into(),
                t.done.into(),
                t.in_progress.into(),
                t.late.into(),
                t.cancelled.into(),
                t.done_percent().into(),
            ]
        })
        .collect();
    write_xlsx_table(
        &format!(
            "Số liệu kết quả thực hiện {} (Báo cáo số {})",
            d.kind.period(d.year),
            d.number.trim()
        ),
        &figure_headings(d.facts_on)
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        &rows,
    )
}

/// Every task of a commune report with its state, progress and result, grouped as the report
/// groups them (the report's Phụ lục II as a sheet).
pub fn report_tasks_xlsx(d: &CommuneReportData) -> Result<Vec<u8>, WriteError> {
    let groups = d
        .dimensions
        .iter()
        .map(|x| (x.dimension.name_vi().to_string(), &x.tasks))
        .chain(d.other_sections.iter().map(|x| (x.title.clone(), &x.tasks)));
    let mut rows = Vec::new();
    for (group, tasks) in groups {
        for t in tasks {
            let state = match t.status {
                TaskStatus::Done | TaskStatus::Cancelled => t.status.label(),
                _ if t.late => "Chậm so với hạn",
                _ => t.status.label(),
            };
            rows.push(vec![
                Cell::Text(t.stt.clone()),
                Cell::Text(group.clone()),
                Cell::Text(t.title.clone()),
                Cell::Text(t.lead.clone()),
                Cell::Text(state.to_string()),
                Cell::Number(f64::from(t.progress)),
                Cell::Text(t.result.clone()),
            ]);
        }
    }
    write_xlsx_table(
        &format!(
            "Kết quả thực hiện từng nhiệm vụ {} (Báo cáo số {})",
            d.kind.period(d.year),
            d.number.trim()
        ),
        &[
            "STT",
            "Nội dung",
            "Nhiệm vụ",
            "Chủ trì",
            "Tình trạng",
            "Tiến độ (%)",
            "Kết quả thực hiện",
        ],
        &rows,
    )
}

/// The compliance table of a reporting period: which units reported on time, late, not yet.
pub fn compliance_xlsx(title: &str, rows: &[UnitSubmission]) -> Result<Vec<u8>, WriteError> {
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .enumerate()
        .map(|(i, u)| {
            vec![
                Cell::Number((i + 1) as f64),
                Cell::Text(u.unit.clone()),
                Cell::Text(dmy(u.due)),
                Cell::Text(u.submitted_on.map(dmy).unwrap_or_default()),
                Cell::Text(u.state.label()),
                Cell::Text(u.note.clone()),
            ]
        })
        .collect();
    write_xlsx_table(
        title,
        &[
            "STT",
            "Ban, ngành",
            "Hạn gửi",
            "Ngày gửi",
            "Tình trạng",
            "Ghi chú",
        ],
        &cells,
    )
}

//! Writing the task table as a real XLSX officials can print: a title row, a bold frozen
//! header, wrapped text, column widths for the content, Times New Roman (Nghị định 30), A4
//! landscape. It reads back with `read_task_table` into the same rows.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
use serde::Serialize;

use super::model::{Column, TableError};

/// One row to write; `coordinating` already joined, `due` as `Due::label` gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskTableRow {
    pub stt: String,
    pub title: String,
    pub item_code: String,
    pub lead: String,
    pub coordinating: String,
    pub deliverable: String,
    pub due: String,
}

const FONT: &str = "Times New Roman";

/// The sheet title: Times New Roman 14 bold, centred (shared with [`crate::reports`]).
pub(crate) fn title_format() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(14)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
}

/// The header row: 12 pt bold, wrapped, centred, shaded, thin borders.
pub(crate) fn header_format() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(12)
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("#D9E2F3")
        .set_border(FormatBorder::Thin)
}

/// A body cell: 12 pt, wrapped, top-aligned, thin borders.
pub(crate) fn cell_format() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(12)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
}

pub fn write_task_table_xlsx(rows: &[TaskTableRow], title: &str) -> Result<Vec<u8>, TableError> {
    write_xlsx(rows, None, title)
}

/// The task table with a last column "Mã nhiệm vụ": `codes[n]` is the code of `rows[n]`. A
/// table written this way, edited and imported again, updates its tasks instead of adding them.
pub fn write_coded_task_table_xlsx(
    rows: &[TaskTableRow],
    codes: &[String],
    title: &str,
) -> Result<Vec<u8>, TableError> {
    write_xlsx(rows, Some(codes), title)
}

fn write_xlsx(
    rows: &[TaskTableRow],
    codes: Option<&[String]>,
    title: &str,
) -> Result<Vec<u8>, TableError> {
    let err = |e: rust_xlsxwriter::XlsxError| TableError::Write(e.to_string());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Biểu tổng hợp nhiệm vụ").map_err(err)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_repeat_rows(1, 1).map_err(err)?;

    let title_fmt = title_format();
    let header_fmt = header_format();
    let cell_fmt = cell_format();
    let center_fmt = cell_fmt.clone().set_align(FormatAlign::Center);

    let widths = [6.0, 48.0, 11.0, 22.0, 30.0, 30.0, 14.0, 12.0];
    let columns: Vec<Column> = Column::ALL
        .into_iter()
        .chain(codes.map(|_| Column::Code))
        .collect();
    for (i, w) in widths.iter().take(columns.len()).enumerate() {
        sheet.set_column_width(i as u16, *w).map_err(err)?;
    }
    sheet
        .merge_range(0, 0, 0, columns.len() as u16 - 1, title, &title_fmt)
        .map_err(err)?;
    sheet.set_row_height(0, 36).map_err(err)?;
    for (i, c) in columns.iter().enumerate() {
        sheet
            .write_string_with_format(1, i as u16, c.name(), &header_fmt)
            .map_err(err)?;
    }
    sheet.set_freeze_panes(2, 0).map_err(err)?;
    for (r, row) in rows.iter().enumerate() {
        let at = r as u32 + 2;
        let cells = [
            (&row.stt, &center_fmt),
            (&row.title, &cell_fmt),
            (&row.item_code, &center_fmt),
            (&row.lead, &cell_fmt),
            (&row.coordinating, &cell_fmt),
            (&row.deliverable, &cell_fmt),
            (&row.due, &center_fmt),
        ];
        for (c, (value, fmt)) in cells.into_iter().enumerate() {
            sheet
                .write_string_with_format(at, c as u16, value.as_str(), fmt)
                .map_err(err)?;
        }
        if let Some(code) = codes.and_then(|c| c.get(r)) {
            sheet
                .write_string_with_format(at, 7, code.as_str(), &center_fmt)
                .map_err(err)?;
        }
    }
    book.save_to_buffer().map_err(err)
}

/// The task table rows of a plan's tasks, naming units and items as the table writes them.
pub fn table_rows(
    tasks: &[papi_core::Task],
    items: &[papi_core::PlanItem],
    units: &[papi_core::Unit],
) -> Vec<TaskTableRow> {
    let unit = |id: i64| {
        units
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
            .unwrap_or_default()
    };
    tasks
        .iter()
        .map(|t| TaskTableRow {
            stt: t.position.to_string(),
            title: t.title.clone(),
            item_code: items
                .iter()
                .find(|i| Some(i.id) == t.item_id)
                .map(|i| i.code.clone())
                .unwrap_or_default(),
            lead: unit(t.lead_unit_id),
            coordinating: t
                .coordinating_unit_ids
                .iter()
                .map(|&u| unit(u))
                .collect::<Vec<_>>()
                .join(", "),
            deliverable: t.deliverable.clone(),
            due: t.due.label(),
        })
        .collect()
}

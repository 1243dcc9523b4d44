//! Checking raw task rows against the commune's units and the plan's items. All rows are
//! checked and all problems reported together, so an official fixes the table once; any
//! problem means nothing is imported.

use std::fmt;

use chrono::Datelike;
use papi_core::text::fold;
use papi_core::{Due, Unit};
use serde::Serialize;

use super::model::{Column, RawTaskRow};
use crate::limits::check_year;

/// A task row that passed every check, with units and item resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedTask {
    pub row: usize,
    /// 1-based order of the task in the table.
    pub position: i64,
    pub title: String,
    /// The plan item code as the plan spells it (`1.2.b`, `KT.đ`).
    pub item_code: Option<String>,
    pub lead_unit_id: i64,
    pub coordinating_unit_ids: Vec<i64>,
    pub deliverable: String,
    pub due: Due,
    /// "Mã nhiệm vụ" as written (trimmed), if the row has one.
    pub code: Option<String>,
    /// STT as written, which a row without code is matched on.
    pub stt: String,
}

/// One problem in one cell: "Dòng 7, cột Chủ trì: không có đơn vị “…”".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub row: usize,
    pub column: &'static str,
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Dòng {}, cột {}: {}",
            self.row, self.column, self.message
        )
    }
}

impl std::error::Error for RowError {}

/// The unit a cell names, by full or short name, ignoring case and diacritics.
fn find_unit<'a>(units: &'a [Unit], name: &str) -> Option<&'a Unit> {
    let f = fold(name);
    units
        .iter()
        .find(|u| fold(&u.name) == f || fold(&u.short_name) == f)
}

/// The plan item code a cell names, as the plan spells it. Letters keep their diacritics
/// (`d` and `đ` are different items), only case and spaces are ignored.
fn find_item<'a>(codes: &'a [String], cell: &str) -> Option<&'a String> {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .trim_end_matches(['.', ')'])
            .to_lowercase()
    };
    let want = norm(cell);
    codes.iter().find(|c| norm(c) == want)
}

pub fn resolve_task_rows(
    rows: &[RawTaskRow],
    units: &[Unit],
    item_codes: &[String],
    plan_year: i32,
) -> Result<Vec<ResolvedTask>, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut tasks = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let mut err = |column: Column, message: String| {
            errors.push(RowError {
                row: r.row,
                column: column.name(),
                message,
            })
        };
        if r.title.trim().is_empty() {
            err(Column::Title, "tên nhiệm vụ đang để trống".into());
        }
        let item_code = if r.item_code.trim().is_empty() {
            None
        } else {
            let found = find_item(item_codes, &r.item_code).cloned();
            if found.is_none() {
                err(
                    Column::Item,
                    format!("không có nội dung “{}” trong kế hoạch", r.item_code),
                );
            }
            found
        };
        let lead = if r.lead.trim().is_empty() {
            err(Column::Lead, "chưa ghi đơn vị chủ trì".into());
            None
        } else {
            let found = find_unit(units, &r.lead);
            if found.is_none() {
                let several = super::read::split_units(&r.lead).len() > 1;
                err(
                    Column::Lead,
                    if several {
                        format!(
                            "chỉ ghi một đơn vị chủ trì (“{}”); các đơn vị khác ghi ở cột Phối hợp",
                            r.lead
                        )
                    } else {
                        format!("không có đơn vị “{}”", r.lead)
                    },
                );
            }
            found
        };
        let mut coordinating: Vec<i64> = Vec::new();
        for name in &r.coordinating {
            match find_unit(units, name) {
                None => err(Column::Coordinating, format!("không có đơn vị “{name}”")),
                Some(u) if lead.is_some_and(|l| l.id == u.id) => err(
                    Column::Coordinating,
                    format!("đơn vị chủ trì “{name}” không ghi lại ở cột Phối hợp"),
                ),
                Some(u) if !coordinating.contains(&u.id) => coordinating.push(u.id),
                Some(_) => {}
            }
        }
        let due = match Due::parse(&r.due, plan_year) {
            Ok(Due::Date(d)) if check_year(d.year()).is_err() => {
                if let Err(why) = check_year(d.year()) {
                    err(Column::Due, format!("thời hạn “{}”: {why}", r.due.trim()));
                }
                None
            }
            Ok(d) => Some(d),
            Err(reason) => {
                err(Column::Due, reason);
                None
            }
        };
        if let (Some(lead), Some(due)) = (lead, due) {
            tasks.push(ResolvedTask {
                row: r.row,
                position: i as i64 + 1,
                title: papi_core::text::visible(&r.title),
                item_code,
                lead_unit_id: lead.id,
                coordinating_unit_ids: coordinating,
                deliverable: papi_core::text::visible(&r.deliverable),
                due,
                code: Some(r.code.trim().to_string()).filter(|c| !c.is_empty()),
                stt: r.stt.trim().to_string(),
            });
        }
    }
    if errors.is_empty() {
        Ok(tasks)
    } else {
        Err(errors)
    }
}

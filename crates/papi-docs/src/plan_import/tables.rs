//! Task tables of a plan's appendix ("STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối
//! hợp | Thời gian hoàn thành | Sản phẩm"): each row is an item of the dimension named by the
//! group row above it ("I. Tham gia của người dân…"), with its units, deadline and product.

use chrono::NaiveDate;
use papi_core::text::fold;

use super::sections::{target_of, Target};
use super::text::{lines_and_rows, Row};
use super::ImportedItem;

/// What the task tables gave.
#[derive(Default)]
pub(crate) struct Tabled {
    /// Group heading (as written) and its rows' items, in the order the table has them.
    pub groups: Vec<(Target, String, Vec<ImportedItem>)>,
    /// For each row: it belongs to a task table (its cells are not read as narrative).
    pub used: Vec<bool>,
    /// Task rows before any group row the importer could place.
    pub unplaced: Vec<String>,
}

/// The columns a task table's header names.
#[derive(Default, Debug, PartialEq)]
struct Columns {
    number: Option<usize>,
    content: Option<usize>,
    lead: Option<usize>,
    coordinating: Option<usize>,
    due: Option<usize>,
    product: Option<usize>,
}

/// Reads a header row; None if it is not the header of a task table.
fn header(row: &Row) -> Option<Columns> {
    let mut c = Columns::default();
    for (i, cell) in row.cells.iter().enumerate() {
        let f = fold(cell);
        let f = f.trim();
        if f.is_empty() || f.chars().count() > 60 {
            continue;
        }
        let slot = if f.contains("chu tri") {
            &mut c.lead
        } else if f.contains("phoi hop") {
            &mut c.coordinating
        } else if f.contains("san pham") || f.starts_with("ket qua") {
            &mut c.product
        } else if f.contains("thoi gian") || f.contains("thoi han") || f.contains("tien do") {
            &mut c.due
        } else if f.contains("noi dung") || f.contains("nhiem vu") || f.contains("hoat dong") {
            &mut c.content
        } else if ["stt", "tt", "so tt", "so thu tu"].contains(&f.trim_end_matches('.')) {
            &mut c.number
        } else {
            continue;
        };
        if slot.is_none() {
            *slot = Some(i);
        }
    }
    let extra = c.lead.is_some() || c.due.is_some() || c.product.is_some();
    (c.content.is_some() && extra).then_some(c)
}

fn cell(row: &Row, col: Option<usize>) -> &str {
    col.and_then(|i| row.cells.get(i)).map_or("", |s| s.trim())
}

fn is_roman(s: &str) -> bool {
    let s = s.trim_end_matches(['.', ')']);
    !s.is_empty() && s.len() <= 5 && s.chars().all(|c| "IVXL".contains(c))
}

pub(crate) fn find(rows: &[Row], year: Option<i32>) -> Tabled {
    let mut out = Tabled {
        used: vec![false; rows.len()],
        ..Tabled::default()
    };
    let mut cols: Option<(usize, Columns)> = None;
    let mut current: Option<usize> = None;
    for (i, row) in rows.iter().enumerate() {
        if let Some(c) = header(row) {
            cols = Some((row.table, c));
            current = None;
            out.used[i] = true;
            continue;
        }
        let Some((table, c)) = cols.as_ref() else {
            continue;
        };
        if *table != row.table {
            cols = None;
            current = None;
            continue;
        }
        out.used[i] = true;
        let filled: Vec<&str> = row
            .cells
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if filled.is_empty() {
            continue;
        }
        // A merged group row repeats its text in every cell it spans (DOCX) or leaves them
        // empty (Markdown): either way, one distinct text.
        let mut distinct = filled.clone();
        distinct.dedup();
        let number = cell(row, c.number);
        let main = Some(cell(row, c.content))
            .filter(|s| !s.is_empty())
            .unwrap_or(filled[0]);
        let details = [c.lead, c.coordinating, c.due, c.product]
            .iter()
            .any(|&col| !cell(row, col).is_empty() && cell(row, col) != main);
        let joined = distinct.join(" ");
        let task_number = !number.is_empty() && number.chars().all(|c| c.is_ascii_digit());
        if !task_number && (!details || distinct.len() == 1) {
            if let Some(target) = group_target(&joined) {
                let at = match out.groups.iter().position(|g| g.0 == target) {
                    Some(at) => at,
                    None => {
                        out.groups.push((target, joined.clone(), Vec::new()));
                        out.groups.len() - 1
                    }
                };
                current = Some(at);
                continue;
            }
            let caps = super::text::is_caps(cell(row, c.content))
                || (distinct.len() == 1 && super::text::is_caps(&joined));
            let lettered = number.len() == 1 && number.chars().all(|c| c.is_ascii_uppercase());
            if is_roman(number) || lettered || caps {
                // A group of the table that is not a dimension ("II. NHIỆM VỤ CHUNG").
                current = None;
                continue;
            }
        }
        let text = cell(row, c.content);
        if text.is_empty() {
            continue;
        }
        let due_text = cell(row, c.due);
        let item = ImportedItem {
            code: String::new(),
            text: text.to_string(),
            lead_unit: Some(cell(row, c.lead).to_string()).filter(|s| !s.is_empty()),
            coordinating_units: units(cell(row, c.coordinating)),
            due: parse_due(due_text, year),
            due_text: Some(due_text.to_string()).filter(|s| !s.is_empty()),
            deliverable: Some(cell(row, c.product).to_string()).filter(|s| !s.is_empty()),
        };
        match current {
            Some(g) => out.groups[g].2.push(item),
            None => out.unplaced.push(item.text),
        }
    }
    out
}

/// The dimension or cross-cutting section a group row names.
fn group_target(text: &str) -> Option<Target> {
    // "IX Công tác thông tin…" (number and name from two cells) reads as "IX. Công tác …".
    let text = match text.split_once(' ') {
        Some((first, rest)) if is_roman(first) || first.chars().all(|c| c.is_ascii_digit()) => {
            format!("{}. {rest}", first.trim_end_matches(['.', ')']))
        }
        _ => text.to_string(),
    };
    let (lines, _) = lines_and_rows(&format!("**{}**", text.replace('|', "/")));
    lines.first().and_then(target_of)
}

/// "Công an xã; Đoàn Thanh niên" or "Văn phòng, Công an xã" → the units; "Các ban, ngành"
/// stays one (a comma splits only between names that each start with a capital).
fn units(s: &str) -> Vec<String> {
    let clean = |v: Vec<&str>| -> Vec<String> {
        v.into_iter()
            .map(|u| u.trim().trim_start_matches(['-', '+', '•']).trim())
            .map(|u| u.trim_end_matches(['.', ';', ',']).trim().to_string())
            .filter(|u| !u.is_empty())
            .collect()
    };
    let parts = clean(s.split([';', '\n']).collect());
    if parts.len() > 1 {
        return parts;
    }
    let commas = clean(s.split(',').collect());
    if commas.len() > 1
        && commas
            .iter()
            .all(|u| u.chars().next().is_some_and(char::is_uppercase))
    {
        return commas;
    }
    parts
}

/// A deadline as a date: "30/6/2025", "Trước ngày 15 tháng 3 năm 2025", "Tháng 6/2025" (the
/// month's last day), "Quý II/2025" (the quarter's last day). "Thường xuyên" has none.
pub(crate) fn parse_due(s: &str, year: Option<i32>) -> Option<NaiveDate> {
    let f = fold(s);
    if f.is_empty() || f.contains("thuong xuyen") {
        return None;
    }
    if let Some(d) = super::periods::first_full_date(&f) {
        return Some(d);
    }
    let words: Vec<&str> = f
        .split(|c: char| c.is_whitespace() || c == '/' || c == ',' || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let year_after = |i: usize| -> Option<i32> {
        let w = words.get(i..(i + 2).min(words.len()))?;
        let y = match w {
            ["nam", y] => y,
            [y, ..] => y,
            _ => return None,
        };
        let y = y.trim_matches(|c: char| !c.is_ascii_digit());
        (y.len() == 4).then(|| y.parse().ok()).flatten()
    };
    for (i, w) in words.iter().enumerate() {
        let next = words
            .get(i + 1)
            .map(|n| n.trim_end_matches(['.', ')', ';']));
        match (*w, next) {
            ("thang", Some(m)) => {
                let Ok(m) = m.parse::<u32>() else { continue };
                let y = year_after(i + 2).or(year)?;
                return month_end(y, m);
            }
            ("quy", Some(q)) => {
                let q = match q {
                    "i" | "1" => 1,
                    "ii" | "2" => 2,
                    "iii" | "3" => 3,
                    "iv" | "4" => 4,
                    _ => continue,
                };
                let y = year_after(i + 2).or(year)?;
                return month_end(y, q * 3);
            }
            _ => {}
        }
    }
    None
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let first_next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    first_next.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn deadlines() {
        assert_eq!(parse_due("30/6/2025", Some(2025)), d(2025, 6, 30));
        assert_eq!(parse_due("Tháng 6/2025", Some(2025)), d(2025, 6, 30));
        assert_eq!(parse_due("Tháng 2 năm 2024", None), d(2024, 2, 29));
        assert_eq!(parse_due("Quý II/2025", None), d(2025, 6, 30));
        assert_eq!(parse_due("Quý IV", Some(2025)), d(2025, 12, 31));
        assert_eq!(
            parse_due("Trước ngày 15 tháng 3 năm 2025", None),
            d(2025, 3, 15)
        );
        assert_eq!(parse_due("Thường xuyên", Some(2025)), None);
        assert_eq!(parse_due("Cả năm", Some(2025)), None);
    }

    #[test]
    fn unit_lists() {
        assert_eq!(
            units("Công an xã; Đoàn Thanh niên"),
            vec!["Công an xã", "Đoàn Thanh niên"]
        );
        assert_eq!(
            units("Văn phòng UBND, Công an xã"),
            vec!["Văn phòng UBND", "Công an xã"]
        );
        assert_eq!(units("Các ban, ngành"), vec!["Các ban, ngành"]);
        assert!(units("").is_empty());
    }
}

//! Plan versions and task-table re-imports: whether a document is a PAPI plan at all, what a
//! new version of the year's plan changes against the current one, where each task goes in
//! it, and how the rows of a task table imported again meet the tasks already stored.

use std::collections::HashSet;

use serde::Serialize;

use crate::text::fold;
use crate::{Dimension, Due};

/// A document is offered as a plan only when it covers at least this many of the 8 PAPI
/// dimensions.
pub const MIN_DIMENSIONS: usize = 6;

fn dimension_list(ds: &[Dimension]) -> String {
    if ds.is_empty() {
        return "(không có)".into();
    }
    ds.iter()
        .map(|d| format!("{} ({})", d.number(), d.short_name_vi()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The dimensions of the 8 that a document does not cover.
pub fn missing_dimensions(found: &[Dimension]) -> Vec<Dimension> {
    Dimension::all().filter(|d| !found.contains(d)).collect()
}

/// Refuses a document that covers fewer than [`MIN_DIMENSIONS`] dimensions, saying what it
/// holds and what it lacks. `found` may repeat a dimension; it is counted once.
pub fn check_is_plan(found: &[Dimension]) -> Result<(), String> {
    let mut distinct: Vec<Dimension> = Vec::new();
    for d in found {
        if !distinct.contains(d) {
            distinct.push(*d);
        }
    }
    distinct.sort_by_key(|d| d.number());
    if distinct.len() >= MIN_DIMENSIONS {
        return Ok(());
    }
    Err(format!(
        "Tìm thấy {}/{} lĩnh vực: {}; thiếu: {}. Văn bản này không phải kế hoạch PAPI hoặc chưa \
         đúng mẫu.",
        distinct.len(),
        Dimension::COUNT,
        dimension_list(&distinct),
        dimension_list(&missing_dimensions(&distinct)),
    ))
}

/// A plan item as versions compare them: its code and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemText {
    pub code: String,
    pub text: String,
}

impl ItemText {
    pub fn new(code: &str, text: &str) -> ItemText {
        ItemText {
            code: code.to_string(),
            text: text.to_string(),
        }
    }
}

/// Texts compared without case, diacritics or spacing differences.
fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
    norm(a) == norm(b)
}

/// An item found in both versions whose code or text changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemChange {
    pub old: ItemText,
    pub new: ItemText,
}

/// What a new version changes in the items of the current one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ItemDiff {
    pub added: Vec<ItemText>,
    pub removed: Vec<ItemText>,
    pub changed: Vec<ItemChange>,
    pub unchanged: usize,
}

impl ItemDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Compares the items of two versions: first by code (same code, other text: changed), then
/// the items left over by text (same text, other code: changed); what is still left is
/// added or removed.
pub fn diff_items(old: &[ItemText], new: &[ItemText]) -> ItemDiff {
    let mut diff = ItemDiff::default();
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];
    for (n, ni) in new.iter().enumerate() {
        if let Some(o) = (0..old.len()).find(|&o| !old_used[o] && old[o].code == ni.code) {
            old_used[o] = true;
            new_used[n] = true;
            if same_text(&old[o].text, &ni.text) {
                diff.unchanged += 1;
            } else {
                diff.changed.push(ItemChange {
                    old: old[o].clone(),
                    new: ni.clone(),
                });
            }
        }
    }
    for (n, ni) in new.iter().enumerate() {
        if new_used[n] {
            continue;
        }
        if let Some(o) = (0..old.len()).find(|&o| !old_used[o] && same_text(&old[o].text, &ni.text))
        {
            old_used[o] = true;
            new_used[n] = true;
            diff.changed.push(ItemChange {
                old: old[o].clone(),
                new: ni.clone(),
            });
        }
    }
    diff.added = new
        .iter()
        .zip(&new_used)
        .filter(|(_, u)| !**u)
        .map(|(i, _)| i.clone())
        .collect();
    diff.removed = old
        .iter()
        .zip(&old_used)
        .filter(|(_, u)| !**u)
        .map(|(i, _)| i.clone())
        .collect();
    diff
}

/// The item of `new` a task attached to `old` moves to: the one with the same code, else the
/// one with the same text; `None` when the new version has neither.
pub fn reattach(old: &ItemText, new: &[ItemText]) -> Option<usize> {
    new.iter()
        .position(|n| n.code == old.code)
        .or_else(|| new.iter().position(|n| same_text(&n.text, &old.text)))
}

/// The fields a task-table row sets on a task, as stored (units and item resolved to ids).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskFields {
    pub title: String,
    pub item_id: Option<i64>,
    pub lead_unit_id: i64,
    pub coordinating_unit_ids: Vec<i64>,
    pub deliverable: String,
    pub due: Due,
}

impl TaskFields {
    /// The names of the fields that differ (coordinating units compared as a set).
    pub fn changes(&self, other: &TaskFields) -> Vec<&'static str> {
        let set = |v: &[i64]| v.iter().copied().collect::<HashSet<i64>>();
        let mut out = Vec::new();
        if self.title != other.title {
            out.push("tên nhiệm vụ");
        }
        if self.item_id != other.item_id {
            out.push("nội dung");
        }
        if self.lead_unit_id != other.lead_unit_id {
            out.push("chủ trì");
        }
        if set(&self.coordinating_unit_ids) != set(&other.coordinating_unit_ids) {
            out.push("phối hợp");
        }
        if self.deliverable != other.deliverable {
            out.push("sản phẩm");
        }
        if self.due != other.due {
            out.push("thời hạn");
        }
        out
    }
}

/// A task already in the plan, as a re-import sees it.
#[derive(Debug, Clone)]
pub struct StoredTask {
    pub id: i64,
    pub code: String,
    pub position: i64,
    pub fields: TaskFields,
}

/// A checked row of the table being imported.
#[derive(Debug, Clone)]
pub struct TableRow {
    /// Row number in the file, for messages.
    pub row: usize,
    /// "Mã nhiệm vụ", if the table has the column and the cell is filled.
    pub code: Option<String>,
    pub stt: String,
    pub fields: TaskFields,
}

/// What happens to one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowOutcome {
    New,
    Unchanged {
        task_id: i64,
    },
    Changed {
        task_id: i64,
        fields: Vec<&'static str>,
    },
}

/// What a re-import does: one outcome per row, and the stored tasks no row names (listed,
/// never deleted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncPlan {
    pub rows: Vec<RowOutcome>,
    pub missing: Vec<i64>,
}

impl SyncPlan {
    pub fn count(&self) -> (usize, usize, usize) {
        let mut n = (0, 0, 0);
        for r in &self.rows {
            match r {
                RowOutcome::New => n.0 += 1,
                RowOutcome::Changed { .. } => n.1 += 1,
                RowOutcome::Unchanged { .. } => n.2 += 1,
            }
        }
        n
    }
}

fn norm_code(c: &str) -> String {
    c.trim().to_uppercase()
}

/// Matches each row to a stored task: by task code when the row has one, else by STT (the
/// task's position). A code, or a task, named by two rows is an error for both rows.
pub fn sync_rows(stored: &[StoredTask], rows: &[TableRow]) -> Result<SyncPlan, Vec<String>> {
    let mut errors = Vec::new();
    let mut taken: Vec<Option<usize>> = vec![None; stored.len()];
    let mut out = Vec::new();
    let mut codes_seen: Vec<(String, usize)> = Vec::new();
    for (n, r) in rows.iter().enumerate() {
        let found = match r.code.as_deref().map(norm_code).filter(|c| !c.is_empty()) {
            Some(code) => {
                if let Some((_, first)) = codes_seen.iter().find(|(c, _)| *c == code) {
                    errors.push(format!(
                        "Dòng {}, cột Mã nhiệm vụ: mã “{code}” đã có ở dòng {first}",
                        r.row
                    ));
                    continue;
                }
                codes_seen.push((code.clone(), r.row));
                stored.iter().position(|t| norm_code(&t.code) == code)
            }
            None => r
                .stt
                .trim()
                .trim_end_matches('.')
                .parse::<i64>()
                .ok()
                .and_then(|p| {
                    (0..stored.len()).find(|&s| {
                        stored[s].position == p && taken[s].is_none() && {
                            // a task named by code elsewhere in the file is not matched on STT
                            !rows.iter().any(|o| {
                                o.code
                                    .as_deref()
                                    .is_some_and(|c| norm_code(c) == norm_code(&stored[s].code))
                            })
                        }
                    })
                }),
        };
        match found {
            Some(s) if taken[s].is_some() => errors.push(format!(
                "Dòng {}: nhiệm vụ “{}” đã được dòng {} cập nhật",
                r.row,
                stored[s].code,
                rows[taken[s].unwrap_or(0)].row
            )),
            Some(s) => {
                taken[s] = Some(n);
                let fields = stored[s].fields.changes(&r.fields);
                out.push(if fields.is_empty() {
                    RowOutcome::Unchanged {
                        task_id: stored[s].id,
                    }
                } else {
                    RowOutcome::Changed {
                        task_id: stored[s].id,
                        fields,
                    }
                });
            }
            None => out.push(RowOutcome::New),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let missing = stored
        .iter()
        .zip(&taken)
        .filter(|(_, t)| t.is_none())
        .map(|(s, _)| s.id)
        .collect();
    Ok(SyncPlan { rows: out, missing })
}

/// "3 mới, 1 cập nhật, 49 không đổi; 2 không có trong tệp: NV05 …, NV09 …".
pub fn sync_summary(new: usize, updated: usize, unchanged: usize, missing: &[String]) -> String {
    let mut s = format!("{new} mới, {updated} cập nhật, {unchanged} không đổi");
    if !missing.is_empty() {
        s.push_str(&format!(
            "; {} không có trong tệp: {}",
            missing.len(),
            missing.join(", ")
        ));
    }
    s
}

/// The code the `n`-th task of a plan gets when none is given: `NV01`, `NV02` … `NV100`.
pub fn task_code(n: usize) -> String {
    format!("NV{n:02}")
}

/// The next free automatic code after the ones a plan already uses.
pub fn next_task_code<'a>(used: impl IntoIterator<Item = &'a str>) -> String {
    let max = used
        .into_iter()
        .filter_map(|c| {
            c.trim()
                .strip_prefix("NV")
                .and_then(|n| n.parse::<usize>().ok())
        })
        .max()
        .unwrap_or(0);
    task_code(max + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn dims(ns: &[u8]) -> Vec<Dimension> {
        ns.iter().map(|&n| Dimension::new(n).unwrap()).collect()
    }

    #[test]
    fn six_of_eight_dimensions_make_a_plan() {
        assert!(check_is_plan(&dims(&[1, 2, 3, 4, 5, 6, 7, 8])).is_ok());
        assert!(check_is_plan(&dims(&[1, 2, 3, 5, 7, 8])).is_ok());
        let five = check_is_plan(&dims(&[1, 2, 3, 4, 5])).unwrap_err();
        assert!(five.starts_with("Tìm thấy 5/8 lĩnh vực"), "{five}");
    }

    #[test]
    fn a_repeated_dimension_counts_once() {
        assert!(check_is_plan(&dims(&[1, 1, 2, 2, 3, 3, 4])).is_err());
    }

    #[test]
    fn the_refusal_names_what_was_found_and_what_is_missing() {
        // A decision on a village road names "thủ tục hành chính" and "môi trường" in passing.
        let m = check_is_plan(&dims(&[7, 5])).unwrap_err();
        assert_eq!(
            m,
            "Tìm thấy 2/8 lĩnh vực: 5 (Thủ tục hành chính), 7 (Môi trường); thiếu: 1 (Tham gia), \
             2 (Công khai, minh bạch), 3 (Trách nhiệm giải trình), 4 (Kiểm soát tham nhũng), \
             6 (Dịch vụ công), 8 (Quản trị điện tử). Văn bản này không phải kế hoạch PAPI hoặc \
             chưa đúng mẫu."
        );
        let none = check_is_plan(&[]).unwrap_err();
        assert!(none.starts_with("Tìm thấy 0/8 lĩnh vực: (không có); thiếu: 1 (Tham gia)"));
    }

    fn it(code: &str, text: &str) -> ItemText {
        ItemText::new(code, text)
    }

    #[test]
    fn items_match_by_code_then_by_text() {
        let old = vec![
            it("1.1.a", "Công khai dự toán ngân sách xã"),
            it("1.1.b", "Tổ chức hội nghị đối thoại với Nhân dân"),
            it("1.2.a", "Niêm yết danh sách hộ nghèo"),
            it("1.3.a", "Tiếp công dân định kỳ"),
        ];
        let new = vec![
            // same code, same text with other spacing and case
            it("1.1.a", "công khai  dự toán ngân sách xã"),
            // same code, new text
            it("1.1.b", "Tổ chức 02 hội nghị đối thoại với Nhân dân"),
            // renumbered: same text, new code
            it("1.2.b", "Niêm yết danh sách hộ nghèo"),
            // new
            it("1.8.a", "Số hóa hồ sơ một cửa"),
        ];
        let d = diff_items(&old, &new);
        assert_eq!(d.unchanged, 1);
        assert_eq!(
            d.changed,
            vec![
                ItemChange {
                    old: old[1].clone(),
                    new: new[1].clone()
                },
                ItemChange {
                    old: old[2].clone(),
                    new: new[2].clone()
                },
            ]
        );
        assert_eq!(d.added, vec![new[3].clone()]);
        assert_eq!(d.removed, vec![old[3].clone()]);
        assert!(!d.is_empty());
        assert!(diff_items(&old, &old).is_empty());
    }

    #[test]
    fn tasks_follow_the_code_else_the_text() {
        let new = vec![
            it("1.1.b", "Tổ chức 02 hội nghị đối thoại"),
            it("1.2.b", "Niêm yết danh sách hộ nghèo"),
        ];
        assert_eq!(reattach(&it("1.1.b", "Hội nghị đối thoại"), &new), Some(0));
        assert_eq!(
            reattach(&it("1.2.a", "Niêm yết danh sách hộ nghèo"), &new),
            Some(1)
        );
        assert_eq!(reattach(&it("1.3.a", "Tiếp công dân"), &new), None);
    }

    fn fields(title: &str, lead: i64, due: (i32, u32, u32)) -> TaskFields {
        TaskFields {
            title: title.into(),
            item_id: Some(1),
            lead_unit_id: lead,
            coordinating_unit_ids: vec![3, 4],
            deliverable: "Biên bản".into(),
            due: Due::Date(NaiveDate::from_ymd_opt(due.0, due.1, due.2).unwrap()),
        }
    }

    fn stored(id: i64, code: &str, position: i64, f: TaskFields) -> StoredTask {
        StoredTask {
            id,
            code: code.into(),
            position,
            fields: f,
        }
    }

    fn row(row: usize, code: Option<&str>, stt: &str, f: TaskFields) -> TableRow {
        TableRow {
            row,
            code: code.map(str::to_string),
            stt: stt.into(),
            fields: f,
        }
    }

    #[test]
    fn a_table_imported_again_changes_nothing() {
        let a = fields("Niêm yết", 1, (2025, 6, 30));
        let b = fields("Tiếp dân", 2, (2025, 3, 31));
        let st = vec![
            stored(10, "NV01", 1, a.clone()),
            stored(11, "NV02", 2, b.clone()),
        ];
        let plan = sync_rows(
            &st,
            &[row(3, Some("NV01"), "1", a), row(4, Some("nv02"), "2", b)],
        )
        .unwrap();
        assert_eq!(plan.count(), (0, 0, 2));
        assert!(plan.missing.is_empty());
    }

    #[test]
    fn rows_without_code_match_on_stt_and_changes_are_named() {
        let a = fields("Niêm yết", 1, (2025, 6, 30));
        let b = fields("Tiếp dân", 2, (2025, 3, 31));
        let c = fields("Đối thoại", 2, (2025, 9, 30));
        let st = vec![
            stored(10, "NV01", 1, a.clone()),
            stored(11, "NV02", 2, b.clone()),
            stored(12, "NV03", 3, c),
        ];
        let mut b2 = fields("Tiếp dân định kỳ", 2, (2025, 4, 30));
        b2.coordinating_unit_ids = vec![4, 3];
        let new = fields("Số hóa hồ sơ", 1, (2025, 12, 31));
        let plan = sync_rows(
            &st,
            &[
                row(3, None, "1", a),
                row(4, None, "2.", b2),
                row(5, Some("NV07"), "4", new),
            ],
        )
        .unwrap();
        assert_eq!(
            plan.rows,
            vec![
                RowOutcome::Unchanged { task_id: 10 },
                RowOutcome::Changed {
                    task_id: 11,
                    fields: vec!["tên nhiệm vụ", "thời hạn"]
                },
                RowOutcome::New,
            ]
        );
        assert_eq!(plan.missing, vec![12]);
        assert_eq!(plan.count(), (1, 1, 1));
    }

    #[test]
    fn a_code_twice_in_the_file_is_refused() {
        let a = fields("Niêm yết", 1, (2025, 6, 30));
        let st = vec![stored(10, "NV01", 1, a.clone())];
        let e = sync_rows(
            &st,
            &[
                row(3, Some("NV01"), "1", a.clone()),
                row(9, Some("NV01"), "2", a),
            ],
        )
        .unwrap_err();
        assert_eq!(
            e,
            vec!["Dòng 9, cột Mã nhiệm vụ: mã “NV01” đã có ở dòng 3".to_string()]
        );
    }

    #[test]
    fn summaries_and_codes() {
        assert_eq!(
            sync_summary(0, 0, 53, &[]),
            "0 mới, 0 cập nhật, 53 không đổi"
        );
        assert_eq!(
            sync_summary(1, 2, 3, &["NV05 Tiếp dân".into()]),
            "1 mới, 2 cập nhật, 3 không đổi; 1 không có trong tệp: NV05 Tiếp dân"
        );
        assert_eq!(task_code(7), "NV07");
        assert_eq!(next_task_code(["NV01", "NV12", "X", "NVa"]), "NV13");
        assert_eq!(next_task_code([]), "NV01");
    }
}

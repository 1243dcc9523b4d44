//! Finds the dimension and cross-cutting sections and their lettered items.
//!
//! A section opens at a short line naming a dimension (or "thông tin, tuyên truyền" /
//! "kiểm tra, giám sát"), whatever its numbering, heading level or case, and closes at the
//! next such line or at the next heading of the same or a higher rank. Inside, `a)` … lines
//! open items; other paragraphs continue the current item.

use papi_core::plan::{item_code, item_letter};
use papi_core::text::fold;
use papi_core::{CrossCutting, Dimension, ItemKind};

use super::tables::Tabled;
use super::text::Line;
use super::{ImportedCrossCutting, ImportedDimension, ImportedItem};

pub(crate) struct Found {
    pub dimensions: Vec<ImportedDimension>,
    pub cross_cutting: Vec<ImportedCrossCutting>,
    pub unplaced: Vec<String>,
}

/// The numbering a line starts with.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Num {
    /// `I.`, `II.` — a top-level part.
    Roman,
    /// `1.`, `1.2.`, `3)` — the numbers in order.
    Arabic(Vec<u32>),
    /// `a)`, `đ)`, `b.` — a plan item.
    Letter,
    /// `(1)` — a task inside an item.
    Paren,
}

/// Splits the numbering off the start of a line.
pub(crate) fn split_numbering(text: &str) -> (Option<Num>, &str) {
    let after = |i: usize| text[i..].trim_start();
    let mut chars = text.char_indices();
    let Some((_, c0)) = chars.next() else {
        return (None, text);
    };
    // a) b. c/ — one lower-case letter then ) . or /, then a space.
    if c0.is_lowercase() && c0.is_alphabetic() {
        if let (Some((_, p)), Some((i, sp))) = (chars.next(), chars.next()) {
            if ")./".contains(p) && sp == ' ' {
                return (Some(Num::Letter), after(i));
            }
        }
        return (None, text);
    }
    if c0 == '(' {
        let close = text.find(')').unwrap_or(0);
        if close > 1 && text[1..close].chars().all(|c| c.is_ascii_digit()) {
            return (Some(Num::Paren), after(close + 1));
        }
        return (None, text);
    }
    if c0.is_ascii_digit() {
        let end = text
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(text.len());
        let nums: Vec<u32> = text[..end]
            .split('.')
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        let rest = &text[end..];
        let dotted = text[..end].ends_with('.');
        if let Some(r) = rest.strip_prefix(')') {
            return (Some(Num::Arabic(nums)), r.trim_start());
        }
        let spaced = rest.starts_with(' ') || rest.is_empty();
        if spaced && (dotted || nums.len() >= 2) && nums.iter().all(|&n| n < 100) {
            return (Some(Num::Arabic(nums)), rest.trim_start());
        }
        return (None, text);
    }
    // "A. MỤC ĐÍCH", "B. NHIỆM VỤ" — a lettered part in capitals ranks as a Roman one.
    if c0.is_uppercase() && c0.is_alphabetic() && !"IVXL".contains(c0) {
        let rest = &text[c0.len_utf8()..];
        if let Some(r) = rest.strip_prefix(['.', ')']) {
            if r.starts_with(' ') && super::text::is_caps(r) {
                return (Some(Num::Roman), r.trim_start());
            }
        }
        return (None, text);
    }
    let roman = text
        .find(|c: char| !"IVXL".contains(c))
        .unwrap_or(text.len());
    if roman > 0 && roman <= 5 {
        let rest = &text[roman..];
        if let Some(r) = rest.strip_prefix(['.', ')', '/', '-']) {
            if r.starts_with(' ') || r.is_empty() {
                return (Some(Num::Roman), r.trim_start());
            }
        }
    }
    (None, text)
}

/// Words that introduce a dimension's name in a heading.
const LEADS: [&str; 7] = [
    "chi so noi dung",
    "chi so thanh phan",
    "noi dung thanh phan",
    "noi dung",
    "linh vuc",
    "chi so",
    "tieu chi",
];

/// The dimension a heading line names, if the line is a heading at all.
fn dimension_heading(line: &Line, num: &Option<Num>, rest: &str) -> Option<Dimension> {
    if matches!(num, Some(Num::Letter | Num::Paren)) || line.len() > 220 {
        return None;
    }
    let mut core = fold(rest);
    let mut lead = false;
    let mut explicit = None;
    for w in LEADS {
        if let Some(r) = core.strip_prefix(w) {
            lead = true;
            let r = r.trim_start();
            let digits: String = r.chars().take_while(|c| c.is_ascii_digit()).collect();
            explicit = digits.parse::<u8>().ok().and_then(Dimension::new);
            core = r[digits.len()..].to_string();
            break;
        }
    }
    // Drop a trailing "(năm 2024 đạt 5,12 điểm)" and quotes/punctuation around the name.
    if let Some(open) = core.find('(') {
        core.truncate(open);
    }
    let core = core
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    if core.chars().count() > 110 {
        return None;
    }
    let headingish = num.is_some() || line.strong() || lead;
    if !headingish && core.chars().count() > 60 {
        return None;
    }
    Dimension::from_name(&core).or(explicit)
}

/// The cross-cutting section a heading line opens, if any.
fn cross_heading(line: &Line, num: &Option<Num>, rest: &str) -> Option<CrossCutting> {
    if matches!(num, Some(Num::Letter | Num::Paren)) {
        return None;
    }
    let f = fold(rest);
    let f = f.trim_matches(|c: char| !c.is_alphanumeric());
    let n = f.chars().count();
    let headingish = num.is_some() || line.strong();
    if n > 100 || (!headingish && n > 45) {
        return None;
    }
    let f = f.strip_prefix("cong tac ").unwrap_or(f);
    let f = f.strip_prefix("tang cuong ").unwrap_or(f);
    const OUTREACH: [&str; 4] = [
        "thong tin, tuyen truyen",
        "thong tin tuyen truyen",
        "tuyen truyen",
        "thong tin - tuyen truyen",
    ];
    const INSPECTION: [&str; 5] = [
        "kiem tra, giam sat",
        "kiem tra giam sat",
        "kiem tra - giam sat",
        "thanh tra, kiem tra",
        "kiem tra",
    ];
    if OUTREACH.iter().any(|p| f.starts_with(p)) {
        Some(CrossCutting::Outreach)
    } else if INSPECTION.iter().any(|p| f.starts_with(p)) {
        Some(CrossCutting::Inspection)
    } else {
        None
    }
}

/// The dimension or cross-cutting section a line is the heading of.
pub(crate) fn target_of(line: &Line) -> Option<Target> {
    let (num, rest) = split_numbering(&line.text);
    dimension_heading(line, &num, rest)
        .map(Target::Dim)
        .or_else(|| cross_heading(line, &num, rest).map(Target::Cross))
}

/// A heading with its items on the same line: `1. Lĩnh vực “Tham gia…”: (1) …; (2) …`.
/// Returns the heading part, its target and the items written after the colon.
fn inline_heading(line: &Line, num: &Option<Num>) -> Option<(String, Target, Vec<String>)> {
    if matches!(num, Some(Num::Letter | Num::Paren)) {
        return None;
    }
    let colon = line.text.find(':')?;
    let head = line.text[..colon].trim();
    let tail = line.text[colon + 1..].trim();
    if tail.is_empty() || head.chars().count() > 160 {
        return None;
    }
    let head_line = Line {
        text: head.to_string(),
        folded: fold(head),
        level: line.level,
        bold: line.bold,
        row: None,
    };
    let (hnum, hrest) = split_numbering(head);
    let lead = LEADS.iter().any(|w| fold(hrest).starts_with(w));
    // Only a numbered, styled or "Lĩnh vực …"-led heading; a sentence with a colon is not one.
    if hnum.is_none() && !head_line.strong() && !lead {
        return None;
    }
    let target = dimension_heading(&head_line, &hnum, hrest)
        .map(Target::Dim)
        .or_else(|| cross_heading(&head_line, &hnum, hrest).map(Target::Cross))?;
    // "Lĩnh vực 2: Công khai, minh bạch …" — the name after the colon: a heading, no tasks.
    if Dimension::from_name(head).is_none() && Dimension::from_name(tail).is_some() {
        return None;
    }
    Some((head.to_string(), target, split_inline(tail)))
}

/// Whether `tail` has `(1)` or `a)` marks [`split_inline`] splits at.
fn split_inline_marked(tail: &str) -> bool {
    !inline_cuts(tail).is_empty()
}

/// "(1) …; (2) …; (3) …" or "a) … b) …" → the tasks; text with no such marks is one task.
pub(crate) fn split_inline(tail: &str) -> Vec<String> {
    let cuts = inline_cuts(tail);
    let tidy = |s: &str| {
        let s = s.trim().trim_end_matches([';', ',']).trim();
        let s = s.strip_suffix(" và").unwrap_or(s);
        s.trim_end_matches([';', ',']).trim().to_string()
    };
    if cuts.is_empty() {
        return vec![tidy(tail)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
    }
    cuts.iter()
        .enumerate()
        .map(|(k, &(_, start))| {
            let end = cuts.get(k + 1).map_or(tail.len(), |c| c.0);
            tidy(&tail[start..end])
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Where the task marks of an inline list are: (start of the mark, start of its text).
fn inline_cuts(tail: &str) -> Vec<(usize, usize)> {
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (start of mark, start of text)
    let mut from = 0;
    for n in 1..=40 {
        let mark = format!("({n})");
        let Some(at) = tail[from..].find(&mark).map(|i| i + from) else {
            break;
        };
        if n == 1 && !tail[..at].trim().is_empty() {
            break;
        }
        cuts.push((at, at + mark.len()));
        from = at + mark.len();
    }
    if cuts.is_empty() {
        const LETTERS: [&str; 12] = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m"];
        let mut from = 0;
        for (k, l) in LETTERS.iter().enumerate() {
            let mark = format!("{l})");
            let found = tail[from..]
                .match_indices(&mark)
                .map(|(i, _)| i + from)
                .find(|&at| {
                    let before = tail[..at].trim_end();
                    (k == 0 && before.is_empty())
                        || before.ends_with([';', '.', ',', ':'])
                        || before.ends_with(" và")
                });
            let Some(at) = found else { break };
            cuts.push((at, at + mark.len()));
            from = at + mark.len();
        }
    }
    cuts
}

/// Lines that end the plan's content part whatever the numbering: signature, recipients.
fn is_closing(f: &str) -> bool {
    [
        "noi nhan",
        "tm. uy ban",
        "tm uy ban",
        "kt. chu tich",
        "tren day la ke hoach",
    ]
    .iter()
    .any(|p| f.starts_with(p))
}

/// An appendix heading ("PHỤ LỤC …", "BIỂU TỔNG HỢP NHIỆM VỤ"): the narrative is over, and the
/// appendix's group rows, which name the dimensions, are not sections of the plan.
fn starts_appendix(rest: &str) -> bool {
    let f = papi_core::text::fold(
        rest.trim_matches(|c: char| c == '*' || c == '#' || c.is_whitespace()),
    );
    rest.chars().count() <= 120
        && (f.starts_with("phu luc") || f.starts_with("bieu tong hop nhiem vu"))
}

/// Is this line a heading that closes a section opened by a heading numbered `open`?
fn closes(line: &Line, num: &Option<Num>, open: &[u32]) -> bool {
    if is_closing(&line.folded) {
        return true;
    }
    match num {
        Some(Num::Roman) => line.len() <= 200,
        Some(Num::Arabic(n)) => {
            // 1.1.1 under 1.1 is a sub-heading of the section, not the next one.
            let deeper = !open.is_empty() && n.len() > open.len() && n.starts_with(open);
            let short = line.len() <= 150 && !line.text.ends_with([';', ',']);
            !deeper && (line.strong() || short)
        }
        Some(Num::Letter | Num::Paren) => false,
        None => {
            line.level.is_some()
                || line
                    .folded
                    .strip_prefix("dieu ")
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        }
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Target {
    Dim(Dimension),
    Cross(CrossCutting),
}

struct Section {
    target: Target,
    /// Opened by a Roman-numbered heading: its `1.`, `2.` lines are its items.
    roman: bool,
    /// The unmarked text after the heading's colon, taken as its one item until lettered
    /// items follow: then it was an introduction ("…: thực hiện các nhiệm vụ sau") and goes
    /// back into the heading.
    tail: Option<String>,
    heading: String,
    numbering: Vec<u32>,
    preamble: Vec<String>,
    items: Vec<String>,
}

impl Section {
    fn push_text(&mut self, text: &str) {
        match self.items.last_mut() {
            Some(item) => join_paragraph(item, text),
            None => self.preamble.push(text.to_string()),
        }
    }
}

/// Appends a paragraph to an item: mid-sentence (a paragraph split across a page break) with a
/// space, otherwise on a new line.
fn join_paragraph(item: &mut String, next: &str) {
    let ended = item
        .trim_end()
        .ends_with(['.', ';', ':', '!', '?', ')', '”', '"']);
    let lower_start = next.chars().next().is_some_and(char::is_lowercase);
    if !ended && lower_start {
        item.push(' ');
    } else {
        item.push('\n');
    }
    item.push_str(next);
}

/// "Năm 2024 đạt 5,12 điểm" — last year's score opening a section, not an item.
fn is_score_line(f: &str) -> bool {
    f.contains("diem") && f.contains(|c: char| c.is_ascii_digit()) && f.chars().count() < 300
}

pub(crate) fn find(lines: &[Line], tabled: Tabled, warnings: &mut Vec<String>) -> Found {
    let mut sections: Vec<Section> = Vec::new();
    let mut open: Option<Section> = None;
    let mut unplaced: Vec<String> = Vec::new();
    // Between the first section and the end of the content part, a task-like paragraph with
    // no open section is kept as unplaced.
    let mut in_content = false;
    let mut narrative = true;
    for line in lines {
        if line
            .row
            .is_some_and(|r| tabled.used.get(r).copied().unwrap_or(false))
        {
            continue;
        }
        let (num, rest) = split_numbering(&line.text);
        if !narrative {
            continue;
        }
        if starts_appendix(rest) {
            narrative = false;
            continue;
        }
        if let Some((heading, target, items)) = inline_heading(line, &num) {
            sections.extend(open.take());
            in_content = true;
            let numbering = match &num {
                Some(Num::Arabic(n)) => n.clone(),
                _ => Vec::new(),
            };
            let marked = split_inline_marked(line.text.split_once(':').map_or("", |t| t.1));
            let tail = (!marked && items.len() == 1).then(|| items[0].clone());
            open = Some(Section {
                target,
                roman: num == Some(Num::Roman),
                tail,
                heading,
                numbering,
                preamble: Vec::new(),
                items,
            });
            continue;
        }
        let target = dimension_heading(line, &num, rest)
            .map(Target::Dim)
            .or_else(|| cross_heading(line, &num, rest).map(Target::Cross));
        // Under a Roman-numbered section, `1.`, `2.` lines are its items, even one that starts
        // with another section's words ("2. Kiểm tra công vụ đột xuất.") — a sentence, not a
        // heading, when it ends like one.
        if let Some(section) = open.as_mut().filter(|s| s.roman) {
            let arabic_item = matches!(&num, Some(Num::Arabic(n)) if n.len() == 1)
                && !line.strong()
                && !is_closing(&line.folded)
                && (target.is_none() || rest.ends_with(['.', ';']));
            if arabic_item {
                section.items.push(rest.to_string());
                continue;
            }
        }
        if let Some(target) = target {
            in_content = true;
            sections.extend(open.take());
            let numbering = match &num {
                Some(Num::Arabic(n)) => n.clone(),
                _ => Vec::new(),
            };
            open = Some(Section {
                target,
                roman: num == Some(Num::Roman),
                tail: None,
                heading: line.text.clone(),
                numbering,
                preamble: Vec::new(),
                items: Vec::new(),
            });
            continue;
        }
        if is_closing(&line.folded) || (num == Some(Num::Roman) && line.len() <= 200) {
            in_content = false;
        }
        let Some(section) = open.as_mut() else {
            let tasky = matches!(num, Some(Num::Letter | Num::Paren))
                || line.text.starts_with(['-', '+', '•']);
            if in_content && tasky && !is_closing(&line.folded) {
                unplaced.push(line.text.clone());
            }
            continue;
        };
        if closes(line, &num, &section.numbering) {
            sections.extend(open.take());
            continue;
        }
        if num == Some(Num::Letter) {
            if let Some(tail) = section.tail.take() {
                if section.items.len() == 1 && section.items[0].starts_with(tail.as_str()) {
                    let intro = section.items.remove(0);
                    section.heading = format!("{}: {intro}", section.heading);
                }
            }
            section.items.push(rest.to_string());
        } else {
            section.push_text(&line.text);
        }
    }
    sections.extend(open.take());
    unplaced.extend(tabled.unplaced);
    assemble(sections, tabled.groups, unplaced, warnings)
}

fn describe(t: Target) -> String {
    match t {
        Target::Dim(d) => format!("Lĩnh vực {} “{}”", d.number(), d.name_vi()),
        Target::Cross(c) => format!("Phần “{}”", c.label()),
    }
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(80).collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    out
}

fn assemble(
    sections: Vec<Section>,
    groups: Vec<(Target, String, Vec<ImportedItem>)>,
    mut unplaced: Vec<String>,
    warnings: &mut Vec<String>,
) -> Found {
    let mut dims: Vec<(Dimension, String, Vec<ImportedItem>)> = Vec::new();
    let mut cross: Vec<(CrossCutting, Vec<ImportedItem>)> = vec![
        (CrossCutting::Outreach, Vec::new()),
        (CrossCutting::Inspection, Vec::new()),
    ];
    let mut seen_cross = [false, false];
    for mut s in sections {
        let what = describe(s.target);
        let preamble: Vec<String> = s
            .preamble
            .iter()
            .filter(|p| !is_score_line(&fold(p)))
            .cloned()
            .collect();
        if s.items.is_empty() && !preamble.is_empty() {
            warnings.push(format!(
                "{what}: không có nội dung đánh chữ a), b)…; mỗi đoạn được coi là một nội dung."
            ));
            s.items = preamble
                .iter()
                .map(|p| p.trim_start_matches(['-', '+', '•', ' ']).to_string())
                .collect();
        } else {
            for p in &preamble {
                warnings.push(format!(
                    "{what}: đoạn không thuộc nội dung nào: “{}”",
                    short(p)
                ));
                unplaced.push(p.clone());
            }
        }
        let items_of_section: Vec<ImportedItem> =
            s.items.into_iter().map(ImportedItem::plain).collect();
        match s.target {
            Target::Dim(d) => match dims.iter_mut().find(|(x, _, _)| *x == d) {
                Some((_, _, items)) => {
                    warnings.push(format!(
                        "{what} xuất hiện nhiều lần; các nội dung được gộp lại."
                    ));
                    items.extend(items_of_section);
                }
                None => dims.push((d, s.heading, items_of_section)),
            },
            Target::Cross(c) => {
                let i = usize::from(c == CrossCutting::Inspection);
                if seen_cross[i] {
                    warnings.push(format!(
                        "{what} xuất hiện nhiều lần; các nội dung được gộp lại."
                    ));
                }
                seen_cross[i] = true;
                cross[i].1.extend(items_of_section);
            }
        }
    }
    // A task table gives the items of the dimensions the narrative lists none for. Where the
    // narrative has its items, the table details them (a row may be one of several tasks of
    // an item): a row with an item's very text lends it its units, deadline and product.
    for (target, heading, items) in groups {
        let existing = match target {
            Target::Dim(d) => match dims.iter_mut().find(|(x, _, _)| *x == d) {
                Some((_, _, existing)) if !existing.is_empty() => existing,
                Some((_, _, empty)) => {
                    empty.extend(items);
                    continue;
                }
                None => {
                    dims.push((d, heading, items));
                    continue;
                }
            },
            Target::Cross(c) => {
                let i = usize::from(c == CrossCutting::Inspection);
                seen_cross[i] = true;
                if cross[i].1.is_empty() {
                    cross[i].1.extend(items);
                    continue;
                }
                &mut cross[i].1
            }
        };
        let mut detail_rows = 0;
        for row in items {
            match existing
                .iter_mut()
                .find(|e| fold(&e.text) == fold(&row.text))
            {
                Some(e) => {
                    e.lead_unit = e.lead_unit.take().or(row.lead_unit);
                    if e.coordinating_units.is_empty() {
                        e.coordinating_units = row.coordinating_units;
                    }
                    e.due = e.due.or(row.due);
                    e.due_text = e.due_text.take().or(row.due_text);
                    e.deliverable = e.deliverable.take().or(row.deliverable);
                }
                None => detail_rows += 1,
            }
        }
        if detail_rows > 0 {
            warnings.push(format!(
                "{}: phần lời đã có nội dung; {detail_rows} dòng của biểu nhiệm vụ được coi là \
                 nhiệm vụ chi tiết của các nội dung đó, không thêm thành nội dung mới.",
                describe(target)
            ));
        }
    }
    dims.sort_by_key(|(d, _, _)| *d);
    for d in Dimension::all() {
        if !dims.iter().any(|(x, _, _)| *x == d) {
            warnings.push(format!(
                "Không tìm thấy lĩnh vực {} “{}” trong kế hoạch.",
                d.number(),
                d.name_vi()
            ));
        }
    }
    for (i, c) in [CrossCutting::Outreach, CrossCutting::Inspection]
        .into_iter()
        .enumerate()
    {
        if !seen_cross[i] {
            warnings.push(format!(
                "Không tìm thấy phần “{}” trong kế hoạch.",
                c.label()
            ));
        }
    }
    let dimensions = dims
        .into_iter()
        .map(|(d, heading, items)| ImportedDimension {
            dimension: d,
            heading,
            items: coded(ItemKind::Content(d), items, &mut unplaced, warnings),
        })
        .collect();
    let cross_cutting = cross
        .into_iter()
        .map(|(c, items)| ImportedCrossCutting {
            kind: c,
            items: coded(ItemKind::CrossCutting(c), items, &mut unplaced, warnings),
        })
        .collect();
    if !unplaced.is_empty() {
        warnings.push(format!(
            "Có {} đoạn giống nội dung, nhiệm vụ nhưng không xếp được vào lĩnh vực hay phần nào; \
             đã giữ lại trong danh sách “chưa xếp được”.",
            unplaced.len()
        ));
    }
    Found {
        dimensions,
        cross_cutting,
        unplaced,
    }
}

/// Gives items their codes in Vietnamese letter order (a b c d đ e g …).
fn coded(
    kind: ItemKind,
    items: Vec<ImportedItem>,
    unplaced: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Vec<ImportedItem> {
    let mut out = Vec::new();
    for (i, mut item) in items.into_iter().enumerate() {
        match item_letter(i) {
            Some(letter) => {
                item.code = item_code(kind, letter);
                out.push(item);
            }
            None => {
                warnings.push(format!(
                    "Quá nhiều nội dung trong một phần; bỏ qua: “{}”",
                    short(&item.text)
                ));
                unplaced.push(item.text);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_forms() {
        assert_eq!(split_numbering("a) Làm"), (Some(Num::Letter), "Làm"));
        assert_eq!(split_numbering("đ) Làm"), (Some(Num::Letter), "Làm"));
        assert_eq!(split_numbering("(1) Làm"), (Some(Num::Paren), "Làm"));
        assert_eq!(
            split_numbering("II. NỘI DUNG"),
            (Some(Num::Roman), "NỘI DUNG")
        );
        assert_eq!(
            split_numbering("1.1. Nội dung"),
            (Some(Num::Arabic(vec![1, 1])), "Nội dung")
        );
        assert_eq!(
            split_numbering("1.3 Nội dung"),
            (Some(Num::Arabic(vec![1, 3])), "Nội dung")
        );
        assert_eq!(
            split_numbering("6 tháng đầu năm"),
            (None, "6 tháng đầu năm")
        );
        assert_eq!(split_numbering("10/7/2025"), (None, "10/7/2025"));
        assert_eq!(split_numbering("Ủy ban"), (None, "Ủy ban"));
    }

    #[test]
    fn inline_tasks_split() {
        assert_eq!(
            split_inline("(1) Họp dân; (2) Công khai (theo quy định); (3) Báo cáo."),
            vec!["Họp dân", "Công khai (theo quy định)", "Báo cáo."]
        );
        assert_eq!(
            split_inline("a) Giải quyết đúng hạn; b) Niêm yết thủ tục; và c) Khảo sát."),
            vec!["Giải quyết đúng hạn", "Niêm yết thủ tục", "Khảo sát."]
        );
        // No marks: one task; a "b)" inside a word or mid-sentence is no mark.
        assert_eq!(
            split_inline("Xử lý rác (mục b) của Điều 3)."),
            vec!["Xử lý rác (mục b) của Điều 3)."]
        );
        assert!(split_inline("  ").is_empty());
    }

    #[test]
    fn appendix_headings_end_the_narrative() {
        assert!(starts_appendix("PHỤ LỤC"));
        assert!(starts_appendix("**BIỂU TỔNG HỢP NHIỆM VỤ**"));
        assert!(!starts_appendix(
            "Tổ chức thực hiện đầy đủ các nhiệm vụ cụ thể tại Biểu Tổng hợp nhiệm vụ do xã chủ trì"
        ));
        assert!(!starts_appendix(
            "Nhiệm vụ, giải pháp cụ thể (Có Phụ lục kèm theo)"
        ));
    }

    #[test]
    fn page_split_joins_with_a_space() {
        let mut s = "lấy ý kiến của người dân".to_string();
        join_paragraph(&mut s, "đối với dự thảo.");
        assert_eq!(s, "lấy ý kiến của người dân đối với dự thảo.");
        let mut h = "Nâng cao chất lượng y tế".to_string();
        join_paragraph(&mut h, "Cải tiến quy trình.");
        assert_eq!(h, "Nâng cao chất lượng y tế\nCải tiến quy trình.");
    }
}

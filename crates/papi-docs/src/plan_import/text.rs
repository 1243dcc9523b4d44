//! Turns Markdown or plain text into clean lines: one per paragraph or heading, with its
//! heading level and boldness kept (they tell headings from body text) and the markup, portal
//! noise and typographic variants (`…`, non-breaking spaces) removed so that a DOCX and the
//! Markdown it came from read the same.

use papi_core::text::fold;

#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Clean text, markup removed, whitespace collapsed.
    pub text: String,
    /// `text` folded (lower case, no diacritics, `đ` → `d`).
    pub folded: String,
    /// Markdown heading level (`#` = 1).
    pub level: Option<u8>,
    /// The whole line was bold.
    pub bold: bool,
    /// For a table cell: the index of its row in the rows [`lines_and_rows`] returns.
    pub row: Option<usize>,
}

/// A table row (Markdown pipe row, or a DOCX `w:tbl` row written as one): its cells cleaned,
/// empty cells kept so the columns line up.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// Rows of one table share this number (a line outside a table starts a new one).
    pub table: usize,
    pub cells: Vec<String>,
}

impl Line {
    /// Written like a heading: a Markdown heading, bold, or in capitals.
    pub fn strong(&self) -> bool {
        self.level.is_some() || self.bold || is_caps(&self.text)
    }

    pub fn len(&self) -> usize {
        self.folded.chars().count()
    }
}

/// All letters are capitals (and there are at least a few).
pub(crate) fn is_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4 && letters.iter().all(|c| !c.is_lowercase())
}

#[cfg(test)]
pub(crate) fn lines(input: &str) -> Vec<Line> {
    lines_and_rows(input).0
}

/// The clean lines, and the table rows their cells came from.
pub(crate) fn lines_and_rows(input: &str) -> (Vec<Line>, Vec<Row>) {
    let normalised = input
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\u{2026}', "...")
        .replace(['\u{a0}', '\t', '\u{2007}', '\u{202f}'], " ")
        .replace(['\u{200b}', '\u{feff}'], "");
    let mut out = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut table = 0;
    let mut in_table = false;
    for raw in normalised.lines() {
        let raw = raw.trim();
        if !raw.starts_with('|') && !raw.is_empty() && in_table {
            in_table = false;
            table += 1;
        }
        if let Some(after) = raw.strip_prefix('|') {
            in_table = true;
            // A Markdown table row: each cell is a line of its own, and the row is kept whole.
            let inner = after.strip_suffix('|').unwrap_or(after);
            let cells: Vec<&str> = inner.split('|').collect();
            if cells
                .iter()
                .all(|c| c.trim().chars().all(|c| "-: ".contains(c)))
            {
                continue; // the header separator `|---|:--|`
            }
            let at = rows.len();
            rows.push(Row {
                table,
                cells: cells.iter().map(|c| clean_inline(c.trim())).collect(),
            });
            let first = out.len();
            for cell in cells {
                push_line(&mut out, cell);
            }
            for l in &mut out[first..] {
                l.row = Some(at);
            }
        } else {
            push_line(&mut out, raw);
        }
    }
    (out, rows)
}

fn push_line(out: &mut Vec<Line>, raw: &str) {
    let mut s = raw.trim().trim_end_matches('\\').trim();
    if s.is_empty() || is_rule(s) {
        return;
    }
    let mut level = None;
    let hashes = s.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && s[hashes..].chars().next().is_none_or(|c| c == ' ') {
        level = Some(hashes as u8);
        s = s[hashes..].trim().trim_end_matches('#').trim();
    }
    let s = s.strip_prefix("> ").unwrap_or(s);
    let bold = (s.starts_with("**") && s.ends_with("**") && s.len() > 4)
        || (s.starts_with("__") && s.ends_with("__") && s.len() > 4);
    let text = clean_inline(s);
    if text.is_empty() {
        return;
    }
    let folded = fold(&text);
    if is_noise(&folded) {
        return;
    }
    out.push(Line {
        text,
        folded,
        level,
        bold,
        row: None,
    });
}

/// A horizontal rule or a separator line (`---`, `***`, `___`, `===`).
fn is_rule(s: &str) -> bool {
    s.len() >= 3 && s.chars().all(|c| "-*_=~ ".contains(c))
}

/// Removes emphasis markers, link and image syntax and backslash escapes; collapses spaces.
fn clean_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '*' => {}
            '_' if i + 1 < chars.len() && chars[i + 1] == '_' => i += 1,
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                out.push(chars[i + 1]);
                i += 1;
            }
            '!' if chars.get(i + 1) == Some(&'[') => {
                // An image: drop it whole.
                if let Some(end) = link_end(&chars, i + 1) {
                    i = end;
                } else {
                    out.push(c);
                }
            }
            '[' => {
                if let Some(end) = link_end(&chars, i) {
                    let label_end = chars[i..].iter().position(|&c| c == ']').unwrap_or(0) + i;
                    out.extend(&chars[i + 1..label_end]);
                    i = end;
                } else {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// For `[label](target)` starting at `start`, the index of the closing `)`.
fn link_end(chars: &[char], start: usize) -> Option<usize> {
    let close = chars[start..].iter().position(|&c| c == ']')? + start;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = chars[close + 1..].iter().position(|&c| c == ')')? + close + 1;
    Some(end)
}

/// Lines that web portals add around a copied document.
fn is_noise(f: &str) -> bool {
    const EXACT: [&str; 35] = [
        "trang chu",
        "chia se",
        "in bai viet",
        "in trang",
        "ban in",
        "gui email",
        "gui bai viet",
        "facebook",
        "zalo",
        "twitter",
        "tin lien quan",
        "cac tin khac",
        "tro ve",
        "quay lai",
        "dau trang",
        "len dau trang",
        "gioi thieu",
        "tin tuc",
        "tin tuc - su kien",
        "su kien",
        "lien he",
        "hoi dap",
        "so do cong",
        "so do trang",
        "dang nhap",
        "tim kiem",
        "binh luan",
        "gui binh luan",
        "y kien ban doc",
        "xem them",
        "van ban chi dao dieu hanh",
        "email",
        "print",
        "in",
        "like",
    ];
    const PREFIX: [&str; 27] = [
        "luot xem",
        "so luot xem",
        "ngay dang",
        "cap nhat luc",
        "co chu",
        "http://",
        "https://",
        "www.",
        "tai ve",
        "so luot truy cap",
        "tong luot truy cap",
        "luot truy cap",
        "dang truy cap",
        "dang online",
        "hom nay:",
        "ban quyen",
        "copyright",
        "©",
        "co quan chu quan",
        "chiu trach nhiem chinh",
        "giay phep",
        "thiet ke boi",
        "dia chi:",
        "dien thoai:",
        "email:",
        "nguon:",
        "tac gia:",
    ];
    let t = f.trim_matches(|c: char| !c.is_alphanumeric());
    if EXACT.contains(&t) || PREFIX.iter().any(|p| f.starts_with(p)) {
        return true;
    }
    // Breadcrumbs: "Trang chủ > Văn bản > …", "Trang chủ / Tin tức".
    if f.starts_with("trang chu") && f.chars().count() < 160 {
        return true;
    }
    // A menu copied as one line: "Giới thiệu | Tin tức | Văn bản | Liên hệ".
    let segments: Vec<&str> = f.split(['|', '»', '›']).collect();
    if segments.len() >= 3 && segments.iter().all(|s| s.split_whitespace().count() <= 4) {
        return true;
    }
    // A line that is only a URL, or a short line built around one.
    let has_url = f.contains("http://") || f.contains("https://");
    has_url && f.split_whitespace().count() <= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_bold_and_markup() {
        let l = lines("#### **4. Kiểm tra, giám sát**\n\n**KẾ HOẠCH**  \nvăn *nghiêng*…\\");
        assert_eq!(l.len(), 3);
        assert_eq!(l[0].level, Some(4));
        assert!(l[0].bold);
        assert_eq!(l[0].text, "4. Kiểm tra, giám sát");
        assert!(l[1].bold && l[1].strong());
        assert_eq!(l[2].text, "văn nghiêng...");
        assert!(!l[2].strong());
    }

    #[test]
    fn portal_noise_is_dropped() {
        let l = lines(
            "Trang chủ > Văn bản\nChia sẻ\nLượt xem: 123\nhttps://x.gov.vn/a\nIn bài viết\nNội dung",
        );
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].text, "Nội dung");
    }

    #[test]
    fn links_keep_their_label() {
        let l = lines("Xem [Nghị định 42](https://x.vn/nd42) và ![ảnh](a.png) tiếp");
        assert_eq!(l[0].text, "Xem Nghị định 42 và tiếp");
    }
}

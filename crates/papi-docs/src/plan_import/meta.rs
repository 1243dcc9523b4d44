//! The plan's identity: số/ký hiệu, issue date, title and year. Plans wrapped in their issuing
//! decision carry two headers; the plan's own wins, the decision's is the fallback.

use chrono::{Datelike, NaiveDate};

use super::text::Line;

pub(crate) struct Meta {
    pub number: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub year: Option<i32>,
    pub title: String,
}

pub(crate) fn find(lines: &[Line], warnings: &mut Vec<String>) -> Meta {
    let title_at = plan_title_line(lines);
    let header_end = title_at.unwrap_or(lines.len());
    // In a decision-wrapped plan, the plan's own header comes after the decision's articles.
    let own_start = lines[..header_end]
        .iter()
        .rposition(|l| is_article(&l.folded))
        .map_or(0, |i| i + 1);
    let wrapped = own_start > 0;

    let numbers: Vec<(usize, String)> = lines[..header_end]
        .iter()
        .enumerate()
        .filter_map(|(i, l)| doc_number(l).map(|n| (i, n)))
        .collect();
    let own_number = numbers
        .iter()
        .rev()
        .find(|(i, n)| *i >= own_start && is_plan_number(n))
        .or_else(|| numbers.iter().rev().find(|(i, _)| *i >= own_start));
    let number = match own_number {
        Some((_, n)) => Some(n.clone()),
        None => match numbers.first() {
            Some((_, n)) => {
                warnings.push(format!(
                    "Kế hoạch không ghi số/ký hiệu riêng; dùng số của văn bản ban hành “{n}”."
                ));
                Some(n.clone())
            }
            None => {
                warnings.push("Không xác định được số hiệu kế hoạch (dòng “Số: …/KH-…”).".into());
                None
            }
        },
    };

    let dates: Vec<(usize, NaiveDate)> = lines[..header_end]
        .iter()
        .enumerate()
        .filter_map(|(i, l)| header_date(l).map(|d| (i, d)))
        .collect();
    let issued_on = match dates.iter().rev().find(|(i, _)| *i >= own_start) {
        Some((_, d)) => Some(*d),
        None => match dates.first() {
            Some((_, d)) => {
                if wrapped {
                    warnings.push(format!(
                        "Kế hoạch không ghi ngày ban hành riêng; dùng ngày của quyết định ban hành ({}).",
                        d.format("%d/%m/%Y")
                    ));
                }
                Some(*d)
            }
            None => {
                warnings.push(
                    "Không xác định được ngày ban hành (dòng “…, ngày … tháng … năm …”).".into(),
                );
                None
            }
        },
    };

    let title = title_at.map(|t| title_text(lines, t)).unwrap_or_default();
    if title.is_empty() {
        warnings.push("Không tìm thấy tên kế hoạch (dòng “KẾ HOẠCH” và tiêu đề sau nó).".into());
    }
    let year = issued_on.map(|d| d.year()).or_else(|| year_in(&title));
    Meta {
        number,
        issued_on,
        year,
        title,
    }
}

/// "Điều 1. …" — an article of the issuing decision.
fn is_article(folded: &str) -> bool {
    folded
        .strip_prefix("dieu ")
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

/// The "KẾ HOẠCH" line that opens the plan proper.
fn plan_title_line(lines: &[Line]) -> Option<usize> {
    let bare = |l: &Line| l.folded.trim_end_matches(['.', ':']) == "ke hoach";
    lines.iter().position(bare).or_else(|| {
        lines.iter().position(|l| {
            l.folded.starts_with("ke hoach ")
                && l.len() < 200
                && l.strong()
                && !is_article(&l.folded)
        })
    })
}

/// The title: what follows "KẾ HOẠCH" on its line and the bold/heading lines after it; for a
/// plain-text plan, the short lines up to the first body paragraph.
fn title_text(lines: &[Line], at: usize) -> String {
    let mut parts = Vec::new();
    let first = &lines[at];
    let rest = first.text.splitn(3, ' ').nth(2).unwrap_or("").trim();
    if !rest.is_empty() {
        parts.push(rest.to_string());
    }
    let styled = lines.get(at + 1).is_some_and(|l| l.strong());
    for l in lines.iter().skip(at + 1).take(4) {
        let body = l.folded.starts_with("can cu")
            || l.folded.starts_with('(')
            || (l.folded.starts_with("thuc hien") && !parts.is_empty())
            || super::sections::split_numbering(&l.text).0.is_some()
            || l.text.ends_with(':')
            || l.len() > 200;
        if body || (styled && !l.strong()) || (!styled && parts.len() >= 2) {
            break;
        }
        parts.push(l.text.clone());
    }
    parts
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Số: 10 /KH - UBND` → `10/KH-UBND`.
fn doc_number(line: &Line) -> Option<String> {
    if line.len() > 120 {
        return None;
    }
    let f = &line.folded;
    let rest = f.strip_prefix("so")?.trim_start_matches([' ', ':', '.']);
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let t = line.text.as_str();
    let after = &t[t.find(|c: char| c.is_ascii_digit())?..];
    let mut number = String::new();
    for token in after.split_whitespace() {
        let ok = token
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_uppercase() || "/-.–".contains(c));
        if !ok {
            break;
        }
        number.push_str(&token.replace('–', "-"));
    }
    let number = number.trim_end_matches(['.', '-']).to_string();
    let (n, sym) = number.split_once('/')?;
    (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && !sym.is_empty()).then_some(number)
}

fn is_plan_number(n: &str) -> bool {
    n.split_once('/').is_some_and(|(_, s)| s.starts_with("KH"))
}

/// "Lương Tài, ngày 16 tháng 01 năm 2025" (a header line, not a "Căn cứ …" citation).
fn header_date(line: &Line) -> Option<NaiveDate> {
    let f = &line.folded;
    if line.len() > 100 || f.starts_with("can cu") || f.starts_with('(') {
        return None;
    }
    // "Lương Tài, ngày 16 tháng 01 năm 2025", "Lương Tài, 16/01/2025", "ngày 16/1/2025".
    let rest = match f.find(',') {
        Some(comma) if !f.starts_with("ngay ") => f[comma + 1..].trim_start(),
        _ => f.as_str(),
    };
    if let Some(d) = rest
        .strip_prefix("ngay ")
        .is_some()
        .then(|| date_words(rest))
        .flatten()
    {
        return Some(d);
    }
    let numeric = rest.strip_prefix("ngay ").unwrap_or(rest).trim_start();
    if !numeric.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let token: String = numeric
        .chars()
        .take_while(|c| c.is_ascii_digit() || "/-.".contains(*c))
        .collect();
    let token = token.trim_end_matches(['/', '-', '.']);
    let sep = token.chars().find(|c| "/-.".contains(*c))?;
    let parts: Vec<&str> = token.split(sep).collect();
    match parts.as_slice() {
        [d, m, y] if y.len() == 4 => {
            let n = |x: &str| x.parse::<u32>().ok();
            NaiveDate::from_ymd_opt(n(y)? as i32, n(m)?, n(d)?)
        }
        _ => None,
    }
}

/// "ngay 16 thang 01 nam 2025" (folded) at the start of `s`.
pub(crate) fn date_words(s: &str) -> Option<NaiveDate> {
    let w: Vec<&str> = s.split_whitespace().take(6).collect();
    match w.as_slice() {
        ["ngay", d, "thang", m, "nam", y] => {
            let num = |x: &str| {
                x.trim_matches(|c: char| !c.is_ascii_digit())
                    .parse::<u32>()
                    .ok()
            };
            NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)
        }
        _ => None,
    }
}

/// The last plausible year ("năm 2025") written in `s`.
fn year_in(s: &str) -> Option<i32> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .rfind(|y| (1990..=2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::super::text::lines;
    use super::*;

    #[test]
    fn numbers_are_normalised() {
        let l = lines(
            "Số: 10 /KH - UBND\nSố 25/QĐ-UBND Lương Tài, ngày 1 tháng 2 năm 2025\nSố liệu 2024",
        );
        assert_eq!(doc_number(&l[0]).as_deref(), Some("10/KH-UBND"));
        assert_eq!(doc_number(&l[1]).as_deref(), Some("25/QĐ-UBND"));
        assert_eq!(doc_number(&l[2]), None);
    }

    #[test]
    fn header_dates() {
        let l = lines("Lương Tài, ngày 16 tháng 01 năm 2025\nCăn cứ Luật ngày 19 tháng 6 năm 2015");
        assert_eq!(header_date(&l[0]), NaiveDate::from_ymd_opt(2025, 1, 16));
        assert_eq!(header_date(&l[1]), None);
        let d = NaiveDate::from_ymd_opt(2025, 1, 16);
        for written in [
            "Lương Tài, ngày  16  tháng 1 năm 2025",
            "Lương Tài, 16/01/2025",
            "Lương Tài, ngày 16-01-2025",
            "Lương Tài, 16.01.2025",
            "ngày 16/1/2025",
            "Ngày 16 tháng 01 năm 2025",
        ] {
            assert_eq!(header_date(&lines(written)[0]), d, "{written}");
        }
        // A comma then a number that is no date, or a list of figures.
        assert_eq!(header_date(&lines("Thôn 3, 12 hộ")[0]), None);
        assert_eq!(header_date(&lines("Tổng số: 1.204")[0]), None);
    }
}

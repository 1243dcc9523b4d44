//! Reporting periods ("6 tháng đầu năm trước ngày 10/7/2025 (… từ ngày 01/01/2025 đến ngày
//! 30/6/2025)") and the deadline for the units' own plans ("chậm nhất 15 ngày làm việc"),
//! read from the plan's running text.

use chrono::{Datelike, NaiveDate};
use papi_core::task::parse_date;

use super::text::Line;
use super::{PeriodKind, PlannedPeriod};

/// Phrases that open the statement of one report, by kind; a quarter carries its number.
fn anchors(f: &str) -> Vec<(usize, PeriodKind, u32)> {
    const HALF: [&str; 7] = [
        "6 thang dau nam",
        "sau thang dau nam",
        "bao cao 6 thang",
        "so ket 6 thang",
        "thuc hien 6 thang",
        "ket qua 6 thang",
        "06 thang",
    ];
    const ANNUAL: [&str; 7] = [
        "bao cao nam",
        "bao cao ca nam",
        "bao cao tong ket nam",
        "tong ket nam",
        "thuc hien nam",
        "ket qua nam",
        "thuc hien ca nam",
    ];
    const QUARTERS: [(&str, u32); 8] = [
        ("quy iv", 4),
        ("quy iii", 3),
        ("quy ii", 2),
        ("quy i", 1),
        ("quy 1", 1),
        ("quy 2", 2),
        ("quy 3", 3),
        ("quy 4", 4),
    ];
    let mut out = Vec::new();
    let mut add = |pat: &str, kind, q| {
        let mut from = 0;
        while let Some(i) = f[from..].find(pat) {
            let at = from + i;
            // Whole words only: "quy i" must not match inside "quy iii" twice.
            let end = at + pat.len();
            let word_end = f[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if word_end && !out.iter().any(|(p, _, _)| *p == at) {
                out.push((at, kind, q));
            }
            from = end;
        }
    };
    for p in HALF {
        add(p, PeriodKind::HalfYear, 0);
    }
    for p in ANNUAL {
        add(p, PeriodKind::Annual, 0);
    }
    for (p, q) in QUARTERS {
        add(p, PeriodKind::Quarter, q);
    }
    out.sort_by_key(|a| a.0);
    out
}

/// The dates written in `s` (`d/m/yyyy`, `d/m`, or "ngày d tháng m năm yyyy"), with the byte
/// offset where each starts and whether its year was written.
fn dates(s: &str, year: i32) -> Vec<(usize, NaiveDate, bool)> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
            let end = s[i..]
                .find(|c: char| !(c.is_ascii_digit() || "/-.".contains(c)))
                .map_or(s.len(), |e| i + e);
            let token = s[i..end].trim_end_matches(['/', '-', '.']);
            if let Some(d) = numeric_date(token, year) {
                out.push((i, d.0, d.1));
            }
            i = end.max(i + 1);
            continue;
        }
        if s[i..].starts_with("ngay ") {
            if let Some(d) = super::meta::date_words(&s[i..]) {
                out.push((i, d, true));
            }
        }
        i += 1;
        while i < bytes.len() && !s.is_char_boundary(i) {
            i += 1;
        }
    }
    out
}

/// `16/01/2025`, `16-01-2025`, `16.01.2025`, or `10/7` (the year guessed): the date and whether
/// its year was written. A day and month alone need `/`, so "1.2" numbering is no date.
fn numeric_date(token: &str, year: i32) -> Option<(NaiveDate, bool)> {
    let sep = token.chars().find(|c| "/-.".contains(*c))?;
    let parts: Vec<&str> = token.split(sep).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    match parts.as_slice() {
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
            Some((parse_date(&format!("{d}/{m}/{y}"), year)?, true))
        }
        [d, m] if sep == '/' => Some((parse_date(&format!("{d}/{m}"), year)?, false)),
        _ => None,
    }
}

/// The first date with its year written in folded text `s` (numeric or in words).
pub(crate) fn first_full_date(s: &str) -> Option<NaiveDate> {
    dates(s, 2000)
        .into_iter()
        .find(|(_, _, has_year)| *has_year)
        .map(|(_, d, _)| d)
}

pub(crate) fn reporting_periods(
    lines: &[Line],
    year: Option<i32>,
    warnings: &mut Vec<String>,
) -> Vec<PlannedPeriod> {
    let mut out: Vec<PlannedPeriod> = Vec::new();
    for line in lines {
        let f = &line.folded;
        if !f.contains("truoc") && !f.contains("cham nhat") && !f.contains("han ") {
            continue;
        }
        let found = anchors(f);
        for (k, &(at, kind, q)) in found.iter().enumerate() {
            let end = found
                .get(k + 1)
                .map_or(f.len(), |n| n.0)
                .min(at + 320)
                .min(f.len());
            let mut end = end;
            while !f.is_char_boundary(end) {
                end -= 1;
            }
            let window = &f[at..end];
            if let Some(p) = period_in(window, kind, q, year) {
                if !out.iter().any(|o| o.kind == p.kind && o.to == p.to) {
                    out.push(p);
                }
            }
        }
    }
    if out.is_empty() {
        warnings.push("Không tìm thấy kỳ báo cáo (6 tháng, năm) và hạn gửi báo cáo.".into());
    }
    out
}

/// Reads the due date ("trước ngày …") and data window ("từ ngày … đến ngày …") of one report.
fn period_in(w: &str, kind: PeriodKind, q: u32, year: Option<i32>) -> Option<PlannedPeriod> {
    let guess = year.unwrap_or(2025);
    let ds = dates(w, guess);
    let before = |i: usize, words: &[&str]| {
        let start = i.saturating_sub(14);
        let mut s = start;
        while !w.is_char_boundary(s) {
            s -= 1;
        }
        words.iter().any(|x| w[s..i].contains(x))
    };
    let &(_, due, due_has_year) = ds
        .iter()
        .find(|(i, _, _)| before(*i, &["truoc", "cham nhat", "thoi han", "han chot"]))?;
    let from = ds
        .iter()
        .find(|(i, _, _)| before(*i, &[" tu "]))
        .map(|x| x.1);
    let to = ds
        .iter()
        .find(|(i, _, _)| before(*i, &[" den "]))
        .map(|x| x.1);
    let y = from.map_or(
        year.unwrap_or(if kind == PeriodKind::Annual {
            due.year() - 1
        } else {
            due.year()
        }),
        |d| d.year(),
    );
    let ymd = |m, d| NaiveDate::from_ymd_opt(y, m, d);
    let (dfrom, dto) = match kind {
        PeriodKind::HalfYear => (ymd(1, 1)?, ymd(6, 30)?),
        PeriodKind::Annual => (ymd(1, 1)?, ymd(12, 31)?),
        PeriodKind::Quarter => {
            let first = ymd(q * 3 - 2, 1)?;
            let next = if q == 4 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?
            } else {
                ymd(q * 3 + 1, 1)?
            };
            (first, next.pred_opt()?)
        }
        // Plans state regular periods only; an ad-hoc report is added by the office.
        PeriodKind::AdHoc => return None,
    };
    let from = from.unwrap_or(dfrom);
    let to = to.unwrap_or(dto);
    // "trước 10/01" with no year, for the annual report: the year after the data window.
    let due = if due < to && !due_has_year {
        NaiveDate::from_ymd_opt(due.year() + 1, due.month(), due.day()).unwrap_or(due)
    } else {
        due
    };
    (from <= to).then_some(PlannedPeriod {
        kind,
        from,
        to,
        due,
    })
}

/// "chậm nhất 15 ngày làm việc" → 15.
pub(crate) fn unit_plan_days(lines: &[Line]) -> Option<u32> {
    for line in lines {
        let f = &line.folded;
        // About the units' plans, not some other time limit in the text.
        let Some(at) = f.find(" ngay lam viec").filter(|_| f.contains("ke hoach")) else {
            continue;
        };
        let head = &f[..at];
        let n: String = head
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let lead = head[..head.len() - n.len()].trim_end();
        if [
            "cham nhat",
            "trong vong",
            "trong thoi han",
            "trong thoi gian",
        ]
        .iter()
        .any(|w| lead.ends_with(w))
        {
            if let Ok(n) = n.parse() {
                return Some(n);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::text::lines;
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn seed_sentence() {
        let l = lines("Báo cáo gửi về Văn phòng UBND xã: 6 tháng đầu năm trước ngày 10/7/2025 (thời gian chốt số liệu tính từ ngày 01/01/2025 đến ngày 30/6/2025); báo cáo năm trước 10/01/2026 (thời gian chốt số liệu tính từ ngày 01/01/2025 đến ngày 31/12/2025).");
        let mut w = Vec::new();
        let p = reporting_periods(&l, Some(2025), &mut w);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(
            (p[0].kind, p[0].from, p[0].to, p[0].due),
            (
                PeriodKind::HalfYear,
                d(2025, 1, 1),
                d(2025, 6, 30),
                d(2025, 7, 10)
            )
        );
        assert_eq!(
            (p[1].kind, p[1].from, p[1].to, p[1].due),
            (
                PeriodKind::Annual,
                d(2025, 1, 1),
                d(2025, 12, 31),
                d(2026, 1, 10)
            )
        );
    }

    #[test]
    fn quarters_and_missing_years() {
        let l = lines("Báo cáo quý I trước ngày 10/4; báo cáo năm trước ngày 10/01.");
        let mut w = Vec::new();
        let p = reporting_periods(&l, Some(2025), &mut w);
        assert_eq!(p[0].kind, PeriodKind::Quarter);
        assert_eq!(
            (p[0].from, p[0].to, p[0].due),
            (d(2025, 1, 1), d(2025, 3, 31), d(2025, 4, 10))
        );
        assert_eq!((p[1].to, p[1].due), (d(2025, 12, 31), d(2026, 1, 10)));
    }

    #[test]
    fn working_days() {
        let l = lines(
            "- Thời điểm ban hành Kế hoạch chậm nhất 15 ngày làm việc sau thời gian ban hành",
        );
        assert_eq!(unit_plan_days(&l), Some(15));
        assert_eq!(
            unit_plan_days(&lines("Kế hoạch: mất 3 ngày làm việc")),
            None
        );
        assert_eq!(
            unit_plan_days(&lines("phân loại trong 1 ngày làm việc")),
            None
        );
    }
}

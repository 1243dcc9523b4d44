//! The documents `papi` writes for officials to sign, built from plain data a caller fills
//! from the store: the commune plan regenerated with its task appendix, a unit's sub-plan, the
//! commune's half-year / annual report with computed figures, a unit's report — as
//! [`crate::decree30::Document`]s for [`crate::decree30::write_docx`] — and XLSX tables (the
//! compliance table, the report's figures).

mod plan_docx;
mod report_docx;
mod xlsx;

use chrono::NaiveDate;
use papi_core::TaskStatus;

use crate::decree30::{Document, Signature};

pub use plan_docx::{
    plan_document, unit_plan_document, OrgDuty, PlanDimension, PlanDocData, ReportingDate,
    UnitPlanData, UnitPlanLine,
};
pub use report_docx::{
    commune_report_document, figure_headings, figure_rows, late_heading, unit_report_document,
    CommuneReportData, DimensionReport, Figure, FigureRow, Projection, ReportKind, ReportSection,
    SubmissionState, TaskResult, UnitReportData, UnitSubmission, UnitTaskReport,
};
pub use xlsx::{compliance_xlsx, report_figures_xlsx, report_tasks_xlsx, write_xlsx_table, Cell};

/// Who issues and signs a document, and who receives it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Letterhead {
    /// `UBND TỈNH HƯNG YÊN`, or for a unit `UBND XÃ LƯƠNG TÀI`; may be empty.
    pub issuer_parent: String,
    /// `ỦY BAN NHÂN DÂN XÃ LƯƠNG TÀI`, or for a unit `CÔNG AN XÃ`.
    pub issuer: String,
    /// How the issuer names itself in running text: `UBND xã Lương Tài`, `Công an xã`.
    pub issuer_short: String,
    /// Địa danh of the date line: `Lương Tài`.
    pub place: String,
    pub recipients: Vec<String>,
    pub signature: Signature,
}

/// Done / in progress / late / cancelled among some tasks — the numbers a report prints,
/// computed from the tasks, never typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportTally {
    pub total: usize,
    pub done: usize,
    /// Not done, not past due (including not yet started).
    pub in_progress: usize,
    /// Not done and past due.
    pub late: usize,
    pub cancelled: usize,
}

impl ReportTally {
    pub fn add(&mut self, status: TaskStatus, late: bool) {
        self.total += 1;
        match status {
            TaskStatus::Done => self.done += 1,
            TaskStatus::Cancelled => self.cancelled += 1,
            _ if late => self.late += 1,
            _ => self.in_progress += 1,
        }
    }

    pub fn merge(&mut self, other: ReportTally) {
        self.total += other.total;
        self.done += other.done;
        self.in_progress += other.in_progress;
        self.late += other.late;
        self.cancelled += other.cancelled;
    }

    /// Share done among the tasks not cancelled, in percent (0 when there are none).
    pub fn done_percent(&self) -> f64 {
        let base = self.total - self.cancelled;
        if base == 0 {
            0.0
        } else {
            (self.done as f64 * 1000.0 / base as f64).round() / 10.0
        }
    }
}

/// `dd/mm/yyyy`.
pub(crate) fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A number as Vietnamese print writes it: `1.234`, `85,5`.
pub fn vi_number(v: f64) -> String {
    let neg = v < 0.0;
    let v = v.abs();
    let rounded = (v * 10.0).round() / 10.0;
    let int = rounded.trunc() as u64;
    let tenth = ((rounded - rounded.trunc()) * 10.0).round() as u64;
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if neg && (int > 0 || tenth > 0) {
        "-"
    } else {
        ""
    };
    if tenth == 0 {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{tenth}")
    }
}

/// Words that begin a name when capitalised: a legal document, a body, a service. A fragment
/// starting with one keeps its capital when joined into a sentence.
const NAME_STARTS: [&str; 16] = [
    "Nghị", "Luật", "Thông", "Hiến", "Chỉ", "Quyết", "Chính", "Quốc", "Đảng", "Nhà", "Mặt", "Hội",
    "Ủy", "Zalo", "Facebook", "Cổng",
];

/// The fragment on one line with its first letter in lower case ("Nâng cao …" → "nâng cao
/// …") for running text — unless its first word is an abbreviation or begins a name
/// ("UBND xã", "PAPI", "Nghị định 42/2022/NĐ-CP", "Hưng Yên", "Zalo"), which keep their
/// capitals. Only the first letter ever changes.
pub(crate) fn lower_first(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut words = s.split(' ');
    let first = words.next().unwrap_or("");
    let second = words.next().unwrap_or("");
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let keep = first.chars().skip(1).any(char::is_uppercase)
        || (capital(first) && capital(second))
        || NAME_STARTS.contains(&first.trim_matches(|c: char| !c.is_alphanumeric()));
    if keep {
        return s;
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The plan's title without its closing "năm 2025", so the period can follow it.
pub(crate) fn without_year(title: &str, year: i32) -> String {
    let suffix = format!(" năm {year}");
    title
        .strip_suffix(&suffix)
        .unwrap_or(title)
        .trim()
        .to_string()
}

/// Trimmed, with a full stop unless it ends in punctuation already (lines of a list).
pub(crate) fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() || s.ends_with(['.', ';', ':', '!', '?', ')']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// A document with the letterhead filled in and nothing else.
pub(crate) fn base_document(
    head: &Letterhead,
    number: &str,
    date: NaiveDate,
    kind_title: &str,
    subject: String,
) -> Document {
    Document {
        issuer_parent: head.issuer_parent.clone(),
        issuer: head.issuer.clone(),
        number: number.to_string(),
        place: head.place.clone(),
        date,
        kind_title: kind_title.to_string(),
        subject,
        recipients: head.recipients.clone(),
        signature: head.signature.clone(),
        ..Document::default()
    }
}

/// Roman numerals for top-level headings.
pub(crate) fn roman(n: usize) -> &'static str {
    const R: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    R.get(n.wrapping_sub(1)).copied().unwrap_or("X")
}

/// The letter of the `i`-th item: a, b, c, d, đ, e, …
pub(crate) fn letter(i: usize) -> String {
    papi_core::plan::item_letter(i)
        .map(str::to_string)
        .unwrap_or_else(|| format!("{}", i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_common_words_lose_their_capital() {
        assert_eq!(
            lower_first("Nâng cao hiệu quả  quản trị"),
            "nâng cao hiệu quả quản trị"
        );
        assert_eq!(lower_first("Tổng số 5 nhiệm vụ"), "tổng số 5 nhiệm vụ");
        for kept in [
            "UBND xã Lương Tài nâng cao chỉ số",
            "PAPI năm 2025",
            "Nghị định 42/2022/NĐ-CP về cung cấp dịch vụ công trực tuyến",
            "Hưng Yên",
            "Zalo của xã",
            "HĐND xã",
        ] {
            assert_eq!(lower_first(kept), kept);
        }
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(vi_number(1234.0), "1.234");
        assert_eq!(vi_number(85.46), "85,5");
        assert_eq!(vi_number(0.0), "0");
        assert_eq!(vi_number(1_000_000.0), "1.000.000");
    }

    #[test]
    fn tally_counts() {
        let mut t = ReportTally::default();
        t.add(TaskStatus::Done, true);
        t.add(TaskStatus::InProgress, true);
        t.add(TaskStatus::NotStarted, false);
        t.add(TaskStatus::Cancelled, false);
        assert_eq!(
            (t.total, t.done, t.late, t.in_progress, t.cancelled),
            (4, 1, 1, 1, 1)
        );
        assert_eq!(t.done_percent(), 33.3);
    }
}

//! The plain inputs shared by the residents'-voice documents, and the few phrases they all
//! print the same way (a person's line, a dated rule, a document reference).

use chrono::NaiveDate;

use crate::decree30::{Align, Document, Paragraph};
use crate::reports::{base_document, dmy, Letterhead};

/// A resident as a document names them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonOnPaper {
    pub name: String,
    pub address: String,
    /// Số định danh cá nhân / CCCD; empty when not given (required at reception from
    /// 01/07/2026, Luật Tiếp công dân Đ.25 k.1 as amended by Luật 136/2025).
    pub id_number: String,
}

impl PersonOnPaper {
    /// `Nguyễn Văn A (địa chỉ: …)`: name and address, what a notice or decision names
    /// (Luật Khiếu nại Đ.31 k.2 b). The identification number stays on the receipt.
    pub(crate) fn line(&self) -> String {
        let mut s = self.name.trim().to_string();
        if !self.address.trim().is_empty() {
            s.push_str(&format!(" (địa chỉ: {})", self.address.trim()));
        }
        s
    }

    /// `Nguyễn Văn A; địa chỉ: …; số định danh cá nhân: …` — for the receipt, which the
    /// person keeps.
    pub(crate) fn line_with_id(&self) -> String {
        let mut s = self.name.trim().to_string();
        if !self.address.trim().is_empty() {
            s.push_str(&format!("; địa chỉ: {}", self.address.trim()));
        }
        if !self.id_number.trim().is_empty() {
            s.push_str(&format!(
                "; số định danh cá nhân: {}",
                self.id_number.trim()
            ));
        }
        s
    }
}

/// What kind of matter a letter is (the law handles each differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatterKind {
    /// Phản ánh, kiến nghị.
    #[default]
    Feedback,
    /// Khiếu nại lần đầu.
    ComplaintFirst,
    /// Khiếu nại lần hai.
    ComplaintSecond,
    /// Tố cáo.
    Denunciation,
}

impl MatterKind {
    /// The matter in running text: `phản ánh, kiến nghị`, `khiếu nại lần đầu`, …
    pub fn label(self) -> &'static str {
        match self {
            MatterKind::Feedback => "phản ánh, kiến nghị",
            MatterKind::ComplaintFirst => "khiếu nại lần đầu",
            MatterKind::ComplaintSecond => "khiếu nại lần hai",
            MatterKind::Denunciation => "tố cáo",
        }
    }

    /// The letter: `đơn phản ánh, kiến nghị`, `đơn khiếu nại`, `đơn tố cáo`.
    pub fn letter(self) -> &'static str {
        match self {
            MatterKind::Feedback => "đơn phản ánh, kiến nghị",
            MatterKind::ComplaintFirst | MatterKind::ComplaintSecond => "đơn khiếu nại",
            MatterKind::Denunciation => "đơn tố cáo",
        }
    }

    /// The person who brings it: `người phản ánh, kiến nghị`, `người khiếu nại`, `người tố cáo`.
    pub fn person(self) -> &'static str {
        match self {
            MatterKind::Feedback => "người phản ánh, kiến nghị",
            MatterKind::ComplaintFirst | MatterKind::ComplaintSecond => "người khiếu nại",
            MatterKind::Denunciation => "người tố cáo",
        }
    }

    pub fn is_complaint(self) -> bool {
        matches!(
            self,
            MatterKind::ComplaintFirst | MatterKind::ComplaintSecond
        )
    }
}

/// A matter as the documents cite it. For a denunciation the summary must describe the
/// conduct only: it is printed in documents the denounced person and other bodies read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MatterOnPaper {
    /// The tracking code (`PAKN.20260715.0003`).
    pub code: String,
    pub kind: MatterKind,
    pub received_on: NaiveDate,
    /// How it came: `trực tiếp tại nơi tiếp công dân`, `qua dịch vụ bưu chính`, …
    pub channel_label: String,
    pub summary: String,
}

/// A date computed by a statutory rule, printed with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RuleDate {
    pub date: NaiveDate,
    /// Rule id in the calendar's rules (`TCD-REPLY`).
    pub rule_id: String,
    /// `Luật Tiếp công dân 2013, Điều 28 khoản 1`.
    pub source: String,
    /// OK / SEC / SEC-U / UNCONF.
    pub status: String,
}

impl RuleDate {
    /// `17/07/2026 (theo Luật Tiếp công dân 2013, Điều 28 khoản 1)`. The rule id and status
    /// are for staff and the record, not for the resident's letter: only the source is printed.
    pub(crate) fn text(&self) -> String {
        if self.source.trim().is_empty() {
            dmy(self.date)
        } else {
            format!("{} (theo {})", dmy(self.date), self.source.trim())
        }
    }
}

/// A document cited by number and date (`Quyết định số 12/QĐ-UBND ngày 20/07/2026`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocRef {
    pub number: String,
    pub date: NaiveDate,
}

impl DocRef {
    /// `số 12/QĐ-UBND ngày 20/07/2026`.
    pub(crate) fn cite(&self) -> String {
        format!("số {} ngày {}", self.number.trim(), dmy(self.date))
    }
}

/// The official a resident can call.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactOnPaper {
    pub name: String,
    pub position: String,
    pub phone: String,
}

impl ContactOnPaper {
    pub(crate) fn line(&self) -> String {
        let mut s = format!("{}, {}", self.name.trim(), self.position.trim());
        if !self.phone.trim().is_empty() {
            s.push_str(&format!(", số điện thoại: {}", self.phone.trim()));
        }
        s
    }
}

/// The finding on one content of a complaint or denunciation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Finding {
    /// Đúng.
    Right,
    /// Đúng một phần.
    PartlyRight,
    /// Sai.
    #[default]
    Wrong,
}

impl Finding {
    pub fn label(self) -> &'static str {
        match self {
            Finding::Right => "đúng",
            Finding::PartlyRight => "đúng một phần",
            Finding::Wrong => "sai",
        }
    }
}

/// A document with the letterhead filled in.
pub(crate) fn start(
    head: &Letterhead,
    number: &str,
    date: NaiveDate,
    kind_title: &str,
    subject: &str,
) -> Document {
    base_document(head, number, date, kind_title, subject.to_string())
}

/// A decision of the chairman: the line naming who decides, the legal bases in italics and
/// `QUYẾT ĐỊNH:`. The chairman decides in their own name (Luật Khiếu nại Đ.17, Luật Tố cáo
/// Đ.13), so the signature carries no `TM.` line.
pub(crate) fn decision_preamble(doc: &mut Document, head: &Letterhead, bases: &[String]) {
    decision_head(doc, head, bases);
    doc.preamble.push(decides());
}

/// `QUYẾT ĐỊNH:`, centred and bold.
pub(crate) fn decides() -> Paragraph {
    Paragraph::default()
        .bold("QUYẾT ĐỊNH:")
        .aligned(Align::Center)
}

/// The head of a decision without `QUYẾT ĐỊNH:` (a complaint decision states its findings
/// first).
pub(crate) fn decision_head(doc: &mut Document, head: &Letterhead, bases: &[String]) {
    let issuer = head.issuer.split_whitespace().collect::<Vec<_>>().join(" ");
    let commune = issuer.strip_prefix("ỦY BAN NHÂN DÂN ").unwrap_or(&issuer);
    doc.preamble.push(
        Paragraph::default()
            .bold(format!("CHỦ TỊCH ỦY BAN NHÂN DÂN {commune}"))
            .aligned(Align::Center),
    );
    for b in bases {
        doc.preamble.push(Paragraph::italic_text(b.trim()));
    }
    doc.signature.authority.clear();
}

/// `Điều N. text` with the article label in bold.
pub(crate) fn article(n: usize, text: impl AsRef<str>) -> Paragraph {
    Paragraph::default()
        .bold(format!("Điều {n}. "))
        .plain(text.as_ref().trim())
}

/// One content of a complaint or denunciation and what was found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContentFinding {
    pub content: String,
    pub finding: Finding,
    /// Why (the facts and the rule that decide it).
    pub reason: String,
}

impl ContentFinding {
    /// `Nội dung “…”: tố cáo đúng một phần. …`
    pub(crate) fn line(&self, what: &str) -> String {
        format!(
            "Nội dung “{}”: {what} {}. {}",
            self.content.trim().trim_end_matches('.'),
            self.finding.label(),
            crate::reports::sentence(&self.reason)
        )
        .trim()
        .to_string()
    }
}

/// Items as a lettered list: `a) …;`, the last one ending in `.`.
pub(crate) fn lettered(items: &[String]) -> Vec<Paragraph> {
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let t = t.trim().trim_end_matches(['.', ';']);
            let end = if i + 1 == n { "." } else { ";" };
            Paragraph::text(format!("{}) {t}{end}", crate::reports::letter(i)))
        })
        .collect()
}

/// Reasons joined into one clause: `vụ việc phức tạp; cần trưng cầu giám định`.
pub(crate) fn joined_reasons(reasons: &[String]) -> String {
    reasons
        .iter()
        .map(|r| crate::reports::lower_first(r.trim().trim_end_matches(['.', ';'])))
        .filter(|r| !r.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

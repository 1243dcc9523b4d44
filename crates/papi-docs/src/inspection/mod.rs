//! Inspection documents: "Thông báo kết quả kiểm tra", the notice of a check's results that
//! the commune sends to the inspected unit and posts (Luật 10/2022/QH15 Điều 11 khoản 10), in
//! the Decree-30 layout. It names units and the inspection team as the record has them; the
//! caller decides what to pass.

mod checklist_form;

pub use checklist_form::{
    checklist_form, checklist_form_id, checklist_of_form, read_checklist, ChecklistAnswer,
    CHECKLIST_FORM_PREFIX,
};

use chrono::NaiveDate;

use crate::decree30::{Document, Paragraph, Section};
use crate::reports::{base_document, dmy, sentence, Letterhead};

/// One criterion of the checklist as the notice prints it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CriterionLine {
    pub text: String,
    /// `Đạt`, `Không đạt`, `Không áp dụng`.
    pub verdict: String,
    pub note: String,
}

/// One finding with its owner and deadline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FindingLine {
    pub text: String,
    pub owner: String,
    pub due: NaiveDate,
    /// Where it stands (`Đang khắc phục`, `Đã khắc phục, đã đóng`).
    pub status: String,
}

/// What the notice says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoticeData {
    pub head: Letterhead,
    pub number: String,
    pub date: NaiveDate,
    /// The inspected unit or village.
    pub target: String,
    /// `theo kế hoạch` or `đột xuất`.
    pub mode: String,
    /// What was checked (`Bộ phận một cửa`).
    pub subject: String,
    pub held_on: NaiveDate,
    pub inspector: String,
    pub criteria: Vec<CriterionLine>,
    pub conclusion: Vec<String>,
    pub findings: Vec<FindingLine>,
}

/// Thông báo kết quả kiểm tra.
pub fn notice(d: &NoticeData) -> Document {
    let mut doc = base_document(
        &d.head,
        &d.number,
        d.date,
        "THÔNG BÁO",
        format!(
            "Kết quả kiểm tra {} tại {}",
            d.subject.to_lowercase(),
            d.target
        ),
    );
    doc.preamble.push(Paragraph::text(format!(
        "Ngày {}, {} tiến hành kiểm tra {} ({}) đối với {}. Thành phần đoàn kiểm tra: {}.",
        dmy(d.held_on),
        d.head.issuer_short,
        d.subject.to_lowercase(),
        d.mode,
        d.target,
        d.inspector.trim().trim_end_matches('.')
    )));
    doc.preamble.push(Paragraph::text(format!(
        "{} thông báo kết quả kiểm tra như sau:",
        d.head.issuer_short
    )));
    let mut s1 = Section::new("1. Kết quả kiểm tra theo từng nội dung");
    for c in &d.criteria {
        let note = if c.note.trim().is_empty() {
            String::new()
        } else {
            format!(" ({})", c.note.trim().trim_end_matches('.'))
        };
        s1 = s1.para(Paragraph::dash(format!(
            "{}: {}{}.",
            c.text.trim().trim_end_matches('.'),
            c.verdict.to_lowercase(),
            note
        )));
    }
    doc.sections.push(s1);
    doc.sections.push(
        Section::new("2. Kết luận")
            .paras(d.conclusion.iter().map(|c| Paragraph::text(sentence(c)))),
    );
    let mut s3 = Section::new("3. Yêu cầu khắc phục");
    if d.findings.is_empty() {
        s3 = s3.para(Paragraph::text("Không có nội dung phải khắc phục."));
    }
    for f in &d.findings {
        s3 = s3.para(Paragraph::dash(format!(
            "{}: {}; thời hạn khắc phục: {}; tình trạng: {}.",
            f.owner.trim(),
            f.text.trim().trim_end_matches('.'),
            dmy(f.due),
            f.status.to_lowercase()
        )));
    }
    if !d.findings.is_empty() {
        s3 = s3.para(Paragraph::text(
            "Đơn vị chịu trách nhiệm báo cáo kết quả khắc phục trước thời hạn; Văn phòng HĐND và \
             UBND xã tái kiểm tra việc khắc phục.",
        ));
    }
    doc.sections.push(s3);
    doc.closing.push(Paragraph::text(
        "Kết quả kiểm tra được công khai theo khoản 10 Điều 11 Luật Thực hiện dân chủ ở cơ sở số \
         10/2022/QH15./.",
    ));
    doc.recipients = d.head.recipients.clone();
    doc
}

//! Kết luận nội dung tố cáo (Luật Tố cáo 2018 Đ.35 k.1: verification result, legal basis,
//! conclusion on each content, violations and responsibility, measures) and its published
//! version (Đ.40). The input has no field for the denouncer: the conclusion goes to the
//! denounced person and is published, and neither may reveal who denounced (Đ.40 k.3); the
//! denouncer appears only as "người tố cáo".

use chrono::NaiveDate;

use super::common::{start, ContentFinding, DocRef};
use crate::decree30::{Document, Paragraph, Section};
use crate::reports::{dmy, sentence, Letterhead};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConclusionData {
    pub head: Letterhead,
    pub number: String,
    pub date: NaiveDate,
    /// The acceptance (thụ lý) decision.
    pub acceptance: DocRef,
    /// The denounced person's name.
    pub denounced_name: String,
    /// Their position and workplace (`công chức Địa chính - Xây dựng xã`).
    pub denounced_position: String,
    /// Who verified (`Tổ xác minh theo Quyết định số 13/QĐ-UBND ngày 22/07/2026`).
    pub verified_by: String,
    pub verification: Vec<String>,
    /// The legal bases that decide whether there was a violation.
    pub legal_bases: Vec<String>,
    pub findings: Vec<ContentFinding>,
    /// Violations found, and who is responsible for each.
    pub violations: Vec<String>,
    pub responsibility: Vec<String>,
    /// Measures the chairman takes and recommends (Đ.35 k.1 d).
    pub measures: Vec<String>,
}

/// The conclusion sent to the denounced person and their manager (Đ.35 k.3); the denouncer
/// is told of it separately.
pub fn denunciation_conclusion(d: &ConclusionData) -> Document {
    let mut doc = build(d, false);
    let mut r = vec![
        format!("{} (người bị tố cáo)", d.denounced_name.trim()),
        "Người tố cáo (thông báo kết luận riêng)".to_string(),
    ];
    r.extend(d.head.recipients.iter().cloned());
    doc.recipients = r;
    doc
}

/// The version published under Đ.40 (posted at the headquarters and the reception place, on
/// the portal): the same conclusion without the denounced person's position details, marked
/// as the published copy, with the places of publication as recipients.
pub fn denunciation_conclusion_published(d: &ConclusionData) -> Document {
    let mut doc = build(d, true);
    doc.recipients = vec![
        "Niêm yết tại trụ sở UBND xã và nơi tiếp công dân".to_string(),
        "Cổng thông tin điện tử xã".to_string(),
        "Lưu: VT".to_string(),
    ];
    doc
}

fn build(d: &ConclusionData, published: bool) -> Document {
    let mut doc = start(
        &d.head,
        &d.number,
        d.date,
        "KẾT LUẬN",
        &format!("Nội dung tố cáo đối với {}", d.denounced_name.trim()),
    );
    if published {
        doc.preamble.push(
            Paragraph::italic_text(
                "(Bản công khai theo Điều 40 Luật Tố cáo; không có thông tin về người tố cáo)",
            )
            .aligned(crate::decree30::Align::Center),
        );
    }
    doc.preamble.push(Paragraph::text(format!(
        "Ngày {}, Chủ tịch Ủy ban nhân dân xã ban hành Quyết định {} về việc thụ lý tố cáo đối \
         với {}{}.",
        dmy(d.acceptance.date),
        d.acceptance.cite(),
        d.denounced_name.trim(),
        if published || d.denounced_position.trim().is_empty() {
            String::new()
        } else {
            format!(", {}", d.denounced_position.trim())
        }
    )));
    doc.preamble.push(Paragraph::text(format!(
        "Căn cứ Điều 35 Luật Tố cáo ngày 12 tháng 6 năm 2018, được sửa đổi, bổ sung năm 2025, \
         báo cáo kết quả xác minh của {} và các tài liệu có trong hồ sơ, Chủ tịch Ủy ban nhân \
         dân xã kết luận như sau:",
        d.verified_by.trim()
    )));
    doc.sections.push(
        Section::new("1. Kết quả xác minh nội dung tố cáo")
            .paras(d.verification.iter().map(|v| Paragraph::text(sentence(v)))),
    );
    let mut s2 = Section::new("2. Kết luận về nội dung tố cáo");
    for b in &d.legal_bases {
        s2 = s2.para(Paragraph::dash(format!(
            "Căn cứ {}",
            sentence(b.trim().trim_start_matches("Căn cứ "))
        )));
    }
    for f in &d.findings {
        s2 = s2.para(Paragraph::dash(f.line("tố cáo")));
    }
    doc.sections.push(s2);
    let mut s3 = Section::new("3. Hành vi vi phạm và trách nhiệm");
    if d.violations.is_empty() {
        s3 = s3.para(Paragraph::text(
            "Không phát hiện hành vi vi phạm pháp luật.",
        ));
    }
    for v in d.violations.iter().chain(&d.responsibility) {
        s3 = s3.para(Paragraph::dash(sentence(v)));
    }
    doc.sections.push(s3);
    doc.sections.push(
        Section::new("4. Biện pháp xử lý và kiến nghị")
            .paras(d.measures.iter().map(|m| Paragraph::dash(sentence(m)))),
    );
    doc.closing.push(Paragraph::text(
        "Kết luận này được gửi đến người bị tố cáo, cơ quan, tổ chức quản lý người bị tố cáo và \
         thông báo đến người tố cáo theo khoản 3 Điều 35 Luật Tố cáo; được công khai theo Điều 40 \
         Luật Tố cáo./.",
    ));
    doc
}

//! Phiếu chuyển đơn: a letter outside the commune's competence goes to the body that has it
//! (Luật Tố cáo Đ.24 k.2, within 05 working days; TT 05/2021/TT-TTCP Đ.14, Mẫu 03). For a
//! denunciation the denouncer's name and address travel only in a sealed enclosure marked
//! "Mật" (Đ.8 k.3, Đ.56): the letter itself never carries them.

use chrono::NaiveDate;

use super::common::{start, MatterKind, MatterOnPaper, PersonOnPaper};
use crate::decree30::{Document, Paragraph, Section};
use crate::reports::{dmy, sentence, Letterhead};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TransferData {
    pub head: Letterhead,
    pub number: String,
    pub date: NaiveDate,
    pub matter: MatterOnPaper,
    /// The competent body (`Chủ tịch UBND tỉnh Hưng Yên`, `Công an tỉnh Hưng Yên`).
    pub to_body: String,
    /// Why it is theirs (`nội dung tố cáo hành vi vi phạm của Chủ tịch UBND xã, thuộc thẩm
    /// quyền giải quyết của Chủ tịch UBND tỉnh theo Điều 13 Luật Tố cáo`).
    pub reason: String,
    /// The person who sent the letter: printed for feedback and complaints only; ignored for
    /// a denunciation, whatever is passed.
    pub sender: Option<PersonOnPaper>,
    /// The papers sent with it (`Đơn đề ngày 14/07/2026 (02 trang)`).
    pub enclosures: Vec<String>,
}

/// Phiếu chuyển đơn to the competent body.
pub fn transfer_letter(d: &TransferData) -> Document {
    let secret = d.matter.kind == MatterKind::Denunciation;
    let mut doc = start(
        &d.head,
        &d.number,
        d.date,
        "PHIẾU CHUYỂN ĐƠN",
        &format!("Về việc chuyển {}", d.matter.kind.letter()),
    );
    doc.preamble
        .push(Paragraph::text(format!("Kính gửi: {}.", d.to_body.trim())));
    let from = match (&d.sender, secret) {
        (Some(p), false) => format!(" của {}", p.line()),
        _ => String::new(),
    };
    let mut s = Section::new("")
        .para(Paragraph::text(format!(
            "Ngày {}, {} nhận được {} (mã số {}){from}, hình thức: {}.",
            dmy(d.matter.received_on),
            d.head.issuer_short.trim(),
            d.matter.kind.letter(),
            d.matter.code.trim(),
            d.matter.channel_label.trim()
        )))
        .para(Paragraph::text(format!(
            "Nội dung đơn: {}",
            sentence(&d.matter.summary)
        )))
        .para(Paragraph::text(format!(
            "Căn cứ quy định của pháp luật, vụ việc không thuộc thẩm quyền giải quyết của {}: {}",
            d.head.issuer_short.trim(),
            sentence(&d.reason)
        )))
        .para(Paragraph::text(format!(
            "{} chuyển đơn đến {} để xem xét, giải quyết theo thẩm quyền.",
            d.head.issuer_short.trim(),
            d.to_body.trim()
        )));
    if secret {
        s = s.para(Paragraph::text(
            "Thông tin về người tố cáo được gửi kèm trong phong bì niêm phong riêng, đóng dấu \
             “Mật”; đề nghị quý cơ quan giữ bí mật họ tên, địa chỉ, bút tích và thông tin cá \
             nhân khác của người tố cáo theo Điều 47 và Điều 56 Luật Tố cáo.",
        ));
    }
    if !d.enclosures.is_empty() {
        s = s.para(Paragraph::text("Tài liệu gửi kèm:"));
        for e in &d.enclosures {
            s = s.para(Paragraph::dash(sentence(e)));
        }
    }
    doc.sections.push(s);
    let mut r = vec!["Như trên".to_string()];
    if let (Some(p), false) = (&d.sender, secret) {
        r.push(format!("{} (để biết)", p.name.trim()));
    }
    if secret {
        r.push("Người tố cáo (thông báo riêng)".into());
    }
    r.extend(d.head.recipients.iter().cloned());
    doc.recipients = r;
    doc
}

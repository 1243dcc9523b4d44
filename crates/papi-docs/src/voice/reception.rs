//! What the resident takes home: the receipt for a letter and its papers (Giấy biên nhận,
//! Mẫu 02/TCD of NĐ 154/2026, Đ.14 k.4), and the notice of what is done with the matter
//! (Luật Tiếp công dân 2013 Đ.28 k.1: within 10 working days of receipt, say whether it is
//! accepted, needs more time, refused with the reason, or transferred).

use chrono::NaiveDate;

use super::common::{lettered, start, ContactOnPaper, MatterOnPaper, PersonOnPaper, RuleDate};
use crate::decree30::{Document, Paragraph, Section};
use crate::reports::{dmy, sentence, Letterhead};

/// A receipt for what a resident handed in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReceiptData {
    pub head: Letterhead,
    /// `05/GBN-UBND`.
    pub number: String,
    pub date: NaiveDate,
    pub person: PersonOnPaper,
    pub matter: MatterOnPaper,
    /// The papers received, one each (`Đơn đề ngày 14/07/2026 (02 trang)`).
    pub items: Vec<String>,
    /// The TCD-REPLY date: by when the resident is told what happens to the matter.
    pub reply_by: RuleDate,
    pub contact: ContactOnPaper,
}

/// Giấy biên nhận: tracking code, the person, what was received and how, the reply date.
pub fn receipt(d: &ReceiptData) -> Document {
    let mut doc = start(
        &d.head,
        &d.number,
        d.date,
        "GIẤY BIÊN NHẬN",
        &format!(
            "Thông tin, tài liệu, bằng chứng về việc {}",
            d.matter.kind.label()
        ),
    );
    let m = &d.matter;
    doc.preamble.push(Paragraph::text(format!(
        "Hôm nay, ngày {}, {} tiếp nhận của {}: {}.",
        dmy(d.date),
        d.head.issuer_short.trim(),
        d.matter.kind.person(),
        d.person.line_with_id()
    )));
    let mut items = Section::new("1. Thông tin, tài liệu, bằng chứng đã nhận")
        .para(Paragraph::dash(format!(
            "Mã số theo dõi: {};",
            m.code.trim()
        )))
        .para(Paragraph::dash(format!(
            "Ngày nhận: {}; hình thức tiếp nhận: {};",
            dmy(m.received_on),
            m.channel_label.trim()
        )))
        .para(Paragraph::dash(format!(
            "Nội dung: {}",
            sentence(&m.summary)
        )));
    if !d.items.is_empty() {
        items = items
            .para(Paragraph::dash("Tài liệu, bằng chứng kèm theo:"))
            .paras(lettered(&d.items));
    }
    doc.sections.push(items);
    doc.sections.push(
        Section::new("2. Thời hạn thông báo kết quả tiếp nhận")
            .para(Paragraph::text(format!(
                "Chậm nhất ngày {}, {} thông báo cho {} việc thụ lý, không thụ lý hoặc chuyển \
                 đơn đến cơ quan có thẩm quyền.",
                d.reply_by.text(),
                d.head.issuer_short.trim(),
                d.matter.kind.person()
            )))
            .para(Paragraph::text(format!(
                "Cán bộ tiếp nhận, liên hệ: {}.",
                d.contact.line()
            ))),
    );
    doc.closing.push(Paragraph::italic_text(
        "Giấy biên nhận này được lập thành 02 bản, mỗi bên giữ 01 bản./.",
    ));
    doc
}

/// What happens to a matter received at reception.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceptionOutcome {
    /// Thụ lý: who handles it and by when it is resolved.
    Accepted {
        handler: String,
        resolve_by: RuleDate,
    },
    /// Needs more time to classify or verify.
    NeedsTime { until: RuleDate, reason: String },
    /// Không thụ lý: not competent or not admissible.
    Refused { reason: String },
    /// Chuyển đơn to the competent body.
    Transferred { to: String, reason: String },
}

/// The notice of the result of reception (TCD Đ.28), optionally with the directions of the
/// head who received the citizen (Thông báo kết luận việc tiếp công dân, TCD Đ.18 k.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceptionNoticeData {
    pub head: Letterhead,
    pub number: String,
    pub date: NaiveDate,
    pub person: PersonOnPaper,
    pub matter: MatterOnPaper,
    /// The head's reception session this notice concludes, if any (`ngày 15/07/2026`).
    pub session_on: Option<NaiveDate>,
    /// Who presided over that session (`ông Nguyễn Trọng Chung, Chủ tịch UBND xã`).
    pub presided_by: String,
    /// The presiding official's directions, one each.
    pub directions: Vec<String>,
    pub outcome: ReceptionOutcome,
}

/// Thông báo kết quả tiếp nhận, xử lý (TCD Đ.28 k.1).
pub fn reception_notice(d: &ReceptionNoticeData) -> Document {
    let subject = if d.session_on.is_some() {
        "Kết luận việc tiếp công dân và kết quả tiếp nhận, xử lý đơn".to_string()
    } else {
        format!("Kết quả tiếp nhận, xử lý {}", d.matter.kind.letter())
    };
    let mut doc = start(&d.head, &d.number, d.date, "THÔNG BÁO", &subject);
    let m = &d.matter;
    doc.preamble.push(Paragraph::italic_text(
        "Căn cứ Luật Tiếp công dân ngày 25 tháng 11 năm 2013, được sửa đổi, bổ sung năm 2025;",
    ));
    doc.preamble.push(Paragraph::text(format!(
        "Ngày {}, qua hình thức {}, {} nhận được {} (mã số {}) của {}. Nội dung: {}",
        dmy(m.received_on),
        m.channel_label.trim(),
        d.head.issuer_short.trim(),
        m.kind.letter(),
        m.code.trim(),
        d.person.line(),
        sentence(&m.summary)
    )));
    if let Some(on) = d.session_on {
        let mut s = Section::new(format!(
            "1. Kết luận của người chủ trì buổi tiếp công dân ngày {}",
            dmy(on)
        ))
        .para(Paragraph::text(format!(
            "Người chủ trì: {}.",
            d.presided_by.trim()
        )));
        for x in &d.directions {
            s = s.para(Paragraph::dash(sentence(x)));
        }
        doc.sections.push(s);
    }
    let n = if d.session_on.is_some() { 2 } else { 1 };
    let result = match &d.outcome {
        ReceptionOutcome::Accepted {
            handler,
            resolve_by,
        } => vec![
            Paragraph::text(format!(
                "Vụ việc thuộc thẩm quyền và đủ điều kiện thụ lý, giải quyết. Đơn vị, người được \
                 giao xử lý: {}.",
                handler.trim()
            )),
            Paragraph::text(format!("Thời hạn giải quyết: {}.", resolve_by.text())),
        ],
        ReceptionOutcome::NeedsTime { until, reason } => vec![
            Paragraph::text(format!(
                "Vụ việc cần thêm thời gian để xem xét: {}",
                sentence(reason)
            )),
            Paragraph::text(format!("Thời hạn thông báo tiếp theo: {}.", until.text())),
        ],
        ReceptionOutcome::Refused { reason } => vec![Paragraph::text(format!(
            "{} không thụ lý, giải quyết vụ việc. Lý do: {}",
            d.head.issuer_short.trim(),
            sentence(reason)
        ))],
        ReceptionOutcome::Transferred { to, reason } => vec![Paragraph::text(format!(
            "Vụ việc không thuộc thẩm quyền giải quyết của {}; đơn đã được chuyển đến {} để \
             xem xét, giải quyết theo thẩm quyền. Lý do: {}",
            d.head.issuer_short.trim(),
            to.trim(),
            sentence(reason)
        ))],
    };
    doc.sections
        .push(Section::new(format!("{n}. Kết quả tiếp nhận, xử lý")).paras(result));
    doc.closing.push(Paragraph::text(format!(
        "{} thông báo để {} biết./.",
        d.head.issuer_short.trim(),
        d.person.name.trim()
    )));
    doc
}

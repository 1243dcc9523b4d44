//! Notices of acceptance (thụ lý) and refusal: to the complainant (Luật Khiếu nại 2011 Đ.27,
//! Đ.36; refusal grounds Đ.11), to the denouncer (Luật Tố cáo 2018 Đ.29 k.3) and to the
//! denounced person, who is told the content and never who denounced (Đ.29 k.3, Đ.8 k.3).

use chrono::NaiveDate;

use super::common::{lettered, start, DocRef, MatterKind, MatterOnPaper, PersonOnPaper, RuleDate};
use crate::decree30::{Document, Paragraph, Section};
use crate::reports::{dmy, sentence, Letterhead};

/// First or second time, from the matter.
fn round(kind: MatterKind) -> (&'static str, &'static str) {
    match kind {
        MatterKind::ComplaintSecond => ("lần hai", "Điều 36"),
        _ => ("lần đầu", "Điều 27"),
    }
}

const KN_LAW: &str =
    "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011, được sửa đổi, bổ sung năm 2025;";
const TC_LAW: &str = "Căn cứ Luật Tố cáo ngày 12 tháng 6 năm 2018, được sửa đổi, bổ sung năm 2025;";

/// A complaint as its notices cite it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComplaintNoticeData {
    pub head: Letterhead,
    pub number: String,
    pub date: NaiveDate,
    pub complainant: PersonOnPaper,
    /// `kind` is `ComplaintFirst` or `ComplaintSecond`.
    pub matter: MatterOnPaper,
    /// The decision or act complained of (`Quyết định số 45/QĐ-UBND ngày 02/6/2026 về …`).
    pub complained_of: String,
    /// The body that referred the complaint, if any (it is told too, Đ.27).
    pub referrer: Option<String>,
    /// Resolution deadline (KN-GQ-1 / KN-GQ-2) — only printed on an acceptance.
    pub resolve_by: Option<RuleDate>,
}

fn complaint_opening(d: &ComplaintNoticeData) -> Paragraph {
    Paragraph::text(format!(
        "Ngày {}, {} nhận được đơn khiếu nại {} (mã số {}) của {}, khiếu nại {}. Nội dung: {}",
        dmy(d.matter.received_on),
        d.head.issuer_short.trim(),
        round(d.matter.kind).0,
        d.matter.code.trim(),
        d.complainant.line(),
        d.complained_of.trim(),
        sentence(&d.matter.summary)
    ))
}

fn complaint_recipients(d: &ComplaintNoticeData) -> Vec<String> {
    let mut r = vec![format!("{} (người khiếu nại)", d.complainant.name.trim())];
    if let Some(x) = &d.referrer {
        r.push(format!("{} (cơ quan chuyển đơn)", x.trim()));
    }
    r.extend(d.head.recipients.iter().cloned());
    r
}

/// Thông báo về việc thụ lý giải quyết khiếu nại (lần đầu Đ.27 / lần hai Đ.36).
pub fn acceptance_notice(d: &ComplaintNoticeData) -> Document {
    let (nth, art) = round(d.matter.kind);
    let mut doc = start(
        &d.head,
        &d.number,
        d.date,
        "THÔNG BÁO",
        &format!("Về việc thụ lý giải quyết khiếu nại {nth}"),
    );
    doc.preamble.push(Paragraph::italic_text(KN_LAW));
    doc.preamble.push(Paragraph::italic_text(format!(
        "Căn cứ {art} Luật Khiếu nại về thụ lý giải quyết khiếu nại;"
    )));
    doc.preamble.push(complaint_opening(d));
    let mut s = Section::new("").para(Paragraph::text(format!(
        "Xét đơn khiếu nại đủ điều kiện thụ lý theo quy định tại {art} Luật Khiếu nại, {} \
         thông báo thụ lý giải quyết khiếu nại {nth} đối với đơn nêu trên.",
        d.head.issuer_short.trim()
    )));
    if let Some(due) = &d.resolve_by {
        s = s.para(Paragraph::text(format!(
            "Thời hạn giải quyết khiếu nại: chậm nhất ngày {}.",
            due.text()
        )));
    }
    doc.sections.push(s);
    doc.closing.push(Paragraph::text(format!(
        "{} thông báo để {} và các cơ quan, tổ chức, cá nhân có liên quan biết./.",
        d.head.issuer_short.trim(),
        d.complainant.name.trim()
    )));
    doc.recipients = complaint_recipients(d);
    doc
}

/// The grounds on which a complaint is not accepted: Luật Khiếu nại 2011 Điều 11, its nine
/// clauses in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalGround {
    /// k.1: internal, directive, normative or state-secret decisions and acts.
    Internal,
    /// k.2
    NoDirectInterest,
    /// k.3
    NoCapacity,
    /// k.4
    UnlawfulRepresentative,
    /// k.5
    Unsigned,
    /// k.6
    TimeBarred,
    /// k.7
    SecondDecisionExists,
    /// k.8
    AfterTermination,
    /// k.9
    Court,
}

impl RefusalGround {
    pub const ALL: [RefusalGround; 9] = [
        RefusalGround::Internal,
        RefusalGround::NoDirectInterest,
        RefusalGround::NoCapacity,
        RefusalGround::UnlawfulRepresentative,
        RefusalGround::Unsigned,
        RefusalGround::TimeBarred,
        RefusalGround::SecondDecisionExists,
        RefusalGround::AfterTermination,
        RefusalGround::Court,
    ];

    /// The clause (khoản) of Điều 11.
    pub fn clause(self) -> usize {
        RefusalGround::ALL
            .iter()
            .position(|g| *g == self)
            .map_or(0, |i| i + 1)
    }

    /// The clause's words (k.1 shortened to its first case).
    pub fn text(self) -> &'static str {
        match self {
            RefusalGround::Internal => {
                "Quyết định hành chính, hành vi hành chính trong nội bộ cơ quan nhà nước để chỉ \
                 đạo, tổ chức thực hiện nhiệm vụ, công vụ"
            }
            RefusalGround::NoDirectInterest => {
                "Quyết định hành chính, hành vi hành chính bị khiếu nại không liên quan trực tiếp \
                 đến quyền, lợi ích hợp pháp của người khiếu nại"
            }
            RefusalGround::NoCapacity => {
                "Người khiếu nại không có năng lực hành vi dân sự đầy đủ mà không có người đại \
                 diện hợp pháp"
            }
            RefusalGround::UnlawfulRepresentative => {
                "Người đại diện không hợp pháp thực hiện khiếu nại"
            }
            RefusalGround::Unsigned => {
                "Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại"
            }
            RefusalGround::TimeBarred => {
                "Thời hiệu, thời hạn khiếu nại đã hết mà không có lý do chính đáng"
            }
            RefusalGround::SecondDecisionExists => {
                "Khiếu nại đã có quyết định giải quyết khiếu nại lần hai"
            }
            RefusalGround::AfterTermination => {
                "Có văn bản thông báo đình chỉ việc giải quyết khiếu nại mà sau 30 ngày người \
                 khiếu nại không tiếp tục khiếu nại"
            }
            RefusalGround::Court => {
                "Việc khiếu nại đã được Tòa án thụ lý hoặc đã được giải quyết bằng bản án, quyết \
                 định của Tòa án, trừ quyết định đình chỉ giải quyết vụ án hành chính của Tòa án"
            }
        }
    }
}

/// A refusal: the complaint and the grounds, with a sentence applying them to the case.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RefusalData {
    pub notice: ComplaintNoticeData,
    pub grounds: Vec<RefusalGround>,
    /// How the grounds apply here (`Đơn đề ngày … gửi sau 90 ngày kể từ …`).
    pub explanation: String,
}

/// Thông báo về việc không thụ lý giải quyết khiếu nại, with the reasons (KN Đ.27, Đ.11).
pub fn refusal_notice(r: &RefusalData) -> Document {
    let d = &r.notice;
    let (nth, art) = round(d.matter.kind);
    let mut doc = start(
        &d.head,
        &d.number,
        d.date,
        "THÔNG BÁO",
        &format!("Về việc không thụ lý giải quyết khiếu nại {nth}"),
    );
    doc.preamble.push(Paragraph::italic_text(KN_LAW));
    doc.preamble.push(Paragraph::italic_text(format!(
        "Căn cứ Điều 11 và {art} Luật Khiếu nại;"
    )));
    doc.preamble.push(complaint_opening(d));
    let mut s = Section::new("").para(Paragraph::text(format!(
        "{} không thụ lý giải quyết khiếu nại nêu trên vì thuộc trường hợp quy định tại:",
        d.head.issuer_short.trim()
    )));
    for g in &r.grounds {
        s = s.para(Paragraph::dash(format!(
            "Khoản {} Điều 11 Luật Khiếu nại: {}",
            g.clause(),
            sentence(g.text())
        )));
    }
    if !r.explanation.trim().is_empty() {
        s = s.para(Paragraph::text(format!(
            "Cụ thể: {}",
            sentence(&r.explanation)
        )));
    }
    doc.sections.push(s);
    doc.closing.push(Paragraph::text(format!(
        "{} thông báo để {} biết./.",
        d.head.issuer_short.trim(),
        d.complainant.name.trim()
    )));
    doc.recipients = complaint_recipients(d);
    doc
}

/// The acceptance of a denunciation, told to the denouncer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DenunciationNoticeData {
    pub head: Letterhead,
    pub number: String,
    pub date: NaiveDate,
    pub denouncer: PersonOnPaper,
    pub matter: MatterOnPaper,
    /// Quyết định thụ lý tố cáo.
    pub acceptance: DocRef,
    /// Who is denounced, by name and position.
    pub denounced: String,
    /// The contents accepted, one each.
    pub contents: Vec<String>,
    pub resolve_by: RuleDate,
}

/// Thông báo về việc thụ lý tố cáo, to the denouncer (Luật Tố cáo Đ.29 k.3).
pub fn denunciation_acceptance_notice(d: &DenunciationNoticeData) -> Document {
    let mut doc = start(
        &d.head,
        &d.number,
        d.date,
        "THÔNG BÁO",
        "Về việc thụ lý tố cáo",
    );
    doc.preamble.push(Paragraph::italic_text(TC_LAW));
    doc.preamble
        .push(Paragraph::italic_text("Căn cứ Điều 29 Luật Tố cáo;"));
    doc.preamble.push(Paragraph::text(format!(
        "Ngày {}, {} nhận được đơn tố cáo (mã số {}) của {}, tố cáo {}.",
        dmy(d.matter.received_on),
        d.head.issuer_short.trim(),
        d.matter.code.trim(),
        d.denouncer.line(),
        d.denounced.trim()
    )));
    let mut s = Section::new("").para(Paragraph::text(format!(
        "Ngày {}, Chủ tịch Ủy ban nhân dân xã đã ban hành Quyết định {} về việc thụ lý tố cáo \
         đối với các nội dung sau:",
        dmy(d.acceptance.date),
        d.acceptance.cite()
    )));
    s = s.paras(lettered(&d.contents));
    s = s.para(Paragraph::text(format!(
        "Thời hạn giải quyết tố cáo: chậm nhất ngày {}.",
        d.resolve_by.text()
    )));
    s = s.para(Paragraph::text(
        "Họ tên, địa chỉ, bút tích và các thông tin cá nhân khác của người tố cáo được giữ bí \
         mật theo quy định tại Điều 47 và Điều 56 Luật Tố cáo.",
    ));
    doc.sections.push(s);
    doc.closing.push(Paragraph::text(format!(
        "{} thông báo để {} biết./.",
        d.head.issuer_short.trim(),
        d.denouncer.name.trim()
    )));
    doc.recipients = vec![
        format!("{} (người tố cáo)", d.denouncer.name.trim()),
        "Lưu: VT, hồ sơ (Mật)".into(),
    ];
    doc
}

/// The notice to the denounced person. It has no field for the denouncer: the law allows
/// telling them the content only (Luật Tố cáo Đ.29 k.3), so there is nothing to leak.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DenouncedNoticeData {
    pub head: Letterhead,
    pub number: String,
    pub date: NaiveDate,
    /// The denounced person (name; address and position as the notice is addressed).
    pub denounced: PersonOnPaper,
    /// Their position (`công chức Địa chính - Xây dựng xã`).
    pub position: String,
    pub acceptance: DocRef,
    pub contents: Vec<String>,
    pub resolve_by: RuleDate,
}

/// Thông báo nội dung tố cáo to the denounced person: content, their rights and duties, the
/// deadline. Never the denouncer.
pub fn denounced_person_notice(d: &DenouncedNoticeData) -> Document {
    let mut doc = start(
        &d.head,
        &d.number,
        d.date,
        "THÔNG BÁO",
        "Về việc thụ lý tố cáo và nội dung tố cáo",
    );
    doc.preamble.push(Paragraph::italic_text(TC_LAW));
    doc.preamble.push(Paragraph::italic_text(
        "Căn cứ khoản 3 Điều 29 Luật Tố cáo;",
    ));
    doc.preamble.push(Paragraph::text(format!(
        "Kính gửi: {}, {}.",
        d.denounced.name.trim(),
        d.position.trim()
    )));
    let mut s = Section::new("").para(Paragraph::text(format!(
        "Ngày {}, Chủ tịch Ủy ban nhân dân xã ban hành Quyết định {} về việc thụ lý tố cáo đối \
         với {}, với các nội dung sau:",
        dmy(d.acceptance.date),
        d.acceptance.cite(),
        d.denounced.name.trim()
    )));
    s = s.paras(lettered(&d.contents));
    s = s.para(Paragraph::text(format!(
        "Thời hạn giải quyết tố cáo: chậm nhất ngày {}.",
        d.resolve_by.text()
    )));
    s = s.para(Paragraph::text(
        "Người bị tố cáo có quyền được thông báo về nội dung tố cáo, đưa ra chứng cứ để chứng \
         minh nội dung tố cáo là không đúng sự thật; có nghĩa vụ giải trình bằng văn bản về hành \
         vi bị tố cáo, cung cấp thông tin, tài liệu liên quan khi có yêu cầu (Điều 10 Luật Tố \
         cáo).",
    ));
    doc.sections.push(s);
    doc.closing.push(Paragraph::text(format!(
        "{} thông báo để {} biết và thực hiện./.",
        d.head.issuer_short.trim(),
        d.denounced.name.trim()
    )));
    doc.recipients = vec![
        format!("{} (người bị tố cáo)", d.denounced.name.trim()),
        "Lưu: VT, hồ sơ".into(),
    ];
    doc
}

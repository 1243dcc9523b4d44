//! Biên bản đối thoại in a complaint (Luật Khiếu nại Đ.30, Đ.39): time, place, chair,
//! participants with their attendance, content, each side's opinions, the result, the
//! signatures of all parties. From 01/07/2026 the complainant's unexcused absence does not
//! stop the resolution (Đ.30 k.6 as added by Luật 136/2025): the minutes say so.

use chrono::NaiveDate;

use super::common::start;
use crate::decree30::{Align, Document, Paragraph, Section, Signature};
use crate::reports::{dmy, sentence, Letterhead};

/// Whether a participant came.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Attendance {
    #[default]
    Present,
    /// Vắng mặt có lý do, with the reason.
    AbsentExcused(String),
    AbsentUnexcused,
}

impl Attendance {
    pub fn label(&self) -> String {
        match self {
            Attendance::Present => "có mặt".to_string(),
            Attendance::AbsentExcused(r) => format!("vắng mặt có lý do: {}", r.trim()),
            Attendance::AbsentUnexcused => "vắng mặt không có lý do".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Participant {
    pub name: String,
    /// `Người khiếu nại`, `Người bị khiếu nại`, `Đại diện MTTQ xã`.
    pub role: String,
    pub attendance: Attendance,
}

/// What one side said.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SideOpinion {
    /// `Ý kiến của người khiếu nại`.
    pub side: String,
    pub opinions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DialogueData {
    pub head: Letterhead,
    pub number: String,
    pub date: NaiveDate,
    /// `08 giờ 30 phút`.
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    /// The chair: name and position.
    pub chair_name: String,
    pub chair_position: String,
    /// The secretary who writes the minutes.
    pub secretary: String,
    pub participants: Vec<Participant>,
    /// The case (`khiếu nại của bà Phạm Thị Lan đối với Quyết định số …`).
    pub case_label: String,
    /// What the dialogue is about: the complaint's contents and the verification result.
    pub content: Vec<String>,
    pub opinions: Vec<SideOpinion>,
    pub result: Vec<String>,
    /// Copies made; at least 3 are printed whatever is given.
    pub copies: u32,
    /// The complainant was absent without excuse and the case goes on (from 01/07/2026).
    pub unexcused_absence_continues: bool,
}

/// Biên bản đối thoại.
pub fn dialogue_minutes(d: &DialogueData) -> Document {
    let mut doc = start(
        &d.head,
        &d.number,
        d.date,
        "BIÊN BẢN",
        &format!("Đối thoại giải quyết {}", d.case_label.trim()),
    );
    doc.preamble.push(Paragraph::text(format!(
        "Hồi {}, ngày {}, tại {}, tiến hành đối thoại giải quyết {}.",
        d.starts_at.trim(),
        dmy(d.date),
        d.place.trim(),
        d.case_label.trim()
    )));
    let mut s1 = Section::new("I. THÀNH PHẦN")
        .para(Paragraph::dash(format!(
            "Chủ trì: {}, {}.",
            d.chair_name.trim(),
            d.chair_position.trim()
        )))
        .para(Paragraph::dash(format!("Thư ký: {}.", d.secretary.trim())));
    for p in &d.participants {
        s1 = s1.para(Paragraph::dash(format!(
            "{}: {} ({}).",
            p.role.trim(),
            p.name.trim(),
            p.attendance.label()
        )));
    }
    if d.unexcused_absence_continues {
        s1 = s1.para(Paragraph::text(
            "Người khiếu nại vắng mặt không có lý do: việc đối thoại được ghi nhận tại biên bản \
             này và việc giải quyết khiếu nại vẫn được tiếp tục theo khoản 6 Điều 30 Luật Khiếu \
             nại (sửa đổi, bổ sung năm 2025).",
        ));
    }
    doc.sections.push(s1);
    doc.sections.push(
        Section::new("II. NỘI DUNG ĐỐI THOẠI")
            .paras(d.content.iter().map(|c| Paragraph::text(sentence(c)))),
    );
    let mut s3 = Section::new("III. Ý KIẾN CỦA CÁC BÊN");
    for (i, o) in d.opinions.iter().enumerate() {
        s3 = s3.subsection(
            Section::new(format!("{}. {}", i + 1, o.side.trim()))
                .paras(o.opinions.iter().map(|x| Paragraph::dash(sentence(x)))),
        );
    }
    doc.sections.push(s3);
    doc.sections.push(
        Section::new("IV. KẾT QUẢ ĐỐI THOẠI")
            .paras(d.result.iter().map(|c| Paragraph::text(sentence(c)))),
    );
    doc.closing.push(Paragraph::text(format!(
        "Buổi đối thoại kết thúc hồi {} cùng ngày. Biên bản được lập thành {:02} bản có giá trị \
         như nhau, đã đọc lại cho những người tham gia nghe, mỗi bên giữ 01 bản, 01 bản lưu hồ sơ \
         vụ việc. Người tham gia không ký thì ghi rõ lý do.",
        d.ends_at.trim(),
        d.copies.max(3)
    )));
    // The parties sign above the chair's block: one line each.
    doc.closing.push(
        Paragraph::default()
            .bold("CHỮ KÝ CỦA NHỮNG NGƯỜI THAM GIA ĐỐI THOẠI")
            .aligned(Align::Center),
    );
    for p in d
        .participants
        .iter()
        .filter(|p| p.attendance == Attendance::Present)
    {
        doc.closing.push(
            Paragraph::default()
                .plain(format!("{}: {} ", p.role.trim(), p.name.trim()))
                .italic("(ký, ghi rõ họ tên)")
                .plain(" ………………………")
                .aligned(Align::Flush),
        );
    }
    doc.closing.push(
        Paragraph::default()
            .plain(format!("Thư ký: {} ", d.secretary.trim()))
            .italic("(ký, ghi rõ họ tên)")
            .plain(" ………………………")
            .aligned(Align::Flush),
    );
    doc.signature = Signature {
        authority: String::new(),
        position: "NGƯỜI CHỦ TRÌ".into(),
        deputy: false,
        signer_name: d.chair_name.trim().to_string(),
    };
    doc.recipients = vec![
        "Các bên tham gia đối thoại".into(),
        "Lưu: hồ sơ vụ việc".into(),
    ];
    doc
}

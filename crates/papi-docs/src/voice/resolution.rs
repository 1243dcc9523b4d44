//! The decisions resolving a complaint: first time with the contents Luật Khiếu nại 2011
//! Điều 31 k.2 lists (date; names and addresses of the parties; content; verification;
//! dialogue; legal basis; conclusion; keep, amend or annul the decision or end the act;
//! compensation; the right to complain again or to sue), second time with those of Điều 40
//! k.2 (adding the conclusion on the first-time decision; only the right to sue follows).

use chrono::NaiveDate;

use super::common::{
    article, decides, decision_head, lettered, start, ContentFinding, DocRef, Finding,
    MatterOnPaper, PersonOnPaper,
};
use crate::decree30::{Document, Paragraph, Section};
use crate::reports::{dmy, sentence, Letterhead};

/// What the decision does to the decision or act complained of (Đ.31 k.2 h, Đ.40 k.2 g).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DecisionOutcome {
    /// Giữ nguyên.
    #[default]
    Keep,
    /// Sửa đổi, bổ sung.
    Amend,
    /// Hủy bỏ một phần.
    AnnulPart,
    /// Hủy bỏ toàn bộ.
    AnnulAll,
    /// Chấm dứt hành vi hành chính.
    EndAct,
}

impl DecisionOutcome {
    pub fn label(self) -> &'static str {
        match self {
            DecisionOutcome::Keep => "Giữ nguyên",
            DecisionOutcome::Amend => "Sửa đổi, bổ sung",
            DecisionOutcome::AnnulPart => "Hủy bỏ một phần",
            DecisionOutcome::AnnulAll => "Hủy bỏ toàn bộ",
            DecisionOutcome::EndAct => "Yêu cầu chấm dứt",
        }
    }
}

/// The first-time decision a second-time decision reviews.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FirstDecisionOnPaper {
    pub reference: DocRef,
    /// Who issued it (`Chủ tịch UBND xã Lương Tài`).
    pub by: String,
    /// What it decided.
    pub summary: String,
    /// Right, partly right or wrong.
    pub finding: Finding,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComplaintDecisionData {
    pub head: Letterhead,
    pub number: String,
    pub date: NaiveDate,
    /// `kind` first or second time.
    pub matter: MatterOnPaper,
    pub complainant: PersonOnPaper,
    /// Người bị khiếu nại: name and address (of the official or body).
    pub complained_of: PersonOnPaper,
    /// The decision or act complained of.
    pub complained_decision: String,
    /// The contents of the complaint, one each.
    pub contents: Vec<String>,
    pub verification: Vec<String>,
    /// The dialogue's result; empty when none was held (first time, when demand and
    /// verification agree — Đ.30 k.1).
    pub dialogue: Vec<String>,
    /// The legal bases for the resolution, as cited (`Điều 99 Luật Đất đai 2024`).
    pub legal_bases: Vec<String>,
    pub findings: Vec<ContentFinding>,
    pub outcome: DecisionOutcome,
    /// What is kept, amended or annulled, or which act ends.
    pub outcome_detail: String,
    /// Compensation (bồi thường), if any.
    pub compensation: Option<String>,
    /// Second time only.
    pub first_decision: Option<FirstDecisionOnPaper>,
    /// Who hears a second complaint. Empty from 01/07/2026 prints `Chủ tịch Ủy ban nhân dân
    /// tỉnh` (Luật Khiếu nại Đ.21 k.2 as amended by Luật 136/2025); before that date the law
    /// named the district chairman, whose office no longer exists — the caller must say.
    pub second_instance: String,
    pub executors: Vec<String>,
}

fn reform() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 1).unwrap_or_default()
}

/// Quyết định giải quyết khiếu nại lần đầu (Luật Khiếu nại Đ.31).
pub fn complaint_decision_first(d: &ComplaintDecisionData) -> Document {
    build(d, false)
}

/// Quyết định giải quyết khiếu nại lần hai (Luật Khiếu nại Đ.40).
pub fn complaint_decision_second(d: &ComplaintDecisionData) -> Document {
    build(d, true)
}

fn build(d: &ComplaintDecisionData, is_second: bool) -> Document {
    let nth = if is_second {
        "lần hai"
    } else {
        "lần đầu"
    };
    let mut doc = start(
        &d.head,
        &d.number,
        d.date,
        "QUYẾT ĐỊNH",
        &format!(
            "Về việc giải quyết khiếu nại của {} ({nth})",
            d.complainant.name.trim()
        ),
    );
    let art = if is_second {
        "Điều 40"
    } else {
        "Điều 31"
    };
    let mut bases = vec![
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;".to_string(),
        format!(
            "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011, được sửa đổi, bổ sung năm 2025, \
             {art};"
        ),
    ];
    for b in &d.legal_bases {
        bases.push(format!("Căn cứ {};", b.trim().trim_end_matches([';', '.'])));
    }
    bases.push(format!(
        "Xét đơn khiếu nại ngày {} của {}.",
        dmy(d.matter.received_on),
        d.complainant.name.trim()
    ));
    decision_head(&mut doc, &d.head, &bases);

    // b, c: the parties and the content.
    let mut s1 = Section::new("I. NỘI DUNG KHIẾU NẠI")
        .para(Paragraph::dash(format!(
            "Người khiếu nại: {}.",
            d.complainant.line()
        )))
        .para(Paragraph::dash(format!(
            "Người bị khiếu nại: {}.",
            d.complained_of.line()
        )))
        .para(Paragraph::dash(format!(
            "Quyết định hành chính, hành vi hành chính bị khiếu nại: {}",
            sentence(&d.complained_decision)
        )));
    if !d.contents.is_empty() {
        s1 = s1
            .para(Paragraph::dash("Nội dung khiếu nại:"))
            .paras(lettered(&d.contents));
    }
    doc.sections.push(s1);
    let mut n = 2;
    if is_second {
        if let Some(f) = &d.first_decision {
            doc.sections.push(
                Section::new("II. KẾT QUẢ GIẢI QUYẾT KHIẾU NẠI LẦN ĐẦU").para(Paragraph::text(
                    format!(
                        "{} đã ban hành Quyết định {}: {}",
                        f.by.trim(),
                        f.reference.cite(),
                        sentence(&f.summary)
                    ),
                )),
            );
            n += 1;
        }
    }
    let roman = |n: usize| crate::reports::roman(n);
    doc.sections.push(
        Section::new(format!("{}. KẾT QUẢ XÁC MINH NỘI DUNG KHIẾU NẠI", roman(n)))
            .paras(d.verification.iter().map(|v| Paragraph::text(sentence(v)))),
    );
    n += 1;
    if !d.dialogue.is_empty() {
        doc.sections.push(
            Section::new(format!("{}. KẾT QUẢ ĐỐI THOẠI", roman(n)))
                .paras(d.dialogue.iter().map(|v| Paragraph::text(sentence(v)))),
        );
        n += 1;
    }
    let mut concl = Section::new(format!("{}. KẾT LUẬN", roman(n)));
    for f in &d.findings {
        concl = concl.para(Paragraph::dash(f.line("khiếu nại")));
    }
    if let (true, Some(f)) = (is_second, &d.first_decision) {
        concl = concl.para(Paragraph::dash(format!(
            "Quyết định giải quyết khiếu nại lần đầu {} của {} là {}.",
            f.reference.cite(),
            f.by.trim(),
            f.finding.label()
        )));
    }
    concl = concl.para(Paragraph::text("Từ những nhận định và căn cứ trên,"));
    concl = concl.para(decides());
    // h, i, k and execution.
    concl = concl.para(article(
        1,
        format!(
            "{} {}: {}",
            d.outcome.label(),
            if d.outcome == DecisionOutcome::EndAct {
                "hành vi hành chính bị khiếu nại"
            } else {
                "quyết định hành chính bị khiếu nại"
            },
            sentence(&d.outcome_detail)
        ),
    ));
    let mut k = 2;
    concl = concl.para(article(
        k,
        match &d.compensation {
            Some(c) => format!("Về bồi thường thiệt hại: {}", sentence(c)),
            None => "Về bồi thường thiệt hại: không có.".to_string(),
        },
    ));
    k += 1;
    concl = concl.para(article(k, rights(d, is_second)));
    k += 1;
    concl = concl.para(article(
        k,
        format!(
            "Quyết định này có hiệu lực kể từ ngày ký. {} chịu trách nhiệm thi hành Quyết định \
             này./.",
            d.executors
                .iter()
                .map(|e| e.trim())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ));
    doc.sections.push(concl);
    let mut r = vec![format!("Như Điều {k}")];
    r.extend(d.head.recipients.iter().cloned());
    doc.recipients = r;
    doc
}

/// Đ.31 k.2 k / Đ.33: complain a second time or sue; Đ.40 k.2: sue.
fn rights(d: &ComplaintDecisionData, is_second: bool) -> String {
    if is_second {
        return format!(
            "Trong thời hạn quy định, nếu không đồng ý với Quyết định này, {} có quyền khởi kiện \
             vụ án hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính.",
            d.complainant.name.trim()
        );
    }
    let to = if d.second_instance.trim().is_empty() && d.date >= reform() {
        "Chủ tịch Ủy ban nhân dân tỉnh".to_string()
    } else {
        d.second_instance.trim().to_string()
    };
    format!(
        "Trong thời hạn 30 ngày, kể từ ngày nhận được Quyết định này (đối với vùng sâu, vùng xa \
         đi lại khó khăn thì không quá 45 ngày), nếu không đồng ý, {} có quyền khiếu nại lần hai \
         đến {to} hoặc khởi kiện vụ án hành chính tại Tòa án theo quy định của Luật Tố tụng hành \
         chính.",
        d.complainant.name.trim()
    )
}

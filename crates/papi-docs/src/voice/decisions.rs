//! The chairman's procedural decisions on a case: extending a denunciation (Luật Tố cáo
//! Đ.30 k.2–4: a complex case once by up to 30 days, an especially complex one twice by up to
//! 30 days each), suspending, resuming and terminating (complaints: Luật Khiếu nại Đ.11a as
//! added by Luật 136/2025; denunciations: Luật Tố cáo Đ.34). Suspended time is not counted;
//! after a resumption the period runs again from the resumption decision.

use chrono::NaiveDate;

use super::common::{
    article, decision_preamble, joined_reasons, start, DocRef, MatterKind, MatterOnPaper, RuleDate,
};
use crate::decree30::{Document, Paragraph};
use crate::reports::{dmy, Letterhead};

/// What the procedural decisions share.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseDecisionData {
    pub head: Letterhead,
    pub number: String,
    pub date: NaiveDate,
    /// For a denunciation the summary must hold the conduct only, never the denouncer.
    pub matter: MatterOnPaper,
    /// The case in the title's words (`tố cáo đối với ông Trần Văn Hùng`, `khiếu nại của bà
    /// Phạm Thị Lan`). For a denunciation it names the denounced person, never the denouncer.
    pub case_label: String,
    /// The acceptance (thụ lý) decision or notice.
    pub acceptance: DocRef,
    pub reasons: Vec<String>,
    /// Who carries out and who receives the decision (`Văn phòng HĐND và UBND xã`,
    /// `ông Trần Văn Hùng`).
    pub executors: Vec<String>,
    /// For a resumption: the suspension decision it ends.
    pub suspension: Option<DocRef>,
    /// For a resumption: the new deadline, counted again from this decision.
    pub new_due: Option<RuleDate>,
}

fn law_bases(d: &CaseDecisionData, articles: &str) -> Vec<String> {
    let law = if d.matter.kind == MatterKind::Denunciation {
        "Luật Tố cáo ngày 12 tháng 6 năm 2018, được sửa đổi, bổ sung năm 2025"
    } else {
        "Luật Khiếu nại ngày 11 tháng 11 năm 2011, được sửa đổi, bổ sung năm 2025"
    };
    vec![
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;".to_string(),
        format!("Căn cứ {law};"),
        format!("Căn cứ {articles};"),
        if d.matter.kind == MatterKind::Denunciation {
            format!("Căn cứ Quyết định thụ lý tố cáo {};", d.acceptance.cite())
        } else {
            format!(
                "Căn cứ Thông báo thụ lý giải quyết khiếu nại {};",
                d.acceptance.cite()
            )
        },
        "Theo đề nghị của công chức được giao tham mưu giải quyết.".to_string(),
    ]
}

fn reasons(d: &CaseDecisionData) -> String {
    joined_reasons(&d.reasons)
}

fn last_articles(doc: &mut Document, d: &CaseDecisionData, from: usize, note: &str) {
    push(doc, article(from, note));
    push(
        doc,
        article(
            from + 1,
            format!(
                "Quyết định này có hiệu lực kể từ ngày ký. {} chịu trách nhiệm thi hành Quyết \
                 định này./.",
                d.executors
                    .iter()
                    .map(|e| e.trim())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
    );
    let mut r = vec![format!("Như Điều {}", from + 1)];
    r.extend(d.head.recipients.iter().cloned());
    doc.recipients = r;
}

fn decision(d: &CaseDecisionData, subject: &str, articles: &str) -> Document {
    let mut doc = start(&d.head, &d.number, d.date, "QUYẾT ĐỊNH", subject);
    decision_preamble(&mut doc, &d.head, &law_bases(d, articles));
    doc.sections.push(crate::decree30::Section::new(""));
    doc
}

fn push(doc: &mut Document, p: Paragraph) {
    if let Some(s) = doc.sections.last_mut() {
        s.paragraphs.push(p);
    }
}

/// Which extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExtensionRound {
    /// Complex case: one extension (Đ.30 k.2).
    #[default]
    First,
    /// Especially complex case: the second extension (Đ.30 k.3).
    Second,
}

/// An extension of the time to resolve a denunciation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExtensionData {
    pub case: CaseDecisionData,
    pub round: ExtensionRound,
    /// At most 30 (Đ.30 k.2–3); the caller's rule checks it.
    pub days: u32,
    /// The deadline before and after.
    pub old_due: RuleDate,
    pub new_due: RuleDate,
}

/// Quyết định gia hạn giải quyết tố cáo (Luật Tố cáo Đ.30 k.2–4; Mẫu 01 NĐ 31/2019).
pub fn extension_decision(e: &ExtensionData) -> Document {
    let d = &e.case;
    let (nth, clause) = match e.round {
        ExtensionRound::First => ("", "khoản 2 và khoản 4 Điều 30 Luật Tố cáo"),
        ExtensionRound::Second => (" lần hai", "khoản 3 và khoản 4 Điều 30 Luật Tố cáo"),
    };
    let mut doc = decision(
        d,
        &format!("Về việc gia hạn giải quyết tố cáo{nth}"),
        clause,
    );
    push(
        &mut doc,
        article(
            1,
            format!(
                "Gia hạn{nth} thời hạn giải quyết {}, thêm {} ngày, từ ngày {} đến hết ngày {}. \
                 Lý do gia hạn: {}.",
                d.case_label.trim(),
                e.days,
                dmy(e.old_due.date.succ_opt().unwrap_or(e.old_due.date)),
                e.new_due.text(),
                reasons(d)
            ),
        ),
    );
    last_articles(
        &mut doc,
        d,
        2,
        "Quyết định gia hạn được gửi cho người tố cáo, người bị tố cáo và cơ quan, tổ chức, cá \
         nhân có liên quan.",
    );
    doc
}

/// The step a decision takes.
#[derive(Clone, Copy)]
enum Step {
    Suspend,
    Resume,
    Terminate,
}

/// The clause that allows the step: Luật Tố cáo Đ.34 k.1 (suspend), k.2 (resume), k.3
/// (terminate); Luật Khiếu nại Đ.11a k.1 (suspend and resume), k.2 (terminate).
fn case_articles(kind: MatterKind, step: Step) -> String {
    match (kind == MatterKind::Denunciation, step) {
        (true, Step::Suspend) => "khoản 1 Điều 34 Luật Tố cáo".into(),
        (true, Step::Resume) => "khoản 2 Điều 34 Luật Tố cáo".into(),
        (true, Step::Terminate) => "khoản 3 Điều 34 Luật Tố cáo".into(),
        (false, Step::Terminate) => "khoản 2 Điều 11a Luật Khiếu nại".into(),
        (false, _) => "khoản 1 Điều 11a Luật Khiếu nại".into(),
    }
}

fn notify_parties(kind: MatterKind) -> &'static str {
    if kind == MatterKind::Denunciation {
        "Quyết định được gửi cho người tố cáo, người bị tố cáo và cơ quan, tổ chức, cá nhân có \
         liên quan trong thời hạn 05 ngày làm việc kể từ ngày ban hành (khoản 4 Điều 34 Luật Tố \
         cáo)."
    } else {
        "Quyết định được gửi cho người khiếu nại, người bị khiếu nại và cơ quan, tổ chức, cá nhân \
         có liên quan trong thời hạn 03 ngày làm việc kể từ ngày ban hành."
    }
}

/// Quyết định tạm đình chỉ việc giải quyết (KN Đ.11a k.1; TC Đ.34 k.1). The suspended time
/// is not counted in the period.
pub fn suspension_decision(d: &CaseDecisionData) -> Document {
    let verb = verb(d.matter.kind);
    let mut doc = decision(
        d,
        &format!("Về việc tạm đình chỉ việc giải quyết {verb}"),
        &case_articles(d.matter.kind, Step::Suspend),
    );
    push(
        &mut doc,
        article(
            1,
            format!(
                "Tạm đình chỉ việc giải quyết {} kể từ ngày ký Quyết định này. Lý do: {}. Thời \
                 gian tạm đình chỉ không tính vào thời hạn giải quyết.",
                d.case_label.trim(),
                reasons(d)
            ),
        ),
    );
    last_articles(&mut doc, d, 2, notify_parties(d.matter.kind));
    doc
}

/// Quyết định tiếp tục giải quyết: the period runs again from this decision.
pub fn resumption_decision(d: &CaseDecisionData) -> Document {
    let verb = verb(d.matter.kind);
    let mut doc = decision(
        d,
        &format!("Về việc tiếp tục giải quyết {verb}"),
        &case_articles(d.matter.kind, Step::Resume),
    );
    let suspended = d
        .suspension
        .as_ref()
        .map(|s| format!(" (đã tạm đình chỉ theo Quyết định {})", s.cite()))
        .unwrap_or_default();
    let mut text = format!(
        "Tiếp tục giải quyết {}{suspended} kể từ ngày ký Quyết định này, vì lý do tạm đình chỉ \
         không còn: {}.",
        d.case_label.trim(),
        reasons(d)
    );
    if let Some(due) = &d.new_due {
        text.push_str(&format!(
            " Thời hạn giải quyết được tính tiếp kể từ ngày ban hành Quyết định này, chậm nhất \
             ngày {}.",
            due.text()
        ));
    }
    push(&mut doc, article(1, text));
    last_articles(&mut doc, d, 2, notify_parties(d.matter.kind));
    doc
}

/// Quyết định đình chỉ việc giải quyết (KN Đ.11a k.2; TC Đ.34 k.3).
pub fn termination_decision(d: &CaseDecisionData) -> Document {
    let verb = verb(d.matter.kind);
    let mut doc = decision(
        d,
        &format!("Về việc đình chỉ việc giải quyết {verb}"),
        &case_articles(d.matter.kind, Step::Terminate),
    );
    push(
        &mut doc,
        article(
            1,
            format!(
                "Đình chỉ việc giải quyết {}. Lý do: {}.",
                d.case_label.trim(),
                reasons(d)
            ),
        ),
    );
    last_articles(&mut doc, d, 2, notify_parties(d.matter.kind));
    doc
}

fn verb(kind: MatterKind) -> &'static str {
    if kind == MatterKind::Denunciation {
        "tố cáo"
    } else {
        "khiếu nại"
    }
}

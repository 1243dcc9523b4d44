//! The Decree-30 documents of a matter, built from the case by papi-docs: what the law has the
//! commune send at each step (receipt, acceptance or refusal, transfer, procedural decisions,
//! the complaint decision, the denunciation's conclusion), filled from the matter, its file,
//! its clocks and the commune. Numbers are left as `…/TB-UBND` for the office's register.
//!
//! The denouncer's identity never reaches a document, except the acceptance notice addressed
//! to the denouncer, which only the custodian may print and which opens the sealed record
//! through [`super::open_identity`], so the opening is logged (Luật Tố cáo Đ.29 k.3, Đ.47,
//! Đ.56).

use chrono::NaiveDate;
use papi_core::voice::{Channel, Clock, Matter, MatterKind, MatterStep, Stage, StepKind};
use papi_core::{Actor, Role};
use papi_docs::decree30::{write_docx, Document, Signature};
use papi_docs::reports::Letterhead;
use papi_docs::voice as docs;

use super::MatterView;
use crate::error::{Error, Result};
use crate::App;

/// The documents a matter may print, each tied to the step of the law that calls for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VoiceDoc {
    /// Giấy biên nhận: every matter received.
    Receipt,
    /// Thông báo kết quả tiếp nhận, xử lý (Luật Tiếp công dân Đ.28): matters received at the
    /// reception place.
    ReceptionNotice,
    /// Thông báo thụ lý giải quyết khiếu nại (Luật Khiếu nại Đ.27, Đ.36).
    AcceptanceNotice,
    /// Thông báo không thụ lý giải quyết khiếu nại (Luật Khiếu nại Đ.27, Đ.11).
    RefusalNotice,
    /// Thông báo thụ lý tố cáo to the denouncer (Luật Tố cáo Đ.29 k.3): custodian only.
    DenouncerNotice,
    /// Thông báo nội dung tố cáo to the denounced person (Đ.29 k.3).
    DenouncedNotice,
    /// Phiếu chuyển đơn to the competent body.
    TransferLetter,
    /// Quyết định gia hạn giải quyết tố cáo (Đ.30).
    Extension,
    Suspension,
    Resumption,
    Termination,
    /// Quyết định giải quyết khiếu nại lần đầu (Luật Khiếu nại Đ.31).
    DecisionFirst,
    /// Quyết định giải quyết khiếu nại lần hai (Đ.40).
    DecisionSecond,
    /// Kết luận nội dung tố cáo (Luật Tố cáo Đ.35).
    Conclusion,
    /// Its published copy (Đ.40).
    ConclusionPublished,
    /// Biên bản đối thoại (Luật Khiếu nại Đ.30, Đ.39), from the last dialogue recorded.
    DialogueMinutes,
}

impl VoiceDoc {
    pub const ALL: [VoiceDoc; 16] = [
        VoiceDoc::Receipt,
        VoiceDoc::ReceptionNotice,
        VoiceDoc::AcceptanceNotice,
        VoiceDoc::RefusalNotice,
        VoiceDoc::DenouncerNotice,
        VoiceDoc::DenouncedNotice,
        VoiceDoc::TransferLetter,
        VoiceDoc::Extension,
        VoiceDoc::Suspension,
        VoiceDoc::Resumption,
        VoiceDoc::Termination,
        VoiceDoc::DecisionFirst,
        VoiceDoc::DecisionSecond,
        VoiceDoc::Conclusion,
        VoiceDoc::ConclusionPublished,
        VoiceDoc::DialogueMinutes,
    ];

    /// The code in the download's address and the start of its file name (ASCII).
    pub fn code(self) -> &'static str {
        match self {
            VoiceDoc::Receipt => "bien-nhan",
            VoiceDoc::ReceptionNotice => "thong-bao-tiep-nhan",
            VoiceDoc::AcceptanceNotice => "thong-bao-thu-ly",
            VoiceDoc::RefusalNotice => "thong-bao-khong-thu-ly",
            VoiceDoc::DenouncerNotice => "thong-bao-thu-ly-nguoi-to-cao",
            VoiceDoc::DenouncedNotice => "thong-bao-nguoi-bi-to-cao",
            VoiceDoc::TransferLetter => "phieu-chuyen-don",
            VoiceDoc::Extension => "quyet-dinh-gia-han",
            VoiceDoc::Suspension => "quyet-dinh-tam-dinh-chi",
            VoiceDoc::Resumption => "quyet-dinh-tiep-tuc",
            VoiceDoc::Termination => "quyet-dinh-dinh-chi",
            VoiceDoc::DecisionFirst => "quyet-dinh-giai-quyet-lan-dau",
            VoiceDoc::DecisionSecond => "quyet-dinh-giai-quyet-lan-hai",
            VoiceDoc::Conclusion => "ket-luan",
            VoiceDoc::ConclusionPublished => "ket-luan-cong-khai",
            VoiceDoc::DialogueMinutes => "bien-ban-doi-thoai",
        }
    }

    pub fn parse(code: &str) -> Option<VoiceDoc> {
        VoiceDoc::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            VoiceDoc::Receipt => "Giấy biên nhận",
            VoiceDoc::ReceptionNotice => "Thông báo kết quả tiếp nhận, xử lý",
            VoiceDoc::AcceptanceNotice => "Thông báo thụ lý giải quyết khiếu nại",
            VoiceDoc::RefusalNotice => "Thông báo không thụ lý giải quyết khiếu nại",
            VoiceDoc::DenouncerNotice => "Thông báo thụ lý tố cáo (gửi người tố cáo)",
            VoiceDoc::DenouncedNotice => "Thông báo nội dung tố cáo (gửi người bị tố cáo)",
            VoiceDoc::TransferLetter => "Phiếu chuyển đơn",
            VoiceDoc::Extension => "Quyết định gia hạn giải quyết tố cáo",
            VoiceDoc::Suspension => "Quyết định tạm đình chỉ việc giải quyết",
            VoiceDoc::Resumption => "Quyết định tiếp tục giải quyết",
            VoiceDoc::Termination => "Quyết định đình chỉ việc giải quyết",
            VoiceDoc::DecisionFirst => "Quyết định giải quyết khiếu nại lần đầu",
            VoiceDoc::DecisionSecond => "Quyết định giải quyết khiếu nại lần hai",
            VoiceDoc::Conclusion => "Kết luận nội dung tố cáo",
            VoiceDoc::ConclusionPublished => "Kết luận nội dung tố cáo (bản công khai)",
            VoiceDoc::DialogueMinutes => "Biên bản đối thoại",
        }
    }

    /// Whether the matter has reached the step that calls for this document.
    pub fn applies_to(self, m: &Matter, steps: &[MatterStep]) -> bool {
        let has = |k: StepKind| steps.iter().any(|s| s.kind == k);
        let case = matches!(m.kind, MatterKind::Complaint | MatterKind::Denunciation);
        let complaint = m.kind == MatterKind::Complaint;
        let denunciation = m.kind == MatterKind::Denunciation;
        match self {
            VoiceDoc::Receipt => true,
            VoiceDoc::ReceptionNotice => m.channel == Channel::Reception,
            VoiceDoc::AcceptanceNotice => complaint && has(StepKind::Accept),
            VoiceDoc::RefusalNotice => complaint && has(StepKind::Refuse),
            VoiceDoc::DenouncerNotice | VoiceDoc::DenouncedNotice => {
                denunciation && has(StepKind::Accept)
            }
            VoiceDoc::TransferLetter => has(StepKind::Transfer),
            VoiceDoc::Extension => denunciation && has(StepKind::Extend),
            VoiceDoc::Suspension => case && has(StepKind::Suspend),
            VoiceDoc::Resumption => case && has(StepKind::Resume),
            VoiceDoc::Termination => case && has(StepKind::Terminate),
            VoiceDoc::DecisionFirst => complaint && m.round < 2 && has(StepKind::Decide),
            VoiceDoc::DecisionSecond => complaint && m.round >= 2 && has(StepKind::Decide),
            VoiceDoc::Conclusion | VoiceDoc::ConclusionPublished => {
                denunciation && has(StepKind::Conclude)
            }
            VoiceDoc::DialogueMinutes => complaint && has(StepKind::Dialogue),
        }
    }

    /// The download's file name: `thong-bao-thu-ly-KN-2026-AB12CD34.docx`.
    pub fn file_name(self, m: &Matter) -> String {
        let code: String = m
            .code
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
            .collect();
        format!("{}-{code}.docx", self.code())
    }
}

/// The documents this user may print for the matter now. The denouncer's notice is the
/// custodian's alone: it carries the sealed identity.
pub fn available(view: &MatterView) -> Vec<VoiceDoc> {
    VoiceDoc::ALL
        .into_iter()
        .filter(|d| d.applies_to(&view.matter, &view.steps))
        .filter(|d| *d != VoiceDoc::DenouncerNotice || view.can_open_identity)
        .collect()
}

/// Why the custodian opens the sealed record to print the denouncer's notice; written to the
/// restricted log.
pub const DENOUNCER_NOTICE_PURPOSE: &str = "In thông báo thụ lý cho người tố cáo";

/// Builds one document of a matter the user may see, as DOCX: `(file name, bytes)`. `NotFound`
/// when the user may not see the matter or the document does not apply to it yet;
/// `Forbidden` for the denouncer's notice to anyone but the custodian.
pub async fn build(app: &App, actor: &Actor, id: i64, doc: VoiceDoc) -> Result<(String, Vec<u8>)> {
    let view = super::view(app, actor, id).await?;
    if !doc.applies_to(&view.matter, &view.steps) {
        return Err(Error::NotFound);
    }
    if doc == VoiceDoc::DenouncerNotice && !view.can_open_identity {
        return Err(Error::Forbidden);
    }
    let ctx = Ctx::load(app, &view).await?;
    let document = match doc {
        VoiceDoc::Receipt => docs::receipt(&ctx.receipt()),
        VoiceDoc::ReceptionNotice => docs::reception_notice(&ctx.reception_notice()),
        VoiceDoc::AcceptanceNotice => docs::acceptance_notice(&ctx.complaint_notice(true)),
        VoiceDoc::RefusalNotice => docs::refusal_notice(&docs::RefusalData {
            notice: ctx.complaint_notice(false),
            grounds: vec![],
            explanation: ctx.text_of(StepKind::Refuse),
        }),
        VoiceDoc::DenouncerNotice => {
            let (identity, _) =
                super::open_identity(app, actor, id, DENOUNCER_NOTICE_PURPOSE).await?;
            docs::denunciation_acceptance_notice(&ctx.denouncer_notice(docs::PersonOnPaper {
                name: identity.name,
                address: identity.address,
                id_number: identity.id_number,
            }))
        }
        VoiceDoc::DenouncedNotice => docs::denounced_person_notice(&ctx.denounced_notice()),
        VoiceDoc::TransferLetter => docs::transfer_letter(&ctx.transfer()),
        VoiceDoc::Extension => docs::extension_decision(&ctx.extension(app)),
        VoiceDoc::Suspension => docs::suspension_decision(&ctx.case_decision(StepKind::Suspend)),
        VoiceDoc::Resumption => docs::resumption_decision(&ctx.case_decision(StepKind::Resume)),
        VoiceDoc::Termination => {
            docs::termination_decision(&ctx.case_decision(StepKind::Terminate))
        }
        VoiceDoc::DecisionFirst => docs::complaint_decision_first(&ctx.complaint_decision()?),
        VoiceDoc::DecisionSecond => docs::complaint_decision_second(&ctx.complaint_decision()?),
        VoiceDoc::Conclusion => docs::denunciation_conclusion(&ctx.conclusion()),
        VoiceDoc::ConclusionPublished => docs::denunciation_conclusion_published(&ctx.conclusion()),
        VoiceDoc::DialogueMinutes => {
            let last = super::dialogue::list(app, actor, id)
                .await?
                .pop()
                .ok_or(Error::NotFound)?;
            docs::dialogue_minutes(&super::dialogue::minutes(
                ctx.head.clone(),
                &view.matter,
                &last,
            ))
        }
    };
    Ok((doc.file_name(&view.matter), docx(&document)?))
}

fn docx(doc: &Document) -> Result<Vec<u8>> {
    write_docx(doc).map_err(|e| Error::Internal(anyhow::anyhow!("{e}")))
}

/// What every document of the matter reads: the case (as this user may see it), the commune's
/// letterhead and the unit verifying.
struct Ctx {
    matter: Matter,
    steps: Vec<MatterStep>,
    clocks: Vec<Clock>,
    head: Letterhead,
    today: NaiveDate,
    unit: String,
    /// The official who entered the matter (the chairman for the public form).
    contact: docs::ContactOnPaper,
}

impl Ctx {
    async fn load(app: &App, view: &MatterView) -> Result<Ctx> {
        let m = &view.matter;
        let commune = papi_store::org::commune(&app.store, m.commune_id).await?;
        let users = papi_store::org::users(&app.store, m.commune_id).await?;
        let chairman = users
            .iter()
            .find(|u| u.role == Role::Chairman && u.active)
            .map(|u| u.full_name.clone())
            .unwrap_or_default();
        let unit = match m.unit_id {
            Some(u) => papi_store::org::units(&app.store, m.commune_id)
                .await?
                .into_iter()
                .find(|x| x.id == u)
                .map(|x| x.name)
                .unwrap_or_default(),
            None => String::new(),
        };
        let entered = users
            .iter()
            .find(|u| Some(u.id) == m.entered_by)
            .or_else(|| users.iter().find(|u| u.role == Role::Chairman && u.active));
        let contact = docs::ContactOnPaper {
            name: entered.map(|u| u.full_name.clone()).unwrap_or_default(),
            position: entered
                .map(|u| u.role.label().to_string())
                .unwrap_or_default(),
            phone: String::new(),
        };
        let kind = commune.kind.label();
        // The same letterhead as the commune's plan and reports, signed by the chairman.
        let head = Letterhead {
            issuer_parent: format!("UBND TỈNH {}", commune.province.to_uppercase()),
            issuer: format!(
                "ỦY BAN NHÂN DÂN {} {}",
                kind.to_uppercase(),
                commune.name.to_uppercase()
            ),
            issuer_short: format!("UBND {}", commune.full_name()),
            place: commune.name.clone(),
            recipients: vec!["Lưu: VT, hồ sơ vụ việc".into()],
            signature: Signature {
                authority: "TM. ỦY BAN NHÂN DÂN".into(),
                position: "CHỦ TỊCH".into(),
                deputy: false,
                signer_name: chairman,
            },
        };
        Ok(Ctx {
            matter: view.matter.clone(),
            steps: view.steps.clone(),
            clocks: view.clocks.clone(),
            head,
            today: app.today(),
            unit,
            contact,
        })
    }

    fn is_denunciation(&self) -> bool {
        self.matter.kind == MatterKind::Denunciation
    }

    fn last(&self, kind: StepKind) -> Option<&MatterStep> {
        self.steps.iter().rev().find(|s| s.kind == kind)
    }

    /// The text of the last step of a kind (the reason, decision or note typed with it).
    fn text_of(&self, kind: StepKind) -> String {
        self.last(kind).map(|s| s.text.clone()).unwrap_or_default()
    }

    /// The date of the last step of a kind: the document's date.
    fn date_of(&self, kind: StepKind) -> NaiveDate {
        self.last(kind).map(|s| s.on).unwrap_or(self.today)
    }

    /// Every non-empty text of the steps of a kind, in order.
    fn texts(&self, kinds: &[StepKind]) -> Vec<String> {
        self.steps
            .iter()
            .filter(|s| kinds.contains(&s.kind) && !s.text.trim().is_empty())
            .map(|s| s.text.trim().to_string())
            .collect()
    }

    /// The due date of a clock by its rule, with the rule's source and status.
    fn rule_date(&self, rule_id: &str) -> Option<docs::RuleDate> {
        self.clocks
            .iter()
            .find(|c| c.rule_id == rule_id)
            .and_then(clock_date)
    }

    fn on_paper(&self) -> docs::MatterOnPaper {
        let m = &self.matter;
        docs::MatterOnPaper {
            code: m.code.clone(),
            kind: match m.kind {
                MatterKind::Feedback => docs::MatterKind::Feedback,
                MatterKind::Complaint if m.round >= 2 => docs::MatterKind::ComplaintSecond,
                MatterKind::Complaint => docs::MatterKind::ComplaintFirst,
                MatterKind::Denunciation => docs::MatterKind::Denunciation,
            },
            received_on: m.received_on,
            channel_label: lower_first(m.channel.label()),
            // For a denunciation the content is already the redacted copy.
            summary: if m.content.trim().is_empty() {
                m.title.clone()
            } else {
                m.content.clone()
            },
        }
    }

    /// The person a document names: the requester for feedback and complaints; for a
    /// denunciation nobody, only the statement that the identity is kept secret.
    fn person(&self) -> docs::PersonOnPaper {
        if self.is_denunciation() {
            return docs::PersonOnPaper {
                name: "họ tên, địa chỉ được giữ bí mật (Điều 47, Điều 56 Luật Tố cáo)".into(),
                ..Default::default()
            };
        }
        let r = &self.matter.requester;
        docs::PersonOnPaper {
            name: r.name.clone(),
            address: r.address.clone(),
            id_number: r.id_number.clone(),
        }
    }

    /// The denounced person or the body complained of, as written in the register.
    fn respondent(&self) -> String {
        let r = self.matter.respondent.trim();
        if r.is_empty() {
            "người bị tố cáo".into()
        } else {
            r.to_string()
        }
    }

    /// The register's `Ông Lê Văn Hùng, công chức Văn hóa - Xã hội` as name and position; the
    /// position is empty when none was written.
    fn respondent_parts(&self) -> (String, String) {
        let r = self.respondent();
        match r.split_once(',') {
            Some((name, position)) if !position.trim().is_empty() => {
                (name.trim().to_string(), position.trim().to_string())
            }
            _ => (r, String::new()),
        }
    }

    fn acceptance(&self, number: &str) -> docs::DocRef {
        docs::DocRef {
            number: number.into(),
            date: self.date_of(StepKind::Accept),
        }
    }

    fn contents(&self) -> Vec<String> {
        vec![self.on_paper().summary]
    }

    fn receipt(&self) -> docs::ReceiptData {
        docs::ReceiptData {
            head: self.head.clone(),
            number: "…/GBN-UBND".into(),
            date: self.matter.received_on,
            person: self.person(),
            matter: self.on_paper(),
            items: vec![],
            // The first clock is the one that answers the resident: TCD-REPLY, thụ lý, or the
            // commune's acknowledgement time.
            reply_by: self
                .clocks
                .first()
                .and_then(clock_date)
                .unwrap_or_else(|| plain_date(self.matter.received_on)),
            contact: self.contact.clone(),
        }
    }

    fn reception_notice(&self) -> docs::ReceptionNoticeData {
        let m = &self.matter;
        let resolve = ["KN-GQ-1", "KN-GQ-2", "TC-GQ"]
            .iter()
            .find_map(|r| self.rule_date(r));
        let outcome = if let Some(t) = self.last(StepKind::Transfer) {
            docs::ReceptionOutcome::Transferred {
                to: t.text.clone(),
                reason: t.text.clone(),
            }
        } else if let Some(r) = self.last(StepKind::Refuse) {
            docs::ReceptionOutcome::Refused {
                reason: r.text.clone(),
            }
        } else if let (true, Some(due)) = (
            matches!(
                m.stage,
                Stage::Received | Stage::Acknowledged | Stage::Assigned
            ),
            self.clocks.first().and_then(clock_date),
        ) {
            docs::ReceptionOutcome::NeedsTime {
                until: due,
                reason: "vụ việc đang được phân loại, xem xét điều kiện thụ lý".into(),
            }
        } else {
            docs::ReceptionOutcome::Accepted {
                handler: if self.unit.is_empty() {
                    self.head.issuer_short.clone()
                } else {
                    self.unit.clone()
                },
                resolve_by: resolve
                    .or_else(|| self.clocks.last().and_then(clock_date))
                    .unwrap_or_else(|| plain_date(self.today)),
            }
        };
        docs::ReceptionNoticeData {
            head: self.head.clone(),
            number: "…/TB-UBND".into(),
            date: self.today,
            person: self.person(),
            matter: self.on_paper(),
            session_on: None,
            presided_by: String::new(),
            directions: vec![],
            outcome,
        }
    }

    fn complaint_notice(&self, accepted: bool) -> docs::ComplaintNoticeData {
        let m = &self.matter;
        docs::ComplaintNoticeData {
            head: self.head.clone(),
            number: "…/TB-UBND".into(),
            date: self.date_of(if accepted {
                StepKind::Accept
            } else {
                StepKind::Refuse
            }),
            complainant: self.person(),
            matter: self.on_paper(),
            complained_of: complained_of(m),
            referrer: (!m.referrer.trim().is_empty()).then(|| m.referrer.clone()),
            resolve_by: if accepted {
                self.rule_date(if m.round >= 2 { "KN-GQ-2" } else { "KN-GQ-1" })
            } else {
                None
            },
        }
    }

    fn resolve_by(&self) -> docs::RuleDate {
        self.rule_date("TC-GQ")
            .unwrap_or_else(|| plain_date(self.date_of(StepKind::Accept)))
    }

    fn denouncer_notice(&self, denouncer: docs::PersonOnPaper) -> docs::DenunciationNoticeData {
        docs::DenunciationNoticeData {
            head: self.head.clone(),
            number: "…/TB-UBND".into(),
            date: self.date_of(StepKind::Accept),
            denouncer,
            matter: self.on_paper(),
            acceptance: self.acceptance("…/QĐ-UBND"),
            denounced: self.respondent(),
            contents: self.contents(),
            resolve_by: self.resolve_by(),
        }
    }

    fn denounced_notice(&self) -> docs::DenouncedNoticeData {
        let (name, position) = self.respondent_parts();
        docs::DenouncedNoticeData {
            head: self.head.clone(),
            number: "…/TB-UBND".into(),
            date: self.date_of(StepKind::Accept),
            denounced: docs::PersonOnPaper {
                name,
                ..Default::default()
            },
            // The notice prints "Kính gửi: name, position."
            position: if position.is_empty() {
                "người bị tố cáo".into()
            } else {
                position
            },
            acceptance: self.acceptance("…/QĐ-UBND"),
            contents: self.contents(),
            resolve_by: self.resolve_by(),
        }
    }

    fn transfer(&self) -> docs::TransferData {
        let reason = self.text_of(StepKind::Transfer);
        docs::TransferData {
            head: self.head.clone(),
            number: "…/PC-UBND".into(),
            date: self.date_of(StepKind::Transfer),
            matter: self.on_paper(),
            to_body: "cơ quan có thẩm quyền".into(),
            reason,
            // `transfer_letter` ignores the sender of a denunciation; none is passed anyway.
            sender: (!self.is_denunciation()).then(|| self.person()),
            enclosures: vec![],
        }
    }

    /// The procedural decision taken by the last step of `kind`.
    fn case_decision(&self, kind: StepKind) -> docs::CaseDecisionData {
        let m = &self.matter;
        let case_label = if self.is_denunciation() {
            format!("tố cáo đối với {}", self.respondent())
        } else {
            format!("khiếu nại của {}", m.requester.name.trim())
        };
        let text = self.text_of(kind);
        let suspension = (kind == StepKind::Resume)
            .then(|| self.last(StepKind::Suspend))
            .flatten()
            .map(|s| docs::DocRef {
                number: "…/QĐ-UBND".into(),
                date: s.on,
            });
        let new_due = if kind == StepKind::Resume {
            ["KN-GQ-1", "KN-GQ-2", "TC-GQ"]
                .iter()
                .find_map(|r| self.rule_date(r))
        } else {
            None
        };
        docs::CaseDecisionData {
            head: self.head.clone(),
            number: "…/QĐ-UBND".into(),
            date: self.date_of(kind),
            matter: self.on_paper(),
            case_label,
            acceptance: self.acceptance(if self.is_denunciation() {
                "…/QĐ-UBND"
            } else {
                "…/TB-UBND"
            }),
            reasons: if text.trim().is_empty() {
                vec![]
            } else {
                vec![text]
            },
            executors: vec![if self.unit.is_empty() {
                "Văn phòng HĐND và UBND xã".to_string()
            } else {
                self.unit.clone()
            }],
            suspension,
            new_due,
        }
    }

    /// The last extension: the deadline before it and after it, from the TC-GQ rule with one
    /// extension fewer and with all of them.
    fn extension(&self, app: &App) -> docs::ExtensionData {
        let n = Matter::extensions(&self.steps);
        let accepted = self.date_of(StepKind::Accept);
        let cal = app.calendar();
        let with = |extensions: u8| {
            let facts = papi_calendar::rules::CaseFacts {
                extensions,
                ..Default::default()
            };
            cal.deadline("TC-GQ", accepted, facts)
                .ok()
                .map(|d| docs::RuleDate {
                    date: d.due,
                    rule_id: "TC-GQ".into(),
                    source: d.source.clone(),
                    status: d.status.to_string(),
                })
        };
        let old_due = with(n.saturating_sub(1)).unwrap_or_else(|| plain_date(accepted));
        let new_due = with(n).unwrap_or_else(|| old_due.clone());
        let days = (new_due.date - old_due.date).num_days().max(0) as u32;
        docs::ExtensionData {
            case: self.case_decision(StepKind::Extend),
            round: if n >= 2 {
                docs::ExtensionRound::Second
            } else {
                docs::ExtensionRound::First
            },
            days,
            old_due,
            new_due,
        }
    }

    /// The complaint decision from the matter's file. What the decision does (keep, amend,
    /// annul, end the act) is read from the start of the decision's text: it is not guessed.
    fn complaint_decision(&self) -> Result<docs::ComplaintDecisionData> {
        let m = &self.matter;
        let decided = self.text_of(StepKind::Decide);
        let (outcome, detail) = outcome_of(&decided).ok_or_else(|| {
            Error::Invalid(format!(
                "Nội dung quyết định giải quyết khiếu nại (bước “{}”) phải bắt đầu bằng một trong \
                 các kết quả: {}, để in đúng Điều 1 của quyết định.",
                StepKind::Decide.label(),
                OUTCOMES
                    .iter()
                    .map(|o| format!("“{}”", o.label()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        Ok(docs::ComplaintDecisionData {
            head: self.head.clone(),
            number: "…/QĐ-UBND".into(),
            date: self.date_of(StepKind::Decide),
            matter: self.on_paper(),
            complainant: self.person(),
            complained_of: docs::PersonOnPaper {
                name: self.respondent(),
                ..Default::default()
            },
            complained_decision: complained_of(m),
            contents: self.contents(),
            verification: self.texts(&[StepKind::Verify]),
            dialogue: self.texts(&[StepKind::Dialogue]),
            legal_bases: vec![],
            findings: vec![],
            outcome,
            outcome_detail: detail,
            compensation: None,
            first_decision: None,
            second_instance: second_instance(self.date_of(StepKind::Decide)),
            executors: vec![
                m.requester.name.trim().to_string(),
                if self.unit.is_empty() {
                    "Văn phòng HĐND và UBND xã".to_string()
                } else {
                    self.unit.clone()
                },
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect(),
        })
    }

    /// The conclusion from the file: verification notes, the conclusion as the handler wrote
    /// it, the measures taken on it. No field can carry the denouncer.
    fn conclusion(&self) -> docs::ConclusionData {
        let (denounced_name, denounced_position) = self.respondent_parts();
        docs::ConclusionData {
            head: self.head.clone(),
            number: "…/KL-UBND".into(),
            date: self.date_of(StepKind::Conclude),
            acceptance: self.acceptance("…/QĐ-UBND"),
            denounced_name,
            denounced_position,
            verified_by: if self.unit.is_empty() {
                "người được giao xác minh".into()
            } else {
                self.unit.clone()
            },
            verification: self.texts(&[StepKind::Verify, StepKind::Note]),
            legal_bases: vec![],
            findings: vec![],
            violations: self.texts(&[StepKind::Conclude]),
            responsibility: vec![],
            measures: self.texts(&[StepKind::Handle]),
        }
    }
}

/// The decision or act complained of, as the register's summary gives it, without a leading
/// "Khiếu nại" (the documents say "khiếu nại …" themselves).
fn complained_of(m: &Matter) -> String {
    let t = m.title.trim();
    let folded = papi_core::text::fold(t).to_lowercase();
    let rest = if folded.starts_with("khieu nai ") {
        t.chars()
            .skip("khiếu nại ".chars().count())
            .collect::<String>()
    } else {
        t.to_string()
    };
    let rest = rest.trim().trim_start_matches("về ").trim();
    if rest.is_empty() {
        m.respondent.clone()
    } else {
        rest.to_string()
    }
}

/// Who hears a second complaint against the commune chairman's decision: the district
/// chairman before the district level ended (01/07/2025, old Luật Khiếu nại Đ.18); the
/// provincial chairman after (Đ.21 k.2 as amended by Luật 136/2025, in force 01/07/2026; for
/// 01/07/2025–30/06/2026 no text was found and the province is presumed, UNCONF in
/// `residents-voice-rules.md`).
fn second_instance(decided_on: NaiveDate) -> String {
    let districts_end = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or(decided_on);
    if decided_on < districts_end {
        "Chủ tịch Ủy ban nhân dân huyện".into()
    } else {
        "Chủ tịch Ủy ban nhân dân tỉnh".into()
    }
}

const OUTCOMES: [docs::DecisionOutcome; 5] = [
    docs::DecisionOutcome::Keep,
    docs::DecisionOutcome::Amend,
    docs::DecisionOutcome::AnnulPart,
    docs::DecisionOutcome::AnnulAll,
    docs::DecisionOutcome::EndAct,
];

/// `Giữ nguyên Quyết định số 45…` → (Keep, `Quyết định số 45…`), compared without case or
/// diacritics.
fn outcome_of(text: &str) -> Option<(docs::DecisionOutcome, String)> {
    let t = text.trim();
    let folded = papi_core::text::fold(t).to_lowercase();
    OUTCOMES.into_iter().find_map(|o| {
        let label = papi_core::text::fold(o.label()).to_lowercase();
        folded.starts_with(&label).then(|| {
            let rest: String = t.chars().skip(o.label().chars().count()).collect();
            let rest = rest.trim_start_matches([' ', ':', ',']).trim().to_string();
            (o, rest)
        })
    })
}

/// A clock's due date with its rule, source and status; `None` while it cannot be computed
/// or is stopped.
fn clock_date(c: &Clock) -> Option<docs::RuleDate> {
    c.due.map(|date| docs::RuleDate {
        date,
        rule_id: c.rule_id.clone(),
        source: c.source.clone(),
        status: c.status.clone(),
    })
}

/// A date without a rule (printed bare).
fn plain_date(date: NaiveDate) -> docs::RuleDate {
    docs::RuleDate {
        date,
        ..Default::default()
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_names_are_ascii() {
        for d in VoiceDoc::ALL {
            assert_eq!(VoiceDoc::parse(d.code()), Some(d));
            assert!(d.code().is_ascii());
        }
        assert_eq!(VoiceDoc::parse("khong-co"), None);
    }

    #[test]
    fn the_outcome_is_read_from_the_decision_text() {
        let (o, rest) = outcome_of("Giữ nguyên Quyết định số 45/QĐ-UBND").unwrap();
        assert_eq!(o, docs::DecisionOutcome::Keep);
        assert_eq!(rest, "Quyết định số 45/QĐ-UBND");
        let (o, _) = outcome_of("hủy bỏ toàn bộ: quyết định thu hồi đất").unwrap();
        assert_eq!(o, docs::DecisionOutcome::AnnulAll);
        assert!(outcome_of("Khiếu nại đúng").is_none());
    }
}

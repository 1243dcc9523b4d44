//! Documents of the residents'-voice process (phản ánh, kiến nghị; khiếu nại lần đầu và lần
//! hai; tố cáo; tiếp công dân), built as [`crate::decree30::Document`]s from plain data the
//! caller fills from its own records; the caller writes them with
//! [`crate::decree30::write_docx`]. Nothing here reads a database or decides an outcome: the
//! dates (with their rule, source and status) and the findings come in from the caller.
//!
//! The denouncer's identity (Luật Tố cáo 2018 Đ.8 k.3, Đ.29 k.3, Đ.40 k.3, Đ.56) is kept out
//! by construction: the inputs of the documents that go to the denounced person, to the
//! public or to another body (`DenouncedNoticeData`, `ConclusionData`, `TransferData` for a
//! denunciation) have no field that could carry it.

mod common;
mod conclusion;
mod decisions;
mod dialogue;
mod notices;
mod reception;
mod register;
mod resolution;
mod transfer;

pub use common::{
    ContactOnPaper, ContentFinding, DocRef, Finding, MatterKind, MatterOnPaper, PersonOnPaper,
    RuleDate,
};
pub use conclusion::{denunciation_conclusion, denunciation_conclusion_published, ConclusionData};
pub use decisions::{
    extension_decision, resumption_decision, suspension_decision, termination_decision,
    CaseDecisionData, ExtensionData, ExtensionRound,
};
pub use dialogue::{dialogue_minutes, Attendance, DialogueData, Participant, SideOpinion};
pub use notices::{
    acceptance_notice, denounced_person_notice, denunciation_acceptance_notice, refusal_notice,
    ComplaintNoticeData, DenouncedNoticeData, DenunciationNoticeData, RefusalData, RefusalGround,
};
pub use reception::{
    receipt, reception_notice, ReceiptData, ReceptionNoticeData, ReceptionOutcome,
};
pub use register::{
    reception_register, reception_register_xlsx, RegisterData, RegisterRow, REGISTER_COLUMNS,
};
pub use resolution::{
    complaint_decision_first, complaint_decision_second, ComplaintDecisionData, DecisionOutcome,
    FirstDecisionOnPaper,
};
pub use transfer::{transfer_letter, TransferData};

/// The letterhead of every document here: the same type as the reports'.
pub use crate::reports::Letterhead as VoiceLetterhead;

//! Where a matter stands and the steps that move it, per kind, as the laws order them:
//! Luật Khiếu nại 2011 (Điều 27–44, with Điều 10, 11a as amended by Luật 136/2025/QH15), Luật
//! Tố cáo 2018 (Điều 24–40), and for feedback the commune's own acknowledge → assign → answer.

use serde::{Deserialize, Serialize};

use super::kind::MatterKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Entered in the register, not yet classified or accepted.
    Received,
    /// Feedback: the resident was told it is being dealt with.
    Acknowledged,
    /// Feedback: a unit must answer.
    Assigned,
    /// Thụ lý (complaint, denunciation).
    Accepted,
    /// Không thụ lý, with reasons.
    Refused,
    /// Sent to the competent body (once per content).
    Transferred,
    /// Xác minh.
    Verifying,
    /// Complaint: đối thoại.
    Dialogue,
    /// Complaint: quyết định giải quyết issued.
    Decided,
    /// Complaint: the decision was sent to the parties.
    Sent,
    /// Complaint: the decision took legal effect; closed.
    Effective,
    /// Complaint: challenged a second time (a linked second-time matter follows).
    Appealed,
    /// Denunciation: kết luận nội dung tố cáo.
    Concluded,
    /// Denunciation: the conclusion was acted on.
    Handled,
    /// Denunciation: the conclusion was made public; closed.
    Published,
    /// Feedback: answered.
    Answered,
    /// Feedback: closed after the answer.
    Closed,
    /// Tạm đình chỉ: the clock stops.
    Suspended,
    /// Đình chỉ.
    Terminated,
    /// Rút toàn bộ.
    Withdrawn,
    /// Linked to an earlier matter with the same person and content; not counted twice.
    Duplicate,
}

impl Stage {
    pub const ALL: [Stage; 21] = [
        Stage::Received,
        Stage::Acknowledged,
        Stage::Assigned,
        Stage::Accepted,
        Stage::Refused,
        Stage::Transferred,
        Stage::Verifying,
        Stage::Dialogue,
        Stage::Decided,
        Stage::Sent,
        Stage::Effective,
        Stage::Appealed,
        Stage::Concluded,
        Stage::Handled,
        Stage::Published,
        Stage::Answered,
        Stage::Closed,
        Stage::Suspended,
        Stage::Terminated,
        Stage::Withdrawn,
        Stage::Duplicate,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Stage::Received => "received",
            Stage::Acknowledged => "acknowledged",
            Stage::Assigned => "assigned",
            Stage::Accepted => "accepted",
            Stage::Refused => "refused",
            Stage::Transferred => "transferred",
            Stage::Verifying => "verifying",
            Stage::Dialogue => "dialogue",
            Stage::Decided => "decided",
            Stage::Sent => "sent",
            Stage::Effective => "effective",
            Stage::Appealed => "appealed",
            Stage::Concluded => "concluded",
            Stage::Handled => "handled",
            Stage::Published => "published",
            Stage::Answered => "answered",
            Stage::Closed => "closed",
            Stage::Suspended => "suspended",
            Stage::Terminated => "terminated",
            Stage::Withdrawn => "withdrawn",
            Stage::Duplicate => "duplicate",
        }
    }

    pub fn parse(code: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Received => "Đã tiếp nhận",
            Stage::Acknowledged => "Đã báo tiếp nhận",
            Stage::Assigned => "Đã giao xử lý",
            Stage::Accepted => "Đã thụ lý",
            Stage::Refused => "Không thụ lý",
            Stage::Transferred => "Đã chuyển cơ quan có thẩm quyền",
            Stage::Verifying => "Đang xác minh",
            Stage::Dialogue => "Đang đối thoại",
            Stage::Decided => "Đã ban hành quyết định giải quyết",
            Stage::Sent => "Đã gửi quyết định",
            Stage::Effective => "Quyết định có hiệu lực",
            Stage::Appealed => "Đã khiếu nại lần hai",
            Stage::Concluded => "Đã kết luận nội dung tố cáo",
            Stage::Handled => "Đã xử lý theo kết luận",
            Stage::Published => "Đã công khai kết luận",
            Stage::Answered => "Đã trả lời",
            Stage::Closed => "Đã kết thúc",
            Stage::Suspended => "Tạm đình chỉ",
            Stage::Terminated => "Đình chỉ",
            Stage::Withdrawn => "Đã rút",
            Stage::Duplicate => "Trùng, đã gộp",
        }
    }

    /// Nothing more is owed on it.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Stage::Refused
                | Stage::Transferred
                | Stage::Effective
                | Stage::Appealed
                | Stage::Published
                | Stage::Closed
                | Stage::Terminated
                | Stage::Withdrawn
                | Stage::Duplicate
        )
    }
}

/// What an official (or the resident, for a withdrawal or a rating) does to a matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Acknowledge,
    Assign,
    Answer,
    Close,
    Accept,
    Refuse,
    Transfer,
    Verify,
    Dialogue,
    Decide,
    Send,
    TakeEffect,
    Appeal,
    /// Denunciation: tell the denouncer of the acceptance and the denounced person of the content.
    Notify,
    /// Denunciation: gia hạn (at most twice, Luật Tố cáo Điều 30).
    Extend,
    Conclude,
    /// Denunciation: send the conclusion to both parties (Điều 35 khoản 3).
    SendConclusion,
    Handle,
    Publish,
    Suspend,
    Resume,
    Terminate,
    Withdraw,
    /// Part of a complaint withdrawn: the rest continues (Luật Khiếu nại Điều 10 as amended).
    WithdrawPart,
    MarkDuplicate,
    /// A note in the file; changes nothing.
    Note,
}

impl StepKind {
    pub const ALL: [StepKind; 26] = [
        StepKind::Acknowledge,
        StepKind::Assign,
        StepKind::Answer,
        StepKind::Close,
        StepKind::Accept,
        StepKind::Refuse,
        StepKind::Transfer,
        StepKind::Verify,
        StepKind::Dialogue,
        StepKind::Decide,
        StepKind::Send,
        StepKind::TakeEffect,
        StepKind::Appeal,
        StepKind::Notify,
        StepKind::Extend,
        StepKind::Conclude,
        StepKind::SendConclusion,
        StepKind::Handle,
        StepKind::Publish,
        StepKind::Suspend,
        StepKind::Resume,
        StepKind::Terminate,
        StepKind::Withdraw,
        StepKind::WithdrawPart,
        StepKind::MarkDuplicate,
        StepKind::Note,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StepKind::Acknowledge => "acknowledge",
            StepKind::Assign => "assign",
            StepKind::Answer => "answer",
            StepKind::Close => "close",
            StepKind::Accept => "accept",
            StepKind::Refuse => "refuse",
            StepKind::Transfer => "transfer",
            StepKind::Verify => "verify",
            StepKind::Dialogue => "dialogue",
            StepKind::Decide => "decide",
            StepKind::Send => "send",
            StepKind::TakeEffect => "take_effect",
            StepKind::Appeal => "appeal",
            StepKind::Notify => "notify",
            StepKind::Extend => "extend",
            StepKind::Conclude => "conclude",
            StepKind::SendConclusion => "send_conclusion",
            StepKind::Handle => "handle",
            StepKind::Publish => "publish",
            StepKind::Suspend => "suspend",
            StepKind::Resume => "resume",
            StepKind::Terminate => "terminate",
            StepKind::Withdraw => "withdraw",
            StepKind::WithdrawPart => "withdraw_part",
            StepKind::MarkDuplicate => "mark_duplicate",
            StepKind::Note => "note",
        }
    }

    pub fn parse(code: &str) -> Option<StepKind> {
        StepKind::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            StepKind::Acknowledge => "Báo tiếp nhận",
            StepKind::Assign => "Giao đơn vị xử lý",
            StepKind::Answer => "Trả lời",
            StepKind::Close => "Kết thúc",
            StepKind::Accept => "Thụ lý",
            StepKind::Refuse => "Không thụ lý",
            StepKind::Transfer => "Chuyển cơ quan có thẩm quyền",
            StepKind::Verify => "Giao xác minh",
            StepKind::Dialogue => "Tổ chức đối thoại",
            StepKind::Decide => "Ban hành quyết định giải quyết",
            StepKind::Send => "Gửi quyết định",
            StepKind::TakeEffect => "Quyết định có hiệu lực",
            StepKind::Appeal => "Khiếu nại lần hai",
            StepKind::Notify => "Thông báo thụ lý cho các bên",
            StepKind::Extend => "Gia hạn giải quyết",
            StepKind::Conclude => "Kết luận nội dung tố cáo",
            StepKind::SendConclusion => "Gửi kết luận",
            StepKind::Handle => "Xử lý theo kết luận",
            StepKind::Publish => "Công khai kết luận",
            StepKind::Suspend => "Tạm đình chỉ",
            StepKind::Resume => "Tiếp tục giải quyết",
            StepKind::Terminate => "Đình chỉ",
            StepKind::Withdraw => "Rút đơn",
            StepKind::WithdrawPart => "Rút một phần",
            StepKind::MarkDuplicate => "Đánh dấu trùng",
            StepKind::Note => "Ghi chú hồ sơ",
        }
    }

    /// Steps the law wants reasoned in writing: a refusal, an extension, a suspension, a
    /// termination, a transfer, an answer or a decision without text is not accepted.
    pub fn needs_text(self) -> bool {
        matches!(
            self,
            StepKind::Answer
                | StepKind::Refuse
                | StepKind::Transfer
                | StepKind::Extend
                | StepKind::Suspend
                | StepKind::Terminate
                | StepKind::Decide
                | StepKind::Conclude
                | StepKind::WithdrawPart
                | StepKind::Note
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VoiceError {
    #[error("Không thể “{step}” một vụ việc {kind} đang ở trạng thái “{stage}”.")]
    Transition {
        step: &'static str,
        kind: &'static str,
        stage: &'static str,
    },
    #[error("Bước “{0}” cần ghi rõ lý do hoặc nội dung.")]
    TextRequired(&'static str),
    #[error("{0}")]
    Invalid(String),
}

use Stage as S;
use StepKind as K;

/// The stage a step leads to from `stage`, for a matter of `kind`; an error names the step and
/// the stage when the law's order does not allow it. `before_suspension` is the stage a
/// suspended matter resumes to.
pub fn next(
    kind: MatterKind,
    stage: Stage,
    step: StepKind,
    before_suspension: Option<Stage>,
) -> Result<Stage, VoiceError> {
    let open_case = |s: Stage| matches!(s, S::Accepted | S::Verifying | S::Dialogue);
    let to = match (kind, step, stage) {
        (_, K::Note, s) => Some(s),
        (_, K::MarkDuplicate, s) if !s.is_closed() => Some(S::Duplicate),
        // Feedback: acknowledge → assign → answer → close.
        (MatterKind::Feedback, K::Acknowledge, S::Received) => Some(S::Acknowledged),
        (MatterKind::Feedback, K::Assign, S::Received | S::Acknowledged | S::Assigned) => {
            Some(S::Assigned)
        }
        (MatterKind::Feedback, K::Answer, S::Received | S::Acknowledged | S::Assigned) => {
            Some(S::Answered)
        }
        (MatterKind::Feedback, K::Close, S::Answered) => Some(S::Closed),
        (MatterKind::Feedback, K::Refuse | K::Transfer, S::Received | S::Acknowledged) => {
            Some(if step == K::Refuse {
                S::Refused
            } else {
                S::Transferred
            })
        }
        (MatterKind::Feedback, K::Withdraw, s) if !s.is_closed() => Some(S::Withdrawn),
        // Complaint and denunciation: acceptance or not, within the time limit.
        (MatterKind::Complaint | MatterKind::Denunciation, K::Accept, S::Received) => {
            Some(S::Accepted)
        }
        (MatterKind::Complaint | MatterKind::Denunciation, K::Refuse, S::Received) => {
            Some(S::Refused)
        }
        (MatterKind::Complaint | MatterKind::Denunciation, K::Transfer, S::Received) => {
            Some(S::Transferred)
        }
        (MatterKind::Complaint | MatterKind::Denunciation, K::Verify, S::Accepted) => {
            Some(S::Verifying)
        }
        (MatterKind::Complaint | MatterKind::Denunciation, K::Suspend, s) if open_case(s) => {
            Some(S::Suspended)
        }
        (MatterKind::Complaint | MatterKind::Denunciation, K::Resume, S::Suspended) => {
            Some(before_suspension.unwrap_or(S::Verifying))
        }
        (MatterKind::Complaint | MatterKind::Denunciation, K::Terminate, s)
            if open_case(s) || s == S::Suspended =>
        {
            Some(S::Terminated)
        }
        // Complaint: verification, dialogue, decision, sending, effect or second time.
        (MatterKind::Complaint, K::Dialogue, S::Verifying | S::Dialogue) => Some(S::Dialogue),
        (MatterKind::Complaint, K::Decide, S::Verifying | S::Dialogue) => Some(S::Decided),
        (MatterKind::Complaint, K::Send, S::Decided) => Some(S::Sent),
        (MatterKind::Complaint, K::TakeEffect, S::Sent) => Some(S::Effective),
        (MatterKind::Complaint, K::Appeal, S::Sent) => Some(S::Appealed),
        (MatterKind::Complaint, K::Withdraw, s) if open_case(s) || s == S::Received => {
            Some(S::Withdrawn)
        }
        (MatterKind::Complaint, K::WithdrawPart, s) if open_case(s) => Some(s),
        // Denunciation: notice, extension, conclusion, sending, handling, publication.
        (MatterKind::Denunciation, K::Notify, s) if open_case(s) => Some(s),
        (MatterKind::Denunciation, K::Extend, S::Accepted | S::Verifying) => Some(S::Verifying),
        (MatterKind::Denunciation, K::Conclude, S::Verifying) => Some(S::Concluded),
        (MatterKind::Denunciation, K::SendConclusion, S::Concluded) => Some(S::Concluded),
        (MatterKind::Denunciation, K::Handle, S::Concluded) => Some(S::Handled),
        (MatterKind::Denunciation, K::Publish, S::Handled) => Some(S::Published),
        // A withdrawn denunciation still goes on when the act shows signs of violation
        // (Điều 33 khoản 3): the handler records the withdrawal as a note in that case.
        (MatterKind::Denunciation, K::Withdraw, s) if open_case(s) || s == S::Received => {
            Some(S::Withdrawn)
        }
        _ => None,
    };
    to.ok_or(VoiceError::Transition {
        step: step.label(),
        kind: kind.label(),
        stage: stage.label(),
    })
}

/// The steps open to a matter now, for the buttons on its page.
pub fn available(kind: MatterKind, stage: Stage) -> Vec<StepKind> {
    StepKind::ALL
        .into_iter()
        .filter(|s| *s != StepKind::Note && *s != StepKind::MarkDuplicate)
        .filter(|s| next(kind, stage, *s, None).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_complaint_runs_the_laws_order() {
        let k = MatterKind::Complaint;
        let mut s = S::Received;
        for step in [
            K::Accept,
            K::Verify,
            K::Dialogue,
            K::Decide,
            K::Send,
            K::TakeEffect,
        ] {
            s = next(k, s, step, None).unwrap();
        }
        assert_eq!(s, S::Effective);
        // No decision before acceptance; no dialogue for a denunciation.
        assert!(next(k, S::Received, K::Decide, None).is_err());
        assert!(next(MatterKind::Denunciation, S::Verifying, K::Dialogue, None).is_err());
    }

    #[test]
    fn suspension_resumes_where_it_stopped() {
        let k = MatterKind::Complaint;
        let s = next(k, S::Dialogue, K::Suspend, None).unwrap();
        assert_eq!(s, S::Suspended);
        assert_eq!(
            next(k, s, K::Resume, Some(S::Dialogue)).unwrap(),
            S::Dialogue
        );
        assert_eq!(next(k, s, K::Terminate, None).unwrap(), S::Terminated);
    }

    #[test]
    fn a_denunciation_is_concluded_handled_and_published() {
        let k = MatterKind::Denunciation;
        let mut s = S::Received;
        for step in [
            K::Accept,
            K::Notify,
            K::Verify,
            K::Extend,
            K::Conclude,
            K::SendConclusion,
            K::Handle,
            K::Publish,
        ] {
            s = next(k, s, step, None).unwrap();
        }
        assert_eq!(s, S::Published);
        assert!(s.is_closed());
    }

    #[test]
    fn feedback_is_acknowledged_assigned_answered() {
        let k = MatterKind::Feedback;
        assert_eq!(
            available(k, S::Received),
            vec![
                K::Acknowledge,
                K::Assign,
                K::Answer,
                K::Refuse,
                K::Transfer,
                K::Withdraw
            ]
        );
        let e = next(k, S::Closed, K::Answer, None).unwrap_err();
        assert!(e.to_string().contains("Đã kết thúc"), "{e}");
    }

    #[test]
    fn codes_round_trip() {
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.code()), Some(s));
        }
        for k in StepKind::ALL {
            assert_eq!(StepKind::parse(k.code()), Some(k));
        }
    }
}

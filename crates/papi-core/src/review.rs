//! The review flow shared by unit sub-plans and unit reports: a unit drafts and submits, the
//! office accepts or returns with a comment, a returned document is corrected and resubmitted.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Draft,
    Submitted,
    Accepted,
    Returned,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 4] = [
        ReviewStatus::Draft,
        ReviewStatus::Submitted,
        ReviewStatus::Accepted,
        ReviewStatus::Returned,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReviewStatus::Draft => "draft",
            ReviewStatus::Submitted => "submitted",
            ReviewStatus::Accepted => "accepted",
            ReviewStatus::Returned => "returned",
        }
    }

    pub fn parse(code: &str) -> Option<ReviewStatus> {
        ReviewStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ReviewStatus::Draft => "Đang soạn",
            ReviewStatus::Submitted => "Đã gửi, chờ duyệt",
            ReviewStatus::Accepted => "Đã chấp nhận",
            ReviewStatus::Returned => "Trả lại để sửa",
        }
    }

    /// The unit may still change the content.
    pub fn editable(self) -> bool {
        matches!(self, ReviewStatus::Draft | ReviewStatus::Returned)
    }
}

/// What someone does to a document under review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStep {
    Submit,
    Accept,
    Return,
}

impl ReviewStep {
    pub fn parse(code: &str) -> Option<ReviewStep> {
        match code {
            "submit" => Some(ReviewStep::Submit),
            "accept" => Some(ReviewStep::Accept),
            "return" => Some(ReviewStep::Return),
            _ => None,
        }
    }
}

/// The office's decision on a submitted document: accept or return, never submit on a unit's
/// behalf through the review form.
pub fn office_step(code: &str) -> Option<ReviewStep> {
    ReviewStep::parse(code).filter(|s| *s != ReviewStep::Submit)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("Không thể {step} khi văn bản đang ở trạng thái “{status}”.")]
    Transition {
        step: &'static str,
        status: &'static str,
    },
    #[error("Trả lại cần ghi rõ lý do.")]
    NoComment,
    #[error("Chưa đủ để gửi: {0}")]
    Incomplete(String),
}

fn step_label(step: ReviewStep) -> &'static str {
    match step {
        ReviewStep::Submit => "gửi",
        ReviewStep::Accept => "chấp nhận",
        ReviewStep::Return => "trả lại",
    }
}

/// The status after `step`; returning needs a comment.
pub fn apply(
    status: ReviewStatus,
    step: ReviewStep,
    comment: &str,
) -> Result<ReviewStatus, ReviewError> {
    use ReviewStatus::*;
    let next = match (status, step) {
        (Draft | Returned, ReviewStep::Submit) => Submitted,
        (Submitted, ReviewStep::Accept) => Accepted,
        (Submitted, ReviewStep::Return) => {
            if comment.trim().is_empty() {
                return Err(ReviewError::NoComment);
            }
            Returned
        }
        _ => {
            return Err(ReviewError::Transition {
                step: step_label(step),
                status: status.label(),
            })
        }
    };
    Ok(next)
}

/// The kinds of documents that go through the review flow. A new kind (a village's
/// contribution decision, an inspection's remediation report) is one more variant here and its
/// table in the store's `review` module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewedKind {
    UnitPlan,
    UnitReport,
}

impl ReviewedKind {
    /// Its name in the audit log.
    pub fn entity(self) -> &'static str {
        match self {
            ReviewedKind::UnitPlan => "unit_plan",
            ReviewedKind::UnitReport => "unit_report",
        }
    }

    /// What refuses a change once it is sent or accepted, naming the document.
    pub fn frozen_message(self) -> &'static str {
        match self {
            ReviewedKind::UnitPlan => "Kế hoạch đã gửi hoặc đã được chấp nhận, không sửa được.",
            ReviewedKind::UnitReport => "Báo cáo đã gửi hoặc đã được chấp nhận, không sửa được.",
        }
    }
}

/// A document under review, as the flow sees it whatever its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewed {
    pub kind: ReviewedKind,
    pub id: i64,
    pub commune_id: i64,
    pub status: ReviewStatus,
    /// The first day it was submitted: what timeliness is judged on, kept on resubmission.
    pub first_submitted_on: Option<chrono::NaiveDate>,
}

impl Reviewed {
    /// The first-submitted day after moving to `next` on `on`.
    pub fn first_submitted_after(
        &self,
        next: ReviewStatus,
        on: chrono::NaiveDate,
    ) -> Option<chrono::NaiveDate> {
        self.first_submitted_on
            .or((next == ReviewStatus::Submitted).then_some(on))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReviewStatus::*;

    #[test]
    fn the_flow() {
        assert_eq!(apply(Draft, ReviewStep::Submit, ""), Ok(Submitted));
        assert_eq!(apply(Submitted, ReviewStep::Accept, ""), Ok(Accepted));
        assert_eq!(
            apply(Submitted, ReviewStep::Return, "Thiếu sản phẩm"),
            Ok(Returned)
        );
        assert_eq!(
            apply(Submitted, ReviewStep::Return, " "),
            Err(ReviewError::NoComment)
        );
        assert_eq!(apply(Returned, ReviewStep::Submit, ""), Ok(Submitted));
        assert!(apply(Draft, ReviewStep::Accept, "").is_err());
        assert!(apply(Accepted, ReviewStep::Submit, "").is_err());
        assert!(apply(Accepted, ReviewStep::Return, "x").is_err());
        assert!(
            Draft.editable()
                && Returned.editable()
                && !Submitted.editable()
                && !Accepted.editable()
        );
    }

    #[test]
    fn the_first_submission_day_is_kept() {
        let d = |day| chrono::NaiveDate::from_ymd_opt(2025, 2, day).unwrap();
        let doc = Reviewed {
            kind: ReviewedKind::UnitPlan,
            id: 1,
            commune_id: 1,
            status: Draft,
            first_submitted_on: None,
        };
        assert_eq!(doc.first_submitted_after(Submitted, d(3)), Some(d(3)));
        assert_eq!(doc.first_submitted_after(Draft, d(3)), None);
        let resubmitted = Reviewed {
            status: Returned,
            first_submitted_on: Some(d(3)),
            ..doc
        };
        assert_eq!(
            resubmitted.first_submitted_after(Submitted, d(10)),
            Some(d(3))
        );
    }
}

//! What residents decide (bàn và quyết định, Đ.15–22): proposals, forms, notices, votes
//! and the thresholds.
//!
//! The subjects, proposers and forms are in [`subject`]; the thresholds of Điều 21 khoản 1
//! and the refusal to record "passed" below them in [`threshold`]; the checks of a whole
//! record (who proposed, the form allowed, the notices) in [`procedure`]; what falls due
//! after the vote (sending the record, its recognition) in [`obligations`].

pub mod obligations;
pub mod procedure;
pub mod subject;
pub mod threshold;

use chrono::NaiveDate;
use serde::Serialize;

pub use obligations::obligations;
pub use procedure::check;
pub use subject::{Form, Proposer, Recogniser, Subject};
pub use threshold::{check_claim, needed, outcome, Outcome, Tally, VillageResult};

/// A decision of the residents as the commune records it (biên bản, nghị quyết of the
/// community, Điều 20): what, where, proposed by whom, how, when, and the tallies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub id: i64,
    pub commune_id: i64,
    pub title: String,
    pub subject: Subject,
    /// The village deciding; `None` for a commune-wide matter (one tally per village).
    pub village_id: Option<i64>,
    pub proposer: Proposer,
    /// The chairman agreed with the MTTQ chair, the village head with the village Front
    /// committee (Điều 16 khoản 1–2); not asked of an initiative.
    pub agreed_with_front: bool,
    /// Households backing a residents' initiative (Điều 16 khoản 3).
    pub initiative_households: i64,
    /// The day the households gave their consent; it is valid for 3 months.
    pub initiative_consent_on: Option<NaiveDate>,
    pub form: Form,
    /// The meeting lacked quorum, so items 3–5 went to a household ballot (Điều 17).
    pub quorum_failed: bool,
    /// The day of the meeting, of the ballot, or the close of the online vote.
    pub held_on: NaiveDate,
    /// The day the notice (Mẫu 01) or the ballot team was announced.
    pub notice_on: Option<NaiveDate>,
    /// The day the documents reached each household (items 1–3 in a meeting).
    pub documents_on: Option<NaiveDate>,
    /// Computed from the tallies by [`outcome`], never typed.
    pub passed: bool,
    /// The outcome as a sentence with its figures.
    pub result: String,
    /// The record sent to the UBND and the MTTQ of the commune (Điều 20 khoản 3).
    pub sent_on: Option<NaiveDate>,
    /// Recognised (items 3–4 by the UBND, item 5 by the MTTQ, Điều 21 khoản 2).
    pub recognised_on: Option<NaiveDate>,
    pub tallies: Vec<Tally>,
}

//! A residents' matter as the commune holds it, and the steps taken on it (its file).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::kind::{Channel, MatterKind};
use super::stage::{Stage, StepKind};
use crate::Dimension;

/// Who sent a feedback or a complaint. A denouncer's identity is never held here: it lives in
/// the sealed record (see [`super::identity`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requester {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    /// Số định danh cá nhân / CCCD: required at reception from 01/07/2026 (Luật Tiếp công dân
    /// Điều 25 as amended by Luật 136/2025/QH15).
    pub id_number: String,
}

/// Facts that change a time limit, each recorded with its reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFlags {
    /// "Vụ việc phức tạp" (Luật Khiếu nại Điều 28, 37; NĐ 31/2019 Điều 3 for denunciations).
    pub complex: bool,
    /// "Vùng sâu, vùng xa đi lại khó khăn".
    pub remote: bool,
    /// Several places to verify: the denunciation's registration may take 10 working days
    /// instead of 7 (Luật Tố cáo Điều 24 khoản 1).
    pub several_places: bool,
    /// Why the flags are set; required when any is.
    pub reason: String,
}

impl CaseFlags {
    pub fn any(&self) -> bool {
        self.complex || self.remote || self.several_places
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matter {
    pub id: i64,
    pub commune_id: i64,
    /// The tracking code on the receipt (random, so codes cannot be guessed in turn).
    pub code: String,
    pub kind: MatterKind,
    pub channel: Channel,
    /// 1 or 2 for complaints (lần đầu, lần hai); 1 otherwise.
    pub round: u8,
    pub received_on: NaiveDate,
    pub title: String,
    /// What the matter is about. For a denunciation, the redacted copy verifiers work on.
    pub content: String,
    pub village_id: Option<i64>,
    pub place: String,
    pub dimension: Option<Dimension>,
    /// The national portal's code (PAKN.yyyymmdd.nnnn), so the same feedback is not counted
    /// twice.
    pub portal_code: String,
    /// The body that referred it, if any.
    pub referrer: String,
    pub stage: Stage,
    pub flags: CaseFlags,
    /// The unit that answers (feedback) or verifies (complaint, denunciation).
    pub unit_id: Option<i64>,
    /// The official handling it; for a denunciation, the custodian of the sealed identity.
    pub handler_id: Option<i64>,
    /// Who entered it in the register (`None` for the public form).
    pub entered_by: Option<i64>,
    /// The matter it was split from (a mixed letter) or that it continues (a second-time
    /// complaint, a re-denunciation).
    pub parent_id: Option<i64>,
    /// The earlier matter this one duplicates.
    pub duplicate_of: Option<i64>,
    /// Empty for a denunciation.
    pub requester: Requester,
    /// The resident agrees that the answer is published without their name.
    pub publish_consent: bool,
    /// The answer (feedback) or the result (decision, conclusion) as residents read it.
    pub answer: String,
    /// 1–5, given by the resident at closure.
    pub rating: Option<u8>,
    /// Users named in a denunciation: they never see the case.
    pub accused_user_ids: Vec<i64>,
    /// Who or what is denounced or complained about, as written (position, body).
    pub respondent: String,
    /// The denounced person is the commune chairman or a vice-chairman.
    pub against_leadership: bool,
    /// Signs of a crime: the police or procuracy must get it (Luật Tố cáo Điều 27).
    pub signs_of_crime: bool,
}

/// One entry of the matter's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatterStep {
    pub kind: StepKind,
    pub on: NaiveDate,
    pub by_user: Option<i64>,
    /// The reason, answer, decision summary or note.
    pub text: String,
    /// The stage the matter was in before this step (a resumption goes back to it).
    pub from: Stage,
    pub to: Stage,
}

impl Matter {
    /// The stage a suspended matter goes back to on resumption.
    pub fn before_suspension(steps: &[MatterStep]) -> Option<Stage> {
        steps
            .iter()
            .rev()
            .find(|s| s.kind == StepKind::Suspend)
            .map(|s| s.from)
    }

    /// The date of the first step of a kind.
    pub fn first(steps: &[MatterStep], kind: StepKind) -> Option<NaiveDate> {
        steps.iter().find(|s| s.kind == kind).map(|s| s.on)
    }

    /// How many extensions were granted (Luật Tố cáo Điều 30: at most two).
    pub fn extensions(steps: &[MatterStep]) -> u8 {
        steps.iter().filter(|s| s.kind == StepKind::Extend).count() as u8
    }

    /// The periods the clock was stopped: each suspension up to its resumption (open while
    /// still suspended).
    pub fn pauses(steps: &[MatterStep]) -> Vec<(NaiveDate, Option<NaiveDate>)> {
        let mut out = Vec::new();
        let mut open: Option<NaiveDate> = None;
        for s in steps {
            match s.kind {
                StepKind::Suspend => open = Some(s.on),
                StepKind::Resume => {
                    if let Some(from) = open.take() {
                        out.push((from, Some(s.on)));
                    }
                }
                _ => {}
            }
        }
        if let Some(from) = open {
            out.push((from, None));
        }
        out
    }
}

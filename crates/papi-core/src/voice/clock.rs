//! The clocks of a matter: each time limit the law (or, for feedback, the commune) sets, from
//! the step that starts it to the step that meets it, computed by papi-calendar with the rule's
//! source and status. Suspended time is not counted (Luật Khiếu nại Điều 11a as amended by Luật
//! 136/2025/QH15; Luật Tố cáo Điều 34 khoản 2).

use chrono::NaiveDate;
use papi_calendar::{Calendar, CaseFacts};
use serde::Serialize;

use super::kind::{Channel, MatterKind};
use super::matter::{Matter, MatterStep};
use super::stage::StepKind;
use crate::agenda::{Obligation, ObligationKind};

/// How long the commune gives itself to acknowledge and to answer feedback, in working days.
/// No statute fixes them (residents-voice-rules §2.5): a commune or province setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FeedbackTimes {
    pub acknowledge_working_days: u32,
    pub answer_working_days: u32,
}

impl Default for FeedbackTimes {
    fn default() -> Self {
        FeedbackTimes {
            acknowledge_working_days: 2,
            answer_working_days: 10,
        }
    }
}

impl FeedbackTimes {
    /// The administrator's figures, checked.
    pub fn parse(acknowledge: &str, answer: &str) -> Result<FeedbackTimes, String> {
        let num = |label: &str, t: &str| -> Result<u32, String> {
            let n: u32 = t
                .trim()
                .parse()
                .map_err(|_| format!("{label}: «{}» không phải là số ngày làm việc.", t.trim()))?;
            if !(1..=60).contains(&n) {
                return Err(format!("{label}: phải từ 1 đến 60 ngày làm việc."));
            }
            Ok(n)
        };
        let t = FeedbackTimes {
            acknowledge_working_days: num("Thời hạn báo tiếp nhận", acknowledge)?,
            answer_working_days: num("Thời hạn trả lời", answer)?,
        };
        if t.acknowledge_working_days > t.answer_working_days {
            return Err("Thời hạn báo tiếp nhận không được dài hơn thời hạn trả lời.".into());
        }
        Ok(t)
    }
}

/// Where a commune setting is the source, as the page shows it.
pub const SETTING_SOURCE: &str =
    "Cài đặt của xã (không có văn bản luật quy định thời hạn giải quyết phản ánh, kiến nghị)";

/// One time limit of a matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clock {
    pub title: String,
    /// The rule in papi-calendar, empty for a commune setting.
    pub rule_id: String,
    pub start: NaiveDate,
    /// `None` while the clock is stopped (suspended) or cannot be computed.
    pub due: Option<NaiveDate>,
    pub met_on: Option<NaiveDate>,
    pub source: String,
    /// OK / SEC / SEC-U / UNCONF, or "Cài đặt".
    pub status: String,
    pub warning: Option<String>,
    /// Suspended: the time does not run.
    pub stopped: bool,
}

fn first_of(steps: &[MatterStep], kinds: &[StepKind]) -> Option<NaiveDate> {
    steps.iter().find(|s| kinds.contains(&s.kind)).map(|s| s.on)
}

/// A clock from a calendar rule, with pauses added in the rule's unit.
fn rule_clock(
    cal: &Calendar,
    title: &str,
    rule_id: &str,
    start: NaiveDate,
    facts: CaseFacts,
    pauses: &[(NaiveDate, Option<NaiveDate>)],
    met_on: Option<NaiveDate>,
) -> Clock {
    let base = Clock {
        title: title.to_string(),
        rule_id: rule_id.to_string(),
        start,
        due: None,
        met_on,
        source: String::new(),
        status: String::new(),
        warning: None,
        stopped: false,
    };
    let relevant: Vec<_> = pauses
        .iter()
        .copied()
        .filter(|(from, _)| *from >= start)
        .collect();
    // The plain deadline gives the source and status even while the clock is stopped.
    let plain = match cal.deadline(rule_id, start, facts) {
        Ok(d) => d,
        Err(e) => {
            return Clock {
                warning: Some(format!(
                    "Không tính được thời hạn theo quy định {rule_id}: {e}"
                )),
                ..base
            }
        }
    };
    let (due, stopped, warning) = if relevant.is_empty()
        || met_on.is_some() && relevant.iter().all(|(f, _)| Some(*f) > met_on)
    {
        (Some(plain.due), false, plain.warning.clone())
    } else {
        match cal.deadline_with_pauses(rule_id, start, facts, &relevant) {
            Ok(Some(d)) => (Some(d.due), false, d.warning),
            Ok(None) => (None, true, plain.warning.clone()),
            Err(e) => (
                Some(plain.due),
                false,
                Some(format!("Thời gian tạm đình chỉ không trừ được: {e}")),
            ),
        }
    };
    Clock {
        due,
        source: plain.source,
        status: plain.status.to_string(),
        warning,
        stopped: stopped && met_on.is_none(),
        ..base
    }
}

fn setting_clock(
    cal: &Calendar,
    title: &str,
    start: NaiveDate,
    working_days: u32,
    met_on: Option<NaiveDate>,
) -> Clock {
    Clock {
        title: title.to_string(),
        rule_id: String::new(),
        start,
        due: Some(cal.add_working_days(start, working_days as i32)),
        met_on,
        source: format!("{SETTING_SOURCE}: {working_days} ngày làm việc"),
        status: "Cài đặt".into(),
        warning: None,
        stopped: false,
    }
}

/// Every clock of a matter, in the order the law runs them.
pub fn clocks(
    m: &Matter,
    steps: &[MatterStep],
    cal: &Calendar,
    times: FeedbackTimes,
) -> Vec<Clock> {
    use StepKind as K;
    let ends = [K::Withdraw, K::Terminate, K::MarkDuplicate];
    let ended = first_of(steps, &ends);
    let pauses = Matter::pauses(steps);
    let mut out = Vec::new();
    match m.kind {
        MatterKind::Feedback => {
            let told = first_of(
                steps,
                &[K::Acknowledge, K::Assign, K::Answer, K::Refuse, K::Transfer],
            )
            .or(ended);
            if m.channel == Channel::Reception {
                out.push(rule_clock(
                    cal,
                    "Thông báo kết quả tiếp nhận cho người được tiếp",
                    "TCD-REPLY",
                    m.received_on,
                    CaseFacts::default(),
                    &[],
                    told,
                ));
            } else {
                out.push(setting_clock(
                    cal,
                    "Báo tiếp nhận cho người gửi",
                    m.received_on,
                    times.acknowledge_working_days,
                    told,
                ));
            }
            let answered = first_of(steps, &[K::Answer, K::Refuse, K::Transfer]).or(ended);
            out.push(setting_clock(
                cal,
                "Trả lời phản ánh, kiến nghị",
                m.received_on,
                times.answer_working_days,
                answered,
            ));
        }
        MatterKind::Complaint => {
            let r = if m.round >= 2 { 2 } else { 1 };
            let facts = CaseFacts {
                complex: m.flags.complex,
                remote: m.flags.remote,
                extensions: 0,
            };
            let decided_acceptance =
                first_of(steps, &[K::Accept, K::Refuse, K::Transfer]).or(ended);
            out.push(rule_clock(
                cal,
                if r == 1 {
                    "Thụ lý khiếu nại lần đầu"
                } else {
                    "Thụ lý khiếu nại lần hai"
                },
                &format!("KN-THULY-{r}"),
                m.received_on,
                CaseFacts::default(),
                &[],
                decided_acceptance,
            ));
            if let Some(accepted) = Matter::first(steps, K::Accept) {
                let decided = Matter::first(steps, K::Decide).or(ended);
                out.push(rule_clock(
                    cal,
                    if r == 1 {
                        "Giải quyết khiếu nại lần đầu"
                    } else {
                        "Giải quyết khiếu nại lần hai"
                    },
                    &format!("KN-GQ-{r}"),
                    accepted,
                    facts,
                    &pauses,
                    decided,
                ));
            }
            if let Some(decided) = Matter::first(steps, K::Decide) {
                out.push(rule_clock(
                    cal,
                    "Gửi quyết định giải quyết khiếu nại",
                    if r == 1 { "KN-SEND-1" } else { "KN-SEND-2" },
                    decided,
                    CaseFacts::default(),
                    &[],
                    Matter::first(steps, K::Send),
                ));
            }
        }
        MatterKind::Denunciation => {
            let facts = CaseFacts {
                extensions: u8::from(m.flags.several_places),
                ..CaseFacts::default()
            };
            out.push(rule_clock(
                cal,
                "Vào sổ, phân loại, kiểm tra điều kiện thụ lý tố cáo",
                "TC-RECEIVE",
                m.received_on,
                facts,
                &[],
                first_of(steps, &[K::Accept, K::Refuse, K::Transfer]).or(ended),
            ));
            if let Some(transferred) = Matter::first(steps, K::Transfer) {
                out.push(rule_clock(
                    cal,
                    "Chuyển tố cáo không thuộc thẩm quyền",
                    "TC-TRANSFER",
                    m.received_on,
                    CaseFacts::default(),
                    &[],
                    Some(transferred),
                ));
            }
            if let Some(accepted) = Matter::first(steps, K::Accept) {
                out.push(rule_clock(
                    cal,
                    "Thông báo thụ lý cho người tố cáo và nội dung cho người bị tố cáo",
                    "TC-NOTIFY-THULY",
                    accepted,
                    CaseFacts::default(),
                    &[],
                    Matter::first(steps, K::Notify).or(ended),
                ));
                let gq = CaseFacts {
                    extensions: Matter::extensions(steps),
                    ..CaseFacts::default()
                };
                out.push(rule_clock(
                    cal,
                    "Giải quyết tố cáo",
                    "TC-GQ",
                    accepted,
                    gq,
                    &pauses,
                    Matter::first(steps, K::Conclude).or(ended),
                ));
            }
            if let Some(concluded) = Matter::first(steps, K::Conclude) {
                for (title, rule, met) in [
                    (
                        "Gửi kết luận nội dung tố cáo",
                        "TC-CONCL-SEND",
                        K::SendConclusion,
                    ),
                    ("Xử lý tố cáo theo kết luận", "TC-HANDLE", K::Handle),
                    (
                        "Công khai kết luận nội dung tố cáo",
                        "TC-PUBLISH",
                        K::Publish,
                    ),
                ] {
                    out.push(rule_clock(
                        cal,
                        title,
                        rule,
                        concluded,
                        CaseFacts::default(),
                        &[],
                        Matter::first(steps, met),
                    ));
                }
            }
        }
    }
    out
}

/// The matter's open and met clocks as agenda obligations. The title carries only the
/// tracking code and the step, never a name or the content.
pub fn obligations(
    m: &Matter,
    steps: &[MatterStep],
    cal: &Calendar,
    times: FeedbackTimes,
) -> Vec<Obligation> {
    clocks(m, steps, cal, times)
        .into_iter()
        .filter_map(|c| {
            Some(Obligation {
                kind: ObligationKind::Matter,
                title: format!("{} — {}", m.code, c.title),
                due: c.due?,
                unit_id: m.unit_id,
                subject_id: m.id,
                met_on: c.met_on,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voice::kind::{Channel, MatterKind};
    use crate::voice::matter::{CaseFlags, Requester};
    use crate::voice::stage::Stage;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn matter(kind: MatterKind, received_on: NaiveDate) -> Matter {
        Matter {
            id: 1,
            commune_id: 1,
            code: "KN-2026-TEST2345".into(),
            kind,
            channel: Channel::Letter,
            round: 1,
            received_on,
            title: String::new(),
            content: String::new(),
            village_id: None,
            place: String::new(),
            dimension: None,
            portal_code: String::new(),
            referrer: String::new(),
            stage: Stage::Received,
            flags: CaseFlags::default(),
            unit_id: None,
            handler_id: None,
            entered_by: None,
            parent_id: None,
            duplicate_of: None,
            requester: Requester::default(),
            publish_consent: false,
            answer: String::new(),
            rating: None,
            accused_user_ids: vec![],
            respondent: String::new(),
            against_leadership: false,
            signs_of_crime: false,
        }
    }

    fn step(kind: StepKind, on: NaiveDate) -> MatterStep {
        MatterStep {
            kind,
            on,
            by_user: None,
            text: String::new(),
            from: Stage::Received,
            to: Stage::Received,
        }
    }

    #[test]
    fn acceptance_is_due_by_the_version_in_force_on_receipt() {
        let cal = Calendar::new();
        let t = FeedbackTimes::default();
        // Luật 136/2025/QH15: 10 days before 01/07/2026, 7 working days from then.
        let before = clocks(&matter(MatterKind::Complaint, d(2026, 6, 1)), &[], &cal, t);
        assert_eq!(before[0].due, Some(d(2026, 6, 11)));
        let after = clocks(&matter(MatterKind::Complaint, d(2026, 7, 6)), &[], &cal, t);
        assert_eq!(after[0].due, Some(d(2026, 7, 15)));
        assert_eq!(after[0].rule_id, "KN-THULY-1");
        assert_eq!(after[0].status, "OK");
        assert!(after[0].source.contains("136/2025"), "{}", after[0].source);
    }

    #[test]
    fn suspended_time_stops_and_then_extends_the_resolution() {
        let cal = Calendar::new();
        let t = FeedbackTimes::default();
        let m = matter(MatterKind::Complaint, d(2026, 7, 6));
        let accepted = vec![step(StepKind::Accept, d(2026, 7, 13))];
        let plain = clocks(&m, &accepted, &cal, t);
        // 30 days from Monday 13/07/2026 is Wednesday 12/08/2026 (Luật Khiếu nại Điều 28).
        assert_eq!(plain[1].due, Some(d(2026, 8, 12)));
        let mut suspended = accepted.clone();
        suspended.push(step(StepKind::Suspend, d(2026, 7, 20)));
        let stopped = clocks(&m, &suspended, &cal, t);
        assert!(stopped[1].stopped);
        assert_eq!(stopped[1].due, None);
        suspended.push(step(StepKind::Resume, d(2026, 7, 30)));
        let resumed = clocks(&m, &suspended, &cal, t);
        // Ten suspended days are not counted: 12/08 + 10 days = Saturday 22/08/2026, a
        // make-up working day in 2026 — the deadline stays there.
        let due = resumed[1].due.unwrap();
        assert!(due > d(2026, 8, 12), "{due}");
        assert_eq!((due - d(2026, 8, 12)).num_days(), 10);
    }

    #[test]
    fn a_denunciation_runs_its_clocks_in_working_days() {
        let cal = Calendar::new();
        let t = FeedbackTimes::default();
        let m = matter(MatterKind::Denunciation, d(2026, 7, 6));
        let c = clocks(&m, &[], &cal, t);
        // Luật Tố cáo Điều 24 khoản 1: 07 working days.
        assert_eq!(c[0].due, Some(d(2026, 7, 15)));
        let steps = vec![
            step(StepKind::Accept, d(2026, 7, 10)),
            step(StepKind::Conclude, d(2026, 8, 3)),
        ];
        let c = clocks(&m, &steps, &cal, t);
        let publish = c.iter().find(|c| c.rule_id == "TC-PUBLISH").unwrap();
        // 07 working days from Monday 03/08/2026 (Điều 40 khoản 1).
        assert_eq!(publish.due, Some(d(2026, 8, 12)));
        assert!(c
            .iter()
            .find(|c| c.rule_id == "TC-GQ")
            .unwrap()
            .met_on
            .is_some());
    }

    #[test]
    fn feedback_times_are_the_communes_setting() {
        let cal = Calendar::new();
        let m = matter(MatterKind::Feedback, d(2026, 7, 6));
        let c = clocks(&m, &[], &cal, FeedbackTimes::parse("3", "15").unwrap());
        assert_eq!(c[1].due, Some(d(2026, 7, 27)));
        assert!(c[1].source.starts_with("Cài đặt của xã"));
        assert!(FeedbackTimes::parse("20", "10").is_err());
        assert!(FeedbackTimes::parse("0", "10")
            .unwrap_err()
            .contains("Thời hạn báo tiếp nhận"));
    }
}

//! The clocks of a matter: each time limit the law (or, for feedback, the commune) sets, from
//! the step that starts it to the step that meets it, computed by papi-calendar with the rule's
//! source and status. Suspended time is not counted (Luật Khiếu nại Điều 11a as amended by Luật
//! 136/2025/QH15; Luật Tố cáo Điều 34 khoản 2).

use chrono::NaiveDate;
use papi_calendar::{Calendar, CaseFacts, LimitUnit};
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
    let d = match cal.deadline(rule_id, start, facts) {
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
    let relevant: Vec<_> = pauses.iter().filter(|(from, _)| *from >= start).collect();
    let stopped = met_on.is_none() && relevant.iter().any(|(_, to)| to.is_none());
    let mut due = d.due;
    for (from, to) in relevant {
        if let Some(to) = to {
            due = match d.unit {
                LimitUnit::WorkingDays => {
                    cal.add_working_days(due, cal.working_days_between(*from, *to) as i32)
                }
                _ => cal.add_calendar_days(due, (*to - *from).num_days() as i32),
            };
        }
    }
    Clock {
        due: (!stopped).then_some(due),
        source: d.source,
        status: d.status.to_string(),
        warning: d.warning,
        stopped,
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

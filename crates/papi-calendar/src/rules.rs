//! Statutory time limits (legal-rules.md §8, residents-voice rules §5) as effective-dated data
//! (data/rules.json), and the deadline a rule gives from a start date and the facts of a case.
//! Reverse limits ("at least N before an event") are in `notice.rs`, suspended time in
//! `pauses.rs`.

use std::sync::OnceLock;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::calendar::Calendar;
use crate::status::Status;

/// How a rule's duration is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitUnit {
    /// "ngày": calendar days, with BLDS Điều 147–148 (start not counted, end on a working day).
    CalendarDays,
    /// "ngày làm việc".
    WorkingDays,
    /// "tháng": calendar months, ending on the same day of the last month, or on that month's
    /// last day when it has no such day, then moved past days off (BLDS Điều 148).
    Months,
    /// A frequency (e.g. citizen reception, the annual dialogue), not a deadline.
    PerWeek,
    PerMonth,
    PerYear,
    /// A rule without a number (e.g. time excluded from a period).
    None,
}

impl LimitUnit {
    /// How Vietnamese texts name the unit.
    pub fn label_vi(self) -> &'static str {
        match self {
            LimitUnit::CalendarDays => "ngày",
            LimitUnit::WorkingDays => "ngày làm việc",
            LimitUnit::Months => "tháng",
            LimitUnit::PerWeek => "lần/tuần",
            LimitUnit::PerMonth => "lần/tháng",
            LimitUnit::PerYear => "lần/năm",
            LimitUnit::None => "",
        }
    }
}

/// Which case facts select a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    Complex,
    Remote,
    ComplexRemote,
}

/// A different duration for complex cases or remote areas (vùng sâu, vùng xa).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub when: Condition,
    pub duration: i32,
}

/// Extensions granted by written decision: `each` more days, at most `max` times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub each: i32,
    pub max: u8,
    pub source: String,
    pub status: Status,
}

/// One version of a time-limit rule, in force for start dates in `[effective_from, effective_to]`.
/// Several versions may share an `id`; they never overlap (checked by tests).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub id: String,
    pub description_vi: String,
    pub duration: Option<i32>,
    pub unit: LimitUnit,
    pub start_event: String,
    pub source: String,
    pub status: Status,
    pub effective_from: Option<NaiveDate>,
    pub effective_to: Option<NaiveDate>,
    /// "At least" durations (posting, broadcasting): `due` is the earliest allowed end.
    #[serde(default)]
    pub minimum: bool,
    /// "At least N before an event" (notices of a meeting, a reception session, a check): the
    /// number counts back from the event; see [`Calendar::latest_notice`].
    #[serde(default)]
    pub before_event: bool,
    /// The law says suspended time is not counted in this period (Luật Khiếu nại Điều 11a from
    /// 01/7/2026; Luật Tố cáo Điều 34 khoản 2); see [`Calendar::deadline_with_pauses`].
    #[serde(default)]
    pub pauses_excluded: bool,
    #[serde(default)]
    pub variants: Vec<Variant>,
    #[serde(default)]
    pub extension: Option<Extension>,
    #[serde(default)]
    pub note: Option<String>,
}

impl Rule {
    pub fn in_force_on(&self, d: NaiveDate) -> bool {
        self.effective_from.is_none_or(|f| f <= d) && self.effective_to.is_none_or(|t| d <= t)
    }
}

/// Facts of a case that change a time limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFacts {
    /// "Vụ việc phức tạp".
    #[serde(default)]
    pub complex: bool,
    /// "Vùng sâu, vùng xa, đi lại khó khăn".
    #[serde(default)]
    pub remote: bool,
    /// Number of extension decisions granted (Luật Tố cáo Điều 30).
    #[serde(default)]
    pub extensions: u8,
}

/// A computed deadline and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub due: NaiveDate,
    pub rule_id: String,
    pub description_vi: String,
    pub start: NaiveDate,
    /// Total days applied (variant and extensions included).
    pub duration: i32,
    pub unit: LimitUnit,
    pub source: String,
    pub status: Status,
    /// Set when the rule (or the extension used) is UNCONF or SEC-U: show it wherever the date
    /// is shown.
    pub warning: Option<String>,
    pub note: Option<String>,
    /// A reverse limit: `start` is the event and `due` the latest day for the notice.
    #[serde(default)]
    pub before_event: bool,
    /// Suspended time added to the period, in the rule's unit.
    #[serde(default)]
    pub paused: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RuleError {
    #[error("không có quy định thời hạn {0}")]
    Unknown(String),
    #[error("quy định {id} không có hiệu lực vào ngày {}", fmt_date(*date))]
    NotInForce { id: String, date: NaiveDate },
    #[error("quy định {0} không phải thời hạn (là tần suất hoặc không có số ngày)")]
    NotATimeLimit(String),
    #[error("quy định {id} cho gia hạn tối đa {max} lần")]
    TooManyExtensions { id: String, max: u8 },
    #[error("quy định {0} tính ngược từ ngày diễn ra sự kiện: cần cho ngày sự kiện để tính hạn thông báo chậm nhất")]
    BeforeEvent(String),
    #[error("quy định {0} không tính ngược từ ngày sự kiện")]
    NotBeforeEvent(String),
    #[error("luật không loại trừ thời gian tạm đình chỉ khỏi thời hạn {0}")]
    NoPauses(String),
    #[error("lần tạm đình chỉ từ {} của quy định {id} không hợp lệ: {why}", fmt_date(*from))]
    BadPause {
        id: String,
        from: NaiveDate,
        to: Option<NaiveDate>,
        why: &'static str,
    },
}

/// dd/mm/yyyy, as every date a user reads.
fn fmt_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The warning attached to deadlines driven by unconfirmed numbers.
pub const UNCONF_WARNING: &str = "Quy định chưa được xác nhận với văn bản gốc (UNCONF): \
kiểm tra trên vbpl.vn / vanban.chinhphu.vn trước khi dùng làm căn cứ.";

/// The warning attached to deadlines taken from an unchecked copy of a 2026 text.
pub const SEC_U_WARNING: &str = "Quy định lấy theo bản chép văn bản năm 2026 chưa đối chiếu \
với bản chính thức (SEC-U): kiểm tra trên vanban.chinhphu.vn trước khi dùng làm căn cứ.";

/// The warning to show beside a date computed under `status`, if any.
pub fn warning_for(status: Status) -> Option<String> {
    match status {
        Status::Unconf => Some(UNCONF_WARNING.to_string()),
        Status::SecU => Some(SEC_U_WARNING.to_string()),
        Status::Ok | Status::Sec => None,
    }
}

/// Every rule version, as embedded.
pub fn rules() -> &'static [Rule] {
    static DATA: OnceLock<Vec<Rule>> = OnceLock::new();
    DATA.get_or_init(|| {
        serde_json::from_str(include_str!("../data/rules.json"))
            .expect("data/rules.json is valid (checked by tests)")
    })
}

/// The version of rule `id` in force on `date`.
pub fn rule(id: &str, date: NaiveDate) -> Result<&'static Rule, RuleError> {
    let mut versions = rules().iter().filter(|r| r.id == id).peekable();
    if versions.peek().is_none() {
        return Err(RuleError::Unknown(id.to_string()));
    }
    versions
        .find(|r| r.in_force_on(date))
        .ok_or_else(|| RuleError::NotInForce {
            id: id.to_string(),
            date,
        })
}

fn pick_duration(r: &Rule, base: i32, facts: CaseFacts) -> i32 {
    let find = |c: Condition| r.variants.iter().find(|v| v.when == c).map(|v| v.duration);
    let wanted: &[Condition] = match (facts.complex, facts.remote) {
        (true, true) => &[
            Condition::ComplexRemote,
            Condition::Remote,
            Condition::Complex,
        ],
        (true, false) => &[Condition::Complex],
        (false, true) => &[Condition::Remote],
        (false, false) => &[],
    };
    wanted.iter().find_map(|c| find(*c)).unwrap_or(base)
}

/// What a rule version gives once the case facts are applied.
pub(crate) struct Resolved {
    pub rule: &'static Rule,
    pub duration: i32,
    pub source: String,
    pub status: Status,
}

/// The duration, source and status of `r` for `facts` (variant, then extensions).
pub(crate) fn resolve(r: &'static Rule, facts: CaseFacts) -> Result<Resolved, RuleError> {
    let base = match (r.unit, r.duration) {
        (LimitUnit::CalendarDays | LimitUnit::WorkingDays | LimitUnit::Months, Some(d)) => d,
        _ => return Err(RuleError::NotATimeLimit(r.id.clone())),
    };
    let mut duration = pick_duration(r, base, facts);
    let mut source = r.source.clone();
    let mut status = r.status;
    if facts.extensions > 0 {
        let ext = match &r.extension {
            Some(e) if facts.extensions <= e.max => e,
            _ => {
                let max = r.extension.as_ref().map_or(0, |e| e.max);
                return Err(RuleError::TooManyExtensions {
                    id: r.id.clone(),
                    max,
                });
            }
        };
        duration += ext.each * i32::from(facts.extensions);
        source = format!("{source}; {}", ext.source);
        status = status.weakest(ext.status);
    }
    Ok(Resolved {
        rule: r,
        duration,
        source,
        status,
    })
}

impl Resolved {
    /// The [`Deadline`] for `due`, counted from `start`.
    pub(crate) fn deadline(self, start: NaiveDate, due: NaiveDate, paused: i32) -> Deadline {
        Deadline {
            due,
            rule_id: self.rule.id.clone(),
            description_vi: self.rule.description_vi.clone(),
            start,
            duration: self.duration,
            unit: self.rule.unit,
            source: self.source,
            status: self.status,
            warning: warning_for(self.status),
            note: self.rule.note.clone(),
            before_event: self.rule.before_event,
            paused,
        }
    }
}

impl Calendar {
    /// `n` units of `unit` after `start`, as the Civil Code counts (Điều 147–148): the start
    /// day is not counted and an end on a day off moves to the next working day.
    pub(crate) fn count_forward(&self, unit: LimitUnit, start: NaiveDate, n: i32) -> NaiveDate {
        match unit {
            LimitUnit::WorkingDays => self.add_working_days(start, n),
            LimitUnit::Months => {
                let end = if n >= 0 {
                    start.checked_add_months(Months::new(n.unsigned_abs()))
                } else {
                    start.checked_sub_months(Months::new(n.unsigned_abs()))
                };
                self.working_day_on_or_after(end.unwrap_or(start))
            }
            _ => self.add_calendar_days(start, n),
        }
    }

    /// The deadline rule `rule_id` gives for an event on `start`, using the rule version in
    /// force on `start` (for a complaint, the day it was received), this calendar's working
    /// days, and BLDS Điều 147–148.
    pub fn deadline(
        &self,
        rule_id: &str,
        start: NaiveDate,
        facts: CaseFacts,
    ) -> Result<Deadline, RuleError> {
        let r = rule(rule_id, start)?;
        let res = resolve(r, facts)?;
        if r.before_event {
            return Err(RuleError::BeforeEvent(r.id.clone()));
        }
        let due = self.count_forward(r.unit, start, res.duration);
        Ok(res.deadline(start, due, 0))
    }
}

/// [`Calendar::deadline`] on the default calendar.
pub fn deadline(rule_id: &str, start: NaiveDate, facts: CaseFacts) -> Result<Deadline, RuleError> {
    crate::default_calendar().deadline(rule_id, start, facts)
}

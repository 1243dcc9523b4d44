//! Statutory time limits (legal-rules.md §8) as effective-dated data (data/rules.json), and the
//! deadline a rule gives from a start date and the facts of a case.

use std::sync::OnceLock;

use chrono::NaiveDate;
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
    /// A frequency (e.g. citizen reception), not a deadline.
    PerWeek,
    PerMonth,
    /// A rule without a number (e.g. time excluded from a period).
    None,
}

impl LimitUnit {
    /// How Vietnamese texts name the unit.
    pub fn label_vi(self) -> &'static str {
        match self {
            LimitUnit::CalendarDays => "ngày",
            LimitUnit::WorkingDays => "ngày làm việc",
            LimitUnit::PerWeek => "lần/tuần",
            LimitUnit::PerMonth => "lần/tháng",
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
    /// Set when the rule (or the extension used) is UNCONF: show it wherever the date is shown.
    pub warning: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RuleError {
    #[error("unknown rule {0}")]
    Unknown(String),
    #[error("rule {id} is not in force on {date}")]
    NotInForce { id: String, date: NaiveDate },
    #[error("rule {0} is not a time limit (frequency or no duration)")]
    NotATimeLimit(String),
    #[error("rule {id} allows at most {max} extension(s)")]
    TooManyExtensions { id: String, max: u8 },
}

/// The warning attached to deadlines driven by unconfirmed numbers.
pub const UNCONF_WARNING: &str = "Quy định chưa được xác nhận với văn bản gốc (UNCONF): \
kiểm tra trên vbpl.vn / vanban.chinhphu.vn trước khi dùng làm căn cứ.";

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

impl Calendar {
    /// The deadline rule `rule_id` gives for an event on `start`, using the rule version in
    /// force on `start`, this calendar's working days, and BLDS Điều 147–148.
    pub fn deadline(
        &self,
        rule_id: &str,
        start: NaiveDate,
        facts: CaseFacts,
    ) -> Result<Deadline, RuleError> {
        let r = rule(rule_id, start)?;
        let base = match (r.unit, r.duration) {
            (LimitUnit::CalendarDays | LimitUnit::WorkingDays, Some(d)) => d,
            _ => return Err(RuleError::NotATimeLimit(r.id.clone())),
        };
        let mut duration = pick_duration(r, base, facts);
        let mut source = r.source.clone();
        let mut unconf = r.status == Status::Unconf;
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
            unconf |= ext.status == Status::Unconf;
        }
        let due = match r.unit {
            LimitUnit::WorkingDays => self.add_working_days(start, duration),
            _ => self.add_calendar_days(start, duration),
        };
        Ok(Deadline {
            due,
            rule_id: r.id.clone(),
            description_vi: r.description_vi.clone(),
            start,
            duration,
            unit: r.unit,
            source,
            status: if unconf { Status::Unconf } else { r.status },
            warning: unconf.then(|| UNCONF_WARNING.to_string()),
            note: r.note.clone(),
        })
    }
}

/// [`Calendar::deadline`] on the default calendar.
pub fn deadline(rule_id: &str, start: NaiveDate, facts: CaseFacts) -> Result<Deadline, RuleError> {
    crate::default_calendar().deadline(rule_id, start, facts)
}

//! A year's schedule of days off for civil servants: the official notices (embedded data) or a
//! schedule an admin supplies. Stored as JSON by callers, so every type here is serde.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::status::Status;

/// Why a day is special in the civil-servant calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A statutory holiday (BLLĐ Điều 112), listed even when it falls on a weekend.
    Holiday,
    /// A weekday off because a holiday fell on a weekly rest day (BLLĐ Điều 111 k.3).
    Compensatory,
    /// A working day given off in exchange for a make-up Saturday (hoán đổi).
    Swapped,
    /// A weekly rest day that becomes a working day (làm bù).
    MakeUpWorkday,
}

impl DayKind {
    /// Whether the day is a day off (everything but a make-up working day).
    pub fn is_off(self) -> bool {
        self != DayKind::MakeUpWorkday
    }
}

/// One entry of a schedule: a date, what it is and which text says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayOff {
    pub date: NaiveDate,
    pub name_vi: String,
    pub kind: DayKind,
    pub source: String,
    #[serde(default = "default_status")]
    pub status: Status,
}

fn default_status() -> Status {
    Status::Sec
}

/// The special days of one Gregorian year. Weekly rest days are implicit; only exceptions are
/// listed. `provisional` is true when computed from the statutes because no official notice
/// exists yet (the PM fixes Tết and the 2/9 adjacent day each year).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearSchedule {
    pub year: i32,
    pub provisional: bool,
    pub source: String,
    pub days: Vec<DayOff>,
}

/// A schedule that cannot be used as given.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScheduleError {
    #[error("{date} is not in year {year}")]
    WrongYear { year: i32, date: NaiveDate },
    #[error("{0} is listed twice")]
    Duplicate(NaiveDate),
    #[error("make-up working day {0} is not a weekly rest day")]
    MakeUpOnWorkday(NaiveDate),
}

impl YearSchedule {
    /// Checks what an admin-edited schedule must satisfy; `is_rest_day` is the weekly rule.
    pub fn validate(&self, is_rest_day: impl Fn(NaiveDate) -> bool) -> Result<(), ScheduleError> {
        let mut seen = std::collections::HashSet::new();
        for d in &self.days {
            if d.date.year() != self.year {
                return Err(ScheduleError::WrongYear {
                    year: self.year,
                    date: d.date,
                });
            }
            if !seen.insert(d.date) {
                return Err(ScheduleError::Duplicate(d.date));
            }
            if d.kind == DayKind::MakeUpWorkday && !is_rest_day(d.date) {
                return Err(ScheduleError::MakeUpOnWorkday(d.date));
            }
        }
        Ok(())
    }

    /// Sorts the entries by date (the order every listing uses).
    pub fn sorted(mut self) -> Self {
        self.days
            .sort_by(|a, b| a.date.cmp(&b.date).then(a.kind.cmp(&b.kind)));
        self
    }
}

/// The official schedules embedded in the crate (data/schedules.json: 2025 and 2026).
pub fn official_schedules() -> &'static [YearSchedule] {
    static DATA: OnceLock<Vec<YearSchedule>> = OnceLock::new();
    DATA.get_or_init(|| {
        let v: Vec<YearSchedule> = serde_json::from_str(include_str!("../data/schedules.json"))
            .expect("data/schedules.json is valid (checked by tests)");
        v.into_iter().map(YearSchedule::sorted).collect()
    })
}

/// The official schedule of `year`, if one is embedded.
pub fn official_schedule(year: i32) -> Option<&'static YearSchedule> {
    official_schedules().iter().find(|s| s.year == year)
}

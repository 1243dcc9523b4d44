//! papi-calendar: the Vietnamese lunisolar calendar, holidays, official yearly schedules,
//! working-day arithmetic and statutory time limits. Pure: no I/O, no clock (today is always a
//! parameter), all data embedded.
//!
//! ```
//! use papi_calendar::Calendar;
//! let cal = Calendar::new();
//! let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
//! // Lương Tài sub-plans: 15 working days after 16/01/2025, across Tết (25/01–02/02).
//! assert_eq!(cal.add_working_days(d("2025-01-16"), 15), d("2025-02-13"));
//! ```
//!
//! Statutory time limits come from `data/rules.json`, never from a typed number:
//!
//! ```
//! use papi_calendar::{Calendar, CaseFacts};
//! let cal = Calendar::new();
//! let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
//! // A complaint received on 06/07/2026 is accepted within 7 working days.
//! let due = cal.deadline("KN-THULY-1", d("2026-07-06"), CaseFacts::default()).unwrap();
//! assert_eq!(due.due, d("2026-07-15"));
//! // A reception session on 13/07/2026 is posted at least 5 working days before.
//! let post = cal.latest_notice("TCD-SCHEDULE-POST", d("2026-07-13"), CaseFacts::default());
//! assert_eq!(post.unwrap().due, d("2026-07-06"));
//! // Suspended from 10/07 to 20/07: ten days are not counted.
//! let pauses = [(d("2026-07-10"), Some(d("2026-07-20")))];
//! let kn = cal.deadline_with_pauses("KN-GQ-1", d("2026-07-01"), CaseFacts::default(), &pauses);
//! assert_eq!(kn.unwrap().unwrap().due, d("2026-08-10"));
//! ```

mod astro;
pub mod calendar;
mod delta_t;
pub mod holidays;
pub mod lunar;
pub mod notice;
pub mod pauses;
pub mod rules;
pub mod schedule;
pub mod schedule_text;
pub mod status;
pub mod workdays;

use std::sync::OnceLock;

pub use calendar::{Calendar, OffRange};
pub use lunar::{can_chi_year, leap_month, tet, tet_info, to_lunar, to_solar, LunarDate, TetInfo};
pub use notice::latest_notice;
pub use pauses::Pause;
pub use rules::{deadline, CaseFacts, Deadline, LimitUnit, Rule, RuleError};
pub use schedule::{DayKind, DayOff, ScheduleError, YearSchedule};
pub use status::Status;
pub use workdays::{
    add_calendar_days, add_working_days, is_working_day, next_working_day, working_days_between,
};

/// [`Calendar::holidays`] on the default calendar: every listed day of `year`.
pub fn holidays(year: i32) -> Vec<DayOff> {
    default_calendar().holidays(year)
}

/// A process-wide calendar with the default schedules (no overrides), for callers that have
/// no admin settings at hand (CLI, tests). Its year tables fill in on first use.
pub fn default_calendar() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(Calendar::new)
}

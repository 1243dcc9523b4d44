//! `Calendar`: which schedule applies to each year (official, admin override or provisional)
//! and the per-year day tables, each built once and cached.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::holidays;
use crate::schedule::{self, DayKind, DayOff, ScheduleError, YearSchedule};

/// Years whose tables are cached; others are built on demand (same result, slower).
pub(crate) const FIRST_CACHED: i32 = 1800;
pub(crate) const LAST_CACHED: i32 = 2200;

/// The working-day calendar of civil servants. Defaults: embedded official schedules, else a
/// provisional schedule computed from the statutes. Admin corrections come in as overrides.
/// Cheap to share (`Sync`); changing an override resets only that year's table.
pub struct Calendar {
    overrides: BTreeMap<i32, YearSchedule>,
    enabled: BTreeMap<String, NaiveDate>,
    tables: Vec<OnceLock<YearTable>>,
}

/// One year's days: which are working days, with prefix counts so counting is a lookup.
#[derive(Debug, Clone)]
pub(crate) struct YearTable {
    pub(crate) first: NaiveDate,
    /// `prefix[i]` = working days among the first `i` days of the year.
    pub(crate) prefix: Vec<u16>,
    /// Day-of-year index (0-based) of each working day, in order.
    pub(crate) positions: Vec<u16>,
}

impl YearTable {
    fn build(year: i32, sched: &YearSchedule) -> YearTable {
        let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("year in chrono's range");
        let len = if first.leap_year() { 366 } else { 365 };
        let mut working: Vec<bool> = (0..len)
            .map(|i| !holidays::is_weekly_rest(first + Duration::days(i64::from(i))))
            .collect();
        for d in &sched.days {
            if d.date.year() == year {
                working[d.date.ordinal0() as usize] = !d.kind.is_off();
            }
        }
        let mut prefix = Vec::with_capacity(len as usize + 1);
        let mut positions = Vec::with_capacity(262);
        prefix.push(0u16);
        for (i, w) in working.iter().enumerate() {
            if *w {
                positions.push(i as u16);
            }
            prefix.push(positions.len() as u16);
        }
        YearTable {
            first,
            prefix,
            positions,
        }
    }

    pub(crate) fn total(&self) -> i64 {
        self.positions.len() as i64
    }

    pub(crate) fn is_working(&self, d: NaiveDate) -> bool {
        let i = d.ordinal0() as usize;
        self.prefix[i + 1] > self.prefix[i]
    }

    /// Working days among Jan 1 ..= `d`.
    pub(crate) fn rank(&self, d: NaiveDate) -> i64 {
        i64::from(self.prefix[d.ordinal0() as usize + 1])
    }

    /// The `r`-th (1-based) working day of the year.
    pub(crate) fn nth(&self, r: i64) -> NaiveDate {
        self.first + Duration::days(i64::from(self.positions[(r - 1) as usize]))
    }
}

/// A run of consecutive days off that contains at least one listed day (e.g. "Tết 25/01–02/02").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: u32,
    pub name_vi: String,
}

impl Default for Calendar {
    fn default() -> Self {
        Self::new()
    }
}

impl Clone for Calendar {
    fn clone(&self) -> Self {
        Calendar {
            overrides: self.overrides.clone(),
            enabled: self.enabled.clone(),
            tables: self.tables.clone(),
        }
    }
}

impl std::fmt::Debug for Calendar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Calendar")
            .field("overrides", &self.overrides.keys().collect::<Vec<_>>())
            .field("enabled", &self.enabled)
            .finish_non_exhaustive()
    }
}

impl Calendar {
    /// Embedded official schedules, provisional ones elsewhere, no optional holiday enabled.
    pub fn new() -> Self {
        Calendar {
            overrides: BTreeMap::new(),
            enabled: BTreeMap::new(),
            tables: (FIRST_CACHED..=LAST_CACHED)
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// Uses `schedule` (e.g. edited by an admin, stored as JSON) for its year instead of the
    /// default. The schedule is taken as complete: it lists every holiday, swap and make-up day.
    pub fn with_override(mut self, schedule: YearSchedule) -> Result<Self, ScheduleError> {
        self.set_override(schedule)?;
        Ok(self)
    }

    /// In-place form of [`Calendar::with_override`]; resets that year's cached table.
    pub fn set_override(&mut self, schedule: YearSchedule) -> Result<(), ScheduleError> {
        schedule.validate(holidays::is_weekly_rest)?;
        let year = schedule.year;
        self.overrides.insert(year, schedule.sorted());
        self.reset(year);
        Ok(())
    }

    /// Drops an override; the year goes back to its official or provisional schedule.
    pub fn remove_override(&mut self, year: i32) -> Option<YearSchedule> {
        let old = self.overrides.remove(&year);
        self.reset(year);
        old
    }

    /// Switches on an optional holiday (HOL-CULTURE, 24/11) from `from` on, once its law is in
    /// force. It is added to provisional and official schedules, not to overrides.
    pub fn enable_holiday(mut self, id: &str, from: NaiveDate) -> Self {
        self.enabled.insert(id.to_string(), from);
        self.tables = (FIRST_CACHED..=LAST_CACHED)
            .map(|_| OnceLock::new())
            .collect();
        self
    }

    fn reset(&mut self, year: i32) {
        if let Some(cell) = cache_index(year).and_then(|i| self.tables.get_mut(i)) {
            *cell = OnceLock::new();
        }
    }

    /// The schedule in force for `year`: override, else official, else provisional.
    pub fn schedule(&self, year: i32) -> YearSchedule {
        if let Some(s) = self.overrides.get(&year) {
            return s.clone();
        }
        if let Some(s) = schedule::official_schedule(year) {
            let mut s = s.clone();
            let extra: Vec<DayOff> = holidays::optional_entries(year, &self.enabled)
                .into_iter()
                .filter(|x| !s.days.iter().any(|d| d.date == x.date))
                .collect();
            s.days.extend(extra.iter().cloned());
            holidays::add_compensatory(&mut s.days, &extra);
            return s.sorted();
        }
        holidays::provisional_schedule(year, &self.enabled)
    }

    /// Every listed day of `year` (holidays, compensatory, swapped, make-up working days).
    pub fn holidays(&self, year: i32) -> Vec<DayOff> {
        self.schedule(year).days
    }

    /// What a date is, if it is listed in its year's schedule.
    pub fn day_info(&self, date: NaiveDate) -> Option<DayOff> {
        self.schedule(date.year())
            .days
            .into_iter()
            .find(|d| d.date == date)
    }

    /// Runs of consecutive days off (weekends included) that contain a holiday, compensatory or
    /// swapped day, named after the first holiday in them: what a notice calls "nghỉ từ … đến …".
    pub fn off_ranges(&self, year: i32) -> Vec<OffRange> {
        let listed = self.holidays(year);
        let table = self.table(year);
        let mut out: Vec<OffRange> = Vec::new();
        for d in listed.iter().filter(|d| d.kind.is_off()) {
            if out
                .last()
                .is_some_and(|r| r.from <= d.date && d.date <= r.to)
            {
                continue;
            }
            let mut from = d.date;
            while self.is_off_in(&table, from - Duration::days(1), year) {
                from -= Duration::days(1);
            }
            let mut to = d.date;
            while self.is_off_in(&table, to + Duration::days(1), year) {
                to += Duration::days(1);
            }
            let name = listed
                .iter()
                .find(|x| x.kind == DayKind::Holiday && from <= x.date && x.date <= to)
                .unwrap_or(d)
                .name_vi
                .clone();
            out.push(OffRange {
                from,
                to,
                days: ((to - from).num_days() + 1) as u32,
                name_vi: name,
            });
        }
        out
    }

    fn is_off_in(&self, table: &YearTable, d: NaiveDate, year: i32) -> bool {
        if d.year() == year {
            !table.is_working(d)
        } else {
            !self.is_working_day(d)
        }
    }

    /// The cached table of `year` (built on first use).
    pub(crate) fn table(&self, year: i32) -> Cow<'_, YearTable> {
        match cache_index(year) {
            Some(i) => Cow::Borrowed(
                self.tables[i].get_or_init(|| YearTable::build(year, &self.schedule(year))),
            ),
            None => Cow::Owned(YearTable::build(year, &self.schedule(year))),
        }
    }
}

fn cache_index(year: i32) -> Option<usize> {
    (FIRST_CACHED..=LAST_CACHED)
        .contains(&year)
        .then(|| (year - FIRST_CACHED) as usize)
}

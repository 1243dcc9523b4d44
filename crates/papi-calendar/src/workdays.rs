//! Counting days as the Civil Code counts (Bộ luật Dân sự 2015, Điều 147–148):
//! the day of the event is not counted, and a period whose last day is a weekly rest day or a
//! holiday ends on the next working day. Each operation is a few lookups in cached year tables.

use chrono::{Datelike, Duration, NaiveDate};

use crate::calendar::Calendar;

impl Calendar {
    /// Whether civil servants work on `d` (Mon–Fri, minus days off, plus make-up Saturdays).
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        self.table(d.year()).is_working(d)
    }

    /// The first working day strictly after `d`.
    pub fn next_working_day(&self, d: NaiveDate) -> NaiveDate {
        self.add_working_days(d, 1)
    }

    /// `d` if it is a working day, else the next one: where a period ending on `d` ends
    /// (BLDS Điều 148).
    pub fn working_day_on_or_after(&self, d: NaiveDate) -> NaiveDate {
        if self.is_working_day(d) {
            d
        } else {
            self.next_working_day(d)
        }
    }

    /// The `n`-th working day after `from` (`from` itself is not counted, BLDS Điều 147).
    /// Negative `n` counts back: the `|n|`-th working day before `from`. `n == 0` gives
    /// [`Calendar::working_day_on_or_after`].
    pub fn add_working_days(&self, from: NaiveDate, n: i32) -> NaiveDate {
        if n == 0 {
            return self.working_day_on_or_after(from);
        }
        let mut year = from.year();
        let t = self.table(year);
        if n > 0 {
            // Rank (1-based, within `year`) of the working day we want.
            let mut target = t.rank(from) + i64::from(n);
            let mut t = t;
            while target > t.total() {
                target -= t.total();
                year += 1;
                t = self.table(year);
            }
            t.nth(target)
        } else {
            let before = t.rank(from) - i64::from(t.is_working(from));
            let mut target = before + i64::from(n) + 1;
            let mut t = t;
            while target < 1 {
                year -= 1;
                t = self.table(year);
                target += t.total();
            }
            t.nth(target)
        }
    }

    /// `from + n` calendar days, moved to the next working day if it is a day off (BLDS Điều
    /// 147–148). The move is always forward, as Điều 148 says, even for negative `n`.
    pub fn add_calendar_days(&self, from: NaiveDate, n: i32) -> NaiveDate {
        self.working_day_on_or_after(from + Duration::days(i64::from(n)))
    }

    /// Working days in `(from, to]` — so `working_days_between(d, add_working_days(d, n)) == n`.
    /// Negative when `to < from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        let (fy, ty) = (from.year(), to.year());
        let mut n = self.table(ty).rank(to) - self.table(fy).rank(from);
        for y in fy..ty {
            n += self.table(y).total();
        }
        n
    }

    /// Number of working days in the Gregorian year `year` (250 in 2025 and 2026).
    pub fn working_days_in_year(&self, year: i32) -> i64 {
        self.table(year).total()
    }
}

/// [`Calendar::is_working_day`] on the default calendar (no admin overrides).
pub fn is_working_day(d: NaiveDate) -> bool {
    crate::default_calendar().is_working_day(d)
}

/// [`Calendar::next_working_day`] on the default calendar.
pub fn next_working_day(d: NaiveDate) -> NaiveDate {
    crate::default_calendar().next_working_day(d)
}

/// [`Calendar::add_working_days`] on the default calendar.
pub fn add_working_days(from: NaiveDate, n: i32) -> NaiveDate {
    crate::default_calendar().add_working_days(from, n)
}

/// [`Calendar::add_calendar_days`] on the default calendar.
pub fn add_calendar_days(from: NaiveDate, n: i32) -> NaiveDate {
    crate::default_calendar().add_calendar_days(from, n)
}

/// [`Calendar::working_days_between`] on the default calendar.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    crate::default_calendar().working_days_between(from, to)
}

//! Solar ↔ lunar conversion for the Vietnamese calendar (UTC+7).
//!
//! Rules (legal-rules.md §2.1): a month starts on the local day of the new moon; the winter
//! solstice is always in month 11; in a 13-month year the first month after month 11 without a
//! major solar term is the leap month. The month table for lunar years 1800–2199 is built once
//! (`OnceLock`) so a conversion is a binary search; dates outside it are computed on the fly.
//! Verified against published Vietnamese tables for 1900–2100 (see tests/).

use std::fmt;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::astro::{self, TZ_VN};

/// A date of the Vietnamese lunar calendar. `leap` marks the intercalary month (tháng nhuận),
/// which repeats the number of the month before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LunarDate {
    pub year: i32,
    pub month: u8,
    pub leap: bool,
    pub day: u8,
}

impl LunarDate {
    pub fn new(day: u8, month: u8, year: i32, leap: bool) -> Self {
        LunarDate {
            year,
            month,
            leap,
            day,
        }
    }
}

/// "1/1 Ất Tỵ", "15/6 nhuận Ất Tỵ" — the form printed on official notices and calendars.
impl fmt::Display for LunarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let leap = if self.leap { " nhuận" } else { "" };
        write!(
            f,
            "{}/{}{} {}",
            self.day,
            self.month,
            leap,
            can_chi_year(self.year)
        )
    }
}

/// One lunar year as the CLI prints it: `{"year":2025,"tet":"2025-01-29","leap_month":6}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TetInfo {
    pub year: i32,
    pub tet: NaiveDate,
    pub leap_month: u8,
}

/// One lunar month of the table.
#[derive(Debug, Clone, Copy)]
struct Month {
    start: i64,
    year: i32,
    month: u8,
    leap: bool,
}

/// Consecutive lunar months; `tet[i]` indexes month 1 of lunar year `first_year + i`.
struct Table {
    first_year: i32,
    months: Vec<Month>,
    tet: Vec<usize>,
}

// No leap-month corrections. An earlier version forced 1938 to leap month 7, after the
// published table of luc-nham/lunar-calendar and the Chinese calendar. That value comes from
// dynamical time (TT): Meeus ch. 27 puts the 1938 autumn equinox at 1938-09-24 00:00:08 TT at
// UTC+7. Civil time is universal time: with ΔT ≈ 24 s in 1938 the equinox is at
// 1938-09-23 16:59:38 UT (PyEphem), 23:59:38 at UTC+7, so it falls on 23/09, inside the month
// that starts on 25/08/1938. That month is month 8 and the next one, without a major solar term,
// is the leap month 8 (the Chinese calendar, at UTC+8, has the equinox at 00:59 on 24/09 and
// rightly gets 7). Without a Vietnamese historical source for 7, the UT computation stands:
// 1938 has leap month 8. `astro::sun_sector` converts UT to TT before the solar series
// (`delta_t.rs`), so boundary cases are decided in universal time.

/// Lunar years fully held by the cached table.
const CACHE_FIRST: i32 = 1800;
const CACHE_LAST: i32 = 2199;

fn cached() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| Table::build(CACHE_FIRST, CACHE_LAST))
}

impl Table {
    /// Builds the months of lunar years `first..=last` (plus a margin month on each side).
    fn build(first: i32, last: i32) -> Table {
        let mut months = Vec::with_capacity(((last - first + 3) * 13) as usize);
        // Block `y` runs from month 11 of Gregorian year y-1 to month 11 of year y.
        let mut a11 = astro::month_11_start(first - 1, TZ_VN);
        for y in first..=last + 1 {
            let b11 = astro::month_11_start(y, TZ_VN);
            let k0 = astro::new_moon_index(a11);
            let n = if b11 - a11 > 365 { 13 } else { 12 };
            let leap_at = if n == 13 {
                astro::leap_month_offset(a11, TZ_VN)
            } else {
                -1
            };
            for i in 0..n {
                let start = if i == 0 {
                    a11
                } else {
                    astro::new_moon_day(k0 + i, TZ_VN)
                };
                let mut number = if leap_at >= 0 && i >= leap_at {
                    i + 10
                } else {
                    i + 11
                };
                if number > 12 {
                    number -= 12;
                }
                let year = if number >= 11 && i < 4 { y - 1 } else { y };
                months.push(Month {
                    start,
                    year,
                    month: number as u8,
                    leap: i == leap_at,
                });
            }
            a11 = b11;
        }
        months.push(Month {
            start: a11,
            year: last + 1,
            month: 11,
            leap: false,
        });
        let tet = (first..=last + 1)
            .map(|y| {
                months
                    .iter()
                    .position(|m| m.year == y && m.month == 1 && !m.leap)
                    .expect("every built lunar year has a month 1")
            })
            .collect();
        Table {
            first_year: first,
            months,
            tet,
        }
    }

    fn holds_year(&self, year: i32) -> bool {
        year >= self.first_year && ((year - self.first_year) as usize) + 1 < self.tet.len()
    }

    /// Months of lunar year `year`, each with its length in days.
    fn year_months(&self, year: i32) -> impl Iterator<Item = (Month, i64)> + '_ {
        let i = (year - self.first_year) as usize;
        (self.tet[i]..self.tet[i + 1]).map(move |j| {
            (
                self.months[j],
                self.months[j + 1].start - self.months[j].start,
            )
        })
    }

    fn to_lunar(&self, jdn: i64) -> Option<LunarDate> {
        let i = self.months.partition_point(|m| m.start <= jdn);
        if i == 0 || i >= self.months.len() {
            return None;
        }
        let m = self.months[i - 1];
        Some(LunarDate {
            year: m.year,
            month: m.month,
            leap: m.leap,
            day: (jdn - m.start + 1) as u8,
        })
    }
}

/// Runs `f` on the cached table if it holds lunar year `year`, else on a small table built
/// around that year (slower, same algorithm).
fn with_table<R>(year: i32, f: impl FnOnce(&Table) -> R) -> R {
    let t = cached();
    if t.holds_year(year) {
        f(t)
    } else {
        f(&Table::build(year - 1, year + 1))
    }
}

/// Julian Day Number of a Gregorian date (JDN 2451545 = 2000-01-01).
pub fn jdn(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + 1_721_425
}

pub(crate) fn jdn_from_ymd(y: i32, m: u32, d: u32) -> i64 {
    NaiveDate::from_ymd_opt(y, m, d)
        .map(jdn)
        .expect("valid date")
}

/// Gregorian date of a Julian Day Number.
pub fn from_jdn(jdn: i64) -> Option<NaiveDate> {
    i32::try_from(jdn - 1_721_425)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// The Vietnamese lunar date of a solar (Gregorian) date.
pub fn to_lunar(date: NaiveDate) -> LunarDate {
    let j = jdn(date);
    cached().to_lunar(j).unwrap_or_else(|| {
        Table::build(date.year() - 2, date.year() + 1)
            .to_lunar(j)
            .expect("a table around the date's year holds it")
    })
}

/// The solar date of a lunar date; `None` if that month (or leap month) or day does not exist.
pub fn to_solar(lunar: LunarDate) -> Option<NaiveDate> {
    with_table(lunar.year, |t| {
        t.year_months(lunar.year)
            .find(|(m, _)| m.month == lunar.month && m.leap == lunar.leap)
            .filter(|(_, len)| lunar.day >= 1 && i64::from(lunar.day) <= *len)
            .and_then(|(m, _)| from_jdn(m.start + i64::from(lunar.day) - 1))
    })
}

/// Tết Nguyên đán (1/1) of lunar year `year`.
pub fn tet(year: i32) -> NaiveDate {
    with_table(year, |t| {
        let m = t.months[t.tet[(year - t.first_year) as usize]];
        from_jdn(m.start).expect("in chrono's range")
    })
}

/// The leap month of lunar year `year` (1..=12), or 0 if the year has 12 months.
pub fn leap_month(year: i32) -> u8 {
    with_table(year, |t| {
        t.year_months(year)
            .find(|(m, _)| m.leap)
            .map_or(0, |(m, _)| m.month)
    })
}

/// The number of days (29 or 30) of a lunar month, `None` if it does not exist.
pub fn month_length(year: i32, month: u8, leap: bool) -> Option<u8> {
    with_table(year, |t| {
        t.year_months(year)
            .find(|(m, _)| m.month == month && m.leap == leap)
            .map(|(_, n)| n as u8)
    })
}

/// Tết date and leap month of a lunar year, in the shape the CLI prints.
pub fn tet_info(year: i32) -> TetInfo {
    TetInfo {
        year,
        tet: tet(year),
        leap_month: leap_month(year),
    }
}

const CAN: [&str; 10] = [
    "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý",
];
const CHI: [&str; 12] = [
    "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi",
];

/// Sexagenary (can chi) name of a lunar year: 2025 → "Ất Tỵ", 2026 → "Bính Ngọ".
pub fn can_chi_year(year: i32) -> String {
    let can = CAN[(year + 6).rem_euclid(10) as usize];
    let chi = CHI[(year + 8).rem_euclid(12) as usize];
    format!("{can} {chi}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn tet_2025_is_1_1_at_ty() {
        let l = to_lunar(d("2025-01-29"));
        assert_eq!(l, LunarDate::new(1, 1, 2025, false));
        assert_eq!(l.to_string(), "1/1 Ất Tỵ");
        assert_eq!(
            to_solar(LunarDate::new(10, 3, 2026, false)),
            Some(d("2026-04-26"))
        );
        assert_eq!(can_chi_year(2026), "Bính Ngọ");
    }

    #[test]
    fn tet_info_json_shape() {
        let json = serde_json::to_string(&tet_info(2025)).unwrap();
        assert_eq!(json, r#"{"year":2025,"tet":"2025-01-29","leap_month":6}"#);
    }

    #[test]
    fn outside_cache_still_converts() {
        let t = tet(2250);
        assert_eq!(to_lunar(t), LunarDate::new(1, 1, 2250, false));
        assert_eq!(to_solar(LunarDate::new(1, 1, 1700, false)), Some(tet(1700)));
    }

    #[test]
    fn nonexistent_dates_are_none() {
        assert_eq!(to_solar(LunarDate::new(1, 6, 2026, true)), None);
        assert_eq!(to_solar(LunarDate::new(31, 1, 2026, false)), None);
        assert_eq!(to_solar(LunarDate::new(0, 1, 2026, false)), None);
    }
}

//! Statutory holidays and the weekly rest as effective-dated data (data/holidays.json), and the
//! provisional schedule computed from them for years without an official notice.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::lunar::{self, LunarDate};
use crate::schedule::{DayKind, DayOff, YearSchedule};
use crate::status::Status;

/// How a holiday's date is found in a given year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DateRule {
    Solar {
        month: u32,
        day: u32,
    },
    Lunar {
        month: u8,
        day: u8,
    },
    /// `days` days around 1/1 lunar: provisionally the last day of the old year and the first
    /// `days - 1` days of the new one (the PM fixes the real range yearly, Điều 112 k.3).
    LunarNewYear,
    /// 2/9 plus `days - 1` adjacent day chosen by the PM; provisionally the one that joins 2/9
    /// to a weekend or makes the longest break (see `national_day_adjacent`).
    NationalDay,
}

/// One version of a statutory holiday, in force for dates in `[effective_from, effective_to]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayRule {
    pub id: String,
    pub name_vi: String,
    pub rule: DateRule,
    pub days: u8,
    pub source: String,
    pub status: Status,
    pub effective_from: Option<NaiveDate>,
    pub effective_to: Option<NaiveDate>,
    /// Pending holidays (Ngày Văn hóa Việt Nam) are off unless a caller enables them.
    #[serde(default)]
    pub optional: bool,
}

/// Which weekdays state agencies rest, in force for `[effective_from, effective_to]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyRest {
    pub effective_from: Option<NaiveDate>,
    pub effective_to: Option<NaiveDate>,
    pub days_off: Vec<Weekday>,
    pub source: String,
    pub status: Status,
}

#[derive(Debug, Clone, Deserialize)]
struct Compensatory {
    source: String,
    status: Status,
}

#[derive(Debug, Clone, Deserialize)]
struct HolidayData {
    weekly_rest: Vec<WeeklyRest>,
    holidays: Vec<HolidayRule>,
    compensatory: Compensatory,
}

fn data() -> &'static HolidayData {
    static DATA: OnceLock<HolidayData> = OnceLock::new();
    DATA.get_or_init(|| {
        serde_json::from_str(include_str!("../data/holidays.json"))
            .expect("data/holidays.json is valid (checked by tests)")
    })
}

fn in_force(from: Option<NaiveDate>, to: Option<NaiveDate>, d: NaiveDate) -> bool {
    from.is_none_or(|f| f <= d) && to.is_none_or(|t| d <= t)
}

/// All statutory holiday versions (including optional ones), as embedded.
pub fn holiday_rules() -> &'static [HolidayRule] {
    &data().holidays
}

/// All weekly-rest versions, as embedded.
pub fn weekly_rest_rules() -> &'static [WeeklyRest] {
    &data().weekly_rest
}

/// Whether `d` is a weekly rest day for state agencies (Sat/Sun since QĐ 188/1999).
pub fn is_weekly_rest(d: NaiveDate) -> bool {
    data()
        .weekly_rest
        .iter()
        .find(|w| in_force(w.effective_from, w.effective_to, d))
        .is_some_and(|w| w.days_off.contains(&d.weekday()))
}

/// The provisional adjacent day of 2/9 (Điều 112 k.1đ: "01 ngày liền kề trước hoặc sau"),
/// following the recent notices: Tue/Wed/Fri/Sat → 1/9, Mon/Thu/Sun → 3/9.
fn national_day_adjacent(year: i32) -> NaiveDate {
    let sep2 = NaiveDate::from_ymd_opt(year, 9, 2).expect("valid");
    match sep2.weekday() {
        Weekday::Mon | Weekday::Thu | Weekday::Sun => sep2 + Duration::days(1),
        _ => sep2 - Duration::days(1),
    }
}

/// Dates (with a name suffix) of one holiday version in `year`.
fn occurrences(rule: &HolidayRule, year: i32) -> Vec<(NaiveDate, String)> {
    let name = rule.name_vi.clone();
    match rule.rule {
        DateRule::Solar { month, day } => NaiveDate::from_ymd_opt(year, month, day)
            .map(|d| vec![(d, name)])
            .unwrap_or_default(),
        DateRule::Lunar { month, day } => lunar::to_solar(LunarDate::new(day, month, year, false))
            .filter(|d| d.year() == year)
            .map(|d| vec![(d, format!("{name} ({day}/{month} âm lịch)"))])
            .unwrap_or_default(),
        DateRule::LunarNewYear => {
            let tet = lunar::tet(year);
            (-1..i64::from(rule.days) - 1)
                .map(|i| {
                    let d = tet + Duration::days(i);
                    let label = if i < 0 {
                        format!("{name} (cuối năm {})", lunar::can_chi_year(year - 1))
                    } else {
                        format!("{name} (mùng {})", i + 1)
                    };
                    (d, label)
                })
                .collect()
        }
        DateRule::NationalDay => {
            let sep2 = NaiveDate::from_ymd_opt(year, 9, 2).expect("valid");
            let mut v = vec![(sep2, name.clone())];
            if rule.days >= 2 {
                v.push((
                    national_day_adjacent(year),
                    format!("{name} (ngày liền kề)"),
                ));
            }
            v
        }
    }
}

/// The provisional schedule of `year`: statutory holidays in force on their date, plus
/// compensatory days for those on a weekly rest day. `enabled` lists optional holidays switched
/// on by the caller with the date from which they apply.
pub fn provisional_schedule(year: i32, enabled: &BTreeMap<String, NaiveDate>) -> YearSchedule {
    let mut days: Vec<DayOff> = Vec::new();
    for rule in holiday_rules() {
        for (date, name_vi) in occurrences(rule, year) {
            let active = if rule.optional {
                enabled.get(&rule.id).is_some_and(|from| *from <= date)
            } else {
                in_force(rule.effective_from, rule.effective_to, date)
            };
            if active && !days.iter().any(|d| d.date == date) {
                days.push(DayOff {
                    date,
                    name_vi,
                    kind: DayKind::Holiday,
                    source: rule.source.clone(),
                    status: rule.status,
                });
            }
        }
    }
    days.sort_by_key(|d| d.date);
    let all = days.clone();
    add_compensatory(&mut days, &all);
    YearSchedule {
        year,
        provisional: true,
        source: "Lịch tạm tính theo Bộ luật Lao động (chưa có thông báo chính thức của năm)".into(),
        days,
    }
    .sorted()
}

/// Adds to `days` a compensatory day for each holiday of `holidays` on a weekly rest day: the
/// next day that is neither a rest day nor already off (BLLĐ 2019 Điều 111 k.3).
pub(crate) fn add_compensatory(days: &mut Vec<DayOff>, holidays: &[DayOff]) {
    let comp = &data().compensatory;
    let on_rest_day = holidays
        .iter()
        .filter(|h| h.kind == DayKind::Holiday && is_weekly_rest(h.date));
    for h in on_rest_day {
        let mut d = h.date + Duration::days(1);
        while is_weekly_rest(d) || days.iter().any(|x| x.date == d && x.kind.is_off()) {
            d += Duration::days(1);
        }
        if d.year() != h.date.year() {
            continue; // never happens with current holidays; a year's table stays self-contained
        }
        days.push(DayOff {
            date: d,
            name_vi: format!("Nghỉ bù {}", h.name_vi),
            kind: DayKind::Compensatory,
            source: comp.source.clone(),
            status: comp.status,
        });
    }
    days.sort_by_key(|d| d.date);
}

/// An optional holiday (e.g. HOL-CULTURE, 24/11) as a schedule entry for `year`, if it falls
/// on or after `from`; used to add it to official schedules once the law is in force.
pub(crate) fn optional_entries(year: i32, enabled: &BTreeMap<String, NaiveDate>) -> Vec<DayOff> {
    holiday_rules()
        .iter()
        .filter(|r| r.optional)
        .filter_map(|r| enabled.get(&r.id).map(|from| (r, *from)))
        .flat_map(|(r, from)| {
            occurrences(r, year)
                .into_iter()
                .filter(move |(d, _)| *d >= from)
                .map(|(date, n)| DayOff {
                    date,
                    name_vi: n,
                    kind: DayKind::Holiday,
                    source: r.source.clone(),
                    status: r.status,
                })
        })
        .collect()
}

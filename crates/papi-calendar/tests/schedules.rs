//! The 2025 and 2026 official schedules day by day (legal-rules.md §1.3) and the worked examples.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use papi_calendar::{Calendar, DayKind, YearSchedule};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Expected calendar of a year: weekdays off and Saturdays worked (legal-rules.md §1.3).
fn check_year(cal: &Calendar, year: i32, weekdays_off: &[&str], saturdays_worked: &[&str]) {
    let off: Vec<NaiveDate> = weekdays_off.iter().map(|s| d(s)).collect();
    let worked: Vec<NaiveDate> = saturdays_worked.iter().map(|s| d(s)).collect();
    let mut day = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
    let mut count = 0;
    while day.year() == year {
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let expected = (!weekend && !off.contains(&day)) || worked.contains(&day);
        assert_eq!(cal.is_working_day(day), expected, "{day}");
        count += i64::from(expected);
        day += Duration::days(1);
    }
    assert_eq!(cal.working_days_in_year(year), count);
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
    // Days in (31/12 of last year, 31/12] = the whole year.
    assert_eq!(
        cal.working_days_between(first - Duration::days(1), last),
        count
    );
}

const OFF_2025: &[&str] = &[
    "2025-01-01",
    "2025-01-27",
    "2025-01-28",
    "2025-01-29",
    "2025-01-30",
    "2025-01-31",
    "2025-04-07",
    "2025-04-30",
    "2025-05-01",
    "2025-05-02",
    "2025-09-01",
    "2025-09-02",
];
const OFF_2026: &[&str] = &[
    "2026-01-01",
    "2026-01-02",
    "2026-02-16",
    "2026-02-17",
    "2026-02-18",
    "2026-02-19",
    "2026-02-20",
    "2026-04-27",
    "2026-04-30",
    "2026-05-01",
    "2026-08-31",
    "2026-09-01",
    "2026-09-02",
];

#[test]
fn official_2025_day_by_day() {
    let cal = Calendar::new();
    check_year(&cal, 2025, OFF_2025, &["2025-04-26"]);
    assert_eq!(cal.working_days_in_year(2025), 250);
    let s = cal.schedule(2025);
    assert!(!s.provisional);
    assert!(s.days.iter().all(|x| !x.source.is_empty()));
}

#[test]
fn official_2026_day_by_day() {
    let cal = Calendar::new();
    check_year(&cal, 2026, OFF_2026, &["2026-01-10", "2026-08-22"]);
    assert_eq!(cal.working_days_in_year(2026), 250);
    let kinds: Vec<(NaiveDate, DayKind)> = cal
        .holidays(2026)
        .into_iter()
        .map(|x| (x.date, x.kind))
        .collect();
    assert!(kinds.contains(&(d("2026-04-26"), DayKind::Holiday)));
    assert!(kinds.contains(&(d("2026-04-27"), DayKind::Compensatory)));
    assert!(kinds.contains(&(d("2026-01-02"), DayKind::Swapped)));
    assert!(kinds.contains(&(d("2026-08-22"), DayKind::MakeUpWorkday)));
}

#[test]
fn off_ranges_match_the_notices() {
    let cal = Calendar::new();
    let r2025: Vec<(NaiveDate, NaiveDate)> = cal
        .off_ranges(2025)
        .iter()
        .map(|r| (r.from, r.to))
        .collect();
    assert_eq!(
        r2025,
        vec![
            (d("2025-01-01"), d("2025-01-01")),
            (d("2025-01-25"), d("2025-02-02")),
            (d("2025-04-05"), d("2025-04-07")),
            (d("2025-04-30"), d("2025-05-04")),
            (d("2025-08-30"), d("2025-09-02")),
        ]
    );
    let r2026: Vec<(NaiveDate, NaiveDate)> = cal
        .off_ranges(2026)
        .iter()
        .map(|r| (r.from, r.to))
        .collect();
    assert_eq!(
        r2026,
        vec![
            (d("2026-01-01"), d("2026-01-04")),
            (d("2026-02-14"), d("2026-02-22")),
            (d("2026-04-25"), d("2026-04-27")),
            (d("2026-04-30"), d("2026-05-03")),
            (d("2026-08-29"), d("2026-09-02")),
        ]
    );
}

#[test]
fn worked_examples() {
    let cal = Calendar::new();
    // Lương Tài sub-plans: 15 working days after plan 10/KH-UBND of 16/01/2025.
    assert_eq!(cal.add_working_days(d("2025-01-16"), 15), d("2025-02-13"));
    // legal-rules.md §1.3 test vectors.
    assert_eq!(cal.add_working_days(d("2026-02-10"), 10), d("2026-03-03"));
    assert_eq!(cal.add_working_days(d("2026-04-24"), 5), d("2026-05-06"));
    assert_eq!(cal.add_working_days(d("2026-08-27"), 3), d("2026-09-04"));
    // Make-up Saturday counts as a working day.
    assert_eq!(cal.next_working_day(d("2026-01-09")), d("2026-01-10"));
    assert_eq!(cal.next_working_day(d("2025-01-24")), d("2025-02-03"));
    // Backwards.
    assert_eq!(cal.add_working_days(d("2025-02-13"), -15), d("2025-01-16"));
    assert_eq!(cal.add_working_days(d("2025-02-01"), -1), d("2025-01-24"));
    // Calendar days: Điều 148 moves an end on a day off to the next working day.
    assert_eq!(cal.add_calendar_days(d("2025-03-03"), 30), d("2025-04-02"));
    assert_eq!(cal.add_calendar_days(d("2025-01-20"), 10), d("2025-02-03"));
    assert_eq!(
        cal.working_days_between(d("2025-01-16"), d("2025-02-13")),
        15
    );
    assert_eq!(
        cal.working_days_between(d("2025-02-13"), d("2025-01-16")),
        -15
    );
}

#[test]
fn culture_day_can_be_enabled() {
    let base = Calendar::new();
    assert!(base.is_working_day(d("2026-11-24")));
    let cal = Calendar::new().enable_holiday("HOL-CULTURE", d("2026-07-01"));
    assert!(!cal.is_working_day(d("2026-11-24")));
    assert_eq!(cal.working_days_in_year(2026), 249);
    assert!(!cal.is_working_day(d("2027-11-24")));
    assert!(cal.is_working_day(d("2025-11-24")));
}

#[test]
fn admin_override_replaces_a_year() {
    let mut s: YearSchedule = Calendar::new().schedule(2026);
    // Admin adds 24/11 by hand, as the web settings would, through a JSON round trip.
    s.days.push(papi_calendar::DayOff {
        date: d("2026-11-24"),
        name_vi: "Ngày Văn hóa Việt Nam".into(),
        kind: DayKind::Holiday,
        source: "Bộ luật Lao động (sửa đổi 2026)".into(),
        status: papi_calendar::Status::Sec,
    });
    let json = serde_json::to_string(&s).unwrap();
    let back: YearSchedule = serde_json::from_str(&json).unwrap();
    let cal = Calendar::new().with_override(back).unwrap();
    assert!(!cal.is_working_day(d("2026-11-24")));
    assert_eq!(cal.working_days_in_year(2026), 249);
    // Bad schedules are refused.
    let mut bad = cal.schedule(2026);
    bad.days[0].date = d("2027-01-01");
    assert!(Calendar::new().with_override(bad).is_err());
    let mut bad = cal.schedule(2026);
    bad.days.push(bad.days[0].clone());
    assert!(Calendar::new().with_override(bad).is_err());
    // Removing the override goes back to the official schedule.
    let mut cal = cal;
    cal.remove_override(2026);
    assert_eq!(cal.working_days_in_year(2026), 250);
}

#[test]
fn schedule_json_shape() {
    let cal = Calendar::new();
    let v = serde_json::to_value(cal.holidays(2025)).unwrap();
    assert_eq!(v[0]["date"], "2025-01-01");
    assert_eq!(v[0]["kind"], "holiday");
    assert!(v[0]["source"].as_str().unwrap().contains("Điều 112"));
}

#[test]
fn free_functions_use_the_default_calendar() {
    assert_eq!(
        papi_calendar::add_working_days(d("2025-01-16"), 15),
        d("2025-02-13")
    );
    assert_eq!(
        papi_calendar::working_days_between(d("2025-01-16"), d("2025-02-13")),
        15
    );
    assert_eq!(
        papi_calendar::next_working_day(d("2025-01-24")),
        d("2025-02-03")
    );
    assert_eq!(
        papi_calendar::add_calendar_days(d("2025-03-03"), 30),
        d("2025-04-02")
    );
    assert!(!papi_calendar::is_working_day(d("2025-01-27")));
    assert_eq!(papi_calendar::holidays(2025).len(), 13);
}

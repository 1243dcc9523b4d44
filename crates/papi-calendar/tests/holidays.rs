//! Provisional schedules and the effective dates of holidays (legal-rules.md §1.1–1.2).

use chrono::{Datelike, NaiveDate, Weekday};
use papi_calendar::{Calendar, DayKind};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn holiday_dates(cal: &Calendar, year: i32) -> Vec<NaiveDate> {
    cal.holidays(year)
        .into_iter()
        .filter(|x| x.kind == DayKind::Holiday)
        .map(|x| x.date)
        .collect()
}

#[test]
fn years_without_notice_are_provisional() {
    let cal = Calendar::new();
    assert!(cal.schedule(2027).provisional);
    assert!(!cal.schedule(2026).provisional);
    assert!(cal.holidays(2027).iter().all(|x| !x.source.is_empty()));
}

#[test]
fn later_holidays_do_not_appear_earlier() {
    let cal = Calendar::new();
    // Giỗ Tổ became a paid holiday in 2007 (Luật 84/2007/QH11).
    assert!(holiday_dates(&cal, 2006)
        .iter()
        .all(|x| *x != d("2006-04-07")));
    assert!(holiday_dates(&cal, 2008).contains(&d("2008-04-15")));
    // The second day of Quốc khánh exists from 2021 (BLLĐ 2019).
    let sept = |y: i32| {
        holiday_dates(&cal, y)
            .iter()
            .filter(|x| x.month() == 9)
            .count()
    };
    assert_eq!(sept(2020), 1);
    assert_eq!(sept(2027), 2);
    // Tết: 4 days under BLLĐ 1994, 5 days since 2013 (BLLĐ 2012, 2019).
    let tet = |y: i32| {
        holiday_dates(&cal, y)
            .iter()
            .filter(|x| x.month() <= 2)
            .count()
            - 1
    };
    assert_eq!(tet(2010), 4);
    assert_eq!(tet(2027), 5);
    // Ngày Văn hóa Việt Nam (24/11) is not law: off by default.
    assert!(!holiday_dates(&cal, 2030).contains(&d("2030-11-24")));
    // No statutory data before BLLĐ 1994, and a 6-day week before QĐ 188/1999.
    assert!(cal.holidays(1990).is_empty());
    assert!(cal.is_working_day(d("1999-09-25"))); // Saturday
    assert!(!cal.is_working_day(d("1999-10-02"))); // Saturday
}

#[test]
fn provisional_2027() {
    let cal = Calendar::new();
    // Tết 2027 is Sat 06/02: 05/02 (last day of Bính Ngọ) + mùng 1–4; weekend days compensated.
    let h = cal.holidays(2027);
    let tet: Vec<NaiveDate> = h
        .iter()
        .filter(|x| x.name_vi.starts_with("Tết Âm lịch"))
        .map(|x| x.date)
        .collect();
    assert_eq!(
        tet,
        vec![
            d("2027-02-05"),
            d("2027-02-06"),
            d("2027-02-07"),
            d("2027-02-08"),
            d("2027-02-09")
        ]
    );
    let comp: Vec<NaiveDate> = h
        .iter()
        .filter(|x| x.kind == DayKind::Compensatory)
        .map(|x| x.date)
        .collect();
    // Sat 06/02, Sun 07/02 → Wed 10/02, Thu 11/02; Sat 01/05 → Mon 03/05.
    assert!(
        comp.contains(&d("2027-02-10")) && comp.contains(&d("2027-02-11")),
        "{comp:?}"
    );
    assert!(comp.contains(&d("2027-05-03")), "{comp:?}");
    // Every statutory holiday on a weekday or compensated: 11 weekdays off.
    let weekdays_off = h
        .iter()
        .filter(|x| x.kind != DayKind::MakeUpWorkday)
        .filter(|x| !matches!(x.date.weekday(), Weekday::Sat | Weekday::Sun))
        .count();
    assert_eq!(weekdays_off, 11);
}

#[test]
fn provisional_years_have_eleven_weekdays_off() {
    let cal = Calendar::new();
    for y in 2021..=2100 {
        if y == 2025 || y == 2026 {
            continue;
        }
        let h = cal.holidays(y);
        let n = h
            .iter()
            .filter(|x| x.kind.is_off())
            .filter(|x| !matches!(x.date.weekday(), Weekday::Sat | Weekday::Sun))
            .count();
        assert_eq!(n, 11, "{y}: {h:#?}");
    }
}

#[test]
fn embedded_data_is_consistent() {
    for s in papi_calendar::schedule::official_schedules() {
        s.validate(papi_calendar::holidays::is_weekly_rest).unwrap();
    }
    let rules = papi_calendar::holidays::holiday_rules();
    for a in rules {
        for b in rules
            .iter()
            .filter(|b| b.id == a.id && !std::ptr::eq(*b, a))
        {
            let overlap = a.effective_from.unwrap_or(NaiveDate::MIN)
                <= b.effective_to.unwrap_or(NaiveDate::MAX)
                && b.effective_from.unwrap_or(NaiveDate::MIN)
                    <= a.effective_to.unwrap_or(NaiveDate::MAX);
            assert!(!overlap, "{} versions overlap", a.id);
        }
    }
}

//! The lunar calendar against published Vietnamese tables (legal-rules.md §2.3).

use chrono::{Datelike, Duration, NaiveDate};
use papi_calendar::lunar::{self, LunarDate};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// legal-rules.md §2.3: (lunar year, Tết, leap month, Giỗ Tổ 10/3).
const TABLE_2000_2031: &[(i32, &str, u8, &str)] = &[
    (2000, "2000-02-05", 0, "2000-04-14"),
    (2001, "2001-01-24", 4, "2001-04-03"),
    (2002, "2002-02-12", 0, "2002-04-22"),
    (2003, "2003-02-01", 0, "2003-04-11"),
    (2004, "2004-01-22", 2, "2004-04-28"),
    (2005, "2005-02-09", 0, "2005-04-18"),
    (2006, "2006-01-29", 7, "2006-04-07"),
    (2007, "2007-02-17", 0, "2007-04-26"),
    (2008, "2008-02-07", 0, "2008-04-15"),
    (2009, "2009-01-26", 5, "2009-04-04"),
    (2010, "2010-02-14", 0, "2010-04-23"),
    (2011, "2011-02-03", 0, "2011-04-12"),
    (2012, "2012-01-23", 4, "2012-03-31"),
    (2013, "2013-02-10", 0, "2013-04-19"),
    (2014, "2014-01-31", 9, "2014-04-09"),
    (2015, "2015-02-19", 0, "2015-04-28"),
    (2016, "2016-02-08", 0, "2016-04-16"),
    (2017, "2017-01-28", 6, "2017-04-06"),
    (2018, "2018-02-16", 0, "2018-04-25"),
    (2019, "2019-02-05", 0, "2019-04-14"),
    (2020, "2020-01-25", 4, "2020-04-02"),
    (2021, "2021-02-12", 0, "2021-04-21"),
    (2022, "2022-02-01", 0, "2022-04-10"),
    (2023, "2023-01-22", 2, "2023-04-29"),
    (2024, "2024-02-10", 0, "2024-04-18"),
    (2025, "2025-01-29", 6, "2025-04-07"),
    (2026, "2026-02-17", 0, "2026-04-26"),
    (2027, "2027-02-06", 0, "2027-04-16"),
    (2028, "2028-01-26", 5, "2028-04-04"),
    (2029, "2029-02-13", 0, "2029-04-23"),
    (2030, "2030-02-02", 0, "2030-04-12"),
];

#[test]
fn tet_leap_and_gio_to_2000_2031() {
    for &(y, tet, leap, gio_to) in TABLE_2000_2031 {
        assert_eq!(lunar::tet(y), d(tet), "Tết {y}");
        assert_eq!(lunar::leap_month(y), leap, "leap month {y}");
        assert_eq!(
            lunar::to_solar(LunarDate::new(10, 3, y, false)),
            Some(d(gio_to)),
            "Giỗ Tổ {y}"
        );
    }
    assert_eq!(lunar::tet(2031), d("2031-01-23"));
    assert_eq!(lunar::leap_month(2031), 3);
    assert_eq!(lunar::leap_month(2033), 11);
}

#[test]
fn leap_month_first_days() {
    let starts = [
        (2001, 4, "2001-05-23"),
        (2004, 2, "2004-03-21"),
        (2006, 7, "2006-08-24"),
        (2009, 5, "2009-06-23"),
        (2012, 4, "2012-05-21"),
        (2014, 9, "2014-10-24"),
        (2017, 6, "2017-07-23"),
        (2020, 4, "2020-05-23"),
        (2023, 2, "2023-03-22"),
        (2025, 6, "2025-07-25"),
        (2028, 5, "2028-06-23"),
    ];
    for (y, m, start) in starts {
        assert_eq!(
            lunar::to_solar(LunarDate::new(1, m, y, true)),
            Some(d(start)),
            "{y}"
        );
        assert_eq!(lunar::to_lunar(d(start)), LunarDate::new(1, m, y, true));
    }
}

/// Years where the UTC+7 calendar differs from the Chinese (UTC+8) one.
#[test]
fn vietnam_differs_from_china() {
    for (y, vn, cn) in [
        (1965, "1965-02-01", "1965-02-02"),
        (1968, "1968-01-29", "1968-01-30"),
        (1969, "1969-02-16", "1969-02-17"),
        (1985, "1985-01-21", "1985-02-20"),
        (2007, "2007-02-17", "2007-02-18"),
        (2030, "2030-02-02", "2030-02-03"),
    ] {
        assert_eq!(lunar::tet(y), d(vn), "{y}");
        assert_ne!(lunar::tet(y), d(cn), "{y}");
    }
}

/// Official notices label 2026-02-14 as 27 Chạp Ất Tỵ and 2026-02-20 as mùng 4 (§2.3).
#[test]
fn labels_in_official_notices() {
    assert_eq!(
        lunar::to_lunar(d("2026-02-14")),
        LunarDate::new(27, 12, 2025, false)
    );
    assert_eq!(
        lunar::to_lunar(d("2026-02-20")),
        LunarDate::new(4, 1, 2026, false)
    );
    assert_eq!(
        lunar::to_lunar(d("2025-01-25")),
        LunarDate::new(26, 12, 2024, false)
    );
    assert_eq!(
        lunar::to_lunar(d("2025-02-02")),
        LunarDate::new(5, 1, 2025, false)
    );
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
}

/// Every Tết 1900–2100 and every leap month 1903–2099 against an independent published table.
#[test]
fn tet_and_leap_months_1900_2100() {
    let tets: Vec<NaiveDate> = data_lines(include_str!("data/tet_1900_2100.txt"))
        .map(|l| d(l.trim()))
        .collect();
    assert_eq!(tets.len(), 201);
    for (i, t) in tets.iter().enumerate() {
        let y = 1900 + i as i32;
        assert_eq!(lunar::tet(y), *t, "Tết {y}");
    }
    let mut leaps = std::collections::HashMap::new();
    for l in data_lines(include_str!("data/leap_months.txt")) {
        let mut it = l.split_whitespace().map(|x| x.parse::<i32>().unwrap());
        leaps.insert(it.next().unwrap(), it.next().unwrap() as u8);
    }
    let diffs: Vec<(i32, u8, u8)> = (1903..=2099)
        .map(|y| (y, lunar::leap_month(y), leaps.get(&y).copied().unwrap_or(0)))
        .filter(|(_, ours, theirs)| ours != theirs)
        .collect();
    // The one known difference: 1938, where the table decides the autumn equinox in dynamical
    // time and the civil calendar follows universal time (see `leap_month_1938_in_universal_time`).
    assert_eq!(diffs, vec![(1938, 8, 7)], "(year, ours, published)");
}

/// 1938: the autumn equinox was at 1938-09-23 16:59:38 UT (PyEphem; ΔT ≈ 24 s), 23:59:38 at
/// UTC+7, so on 23/09, inside the month that starts with the new moon of 25/08/1938 (11:17 UT).
/// The next new moon, 23/09 20:33 UT, is on 24/09 at UTC+7; the month from 24/09 to 22/10
/// holds no major solar term (the sun reaches 210° on 24/10, 02:00 UT, after the new moon of
/// 23/10 08:42 UT), so it is the leap month, repeating month 8.
#[test]
fn leap_month_1938_in_universal_time() {
    assert_eq!(lunar::leap_month(1938), 8);
    assert_eq!(
        lunar::to_lunar(d("1938-09-23")),
        LunarDate::new(30, 8, 1938, false)
    );
    assert_eq!(
        lunar::to_lunar(d("1938-09-24")),
        LunarDate::new(1, 8, 1938, true)
    );
    assert_eq!(
        lunar::to_lunar(d("1938-08-25")),
        LunarDate::new(1, 8, 1938, false)
    );
    // The Tết on either side is unchanged.
    assert_eq!(lunar::tet(1938), d("1938-01-31"));
    assert_eq!(lunar::tet(1939), d("1939-02-19"));
}

/// solar → lunar → solar for every day 1900-01-01..=2100-12-31, and lunar days advance by one.
#[test]
fn round_trip_every_day_1900_2100() {
    let mut day = d("1900-01-01");
    let end = d("2100-12-31");
    let mut prev = lunar::to_lunar(day - Duration::days(1));
    while day <= end {
        let l = lunar::to_lunar(day);
        assert_eq!(lunar::to_solar(l), Some(day), "{day} -> {l:?}");
        if l.day == 1 {
            assert!(
                prev.day == 29 || prev.day == 30,
                "{day}: month of {} days",
                prev.day
            );
        } else {
            assert_eq!(l.day, prev.day + 1, "{day}");
            assert_eq!(
                (l.year, l.month, l.leap),
                (prev.year, prev.month, prev.leap)
            );
        }
        prev = l;
        day = day.succ_opt().unwrap();
    }
    assert_eq!(end.year(), 2100);
}

//! Properties of working-day arithmetic over 1900–2100.

use chrono::{Duration, NaiveDate};
use papi_calendar::{default_calendar, Calendar};
use proptest::prelude::*;

fn date(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + Duration::days(offset)
}

/// Naive day-by-day reference: the n-th working day after `from`.
fn naive_add(cal: &Calendar, from: NaiveDate, n: i32) -> NaiveDate {
    let mut d = from;
    let mut left = n;
    while left > 0 {
        d += Duration::days(1);
        if cal.is_working_day(d) {
            left -= 1;
        }
    }
    d
}

proptest! {
    #[test]
    fn add_then_count_gives_n(offset in 0i64..73_000, n in 0i32..2_000) {
        let cal = default_calendar();
        let from = date(offset);
        let to = cal.add_working_days(from, n);
        prop_assert!(cal.is_working_day(to));
        if n > 0 {
            prop_assert_eq!(cal.working_days_between(from, to), i64::from(n));
            // Counting back n from `to` gives the last working day on or before `from`.
            let back = cal.add_working_days(to, -n);
            prop_assert!(back <= from && cal.is_working_day(back));
            prop_assert_eq!(cal.working_days_between(back, from), 0);
        }
    }

    #[test]
    fn matches_naive_loop(offset in 0i64..73_000, n in 1i32..400) {
        let cal = default_calendar();
        let from = date(offset);
        prop_assert_eq!(cal.add_working_days(from, n), naive_add(cal, from, n));
    }

    #[test]
    fn calendar_days_never_end_on_day_off(offset in 0i64..73_000, n in 0i32..400) {
        let cal = default_calendar();
        let from = date(offset);
        let due = cal.add_calendar_days(from, n);
        prop_assert!(cal.is_working_day(due));
        prop_assert!(due >= from + Duration::days(i64::from(n)));
        prop_assert!(due - (from + Duration::days(i64::from(n))) < Duration::days(15));
    }

    #[test]
    fn backwards_inverts_forwards(offset in 0i64..73_000, n in 1i32..1_000) {
        let cal = default_calendar();
        let from = date(offset);
        let back = cal.add_working_days(from, -n);
        prop_assert!(cal.is_working_day(back));
        prop_assert!(back < from);
        let w = i64::from(cal.is_working_day(from));
        prop_assert_eq!(cal.working_days_between(back, from), i64::from(n) - 1 + w);
        prop_assert_eq!(cal.add_working_days(back, n), cal.working_day_on_or_after(from));
    }
}

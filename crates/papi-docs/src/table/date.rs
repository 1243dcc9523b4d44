//! The one date reader of every table: a cell holds a date as text (`30/06/2025`, `1/7/2025`,
//! ISO `2025-06-30`, with or without a time, RFC 3339 with an offset) or as an Excel serial
//! number (a date cell of a workbook, or its number pasted as a value).
//!
//! Excel's 1900 date system counts days from serial 1 = 1900-01-01 and, to match Lotus 1-2-3,
//! counts a 29 February 1900 that never was (serial 60): serials 1–59 are 1900-01-01 …
//! 1900-02-28, serial 60 is no date, and from 61 (1900-03-01) on every serial is one day more
//! than a plain count would give. The 1904 system (old Mac workbooks) counts from
//! 1904-01-01 = 0, without the bug.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime};

use crate::limits::{MAX_YEAR, MIN_YEAR};

const SECONDS_PER_DAY: i64 = 86_400;

/// Excel's serial 60: the 29 February 1900 that Excel counts and the calendar does not.
const LEAP_BUG_SERIAL: i64 = 60;

/// The serial of 10000-01-01 in the 1900 system: Excel's dates end the day before.
const SERIAL_END: f64 = 2_958_466.0;

/// The date and time of an Excel serial number; `None` for serial 60 (1900-02-29, no such
/// day), for a time of day alone (below 1 in the 1900 system) and for what Excel cannot show.
pub(crate) fn from_excel_serial(serial: f64, is_1904: bool) -> Option<NaiveDateTime> {
    if !(0.0..SERIAL_END).contains(&serial) {
        return None;
    }
    let seconds = (serial * SECONDS_PER_DAY as f64).round() as i64;
    let day = seconds.div_euclid(SECONDS_PER_DAY);
    let base = if is_1904 {
        ymd(1904, 1, 1)
    } else if day < 1 || day == LEAP_BUG_SERIAL {
        return None;
    } else if day < LEAP_BUG_SERIAL {
        ymd(1899, 12, 31)
    } else {
        ymd(1899, 12, 30)
    };
    base.and_hms_opt(0, 0, 0)?
        .checked_add_signed(Duration::seconds(seconds))
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid calendar date")
}

/// A date (and time) typed as text: `dd/mm/yyyy` or `d/m/yyyy` (`-` and `.` also separate),
/// ISO `yyyy-mm-dd`, either followed by a time (`08:30`, `08:30:12`, `08:30:12.5`, ISO `T`
/// allowed), or RFC 3339 with an offset (converted to UTC). A date alone is at midnight.
pub(crate) fn parse_date_text(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.naive_utc());
    }
    let (date, time) = match s.split_once(['T', ' ']) {
        Some((d, t)) => (d.trim(), Some(t.trim())),
        None => (s, None),
    };
    let date = parse_day(date)?;
    match time {
        None => date.and_hms_opt(0, 0, 0),
        Some(t) => ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M"]
            .iter()
            .find_map(|f| chrono::NaiveTime::parse_from_str(t, f).ok())
            .map(|t| date.and_time(t)),
    }
}

/// `2025-06-30`, `30/06/2025`, `1/7/2025`, `30-06-2025`, `30.06.2025`.
fn parse_day(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let num = |p: &str| {
        (!p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)
        }
        [d, m, y] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)
        }
        _ => None,
    }
}

/// A cell's date: text as [`parse_date_text`] reads it, or a number read as an Excel serial
/// (1900 system) when it falls in the years a file may hold ([`MIN_YEAR`]–[`MAX_YEAR`]), so
/// that a year (`2025`) or a count is never taken for a date.
pub(crate) fn parse_cell_date(s: &str) -> Option<NaiveDateTime> {
    if let Some(t) = parse_date_text(s) {
        return Some(t);
    }
    let serial = s.trim().parse::<f64>().ok()?;
    let first = serial_of(ymd(MIN_YEAR, 1, 1));
    let last = serial_of(ymd(MAX_YEAR + 1, 1, 1));
    (first..last)
        .contains(&serial)
        .then(|| from_excel_serial(serial, false))
        .flatten()
}

/// The 1900-system serial of a date after 1900-02-28.
fn serial_of(d: NaiveDate) -> f64 {
    (d - ymd(1899, 12, 30)).num_days() as f64
}

/// A date as a Vietnamese table writes it: `30/06/2025`, or `30/06/2025 08:30:12` when it has
/// a time of day.
pub(crate) fn date_text(t: NaiveDateTime) -> String {
    if t.time() == chrono::NaiveTime::MIN {
        t.format("%d/%m/%Y").to_string()
    } else {
        t.format("%d/%m/%Y %H:%M:%S").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDateTime> {
        ymd(y, m, d).and_hms_opt(0, 0, 0)
    }

    #[test]
    fn excel_serials_as_excel_shows_them() {
        // (serial, what Excel shows for it in the 1900 system)
        for (serial, y, m, d) in [
            (1.0, 1900, 1, 1),
            (2.0, 1900, 1, 2),
            (31.0, 1900, 1, 31),
            (59.0, 1900, 2, 28),
            (61.0, 1900, 3, 1),
            (367.0, 1901, 1, 1),
            (16_438.0, 1945, 1, 1),
            (25_569.0, 1970, 1, 1),
            (36_526.0, 2000, 1, 1),
            (45_658.0, 2025, 1, 1),
            (45_838.0, 2025, 6, 30),
            (46_022.0, 2025, 12, 31),
            (73_051.0, 2100, 1, 1),
            (2_958_465.0, 9999, 12, 31),
        ] {
            assert_eq!(from_excel_serial(serial, false), day(y, m, d), "{serial}");
        }
        // 29/02/1900 never was; a time alone is no date; nor is what Excel cannot show
        for none in [60.0, 60.5, 0.0, 0.25, -1.0, 2_958_466.0, f64::NAN] {
            assert_eq!(from_excel_serial(none, false), None, "{none}");
        }
    }

    #[test]
    fn excel_serials_keep_the_time_of_day() {
        let t = from_excel_serial(45_658.5, false).unwrap();
        assert_eq!(t, ymd(2025, 1, 1).and_hms_opt(12, 0, 0).unwrap());
        let t = from_excel_serial(45_838.354_166_666_7, false).unwrap();
        assert_eq!(t, ymd(2025, 6, 30).and_hms_opt(8, 30, 0).unwrap());
    }

    #[test]
    fn the_1904_system_counts_from_1904() {
        assert_eq!(from_excel_serial(0.0, true), day(1904, 1, 1));
        assert_eq!(from_excel_serial(45_658.0 - 1_462.0, true), day(2025, 1, 1));
    }

    #[test]
    fn dates_typed_as_text() {
        let at = |y, m, d, h, mi, s| ymd(y, m, d).and_hms_opt(h, mi, s);
        for (text, want) in [
            ("30/06/2025", day(2025, 6, 30)),
            ("1/7/2025", day(2025, 7, 1)),
            ("01/07/2025", day(2025, 7, 1)),
            (" 30-06-2025 ", day(2025, 6, 30)),
            ("30.06.2025", day(2025, 6, 30)),
            ("2025-06-30", day(2025, 6, 30)),
            ("2025-6-3", day(2025, 6, 3)),
            ("30/06/2025 08:30", at(2025, 6, 30, 8, 30, 0)),
            ("30/06/2025 08:30:12", at(2025, 6, 30, 8, 30, 12)),
            ("2025-03-01T08:30:12", at(2025, 3, 1, 8, 30, 12)),
            (
                "2025-03-01 08:30:12.123",
                ymd(2025, 3, 1).and_hms_milli_opt(8, 30, 12, 123),
            ),
            ("2025-03-01T08:30:12.000+07:00", at(2025, 3, 1, 1, 30, 12)),
        ] {
            assert_eq!(parse_date_text(text), want, "{text}");
        }
        for bad in [
            "31/02/2025",
            "30/06/25",
            "hôm qua",
            "2025",
            "",
            "30/06",
            "1/2/3/2025",
        ] {
            assert_eq!(parse_date_text(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_are_dates_only_in_plausible_years() {
        assert_eq!(parse_cell_date("45838"), day(2025, 6, 30));
        assert_eq!(
            parse_cell_date("45658.5"),
            ymd(2025, 1, 1).and_hms_opt(12, 0, 0)
        );
        assert_eq!(parse_cell_date("30/06/2025"), day(2025, 6, 30));
        for not_a_date in ["2025", "350", "1", "200000", "1e308", "NaN"] {
            assert_eq!(parse_cell_date(not_a_date), None, "{not_a_date}");
        }
    }

    #[test]
    fn dates_written_back() {
        assert_eq!(date_text(day(2025, 6, 30).unwrap()), "30/06/2025");
        let t = ymd(2025, 3, 1).and_hms_opt(8, 30, 12).unwrap();
        assert_eq!(date_text(t), "01/03/2025 08:30:12");
    }
}

//! Following the survey's fieldwork: how many answers each village needs, which villages are
//! still short, and whether an answer came inside the fieldwork window.
//!
//! **Default target.** A village whose target the office has not set needs `min_reportable`
//! answers (the results pages pass papi-index's `MIN_VILLAGE_RESPONDENTS`, 30), capped at its
//! adult population when the population table gives it. The reason: every village is a stratum
//! of the design and is reported on its own, and a village with fewer answers is shown as "not
//! enough answers" and never ranked (papi-method.md §4.4: with 10–30 answers a village interval
//! on the 1–10 scale is already ±1.5–3.5 points). Allocating a commune sample in proportion to
//! the villages' adults would leave the small villages below that floor, so the default gives
//! every village the same floor; a commune that wants a larger sample sets its own targets.

use chrono::NaiveDate;

/// The number of answers a village needs: the office's own target when set, else the default
/// (see the module documentation).
pub fn village_target(set: Option<i64>, min_reportable: usize, adults: Option<i64>) -> i64 {
    if let Some(t) = set {
        return t;
    }
    let floor = min_reportable as i64;
    match adults {
        Some(a) if a > 0 => floor.min(a),
        _ => floor,
    }
}

/// Is a village below its target?
pub fn below_target(answers: i64, target: i64) -> bool {
    answers < target
}

/// Share of the target reached, in whole percent (100 when the target is 0).
pub fn progress_percent(answers: i64, target: i64) -> i64 {
    if target <= 0 {
        100
    } else {
        (answers.max(0) * 100 / target).min(100)
    }
}

/// The survey's fieldwork window: inclusive dates. Fieldwork begins on the opening date (ODK
/// Collect is served the form from then; without it, not at all); without a closing date it
/// goes on. Days of answers outside it are flagged on the fieldwork page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Window {
    pub opens: Option<NaiveDate>,
    pub closes: Option<NaiveDate>,
}

/// Why a window cannot be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    #[error("Ngày {field} “{value}” không đúng dạng ngày (dd/mm/yyyy).")]
    BadDate { field: &'static str, value: String },
    #[error("Ngày kết thúc ({closes}) trước ngày bắt đầu ({opens}).")]
    Reversed { opens: String, closes: String },
    #[error("Cần ngày bắt đầu thu thập trước khi đặt ngày kết thúc.")]
    ClosesWithoutOpening,
}

/// A date typed as dd/mm/yyyy (or the ISO yyyy-mm-dd a date picker sends); blank = none.
pub fn parse_date(field: &'static str, value: &str) -> Result<Option<NaiveDate>, WindowError> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(v, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(v, "%Y-%m-%d"))
        .map(Some)
        .map_err(|_| WindowError::BadDate {
            field,
            value: v.to_string(),
        })
}

impl Window {
    /// The window from the stored ISO dates (empty = open).
    pub fn from_stored(opens: &str, closes: &str) -> Window {
        let d = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        Window {
            opens: d(opens),
            closes: d(closes),
        }
    }

    /// The window typed in the form ("bắt đầu", "kết thúc"), checked: a closing date needs an
    /// opening date, and comes after it.
    pub fn parse(opens: &str, closes: &str) -> Result<Window, WindowError> {
        let w = Window {
            opens: parse_date("bắt đầu", opens)?,
            closes: parse_date("kết thúc", closes)?,
        };
        match (w.opens, w.closes) {
            (None, Some(_)) => Err(WindowError::ClosesWithoutOpening),
            (Some(o), Some(c)) if c < o => Err(WindowError::Reversed {
                opens: o.format("%d/%m/%Y").to_string(),
                closes: c.format("%d/%m/%Y").to_string(),
            }),
            _ => Ok(w),
        }
    }

    /// ISO dates to store (empty = open).
    pub fn stored(&self) -> (String, String) {
        let d = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
        (d(self.opens), d(self.closes))
    }

    /// Is this day inside the window (both ends included)?
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.opens.is_none_or(|o| day >= o) && self.closes.is_none_or(|c| day <= c)
    }

    /// Is the time stamp (ISO date or date-time text, as stored) inside the window? Unknown
    /// dates count as inside: nothing can be said against them.
    pub fn contains_stamp(&self, stamp: &str) -> bool {
        match stamp_day(stamp) {
            Some(d) => self.contains(d),
            None => true,
        }
    }
}

/// The Vietnamese calendar day of a stored UTC time stamp: "2025-06-03T20:15:00Z" (or just its
/// hour, "2025-06-03T20") is 04/06/2025 in Việt Nam (UTC+7); a bare date "2025-06-03" is that day.
pub fn stamp_day(stamp: &str) -> Option<NaiveDate> {
    let s = stamp.trim();
    let hour = s.get(..13).and_then(|h| {
        chrono::NaiveDateTime::parse_from_str(&format!("{h}:00"), "%Y-%m-%dT%H:%M").ok()
    });
    match hour {
        Some(t) => Some(crate::clock::vn_date(t.and_utc())),
        None => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
    }
}

/// A target typed in the form: a whole number from 0 to 10,000, or blank (= the default).
pub fn parse_target(village: &str, value: &str) -> Result<Option<i64>, String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    match v.parse::<i64>() {
        Ok(n) if (0..=10_000).contains(&n) => Ok(Some(n)),
        _ => Err(format!(
            "Số phiếu cần của thôn “{village}” phải là số nguyên từ 0 đến 10000 (đã nhập “{v}”)."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn default_target_is_the_reporting_floor_capped_by_adults() {
        assert_eq!(village_target(None, 30, None), 30);
        assert_eq!(village_target(None, 30, Some(2400)), 30);
        // a hamlet with 12 adults cannot give 30 answers
        assert_eq!(village_target(None, 30, Some(12)), 12);
        assert_eq!(village_target(None, 30, Some(0)), 30);
        // the office's own target wins, even 0 (a village left out on purpose)
        assert_eq!(village_target(Some(45), 30, Some(12)), 45);
        assert_eq!(village_target(Some(0), 30, None), 0);
    }

    #[test]
    fn below_target_and_progress() {
        assert!(below_target(29, 30));
        assert!(!below_target(30, 30));
        assert!(!below_target(0, 0));
        assert_eq!(progress_percent(15, 30), 50);
        assert_eq!(progress_percent(45, 30), 100);
        assert_eq!(progress_percent(3, 0), 100);
    }

    #[test]
    fn window_bounds_are_inclusive_and_open_sides_accept_all() {
        let w = Window::parse("01/06/2025", "2025-06-30").unwrap();
        assert!(w.contains(d(2025, 6, 1)));
        assert!(w.contains(d(2025, 6, 30)));
        assert!(!w.contains(d(2025, 5, 31)));
        assert!(!w.contains(d(2025, 7, 1)));
        // times are UTC, days are Vietnamese (UTC+7)
        assert!(w.contains_stamp("2025-06-30T16:59:59Z"));
        assert!(!w.contains_stamp("2025-06-30T17:00:01Z"));
        assert!(w.contains_stamp("2025-05-31T17:00:00Z"));
        assert!(!w.contains_stamp("2025-07-01"));
        assert_eq!(stamp_day("2025-06-03T20"), Some(d(2025, 6, 4)));
        assert_eq!(stamp_day("2025-06-03"), Some(d(2025, 6, 3)));
        assert!(w.contains_stamp("không rõ"));
        let open = Window::parse("", "").unwrap();
        assert!(open.contains(d(1999, 1, 1)));
        let from = Window::parse("01/06/2025", "").unwrap();
        assert!(!from.contains(d(2025, 5, 31)) && from.contains(d(2030, 1, 1)));
        assert_eq!(w.stored(), ("2025-06-01".into(), "2025-06-30".into()));
        assert_eq!(Window::from_stored("2025-06-01", "2025-06-30"), w);
        assert_eq!(Window::from_stored("", ""), Window::default());
    }

    #[test]
    fn window_errors_name_the_field() {
        let e = Window::parse("32/06/2025", "").unwrap_err();
        assert_eq!(
            e.to_string(),
            "Ngày bắt đầu “32/06/2025” không đúng dạng ngày (dd/mm/yyyy)."
        );
        let e = Window::parse("30/06/2025", "01/06/2025").unwrap_err();
        assert_eq!(
            e.to_string(),
            "Ngày kết thúc (01/06/2025) trước ngày bắt đầu (30/06/2025)."
        );
        assert_eq!(
            Window::parse("", "30/06/2025"),
            Err(WindowError::ClosesWithoutOpening)
        );
    }

    #[test]
    fn targets_typed_in_the_form() {
        assert_eq!(parse_target("Thôn 1", " 40 "), Ok(Some(40)));
        assert_eq!(parse_target("Thôn 1", ""), Ok(None));
        let e = parse_target("Thôn 1", "-3").unwrap_err();
        assert!(e.contains("Thôn 1") && e.contains("-3"), "{e}");
        assert!(parse_target("Thôn 1", "ba mươi").is_err());
    }
}

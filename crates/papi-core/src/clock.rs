//! The commune's calendar day. Vietnam keeps UTC+7 all year, with no daylight saving.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

pub fn vn_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("valid offset")
}

/// The date in Vietnam at instant `now`.
pub fn vn_date(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&vn_offset()).date_naive()
}

/// The instant on Vietnamese day `day` at the time of day of `now`: what "now" means when a
/// demo or a test pins the date, so records filed then carry the pinned day.
pub fn on_day(day: NaiveDate, now: DateTime<Utc>) -> DateTime<Utc> {
    let local = day.and_time(now.with_timezone(&vn_offset()).time());
    local
        .and_local_timezone(vn_offset())
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now)
}

/// `dd/mm/yyyy`, as Vietnamese documents write dates.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A stored UTC timestamp shown in Vietnam time: `dd/mm/yyyy HH:MM`.
pub fn format_timestamp(rfc3339: &str) -> String {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            t.with_timezone(&vn_offset())
                .format("%d/%m/%Y %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| rfc3339.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnam_is_seven_hours_ahead() {
        let late_evening_utc = DateTime::parse_from_rfc3339("2025-01-15T18:30:00Z").unwrap();
        assert_eq!(
            vn_date(late_evening_utc.with_timezone(&Utc)).to_string(),
            "2025-01-16"
        );
        assert_eq!(
            format_timestamp("2025-01-15T18:30:00.000Z"),
            "16/01/2025 01:30"
        );
        assert_eq!(
            format_date(NaiveDate::from_ymd_opt(2025, 2, 3).unwrap()),
            "03/02/2025"
        );
    }
}

//! Citizen reception (tiếp công dân): the chairman's schedule and whether it keeps the law —
//! how often (Luật Tiếp công dân 2013 Điều 15, as amended by Luật 136/2025/QH15: at least one
//! day a week until 30/06/2026, at least two days a month from 01/07/2026, rule `TCD-FREQ`) and
//! how early it is posted (Điều 24 khoản 4: at least 05 working days before, rule
//! `TCD-SCHEDULE-POST`) — and the register's columns (Điều 25 khoản 2).

use chrono::{Datelike, Duration, NaiveDate};
use papi_calendar::rules::rule;
use papi_calendar::{Calendar, LimitUnit};
use serde::Serialize;

use crate::clock::format_date;

/// The columns of the sổ tiếp công dân, in the law's order (Luật Tiếp công dân Điều 25 khoản 2),
/// with the ID number the amended Điều 25 requires from 01/07/2026.
pub const REGISTER_COLUMNS: [&str; 9] = [
    "Số thứ tự",
    "Ngày tiếp",
    "Họ và tên",
    "Địa chỉ",
    "Số định danh cá nhân",
    "Nội dung sự việc",
    "Quá trình xem xét giải quyết đã có (nếu có)",
    "Yêu cầu, đề nghị của người được tiếp",
    "Việc tiếp nhận, xử lý vụ việc",
];

/// One scheduled reception day of the chairman.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    pub id: i64,
    pub date: NaiveDate,
    /// When the schedule was posted at the office and on the portal.
    pub posted_on: Option<NaiveDate>,
    pub held: bool,
    /// Online reception (Luật Tiếp công dân Điều 3a): the session is recorded.
    pub online: bool,
    pub recording: String,
    pub postponed_to: Option<NaiveDate>,
    pub postponement_announced_on: Option<NaiveDate>,
    pub host: String,
}

/// Something the compliance view flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub date: NaiveDate,
    pub message: String,
}

/// The latest day the schedule for a session on `date` may be posted (`TCD-SCHEDULE-POST`).
pub fn latest_posting(cal: &Calendar, date: NaiveDate) -> Result<NaiveDate, String> {
    cal.latest_notice("TCD-SCHEDULE-POST", date, Default::default())
        .map(|d| d.due)
        .map_err(|e| e.to_string())
}

/// The periods (weeks or months) between `from` and `to`, each with the number of held
/// sessions the law requires in it, as the `TCD-FREQ` version in force at the period's start.
fn periods(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, NaiveDate, i32, String)> {
    let mut out = Vec::new();
    let mut start = from;
    while start <= to {
        let Ok(r) = rule("TCD-FREQ", start) else {
            break;
        };
        let n = r.duration.unwrap_or(1);
        let (end, label) = match r.unit {
            LimitUnit::PerWeek => {
                let monday =
                    start - Duration::days(i64::from(start.weekday().num_days_from_monday()));
                let sunday = monday + Duration::days(6);
                (
                    sunday,
                    format!("tuần {}–{}", format_date(monday), format_date(sunday)),
                )
            }
            _ => {
                let first = start.with_day(1).expect("day 1");
                let next = if first.month() == 12 {
                    NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
                }
                .expect("valid month");
                (
                    next - Duration::days(1),
                    format!("tháng {:02}/{}", first.month(), first.year()),
                )
            }
        };
        // A period straddling a change of rule ends where the rule ends.
        let end = r.effective_to.map_or(end, |t| end.min(t)).min(to);
        out.push((
            start,
            end,
            n,
            format!("{label} ({}, {})", r.source, r.status),
        ));
        start = end + Duration::days(1);
    }
    out
}

/// What the compliance view flags between `from` and `to`: a week or month with fewer held
/// sessions than the law requires, a schedule posted late or not at all, a postponement not
/// announced, an online session without its recording.
pub fn compliance(
    cal: &Calendar,
    sessions: &[Session],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Flag> {
    let mut flags = Vec::new();
    for (start, end, required, label) in periods(from, to) {
        let held = sessions
            .iter()
            .filter(|s| s.held && s.date >= start && s.date <= end)
            .count() as i32;
        if held < required {
            flags.push(Flag {
                date: start,
                message: format!(
                    "{label}: Chủ tịch tiếp công dân {held} ngày, luật yêu cầu ít nhất {required} ngày."
                ),
            });
        }
    }
    for s in sessions.iter().filter(|s| s.date >= from && s.date <= to) {
        match (s.posted_on, latest_posting(cal, s.date)) {
            (None, _) => flags.push(Flag {
                date: s.date,
                message: format!("Lịch tiếp ngày {} chưa được niêm yết.", format_date(s.date)),
            }),
            (Some(p), Ok(latest)) if p > latest => flags.push(Flag {
                date: s.date,
                message: format!(
                    "Lịch tiếp ngày {} niêm yết ngày {}, muộn hơn hạn {} (ít nhất 05 ngày làm việc \
                     trước, Luật Tiếp công dân Điều 24 khoản 4).",
                    format_date(s.date),
                    format_date(p),
                    format_date(latest)
                ),
            }),
            _ => {}
        }
        if s.postponed_to.is_some() && s.postponement_announced_on.is_none() {
            flags.push(Flag {
                date: s.date,
                message: format!(
                    "Buổi tiếp ngày {} đã hoãn nhưng chưa thông báo lịch mới.",
                    format_date(s.date)
                ),
            });
        }
        if s.online && s.held && s.recording.trim().is_empty() {
            flags.push(Flag {
                date: s.date,
                message: format!(
                    "Buổi tiếp trực tuyến ngày {} chưa lưu bản ghi hình, ghi âm (Luật Tiếp công dân \
                     Điều 3a).",
                    format_date(s.date)
                ),
            });
        }
    }
    flags.sort_by_key(|f| f.date);
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn session(date: NaiveDate, posted_on: NaiveDate) -> Session {
        Session {
            id: 0,
            date,
            posted_on: Some(posted_on),
            held: true,
            online: false,
            recording: String::new(),
            postponed_to: None,
            postponement_announced_on: None,
            host: "Chủ tịch UBND xã".into(),
        }
    }

    #[test]
    fn posting_is_due_five_working_days_before() {
        let cal = Calendar::new();
        // Thursday 16/07/2026: five working days before is Thursday 09/07/2026.
        assert_eq!(latest_posting(&cal, d(2026, 7, 16)).unwrap(), d(2026, 7, 9));
    }

    #[test]
    fn two_days_a_month_from_july_2026_and_weekly_before() {
        let cal = Calendar::new();
        let july = vec![session(d(2026, 7, 16), d(2026, 7, 9))];
        let flags = compliance(&cal, &july, d(2026, 7, 1), d(2026, 7, 31));
        assert_eq!(flags.len(), 1, "{flags:?}");
        assert!(flags[0].message.contains("tháng 07/2026"));
        assert!(flags[0].message.contains("1 ngày"));
        let two = vec![
            session(d(2026, 7, 16), d(2026, 7, 9)),
            session(d(2026, 7, 28), d(2026, 7, 10)),
        ];
        assert!(compliance(&cal, &two, d(2026, 7, 1), d(2026, 7, 31)).is_empty());
        // June 2026: one a week; the week of 15/06 without a session is flagged.
        let june = vec![
            session(d(2026, 6, 3), d(2026, 5, 25)),
            session(d(2026, 6, 10), d(2026, 6, 1)),
            session(d(2026, 6, 24), d(2026, 6, 15)),
        ];
        let flags = compliance(&cal, &june, d(2026, 6, 1), d(2026, 6, 28));
        assert_eq!(flags.len(), 1, "{flags:?}");
        assert!(flags[0].message.contains("15/06/2026"));
    }

    #[test]
    fn a_late_posting_is_flagged() {
        let cal = Calendar::new();
        let s = vec![
            session(d(2026, 7, 16), d(2026, 7, 10)),
            session(d(2026, 7, 28), d(2026, 7, 10)),
        ];
        let flags = compliance(&cal, &s, d(2026, 7, 1), d(2026, 7, 31));
        assert_eq!(flags.len(), 1);
        assert!(flags[0].message.contains("muộn hơn hạn 09/07/2026"));
    }
}

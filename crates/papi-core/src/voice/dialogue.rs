//! The dialogue (đối thoại) in a complaint: held in the first round when the complainant's
//! demand and the verification differ, always in the second round (Luật Khiếu nại 2011 Điều 30,
//! Điều 39). The parties are told the time and place at least 5 days before (rule
//! `KN-DIALOGUE-NOTICE`); the minutes record each party's attendance, "có / không có lý do", are
//! signed and made in at least 3 copies. From 01/07/2026 the complainant's unexcused absence no
//! longer stops the resolution (Điều 30 khoản 6, added by Luật 136/2025/QH15).

use chrono::NaiveDate;
use papi_calendar::Calendar;
use serde::{Deserialize, Serialize};

use crate::clock::format_date;

/// The role that marks the complainant among the participants.
pub const COMPLAINANT: &str = "Người khiếu nại";

/// Minutes are made in at least this many copies (one for each side and the file).
pub const MIN_COPIES: u32 = 3;

/// Where [`continues_without`] comes from, shown wherever its effect is.
pub const ABSENCE_SOURCE: &str =
    "Luật Khiếu nại 2011, Điều 30 khoản 6 (bổ sung bởi Luật 136/2025/QH15), hiệu lực từ 01/07/2026, OK";

/// The day the complainant's unexcused absence stops holding the case up.
pub fn absence_rule_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 1).expect("valid date")
}

/// Whether a participant came; an excused absence carries its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", content = "reason", rename_all = "snake_case")]
pub enum Attendance {
    #[default]
    Present,
    AbsentExcused(String),
    AbsentUnexcused,
}

impl Attendance {
    pub fn label(&self) -> String {
        match self {
            Attendance::Present => "có mặt".to_string(),
            Attendance::AbsentExcused(r) => format!("vắng mặt có lý do: {}", r.trim()),
            Attendance::AbsentUnexcused => "vắng mặt không có lý do".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Attendee {
    pub name: String,
    /// `Người khiếu nại`, `Người bị khiếu nại`, `Đại diện MTTQ xã`…
    pub role: String,
    pub attendance: Attendance,
}

impl Attendee {
    pub fn is_complainant(&self) -> bool {
        self.role.trim().to_lowercase() == COMPLAINANT.to_lowercase()
    }
}

/// One dialogue held on a complaint, as its minutes record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Dialogue {
    pub id: i64,
    pub matter_id: i64,
    pub held_on: NaiveDate,
    /// `08 giờ 30 phút`.
    pub starts_at: String,
    pub place: String,
    /// The chair: name and position.
    pub chair: String,
    /// When the parties were told the time and place.
    pub invited_on: Option<NaiveDate>,
    pub participants: Vec<Attendee>,
    pub content: String,
    pub opinions: String,
    pub result: String,
    pub copies: u32,
}

/// Checks a dialogue before it is recorded: `Ok(warnings)` or `Err(errors)`, each naming the
/// field. `accepted_on` is the day the complaint was accepted (thụ lý): no dialogue before it.
/// A late invitation is only a warning: the dialogue happened, the record must say so.
pub fn check(
    d: &Dialogue,
    cal: &Calendar,
    accepted_on: Option<NaiveDate>,
) -> Result<Vec<String>, Vec<String>> {
    let mut errors = Vec::new();
    if d.participants.is_empty() {
        errors.push("Thành phần tham dự: cần ghi ít nhất một người tham dự.".to_string());
    }
    for (n, p) in d.participants.iter().enumerate() {
        if p.name.trim().is_empty() {
            errors.push(format!("Người tham dự thứ {}: thiếu họ và tên.", n + 1));
        }
        if let Attendance::AbsentExcused(r) = &p.attendance {
            if r.trim().is_empty() {
                errors.push(format!(
                    "Người tham dự thứ {} ({}): vắng mặt có lý do phải ghi rõ lý do.",
                    n + 1,
                    p.name.trim()
                ));
            }
        }
    }
    if d.copies < MIN_COPIES {
        errors.push(format!(
            "Số bản biên bản: ít nhất {MIN_COPIES} bản, đã nhập {}.",
            d.copies
        ));
    }
    match accepted_on {
        None => errors.push("Ngày đối thoại: khiếu nại chưa được thụ lý.".to_string()),
        Some(a) if d.held_on < a => errors.push(format!(
            "Ngày đối thoại: {} trước ngày thụ lý {}.",
            format_date(d.held_on),
            format_date(a)
        )),
        _ => {}
    }
    if let Some(inv) = d.invited_on {
        if inv > d.held_on {
            errors.push(format!(
                "Ngày thông báo: {} sau ngày đối thoại {}.",
                format_date(inv),
                format_date(d.held_on)
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut warnings = Vec::new();
    // The rule has a version only from 01/07/2026: before that no day is checked.
    if let Ok(due) = cal.latest_notice("KN-DIALOGUE-NOTICE", d.held_on, Default::default()) {
        let late = match d.invited_on {
            Some(inv) => inv > due.due,
            None => true,
        };
        if late {
            warnings.push(format!(
                "Thông báo đối thoại {}: chậm nhất ngày {} ({} ngày trước ngày đối thoại; {}, {}{}).",
                d.invited_on
                    .map_or("chưa ghi ngày".to_string(), |i| format!("ngày {}", format_date(i))),
                format_date(due.due),
                due.duration,
                due.source,
                due.status,
                due.warning.map(|w| format!("; {w}")).unwrap_or_default()
            ));
        }
    }
    Ok(warnings)
}

/// Whether the case goes on although the complainant stayed away without excuse: only for a
/// dialogue held on or after 01/07/2026 (Điều 30 khoản 6). Before, the absence was only
/// recorded.
pub fn continues_without(d: &Dialogue, on: NaiveDate) -> bool {
    on >= absence_rule_from()
        && d.participants
            .iter()
            .any(|p| p.is_complainant() && p.attendance == Attendance::AbsentUnexcused)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn dialogue(held_on: NaiveDate, invited_on: NaiveDate) -> Dialogue {
        Dialogue {
            held_on,
            invited_on: Some(invited_on),
            participants: vec![
                Attendee {
                    name: "Phạm Thị Lan".into(),
                    role: COMPLAINANT.into(),
                    attendance: Attendance::AbsentUnexcused,
                },
                Attendee {
                    name: "Trần Văn Bình".into(),
                    role: "Người bị khiếu nại".into(),
                    attendance: Attendance::Present,
                },
            ],
            copies: 3,
            ..Default::default()
        }
    }

    #[test]
    fn unexcused_absence_continues_from_1_july_2026() {
        let d = dialogue(day(2026, 7, 1), day(2026, 6, 20));
        assert!(!continues_without(&d, day(2026, 6, 30)));
        assert!(continues_without(&d, day(2026, 7, 1)));
        // An excused absence, or the other side's, never lets it go on.
        let mut e = d.clone();
        e.participants[0].attendance = Attendance::AbsentExcused("ốm".into());
        assert!(!continues_without(&e, day(2026, 8, 1)));
    }

    #[test]
    fn notice_is_due_five_calendar_days_before() {
        // Dialogue on Thursday 15/10/2026: 5 calendar days before is Saturday 10/10/2026
        // (calendar days: a weekend does not move it).
        let cal = Calendar::default();
        let ok = check(
            &dialogue(day(2026, 10, 15), day(2026, 10, 10)),
            &cal,
            Some(day(2026, 9, 1)),
        );
        assert_eq!(ok, Ok(vec![]));
        let late = check(
            &dialogue(day(2026, 10, 15), day(2026, 10, 11)),
            &cal,
            Some(day(2026, 9, 1)),
        )
        .unwrap();
        assert_eq!(late.len(), 1);
        assert!(late[0].contains("10/10/2026"), "{}", late[0]);
        assert!(late[0].contains("SEC-U"), "{}", late[0]);
    }

    #[test]
    fn errors_name_the_field() {
        let cal = Calendar::default();
        let mut d = dialogue(day(2026, 10, 15), day(2026, 10, 1));
        d.copies = 2;
        d.participants[0].attendance = Attendance::AbsentExcused(" ".into());
        let e = check(&d, &cal, Some(day(2026, 10, 20))).unwrap_err();
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(e.iter().any(|x| x.starts_with("Số bản")));
        assert!(e.iter().any(|x| x.contains("trước ngày thụ lý 20/10/2026")));
        assert!(e.iter().any(|x| x.contains("phải ghi rõ lý do")));
        d.participants.clear();
        let e = check(&d, &cal, Some(day(2026, 9, 1))).unwrap_err();
        assert!(e.iter().any(|x| x.starts_with("Thành phần tham dự")));
    }
}

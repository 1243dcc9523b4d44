//! iCalendar (RFC 5545) feeds of deadlines. Deadlines are whole days in Vietnam, so events are
//! all-day (`VALUE=DATE`) and the calendar names Asia/Ho_Chi_Minh, which keeps UTC+7 all year.

use chrono::NaiveDate;

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across regenerations, so calendar apps update rather than duplicate.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
}

/// A feed: its name and events.
pub struct Feed<'a> {
    pub name: &'a str,
    pub events: &'a [Event],
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (§3.1).
fn fold_line(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// Renders the feed; `stamp` is the generation time in UTC (`YYYYMMDDTHHMMSSZ`).
pub fn render(feed: &Feed<'_>, stamp: &str) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//papi//Ke hoach PAPI//VI".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!("X-WR-CALNAME:{}", escape(feed.name)),
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh".to_string(),
        "BEGIN:VTIMEZONE".to_string(),
        "TZID:Asia/Ho_Chi_Minh".to_string(),
        "BEGIN:STANDARD".to_string(),
        "DTSTART:19750613T000000".to_string(),
        "TZOFFSETFROM:+0700".to_string(),
        "TZOFFSETTO:+0700".to_string(),
        "TZNAME:ICT".to_string(),
        "END:STANDARD".to_string(),
        "END:VTIMEZONE".to_string(),
    ];
    for e in feed.events {
        let next = e.date.succ_opt().unwrap_or(e.date);
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", escape(&e.uid)),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", e.date.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
            format!("SUMMARY:{}", escape(&e.summary)),
            format!("DESCRIPTION:{}", escape(&e.description)),
            "TRANSP:TRANSPARENT".to_string(),
            "END:VEVENT".to_string(),
        ]);
    }
    lines.push("END:VCALENDAR".to_string());
    let mut out = String::new();
    for l in lines {
        fold_line(&l, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_all_day_events_escaped_and_folded() {
        let events = vec![Event {
            uid: "task-7-20250630@papi".into(),
            date: NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
            summary: "Hạn: Công khai danh sách hộ nghèo; niêm yết, thôn Đông".into(),
            description: "Chủ trì: Công chức Văn hóa - Xã hội\nSản phẩm: Biên bản niêm yết tại nhà văn hóa thôn và trụ sở UBND xã".into(),
        }];
        let text = render(
            &Feed {
                name: "Hạn của tôi",
                events: &events,
            },
            "20251015T000000Z",
        );
        assert!(text.contains("DTSTART;VALUE=DATE:20250630\r\nDTEND;VALUE=DATE:20250701\r\n"));
        assert!(text.contains("TZID:Asia/Ho_Chi_Minh"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains("SUMMARY:Hạn: Công khai danh sách hộ nghèo\\; niêm yết\\, thôn Đông")
        );
        assert!(
            unfolded.contains("Sản phẩm: Biên bản niêm yết tại nhà văn hóa thôn và trụ sở UBND xã")
        );
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    }
}

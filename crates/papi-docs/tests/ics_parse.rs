//! The iCalendar feeds as a calendar program reads them: parsed by an independent parser.

use chrono::NaiveDate;
use papi_docs::ics::{render, Event, Feed};

#[test]
fn feeds_parse_as_icalendar() {
    let events: Vec<Event> = (0..30)
        .map(|k| Event {
            uid: format!("task-{k}@papi"),
            date: NaiveDate::from_ymd_opt(2025, 1 + (k % 12) as u32, 1 + k as u32 % 28).unwrap(),
            summary: format!(
                "Hạn: Công khai danh sách hộ nghèo, thôn số {k}; niêm yết tại nhà văn hóa"
            ),
            description:
                "Chủ trì: Công chức Văn hóa - Xã hội\nSản phẩm: Biên bản niêm yết, ảnh chụp".into(),
        })
        .collect();
    let text = render(
        &Feed {
            name: "Hạn của tôi — xã Lương Tài",
            events: &events,
        },
        "20251015T000000Z",
    );
    let mut parser = ical::IcalParser::new(text.as_bytes());
    let cal = parser
        .next()
        .expect("one calendar")
        .expect("valid iCalendar");
    assert!(parser.next().is_none());
    assert_eq!(cal.events.len(), 30);
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    let first = &cal.events[0];
    assert_eq!(prop(first, "DTSTART"), "20250101");
    assert_eq!(prop(first, "UID"), "task-0@papi");
    // The parser unfolds lines; escaped commas and semicolons come back as written.
    assert!(prop(first, "SUMMARY")
        .starts_with("Hạn: Công khai danh sách hộ nghèo\\, thôn số 0\\; niêm yết"));
    assert_eq!(cal.timezones.len(), 1);
}

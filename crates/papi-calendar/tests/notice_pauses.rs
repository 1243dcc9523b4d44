//! Reverse limits ("at least N before an event") and suspended time, checked against dates
//! counted by hand on the 2026 calendar: Sat 22/08 is a make-up working day, Mon 31/08 a
//! swapped day off, 01–02/09 the National Day holiday (Thông báo 9441/TB-BNV).

use chrono::NaiveDate;
use papi_calendar::rules::RuleError;
use papi_calendar::{default_calendar, latest_notice, CaseFacts, Status};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn none() -> CaseFacts {
    CaseFacts::default()
}

#[test]
fn reception_schedule_posted_five_working_days_before() {
    // Session Mon 13/07/2026: 10, 09, 08, 07, 06/07 → post by Mon 06/07/2026.
    let n = latest_notice("TCD-SCHEDULE-POST", d("2026-07-13"), none()).unwrap();
    assert_eq!(n.due, d("2026-07-06"));
    assert!(n.before_event);
    assert_eq!(n.start, d("2026-07-13"));
    // Session Thu 03/09/2026: 02/09, 01/09, 31/08 are off, 29–30/08 weekend; 28, 27, 26, 25,
    // 24/08 → Mon 24/08/2026.
    let n = latest_notice("TCD-SCHEDULE-POST", d("2026-09-03"), none()).unwrap();
    assert_eq!(n.due, d("2026-08-24"));
    // Session Tue 25/08/2026: 24/08, Sat 22/08 (make-up day), 21, 20, 19/08 → Wed 19/08.
    let n = latest_notice("TCD-SCHEDULE-POST", d("2026-08-25"), none()).unwrap();
    assert_eq!(n.due, d("2026-08-19"));
}

#[test]
fn calendar_day_notices_are_not_moved() {
    // Community meeting Sun 05/07/2026, ≥ 02 days (NĐ 59/2023 Điều 3): by Fri 03/07.
    let n = latest_notice("COMM-MEETING-NOTICE", d("2026-07-05"), none()).unwrap();
    assert_eq!(n.due, d("2026-07-03"));
    // Village conference Thu 03/09/2026, ≥ 05 days: Sat 29/08, a day off, stays Sat 29/08
    // (moving it to the next working day would leave fewer than 5 days).
    let n = latest_notice("COMM-CONF-NOTICE", d("2026-09-03"), none()).unwrap();
    assert_eq!(n.due, d("2026-08-29"));
    // Supervision from Mon 14/09/2026, ≥ 45 days (Luật DCCS Điều 45): 14 days back to 31/08,
    // 31 more to Fri 31/07/2026.
    let n = latest_notice("BGS-NOTICE", d("2026-09-14"), none()).unwrap();
    assert_eq!(n.due, d("2026-07-31"));
}

#[test]
fn dialogue_notice_is_sec_u_and_warned() {
    let n = latest_notice("KN-DIALOGUE-NOTICE", d("2026-07-10"), none()).unwrap();
    assert_eq!(n.due, d("2026-07-05"));
    assert_eq!(n.status, Status::SecU);
    assert!(n.warning.is_some());
    // Not in force before NĐ 155/2026.
    assert!(latest_notice("KN-DIALOGUE-NOTICE", d("2026-06-30"), none()).is_err());
}

#[test]
fn forward_and_reverse_rules_are_not_mixed() {
    let cal = default_calendar();
    assert!(matches!(
        cal.deadline("TCD-SCHEDULE-POST", d("2026-07-13"), none()),
        Err(RuleError::BeforeEvent(_))
    ));
    assert!(matches!(
        latest_notice("KN-THULY-1", d("2026-07-13"), none()),
        Err(RuleError::NotBeforeEvent(_))
    ));
}

#[test]
fn suspended_complaint_time_is_not_counted() {
    let cal = default_calendar();
    // Accepted Wed 01/07/2026: 30 days → Fri 31/07. Suspended 10/07, resumed 20/07: 10 days
    // not counted → Mon 10/08/2026 (9 days used before, 21 left from 20/07).
    let plain = cal
        .deadline_with_pauses("KN-GQ-1", d("2026-07-01"), none(), &[])
        .unwrap()
        .unwrap();
    assert_eq!(plain.due, d("2026-07-31"));
    let p = cal
        .deadline_with_pauses(
            "KN-GQ-1",
            d("2026-07-01"),
            none(),
            &[(d("2026-07-10"), Some(d("2026-07-20")))],
        )
        .unwrap()
        .unwrap();
    assert_eq!((p.due, p.paused), (d("2026-08-10"), 10));
    // Still suspended: no due date.
    let open = cal
        .deadline_with_pauses(
            "KN-GQ-1",
            d("2026-07-01"),
            none(),
            &[(d("2026-07-10"), None)],
        )
        .unwrap();
    assert!(open.is_none());
    // Before 01/07/2026 the complaint law had no such rule.
    assert!(matches!(
        cal.deadline_with_pauses(
            "KN-GQ-1",
            d("2026-06-30"),
            none(),
            &[(d("2026-07-10"), None)]
        ),
        Err(RuleError::NoPauses(_))
    ));
    // A suspension after the period ran out, or ending before it starts, is refused.
    assert!(cal
        .deadline_with_pauses(
            "KN-GQ-1",
            d("2026-07-01"),
            none(),
            &[(d("2026-08-05"), None)]
        )
        .is_err());
    assert!(cal
        .deadline_with_pauses(
            "KN-GQ-1",
            d("2026-07-01"),
            none(),
            &[(d("2026-07-10"), Some(d("2026-07-09")))]
        )
        .is_err());
}

#[test]
fn suspended_denunciation_time_is_not_counted() {
    // Luật Tố cáo Điều 34 khoản 2. Accepted Mon 02/03/2026: 30 days → Wed 01/04. Two
    // suspensions, 09→16/03 (7 days) and 20→23/03 (3 days) → Sat 11/04, moved to Mon 13/04.
    let p = default_calendar()
        .deadline_with_pauses(
            "TC-GQ",
            d("2026-03-02"),
            none(),
            &[
                (d("2026-03-20"), Some(d("2026-03-23"))),
                (d("2026-03-09"), Some(d("2026-03-16"))),
            ],
        )
        .unwrap()
        .unwrap();
    assert_eq!((p.due, p.paused), (d("2026-04-13"), 10));
}

//! Statutory time limits (legal-rules.md §8).

use chrono::NaiveDate;
use papi_calendar::rules::{self, LimitUnit, RuleError};
use papi_calendar::{deadline, CaseFacts, Status};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn complaint_accepted_2025_03_03() {
    let plain = deadline("KN-GQ-1", d("2025-03-03"), CaseFacts::default()).unwrap();
    assert_eq!(plain.due, d("2025-04-02"));
    assert_eq!(plain.duration, 30);
    assert!(plain.source.contains("Luật Khiếu nại 2011, Điều 28"));
    assert_eq!(plain.status, Status::Ok);
    assert_eq!(plain.warning, None);
    let complex = CaseFacts {
        complex: true,
        ..Default::default()
    };
    let c = deadline("KN-GQ-1", d("2025-03-03"), complex).unwrap();
    assert_eq!((c.due, c.duration), (d("2025-04-17"), 45));
    let remote = CaseFacts {
        remote: true,
        ..Default::default()
    };
    assert_eq!(
        deadline("KN-GQ-1", d("2025-03-03"), remote)
            .unwrap()
            .duration,
        45
    );
    let both = CaseFacts {
        complex: true,
        remote: true,
        extensions: 0,
    };
    assert_eq!(
        deadline("KN-GQ-1", d("2025-03-03"), both).unwrap().duration,
        60
    );
    assert_eq!(
        deadline("KN-GQ-2", d("2025-03-03"), both).unwrap().duration,
        70
    );
}

#[test]
fn end_on_day_off_moves_to_next_working_day() {
    // 10 days after 2025-01-20 is Thu 30/01, in Tết → Mon 03/02 (BLDS Điều 148).
    let r = deadline("KN-THULY-1", d("2025-01-20"), CaseFacts::default()).unwrap();
    assert_eq!(r.due, d("2025-02-03"));
}

#[test]
fn unconfirmed_rules_carry_a_warning() {
    let r = deadline("KN-SEND-1", d("2025-03-03"), CaseFacts::default()).unwrap();
    assert_eq!(r.status, Status::Unconf);
    assert!(r.warning.is_some());
    assert_eq!(r.unit, LimitUnit::WorkingDays);
    assert_eq!(r.due, d("2025-03-06"));
    // POV-POST: 3 working days, posted Fri 24/01/2025 → ends after Tết.
    let p = deadline("POV-POST", d("2025-01-24"), CaseFacts::default()).unwrap();
    assert_eq!(p.due, d("2025-02-05"));
    assert!(p.warning.is_some());
}

#[test]
fn denunciation_extensions() {
    let base = deadline("TC-GQ", d("2025-03-03"), CaseFacts::default()).unwrap();
    assert_eq!(base.due, d("2025-04-02"));
    let one = CaseFacts {
        complex: true,
        extensions: 1,
        ..Default::default()
    };
    assert_eq!(
        deadline("TC-GQ", d("2025-03-03"), one).unwrap().duration,
        60
    );
    let two = CaseFacts {
        extensions: 2,
        ..Default::default()
    };
    let r = deadline("TC-GQ", d("2025-03-03"), two).unwrap();
    assert_eq!(r.duration, 90);
    assert!(r.source.contains("Điều 30 khoản 2"));
    let three = CaseFacts {
        extensions: 3,
        ..Default::default()
    };
    assert!(matches!(
        deadline("TC-GQ", d("2025-03-03"), three),
        Err(RuleError::TooManyExtensions { .. })
    ));
    let ext = CaseFacts {
        extensions: 1,
        ..Default::default()
    };
    assert!(deadline("KN-GQ-1", d("2025-03-03"), ext).is_err());
    let r = deadline("TC-RECEIVE", d("2025-03-03"), ext).unwrap();
    assert_eq!((r.duration, r.due), (10, d("2025-03-17")));
}

#[test]
fn versions_change_on_2026_07_01() {
    let before = rules::rule("TCD-FREQ", d("2026-06-30")).unwrap();
    let after = rules::rule("TCD-FREQ", d("2026-07-01")).unwrap();
    assert_eq!(
        (before.unit, before.duration),
        (LimitUnit::PerWeek, Some(1))
    );
    assert_eq!((after.unit, after.duration), (LimitUnit::PerMonth, Some(2)));
    assert!(matches!(
        deadline("TCD-FREQ", d("2026-07-01"), CaseFacts::default()),
        Err(RuleError::NotATimeLimit(_))
    ));
    let old = deadline("KN-GQ-1", d("2026-06-30"), CaseFacts::default()).unwrap();
    let new = deadline("KN-GQ-1", d("2026-07-01"), CaseFacts::default()).unwrap();
    assert!(old.note.is_none());
    assert!(new.note.unwrap().contains("136/2025/QH15"));
    assert!(rules::rule("KN-SUSPEND", d("2026-06-30")).is_err());
    assert!(rules::rule("KN-SUSPEND", d("2026-07-01")).is_ok());
}

#[test]
fn errors() {
    assert!(matches!(
        deadline("NOPE", d("2025-01-01"), CaseFacts::default()),
        Err(RuleError::Unknown(_))
    ));
    // Luật Khiếu nại 2011 was not in force in 2011; QĐ 24/2021 posting ended with 2025.
    assert!(matches!(
        deadline("KN-GQ-1", d("2011-01-01"), CaseFacts::default()),
        Err(RuleError::NotInForce { .. })
    ));
    assert!(deadline("POV-POST", d("2026-03-02"), CaseFacts::default()).is_err());
}

#[test]
fn apology_is_one_working_day_before_due() {
    let r = deadline("OSS-APOLOGY", d("2025-09-03"), CaseFacts::default()).unwrap();
    assert_eq!(r.due, d("2025-08-29"));
}

#[test]
fn rule_table_is_consistent() {
    let all = rules::rules();
    assert!(all.len() >= 25);
    for a in all {
        assert!(
            !a.source.is_empty() && !a.description_vi.is_empty(),
            "{}",
            a.id
        );
        for b in all.iter().filter(|b| b.id == a.id && !std::ptr::eq(*b, a)) {
            let overlap = a.effective_from.unwrap_or(NaiveDate::MIN)
                <= b.effective_to.unwrap_or(NaiveDate::MAX)
                && b.effective_from.unwrap_or(NaiveDate::MIN)
                    <= a.effective_to.unwrap_or(NaiveDate::MAX);
            assert!(!overlap, "{} versions overlap", a.id);
        }
    }
    let json =
        serde_json::to_value(deadline("KN-GQ-1", d("2025-03-03"), CaseFacts::default()).unwrap())
            .unwrap();
    assert_eq!(json["due"], "2025-04-02");
    assert_eq!(json["rule_id"], "KN-GQ-1");
    assert_eq!(json["status"], "OK");
    assert_eq!(json["unit"], "calendar_days");
}

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
    // Luật Khiếu nại Điều 32 was read in the text (residents-voice rules §0 row 3): no warning.
    let r = deadline("KN-SEND-1", d("2025-03-03"), CaseFacts::default()).unwrap();
    assert_eq!(r.status, Status::Ok);
    assert!(r.warning.is_none());
    assert_eq!(r.unit, LimitUnit::WorkingDays);
    assert_eq!(r.due, d("2025-03-06"));
    // POV-POST: 3 working days, posted Fri 24/01/2025 → ends after Tết.
    let p = deadline("POV-POST", d("2025-01-24"), CaseFacts::default()).unwrap();
    assert_eq!(p.due, d("2025-02-05"));
    assert_eq!(p.status, Status::Unconf);
    assert!(p.warning.unwrap().contains("UNCONF"));
    // NĐ 154/2026 is read only in a third-party copy: SEC-U, warned too.
    let s = deadline("TCD-REFUSE-NOTICE", d("2026-07-06"), CaseFacts::default()).unwrap();
    assert_eq!(s.status, Status::SecU);
    assert!(s.warning.unwrap().contains("SEC-U"));
    assert_eq!(s.due, d("2026-07-09"));
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

// ---- Residents-voice rules (§0 corrections and §5 additions) ----

#[test]
fn done_when_figures() {
    // Received Mon 01/06/2026: 10 calendar days (Luật KN Điều 27) → Thu 11/06/2026.
    let a = deadline("KN-THULY-1", d("2026-06-01"), CaseFacts::default()).unwrap();
    assert_eq!(
        (a.due, a.duration, a.unit),
        (d("2026-06-11"), 10, LimitUnit::CalendarDays)
    );
    // Received Mon 06/07/2026: 07 working days (Luật 136/2025 Điều 2 khoản 15 điểm b):
    // 07, 08, 09, 10, 13, 14, 15/07 → Wed 15/07/2026.
    let b = deadline("KN-THULY-1", d("2026-07-06"), CaseFacts::default()).unwrap();
    assert_eq!(
        (b.due, b.duration, b.unit),
        (d("2026-07-15"), 7, LimitUnit::WorkingDays)
    );
    assert!(b.source.contains("136/2025/QH15"));
    // Luật DCCS Điều 12 khoản 3: 05 working days from Mon 06/07/2026 → Mon 13/07/2026.
    let c = deadline("DC-PUBLISH", d("2026-07-06"), CaseFacts::default()).unwrap();
    assert_eq!((c.due, c.unit), (d("2026-07-13"), LimitUnit::WorkingDays));
    assert_eq!(c.status, Status::Ok);
    assert!(c.source.contains("Điều 12 khoản 3"));
    assert!(c.note.unwrap().contains("luật chuyên ngành"));
}

#[test]
fn complaint_acceptance_version_follows_the_day_received() {
    for id in ["KN-THULY-1", "KN-THULY-2", "KN-KL-THULY"] {
        // Received Tue 30/06/2026: old text, 10 days → Fri 10/07.
        let old = deadline(id, d("2026-06-30"), CaseFacts::default()).unwrap();
        assert_eq!(
            (old.duration, old.unit),
            (10, LimitUnit::CalendarDays),
            "{id}"
        );
        assert_eq!(old.due, d("2026-07-10"), "{id}");
        // Received Wed 01/07/2026: 7 working days 02, 03, 06, 07, 08, 09, 10/07 → Fri 10/07.
        let new = deadline(id, d("2026-07-01"), CaseFacts::default()).unwrap();
        assert_eq!(
            (new.duration, new.unit),
            (7, LimitUnit::WorkingDays),
            "{id}"
        );
        assert_eq!(new.due, d("2026-07-10"), "{id}");
        // Received Fri 03/07/2026: 06..10, 13, 14/07 → Tue 14/07 (10 days would give Mon 13/07).
        let fri = deadline(id, d("2026-07-03"), CaseFacts::default()).unwrap();
        assert_eq!(fri.due, d("2026-07-14"), "{id}");
    }
}

#[test]
fn every_rule_has_source_status_and_start_of_effect() {
    for r in rules::rules() {
        // Only an unconfirmed number may lack its article (it is warned about).
        assert!(
            r.status == Status::Unconf || r.source.contains("Điều"),
            "{}: source without article",
            r.id
        );
        assert!(!r.source.is_empty(), "{}", r.id);
        assert!(r.effective_from.is_some(), "{}: no effective_from", r.id);
        assert!(!r.description_vi.is_empty(), "{}", r.id);
        if let (Some(f), Some(t)) = (r.effective_from, r.effective_to) {
            assert!(f <= t, "{}: ends before it starts", r.id);
        }
        if r.before_event {
            assert!(r.minimum, "{}: a reverse limit is a minimum", r.id);
        }
    }
    let s = serde_json::to_value(Status::SecU).unwrap();
    assert_eq!(s, "SEC-U");
    assert_eq!(Status::Ok.label_vi(), "đã đối chiếu văn bản");
    assert_eq!(Status::SecU.label_vi(), "theo bản chép 2026 chưa đối chiếu");
    assert_eq!(Status::Unconf.label_vi(), "chưa xác nhận");
}

/// One row of the reference table (residents-voice rules §5), copied by hand: id, duration,
/// unit, counted back from an event, first day in force, status.
struct Expected {
    id: &'static str,
    duration: i32,
    unit: LimitUnit,
    before: bool,
    from: &'static str,
    status: Status,
}

const fn row(
    id: &'static str,
    duration: i32,
    unit: LimitUnit,
    before: bool,
    from: &'static str,
    status: Status,
) -> Expected {
    Expected {
        id,
        duration,
        unit,
        before,
        from,
        status,
    }
}

#[test]
fn new_rules_match_the_reference_table() {
    use LimitUnit::{CalendarDays as CD, Months, PerYear, WorkingDays as WD};
    use Status::{Ok, SecU};
    let table = [
        row("KN-THULY-1", 7, WD, false, "2026-07-01", Ok),
        row("KN-THULY-2", 7, WD, false, "2026-07-01", Ok),
        row("KN-SEND-2", 7, CD, false, "2012-07-01", Ok),
        row("KN-EFFECT", 30, CD, false, "2012-07-01", Ok),
        row("KN-DIALOGUE-NOTICE", 5, CD, true, "2026-07-01", SecU),
        row("KN-SUSPEND-SEND", 3, WD, false, "2026-07-01", SecU),
        row("TC-TRANSFER", 5, WD, false, "2019-01-01", Ok),
        row("TC-NOTIFY-THULY", 5, WD, false, "2019-01-01", Ok),
        row("TC-SUSPEND-SEND", 5, WD, false, "2019-01-01", Ok),
        row("TC-CONCL-SEND", 5, WD, false, "2019-01-01", Ok),
        row("TC-HANDLE", 7, WD, false, "2019-01-01", Ok),
        row("TC-PUBLISH", 7, WD, false, "2019-01-01", Ok),
        row("TC-REFERRER-REPLY", 20, CD, false, "2019-01-01", Ok),
        row("TC-RECHECK", 20, CD, false, "2019-01-01", Ok),
        row("TCD-REPLY", 10, WD, false, "2014-07-01", Ok),
        row("TCD-SCHEDULE-POST", 5, WD, true, "2014-07-01", Ok),
        row("TCD-REFUSE-NOTICE", 3, WD, false, "2026-07-01", SecU),
        row("TCD-ONLINE-NOTICE", 5, WD, true, "2026-07-01", SecU),
        row("PAKN-QDHC-TRANSFER", 5, WD, false, "2008-03-03", Ok),
        row("DC-PUBLISH", 5, WD, false, "2023-07-01", Ok),
        row("DC-POST", 30, CD, false, "2023-07-01", Ok),
        row("DC-CONSULT", 20, CD, false, "2023-07-01", Ok),
        row("DC-DRAFT-COMMENT", 30, CD, false, "2023-08-16", Ok),
        row("COMM-MEETING-NOTICE", 2, CD, true, "2023-08-15", Ok),
        row("COMM-BALLOT-NOTICE", 2, CD, true, "2023-07-01", Ok),
        row("COMM-DECISION-SEND", 5, WD, false, "2023-07-01", Ok),
        row("COMM-RECOGNISE", 5, WD, false, "2023-07-01", Ok),
        row("COMM-INITIATIVE-VALID", 3, Months, false, "2023-07-01", Ok),
        row("COMM-CONF-NOTICE", 5, CD, true, "2023-08-15", Ok),
        row("BTTND-REPLY", 15, CD, false, "2023-07-01", Ok),
        row("BGS-REPLY", 15, CD, false, "2023-07-01", Ok),
        row("BTTND-CHECK-NOTICE", 5, WD, true, "2023-08-15", Ok),
        row("BGS-NOTICE", 45, CD, true, "2023-07-01", Ok),
        row("DIALOGUE-ANNUAL", 1, PerYear, false, "2023-07-01", Ok),
    ];
    for e in &table {
        let r = rules::rule(e.id, d(e.from)).unwrap_or_else(|err| panic!("{}: {err}", e.id));
        assert_eq!(r.duration, Some(e.duration), "{}", e.id);
        assert_eq!(r.unit, e.unit, "{}", e.id);
        assert_eq!(r.before_event, e.before, "{}", e.id);
        assert_eq!(r.effective_from, Some(d(e.from)), "{}", e.id);
        assert_eq!(r.status, e.status, "{}", e.id);
        // Nothing before the first day in force.
        assert!(
            rules::rules()
                .iter()
                .filter(|x| x.id == e.id)
                .all(|x| x.effective_from.is_some_and(|f| f <= d(e.from))),
            "{}",
            e.id
        );
    }
    // KN-EFFECT: remote areas 45 days (Luật KN Điều 44 khoản 2).
    let remote = CaseFacts {
        remote: true,
        ..Default::default()
    };
    assert_eq!(
        deadline("KN-EFFECT", d("2026-07-06"), remote)
            .unwrap()
            .duration,
        45
    );
}

#[test]
fn status_upgrades_and_closed_rules() {
    // §0 row 3: read in the law text.
    for id in ["KN-SEND-1", "KN-LODGE-2", "TC-RECEIVE", "TC-OVERDUE"] {
        assert_eq!(
            rules::rule(id, d("2025-03-03")).unwrap().status,
            Status::Ok,
            "{id}"
        );
    }
    // §0 row 9: 2 reception days a month from 01/07/2026, confirmed.
    assert_eq!(
        rules::rule("TCD-FREQ", d("2026-07-01")).unwrap().status,
        Status::Ok
    );
    // §0 row 7: budget disclosure under NĐ 163/2016 ends with budget year 2025.
    for id in ["BUD-EST-SUBMIT", "BUD-APPROVED", "BUD-QUARTER", "BUD-POST"] {
        assert!(rules::rule(id, d("2025-12-31")).is_ok(), "{id}");
        assert!(rules::rule(id, d("2026-01-01")).is_err(), "{id}");
    }
    // §0 row 5: Luật DCCS Điều 13 khoản 2, not Luật Tiếp cận thông tin.
    let post = rules::rule("DC-POST", d("2026-07-06")).unwrap();
    assert!(post.source.contains("Điều 13 khoản 2") && post.minimum);
    assert!(!post.source.contains("Tiếp cận thông tin"));
    // Frequencies are not deadlines.
    assert!(matches!(
        deadline("DIALOGUE-ANNUAL", d("2026-07-06"), CaseFacts::default()),
        Err(RuleError::NotATimeLimit(_))
    ));
}

#[test]
fn initiative_consent_lasts_three_months() {
    // Luật DCCS Điều 16 khoản 3. Consent Mon 06/07/2026 → Tue 06/10/2026.
    let a = deadline(
        "COMM-INITIATIVE-VALID",
        d("2026-07-06"),
        CaseFacts::default(),
    )
    .unwrap();
    assert_eq!((a.due, a.unit), (d("2026-10-06"), LimitUnit::Months));
    // 30/11/2025 + 3 months: February has no 30th, so its last day, Sat 28/02/2026
    // (BLDS Điều 148), then the next working day, Mon 02/03/2026.
    let b = deadline(
        "COMM-INITIATIVE-VALID",
        d("2025-11-30"),
        CaseFacts::default(),
    )
    .unwrap();
    assert_eq!(b.due, d("2026-03-02"));
}

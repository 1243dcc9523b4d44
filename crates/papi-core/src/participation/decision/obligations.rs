//! What falls due after the residents decide: the record sent to the UBND and the MTTQ of the
//! commune within 5 working days of the vote (COMM-DECISION-SEND, Điều 20 khoản 3), and for
//! items 3–5 its recognition within 5 working days of receipt (COMM-RECOGNISE, Điều 21
//! khoản 2).

use papi_calendar::{Calendar, CaseFacts};

use super::Decision;
use crate::agenda::{Obligation, ObligationKind};

/// The obligations of one decision (none when a rule cannot be computed).
pub fn obligations(d: &Decision, cal: &Calendar) -> Vec<Obligation> {
    let mut out = Vec::new();
    if let Ok(send) = cal.deadline("COMM-DECISION-SEND", d.held_on, CaseFacts::default()) {
        out.push(Obligation {
            kind: ObligationKind::Participation,
            title: format!("Gửi văn bản kết quả bàn, quyết định: {}", d.title),
            due: send.due,
            unit_id: None,
            subject_id: d.id,
            met_on: d.sent_on,
        });
    }
    if let (Some(by), true, Some(sent)) = (d.subject.recogniser(), d.passed, d.sent_on) {
        if let Ok(rec) = cal.deadline("COMM-RECOGNISE", sent, CaseFacts::default()) {
            out.push(Obligation {
                kind: ObligationKind::Participation,
                title: format!("{} công nhận kết quả: {}", by.label(), d.title),
                due: rec.due,
                unit_id: None,
                subject_id: d.id,
                met_on: d.recognised_on,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::participation::decision::{Form, Proposer, Subject};
    use chrono::NaiveDate;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap()
    }

    fn decision(subject: Subject) -> Decision {
        Decision {
            id: 7,
            commune_id: 1,
            title: "Bầu Trưởng thôn".into(),
            subject,
            village_id: Some(1),
            proposer: Proposer::VillageHead,
            agreed_with_front: true,
            initiative_households: 0,
            initiative_consent_on: None,
            form: Form::Meeting,
            quorum_failed: false,
            // Friday 10/10/2025.
            held_on: day(10, 10),
            notice_on: Some(day(10, 8)),
            documents_on: None,
            passed: true,
            result: String::new(),
            sent_on: None,
            recognised_on: None,
            tallies: vec![],
        }
    }

    /// Điều 20 khoản 3: "gửi ... trong thời hạn 05 ngày làm việc": a vote on Friday 10/10
    /// is sent by Friday 17/10 (Saturday and Sunday not counted).
    #[test]
    fn the_record_is_sent_within_five_working_days() {
        let cal = Calendar::new();
        let o = obligations(&decision(Subject::Contribution), &cal);
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].due, day(10, 17));
        assert_eq!(o[0].kind, ObligationKind::Participation);
    }

    /// Điều 21 khoản 2: items 3–4 recognised by the UBND, item 5 by the MTTQ, within 05 working
    /// days of receiving the record.
    #[test]
    fn recognition_after_receipt() {
        let cal = Calendar::new();
        let mut d = decision(Subject::VillageHead);
        assert_eq!(
            obligations(&d, &cal).len(),
            1,
            "not sent yet: no recognition clock"
        );
        d.sent_on = Some(day(10, 13));
        let o = obligations(&d, &cal);
        assert_eq!(o.len(), 2);
        assert_eq!(o[1].due, day(10, 20));
        assert!(o[1].title.starts_with("UBND xã"));
        d.subject = Subject::BoardMembers;
        assert!(obligations(&d, &cal)[1].title.starts_with("Ủy ban MTTQ"));
        d.subject = Subject::Other;
        assert_eq!(obligations(&d, &cal).len(), 1);
    }
}

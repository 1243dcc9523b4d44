//! The checks of a whole decision record before it is kept: who may propose it (Điều 16),
//! the form allowed for its subject (Điều 17; Nghị định 59/2023 Điều 5), the notices at least
//! 2 days ahead (Nghị định 59/2023 Điều 3–4), the tallies against every village concerned.

use chrono::NaiveDate;
use papi_calendar::{Calendar, CaseFacts};

use super::{Decision, Form, Proposer, Subject};
use crate::clock::format_date as fmt;

/// The last day a residents' initiative backed on `consent_on` may still be put to the vote
/// (COMM-INITIATIVE-VALID: 3 months, Điều 16 khoản 3).
pub fn initiative_valid_until(cal: &Calendar, consent_on: NaiveDate) -> Result<NaiveDate, String> {
    cal.deadline("COMM-INITIATIVE-VALID", consent_on, CaseFacts::default())
        .map(|d| d.due)
        .map_err(|e| e.to_string())
}

/// The latest day the notice of a meeting or ballot on `held_on` may be given.
pub fn latest_notice(cal: &Calendar, form: Form, held_on: NaiveDate) -> Option<NaiveDate> {
    let rule = form.notice_rule()?;
    cal.latest_notice(rule, held_on, CaseFacts::default())
        .ok()
        .map(|d| d.due)
}

/// Checks `d` as typed, with `villages` the ids of all the commune's villages and `today` the
/// day it is recorded. The message says what is wrong, in Vietnamese.
pub fn check(
    d: &Decision,
    cal: &Calendar,
    villages: &[i64],
    today: NaiveDate,
) -> Result<(), String> {
    if d.title.trim().is_empty() {
        return Err("Nội dung quyết định: không được để trống.".into());
    }
    if d.held_on > today {
        return Err(format!(
            "Ngày họp, phát phiếu, biểu quyết ({}) chưa đến: chỉ ghi nhận kết quả đã có.",
            fmt(d.held_on)
        ));
    }
    check_proposer(d, cal)?;
    check_form(d)?;
    check_notices(d, cal)?;
    check_tallies(d, villages)
}

fn check_proposer(d: &Decision, cal: &Calendar) -> Result<(), String> {
    match (d.proposer, d.village_id) {
        (Proposer::Chairman, Some(_)) => {
            return Err(
                "Người đề xuất: Chủ tịch UBND xã đề xuất nội dung trong phạm vi cấp xã; \
                        việc của một thôn do Trưởng thôn đề xuất (Điều 16)."
                    .into(),
            )
        }
        (Proposer::VillageHead, None) => {
            return Err(
                "Người đề xuất: việc trong phạm vi cả xã do Chủ tịch UBND xã đề xuất \
                        (Điều 16 khoản 1)."
                    .into(),
            )
        }
        _ => {}
    }
    match d.proposer {
        Proposer::Chairman if !d.agreed_with_front => Err(
            "Người đề xuất: Chủ tịch UBND xã đề xuất sau khi thống nhất với Chủ tịch Ủy ban MTTQ \
             Việt Nam xã (Điều 16 khoản 1); đánh dấu đã thống nhất."
                .into(),
        ),
        Proposer::VillageHead if !d.agreed_with_front => Err(
            "Người đề xuất: Trưởng thôn đề xuất sau khi thống nhất với Ban công tác Mặt trận ở \
             thôn (Điều 16 khoản 2); đánh dấu đã thống nhất."
                .into(),
        ),
        Proposer::Initiative => {
            let total: i64 = d.tallies.iter().map(|t| t.total_households).sum();
            if 10 * d.initiative_households < total {
                return Err(format!(
                    "Sáng kiến của Nhân dân: {} hộ đồng thuận, chưa đạt 10% số hộ gia đình ({} \
                     hộ) theo Điều 16 khoản 3.",
                    d.initiative_households,
                    (total + 9) / 10
                ));
            }
            let Some(consent) = d.initiative_consent_on else {
                return Err("Sáng kiến của Nhân dân: nhập ngày các hộ đồng thuận.".into());
            };
            let until = initiative_valid_until(cal, consent)?;
            if d.held_on > until {
                return Err(format!(
                    "Sáng kiến của Nhân dân: ý kiến đồng thuận ngày {} chỉ có giá trị 03 tháng, \
                     đến {}; ngày {} đã quá hạn (Điều 16 khoản 3).",
                    fmt(consent),
                    fmt(until),
                    fmt(d.held_on)
                ));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn check_form(d: &Decision) -> Result<(), String> {
    match d.form {
        Form::Online if d.subject != Subject::Other => Err(format!(
            "Hình thức: biểu quyết trực tuyến chỉ dùng cho công việc tự quản khác (Điều 15 khoản \
             6; Nghị định 59/2023 Điều 5), không dùng cho «{}».",
            d.subject.label()
        )),
        Form::Online => {
            for t in &d.tallies {
                if 2 * t.online_agreed <= t.total_households {
                    return Err(format!(
                        "{}: chỉ {}/{} hộ đồng ý biểu quyết trực tuyến, chưa quá 50% tổng số hộ \
                         (Nghị định 59/2023 Điều 5 khoản 2).",
                        t.village, t.online_agreed, t.total_households
                    ));
                }
            }
            Ok(())
        }
        Form::Ballot if d.subject.meeting_only() && !d.quorum_failed => Err(format!(
            "Hình thức: «{}» phải bàn, quyết định tại cuộc họp; chỉ phát phiếu khi cuộc họp \
             không đủ số hộ tham dự (Điều 17 khoản 2).",
            d.subject.label()
        )),
        _ => Ok(()),
    }
}

fn check_notices(d: &Decision, cal: &Calendar) -> Result<(), String> {
    if let Some(latest) = latest_notice(cal, d.form, d.held_on) {
        let what = match d.form {
            Form::Ballot => "Ngày thông báo tổ phát phiếu",
            _ => "Ngày thông báo họp",
        };
        match d.notice_on {
            None => return Err(format!("{what}: nhập ngày thông báo (dd/mm/yyyy).")),
            Some(n) if n > latest => {
                return Err(format!(
                    "{what} {} quá muộn: phải thông báo chậm nhất 02 ngày trước, tức là trước \
                     hoặc vào ngày {} (Nghị định 59/2023/NĐ-CP Điều {}).",
                    fmt(n),
                    fmt(latest),
                    if d.form == Form::Ballot { 4 } else { 3 }
                ))
            }
            _ => {}
        }
        if d.form == Form::Meeting && d.subject.needs_documents() {
            match d.documents_on {
                None => {
                    return Err(
                        "Ngày gửi tài liệu đến từng hộ: nhập ngày (nội dung khoản 1–3 \
                                Điều 15 cần gửi tài liệu ít nhất 02 ngày trước cuộc họp)."
                            .into(),
                    )
                }
                Some(s) if s > latest => {
                    return Err(format!(
                        "Ngày gửi tài liệu đến từng hộ {} quá muộn: chậm nhất ngày {} (02 ngày \
                         trước cuộc họp, Điều 18 Luật Thực hiện dân chủ ở cơ sở).",
                        fmt(s),
                        fmt(latest)
                    ))
                }
                _ => {}
            }
        }
    }
    Ok(())
}

fn check_tallies(d: &Decision, villages: &[i64]) -> Result<(), String> {
    for t in &d.tallies {
        t.check()?;
        if !villages.contains(&t.village_id) {
            return Err(format!("{}: không phải thôn của xã.", t.village));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for t in &d.tallies {
        if !seen.insert(t.village_id) {
            return Err(format!(
                "{}: kết quả của thôn được nhập hai lần.",
                t.village
            ));
        }
    }
    match d.village_id {
        Some(v) => {
            if d.tallies.len() != 1 || d.tallies[0].village_id != v {
                return Err(
                    "Kết quả: việc của một thôn có đúng một kết quả, của chính thôn đó.".into(),
                );
            }
        }
        None => {
            if d.tallies.len() != villages.len() {
                return Err(format!(
                    "Kết quả: việc trong phạm vi cả xã cần kết quả của từng thôn ({} thôn), mới \
                     có {}.",
                    villages.len(),
                    d.tallies.len()
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::participation::decision::Tally;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap()
    }

    fn tally(v: i64, total: i64, yes: i64) -> Tally {
        Tally {
            village_id: v,
            village: format!("Thôn {v}"),
            total_households: total,
            present: total,
            votes_for: yes,
            votes_against: total - yes,
            abstain: 0,
            online_agreed: 0,
        }
    }

    fn decision() -> Decision {
        Decision {
            id: 0,
            commune_id: 1,
            title: "Đóng góp bê tông hóa đường thôn".into(),
            subject: Subject::Contribution,
            village_id: Some(1),
            proposer: Proposer::VillageHead,
            agreed_with_front: true,
            initiative_households: 0,
            initiative_consent_on: None,
            form: Form::Meeting,
            quorum_failed: false,
            held_on: day(10, 10),
            notice_on: Some(day(10, 8)),
            documents_on: Some(day(10, 8)),
            passed: false,
            result: String::new(),
            sent_on: None,
            recognised_on: None,
            tallies: vec![tally(1, 200, 150)],
        }
    }

    fn run(d: &Decision) -> Result<(), String> {
        check(d, &Calendar::new(), &[1, 2], day(10, 15))
    }

    #[test]
    fn a_proper_record_passes() {
        assert_eq!(run(&decision()), Ok(()));
    }

    /// Nghị định 59/2023 Điều 3: "thông báo ... chậm nhất là 02 ngày trước ngày tổ chức
    /// cuộc họp": a meeting on 10/10 needs the notice by 08/10.
    #[test]
    fn notice_two_days_ahead() {
        let mut d = decision();
        d.notice_on = Some(day(10, 9));
        let e = run(&d).unwrap_err();
        assert!(
            e.contains("chậm nhất ngày") || e.contains("08/10/2025"),
            "{e}"
        );
        d.notice_on = None;
        assert!(run(&d).is_err());
        let mut d = decision();
        d.documents_on = Some(day(10, 9));
        assert!(run(&d).unwrap_err().contains("tài liệu"));
    }

    /// Điều 17 khoản 2 and Nghị định 59/2023 Điều 5: online voting only for item 6; items 3–5
    /// in a meeting, by ballot only when the meeting lacked quorum.
    #[test]
    fn forms_follow_the_subject() {
        let mut d = decision();
        d.form = Form::Online;
        assert!(run(&d).unwrap_err().contains("trực tuyến chỉ dùng"));
        d.subject = Subject::Other;
        assert!(run(&d).unwrap_err().contains("chưa quá 50%"));
        d.tallies[0].online_agreed = 101;
        assert_eq!(run(&d), Ok(()));
        let mut d = decision();
        d.subject = Subject::VillageHead;
        d.form = Form::Ballot;
        assert!(run(&d).unwrap_err().contains("Điều 17 khoản 2"));
        d.quorum_failed = true;
        assert_eq!(run(&d), Ok(()));
    }

    /// Điều 16 khoản 3: at least 10 % of households, consent valid for 3 months.
    #[test]
    fn initiative_needs_ten_percent_within_three_months() {
        let mut d = decision();
        d.proposer = Proposer::Initiative;
        d.initiative_households = 19;
        d.initiative_consent_on = Some(day(8, 1));
        assert!(run(&d).unwrap_err().contains("10%"));
        d.initiative_households = 20;
        assert_eq!(run(&d), Ok(()));
        d.initiative_consent_on = Some(day(7, 1));
        assert!(run(&d).unwrap_err().contains("03 tháng"));
    }

    #[test]
    fn proposer_matches_the_scope() {
        let mut d = decision();
        d.proposer = Proposer::Chairman;
        assert!(run(&d).is_err());
        d.village_id = None;
        d.tallies = vec![tally(1, 100, 80), tally(2, 100, 80)];
        assert_eq!(run(&d), Ok(()));
        d.agreed_with_front = false;
        assert!(run(&d).unwrap_err().contains("MTTQ"));
    }

    #[test]
    fn commune_wide_needs_every_village() {
        let mut d = decision();
        d.proposer = Proposer::Chairman;
        d.village_id = None;
        assert!(run(&d).unwrap_err().contains("từng thôn"));
        d.tallies = vec![tally(1, 100, 80), tally(1, 100, 80)];
        assert!(run(&d).unwrap_err().contains("hai lần"));
    }
}

//! Village conferences, the commune's dialogue conference and meetings with residents.
//!
//! The annual village conference (Luật 10/2022/QH15 Điều 33; Nghị định 59/2023/NĐ-CP Điều
//! 10–11) is held at year end in every village, announced to households at least 5 days ahead
//! (COMM-CONF-NOTICE), hears the reports of the village head, the Front committee and the BTTND
//! member, and its written result goes to the UBND and the MTTQ. The UBND holds at least one
//! dialogue conference with residents a year (Điều 32 khoản 1, DIALOGUE-ANNUAL). Other meetings
//! with residents are recorded with their agenda, minutes, attendance and what residents raised.

use chrono::{Datelike, NaiveDate};
use papi_calendar::{Calendar, CaseFacts};
use serde::Serialize;

use crate::agenda::{Obligation, ObligationKind};
use crate::clock::format_date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConferenceKind {
    /// Hội nghị thôn hằng năm.
    Village,
    /// Hội nghị đối thoại giữa UBND xã với Nhân dân.
    Dialogue,
    /// Another meeting with residents (tiếp xúc, họp dân).
    Meeting,
}

impl ConferenceKind {
    pub fn code(self) -> &'static str {
        match self {
            ConferenceKind::Village => "village",
            ConferenceKind::Dialogue => "dialogue",
            ConferenceKind::Meeting => "meeting",
        }
    }

    pub fn parse(s: &str) -> Option<ConferenceKind> {
        match s.trim() {
            "village" => Some(ConferenceKind::Village),
            "dialogue" => Some(ConferenceKind::Dialogue),
            "meeting" => Some(ConferenceKind::Meeting),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ConferenceKind::Village => "Hội nghị thôn hằng năm",
            ConferenceKind::Dialogue => "Hội nghị đối thoại của UBND xã với Nhân dân",
            ConferenceKind::Meeting => "Cuộc họp, tiếp xúc với người dân",
        }
    }
}

/// A conference or meeting as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conference {
    pub id: i64,
    pub commune_id: i64,
    pub kind: ConferenceKind,
    pub village_id: Option<i64>,
    pub held_on: NaiveDate,
    /// When households were told.
    pub noticed_on: Option<NaiveDate>,
    pub title: String,
    pub agenda: String,
    pub minutes: String,
    pub attendance: Option<u32>,
    /// The village head's report was heard.
    pub head_report: bool,
    /// The Front committee's report was heard.
    pub front_report: bool,
    /// The BTTND member's report was heard.
    pub board_report: bool,
    /// The written result reached the UBND.
    pub sent_ubnd_on: Option<NaiveDate>,
    /// The written result reached the MTTQ.
    pub sent_mttq_on: Option<NaiveDate>,
}

/// A matter residents raised at a meeting, and the residents' matter it opened, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RaisedItem {
    pub id: i64,
    pub conference_id: i64,
    pub text: String,
    pub matter_code: String,
}

/// The latest day households may be told of a village conference held on `held_on`.
pub fn notice_latest(cal: &Calendar, held_on: NaiveDate) -> Option<NaiveDate> {
    cal.latest_notice("COMM-CONF-NOTICE", held_on, CaseFacts::default())
        .ok()
        .map(|d| d.due)
}

/// Refuses what cannot be recorded (errors name the field) and returns the warnings of what
/// the law asks and the record lacks: a late or missing notice, a missing report, a result not
/// sent.
pub fn check(c: &Conference, cal: &Calendar, today: NaiveDate) -> Result<Vec<String>, String> {
    if c.title.trim().is_empty() {
        return Err("Tên hội nghị, cuộc họp: chưa nhập.".into());
    }
    match c.kind {
        ConferenceKind::Village if c.village_id.is_none() => {
            return Err("Thôn: hội nghị thôn phải chọn thôn tổ chức.".into())
        }
        ConferenceKind::Dialogue if c.village_id.is_some() => return Err(
            "Thôn: hội nghị đối thoại do UBND xã tổ chức với Nhân dân toàn xã, không chọn thôn."
                .into(),
        ),
        _ => {}
    }
    if let Some(n) = c.noticed_on {
        if n > c.held_on {
            return Err("Ngày thông báo: không được sau ngày họp.".into());
        }
    }
    for (label, d) in [
        ("Ngày gửi kết quả cho UBND xã", c.sent_ubnd_on),
        ("Ngày gửi kết quả cho Ủy ban MTTQ xã", c.sent_mttq_on),
    ] {
        if let Some(d) = d {
            if d < c.held_on {
                return Err(format!("{label}: không được trước ngày họp."));
            }
            if d > today {
                return Err(format!("{label}: không được sau ngày hôm nay."));
            }
        }
    }
    let mut warnings = Vec::new();
    if c.kind == ConferenceKind::Village {
        if let Some(latest) = notice_latest(cal, c.held_on) {
            match c.noticed_on {
                Some(n) if n > latest => warnings.push(format!(
                    "Thông báo muộn: phải thông báo cho hộ gia đình chậm nhất ngày {} (trước ít \
                     nhất 05 ngày — Nghị định 59/2023/NĐ-CP Điều 11 khoản 1 điểm c).",
                    format_date(latest)
                )),
                None => warnings.push(format!(
                    "Chưa ghi ngày thông báo; hạn thông báo là ngày {}.",
                    format_date(latest)
                )),
                _ => {}
            }
        }
        let mut missing = Vec::new();
        if !c.head_report {
            missing.push("Trưởng thôn");
        }
        if !c.front_report {
            missing.push("Ban công tác Mặt trận");
        }
        if !c.board_report {
            missing.push("thành viên Ban Thanh tra nhân dân");
        }
        if !missing.is_empty() {
            warnings.push(format!(
                "Chưa có báo cáo của: {} (Luật 10/2022/QH15 Điều 33).",
                missing.join(", ")
            ));
        }
        if c.held_on <= today && (c.sent_ubnd_on.is_none() || c.sent_mttq_on.is_none()) {
            warnings.push(
                "Kết quả hội nghị chưa gửi đủ cho UBND xã và Ủy ban MTTQ xã (Nghị định 59/2023/NĐ-CP \
                 Điều 11)."
                    .into(),
            );
        }
    }
    Ok(warnings)
}

/// Years in `from..=to` without a dialogue conference held (DIALOGUE-ANNUAL: at least one a
/// year, Luật 10/2022/QH15 Điều 32 khoản 1).
pub fn years_without_dialogue(confs: &[Conference], from: i32, to: i32) -> Vec<i32> {
    (from..=to)
        .filter(|y| {
            !confs
                .iter()
                .any(|c| c.kind == ConferenceKind::Dialogue && c.held_on.year() == *y)
        })
        .collect()
}

/// The commune's yearly obligations for `year`: an annual conference in every village and one
/// dialogue conference, each due by 31/12 and met on the day held. Village obligations carry
/// the village id as subject; the dialogue carries the year.
pub fn obligations(year: i32, villages: &[(i64, String)], confs: &[Conference]) -> Vec<Obligation> {
    let Some(end) = NaiveDate::from_ymd_opt(year, 12, 31) else {
        return Vec::new();
    };
    let held = |kind: ConferenceKind, village: Option<i64>| {
        confs
            .iter()
            .filter(|c| c.kind == kind && c.village_id == village && c.held_on.year() == year)
            .map(|c| c.held_on)
            .min()
    };
    let mut out: Vec<Obligation> = villages
        .iter()
        .map(|(id, name)| Obligation {
            kind: ObligationKind::Participation,
            title: format!("Hội nghị {name} năm {year}"),
            due: end,
            unit_id: None,
            subject_id: *id,
            met_on: held(ConferenceKind::Village, Some(*id)),
        })
        .collect();
    out.push(Obligation {
        kind: ObligationKind::Participation,
        title: format!("Hội nghị đối thoại của UBND xã với Nhân dân năm {year}"),
        due: end,
        unit_id: None,
        subject_id: i64::from(year),
        met_on: held(ConferenceKind::Dialogue, None),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn conf(kind: ConferenceKind, village: Option<i64>, held: NaiveDate) -> Conference {
        Conference {
            id: 1,
            commune_id: 1,
            kind,
            village_id: village,
            held_on: held,
            noticed_on: Some(held - chrono::Duration::days(7)),
            title: "Hội nghị".into(),
            agenda: String::new(),
            minutes: String::new(),
            attendance: Some(80),
            head_report: true,
            front_report: true,
            board_report: true,
            sent_ubnd_on: Some(held),
            sent_mttq_on: Some(held),
        }
    }

    #[test]
    fn a_village_conference_is_announced_five_days_ahead() {
        // NĐ 59/2023/NĐ-CP Điều 11 khoản 1 điểm c: thông báo trước ít nhất 05 ngày.
        let cal = Calendar::new();
        let today = d(2025, 12, 31);
        let mut c = conf(ConferenceKind::Village, Some(1), d(2025, 12, 20));
        assert_eq!(check(&c, &cal, today).unwrap(), Vec::<String>::new());
        c.noticed_on = Some(d(2025, 12, 17));
        let w = check(&c, &cal, today).unwrap();
        assert!(w[0].starts_with("Thông báo muộn"), "{w:?}");
        assert!(w[0].contains("15/12/2025"), "{w:?}");
        c.noticed_on = Some(d(2025, 12, 21));
        assert!(check(&c, &cal, today).is_err());
    }

    #[test]
    fn reports_and_result_are_asked_for() {
        // Luật 10/2022/QH15 Điều 33: reports of the village head, the Front, the BTTND member.
        let cal = Calendar::new();
        let mut c = conf(ConferenceKind::Village, Some(1), d(2025, 12, 20));
        c.board_report = false;
        c.sent_mttq_on = None;
        let w = check(&c, &cal, d(2025, 12, 31)).unwrap();
        assert!(w.iter().any(|x| x.contains("Ban Thanh tra")));
        assert!(w.iter().any(|x| x.contains("MTTQ")));
        c.village_id = None;
        assert!(check(&c, &cal, d(2025, 12, 31))
            .unwrap_err()
            .starts_with("Thôn"));
    }

    #[test]
    fn a_year_without_a_dialogue_is_flagged() {
        // Luật 10/2022/QH15 Điều 32 khoản 1: ít nhất mỗi năm một lần.
        let confs = vec![conf(ConferenceKind::Dialogue, None, d(2024, 6, 1))];
        assert_eq!(years_without_dialogue(&confs, 2023, 2025), vec![2023, 2025]);
        let o = obligations(
            2025,
            &[(1, "Thôn Đông".into()), (2, "Thôn Tây".into())],
            &[conf(ConferenceKind::Village, Some(1), d(2025, 12, 10))],
        );
        assert_eq!(o.len(), 3);
        assert_eq!(o[0].met_on, Some(d(2025, 12, 10)));
        assert_eq!(o[1].met_on, None);
        assert_eq!(o[2].met_on, None);
        assert_eq!(o[2].due, d(2025, 12, 31));
    }
}

//! Satisfaction surveys of the commune's public services (bộ phận một cửa, the health station,
//! a school, or another service), run by the commune itself after SIPAS's working model. The
//! questionnaire is data ([`questionnaire`]); the scoring is one engine for any questionnaire
//! ([`score`]). Results are always labelled as the commune's own SIPAS-style survey
//! ([`LABEL`]), never as the official SIPAS index, which the Ministry of Home Affairs measures.

pub mod questionnaire;
pub mod score;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use questionnaire::{Factor, Item, ItemKind, Questionnaire};
pub use score::{change, score, Answers, Change, Estimate, Results};

/// How every result of these surveys is named, on pages and in reports.
pub const LABEL: &str = "Khảo sát sự hài lòng theo cách của SIPAS do xã tự thực hiện";
/// Why the label matters, shown beside results.
pub const NOT_OFFICIAL: &str = "Đây không phải Chỉ số SIPAS chính thức do Bộ Nội vụ công bố.";

/// The kind of service surveyed; it decides the built-in questionnaire offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    OneStopDesk,
    HealthStation,
    School,
    Other,
}

impl ServiceKind {
    pub const ALL: [ServiceKind; 4] = [
        ServiceKind::OneStopDesk,
        ServiceKind::HealthStation,
        ServiceKind::School,
        ServiceKind::Other,
    ];
    pub fn code(self) -> &'static str {
        match self {
            ServiceKind::OneStopDesk => "one_stop_desk",
            ServiceKind::HealthStation => "health_station",
            ServiceKind::School => "school",
            ServiceKind::Other => "other",
        }
    }
    pub fn parse(code: &str) -> Option<ServiceKind> {
        ServiceKind::ALL.into_iter().find(|k| k.code() == code)
    }
    pub fn label(self) -> &'static str {
        match self {
            ServiceKind::OneStopDesk => "Bộ phận Một cửa",
            ServiceKind::HealthStation => "Trạm y tế",
            ServiceKind::School => "Trường học",
            ServiceKind::Other => "Dịch vụ khác",
        }
    }
}

/// One survey: a service, a period, its questionnaire, and whether the phone form takes
/// answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Survey {
    pub id: i64,
    pub commune_id: i64,
    pub kind: ServiceKind,
    /// The service as residents know it ("Bộ phận Một cửa UBND xã", "Trường Tiểu học …").
    pub service_name: String,
    /// The period as people say it ("Quý III/2025").
    pub period_label: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub questionnaire: Questionnaire,
    pub open: bool,
}

impl Survey {
    /// Whether the phone form takes an answer on `today`: open, and within the period.
    pub fn takes_answers(&self, today: NaiveDate) -> bool {
        self.open && self.starts_on <= today && today <= self.ends_on
    }
}

/// What the staff form asks when a survey is created, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct NewSurvey {
    pub kind: String,
    pub service_name: String,
    pub period_label: String,
    pub starts_on: String,
    pub ends_on: String,
}

/// Checks the staff form: a known kind, a name, a period whose end is not before its start.
/// The questionnaire is the kind's template unless the commune uploads its own.
pub fn check_new(
    commune_id: i64,
    form: &NewSurvey,
    questionnaire: Option<Questionnaire>,
) -> Result<Survey, String> {
    let kind = ServiceKind::parse(form.kind.trim())
        .ok_or_else(|| "Vui lòng chọn loại dịch vụ được khảo sát.".to_string())?;
    let service_name = form.service_name.trim().to_string();
    if service_name.is_empty() {
        return Err("Vui lòng nhập tên dịch vụ (trường «Tên dịch vụ»).".into());
    }
    let period_label = form.period_label.trim().to_string();
    if period_label.is_empty() {
        return Err("Vui lòng nhập kỳ khảo sát (trường «Kỳ», ví dụ Quý III/2025).".into());
    }
    let date = |field: &str, v: &str| {
        NaiveDate::parse_from_str(v.trim(), "%d/%m/%Y")
            .ok()
            .ok_or_else(|| {
                format!(
                    "Trường «{field}»: «{}» không phải ngày dd/mm/yyyy.",
                    v.trim()
                )
            })
    };
    let starts_on = date("Từ ngày", &form.starts_on)?;
    let ends_on = date("Đến ngày", &form.ends_on)?;
    if ends_on < starts_on {
        return Err("Trường «Đến ngày» phải không sớm hơn «Từ ngày».".into());
    }
    let questionnaire = match questionnaire {
        Some(q) => q,
        None => questionnaire::template(kind),
    };
    questionnaire.check()?;
    Ok(Survey {
        id: 0,
        commune_id,
        kind,
        service_name,
        period_label,
        starts_on,
        ends_on,
        questionnaire,
        open: true,
    })
}

/// The survey of the same service (same kind and name) just before `survey`, if any: the one
/// whose period ends last before this one starts.
pub fn previous<'a>(survey: &Survey, all: &'a [Survey]) -> Option<&'a Survey> {
    all.iter()
        .filter(|s| {
            s.id != survey.id
                && s.kind == survey.kind
                && s.service_name == survey.service_name
                && s.ends_on < survey.starts_on
        })
        .max_by_key(|s| s.ends_on)
}

/// Sample size for a margin of error `e` (0.05 for ±5 %) when `n` transactions happened in the
/// period: n / (1 + n·e²) (the formula SIPAS's training course gives), rounded up.
pub fn sample_size(transactions: u64, e: f64) -> u64 {
    let n = transactions as f64;
    (n / (1.0 + n * e * e)).ceil() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> NewSurvey {
        NewSurvey {
            kind: "one_stop_desk".into(),
            service_name: "Bộ phận Một cửa".into(),
            period_label: "Quý III/2025".into(),
            starts_on: "01/07/2025".into(),
            ends_on: "30/09/2025".into(),
        }
    }

    #[test]
    fn a_new_survey_gets_its_kinds_template_and_checked_dates() {
        let s = check_new(1, &form(), None).unwrap();
        assert_eq!(s.questionnaire.factors.len(), 5);
        assert!(s.takes_answers(NaiveDate::from_ymd_opt(2025, 8, 1).unwrap()));
        assert!(!s.takes_answers(NaiveDate::from_ymd_opt(2025, 10, 1).unwrap()));
        let mut f = form();
        f.ends_on = "01/06/2025".into();
        assert!(check_new(1, &f, None).unwrap_err().contains("Đến ngày"));
        f.ends_on = "31/13/2025".into();
        assert!(check_new(1, &f, None).unwrap_err().contains("31/13/2025"));
        let mut f = form();
        f.kind = "x".into();
        assert!(check_new(1, &f, None).is_err());
    }

    #[test]
    fn the_previous_period_is_the_same_service_just_before() {
        let mut a = check_new(1, &form(), None).unwrap();
        a.id = 1;
        let mut f = form();
        f.period_label = "Quý II/2025".into();
        f.starts_on = "01/04/2025".into();
        f.ends_on = "30/06/2025".into();
        let mut b = check_new(1, &f, None).unwrap();
        b.id = 2;
        f.period_label = "Quý I/2025".into();
        f.starts_on = "01/01/2025".into();
        f.ends_on = "31/03/2025".into();
        let mut c = check_new(1, &f, None).unwrap();
        c.id = 3;
        let mut d = b.clone();
        d.id = 4;
        d.service_name = "Trạm y tế xã".into();
        let all = vec![a.clone(), b.clone(), c, d];
        assert_eq!(previous(&a, &all).map(|s| s.id), Some(2));
        assert_eq!(previous(&all[2], &all).map(|s| s.id), None);
    }

    #[test]
    fn sample_size_follows_the_training_course_formula() {
        // N = 1000, e = 5 %: 1000 / (1 + 2.5) = 285.7 → 286.
        assert_eq!(sample_size(1000, 0.05), 286);
        assert_eq!(sample_size(100, 0.05), 80);
    }
}

/// What happens to an answer sent from the phone form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Review {
    /// Counted in the results.
    Accepted,
    /// Part of a burst from one address: held until the office looks at it (a desk tablet
    /// does this too, so it is not refused).
    Flagged,
    /// The office decided it does not count.
    Rejected,
}

impl Review {
    pub fn code(self) -> &'static str {
        match self {
            Review::Accepted => "accepted",
            Review::Flagged => "flagged",
            Review::Rejected => "rejected",
        }
    }
    pub fn parse(code: &str) -> Option<Review> {
        [Review::Accepted, Review::Flagged, Review::Rejected]
            .into_iter()
            .find(|r| r.code() == code)
    }
    pub fn label(self) -> &'static str {
        match self {
            Review::Accepted => "Được tính",
            Review::Flagged => "Chờ xem xét",
            Review::Rejected => "Không tính",
        }
    }
}

/// One phone per service per this many hours: a second answer from the same device within
/// the window is refused (a resident may come back another day for another visit).
pub const REPEAT_HOURS: i64 = 20;

/// An answer already stored, as the intake rule sees it: one-way tags of the address and the
/// device, and when it came.
#[derive(Debug, Clone)]
pub struct Arrival {
    pub address: String,
    pub device: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// Decides a new answer against the survey's earlier ones: refused when the same device
/// answered this survey within [`REPEAT_HOURS`]; flagged for review when its address sent a
/// burst (the PAPI form's rule, `survey_review::bursts`); accepted otherwise.
pub fn intake(earlier: &[Arrival], new: &Arrival) -> Result<Review, &'static str> {
    let window = chrono::Duration::hours(REPEAT_HOURS);
    if !new.device.is_empty()
        && earlier
            .iter()
            .any(|a| a.device == new.device && new.at - a.at < window && a.at <= new.at)
    {
        return Err("Thiết bị này đã gửi phiếu đánh giá dịch vụ này trong hôm nay. Cảm ơn bạn, mỗi lượt giao dịch chỉ cần một phiếu.");
    }
    let times = earlier
        .iter()
        .chain(std::iter::once(new))
        .map(|a| (a.address.as_str(), a.at));
    Ok(
        if crate::survey_review::bursts(times).contains(&new.address) {
            Review::Flagged
        } else {
            Review::Accepted
        },
    )
}

#[cfg(test)]
mod intake_tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn at(h: u32, m: u32) -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 8, 4, h, m, 0).unwrap()
    }

    fn a(address: &str, device: &str, t: chrono::DateTime<Utc>) -> Arrival {
        Arrival {
            address: address.into(),
            device: device.into(),
            at: t,
        }
    }

    #[test]
    fn the_same_phone_twice_is_refused_and_a_burst_from_one_address_is_held() {
        let earlier = vec![a("ip1", "d1", at(8, 0)), a("ip1", "d2", at(8, 4))];
        assert!(intake(&earlier, &a("ip1", "d1", at(9, 0))).is_err());
        // Third answer within 10 minutes from one address: held.
        assert_eq!(
            intake(&earlier, &a("ip1", "d3", at(8, 8))),
            Ok(Review::Flagged)
        );
        // Another address, or the same one later: counted.
        assert_eq!(
            intake(&earlier, &a("ip2", "d3", at(8, 8))),
            Ok(Review::Accepted)
        );
        assert_eq!(
            intake(&earlier, &a("ip1", "d3", at(11, 0))),
            Ok(Review::Accepted)
        );
        // The next day the same phone may answer for a new visit.
        let next_day = at(8, 0) + chrono::Duration::hours(REPEAT_HOURS);
        assert!(intake(&earlier, &a("ip3", "d1", next_day)).is_ok());
    }
}

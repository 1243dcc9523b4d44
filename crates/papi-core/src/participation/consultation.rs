//! Consultations (tham gia ý kiến, Đ.25–28): drafts, forms, the 20-day window, comments,
//! the summary and the explanation.
//!
//! The window runs at least 20 days from the day the content is made public (DC-CONSULT,
//! Điều 28 khoản 2) and is never shortened once open; a consultation closes only after its
//! window, with a summary, and with reasons when the decision goes against the majority of
//! the comments (Điều 28 khoản 4).

use chrono::NaiveDate;
use papi_calendar::{Calendar, CaseFacts};
use serde::Serialize;

use crate::clock::format_date;

/// What residents comment on (Điều 25).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    SocioEconomicPlan,
    LandUsePlan,
    Project,
    AdministrativeUnits,
    CommunityDecision,
    ConstructionPlan,
    DemocracyRegulation,
    RightsRestriction,
}

impl Topic {
    pub const ALL: [Topic; 8] = [
        Topic::SocioEconomicPlan,
        Topic::LandUsePlan,
        Topic::Project,
        Topic::AdministrativeUnits,
        Topic::CommunityDecision,
        Topic::ConstructionPlan,
        Topic::DemocracyRegulation,
        Topic::RightsRestriction,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Topic::SocioEconomicPlan => "socio_economic_plan",
            Topic::LandUsePlan => "land_use_plan",
            Topic::Project => "project",
            Topic::AdministrativeUnits => "administrative_units",
            Topic::CommunityDecision => "community_decision",
            Topic::ConstructionPlan => "construction_plan",
            Topic::DemocracyRegulation => "democracy_regulation",
            Topic::RightsRestriction => "rights_restriction",
        }
    }

    pub fn parse(code: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Topic::SocioEconomicPlan => "Dự thảo kế hoạch phát triển kinh tế - xã hội của xã",
            Topic::LandUsePlan => "Dự thảo quy hoạch, kế hoạch sử dụng đất",
            Topic::Project => "Dự án, công trình lớn; phương án bồi thường, hỗ trợ, tái định cư",
            Topic::AdministrativeUnits => {
                "Thành lập, nhập, chia, điều chỉnh địa giới đơn vị hành chính"
            }
            Topic::CommunityDecision => "Quyết định hành chính ảnh hưởng đến cộng đồng",
            Topic::ConstructionPlan => "Quy hoạch xây dựng, quy hoạch điểm dân cư nông thôn",
            Topic::DemocracyRegulation => "Dự thảo quy chế thực hiện dân chủ ở cơ sở",
            Topic::RightsRestriction => "Quyết định hạn chế quyền, lợi ích của công dân",
        }
    }
}

/// How comments are gathered (Điều 26).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Conference,
    Meeting,
    Ballot,
    Box,
    Front,
    Portal,
    Social,
}

impl Channel {
    pub const ALL: [Channel; 7] = [
        Channel::Conference,
        Channel::Meeting,
        Channel::Ballot,
        Channel::Box,
        Channel::Front,
        Channel::Portal,
        Channel::Social,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Conference => "conference",
            Channel::Meeting => "meeting",
            Channel::Ballot => "ballot",
            Channel::Box => "box",
            Channel::Front => "front",
            Channel::Portal => "portal",
            Channel::Social => "social",
        }
    }

    pub fn parse(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::Conference => "Hội nghị đối thoại",
            Channel::Meeting => "Họp cộng đồng dân cư",
            Channel::Ballot => "Phát phiếu lấy ý kiến hộ gia đình",
            Channel::Box => "Hòm thư góp ý, đường dây nóng",
            Channel::Front => "Qua Ủy ban MTTQ Việt Nam xã",
            Channel::Portal => "Cổng thông tin điện tử",
            Channel::Social => "Mạng xã hội",
        }
    }
}

/// A comment's position on the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    For,
    Against,
    /// A suggestion without a yes or no.
    Other,
}

impl Stance {
    pub fn code(self) -> &'static str {
        match self {
            Stance::For => "for",
            Stance::Against => "against",
            Stance::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Stance> {
        match code {
            "for" => Some(Stance::For),
            "against" => Some(Stance::Against),
            "other" => Some(Stance::Other),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Stance::For => "Đồng ý",
            Stance::Against => "Không đồng ý",
            Stance::Other => "Ý kiến khác",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consultation {
    pub id: i64,
    pub commune_id: i64,
    pub title: String,
    pub topic: Topic,
    /// `None`: the whole commune.
    pub village_id: Option<i64>,
    pub channels: Vec<Channel>,
    /// The day the content was made public: the window starts here.
    pub published_on: NaiveDate,
    pub closes_on: NaiveDate,
    /// The draft's file name, when one was uploaded.
    pub draft_name: String,
    pub summary: String,
    pub decision: String,
    /// Whether the decision adopts the draft.
    pub adopted: Option<bool>,
    /// Why the decision goes against the majority (Điều 28 khoản 4).
    pub explanation: String,
    pub closed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    pub id: i64,
    pub consultation_id: i64,
    pub on: NaiveDate,
    pub who: String,
    pub village_id: Option<i64>,
    pub text: String,
    pub stance: Stance,
}

/// The earliest day the window may close (at least 20 days from publication, DC-CONSULT).
pub fn earliest_close(cal: &Calendar, published_on: NaiveDate) -> Result<NaiveDate, String> {
    cal.deadline("DC-CONSULT", published_on, CaseFacts::default())
        .map(|d| d.due)
        .map_err(|e| e.to_string())
}

/// Refuses a window shorter than the law's 20 days.
pub fn check_window(
    cal: &Calendar,
    published_on: NaiveDate,
    closes_on: NaiveDate,
) -> Result<(), String> {
    let earliest = earliest_close(cal, published_on)?;
    if closes_on < earliest {
        let days = (closes_on - published_on).num_days();
        return Err(format!(
            "Thời gian lấy ý kiến từ {} đến {} chỉ có {} ngày: phải ít nhất 20 ngày kể từ ngày công \
             khai nội dung, tức là đến ngày {} trở đi (Điều 28 khoản 2 Luật Thực hiện dân chủ ở cơ \
             sở).",
            format_date(published_on),
            format_date(closes_on),
            days.max(0),
            format_date(earliest)
        ));
    }
    Ok(())
}

/// Checks a new or edited consultation. An open window (published, not closed) may be
/// lengthened but never shortened, nor its publication moved later.
pub fn check(
    cal: &Calendar,
    before: Option<&Consultation>,
    c: &Consultation,
    today: NaiveDate,
) -> Result<(), String> {
    if c.title.trim().is_empty() {
        return Err("Tên nội dung lấy ý kiến: không được để trống.".into());
    }
    if c.channels.is_empty() {
        return Err("Hình thức lấy ý kiến: chọn ít nhất một hình thức (Điều 26).".into());
    }
    check_window(cal, c.published_on, c.closes_on)?;
    if let Some(b) = before {
        if b.closed_on.is_some() {
            return Err("Cuộc lấy ý kiến đã kết thúc: không sửa được nữa.".into());
        }
        if b.published_on <= today {
            if c.closes_on < b.closes_on {
                return Err(format!(
                    "Không rút ngắn thời gian lấy ý kiến đang diễn ra: hạn hiện tại là {}, không \
                     được sửa thành {}.",
                    format_date(b.closes_on),
                    format_date(c.closes_on)
                ));
            }
            if c.published_on != b.published_on {
                return Err(format!(
                    "Nội dung đã công khai từ {}: không sửa ngày công khai.",
                    format_date(b.published_on)
                ));
            }
        }
    }
    Ok(())
}

/// The majority among the comments that took a side; `None` when none did or they tie.
pub fn majority(comments: &[Comment]) -> Option<bool> {
    let yes = comments.iter().filter(|c| c.stance == Stance::For).count();
    let no = comments
        .iter()
        .filter(|c| c.stance == Stance::Against)
        .count();
    match yes.cmp(&no) {
        std::cmp::Ordering::Greater => Some(true),
        std::cmp::Ordering::Less => Some(false),
        std::cmp::Ordering::Equal => None,
    }
}

/// Whether the decision goes against the majority of comments.
pub fn against_majority(comments: &[Comment], adopted: bool) -> bool {
    majority(comments).is_some_and(|m| m != adopted)
}

/// Checks the closing: after the window, with a summary and a decision, and with reasons when
/// the decision goes against the majority (Điều 28 khoản 4).
pub fn check_close(
    c: &Consultation,
    comments: &[Comment],
    adopted: bool,
    summary: &str,
    decision: &str,
    explanation: &str,
    today: NaiveDate,
) -> Result<(), String> {
    if c.closed_on.is_some() {
        return Err("Cuộc lấy ý kiến đã kết thúc.".into());
    }
    if today <= c.closes_on {
        return Err(format!(
            "Thời gian lấy ý kiến kéo dài đến hết ngày {}: chưa thể kết thúc trước thời hạn.",
            format_date(c.closes_on)
        ));
    }
    if summary.trim().is_empty() {
        return Err("Tổng hợp ý kiến: không được để trống (Điều 28).".into());
    }
    if decision.trim().is_empty() {
        return Err("Quyết định của cơ quan có thẩm quyền: không được để trống.".into());
    }
    if against_majority(comments, adopted) && explanation.trim().is_empty() {
        let yes = comments.iter().filter(|c| c.stance == Stance::For).count();
        let no = comments
            .iter()
            .filter(|c| c.stance == Stance::Against)
            .count();
        return Err(format!(
            "Giải trình: quyết định khác với ý kiến của đa số ({yes} ý kiến đồng ý, {no} ý kiến \
             không đồng ý) nên phải nêu rõ lý do (Điều 28 khoản 4 Luật Thực hiện dân chủ ở cơ sở)."
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap()
    }

    fn consultation() -> Consultation {
        Consultation {
            id: 1,
            commune_id: 1,
            title: "Dự thảo quy hoạch điểm dân cư thôn Nam".into(),
            topic: Topic::ConstructionPlan,
            village_id: None,
            channels: vec![Channel::Meeting, Channel::Portal],
            published_on: day(10, 1),
            closes_on: day(10, 21),
            draft_name: String::new(),
            summary: String::new(),
            decision: String::new(),
            adopted: None,
            explanation: String::new(),
            closed_on: None,
        }
    }

    fn comment(stance: Stance) -> Comment {
        Comment {
            id: 0,
            consultation_id: 1,
            on: day(10, 5),
            who: "Ông A".into(),
            village_id: None,
            text: "Ý kiến".into(),
            stance,
        }
    }

    /// Điều 28 khoản 2: "thời gian lấy ý kiến ... ít nhất là 20 ngày": published 01/10 may
    /// close on 21/10, not on 20/10.
    #[test]
    fn the_window_is_at_least_twenty_days() {
        let cal = Calendar::new();
        assert!(check_window(&cal, day(10, 1), day(10, 21)).is_ok());
        let e = check_window(&cal, day(10, 1), day(10, 20)).unwrap_err();
        assert!(
            e.contains("chỉ có 19 ngày") && e.contains("21/10/2025"),
            "{e}"
        );
    }

    #[test]
    fn an_open_window_is_never_shortened() {
        let cal = Calendar::new();
        let before = consultation();
        let mut longer = before.clone();
        longer.closes_on = day(10, 30);
        assert!(check(&cal, Some(&before), &longer, day(10, 10)).is_ok());
        let mut shorter = longer.clone();
        shorter.closes_on = day(10, 25);
        assert!(check(&cal, Some(&longer), &shorter, day(10, 10))
            .unwrap_err()
            .contains("Không rút ngắn"));
        let mut none = before.clone();
        none.channels.clear();
        assert!(check(&cal, None, &none, day(10, 10)).is_err());
    }

    /// Điều 28 khoản 4: a decision against the majority gives its reasons.
    #[test]
    fn closing_against_the_majority_needs_reasons() {
        let c = consultation();
        let comments = vec![
            comment(Stance::Against),
            comment(Stance::Against),
            comment(Stance::For),
        ];
        assert_eq!(majority(&comments), Some(false));
        let e = check_close(
            &c,
            &comments,
            true,
            "Tổng hợp",
            "Thông qua",
            "",
            day(10, 22),
        )
        .unwrap_err();
        assert!(
            e.contains("Điều 28 khoản 4") && e.contains("1 ý kiến đồng ý, 2 ý kiến"),
            "{e}"
        );
        assert!(check_close(
            &c,
            &comments,
            true,
            "Tổng hợp",
            "Thông qua",
            "Vì lý do an toàn",
            day(10, 22)
        )
        .is_ok());
        assert!(check_close(
            &c,
            &comments,
            false,
            "Tổng hợp",
            "Không thông qua",
            "",
            day(10, 22)
        )
        .is_ok());
        assert!(
            check_close(&c, &comments, false, "Tổng hợp", "X", "", day(10, 21))
                .unwrap_err()
                .contains("chưa thể kết thúc")
        );
        assert!(check_close(&c, &comments, false, "", "X", "", day(10, 22)).is_err());
    }
}

//! Who is competent to resolve a matter after the 2025 reform (no district level), and whether
//! the commune must transfer it, within which time limit (residents-voice-rules §2.1).

use chrono::NaiveDate;
use serde::Serialize;

use super::kind::MatterKind;

/// The law's answer to "who resolves it".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Resolver {
    CommuneChairman,
    ProvincialChairman,
    /// The body whose management function the matter falls under (Luật Tố cáo Điều 41), or
    /// another body outside the commune.
    CompetentBody,
    /// Signs of a crime: police or procuracy, at once (Luật Tố cáo Điều 27).
    Police,
}

impl Resolver {
    pub fn label(self) -> &'static str {
        match self {
            Resolver::CommuneChairman => "Chủ tịch UBND xã",
            Resolver::ProvincialChairman => "Chủ tịch UBND tỉnh",
            Resolver::CompetentBody => "Cơ quan, tổ chức có thẩm quyền",
            Resolver::Police => "Cơ quan điều tra hoặc Viện kiểm sát",
        }
    }
}

/// The facts the router looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoutingFacts {
    pub kind: MatterKind,
    pub round: u8,
    pub received_on: NaiveDate,
    /// Against the commune chairman or a vice-chairman.
    pub against_leadership: bool,
    /// About a body or a field outside the commune's management.
    pub outside_commune: bool,
    pub signs_of_crime: bool,
}

/// The suggestion shown to the officer, with its legal basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub resolver: Resolver,
    /// The commune must send it on (once per content).
    pub transfer: bool,
    /// The papi-calendar rule the transfer (or the notice of non-acceptance) must meet.
    pub rule_id: Option<String>,
    pub basis: String,
    /// OK, or UNCONF where the law in force on that date is not known.
    pub status: &'static str,
}

/// From 01/07/2026 Luật 136/2025/QH15 moves second complaints and denunciations against the
/// commune leadership to the provincial chairman.
fn reform_in_force(d: NaiveDate) -> bool {
    d >= NaiveDate::from_ymd_opt(2026, 7, 1).expect("valid date")
}

pub fn route(f: RoutingFacts) -> Suggestion {
    let after = reform_in_force(f.received_on);
    if f.signs_of_crime {
        return Suggestion {
            resolver: Resolver::Police,
            transfer: true,
            rule_id: None,
            basis: "Luật Tố cáo 2018, Điều 27: có dấu hiệu tội phạm thì chuyển ngay hồ sơ cho \
                    Cơ quan điều tra hoặc Viện kiểm sát."
                .into(),
            status: "OK",
        };
    }
    if f.outside_commune {
        let (rule, basis) = match f.kind {
            MatterKind::Denunciation => (
                "TC-TRANSFER",
                "Luật Tố cáo 2018, Điều 24 khoản 2 và Điều 41: chuyển cho cơ quan có thẩm quyền \
                 và báo người tố cáo trong 05 ngày làm việc.",
            ),
            MatterKind::Complaint => (
                if f.round >= 2 {
                    "KN-THULY-2"
                } else {
                    "KN-THULY-1"
                },
                "Luật Khiếu nại 2011, Điều 11 và Điều 27: không thụ lý, hướng dẫn người khiếu nại \
                 gửi đến cơ quan có thẩm quyền trong thời hạn thụ lý.",
            ),
            MatterKind::Feedback => (
                "TCD-REPLY",
                "Luật Tiếp công dân 2013, Điều 28 khoản 1: trả lời trong 10 ngày làm việc, nêu \
                 cơ quan có thẩm quyền.",
            ),
        };
        return Suggestion {
            resolver: Resolver::CompetentBody,
            transfer: true,
            rule_id: Some(rule.into()),
            basis: basis.into(),
            status: "OK",
        };
    }
    let provincial = |basis: &str, ok: bool| Suggestion {
        resolver: Resolver::ProvincialChairman,
        transfer: true,
        rule_id: Some(
            match f.kind {
                MatterKind::Denunciation => "TC-TRANSFER",
                _ => "KN-THULY-2",
            }
            .into(),
        ),
        basis: basis.to_string(),
        status: if ok { "OK" } else { "UNCONF" },
    };
    match f.kind {
        MatterKind::Complaint if f.round >= 2 => provincial(
            if after {
                "Luật Khiếu nại 2011, Điều 21 khoản 2 (sửa đổi bởi Luật 136/2025/QH15): Chủ tịch \
                 UBND tỉnh giải quyết khiếu nại lần hai đối với quyết định của Chủ tịch UBND xã."
            } else {
                "Từ 01/7/2025 không còn cấp huyện; chưa thấy văn bản giao thẩm quyền giải quyết \
                 khiếu nại lần hai trước 01/7/2026 — hỏi UBND tỉnh."
            },
            after,
        ),
        MatterKind::Denunciation if f.against_leadership => provincial(
            if after {
                "Luật Tố cáo 2018, Điều 13 khoản 4 điểm a (sửa đổi bởi Luật 136/2025/QH15): Chủ \
                 tịch UBND tỉnh giải quyết tố cáo đối với Chủ tịch, Phó Chủ tịch UBND xã."
            } else {
                "Trước 01/7/2026 thẩm quyền thuộc Chủ tịch UBND cấp huyện (Điều 13 khoản 2 cũ), \
                 cấp huyện đã kết thúc hoạt động — hỏi UBND tỉnh."
            },
            after,
        ),
        MatterKind::Complaint => Suggestion {
            resolver: Resolver::CommuneChairman,
            transfer: false,
            rule_id: Some("KN-THULY-1".into()),
            basis:
                "Luật Khiếu nại 2011, Điều 17 (sửa đổi bởi Luật 136/2025/QH15): Chủ tịch UBND xã \
                    giải quyết khiếu nại lần đầu."
                    .into(),
            status: "OK",
        },
        MatterKind::Denunciation => Suggestion {
            resolver: Resolver::CommuneChairman,
            transfer: false,
            rule_id: Some("TC-RECEIVE".into()),
            basis: "Luật Tố cáo 2018, Điều 13 khoản 1 (sửa đổi bởi Luật 136/2025/QH15): Chủ tịch \
                    UBND xã giải quyết tố cáo đối với cán bộ, công chức do mình quản lý trực tiếp."
                .into(),
            status: "OK",
        },
        MatterKind::Feedback => Suggestion {
            resolver: Resolver::CommuneChairman,
            transfer: false,
            rule_id: None,
            basis:
                "Luật Thực hiện dân chủ ở cơ sở 2022, Điều 35 khoản 2: UBND xã tiếp nhận và trả \
                    lời kịp thời phản ánh, kiến nghị."
                    .into(),
            status: "OK",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(kind: MatterKind) -> RoutingFacts {
        RoutingFacts {
            kind,
            round: 1,
            received_on: NaiveDate::from_ymd_opt(2026, 8, 3).unwrap(),
            against_leadership: false,
            outside_commune: false,
            signs_of_crime: false,
        }
    }

    #[test]
    fn the_commune_chairman_resolves_first_complaints_and_staff_denunciations() {
        assert_eq!(
            route(facts(MatterKind::Complaint)).resolver,
            Resolver::CommuneChairman
        );
        assert!(!route(facts(MatterKind::Denunciation)).transfer);
    }

    #[test]
    fn the_province_resolves_second_complaints_and_denunciations_of_the_leadership() {
        let mut f = facts(MatterKind::Complaint);
        f.round = 2;
        let s = route(f);
        assert_eq!(s.resolver, Resolver::ProvincialChairman);
        assert!(s.basis.contains("Điều 21"));
        let mut f = facts(MatterKind::Denunciation);
        f.against_leadership = true;
        assert_eq!(route(f).rule_id.as_deref(), Some("TC-TRANSFER"));
        // Before the reform the law in force is not known: flagged, not guessed.
        f.received_on = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(route(f).status, "UNCONF");
    }

    #[test]
    fn crime_goes_to_the_police_and_outside_matters_to_the_competent_body() {
        let mut f = facts(MatterKind::Denunciation);
        f.signs_of_crime = true;
        f.against_leadership = true;
        assert_eq!(route(f).resolver, Resolver::Police);
        let mut f = facts(MatterKind::Feedback);
        f.outside_commune = true;
        assert_eq!(route(f).rule_id.as_deref(), Some("TCD-REPLY"));
    }
}

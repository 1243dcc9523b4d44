//! What the commune must disclose: the 14 groups of Luật 10/2022/QH15 Điều 11 in the law's own
//! numbering, and the plan's items that need a register entry with their legal bases
//! (the plan's items 1.2.a–d, 1.4.a, 1.5.c), each placed in the group whose rules it follows.

use serde::{Deserialize, Serialize};

/// The 14 groups of Điều 11, numbered as the law numbers its clauses.
pub const GROUPS: [(u8, &str); 14] = [
    (1, "Kế hoạch phát triển kinh tế - xã hội hằng năm, phương án chuyển dịch cơ cấu kinh tế và kết quả thực hiện"),
    (2, "Dự toán, thực hiện và quyết toán ngân sách (quý, 6 tháng, năm), hoạt động tài chính khác và kiến nghị của Kiểm toán nhà nước"),
    (3, "Dự án, công trình đầu tư và tiến độ; phương án thu hồi đất, bồi thường, tái định cư; quỹ đất công ích; quy hoạch xây dựng, điểm dân cư nông thôn"),
    (4, "Quy chế thực hiện dân chủ ở cơ sở; nhiệm vụ, quyền hạn của cán bộ, công chức xã và người hoạt động ở thôn; quy tắc ứng xử"),
    (5, "Quản lý, sử dụng các loại quỹ, khoản đầu tư, tài trợ; các khoản huy động Nhân dân đóng góp"),
    (6, "Đầu tư, mua sắm, thuê, thanh lý tài sản công"),
    (7, "Chính sách hỗ trợ, trợ cấp, tín dụng: tiêu chuẩn, quy trình bình xét và kết quả"),
    (8, "Hỗ trợ khắc phục thiên tai, dịch bệnh và việc phân bổ; các khoản vận động, quyên góp tự nguyện"),
    (9, "Chỉ tiêu, danh sách gọi nhập ngũ, thực hiện nghĩa vụ công an; tạm hoãn, miễn"),
    (10, "Kết quả thanh tra, kiểm tra; xử lý tham nhũng, tiêu cực, kỷ luật cán bộ xã và thôn; kết quả lấy phiếu tín nhiệm"),
    (11, "Kế hoạch, nội dung lấy ý kiến Nhân dân, kết quả tổng hợp và việc giải trình (Điều 25)"),
    (12, "Các khoản phí, lệ phí và nghĩa vụ tài chính khác do xã thu"),
    (13, "Thủ tục hành chính do xã giải quyết"),
    (14, "Nội dung khác theo quy định của pháp luật và quy chế thực hiện dân chủ của xã"),
];

/// The title of group `n` of Điều 11; `None` outside 1–14.
pub fn group_title(n: u8) -> Option<&'static str> {
    GROUPS.iter().find(|(g, _)| *g == n).map(|(_, t)| *t)
}

/// The plan's own items to disclose. Each belongs to a group of Điều 11 (whose forms and
/// durations apply) unless a sector law sets its own time (land, budget, poor households).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// 1.2.a: the chairman's phone number and e-mail.
    ChairmanContacts,
    /// 1.2.b: the list of poor and near-poor households.
    PoorHouseholds,
    /// 1.2.c: the budget estimate, approved estimate, final accounts (the year).
    BudgetYear,
    /// 1.2.c: budget execution of a quarter, 6 or 9 months.
    BudgetQuarter,
    /// 1.2.d: the land-use plan, published for the whole plan period.
    LandUsePlan,
    /// 1.5.c: administrative procedures and their fees at the one-stop desk.
    Procedures,
    /// 1.5.c: the address for feedback on administrative regulations.
    FeedbackAddress,
    /// 1.4.a: the annual anti-corruption report.
    AntiCorruption,
}

impl Topic {
    pub const ALL: [Topic; 8] = [
        Topic::ChairmanContacts,
        Topic::PoorHouseholds,
        Topic::BudgetYear,
        Topic::BudgetQuarter,
        Topic::LandUsePlan,
        Topic::Procedures,
        Topic::FeedbackAddress,
        Topic::AntiCorruption,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Topic::ChairmanContacts => "chairman_contacts",
            Topic::PoorHouseholds => "poor_households",
            Topic::BudgetYear => "budget_year",
            Topic::BudgetQuarter => "budget_quarter",
            Topic::LandUsePlan => "land_use_plan",
            Topic::Procedures => "procedures",
            Topic::FeedbackAddress => "feedback_address",
            Topic::AntiCorruption => "anti_corruption",
        }
    }

    pub fn parse(code: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.code() == code)
    }

    /// What a person reads, with the plan's item number.
    pub fn label(self) -> &'static str {
        match self {
            Topic::ChairmanContacts => "Số điện thoại, thư điện tử của Chủ tịch UBND xã (1.2.a)",
            Topic::PoorHouseholds => "Danh sách hộ nghèo, hộ cận nghèo (1.2.b)",
            Topic::BudgetYear => "Ngân sách xã: dự toán, quyết toán năm (1.2.c)",
            Topic::BudgetQuarter => "Ngân sách xã: thực hiện quý, 6 tháng, 9 tháng (1.2.c)",
            Topic::LandUsePlan => "Kế hoạch sử dụng đất (1.2.d)",
            Topic::Procedures => "Thủ tục hành chính, phí, lệ phí tại Bộ phận một cửa (1.5.c)",
            Topic::FeedbackAddress => {
                "Địa chỉ tiếp nhận phản ánh, kiến nghị về quy định hành chính (1.5.c)"
            }
            Topic::AntiCorruption => "Báo cáo công tác phòng, chống tham nhũng năm (1.4.a)",
        }
    }

    /// The group of Điều 11 whose forms and durations the item follows.
    pub fn group(self) -> u8 {
        match self {
            Topic::ChairmanContacts => 14,
            Topic::PoorHouseholds => 7,
            Topic::BudgetYear | Topic::BudgetQuarter => 2,
            Topic::LandUsePlan => 3,
            Topic::Procedures | Topic::FeedbackAddress => 13,
            Topic::AntiCorruption => 10,
        }
    }

    /// The legal basis proposed for a new entry (the user may refine it).
    pub fn legal_basis(self) -> &'static str {
        match self {
            Topic::ChairmanContacts => "Kế hoạch cải thiện chỉ số PAPI của xã, mục 1.2.a; Luật 10/2022/QH15 Điều 11 khoản 14",
            Topic::PoorHouseholds => "Luật 10/2022/QH15 Điều 11 khoản 7; Quyết định 24/2021/QĐ-TTg Điều 4",
            Topic::BudgetYear | Topic::BudgetQuarter => "Luật Ngân sách nhà nước 89/2025/QH15 Điều 15; Luật 10/2022/QH15 Điều 11 khoản 2",
            Topic::LandUsePlan => "Luật Đất đai 2024 (31/2024/QH15) Điều 75; Luật 10/2022/QH15 Điều 11 khoản 3",
            Topic::Procedures => "Luật 10/2022/QH15 Điều 11 khoản 12, 13",
            Topic::FeedbackAddress => "Nghị định 20/2008/NĐ-CP Điều 13; Thông tư 02/2017/TT-VPCP",
            Topic::AntiCorruption => "Luật Phòng, chống tham nhũng 2018 Điều 16 khoản 5; Luật 10/2022/QH15 Điều 11 khoản 10",
        }
    }
}

/// Groups 1–3 and 5–12 are posted at the commune office and in the villages (Đ.13 k.2).
pub fn posted_at_office_and_villages(group: u8) -> bool {
    matches!(group, 1..=3 | 5..=12)
}

/// Groups 4 and 13 stay posted permanently (Đ.13 k.2 ¶2); a land-use plan stays public for the
/// whole plan period (Luật Đất đai 2024 Điều 75), which the register treats the same way.
pub fn permanent(group: u8, topic: Option<Topic>) -> bool {
    matches!(group, 4 | 13) || topic == Some(Topic::LandUsePlan)
}

/// Groups 7–12 go on the commune loudspeakers (Đ.13 k.3) and through the village heads (Đ.13 k.4).
pub fn broadcast_and_village_heads(group: u8) -> bool {
    matches!(group, 7..=12)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fourteen_groups_in_the_laws_order() {
        let numbers: Vec<u8> = GROUPS.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, (1..=14).collect::<Vec<u8>>());
        assert!(group_title(0).is_none() && group_title(15).is_none());
        assert!(group_title(13).unwrap().starts_with("Thủ tục hành chính"));
    }

    #[test]
    fn which_groups_need_which_forms() {
        // Đ.13 k.2: 1–3 and 5–12 posted at the office and in the villages; 4 and 13 permanently.
        for g in 1..=14u8 {
            assert_eq!(
                posted_at_office_and_villages(g),
                !matches!(g, 4 | 13 | 14),
                "{g}"
            );
            assert_eq!(permanent(g, None), matches!(g, 4 | 13), "{g}");
            // Đ.13 k.3–4: loudspeakers and village heads for 7–12.
            assert_eq!(broadcast_and_village_heads(g), (7..=12).contains(&g), "{g}");
        }
        assert!(permanent(3, Some(Topic::LandUsePlan)));
    }

    #[test]
    fn topics_round_trip_and_sit_in_a_group() {
        for t in Topic::ALL {
            assert_eq!(Topic::parse(t.code()), Some(t));
            assert!(group_title(t.group()).is_some());
        }
    }
}

//! Checklist templates and the verdict on each criterion. The templates are what seed 1.4.b,
//! 1.5.b and II.4 ask the commune to check: the one-stop desk (QĐ 766's measurable on-time
//! rate; the apology slip for each late file, rule OSS-APOLOGY; posted procedures and fees),
//! disclosure postings (Luật 10/2022/QH15 Đ.11–13) and the citizen-reception registers (Luật
//! Tiếp công dân 2013 Đ.24, Đ.26). Each check gets its own editable copy.

use serde::Serialize;

/// Which template a check starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChecklistKind {
    OneStopDesk,
    Disclosure,
    Reception,
    /// No template: criteria typed by the inspector.
    Other,
}

impl ChecklistKind {
    pub const ALL: [ChecklistKind; 4] = [
        ChecklistKind::OneStopDesk,
        ChecklistKind::Disclosure,
        ChecklistKind::Reception,
        ChecklistKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ChecklistKind::OneStopDesk => "one_stop_desk",
            ChecklistKind::Disclosure => "disclosure",
            ChecklistKind::Reception => "reception",
            ChecklistKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<ChecklistKind> {
        ChecklistKind::ALL
            .into_iter()
            .find(|k| k.code() == s.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            ChecklistKind::OneStopDesk => "Bộ phận một cửa",
            ChecklistKind::Disclosure => "Niêm yết, công khai thông tin",
            ChecklistKind::Reception => "Tiếp công dân, sổ tiếp công dân",
            ChecklistKind::Other => "Nội dung khác",
        }
    }

    /// The template's criteria, in order.
    pub fn template(self) -> &'static [&'static str] {
        match self {
            ChecklistKind::OneStopDesk => &[
                "Tỷ lệ hồ sơ giải quyết đúng hạn trong kỳ (ghi số hồ sơ đúng hạn / tổng số hồ sơ)",
                "Mỗi hồ sơ trễ hạn có \"Phiếu xin lỗi và hẹn lại ngày trả kết quả\" gửi trước ngày hẹn trả (quy tắc OSS-APOLOGY)",
                "Niêm yết công khai đầy đủ thủ tục hành chính đang thực hiện tại Bộ phận một cửa",
                "Niêm yết mức phí, lệ phí của từng thủ tục",
                "Sổ theo dõi hồ sơ được cập nhật đầy đủ",
                "Công chức đeo thẻ, có mặt đúng giờ làm việc",
            ],
            ChecklistKind::Disclosure => &[
                "Các nhóm thông tin phải công khai (Luật 10/2022/QH15 Điều 11) đã được niêm yết",
                "Thời gian niêm yết ít nhất 30 ngày liên tục (Điều 13 khoản 2); nhóm 4 và 13 niêm yết thường xuyên",
                "Công khai trong thời hạn 05 ngày làm việc kể từ ngày văn bản được ban hành (Điều 12 khoản 3)",
                "Có biên bản niêm yết, kết thúc niêm yết",
            ],
            ChecklistKind::Reception => &[
                "Sổ tiếp công dân được mở và ghi đầy đủ (Luật Tiếp công dân Điều 26)",
                "Lịch tiếp công dân của Chủ tịch UBND xã được niêm yết công khai (Điều 24)",
                "Chủ tịch UBND xã tiếp công dân định kỳ ít nhất 01 ngày trong tháng",
                "Đơn nhận qua tiếp công dân được phân loại, xử lý và trả lời đúng thời hạn",
            ],
            ChecklistKind::Other => &[],
        }
    }

    /// A fresh copy of the template for a check (ids 0 until stored).
    pub fn criteria(self, inspection_id: i64) -> Vec<Criterion> {
        self.template()
            .iter()
            .enumerate()
            .map(|(n, text)| Criterion {
                id: 0,
                inspection_id,
                position: n as i64 + 1,
                text: (*text).to_string(),
                verdict: Verdict::Unanswered,
                note: String::new(),
                file_name: None,
            })
            .collect()
    }
}

/// The verdict on one criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Unanswered,
    Met,
    NotMet,
    NotApplicable,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Unanswered => "",
            Verdict::Met => "met",
            Verdict::NotMet => "not_met",
            Verdict::NotApplicable => "na",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        match s.trim() {
            "" => Some(Verdict::Unanswered),
            "met" => Some(Verdict::Met),
            "not_met" => Some(Verdict::NotMet),
            "na" => Some(Verdict::NotApplicable),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Verdict::Unanswered => "Chưa đánh giá",
            Verdict::Met => "Đạt",
            Verdict::NotMet => "Không đạt",
            Verdict::NotApplicable => "Không áp dụng",
        }
    }
}

/// One criterion of a check's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Criterion {
    pub id: i64,
    pub inspection_id: i64,
    pub position: i64,
    pub text: String,
    pub verdict: Verdict,
    /// The evidence seen, as the inspector notes it.
    pub note: String,
    /// The name of the attached evidence file, if any.
    pub file_name: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_stop_template_asks_for_the_apology_slips_and_posted_fees() {
        let c = ChecklistKind::OneStopDesk.criteria(3);
        assert!(c
            .iter()
            .any(|c| c.text.contains("Phiếu xin lỗi và hẹn lại ngày trả kết quả")));
        assert!(c.iter().any(|c| c.text.contains("lệ phí")));
        assert!(c.iter().any(|c| c.text.contains("đúng hạn")));
        assert_eq!(c[0].position, 1);
        assert!(c
            .iter()
            .all(|c| c.verdict == Verdict::Unanswered && c.inspection_id == 3));
    }

    #[test]
    fn codes_round_trip() {
        for k in ChecklistKind::ALL {
            assert_eq!(ChecklistKind::parse(k.code()), Some(k));
        }
        for v in [
            Verdict::Unanswered,
            Verdict::Met,
            Verdict::NotMet,
            Verdict::NotApplicable,
        ] {
            assert_eq!(Verdict::parse(v.code()), Some(v));
        }
        assert_eq!(Verdict::parse("maybe"), None);
    }
}

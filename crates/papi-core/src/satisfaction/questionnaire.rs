//! A satisfaction questionnaire as data: factors (yếu tố), each with items answered on the
//! 5-point scale (rất không hài lòng … rất hài lòng) or as a yes/no statement (nhận định).
//! Three built-in templates follow the public sources in the reference notes; an item whose
//! wording is recalled rather than read in the source carries `to_check` so the page can say
//! so until someone checks it against the appendix of the decision.

use serde::{Deserialize, Serialize};

/// How an item is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// 1 = rất không hài lòng … 5 = rất hài lòng; 4 and 5 count as satisfied.
    Likert5,
    /// A statement the resident says is true (1) or not (0).
    YesNo,
}

impl ItemKind {
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Likert5 => "likert5",
            ItemKind::YesNo => "yes_no",
        }
    }
}

/// The five answers of the satisfaction scale, 1 to 5.
pub const LIKERT5: [&str; 5] = [
    "Rất không hài lòng",
    "Không hài lòng",
    "Bình thường",
    "Hài lòng",
    "Rất hài lòng",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Unique within the questionnaire; the key of the answer.
    pub code: String,
    pub text: String,
    pub kind: ItemKind,
    /// The wording comes from memory of the decision, not from its text: check before use.
    #[serde(default)]
    pub to_check: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    pub code: String,
    pub title: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    /// Where the questionnaire comes from ("QĐ 2640/QĐ-BNV", "Biểu mẫu của xã").
    pub source: String,
    pub factors: Vec<Factor>,
}

impl Questionnaire {
    /// Every item, with the index of its factor.
    pub fn items(&self) -> impl Iterator<Item = (usize, &Item)> {
        self.factors
            .iter()
            .enumerate()
            .flat_map(|(f, x)| x.items.iter().map(move |i| (f, i)))
    }

    /// At least one satisfaction item; codes unique and not empty; no empty factor.
    pub fn check(&self) -> Result<(), String> {
        let mut seen = std::collections::HashSet::new();
        for f in &self.factors {
            if f.items.is_empty() {
                return Err(format!("Yếu tố «{}» chưa có câu hỏi nào.", f.title));
            }
            for i in &f.items {
                if i.code.trim().is_empty() || i.text.trim().is_empty() {
                    return Err(format!(
                        "Yếu tố «{}»: mỗi câu hỏi cần mã và nội dung.",
                        f.title
                    ));
                }
                if !seen.insert(i.code.as_str()) {
                    return Err(format!("Mã câu hỏi «{}» bị trùng.", i.code));
                }
            }
        }
        if !self.items().any(|(_, i)| i.kind == ItemKind::Likert5) {
            return Err("Phiếu cần ít nhất một câu hỏi theo thang 5 mức hài lòng.".into());
        }
        Ok(())
    }

    /// The item with this code.
    pub fn item(&self, code: &str) -> Option<&Item> {
        self.items().map(|(_, i)| i).find(|i| i.code == code)
    }

    /// Whether any item's wording still needs checking against its source.
    pub fn has_unchecked(&self) -> bool {
        self.items().any(|(_, i)| i.to_check)
    }
}

fn likert(code: &str, text: &str, to_check: bool) -> Item {
    Item {
        code: code.into(),
        text: text.into(),
        kind: ItemKind::Likert5,
        to_check,
    }
}

fn yes_no(code: &str, text: &str, to_check: bool) -> Item {
    Item {
        code: code.into(),
        text: text.into(),
        kind: ItemKind::YesNo,
        to_check,
    }
}

fn factor(code: &str, title: &str, items: Vec<Item>) -> Factor {
    Factor {
        code: code.into(),
        title: title.into(),
        items,
    }
}

/// The built-in questionnaire for a kind of service.
pub fn template(kind: super::ServiceKind) -> Questionnaire {
    use super::ServiceKind::*;
    match kind {
        OneStopDesk | Other => one_stop_desk(),
        HealthStation => health_station(),
        School => school(),
    }
}

/// The one-stop desk after the five factors of QĐ 2640/QĐ-BNV (2017). Items read in public
/// summaries of the scheme are plain; the rest are marked to check against its appendix.
pub fn one_stop_desk() -> Questionnaire {
    Questionnaire {
        source: "Theo 5 yếu tố của QĐ 2640/QĐ-BNV ngày 10/10/2017 (SIPAS)".into(),
        factors: vec![
            factor(
                "tiep_can",
                "Tiếp cận dịch vụ",
                vec![
                    likert("tc1", "Nơi ngồi chờ có đủ chỗ ngồi", false),
                    likert("tc2", "Trang thiết bị đầy đủ, dễ sử dụng", false),
                    likert("tc3", "Biển chỉ dẫn, nơi làm thủ tục dễ tìm", true),
                ],
            ),
            factor(
                "thu_tuc",
                "Thủ tục hành chính",
                vec![
                    likert("tt1", "Thủ tục được niêm yết công khai, đầy đủ", false),
                    likert("tt2", "Thành phần hồ sơ đúng quy định", true),
                    likert("tt3", "Phí, lệ phí đúng quy định", true),
                    likert(
                        "tt4",
                        "Thời hạn giải quyết (từ khi nộp đến khi nhận kết quả) đúng quy định",
                        false,
                    ),
                ],
            ),
            factor(
                "cong_chuc",
                "Công chức trực tiếp giải quyết công việc",
                vec![
                    likert("cc1", "Công chức có thái độ lịch sự", false),
                    likert("cc2", "Công chức trả lời đầy đủ các câu hỏi", false),
                    likert("cc3", "Công chức hướng dẫn kê khai hồ sơ tận tình", false),
                    likert("cc4", "Công chức tuân thủ đúng quy định", false),
                    yes_no("cc5", "Không bị gây phiền hà, sách nhiễu", true),
                ],
            ),
            factor(
                "ket_qua",
                "Kết quả cung ứng dịch vụ",
                vec![
                    likert("kq1", "Kết quả đúng quy định", true),
                    likert("kq2", "Kết quả có thông tin đầy đủ, chính xác", true),
                ],
            ),
            factor(
                "gop_y",
                "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
                vec![
                    likert("gy1", "Có bố trí hình thức tiếp nhận góp ý, phản ánh", true),
                    likert("gy2", "Việc góp ý, phản ánh dễ dàng", true),
                    likert(
                        "gy3",
                        "Góp ý, phản ánh được tiếp nhận, trả lời kịp thời",
                        false,
                    ),
                ],
            ),
        ],
    }
}

/// The commune health station, adapted from the outpatient form of QĐ 3869/QĐ-BYT (2019),
/// sections A–E. The sections are recalled, partly confirmed by a study using the tool; every
/// item is marked to check against the form.
pub fn health_station() -> Questionnaire {
    Questionnaire {
        source: "Phỏng theo phiếu người bệnh ngoại trú, QĐ 3869/QĐ-BYT ngày 28/8/2019".into(),
        factors: vec![
            factor(
                "a",
                "A. Khả năng tiếp cận",
                vec![
                    likert("a1", "Biển báo, chỉ dẫn đến các phòng dễ tìm", true),
                    likert("a2", "Thời gian chờ khám hợp lý", true),
                ],
            ),
            factor(
                "b",
                "B. Sự minh bạch thông tin và thủ tục khám bệnh, điều trị",
                vec![
                    likert("b1", "Quy trình, thủ tục khám được niêm yết rõ ràng", true),
                    likert("b2", "Giá dịch vụ, bảo hiểm y tế được công khai", true),
                ],
            ),
            factor(
                "c",
                "C. Cơ sở vật chất và phương tiện phục vụ người bệnh",
                vec![
                    likert("c1", "Nơi ngồi chờ đủ ghế, sạch sẽ", true),
                    likert("c2", "Nhà vệ sinh sạch sẽ, sử dụng tốt", true),
                ],
            ),
            factor(
                "d",
                "D. Thái độ ứng xử, năng lực chuyên môn của nhân viên y tế",
                vec![
                    likert("d1", "Nhân viên y tế lời nói, thái độ đúng mực", true),
                    likert("d2", "Được khám, tư vấn đầy đủ, dễ hiểu", true),
                ],
            ),
            factor(
                "e",
                "E. Kết quả cung cấp dịch vụ",
                vec![
                    likert("e1", "Kết quả khám, điều trị đáp ứng mong đợi", true),
                    yes_no("e2", "Sẽ quay lại hoặc giới thiệu người khác đến", true),
                ],
            ),
        ],
    }
}

/// A school, after the five contents of the education ministry's scheme (QĐ 3982/QĐ-BGDĐT
/// 2013; toolset QĐ 3476/QĐ-BGDĐT 2019), answered by parents. The items are placeholders
/// written from the contents' names: the form's own wording was not read.
pub fn school() -> Questionnaire {
    Questionnaire {
        source: "Theo 5 nội dung của Đề án đo lường sự hài lòng về dịch vụ giáo dục công (QĐ 3982/QĐ-BGDĐT)".into(),
        factors: vec![
            factor(
                "tiep_can",
                "Tiếp cận dịch vụ giáo dục",
                vec![
                    likert("tc1", "Thông tin tuyển sinh, thủ tục nhập học rõ ràng", true),
                    likert("tc2", "Các khoản đóng góp được công khai", true),
                ],
            ),
            factor(
                "co_so",
                "Cơ sở vật chất, trang thiết bị",
                vec![
                    likert("cs1", "Phòng học đủ ánh sáng, bàn ghế phù hợp", true),
                    likert("cs2", "Nhà vệ sinh, nước uống bảo đảm", true),
                ],
            ),
            factor(
                "moi_truong",
                "Môi trường giáo dục",
                vec![
                    likert("mt1", "Trường an toàn, thân thiện", true),
                    likert("mt2", "Nhà trường liên lạc thường xuyên với phụ huynh", true),
                ],
            ),
            factor(
                "hoat_dong",
                "Hoạt động giáo dục",
                vec![
                    likert("hd1", "Giáo viên tận tâm, phương pháp phù hợp", true),
                    likert("hd2", "Hoạt động ngoài giờ bổ ích", true),
                ],
            ),
            factor(
                "ket_qua",
                "Kết quả giáo dục",
                vec![
                    likert("kq1", "Con tiến bộ về học tập", true),
                    likert("kq2", "Con tiến bộ về đạo đức, kỹ năng sống", true),
                ],
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::satisfaction::ServiceKind;

    #[test]
    fn every_template_is_a_valid_questionnaire() {
        for k in ServiceKind::ALL {
            template(k).check().unwrap();
        }
        // QĐ 2640's five factors, in its order.
        let titles: Vec<String> = one_stop_desk()
            .factors
            .into_iter()
            .map(|f| f.title)
            .collect();
        assert_eq!(titles[0], "Tiếp cận dịch vụ");
        assert_eq!(
            titles[4],
            "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị"
        );
        assert!(one_stop_desk().has_unchecked());
    }

    #[test]
    fn duplicate_codes_and_empty_factors_are_refused_by_name() {
        let mut q = one_stop_desk();
        q.factors[1].items[0].code = "tc1".into();
        assert!(q.check().unwrap_err().contains("tc1"));
        let mut q = one_stop_desk();
        q.factors[2].items.clear();
        assert!(q.check().unwrap_err().contains("Công chức"));
    }
}

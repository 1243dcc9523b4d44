//! The eight PAPI dimensions (chỉ số nội dung), numbered as PAPI numbers them.

use serde::{Deserialize, Serialize};

use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Dimension(u8);

/// Official Vietnamese name, English name, and other wordings plans use for the same dimension.
const NAMES: [(&str, &str, &[&str]); 8] = [
    (
        "Tham gia của người dân ở cấp cơ sở",
        "Participation at local levels",
        &["tham gia cua nguoi dan"],
    ),
    (
        "Công khai, minh bạch trong việc ra quyết định ở địa phương",
        "Transparency in local decision-making",
        &[
            "cong khai, minh bach",
            "cong khai minh bach",
            "minh bach trong hoach dinh",
        ],
    ),
    (
        "Trách nhiệm giải trình với người dân",
        "Vertical accountability towards citizens",
        &["trach nhiem giai trinh"],
    ),
    (
        "Kiểm soát tham nhũng trong khu vực công",
        "Control of corruption in the public sector",
        &["kiem soat tham nhung", "phong, chong tham nhung"],
    ),
    (
        "Thủ tục hành chính công",
        "Public administrative procedures",
        &["thu tuc hanh chinh"],
    ),
    (
        "Cung ứng dịch vụ công",
        "Public service delivery",
        &["cung ung dich vu cong", "dich vu cong"],
    ),
    (
        "Quản trị môi trường",
        "Environmental governance",
        &["quan tri moi truong", "moi truong"],
    ),
    (
        "Quản trị điện tử",
        "E-governance",
        &["quan tri dien tu", "chinh quyen dien tu"],
    ),
];

impl Dimension {
    pub const COUNT: u8 = 8;

    pub fn new(n: u8) -> Option<Self> {
        (1..=Self::COUNT).contains(&n).then_some(Dimension(n))
    }

    pub fn all() -> impl Iterator<Item = Dimension> {
        (1..=Self::COUNT).map(Dimension)
    }

    pub fn number(self) -> u8 {
        self.0
    }

    pub fn name_vi(self) -> &'static str {
        NAMES[self.0 as usize - 1].0
    }

    /// The short name charts and narrow tables use.
    pub fn short_name_vi(self) -> &'static str {
        match self.0 {
            1 => "Tham gia",
            2 => "Công khai, minh bạch",
            3 => "Trách nhiệm giải trình",
            4 => "Kiểm soát tham nhũng",
            5 => "Thủ tục hành chính",
            6 => "Dịch vụ công",
            7 => "Môi trường",
            _ => "Quản trị điện tử",
        }
    }

    pub fn name_en(self) -> &'static str {
        NAMES[self.0 as usize - 1].1
    }

    /// Recognises a dimension from a heading or a name as plans write it, whatever the case,
    /// diacritics or numbering. Dimension 6 "dịch vụ công" is tried after 5 so that
    /// "thủ tục hành chính công" is not mistaken for it.
    pub fn from_name(text: &str) -> Option<Dimension> {
        let folded = fold(text);
        Dimension::all().find(|d| {
            let (vi, _, aliases) = NAMES[d.0 as usize - 1];
            folded.contains(&fold(vi)) || aliases.iter().any(|a| folded.contains(a))
        })
    }
}

impl TryFrom<u8> for Dimension {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, String> {
        Dimension::new(n).ok_or_else(|| format!("lĩnh vực {n} không tồn tại (chỉ có 1–8)"))
    }
}

impl From<Dimension> for u8 {
    fn from(d: Dimension) -> u8 {
        d.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_plan_wordings() {
        let d = |s| Dimension::from_name(s).map(Dimension::number);
        assert_eq!(
            d("1.1. Nội dung “Tham gia của người dân ở cấp cơ sở”"),
            Some(1)
        );
        assert_eq!(
            d("Công khai, minh bạch trong hoạch định chính sách"),
            Some(2)
        );
        assert_eq!(d("TRÁCH NHIỆM GIẢI TRÌNH VỚI NGƯỜI DÂN"), Some(3));
        assert_eq!(d("Kiểm soát tham nhũng trong khu vực công"), Some(4));
        assert_eq!(d("Thủ tục hành chính công"), Some(5));
        assert_eq!(d("Cung ứng dịch vụ công"), Some(6));
        assert_eq!(d("Quản trị môi trường"), Some(7));
        assert_eq!(d("Quản trị điện tử"), Some(8));
        assert_eq!(d("Mục đích, yêu cầu"), None);
    }

    #[test]
    fn numbers_are_bounded() {
        assert!(Dimension::new(0).is_none());
        assert!(Dimension::new(9).is_none());
        assert_eq!(Dimension::all().count(), 8);
    }
}

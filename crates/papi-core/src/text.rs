//! Vietnamese text folding: search and name matching ignore case and diacritics,
//! with `đ` folding to `d` (DESIGN.md §4 "Search").

use unicode_normalization::UnicodeNormalization;

/// Lower-cases, strips diacritics (`đ` → `d`) and collapses whitespace.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        out.extend(c.to_lowercase());
        last_space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// True when every word of `query` occurs in `text`, both folded.
pub fn matches(text: &str, query: &str) -> bool {
    let hay = fold(text);
    fold(query).split(' ').all(|w| hay.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_and_d() {
        assert_eq!(fold("Đảng ủy  Xã Lương Tài"), "dang uy xa luong tai");
        assert_eq!(fold("  Văn phòng\tUBND "), "van phong ubnd");
        assert_eq!(fold("Tư pháp - Hộ tịch"), "tu phap - ho tich");
    }

    #[test]
    fn matches_every_word() {
        assert!(matches("Công khai danh sách hộ nghèo", "ho ngheo"));
        assert!(matches("Đối thoại với nhân dân", "doi thoai"));
        assert!(!matches("Công khai danh sách hộ nghèo", "ngân sách"));
        assert!(matches("anything", ""));
    }
}

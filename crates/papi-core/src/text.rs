//! Vietnamese text folding: search and name matching ignore case and diacritics,
//! with `đ` folding to `d` (DESIGN.md §4 "Search").

use unicode_normalization::UnicodeNormalization;

/// Lower-cases, strips diacritics (`đ` → `d`) and collapses whitespace.
/// A name as shown to people: control characters and the invisible bidirectional controls
/// (U+202E RIGHT-TO-LEFT OVERRIDE makes `exe.pdf` read as `fdp.exe`) removed, ends trimmed.
pub fn visible(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .collect::<String>()
        .trim()
        .to_string()
}

/// The Unicode bidirectional formatting characters (UAX #9, table 1) and the Arabic letter mark.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The text with its first letter in capitals: "xã" → "Xã", for a label that opens a sentence.
pub fn capitalise_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Lower case without diacritics (đ → d) and with single spaces, to match what people type.
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
    fn visible_drops_controls_and_bidi_overrides() {
        assert_eq!(visible("hoa-don\u{202E}fdp.exe"), "hoa-donfdp.exe");
        assert_eq!(visible(" Nguyễn\u{0007} Văn\u{2067} A "), "Nguyễn Văn A");
        assert_eq!(visible("Biên bản.pdf"), "Biên bản.pdf");
    }

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

/// How long a text field may be, in characters (not bytes: "Ủy ban" is 6 characters, 9 bytes).
/// Longer input is refused with [`limits::check`]'s message, never cut silently.
pub mod limits {
    /// A title: a task's, a plan's, a report's.
    pub const TITLE: usize = 300;
    /// A name: a person's, a unit's, a village's, an account's; a document number.
    pub const NAME: usize = 200;
    /// A free text: a description, a progress note, a comment, a report section.
    pub const TEXT: usize = 20_000;

    /// `Ok` when `value` has at most `max` characters; otherwise the message to show, naming
    /// the field by its label.
    pub fn check(label: &str, value: &str, max: usize) -> Result<(), String> {
        let n = value.chars().count();
        if n <= max {
            return Ok(());
        }
        Err(format!(
            "Trường “{label}” dài {} ký tự, vượt giới hạn {} ký tự. Hãy rút gọn rồi gửi lại.",
            group(n),
            group(max)
        ))
    }

    /// 20000 → "20.000", as numbers are written in Vietnamese.
    fn group(n: usize) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(c);
        }
        out
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn counts_characters_not_bytes() {
            // 300 Vietnamese letters with diacritics are 300 characters but 600+ bytes.
            let title = "Ủ".repeat(300);
            assert!(title.len() > 600);
            assert_eq!(check("Tên nhiệm vụ", &title, TITLE), Ok(()));
            let longer = format!("{title}a");
            assert_eq!(
                check("Tên nhiệm vụ", &longer, TITLE),
                Err(
                    "Trường “Tên nhiệm vụ” dài 301 ký tự, vượt giới hạn 300 ký tự. \
                     Hãy rút gọn rồi gửi lại."
                        .into()
                )
            );
        }

        #[test]
        fn the_message_writes_thousands_the_vietnamese_way() {
            let text = "x".repeat(2_000_000);
            let e = check("Mô tả", &text, TEXT).unwrap_err();
            assert!(e.contains("dài 2.000.000 ký tự"), "{e}");
            assert!(e.contains("giới hạn 20.000 ký tự"), "{e}");
            assert_eq!(check("Họ tên", &"a".repeat(NAME), NAME), Ok(()));
            assert!(check("Họ tên", &"a".repeat(NAME + 1), NAME).is_err());
            assert_eq!(check("Mô tả", "", TEXT), Ok(()));
        }
    }
}

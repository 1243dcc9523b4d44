//! The text of a CSV file, whatever Excel or a phone saved it as: UTF-8 with or without a BOM,
//! UTF-16 (Excel's "Unicode Text") with its BOM, or — bytes that are not UTF-8 and carry no
//! BOM — Windows-1258, the Vietnamese code page Excel uses for "CSV" on a Vietnamese Windows.
//! Windows-1258 writes most tones as combining marks; the text is composed (NFC) so that it
//! compares equal to the same names typed anywhere else.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1258};
use unicode_normalization::UnicodeNormalization;

use super::grid::ReadError;
use crate::limits::{check_size, MAX_CSV_BYTES};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

/// `s.trim()`, quicker for the usual cell that starts and ends with a visible ASCII character
/// (a million-row import trims every value).
pub(crate) fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        [only] if only.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// The text of a CSV file of at most [`MAX_CSV_BYTES`], its BOM removed.
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ReadError> {
    check_size("tệp CSV", bytes.len(), MAX_CSV_BYTES)?;
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return utf8(rest).map(Cow::Borrowed);
    }
    if let Some(rest) = bytes.strip_prefix(UTF16LE_BOM) {
        return utf16(UTF_16LE, rest);
    }
    if let Some(rest) = bytes.strip_prefix(UTF16BE_BOM) {
        return utf16(UTF_16BE, rest);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) => {
            let (text, _) = WINDOWS_1258.decode_without_bom_handling(bytes);
            Ok(Cow::Owned(text.nfc().collect()))
        }
    }
}

/// A file that says it is UTF-8 (by its BOM) must be.
fn utf8(bytes: &[u8]) -> Result<&str, ReadError> {
    std::str::from_utf8(bytes).map_err(|e| {
        ReadError::new(format!(
            "tệp CSV phải lưu dạng UTF-8 (byte không hợp lệ ở vị trí {})",
            e.valid_up_to() + UTF8_BOM.len()
        ))
    })
}

fn utf16<'a>(encoding: &'static Encoding, bytes: &[u8]) -> Result<Cow<'a, str>, ReadError> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| Cow::Owned(t.into_owned()))
        .ok_or_else(|| ReadError::new("tệp CSV dạng UTF-16 bị hỏng (có byte không hợp lệ)"))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn trim_is_str_trim(s in "[ \\t\\n\\r\u{a0}\u{3000}a-zđ1.,]{0,6}") {
            prop_assert_eq!(trim(&s), s.trim());
        }
    }

    fn utf16_bytes(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            UTF16BE_BOM.to_vec()
        } else {
            UTF16LE_BOM.to_vec()
        };
        for unit in text.encode_utf16() {
            let b = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn every_encoding_gives_the_same_text() {
        let text = "thôn,giới tính\nĐông Xá,Nữ\n";
        let with_bom = [UTF8_BOM, text.as_bytes()].concat();
        assert_eq!(decode(text.as_bytes()).unwrap(), text);
        assert_eq!(decode(&with_bom).unwrap(), text);
        assert_eq!(decode(&utf16_bytes(text, false)).unwrap(), text);
        assert_eq!(decode(&utf16_bytes(text, true)).unwrap(), text);
        // Windows-1258: Đ = D0, ô = F4, ư = FD, combining tilde = DE
        assert_eq!(decode(b"\xD0\xF4ng,N\xFD\xDE\n").unwrap(), "Đông,Nữ\n");
    }

    #[test]
    fn windows_1258_tones_are_composed() {
        // "Nữ" as Windows-1258 writes it: N, u-horn (0xFD), combining tilde (0xDE)
        let t = decode(b"N\xFD\xDE").unwrap();
        assert_eq!(t, "Nữ");
        assert_eq!(t.chars().count(), 2);
    }

    #[test]
    fn broken_files_say_why() {
        let e = decode(b"\xEF\xBB\xBFa,\xFF").unwrap_err();
        assert_eq!(
            e.message,
            "tệp CSV phải lưu dạng UTF-8 (byte không hợp lệ ở vị trí 5)"
        );
        // a lone high surrogate
        let e = decode(b"\xFF\xFE\x00\xD8").unwrap_err();
        assert!(e.message.contains("UTF-16"), "{e}");
    }
}

//! The password policy (OWASP ASVS 2.1): at least 10 characters, not blank, and not guessable —
//! judged by zxcvbn, whose bundled lists hold the commonest passwords, words, names, keyboard
//! rows and dates, plus our own list of Vietnamese favourites and the account's own words
//! (username, full name, the commune). Refusals explain in Vietnamese what to change.

use zxcvbn::feedback::Warning;
use zxcvbn::Score;

/// The fewest characters a password may have.
pub const MIN_CHARS: usize = 10;

/// Words Vietnamese users often build passwords from; zxcvbn's lists are English.
const LOCAL_WORDS: &[&str] = &[
    "matkhau",
    "mat khau",
    "anhyeuem",
    "emyeuanh",
    "yeuem",
    "iloveyou",
    "vietnam",
    "hanoi",
    "saigon",
    "hochiminh",
    "ubnd",
    "uybannhandan",
    "xaphuong",
    "phuong",
    "papi",
    "quantri",
    "admin",
    "congchuc",
    "vanphong",
    "chutich",
    "thutruong",
    "canbo",
    "dangnhap",
    "123456a",
    "abc123",
    "qwerty",
    "bacninh",
    "luongtai",
    "ketoan",
    "demo",
];

/// Checks a new password; `own_words` are the account's username, full name and commune,
/// which a password must not be built from.
pub fn check_password(pw: &str, own_words: &[&str]) -> Result<(), String> {
    if pw.trim().is_empty() {
        return Err("Mật khẩu không được để trống hoặc chỉ có dấu cách.".into());
    }
    if pw.chars().count() < MIN_CHARS {
        return Err(format!("Mật khẩu phải có ít nhất {MIN_CHARS} ký tự."));
    }
    if pw.chars().any(char::is_control) {
        return Err("Mật khẩu không được chứa ký tự điều khiển.".into());
    }
    let mut inputs: Vec<&str> = LOCAL_WORDS.to_vec();
    let folded: Vec<String> = own_words
        .iter()
        .flat_map(|w| {
            let f = crate::text::fold(w);
            let joined = f.replace(' ', "");
            [f, joined]
        })
        .filter(|w| w.chars().count() >= 3)
        .collect();
    inputs.extend(folded.iter().map(String::as_str));
    let lowered = crate::text::fold(pw);
    if folded.iter().any(|w| lowered.contains(w.as_str())) {
        return Err("Mật khẩu không được chứa tên đăng nhập, họ tên hay tên xã.".into());
    }
    let verdict = zxcvbn::zxcvbn(pw, &inputs);
    if verdict.score() >= Score::Three {
        return Ok(());
    }
    let why = match verdict.feedback().and_then(|f| f.warning()) {
        Some(Warning::ThisIsATop10Password | Warning::ThisIsATop100Password) => {
            "đây là một trong những mật khẩu phổ biến nhất"
        }
        Some(Warning::ThisIsACommonPassword | Warning::ThisIsSimilarToACommonlyUsedPassword) => {
            "mật khẩu này (hoặc gần giống) nằm trong danh sách mật khẩu hay dùng"
        }
        Some(
            Warning::StraightRowsOfKeysAreEasyToGuess
            | Warning::ShortKeyboardPatternsAreEasyToGuess,
        ) => "các phím liền nhau trên bàn phím rất dễ đoán",
        Some(
            Warning::RepeatsLikeAaaAreEasyToGuess
            | Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess,
        ) => "ký tự hoặc cụm lặp lại rất dễ đoán",
        Some(Warning::SequencesLikeAbcAreEasyToGuess) => "dãy liên tiếp như abc, 123 rất dễ đoán",
        Some(Warning::RecentYearsAreEasyToGuess | Warning::DatesAreOftenEasyToGuess) => {
            "năm và ngày tháng rất dễ đoán"
        }
        Some(
            Warning::AWordByItselfIsEasyToGuess
            | Warning::NamesAndSurnamesByThemselvesAreEasyToGuess
            | Warning::CommonNamesAndSurnamesAreEasyToGuess,
        ) => "một từ hay một tên riêng lẻ rất dễ đoán",
        None => "mật khẩu quá dễ đoán",
    };
    Err(format!(
        "Mật khẩu chưa đủ mạnh: {why}. Hãy dùng một câu dài dễ nhớ gồm nhiều từ không liên quan, \
         ví dụ “mây trắng bay qua cầu tre 7 nhịp”."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_short_blank_common_and_personal_passwords() {
        assert!(check_password("          ", &[]).is_err());
        assert!(check_password("short", &[]).is_err());
        for common in [
            "password123",
            "1234567890",
            "qwertyuiop",
            "matkhau123",
            "anhyeuem123",
        ] {
            assert!(check_password(common, &[]).is_err(), "{common}");
        }
        assert!(check_password("aaaaaaaaaaaa", &[]).is_err());
        let err = check_password("nguyenvana2025", &["nguyenvana", "Nguyễn Văn A"]).unwrap_err();
        assert!(err.contains("tên đăng nhập"), "{err}");
    }

    #[test]
    fn accepts_long_unrelated_phrases() {
        assert!(check_password("mây trắng bay qua cầu tre 7 nhịp", &["vanphong"]).is_ok());
        assert!(check_password("Kx9#mQ2!vLp7zR", &[]).is_ok());
    }

    #[test]
    fn messages_are_vietnamese() {
        let e = check_password("password12", &[]).unwrap_err();
        assert!(e.starts_with("Mật khẩu chưa đủ mạnh"), "{e}");
    }
}

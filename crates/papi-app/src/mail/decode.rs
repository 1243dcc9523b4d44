//! Reading a received message back as a person would: its headers unfolded and their encoded
//! words (RFC 2047) decoded, its single text body decoded from quoted-printable or base64
//! (RFC 2045). Only what the capture server needs to show and the tests need to check: UTF-8
//! (and ASCII) text, one part.

/// The value of header `name` (case-insensitive), unfolded and decoded.
pub fn header(raw: &str, name: &str) -> Option<String> {
    let (head, _) = split(raw);
    let mut found: Option<String> = None;
    let mut in_it = false;
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if in_it {
                if let Some(v) = found.as_mut() {
                    v.push_str(line);
                }
            }
            continue;
        }
        if found.is_some() {
            break;
        }
        in_it = false;
        if let Some((n, v)) = line.split_once(':') {
            if n.trim().eq_ignore_ascii_case(name) {
                found = Some(v.trim_start().to_string());
                in_it = true;
            }
        }
    }
    found.map(|v| decode_words(&v))
}

/// The body as text, decoded by its Content-Transfer-Encoding.
pub fn body(raw: &str) -> String {
    let (_, body) = split(raw);
    let encoding = header(raw, "Content-Transfer-Encoding")
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let bytes = match encoding.as_str() {
        "quoted-printable" => quoted_printable(body),
        "base64" => base64(body),
        _ => body.as_bytes().to_vec(),
    };
    String::from_utf8_lossy(&bytes).replace("\r\n", "\n")
}

fn split(raw: &str) -> (&str, &str) {
    raw.split_once("\r\n\r\n")
        .or_else(|| raw.split_once("\n\n"))
        .unwrap_or((raw, ""))
}

/// Decodes every `=?charset?B|Q?text?=` word; white space between two encoded words is dropped.
pub fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut after_word = false;
    while let Some(start) = rest.find("=?") {
        let (before, word) = rest.split_at(start);
        let decoded = encoded_word(word);
        match decoded {
            Some((text, used)) => {
                if !(after_word && before.trim().is_empty()) {
                    out.push_str(before);
                }
                out.push_str(&text);
                rest = &word[used..];
                after_word = true;
            }
            None => {
                out.push_str(before);
                out.push_str("=?");
                rest = &word[2..];
                after_word = false;
            }
        }
    }
    out.push_str(rest);
    out
}

/// One encoded word at the start of `s`: its text and the bytes it took.
fn encoded_word(s: &str) -> Option<(String, usize)> {
    let inner = s.strip_prefix("=?")?;
    let (charset, rest) = inner.split_once('?')?;
    let (enc, rest) = rest.split_once('?')?;
    let end = rest.find("?=")?;
    let text = &rest[..end];
    let charset = charset.split('*').next().unwrap_or("").to_ascii_lowercase();
    if !matches!(charset.as_str(), "utf-8" | "us-ascii") {
        return None;
    }
    let bytes = match enc {
        "B" | "b" => base64(text),
        "Q" | "q" => quoted_printable(&text.replace('_', " ")),
        _ => return None,
    };
    let used = 2 + charset.len() + 1 + enc.len() + 1 + end + 2;
    Some((String::from_utf8_lossy(&bytes).into_owned(), used))
}

fn quoted_printable(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            // A soft line break.
            if b.get(i + 1) == Some(&b'\r') && b.get(i + 2) == Some(&b'\n') {
                i += 3;
                continue;
            }
            if b.get(i + 1) == Some(&b'\n') {
                i += 2;
                continue;
            }
            let hex = b
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

fn base64(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for v in s.bytes().filter_map(value) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // The encoded forms below were written by another implementation (the Python standard
    // library's email.header and quopri/base64 modules) from the Vietnamese text beside them.
    #[test]
    fn decodes_what_another_encoder_wrote() {
        assert_eq!(
            decode_words("=?utf-8?b?QsOhbyBjw6FvIDYgdGjDoW5nIOKAlCBMxrDGoW5nIFTDoGk=?="),
            "Báo cáo 6 tháng — Lương Tài"
        );
        assert_eq!(
            String::from_utf8(quoted_printable(
                "K=C3=ADnh g=E1=BB=ADi anh/ch=E1=BB=8B, h=E1=BA=A1n 10/07/2025."
            ))
            .unwrap(),
            "Kính gửi anh/chị, hạn 10/07/2025."
        );
        assert_eq!(
            String::from_utf8(base64("VGnhur9wIGPDtG5nIGTDom4=")).unwrap(),
            "Tiếp công dân"
        );
    }

    #[test]
    fn reads_folded_headers_and_the_body() {
        let raw =
            "From: a@x.vn\r\nSubject: =?utf-8?b?VGnhur9wIGPDtG5n?=\r\n =?utf-8?b?IGTDom4=?=\r\n\
                   Content-Transfer-Encoding: quoted-printable\r\n\r\nh=E1=BA=A1n=\r\n 10/07\r\n";
        assert_eq!(header(raw, "subject").as_deref(), Some("Tiếp công dân"));
        assert_eq!(header(raw, "To"), None);
        assert_eq!(body(raw), "hạn 10/07\n");
    }
}

//! What may be attached to a progress report as evidence, decided by name and content.

/// Largest evidence file accepted: 10 MiB, enough for a scanned signed document.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Most files on one progress report.
pub const MAX_FILES: usize = 5;

/// The accepted kinds: extension, MIME type, and the bytes such a file starts with.
const KINDS: [(&str, &str, &[u8]); 6] = [
    ("pdf", "application/pdf", b"%PDF-"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        b"PK\x03\x04",
    ),
    ("jpg", "image/jpeg", b"\xFF\xD8\xFF"),
    ("jpeg", "image/jpeg", b"\xFF\xD8\xFF"),
    ("png", "image/png", b"\x89PNG\r\n\x1a\n"),
];

/// Checks an uploaded file and returns its MIME type, or a Vietnamese reason for refusal.
/// The content must match the extension, so a renamed executable is refused.
pub fn check(name: &str, content: &[u8]) -> Result<&'static str, String> {
    let name = clean_name(name);
    if content.is_empty() {
        return Err(format!("Tệp “{name}” rỗng."));
    }
    if content.len() > MAX_FILE_BYTES {
        return Err(format!("Tệp “{name}” lớn hơn 10 MB."));
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    let Some((_, mime, magic)) = KINDS.iter().find(|(e, _, _)| *e == ext) else {
        return Err(format!(
            "Tệp “{name}” không được nhận: chỉ nhận PDF, DOCX, XLSX, JPG, PNG."
        ));
    };
    if !content.starts_with(magic) {
        return Err(format!(
            "Nội dung tệp “{name}” không phải tệp {} thật.",
            ext.to_uppercase()
        ));
    }
    Ok(mime)
}

/// The file name as shown and downloaded: no directories, no control characters, at most
/// 200 characters.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned = crate::text::visible(base);
    let trimmed = cleaned.as_str();
    let out: String = trimmed
        .chars()
        .rev()
        .take(200)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if out.is_empty() || out == "." || out == ".." {
        "tep-dinh-kem".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_files_and_refuses_the_rest() {
        assert_eq!(
            check("Biên bản.pdf", b"%PDF-1.7 ..."),
            Ok("application/pdf")
        );
        assert_eq!(check("anh.PNG", b"\x89PNG\r\n\x1a\nxxxx"), Ok("image/png"));
        assert!(check("virus.exe", b"MZ....").is_err());
        assert!(check("fake.pdf", b"MZ....").is_err());
        assert!(check("empty.pdf", b"").is_err());
        assert!(check("noext", b"%PDF-").is_err());
    }

    #[test]
    fn cleans_names() {
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("C:\\Users\\a\\Báo cáo.docx"), "Báo cáo.docx");
        assert_eq!(clean_name("a\u{0}b.pdf"), "ab.pdf");
        assert_eq!(clean_name(".."), "tep-dinh-kem");
        assert_eq!(clean_name("anh\u{202E}gpj.exe"), "anhgpj.exe");
        assert!(clean_name(&"x".repeat(500)).chars().count() <= 200);
    }
}

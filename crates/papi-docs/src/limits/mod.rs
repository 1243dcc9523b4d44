//! What an imported file may hold, in one place: hostile files (a sparse XLSX whose two cells
//! span the whole sheet, zip bombs, a billion-row CSV, `1e308` people in a village) must get a
//! clear Vietnamese error, quickly and in bounded memory, instead of taking the process down.
//!
//! Every limit is far above what a commune's real files hold (a plan of a few hundred KB, a
//! task table of a few hundred rows, a survey export of a few thousand respondents × a few
//! hundred columns) and far below what would hurt a 2-core, few-GB server.

mod bounds;
mod guard;
mod values;
mod zip_check;

pub(crate) use bounds::{megabytes, thousands};
pub use bounds::{
    LimitError, MAX_COLUMNS, MAX_CSV_BYTES, MAX_CSV_ROWS, MAX_FIELD_BYTES, MAX_GRID_CELLS,
    MAX_PAPI_SCORE, MAX_PART_UNPACKED, MAX_POPULATION, MAX_ROWS, MAX_TEXT_BYTES, MAX_TEXT_LINES,
    MAX_TOML_BYTES, MAX_TOTAL_UNPACKED, MAX_YEAR, MAX_ZIP_ENTRIES, MIB, MIN_YEAR,
};
pub(crate) use guard::guarded;
pub use guard::panic_message;
pub use values::{check_count, check_score, check_year};
pub use zip_check::check_zip;

/// Checks a plan text (Markdown, plain text or a DOCX's text) against [`MAX_TEXT_BYTES`] and
/// [`MAX_TEXT_LINES`].
pub fn check_text(text: &str) -> Result<(), LimitError> {
    check_size("văn bản", text.len(), MAX_TEXT_BYTES)?;
    // `lines()` counts as the parser does; bytes.filter is the same number, faster.
    let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
    if lines > MAX_TEXT_LINES {
        return Err(LimitError(format!(
            "văn bản có quá nhiều dòng: {} dòng, vượt giới hạn {} dòng",
            thousands(lines as u64),
            thousands(MAX_TEXT_LINES as u64)
        )));
    }
    Ok(())
}

/// Largest file read from disk by path (a plan, a task table): a DOCX or XLSX is compressed,
/// a CSV or text file is bounded more tightly once read.
pub const MAX_FILE_BYTES: u64 = MAX_PART_UNPACKED;

/// Reads a file of at most [`MAX_FILE_BYTES`] (never more than that into memory, whatever
/// the file system says its size is). `Err` is the reason, in Vietnamese where it is ours.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "tệp quá lớn: vượt giới hạn {}",
            megabytes(MAX_FILE_BYTES)
        ));
    }
    Ok(bytes)
}

/// Checks the size of a CSV or TOML file given whole: `what` names it (`tệp CSV`).
pub fn check_size(what: &str, len: usize, max: usize) -> Result<(), LimitError> {
    if len > max {
        return Err(LimitError(format!(
            "{what} quá lớn: {} byte, vượt giới hạn {}",
            thousands(len as u64),
            megabytes(max as u64)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_the_vietnamese_way() {
        assert_eq!(thousands(5_000_000), "5.000.000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1.000");
        assert_eq!(megabytes(MAX_PART_UNPACKED), "200 MB");
    }

    #[test]
    fn text_limits() {
        assert!(check_text("a\nb").is_ok());
        let many = "\n".repeat(MAX_TEXT_LINES + 1);
        let e = check_text(&many).unwrap_err();
        assert!(e.0.contains("2.000.000 dòng"), "{e}");
    }
}

//! What an imported file may hold, in one place: hostile files (a sparse XLSX whose two cells
//! span the whole sheet, zip bombs, a billion-row CSV, `1e308` people in a village) must get a
//! clear Vietnamese error, quickly and in bounded memory, instead of taking the process down.
//!
//! Every limit is far above what a commune's real files hold (a plan of a few hundred KB, a
//! task table of a few hundred rows, a survey export of a few thousand respondents × a few
//! hundred columns) and far below what would hurt a 2-core, few-GB server.

mod guard;
mod values;
mod zip_check;

pub(crate) use guard::guarded;
pub use guard::panic_message;
pub use values::{check_count, check_score, check_year};
pub use zip_check::check_zip;

use std::fmt;

/// One mebibyte.
pub const MIB: u64 = 1024 * 1024;

/// Most entries a DOCX/XLSX package may list. A Word plan with pictures has a few dozen parts,
/// a Kobo export a few dozen sheets and relations; 5,000 leaves room for a document with
/// hundreds of images while refusing archives made of millions of tiny entries.
pub const MAX_ZIP_ENTRIES: usize = 5_000;

/// Most bytes one part of a DOCX/XLSX may unpack to. The largest legitimate part is a survey
/// sheet: 5,000 respondents × 400 columns at ~60 bytes of XML per cell is ~120 MB; a plan's
/// `word/document.xml` is a few MB. A part is read as a stream (calamine) or once into memory
/// (our DOCX reader), so this also bounds the memory of one read.
pub const MAX_PART_UNPACKED: u64 = 200 * MIB;

/// Most bytes a whole DOCX/XLSX package may unpack to: two maximal parts. The check streams
/// every part once through a fixed buffer, so it costs one decompression of the package.
pub const MAX_TOTAL_UNPACKED: u64 = 2 * MAX_PART_UNPACKED;

/// Most rows a sheet or CSV file may have (Excel's own maximum is 1,048,576). A commune survey
/// has a few thousand respondents; half a million leaves room for a district's merged exports.
pub const MAX_ROWS: usize = 500_000;

/// Most columns a sheet or CSV row may have (Excel's maximum is 16,384). A Kobo export with
/// every `select_multiple` choice in its own column reaches ~2,000 at worst.
pub const MAX_COLUMNS: usize = 4_096;

/// Most cells a sheet read into memory may take: the sum of the row widths the reader
/// allocates (a row is as wide as its last filled cell). 5,000 respondents × 1,000 columns;
/// at worst a few hundred MB of text.
pub const MAX_GRID_CELLS: usize = 5_000_000;

/// Longest text one cell or CSV field may hold (Excel's own maximum is 32,767 characters).
pub const MAX_FIELD_BYTES: usize = MIB as usize;

/// Largest CSV file read. The web refuses uploads past 52 MB; this is the bound for local
/// files on the command line, where `papi survey score` reads a whole province's Kobo export
/// (1,000,000 respondents × 120 answers is ~260 MB). Answers are read as a stream into numbers,
/// so memory stays near the file's size; a CSV read whole into a grid is also held to
/// [`MAX_GRID_CELLS`].
pub const MAX_CSV_BYTES: usize = 1024 * MIB as usize;

/// Most records a CSV read as a stream (survey answers) may have: five times the largest
/// survey measured (1,000,000 respondents). Grids read whole keep [`MAX_ROWS`].
pub const MAX_CSV_ROWS: usize = 5_000_000;

/// Largest plan text (Markdown, plain text, or the text of a DOCX). Plans are tens to
/// hundreds of KB; a 23 MB Markdown (pictures inlined as data URLs) must still read, and the
/// web refuses uploads past 52 MB anyway.
pub const MAX_TEXT_BYTES: usize = 50 * MIB as usize;

/// Most lines of a plan text: 50 MB of one-character lines is 25 million; a real plan has a
/// few thousand. Lines are what the plan parser walks several times.
pub const MAX_TEXT_LINES: usize = 2_000_000;

/// Largest TOML questionnaire: the default one is ~40 KB. The TOML parser itself limits
/// nesting depth (the `toml` crate's default, without its `unbounded` feature).
pub const MAX_TOML_BYTES: usize = 10 * MIB as usize;

/// Most people one population cell (village × sex × age band) may count: the largest
/// Vietnamese commune-level unit has well under a million residents.
pub const MAX_POPULATION: f64 = 10_000_000.0;

/// Dates read from files (deadlines, submission times) must fall in these years: nothing in a
/// commune plan or survey predates the Republic, nothing is planned past 2100.
pub const MIN_YEAR: i32 = 1945;
pub const MAX_YEAR: i32 = 2100;

/// Highest PAPI score: dimension scores run 1–10, sub-dimension scores are parts of them.
pub const MAX_PAPI_SCORE: f64 = 10.0;

/// A limit a file went past, with the Vietnamese message naming the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitError(pub String);

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LimitError {}

/// `5000000` → `5.000.000`, the way Vietnamese writes numbers.
pub(crate) fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `200 MB` for a byte limit.
pub(crate) fn megabytes(bytes: u64) -> String {
    format!("{} MB", thousands(bytes / MIB))
}

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

//! The limits themselves, the error that names one, and how a message writes their numbers.

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

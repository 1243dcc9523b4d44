//! Official documents in the format of Nghị định 30/2020/NĐ-CP (Phụ lục I): a small,
//! layout-neutral model of an administrative document — the two-column header, số/ký hiệu,
//! place and date, title, body with numbered headings, "Nơi nhận", signature block and
//! appendices — and a DOCX writer for it.
//!
//! The model knows nothing of the database: builders in [`crate::reports`] fill it from plain
//! data. The writer fixes the layout: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm,
//! Times New Roman, body 14 pt justified with a 1.27 cm first-line indent, page numbers centred
//! in the top margin from page 2, appendices on new pages (landscape when asked) with a
//! bordered table whose header row repeats on every page.

mod body;
mod header;
mod signature;
mod table;

use std::io::Cursor;

use chrono::{Datelike, NaiveDate};
use docx_rs::{
    AlignmentType, Docx, Header, LineSpacing, LineSpacingType, PageMargin, PageNum,
    PageOrientationType, PageSize, Paragraph as DocxParagraph, Run, RunFonts,
    Section as DocxSection, SpecialIndentType, Table as DocxTable,
};
use thiserror::Error;

/// A document that could not be written.
#[derive(Debug, Error)]
pub enum WriteError {
    #[error("Không ghi được tệp DOCX: {0}")]
    Docx(String),
    #[error("Không ghi được tệp XLSX: {0}")]
    Xlsx(String),
    #[error("Bảng “{title}”: dòng {row} có {got} ô, bảng có {expected} cột")]
    RowWidth {
        title: String,
        row: usize,
        got: usize,
        expected: usize,
    },
}

/// The national title (Quốc hiệu) and motto (Tiêu ngữ), Nghị định 30/2020 Phụ lục I.
pub const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// A document with a name of its kind (Mẫu 1.4: kế hoạch, báo cáo, …).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Body above the issuer, caps, not bold (e.g. `UBND TỈNH HƯNG YÊN`); may be empty.
    pub issuer_parent: String,
    /// The issuing body, caps, bold (`ỦY BAN NHÂN DÂN XÃ LƯƠNG TÀI`). A `\n` breaks the line;
    /// without one, `ỦY BAN NHÂN DÂN …` is broken after `DÂN` as the template shows it.
    pub issuer: String,
    /// Số và ký hiệu without the `Số:` label (`15/BC-UBND`).
    pub number: String,
    /// Địa danh (`Lương Tài`).
    pub place: String,
    pub date: NaiveDate,
    /// Tên loại (`BÁO CÁO`, `KẾ HOẠCH`).
    pub kind_title: String,
    /// Trích yếu: the line(s) under the title; `\n` breaks lines.
    pub subject: String,
    /// Paragraphs before the first heading ("Căn cứ …").
    pub preamble: Vec<Paragraph>,
    pub sections: Vec<Section>,
    /// Paragraphs after the last section ("Trên đây là …./.").
    pub closing: Vec<Paragraph>,
    /// Nơi nhận, one entry each (`Như trên`, `Lưu: VT, VP`); the writer adds `- ` and the
    /// punctuation, and a `Lưu: VT` line when none is given.
    pub recipients: Vec<String>,
    pub signature: Signature,
    pub appendices: Vec<Appendix>,
}

/// A run of text with its emphasis.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

/// How a paragraph sits on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Body text: justified, first-line indent.
    #[default]
    Body,
    /// Justified without indent (lists that carry their own dash).
    Flush,
    Center,
    Right,
}

/// A paragraph of body text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paragraph {
    pub spans: Vec<Span>,
    pub align: Align,
}

impl Paragraph {
    /// A body paragraph of plain text.
    pub fn text(text: impl Into<String>) -> Self {
        Paragraph::default().plain(text)
    }

    /// A body paragraph in italics (notes such as "(Có Phụ lục kèm theo)").
    pub fn italic_text(text: impl Into<String>) -> Self {
        Paragraph::default().italic(text)
    }

    /// A lettered item: `a) text`.
    pub fn item(letter: &str, text: impl AsRef<str>) -> Self {
        Paragraph::text(format!("{letter}) {}", text.as_ref()))
    }

    /// A dashed line: `- text`.
    pub fn dash(text: impl AsRef<str>) -> Self {
        Paragraph::text(format!("- {}", text.as_ref()))
    }

    pub fn plain(mut self, text: impl Into<String>) -> Self {
        self.spans.push(Span {
            text: text.into(),
            ..Span::default()
        });
        self
    }

    pub fn bold(mut self, text: impl Into<String>) -> Self {
        self.spans.push(Span {
            text: text.into(),
            bold: true,
            italic: false,
        });
        self
    }

    pub fn italic(mut self, text: impl Into<String>) -> Self {
        self.spans.push(Span {
            text: text.into(),
            bold: false,
            italic: true,
        });
        self
    }

    pub fn aligned(mut self, align: Align) -> Self {
        self.align = align;
        self
    }

    /// The paragraph's text, spans joined.
    pub fn plain_text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

impl From<&str> for Paragraph {
    fn from(s: &str) -> Self {
        Paragraph::text(s)
    }
}

impl From<String> for Paragraph {
    fn from(s: String) -> Self {
        Paragraph::text(s)
    }
}

/// A numbered part of the body. The heading carries its own number as the caller writes it
/// (`I. KẾT QUẢ THỰC HIỆN`, `1. Mục đích`, `1.1. Nội dung …`); its depth sets the style:
/// top level bold, second bold, third bold italic, deeper italic.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<Paragraph>,
    pub subsections: Vec<Section>,
}

impl Section {
    pub fn new(heading: impl Into<String>) -> Self {
        Section {
            heading: heading.into(),
            ..Section::default()
        }
    }

    pub fn para(mut self, p: impl Into<Paragraph>) -> Self {
        self.paragraphs.push(p.into());
        self
    }

    pub fn paras<P: Into<Paragraph>>(mut self, ps: impl IntoIterator<Item = P>) -> Self {
        self.paragraphs.extend(ps.into_iter().map(Into::into));
        self
    }

    pub fn subsection(mut self, s: Section) -> Self {
        self.subsections.push(s);
        self
    }
}

/// Thẩm quyền ký: `TM. ỦY BAN NHÂN DÂN` / `CHỦ TỊCH`, or with `deputy`
/// `TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signature {
    /// `TM. ỦY BAN NHÂN DÂN`; empty when the signer signs in their own authority.
    pub authority: String,
    /// The head's title (`CHỦ TỊCH`, `TRƯỞNG BAN`).
    pub position: String,
    /// Signed by a deputy: `KT. {position}` then `PHÓ {position}`.
    pub deputy: bool,
    pub signer_name: String,
}

impl Signature {
    /// The lines of the block above the space for the signature, in order.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.authority.trim().is_empty() {
            out.push(self.authority.trim().to_string());
        }
        let position = self.position.trim();
        if self.deputy {
            out.push(format!("KT. {position}"));
            out.push(format!("PHÓ {position}"));
        } else if !position.is_empty() {
            out.push(position.to_string());
        }
        out
    }
}

/// A page (or pages) after the signature: a title, a subtitle and a table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Appendix {
    /// `BIỂU TỔNG HỢP NHIỆM VỤ`; `\n` breaks lines.
    pub title: String,
    /// `(Kèm theo Kế hoạch số 10/KH-UBND ngày 16/01/2025 của UBND xã Lương Tài)`.
    pub subtitle: String,
    pub table: Table,
    pub landscape: bool,
}

/// A bordered table. A row of exactly one cell (when the table has more columns) is a group
/// heading: it spans the whole width, in bold.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Relative widths, one per column (any unit; scaled to the text width). Empty: equal.
    pub column_widths: Vec<u32>,
    /// Columns whose cells are centred (STT, dates, figures).
    pub centered_columns: Vec<usize>,
}

/// The date line: `Lương Tài, ngày 16 tháng 01 năm 2025` — days below 10 and the months 1
/// and 2 with a leading zero (Nghị định 30/2020, Phụ lục I, mục II.5).
pub fn date_line(place: &str, date: NaiveDate) -> String {
    let month = if date.month() <= 2 {
        format!("{:02}", date.month())
    } else {
        date.month().to_string()
    };
    let place = place.trim();
    let sep = if place.is_empty() { "" } else { ", " };
    format!(
        "{place}{sep}ngày {:02} tháng {month} năm {}",
        date.day(),
        date.year()
    )
}

// ---- layout constants (twips, half-points) ----

pub(crate) const FONT: &str = "Times New Roman";
/// A4 in twips.
pub const A4_WIDTH: u32 = 11906;
pub const A4_HEIGHT: u32 = 16838;
/// 20 mm top and bottom, 30 mm left, 15 mm right.
pub const MARGIN_TOP: i32 = 1134;
pub const MARGIN_BOTTOM: i32 = 1134;
pub const MARGIN_LEFT: i32 = 1701;
pub const MARGIN_RIGHT: i32 = 851;
/// Distance of the page-number header from the top edge (10 mm).
const HEADER_DISTANCE: i32 = 567;
const FOOTER_DISTANCE: i32 = 567;

pub(crate) const fn text_width(landscape: bool) -> usize {
    let page = if landscape { A4_HEIGHT } else { A4_WIDTH };
    (page as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize
}

/// Sizes in half-points.
pub(crate) mod size {
    pub const BODY: usize = 28; // 14 pt
    pub const ISSUER: usize = 26; // 13 pt
    pub const NATIONAL: usize = 24; // 12 pt
    pub const MOTTO: usize = 26; // 13 pt, one size above the national title
    pub const NUMBER: usize = 26; // 13 pt
    pub const RECIPIENTS_LABEL: usize = 24; // 12 pt
    pub const RECIPIENTS: usize = 22; // 11 pt
    pub const TABLE: usize = 24; // 12 pt
    pub const PAGE_NUMBER: usize = 26; // 13 pt
}

/// First-line indent of body paragraphs: 1.27 cm.
pub(crate) const FIRST_LINE: i32 = 720;

pub(crate) fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

/// A run in Times New Roman of the given size.
pub(crate) fn run(text: &str, size: usize, bold: bool, italic: bool) -> Run {
    let mut r = Run::new().add_text(text).size(size).fonts(fonts());
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    r
}

/// Line spacing: `before`/`after` in twips, single lines.
pub(crate) fn spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new()
        .before(before)
        .after(after)
        .line(240)
        .line_rule(LineSpacingType::Auto)
}

/// A paragraph of one run.
pub(crate) fn line(
    text: &str,
    size: usize,
    bold: bool,
    italic: bool,
    align: AlignmentType,
) -> DocxParagraph {
    DocxParagraph::new()
        .add_run(run(text, size, bold, italic))
        .align(align)
        .line_spacing(spacing(0, 0))
}

/// What goes in the body of the document, in order.
pub(crate) enum Block {
    P(Box<DocxParagraph>),
    T(Box<DocxTable>),
}

impl Block {
    pub(crate) fn p(p: DocxParagraph) -> Block {
        Block::P(Box::new(p))
    }

    pub(crate) fn t(t: DocxTable) -> Block {
        Block::T(Box::new(t))
    }
}

/// Marker height of a table header row; the writer turns it into `w:tblHeader` (docx-rs has
/// no setter for it) so the row repeats on every page.
pub(crate) const HEADER_ROW_MARK: f32 = 397.0;

fn page_number_header() -> Header {
    Header::new().add_paragraph(
        DocxParagraph::new()
            .align(AlignmentType::Center)
            .add_page_num(PageNum::new())
            .size(size::PAGE_NUMBER)
            .fonts(fonts()),
    )
}

fn margins() -> PageMargin {
    PageMargin::new()
        .top(MARGIN_TOP)
        .bottom(MARGIN_BOTTOM)
        .left(MARGIN_LEFT)
        .right(MARGIN_RIGHT)
        .header(HEADER_DISTANCE)
        .footer(FOOTER_DISTANCE)
        .gutter(0)
}

fn page_size(landscape: bool) -> PageSize {
    if landscape {
        PageSize::new()
            .size(A4_HEIGHT, A4_WIDTH)
            .orient(PageOrientationType::Landscape)
    } else {
        PageSize::new().size(A4_WIDTH, A4_HEIGHT)
    }
}

/// The DOCX of a document: the body in a portrait section whose first page has no page
/// number, then one section per appendix.
pub fn write_docx(doc: &Document) -> Result<Vec<u8>, WriteError> {
    let mut parts: Vec<(bool, Vec<Block>)> = Vec::with_capacity(1 + doc.appendices.len());
    let mut main = header::header_blocks(doc);
    main.extend(body::body_blocks(doc));
    main.extend(signature::closing_blocks(doc));
    parts.push((false, main));
    for a in &doc.appendices {
        parts.push((a.landscape, table::appendix_blocks(a)?));
    }

    let mut docx = Docx::new()
        .default_fonts(fonts())
        .default_size(size::BODY)
        .default_tab_stop(FIRST_LINE as usize);
    let last = parts.len() - 1;
    for (i, (landscape, blocks)) in parts.into_iter().enumerate() {
        if i < last {
            let mut s = DocxSection::new()
                .page_size(page_size(landscape))
                .page_margin(margins())
                .header(page_number_header());
            if i == 0 {
                // No header on page 1: with titlePg and no first-page header of its own, the
                // first section's first page has none. (docx-rs keeps only one of a
                // section's header kinds, so no empty first header is added.)
                s = s.title_pg();
            }
            for b in blocks {
                s = match b {
                    Block::P(p) => s.add_paragraph(*p),
                    Block::T(t) => s.add_table(*t),
                };
            }
            docx = docx.add_section(s);
        } else {
            for b in blocks {
                docx = match b {
                    Block::P(p) => docx.add_paragraph(*p),
                    Block::T(t) => docx.add_table(*t),
                };
            }
            let (w, h) = if landscape {
                (A4_HEIGHT, A4_WIDTH)
            } else {
                (A4_WIDTH, A4_HEIGHT)
            };
            docx = docx
                .page_size(w, h)
                .page_margin(margins())
                .header(page_number_header());
            if landscape {
                docx = docx.page_orient(PageOrientationType::Landscape);
            }
            if i == 0 {
                docx = docx.title_pg();
            }
        }
    }

    let mut xml = docx.build();
    xml.document = mark_header_rows(&xml.document);
    let mut stored = Cursor::new(Vec::with_capacity(256 * 1024));
    xml.pack(&mut stored)
        .map_err(|e| WriteError::Docx(e.to_string()))?;
    deflate(&stored.into_inner())
}

/// docx-rs stores the parts uncompressed (1.7 MB for a 500-task report); the same parts,
/// deflated, in the same order (`[Content_Types].xml` first).
fn deflate(stored: &[u8]) -> Result<Vec<u8>, WriteError> {
    let e = |e: zip::result::ZipError| WriteError::Docx(e.to_string());
    let mut input = zip::ZipArchive::new(Cursor::new(stored)).map_err(e)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 4)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..input.len() {
        let mut part = input.by_index(i).map_err(e)?;
        let name = part.name().to_string();
        out.start_file(name, options).map_err(e)?;
        std::io::copy(&mut part, &mut out).map_err(|x| WriteError::Docx(x.to_string()))?;
    }
    Ok(out.finish().map_err(e)?.into_inner())
}

/// Adds `<w:tblHeader/>` to rows marked with [`HEADER_ROW_MARK`].
fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    let mark = format!(
        "<w:trHeight w:val=\"{}\" w:hRule=\"atLeast\" />",
        HEADER_ROW_MARK
    );
    let with = format!("<w:tblHeader />{mark}");
    match std::str::from_utf8(document) {
        Ok(s) if s.contains(&mark) => s.replace(&mark, &with).into_bytes(),
        _ => document.to_vec(),
    }
}

pub(crate) fn first_line() -> Option<SpecialIndentType> {
    Some(SpecialIndentType::FirstLine(FIRST_LINE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_line_pads_days_and_early_months() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            date_line("Lương Tài", d(2025, 1, 16)),
            "Lương Tài, ngày 16 tháng 01 năm 2025"
        );
        assert_eq!(
            date_line("Lương Tài", d(2025, 7, 5)),
            "Lương Tài, ngày 05 tháng 7 năm 2025"
        );
        assert_eq!(
            date_line("Lương Tài", d(2026, 2, 9)),
            "Lương Tài, ngày 09 tháng 02 năm 2026"
        );
        assert_eq!(
            date_line("Lương Tài", d(2025, 12, 31)),
            "Lương Tài, ngày 31 tháng 12 năm 2025"
        );
    }

    #[test]
    fn signature_lines() {
        let mut s = Signature {
            authority: "TM. ỦY BAN NHÂN DÂN".into(),
            position: "CHỦ TỊCH".into(),
            deputy: false,
            signer_name: "Nguyễn Trọng Chung".into(),
        };
        assert_eq!(s.lines(), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
        s.deputy = true;
        assert_eq!(
            s.lines(),
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        );
    }
}

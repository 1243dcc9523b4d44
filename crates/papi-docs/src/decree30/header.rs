//! The top of the first page: the borderless two-column header (issuing body, số/ký hiệu |
//! national title, motto, place and date), then the name of the kind and the subject.

use docx_rs::{
    AlignmentType, BorderType, Paragraph as DocxParagraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Table, TableCell, TableLayoutType, TableRow,
    VAlignType, WidthType,
};

use super::{date_line, line, size, spacing, text_width, Block, Document, MOTTO, NATIONAL_TITLE};

/// Width of the left (issuer) column in twips: 6.3 cm; the rest goes to the national title.
const LEFT_COL: usize = 3572;

/// An empty paragraph drawn as a short horizontal rule, centred in a space `width` wide.
pub(crate) fn rule(width: usize, rule_len: usize, before: u32) -> DocxParagraph {
    let side = width.saturating_sub(rule_len) / 2;
    let mut p = DocxParagraph::new()
        .align(AlignmentType::Center)
        .indent(Some(side as i32), None, Some(side as i32), None)
        .line_spacing(
            spacing(before, 0)
                .line(120)
                .line_rule(docx_rs::LineSpacingType::Exact),
        )
        .size(8);
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Top)
                .val(BorderType::Single)
                .size(6)
                .color("000000"),
        ),
    );
    p
}

/// Rough printed width in twips of caps text in Times New Roman at `half_points`.
pub(crate) fn caps_width(text: &str, half_points: usize, bold: bool) -> usize {
    let em = half_points * 10; // twips per em
    let per_mille: usize = text
        .chars()
        .map(|c| match c {
            ' ' => 250,
            '.' | ',' | ':' | '-' => 300,
            c if c.is_uppercase() => {
                if bold {
                    720
                } else {
                    690
                }
            }
            _ => 480,
        })
        .sum();
    per_mille * em / 1000
}

/// The issuer's lines: explicit `\n`s, or `ỦY BAN NHÂN DÂN` on its own line.
fn issuer_lines(issuer: &str) -> Vec<String> {
    let issuer = issuer.trim();
    if issuer.contains('\n') {
        return issuer
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
    }
    const UBND: &str = "ỦY BAN NHÂN DÂN ";
    match issuer.strip_prefix(UBND) {
        Some(rest) if !rest.trim().is_empty() => {
            vec![UBND.trim().to_string(), rest.trim().to_string()]
        }
        _ => vec![issuer.to_string()],
    }
}

fn cell(width: usize) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Top)
}

pub(super) fn header_blocks(doc: &Document) -> Vec<Block> {
    let total = text_width(false);
    let right_w = total - LEFT_COL;
    let center = AlignmentType::Center;

    // Row 1: issuing body | national title and motto.
    let mut left = cell(LEFT_COL);
    let parent = doc.issuer_parent.trim();
    if !parent.is_empty() {
        left = left.add_paragraph(line(parent, size::ISSUER, false, false, center));
    }
    let lines = issuer_lines(&doc.issuer);
    for l in &lines {
        left = left.add_paragraph(line(l, size::ISSUER, true, false, center));
    }
    let longest = lines
        .iter()
        .map(|l| caps_width(l, size::ISSUER, true))
        .max()
        .unwrap_or(0);
    // The short rule under the issuer: 1/3 to 1/2 of the line above it.
    let cell_inner = LEFT_COL - 216;
    left = left.add_paragraph(rule(
        cell_inner,
        (longest * 2 / 5).clamp(700, cell_inner),
        50,
    ));

    let motto = DocxParagraph::new()
        .add_run(super::run(MOTTO, size::MOTTO, true, false).underline("single"))
        .align(center)
        .line_spacing(spacing(0, 0));
    let right = cell(right_w)
        .add_paragraph(line(NATIONAL_TITLE, size::NATIONAL, true, false, center))
        .add_paragraph(motto);

    // Row 2: số/ký hiệu | place and date, on the same line.
    let number = DocxParagraph::new()
        .add_run(super::run(
            &format!("Số: {}", doc.number.trim()),
            size::NUMBER,
            false,
            false,
        ))
        .align(center)
        .line_spacing(spacing(80, 0));
    let date = DocxParagraph::new()
        .add_run(super::run(
            &date_line(&doc.place, doc.date),
            size::BODY,
            false,
            true,
        ))
        .align(center)
        .line_spacing(spacing(80, 0));

    let table = Table::without_borders(vec![
        TableRow::new(vec![left, right]),
        TableRow::new(vec![
            cell(LEFT_COL)
                .vertical_align(VAlignType::Bottom)
                .add_paragraph(number),
            cell(right_w)
                .vertical_align(VAlignType::Bottom)
                .add_paragraph(date),
        ]),
    ])
    .set_grid(vec![LEFT_COL, right_w])
    .width(total, WidthType::Dxa)
    .layout(TableLayoutType::Fixed);

    let mut out = vec![Block::t(table)];

    // Name of the kind, and the subject with a short rule under it.
    let mut title = DocxParagraph::new()
        .add_run(super::run(doc.kind_title.trim(), size::BODY, true, false))
        .align(center)
        .line_spacing(spacing(360, 0))
        .keep_next(true);
    if doc.kind_title.trim().is_empty() {
        title = title.line_spacing(spacing(240, 0));
    }
    out.push(Block::p(title));
    let subject: Vec<&str> = doc
        .subject
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    for l in &subject {
        out.push(Block::p(
            line(l, size::BODY, true, false, center).keep_next(true),
        ));
    }
    out.push(Block::p(rule(total, total / 4, 70)));
    out.push(Block::p(
        DocxParagraph::new()
            .line_spacing(
                spacing(0, 0)
                    .line(160)
                    .line_rule(docx_rs::LineSpacingType::Exact),
            )
            .size(8),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_breaks_after_ubnd() {
        assert_eq!(
            issuer_lines("ỦY BAN NHÂN DÂN XÃ LƯƠNG TÀI"),
            ["ỦY BAN NHÂN DÂN", "XÃ LƯƠNG TÀI"]
        );
        assert_eq!(issuer_lines("CÔNG AN XÃ"), ["CÔNG AN XÃ"]);
        assert_eq!(
            issuer_lines("VĂN PHÒNG\nHĐND - UBND"),
            ["VĂN PHÒNG", "HĐND - UBND"]
        );
    }
}

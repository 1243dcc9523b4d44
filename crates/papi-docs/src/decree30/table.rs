//! Appendices: a title, a subtitle and a bordered table whose header row repeats on every page.

use docx_rs::{
    AlignmentType, BorderType, HeightRule, Paragraph as DocxParagraph, Table, TableBorder,
    TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableLayoutType, TableRow,
    VAlignType, WidthType,
};

use super::{line, run, size, spacing, text_width, Appendix, Block, WriteError, HEADER_ROW_MARK};

fn borders() -> TableBorders {
    let b = |p| {
        TableBorder::new(p)
            .border_type(BorderType::Single)
            .size(4)
            .color("000000")
    };
    TableBorders::with_empty()
        .set(b(TableBorderPosition::Top))
        .set(b(TableBorderPosition::Left))
        .set(b(TableBorderPosition::Bottom))
        .set(b(TableBorderPosition::Right))
        .set(b(TableBorderPosition::InsideH))
        .set(b(TableBorderPosition::InsideV))
}

/// Column widths in twips: the relative widths scaled to `total`, the last column taking
/// what rounding left.
pub(crate) fn scale_widths(relative: &[u32], columns: usize, total: usize) -> Vec<usize> {
    if columns == 0 {
        return Vec::new();
    }
    let rel: Vec<u64> = if relative.len() == columns && relative.iter().any(|&w| w > 0) {
        relative.iter().map(|&w| u64::from(w.max(1))).collect()
    } else {
        vec![1; columns]
    };
    let sum: u64 = rel.iter().sum();
    let mut out: Vec<usize> = rel
        .iter()
        .map(|&w| (w * total as u64 / sum) as usize)
        .collect();
    let used: usize = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += total - used;
    }
    out
}

fn cell_paragraph(text: &str, bold: bool, align: AlignmentType) -> DocxParagraph {
    let mut p = DocxParagraph::new()
        .align(align)
        .line_spacing(spacing(20, 20));
    let mut lines = text.split('\n').peekable();
    if lines.peek().is_none() {
        return p;
    }
    let mut r = run("", size::TABLE, bold, false);
    let mut first = true;
    for l in lines {
        if !first {
            r = r.add_break(docx_rs::BreakType::TextWrapping);
        }
        r = r.add_text(l);
        first = false;
    }
    p = p.add_run(r);
    p
}

pub(super) fn appendix_blocks(a: &Appendix) -> Result<Vec<Block>, WriteError> {
    let mut out = Vec::new();
    let center = AlignmentType::Center;
    for l in a.title.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.push(Block::p(
            line(l, size::BODY, true, false, center).keep_next(true),
        ));
    }
    for l in a.subtitle.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.push(Block::p(
            line(l, size::BODY, false, true, center).keep_next(true),
        ));
    }
    out.push(Block::p(
        DocxParagraph::new()
            .line_spacing(spacing(0, 0))
            .size(size::TABLE),
    ));

    let t = &a.table;
    let columns = t
        .headers
        .len()
        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
    let total = text_width(a.landscape);
    let widths = scale_widths(&t.column_widths, columns, total);

    let mut rows = Vec::with_capacity(t.rows.len() + 1);
    if !t.headers.is_empty() {
        let cells = (0..columns)
            .map(|c| {
                TableCell::new()
                    .width(widths[c], WidthType::Dxa)
                    .vertical_align(VAlignType::Center)
                    .add_paragraph(cell_paragraph(
                        t.headers.get(c).map(String::as_str).unwrap_or(""),
                        true,
                        center,
                    ))
            })
            .collect();
        rows.push(
            TableRow::new(cells)
                .row_height(HEADER_ROW_MARK)
                .height_rule(HeightRule::AtLeast)
                .cant_split(),
        );
    }
    for (r, row) in t.rows.iter().enumerate() {
        if row.len() == 1 && columns > 1 {
            rows.push(TableRow::new(vec![TableCell::new()
                .width(total, WidthType::Dxa)
                .grid_span(columns)
                .add_paragraph(cell_paragraph(
                    &row[0],
                    true,
                    AlignmentType::Left,
                ))]));
            continue;
        }
        if row.len() > columns {
            return Err(WriteError::RowWidth {
                title: a.title.clone(),
                row: r + 1,
                got: row.len(),
                expected: columns,
            });
        }
        let cells = (0..columns)
            .map(|c| {
                let align = if t.centered_columns.contains(&c) {
                    center
                } else {
                    AlignmentType::Left
                };
                TableCell::new()
                    .width(widths[c], WidthType::Dxa)
                    .vertical_align(VAlignType::Top)
                    .add_paragraph(cell_paragraph(
                        row.get(c).map(String::as_str).unwrap_or(""),
                        false,
                        align,
                    ))
            })
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    let table = Table::new(rows)
        .set_borders(borders())
        .set_grid(widths)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(40, 80, 40, 80));
    out.push(Block::t(table));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_scale_to_the_total() {
        assert_eq!(scale_widths(&[1, 3], 2, 100), [25, 75]);
        assert_eq!(scale_widths(&[], 3, 100), [33, 33, 34]);
        assert_eq!(scale_widths(&[1, 1], 3, 90), [30, 30, 30]);
    }
}

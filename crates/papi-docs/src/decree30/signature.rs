//! The foot of the document: "Nơi nhận:" bottom-left beside the signature block bottom-right,
//! in one borderless table so the two stay side by side.

use docx_rs::{
    AlignmentType, Paragraph as DocxParagraph, Table, TableCell, TableLayoutType, TableRow,
    VAlignType, WidthType,
};

use super::{line, run, size, spacing, text_width, Block, Document};

/// Width of the "Nơi nhận" column: 7.5 cm.
const LEFT_COL: usize = 4252;

/// The recipients as printed: `- ` in front, `;` after each, `.` after the last, and a
/// `Lưu: VT` line at the end when the caller gave none.
pub fn recipient_lines(recipients: &[String]) -> Vec<String> {
    let mut items: Vec<String> = recipients
        .iter()
        .map(|r| {
            r.trim()
                .trim_start_matches(['-', '+', '•'])
                .trim()
                .trim_end_matches([';', '.', ','])
                .trim()
                .to_string()
        })
        .filter(|r| !r.is_empty())
        .collect();
    let is_archive = |r: &String| {
        let l = r.to_lowercase();
        l.starts_with("lưu:") || l.starts_with("lưu ")
    };
    if let Some(i) = items.iter().position(is_archive) {
        let archive = items.remove(i);
        items.push(archive);
    } else {
        items.push("Lưu: VT".to_string());
    }
    let n = items.len();
    items
        .into_iter()
        .enumerate()
        .map(|(i, r)| format!("- {r}{}", if i + 1 == n { "." } else { ";" }))
        .collect()
}

pub(super) fn closing_blocks(doc: &Document) -> Vec<Block> {
    let total = text_width(false);
    let right_w = total - LEFT_COL;

    let mut left = TableCell::new()
        .width(LEFT_COL, WidthType::Dxa)
        .vertical_align(VAlignType::Top)
        .add_paragraph(
            DocxParagraph::new()
                .add_run(run("Nơi nhận:", size::RECIPIENTS_LABEL, true, true))
                .line_spacing(spacing(0, 0)),
        );
    for r in recipient_lines(&doc.recipients) {
        left = left.add_paragraph(
            DocxParagraph::new()
                .add_run(run(&r, size::RECIPIENTS, false, false))
                .line_spacing(spacing(0, 0)),
        );
    }

    let center = AlignmentType::Center;
    let mut right = TableCell::new()
        .width(right_w, WidthType::Dxa)
        .vertical_align(VAlignType::Top);
    for l in doc.signature.lines() {
        right = right.add_paragraph(line(&l, size::BODY, true, false, center));
    }
    // Space for the signature and the seal.
    for _ in 0..4 {
        right = right.add_paragraph(line("", size::BODY, false, false, center));
    }
    right = right.add_paragraph(line(
        doc.signature.signer_name.trim(),
        size::BODY,
        true,
        false,
        center,
    ));

    let table = Table::without_borders(vec![TableRow::new(vec![left, right]).cant_split()])
        .set_grid(vec![LEFT_COL, right_w])
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed);
    vec![
        // A little air between the body and the foot.
        Block::p(DocxParagraph::new().line_spacing(spacing(0, 0)).size(12)),
        Block::t(table),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_get_dashes_and_an_archive_line() {
        let got = recipient_lines(&["Như trên".into(), "- UBND tỉnh;".into()]);
        assert_eq!(got, ["- Như trên;", "- UBND tỉnh;", "- Lưu: VT."]);
        let got = recipient_lines(&["Lưu: VT, VP".into(), "TT Đảng ủy".into()]);
        assert_eq!(got, ["- TT Đảng ủy;", "- Lưu: VT, VP."]);
    }
}

//! The body: preamble, numbered sections, closing paragraphs. Justified, 14 pt, first-line
//! indent 1.27 cm, 6 pt after each paragraph, line spacing 1.1.

use docx_rs::{AlignmentType, LineSpacing, LineSpacingType, Paragraph as DocxParagraph};

use super::{first_line, run, size, Align, Block, Document, Paragraph, Section};

fn body_spacing() -> LineSpacing {
    LineSpacing::new()
        .before(0)
        .after(120)
        .line(264)
        .line_rule(LineSpacingType::Auto)
}

/// A model paragraph as DOCX.
pub(crate) fn paragraph(p: &Paragraph) -> DocxParagraph {
    let mut out = DocxParagraph::new().line_spacing(body_spacing());
    for s in &p.spans {
        out = out.add_run(run(&s.text, size::BODY, s.bold, s.italic));
    }
    match p.align {
        Align::Body => out
            .align(AlignmentType::Both)
            .indent(None, first_line(), None, None),
        Align::Flush => out.align(AlignmentType::Both),
        Align::Center => out.align(AlignmentType::Center),
        Align::Right => out.align(AlignmentType::Right),
    }
}

fn heading(text: &str, depth: usize) -> DocxParagraph {
    let (bold, italic) = match depth {
        0 | 1 => (true, false),
        2 => (true, true),
        _ => (false, true),
    };
    DocxParagraph::new()
        .add_run(run(text.trim(), size::BODY, bold, italic))
        .align(AlignmentType::Both)
        .indent(None, first_line(), None, None)
        .line_spacing(body_spacing().before(if depth == 0 { 60 } else { 0 }))
        .keep_next(true)
        .outline_lvl(depth.min(8))
}

fn section(s: &Section, depth: usize, out: &mut Vec<Block>) {
    if !s.heading.trim().is_empty() {
        out.push(Block::p(heading(&s.heading, depth)));
    }
    for p in &s.paragraphs {
        out.push(Block::p(paragraph(p)));
    }
    for sub in &s.subsections {
        section(sub, depth + 1, out);
    }
}

pub(super) fn body_blocks(doc: &Document) -> Vec<Block> {
    let mut out = Vec::new();
    for p in &doc.preamble {
        out.push(Block::p(paragraph(p)));
    }
    for s in &doc.sections {
        section(s, 0, &mut out);
    }
    for p in &doc.closing {
        out.push(Block::p(paragraph(p)));
    }
    out
}

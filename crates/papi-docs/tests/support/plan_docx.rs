//! Builds the DOCX plan fixtures at test time with docx-rs from a small line markup, so the
//! fixtures stay readable text (see `tests/fixtures/plans/README.md`):
//!
//! - `# `, `## `, `### ` — a paragraph in the style Heading 1, 2, 3 (Word's built-in names);
//! - `**…**` (the whole line) — a paragraph whose run is bold, nothing else marks it;
//! - `N0: `, `N1: `, `N2: ` — a paragraph of Word's automatic list 1 at level 0, 1, 2: the
//!   number (`I.`, `1.`, `a)`) is in `w:numPr`, not in the text;
//! - `| … |` rows — a `w:tbl`; a row with text in its first two cells only is a group row, its
//!   second cell spanning the rest (`w:gridSpan`); `|---|` separator rows are dropped;
//! - an empty line is dropped; any other line is a plain paragraph.

use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering,
    NumberingId, Paragraph, Run, Start, Style, StyleType, Table, TableCell, TableRow,
};

fn run(text: &str) -> Run {
    Run::new().add_text(text)
}

fn cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(Paragraph::new().add_run(run(text)))
}

fn table(rows: &[Vec<String>]) -> Table {
    let width = rows.iter().map(Vec::len).max().unwrap_or(1);
    let rows = rows
        .iter()
        .map(|cells| {
            let group = cells.len() >= 3 && cells[2..].iter().all(|c| c.is_empty());
            if group {
                TableRow::new(vec![cell(&cells[0]), cell(&cells[1]).grid_span(width - 1)])
            } else {
                TableRow::new(cells.iter().map(|c| cell(c)).collect())
            }
        })
        .collect();
    Table::new(rows)
}

/// The DOCX for `markup` (see the module doc).
pub fn build(markup: &str) -> Vec<u8> {
    let levels = [
        ("upperRoman", "%1."),
        ("decimal", "%2."),
        ("lowerLetter", "%3)"),
    ];
    let mut abstract_num = AbstractNumbering::new(1);
    for (i, (fmt, text)) in levels.iter().enumerate() {
        abstract_num = abstract_num.add_level(Level::new(
            i,
            Start::new(1),
            NumberFormat::new(*fmt),
            LevelText::new(*text),
            LevelJc::new("left"),
        ));
    }
    let mut docx = Docx::new()
        .add_style(Style::new("Heading1", StyleType::Paragraph).name("Heading 1"))
        .add_style(Style::new("Heading2", StyleType::Paragraph).name("Heading 2"))
        .add_style(Style::new("Heading3", StyleType::Paragraph).name("Heading 3"))
        .add_abstract_numbering(abstract_num)
        .add_numbering(Numbering::new(1, 1));
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in markup.lines() {
        let line = line.trim();
        if let Some(inner) = line.strip_prefix('|') {
            let inner = inner.strip_suffix('|').unwrap_or(inner);
            let cells: Vec<String> = inner.split('|').map(|c| c.trim().to_string()).collect();
            if !cells.iter().all(|c| c.chars().all(|ch| "-: ".contains(ch))) {
                rows.push(cells);
            }
            continue;
        }
        if !rows.is_empty() {
            docx = docx.add_table(table(&rows));
            rows.clear();
        }
        if line.is_empty() {
            continue;
        }
        let heading = line.chars().take_while(|&c| c == '#').count();
        let numbered = ["N0: ", "N1: ", "N2: "]
            .iter()
            .position(|p| line.starts_with(p));
        let p = if (1..=3).contains(&heading) {
            Paragraph::new()
                .style(&format!("Heading{heading}"))
                .add_run(run(line[heading..].trim()))
        } else if let Some(level) = numbered {
            Paragraph::new()
                .numbering(NumberingId::new(1), IndentLevel::new(level))
                .add_run(run(&line[4..]))
        } else if line.len() > 4 && line.starts_with("**") && line.ends_with("**") {
            Paragraph::new().add_run(run(&line[2..line.len() - 2]).bold())
        } else {
            Paragraph::new().add_run(run(line))
        };
        docx = docx.add_paragraph(p);
    }
    if !rows.is_empty() {
        docx = docx.add_table(table(&rows));
    }
    let mut out = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .expect("docx-rs packs the fixture");
    out.into_inner()
}

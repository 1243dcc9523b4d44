//! DOCX → text the plan parser reads: one line per paragraph (and per table cell paragraph),
//! headings as Markdown `#` by outline level or Heading style, whole bold runs as `**…**`,
//! Word's automatic list numbering written out (`a)`, `1.`, `-`) since plans often letter
//! their items that way.
//!
//! Read with zip + quick-xml (already built for calamine) rather than docx-rs: docx-rs keeps
//! run formatting values private and does not resolve numbering or style outline levels.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::ImportError;
use crate::limits::{check_text, check_zip, guarded, MAX_PART_UNPACKED};

/// What a paragraph style contributes.
#[derive(Default, Clone)]
struct Style {
    outline: Option<u8>,
    bold: bool,
    based_on: Option<String>,
}

/// One level of a list definition.
#[derive(Clone)]
struct Level {
    fmt: String,
    text: String,
    start: u32,
}

#[derive(Default)]
struct Numbering {
    /// abstractNumId → levels.
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
    /// numId → current counters by level.
    counters: HashMap<String, Vec<u32>>,
}

/// The text of a DOCX. The package passes the zip check first, the text must pass the plan
/// text limits, and a panic while reading is a [`ImportError::Unreadable`].
pub fn docx_to_text(bytes: &[u8]) -> Result<String, ImportError> {
    guarded("DOCX", ImportError::Unreadable, || {
        check_zip(bytes, "DOCX").map_err(|e| ImportError::Unreadable(e.0))?;
        let text = docx_text(bytes)?;
        check_text(&text).map_err(|e| ImportError::Unreadable(e.0))?;
        Ok(text)
    })
}

fn docx_text(bytes: &[u8]) -> Result<String, ImportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ImportError::Docx(format!("không mở được gói DOCX ({e})")))?;
    let document = part(&mut zip, "word/document.xml")?
        .ok_or_else(|| ImportError::Docx("thiếu word/document.xml".into()))?;
    let styles = part(&mut zip, "word/styles.xml")?
        .map(|s| read_styles(&s))
        .transpose()?
        .unwrap_or_default();
    let mut numbering = part(&mut zip, "word/numbering.xml")?
        .map(|s| read_numbering(&s))
        .transpose()?
        .unwrap_or_default();
    read_document(&document, &styles, &mut numbering)
}

fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, ImportError> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ImportError::Docx(format!("{name}: {e}"))),
    };
    let mut s = String::new();
    // the zip check has measured this part; `take` keeps that true whatever happens
    (&mut file)
        .take(MAX_PART_UNPACKED)
        .read_to_string(&mut s)
        .map_err(|e| ImportError::Docx(format!("{name}: {e}")))?;
    Ok(Some(s))
}

fn xml_err(e: impl std::fmt::Display) -> ImportError {
    ImportError::Docx(format!("XML lỗi: {e}"))
}

/// The value of attribute `w:{key}`.
fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == key.as_bytes())
            .then(|| {
                let raw = String::from_utf8_lossy(&a.value).into_owned();
                quick_xml::escape::unescape(&raw)
                    .map(|v| v.into_owned())
                    .ok()
            })
            .flatten()
    })
}

/// `<w:b/>` or `<w:b w:val="true"/>` is on; `w:val="0"`/`"false"` is off.
fn on(e: &BytesStart) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

fn read_styles(xml: &str) -> Result<HashMap<String, Style>, ImportError> {
    let mut styles = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, Style)> = None;
    let mut in_rpr = false;
    loop {
        match reader.read_event().map_err(xml_err)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"style" => {
                    if let Some((id, s)) = current.take() {
                        styles.insert(id, s);
                    }
                    current = attr(&e, "styleId").map(|id| (id, Style::default()));
                }
                b"name" => {
                    if let (Some((_, s)), Some(name)) = (current.as_mut(), attr(&e, "val")) {
                        let lower = name.to_lowercase();
                        if let Some(n) = lower.strip_prefix("heading ") {
                            s.outline = s.outline.or(n
                                .trim()
                                .parse::<u8>()
                                .ok()
                                .and_then(|n| n.checked_sub(1)));
                        } else if lower == "title" {
                            s.outline = s.outline.or(Some(0));
                        }
                    }
                }
                b"basedOn" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.based_on = attr(&e, "val");
                    }
                }
                b"outlineLvl" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.outline = attr(&e, "val").and_then(|v| v.parse().ok());
                    }
                }
                b"rPr" => in_rpr = true,
                b"b" if in_rpr => {
                    if let Some((_, s)) = current.as_mut() {
                        s.bold = on(&e);
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"rPr" => in_rpr = false,
                b"style" => {
                    if let Some((id, s)) = current.take() {
                        styles.insert(id, s);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(styles)
}

fn read_numbering(xml: &str) -> Result<Numbering, ImportError> {
    let mut n = Numbering::default();
    let mut reader = Reader::from_str(xml);
    let mut abstract_id: Option<String> = None;
    let mut level: Option<(usize, Level)> = None;
    let mut num: Option<(String, String, HashMap<usize, u32>)> = None;
    let mut override_lvl: Option<usize> = None;
    loop {
        match reader.read_event().map_err(xml_err)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"abstractNum" => abstract_id = attr(&e, "abstractNumId"),
                b"lvl" if abstract_id.is_some() => {
                    let i = attr(&e, "ilvl")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0usize)
                        .min(MAX_LEVEL);
                    level = Some((
                        i,
                        Level {
                            fmt: "decimal".into(),
                            text: String::new(),
                            start: 1,
                        },
                    ));
                }
                b"start" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.start = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1);
                    }
                }
                b"numFmt" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.fmt = attr(&e, "val").unwrap_or_default();
                    }
                }
                b"lvlText" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.text = attr(&e, "val").unwrap_or_default();
                    }
                }
                b"num" => {
                    num = attr(&e, "numId").map(|id| (id, String::new(), HashMap::new()));
                }
                b"abstractNumId" => {
                    if let Some((_, a, _)) = num.as_mut() {
                        *a = attr(&e, "val").unwrap_or_default();
                    }
                }
                b"lvlOverride" => {
                    override_lvl = attr(&e, "ilvl")
                        .and_then(|v| v.parse().ok())
                        .map(|i: usize| i.min(MAX_LEVEL));
                }
                b"startOverride" => {
                    if let (Some((_, _, o)), Some(i)) = (num.as_mut(), override_lvl) {
                        o.insert(i, attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1));
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"lvl" => {
                    if let (Some(a), Some((i, l))) = (abstract_id.as_ref(), level.take()) {
                        let levels = n.abstracts.entry(a.clone()).or_default();
                        if levels.len() <= i {
                            levels.resize(
                                i + 1,
                                Level {
                                    fmt: "decimal".into(),
                                    text: String::new(),
                                    start: 1,
                                },
                            );
                        }
                        levels[i] = l;
                    }
                }
                b"abstractNum" => abstract_id = None,
                b"num" => {
                    if let Some((id, a, o)) = num.take() {
                        n.nums.insert(id, (a, o));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(n)
}

/// Word has nine list levels (0–8); anything deeper in a broken file is clamped.
const MAX_LEVEL: usize = 8;

fn letters(mut n: u32, upper: bool) -> String {
    if n > 520 {
        return n.to_string();
    }
    // Word's letter lists: a … z, then aa, bb …
    if n == 0 {
        return String::new();
    }
    n -= 1;
    let c = (b'a' + (n % 26) as u8) as char;
    let s = c.to_string().repeat(n as usize / 26 + 1);
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

fn roman(mut n: u32, upper: bool) -> String {
    if n > 3999 {
        return n.to_string();
    }
    const R: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

impl Numbering {
    /// The label Word shows for the next paragraph of list `num_id` at level `ilvl`.
    fn label(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let ilvl = ilvl.min(MAX_LEVEL);
        let (abs, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs)?;
        let level = levels.get(ilvl)?;
        if level.fmt == "bullet" {
            return Some("-".into());
        }
        if level.fmt == "none" {
            return None;
        }
        let start = |i: usize| {
            overrides
                .get(&i)
                .copied()
                .or_else(|| levels.get(i).map(|l| l.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(num_id.to_string()).or_default();
        if counters.len() <= ilvl {
            counters.resize(ilvl + 1, 0);
        }
        counters[ilvl] = if counters[ilvl] == 0 {
            start(ilvl)
        } else {
            counters[ilvl].saturating_add(1)
        };
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = 0;
        }
        let mut text = level.text.clone();
        for (i, value) in counters.iter().enumerate().take(ilvl + 1) {
            let value = if *value == 0 { start(i) } else { *value };
            let fmt = levels.get(i).map_or("decimal", |l| l.fmt.as_str());
            let shown = match fmt {
                "lowerLetter" => letters(value, false),
                "upperLetter" => letters(value, true),
                "lowerRoman" => roman(value, false),
                "upperRoman" => roman(value, true),
                _ => value.to_string(),
            };
            text = text.replace(&format!("%{}", i + 1), &shown);
        }
        Some(text)
    }
}

/// A paragraph being read: its pieces of text with their boldness.
#[derive(Default)]
struct Para {
    style: Option<String>,
    outline: Option<u8>,
    num: (Option<String>, usize),
    pieces: Vec<(String, bool)>,
    run_bold: Option<bool>,
    in_ppr: bool,
    in_rpr: bool,
    in_text: bool,
}

fn read_document(
    xml: &str,
    styles: &HashMap<String, Style>,
    numbering: &mut Numbering,
) -> Result<String, ImportError> {
    let mut reader = Reader::from_str(xml);
    let mut out = String::new();
    let mut stack: Vec<Para> = Vec::new();
    let mut skip_depth = 0usize; // inside mc:Fallback or deleted text
    let mut table = Table::default();
    loop {
        let event = reader.read_event().map_err(xml_err)?;
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                if skip_depth > 0 || matches!(name.as_ref(), b"Fallback" | b"del" | b"instrText") {
                    skip_depth += 1;
                    continue;
                }
                table.start(name.as_ref(), &mut out);
                open(&e, &mut stack);
            }
            Event::Empty(e) if skip_depth == 0 => {
                table.start(e.local_name().as_ref(), &mut out);
                table.end(e.local_name().as_ref(), &mut out);
                open(&e, &mut stack);
                // An empty element opens and closes at once.
                if let Some(p) = stack.last_mut() {
                    match e.local_name().as_ref() {
                        b"pPr" => p.in_ppr = false,
                        b"rPr" => p.in_rpr = false,
                        b"t" => p.in_text = false,
                        _ => {}
                    }
                }
                if e.local_name().as_ref() == b"p" {
                    if let Some(p) = stack.pop() {
                        table.finish(p, styles, numbering, &mut out);
                    }
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                table.end(e.local_name().as_ref(), &mut out);
                let Some(p) = stack.last_mut() else { continue };
                match e.local_name().as_ref() {
                    b"pPr" => p.in_ppr = false,
                    b"rPr" => p.in_rpr = false,
                    b"t" => p.in_text = false,
                    b"r" => p.run_bold = None,
                    b"p" => {
                        if let Some(p) = stack.pop() {
                            table.finish(p, styles, numbering, &mut out);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if skip_depth > 0 {
                    continue;
                }
                if let Some(p) = stack.last_mut() {
                    if p.in_text {
                        let s = t.unescape().map_err(xml_err)?;
                        let bold = p.run_bold.unwrap_or(false);
                        p.pieces.push((s.into_owned(), bold));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Tables are written as Markdown pipe rows (`| STT | Nội dung | … |`), one line per row, so the
/// plan parser sees the columns; a nested table's text joins the outer cell it sits in.
#[derive(Default)]
struct Table {
    depth: usize,
    /// The cells of the outermost row being read.
    row: Option<Vec<String>>,
}

impl Table {
    fn start(&mut self, name: &[u8], out: &mut String) {
        match name {
            b"tbl" => {
                if self.depth == 0 && !out.is_empty() && !out.ends_with("\n\n") {
                    out.push('\n');
                }
                self.depth += 1;
            }
            b"tr" if self.depth == 1 => self.row = Some(Vec::new()),
            b"tc" if self.depth == 1 => {
                if let Some(r) = self.row.as_mut() {
                    r.push(String::new());
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8], out: &mut String) {
        match name {
            b"tbl" => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 0 {
                    self.row = None;
                    out.push('\n');
                }
            }
            b"tr" if self.depth == 1 => {
                if let Some(cells) = self.row.take() {
                    if !cells.is_empty() {
                        out.push('|');
                        for c in cells {
                            out.push(' ');
                            out.push_str(&c.replace('|', "/"));
                            out.push_str(" |");
                        }
                        out.push('\n');
                    }
                }
            }
            _ => {}
        }
    }

    /// A finished paragraph goes to the cell being read, or else to the text.
    fn finish(
        &mut self,
        p: Para,
        styles: &HashMap<String, Style>,
        numbering: &mut Numbering,
        out: &mut String,
    ) {
        let Some(cell) = self.row.as_mut().and_then(|r| r.last_mut()) else {
            if self.depth == 0 {
                finish(p, styles, numbering, out);
            } else {
                // Text in a table but outside any cell of a row: keep it as a paragraph.
                let mut s = String::new();
                finish(p, styles, numbering, &mut s);
                out.push_str(&s);
            }
            return;
        };
        let mut s = String::new();
        finish(p, styles, numbering, &mut s);
        for line in s.lines() {
            let line = line.trim_start_matches('#').trim();
            if line.is_empty() {
                continue;
            }
            if !cell.is_empty() {
                let ended = cell.trim_end().ends_with(['.', ';', ':', ',']);
                cell.push_str(if ended { " " } else { "; " });
            }
            cell.push_str(line);
        }
    }
}

/// Handles an opening (or empty) element inside the body.
fn open(e: &BytesStart, stack: &mut Vec<Para>) {
    let name = e.local_name();
    if name.as_ref() == b"p" {
        stack.push(Para::default());
        return;
    }
    let Some(p) = stack.last_mut() else { return };
    match name.as_ref() {
        b"pPr" => p.in_ppr = true,
        b"rPr" => p.in_rpr = true,
        b"r" => p.run_bold = None,
        b"pStyle" if p.in_ppr => p.style = attr(e, "val"),
        b"outlineLvl" if p.in_ppr => p.outline = attr(e, "val").and_then(|v| v.parse().ok()),
        b"numId" if p.in_ppr => p.num.0 = attr(e, "val"),
        b"ilvl" if p.in_ppr => p.num.1 = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0),
        b"b" if p.in_rpr && !p.in_ppr => p.run_bold = Some(on(e)),
        b"t" => p.in_text = true,
        b"tab" if !p.in_ppr => p.pieces.push((" ".into(), p.run_bold.unwrap_or(false))),
        b"br" | b"cr" => p.pieces.push(("\n".into(), false)),
        b"noBreakHyphen" => p.pieces.push(("-".into(), p.run_bold.unwrap_or(false))),
        _ => {}
    }
}

/// Follows `basedOn` to find a style's outline level and boldness.
fn style_props(styles: &HashMap<String, Style>, id: &str) -> (Option<u8>, bool) {
    let mut outline = None;
    let mut bold = false;
    let mut cur = Some(id.to_string());
    for _ in 0..10 {
        let Some(s) = cur.as_ref().and_then(|c| styles.get(c)) else {
            break;
        };
        outline = outline.or(s.outline);
        bold |= s.bold;
        cur = s.based_on.clone();
    }
    if outline.is_none() {
        // Unknown style ids like "Heading3" without a styles part.
        outline = id
            .strip_prefix("Heading")
            .and_then(|n| n.parse::<u8>().ok())
            .map(|n| n.saturating_sub(1));
    }
    (outline, bold)
}

fn finish(p: Para, styles: &HashMap<String, Style>, numbering: &mut Numbering, out: &mut String) {
    let (style_outline, style_bold) = p
        .style
        .as_deref()
        .map(|s| style_props(styles, s))
        .unwrap_or((None, false));
    let outline = p.outline.or(style_outline).filter(|&o| o < 9);
    let label = match &p.num.0 {
        Some(id) if id != "0" => numbering.label(id, p.num.1),
        _ => None,
    };
    // Split into lines at breaks, each a list of (text, bold) pieces.
    let mut lines: Vec<Vec<(String, bool)>> = vec![Vec::new()];
    for (text, bold) in p.pieces {
        if text == "\n" {
            lines.push(Vec::new());
        } else if let Some(last) = lines.last_mut() {
            last.push((text, bold || style_bold));
        }
    }
    let mut first = true;
    for pieces in lines {
        let mut line = render(&pieces);
        if line.trim().is_empty() {
            continue;
        }
        if first {
            if let Some(l) = &label {
                line = format!("{l} {}", line.trim_start());
            }
        }
        if let Some(o) = outline {
            line = format!("{} {}", "#".repeat(usize::from(o) + 1), line.trim_start());
        }
        out.push_str(line.trim_end());
        out.push('\n');
        first = false;
    }
    out.push('\n');
}

/// Joins pieces, wrapping each stretch of bold text in `**`.
fn render(pieces: &[(String, bool)]) -> String {
    let mut s = String::new();
    let mut i = 0;
    while i < pieces.len() {
        let bold = pieces[i].1;
        let mut chunk = String::new();
        while i < pieces.len() && pieces[i].1 == bold {
            chunk.push_str(&pieces[i].0);
            i += 1;
        }
        if bold && !chunk.trim().is_empty() {
            let lead = &chunk[..chunk.len() - chunk.trim_start().len()];
            let trail = &chunk[chunk.trim_end().len()..];
            s.push_str(lead);
            s.push_str("**");
            s.push_str(chunk.trim());
            s.push_str("**");
            s.push_str(trail);
        } else {
            s.push_str(&chunk);
        }
    }
    s
}

//! Hostile files, made here (no binary fixtures): a sparse XLSX whose two cells span the whole
//! sheet, zip bombs (a real one and one whose headers lie), a task table whose shared-string
//! index makes calamine panic, absurd numbers (`1e308` people), oversized text, TOML and CSV.
//! Every public reader must answer with a Vietnamese error naming the limit, quickly, and
//! without allocating for what the file only claims.

use std::collections::HashSet;
use std::io::{Cursor, Read, Write};
use std::time::Instant;

use papi_docs::limits::{self, panic_message};
use papi_docs::plan_import::{
    docx_to_text, import_plan_file, parse_plan_text, parse_plan_text_checked,
};
use papi_docs::survey::*;
use papi_docs::task_table::{read_task_table_bytes, TableError};
use proptest::prelude::*;
use rust_xlsxwriter::Workbook;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

// ---------------------------------------------------------------- making files

/// A zip of `parts`, deflated (or stored, so that byte mutations reach the XML).
fn package(parts: &[(String, Vec<u8>)], method: CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(method);
    for (name, data) in parts {
        w.start_file(name.as_str(), options).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The parts of a zip, in order.
fn unpack(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The parts of a one-sheet workbook around `sheet_xml` (written by hand, as an attacker
/// would), with a shared-string table when `shared` is given.
fn xlsx_parts(sheet_name: &str, sheet_xml: &str, shared: Option<&str>) -> Vec<(String, Vec<u8>)> {
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    let root_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let wb_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
    );
    let mut parts = vec![
        ("[Content_Types].xml".to_string(), types.as_bytes().to_vec()),
        ("_rels/.rels".into(), root_rels.into_bytes()),
        ("xl/workbook.xml".into(), workbook.into_bytes()),
        ("xl/_rels/workbook.xml.rels".into(), wb_rels.into_bytes()),
        (
            "xl/worksheets/sheet1.xml".into(),
            sheet_xml.as_bytes().to_vec(),
        ),
    ];
    if let Some(s) = shared {
        parts.push(("xl/sharedStrings.xml".into(), s.as_bytes().to_vec()));
    }
    parts
}

fn sheet(dimension: &str, rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>"#
    )
}

/// Cells at A1 and at `far` (e.g. `XFD1048576`), the sheet declaring the range between them.
fn sparse_xlsx(sheet_name: &str, far: &str) -> Vec<u8> {
    let far_row: String = far.chars().filter(char::is_ascii_digit).collect();
    let rows = format!(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>village</t></is></c></row><row r="{far_row}"><c r="{far}"><v>1</v></c></row>"#
    );
    let xml = sheet(&format!("A1:{far}"), &rows);
    package(
        &xlsx_parts(sheet_name, &xml, None),
        CompressionMethod::Deflated,
    )
}

/// A zip holding the small `parts` and one part `big` of `mib` MiB: `head`, spaces, `tail`,
/// written through the zip writer a MiB at a time (the test never holds the part).
fn bomb(parts: &[(String, Vec<u8>)], big: &str, head: &str, mib: usize, tail: &str) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in parts.iter().filter(|(n, _)| n != big) {
        w.start_file(name.as_str(), options).unwrap();
        w.write_all(data).unwrap();
    }
    w.start_file(big, options).unwrap();
    w.write_all(head.as_bytes()).unwrap();
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..mib {
        w.write_all(&spaces).unwrap();
    }
    w.write_all(tail.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

/// One MiB past the per-part limit.
fn over_part_limit() -> usize {
    (limits::MAX_PART_UNPACKED / limits::MIB) as usize + 1
}

/// A task table as an office writes it (rust_xlsxwriter: strings go to the shared table),
/// its sheet named `survey` so that the XLSForm reader reads it too.
fn task_table_xlsx() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("survey").unwrap();
    let rows = [
        [
            "STT",
            "Nhiệm vụ",
            "Nội dung",
            "Chủ trì",
            "Phối hợp",
            "Sản phẩm",
            "Thời hạn",
        ],
        [
            "1",
            "Tuyên truyền",
            "1.1.a",
            "VP UBND",
            "Đoàn TN",
            "Báo cáo",
            "30/06/2025",
        ],
        ["2", "Niêm yết", "1.2.b", "VH-XH", "", "Biên bản", "Quý II"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// `bytes` with the first shared-string cell of the sheet pointing far past the table.
fn shared_string_out_of_bounds(bytes: &[u8]) -> Vec<u8> {
    let mut parts = unpack(bytes);
    let sheet = parts
        .iter_mut()
        .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
        .unwrap();
    let xml = String::from_utf8(sheet.1.clone()).unwrap();
    let at = xml.find(r#"t="s"><v>"#).expect("a shared-string cell") + r#"t="s"><v>"#.len();
    let end = at + xml[at..].find('<').unwrap();
    sheet.1 = format!("{}999999{}", &xml[..at], &xml[end..]).into_bytes();
    package(&parts, CompressionMethod::Deflated)
}

fn villages() -> Vec<String> {
    vec!["Thôn Đông".to_string(), "Thôn Tây".to_string()]
}

fn bands() -> Vec<String> {
    DEFAULT_AGE_BANDS.iter().map(|s| s.to_string()).collect()
}

fn form() -> SurveyForm {
    let mut f = default_form();
    f.set_villages(&villages());
    f
}

/// Every survey reader of an XLSX, each answer as text (`Ok` when it read).
fn survey_xlsx_readers(bytes: &[u8]) -> Vec<Result<(), String>> {
    let (v, b, none) = (villages(), bands(), HashSet::new());
    let spec = ImportSpec {
        villages: &v,
        age_bands: &b,
        existing_uuids: &none,
    };
    let text = |e: ImportErrors| e.to_string();
    vec![
        read_responses(&form(), bytes, "kobo.xlsx", &spec)
            .map(drop)
            .map_err(text),
        read_population(bytes, "dan-so.xlsx", None, None)
            .map(drop)
            .map_err(text),
        read_xlsform(bytes).map(drop).map_err(text),
        read_provincial(bytes, "tinh.xlsx", Some(2024))
            .map(drop)
            .map_err(text),
    ]
}

fn task_table_error(bytes: &[u8], name: &str) -> String {
    match read_task_table_bytes(bytes, name) {
        Err(e @ TableError::Read { .. }) => e.to_string(),
        other => panic!("expected a read error, got {other:?}"),
    }
}

/// Runs `f` and prints how long it took: a figure to read in the test log, never a verdict
/// (timings on a shared machine are no assertion).
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    eprintln!("{what}: {:?}", start.elapsed());
    out
}

// ---------------------------------------------------------------- sparse sheets

#[test]
fn sparse_xlsx_spanning_the_whole_sheet_is_refused() {
    // named `survey` so that the XLSForm reader reads it too
    {
        let bytes = sparse_xlsx("survey", "XFD1048576");
        assert!(bytes.len() < 8 * 1024, "{} bytes", bytes.len());
        let e = timed("read", || task_table_error(&bytes, "bieu.xlsx"));
        assert!(
            e.contains("vượt giới hạn 500.000 dòng") && e.contains("XFD1048576"),
            "{e}"
        );
        for r in timed("read", || survey_xlsx_readers(&bytes)) {
            let e = r.unwrap_err();
            assert!(e.contains("vượt giới hạn 500.000 dòng"), "{e}");
        }
    }
}

#[test]
fn sparse_xlsx_too_wide_or_too_big_is_refused() {
    let wide = sparse_xlsx("survey", "XFD1");
    let e = task_table_error(&wide, "bieu.xlsx");
    assert!(
        e.contains("ô XFD1 ở cột thứ 16.384, vượt giới hạn 4.096 cột"),
        "{e}"
    );

    // 1,300 rows whose last cell is in column 4,000: 5.2 million cells, in a few KB
    let rows: String = (1..=1300)
        .map(|r| format!(r#"<row r="{r}"><c r="EXV{r}"><v>{r}</v></c></row>"#))
        .collect();
    let xml = sheet("A1:EXV1300", &rows);
    let bytes = package(
        &xlsx_parts("Sheet1", &xml, None),
        CompressionMethod::Deflated,
    );
    let e = timed("read", || task_table_error(&bytes, "bieu.xlsx"));
    assert!(e.contains("quá lớn: vượt giới hạn 5.000.000 ô"), "{e}");
}

#[test]
fn sparse_rows_keep_their_excel_numbers() {
    // header on row 3, a blank row 4, a task on row 5: numbered as Excel shows them
    let cell = |r: &str, t: &str| format!(r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#);
    let header: String = ["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"]
        .iter()
        .zip(["B", "C", "D", "E"])
        .map(|(t, c)| cell(&format!("{c}3"), t))
        .collect();
    let task: String = ["1", "Tuyên truyền", "VP UBND", "30/06/2025"]
        .iter()
        .zip(["B", "C", "D", "E"])
        .map(|(t, c)| cell(&format!("{c}5"), t))
        .collect();
    let xml = sheet(
        "B3:E5",
        &format!(r#"<row r="3">{header}</row><row r="5">{task}</row>"#),
    );
    let bytes = package(
        &xlsx_parts("Sheet1", &xml, None),
        CompressionMethod::Deflated,
    );
    let rows = read_task_table_bytes(&bytes, "bieu.xlsx").unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].row, rows[0].title.as_str()), (5, "Tuyên truyền"));
    assert_eq!(rows[0].due, "30/06/2025");
}

// ---------------------------------------------------------------- zip bombs

#[test]
fn docx_bomb_is_refused_before_it_is_unpacked() {
    let doc = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>"#;
    let bytes = bomb(
        &[],
        "word/document.xml",
        doc,
        over_part_limit(),
        "</w:t></w:r></w:p></w:body></w:document>",
    );
    assert!(bytes.len() < 2 << 20, "{} bytes", bytes.len());
    let e = timed("read", || docx_to_text(&bytes))
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "tệp DOCX quá lớn khi giải nén: phần “word/document.xml” vượt giới hạn 200 MB"
    );
    // the command line's reader, from a file
    let path = std::env::temp_dir().join(format!("papi-bomb-{}.docx", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    let e = import_plan_file(&path).unwrap_err().to_string();
    let _ = std::fs::remove_file(&path);
    assert!(e.contains("vượt giới hạn 200 MB"), "{e}");
}

#[test]
fn xlsx_bomb_is_refused_before_it_is_unpacked() {
    let parts = xlsx_parts("survey", "", None);
    let head = format!(r#"<worksheet xmlns="{MAIN}"><sheetData>"#);
    let bytes = bomb(
        &parts,
        "xl/worksheets/sheet1.xml",
        &head,
        over_part_limit(),
        "</sheetData></worksheet>",
    );
    let e = timed("read", || task_table_error(&bytes, "bieu.xlsx"));
    assert!(
        e.contains(
            "tệp XLSX quá lớn khi giải nén: phần “xl/worksheets/sheet1.xml” vượt giới hạn 200 MB"
        ),
        "{e}"
    );
    for r in timed("read", || survey_xlsx_readers(&bytes)) {
        let e = r.unwrap_err();
        assert!(e.contains("vượt giới hạn 200 MB"), "{e}");
    }
}

// ---------------------------------------------------------------- panics inside calamine

#[test]
fn shared_string_index_out_of_bounds_is_an_error_not_a_panic() {
    let bytes = shared_string_out_of_bounds(&task_table_xlsx());
    // calamine itself panics on this file
    let unguarded = std::panic::catch_unwind(|| {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(&bytes[..])).unwrap();
        let _ = book.worksheet_range_at(0);
    });
    assert!(unguarded.is_err(), "calamine no longer panics here");
    // every public reader answers instead
    let e = task_table_error(&bytes, "bieu.xlsx");
    assert!(e.ends_with(&panic_message("XLSX")), "{e}");
    for r in survey_xlsx_readers(&bytes) {
        let e = r.unwrap_err();
        assert!(e.contains(&panic_message("XLSX")), "{e}");
    }
}

// ---------------------------------------------------------------- numbers with a meaning

#[test]
fn absurd_population_is_refused_with_row_and_column() {
    let csv = "village,sex,age_band,population\n\
        Thôn Đông,F,18-29,100\nThôn Đông,M,18-29,1e308\nThôn Tây,F,18-29,2.5\n";
    let e = read_population_csv(csv.as_bytes(), None, None).unwrap_err();
    let lines: Vec<String> = e.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "Dòng 3, cột `population`: “1e308” không hợp lệ: số người vượt giới hạn 10.000.000 người cho một ô",
            "Dòng 4, cột `population`: “2.5” không hợp lệ: số người phải là số nguyên không âm",
        ]
    );
    // the same typed as a number in a sheet
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["village", "sex", "age_band", "population"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "Thôn Đông").unwrap();
    ws.write_string(1, 1, "F").unwrap();
    ws.write_string(1, 2, "18-29").unwrap();
    ws.write_number(1, 3, 1e308).unwrap();
    let e = read_population_xlsx(&wb.save_to_buffer().unwrap(), None, None).unwrap_err();
    let e = e.errors[0].to_string();
    assert!(
        e.starts_with("Dòng 2, cột `population`:") && e.contains("vượt giới hạn 10.000.000"),
        "{e}"
    );
}

#[test]
fn absurd_provincial_score_is_refused() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["province", "year", "SC11"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "P21").unwrap();
    ws.write_number(1, 1, 2024.0).unwrap();
    ws.write_number(1, 2, 1e308).unwrap();
    let e = read_provincial_xlsx(&wb.save_to_buffer().unwrap(), None).unwrap_err();
    let e = e.errors[0].to_string();
    assert!(
        e.starts_with("Dòng 2, cột `SC11`:") && e.contains("0–10"),
        "{e}"
    );
    let e = read_provincial_csv(2024, b"Province,SC11\nP01,1e308\n").unwrap_err();
    assert!(e.errors[0].to_string().contains("0–10"), "{e}");
}

// ---------------------------------------------------------------- text, TOML, CSV

#[test]
fn text_limits() {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../papi-cli/demo/plan.md"
    ))
    .expect("the demo plan in the repository");
    // a 23 MB Markdown (a picture inlined as a data URL) still reads
    let picture = format!(
        "![sơ đồ](data:image/png;base64,{})\n",
        "QUJD".repeat(23 << 18)
    );
    let big = format!("{seed}\n{picture}");
    assert!(big.len() > 23 << 20);
    let plan = timed("read", || parse_plan_text_checked(&big)).unwrap();
    assert_eq!(plan.title, parse_plan_text(&seed).title);
    // past 50 MB: an error, or one warning from the never-failing parser
    let huge = " ".repeat(limits::MAX_TEXT_BYTES + 1);
    let e = parse_plan_text_checked(&huge).unwrap_err().to_string();
    assert!(e.contains("vượt giới hạn 50 MB"), "{e}");
    let p = parse_plan_text(&huge);
    assert_eq!(p.warnings.len(), 1);
    assert!(
        p.warnings[0].contains("vượt giới hạn 50 MB"),
        "{:?}",
        p.warnings
    );
}

#[test]
fn toml_size_and_nesting_are_bounded() {
    let deep = format!("x = {}", "[".repeat(200_000));
    let e = timed("read", || read_toml(&deep)).unwrap_err().to_string();
    assert!(e.contains("TOML"), "{e}");
    let dotted = format!("{} = 1", vec!["a"; 100_000].join("."));
    assert!(read_toml(&dotted).is_err());
    let big = format!("title = \"{}\"", "x".repeat(limits::MAX_TOML_BYTES));
    let e = read_toml(&big).unwrap_err().to_string();
    assert!(e.contains("tệp TOML quá lớn") && e.contains("10 MB"), "{e}");
}

#[test]
fn csv_rows_columns_and_fields_are_bounded() {
    let wide = vec!["c"; 5_000].join(",");
    let e = read_population_csv(wide.as_bytes(), None, None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("vượt giới hạn 4.096 cột"), "{e}");
    let (v, b, none) = (villages(), bands(), HashSet::new());
    let spec = ImportSpec {
        villages: &v,
        age_bands: &b,
        existing_uuids: &none,
    };
    let long = format!("village,{}\n", "x".repeat(limits::MAX_FIELD_BYTES + 1));
    let e = read_responses_csv(&form(), long.as_bytes(), &spec)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("Dòng 1: ô thứ 2 dài quá giới hạn 1.048.576 byte"),
        "{e}"
    );
    let e = task_table_error(wide.as_bytes(), "bieu.csv");
    assert!(e.contains("4.096 cột"), "{e}");
}

// ---------------------------------------------------------------- mutations never panic

/// A small DOCX with the parts our reader reads: styles, numbering, a heading, a list.
fn small_docx() -> Vec<u8> {
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let doc = format!(
        r#"<w:document {w}><w:body><w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Nội dung “Quản trị điện tử”</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>ô</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#
    );
    let styles = format!(
        r#"<w:styles {w}><w:style w:styleId="H1"><w:name w:val="heading 1"/><w:rPr><w:b/></w:rPr></w:style></w:styles>"#
    );
    let numbering = format!(
        r#"<w:numbering {w}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    package(
        &[
            ("word/document.xml".into(), doc.into_bytes()),
            ("word/styles.xml".into(), styles.into_bytes()),
            ("word/numbering.xml".into(), numbering.into_bytes()),
        ],
        CompressionMethod::Stored,
    )
}

/// `bytes` re-packed with every part stored, so that mutations hit the XML itself.
fn stored(bytes: &[u8]) -> Vec<u8> {
    package(&unpack(bytes), CompressionMethod::Stored)
}

fn mutate(mut bytes: Vec<u8>, edits: &[(prop::sample::Index, u8)]) -> Vec<u8> {
    for (at, b) in edits {
        let i = at.index(bytes.len());
        bytes[i] = *b;
    }
    bytes
}

fn edits() -> impl Strategy<Value = Vec<(prop::sample::Index, u8)>> {
    prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12)
}

#[test]
fn small_docx_reads() {
    let text = docx_to_text(&small_docx()).unwrap();
    assert!(text.contains("KẾ HOẠCH") && text.contains("a) "), "{text}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn mutated_task_table_xlsx_never_panics(e in edits()) {
        let bytes = mutate(stored(&task_table_xlsx()), &e);
        let _ = read_task_table_bytes(&bytes, "bieu.xlsx");
        let _ = survey_xlsx_readers(&bytes);
    }

    #[test]
    fn mutated_xlsform_never_panics(e in edits()) {
        let bytes = mutate(stored(&write_xlsform(&form()).unwrap()), &e);
        let _ = read_xlsform(&bytes);
    }

    #[test]
    fn mutated_docx_never_panics(e in edits()) {
        let _ = docx_to_text(&mutate(small_docx(), &e));
    }
}

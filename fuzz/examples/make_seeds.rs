//! Writes the seed corpus of every fuzz target under `fuzz/seeds/<target>/`: small valid files
//! of each format, plus the hostile shapes the readers must refuse (a sparse XLSX spanning the
//! whole sheet, small zip bombs, a shared-string index out of bounds). Plain text seeds are
//! copied from papi-docs' fixtures. Run from `fuzz/`: `cargo run --example make_seeds`.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use papi_docs::survey::{
    default_form, read_population, read_provincial, read_responses, write_xlsform, ImportSpec,
    DEFAULT_QUESTIONNAIRE_TOML,
};
use papi_docs::task_table::read_task_table_bytes;
use rust_xlsxwriter::Workbook;
use zip::write::SimpleFileOptions;

fn save(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new("seeds").join(target);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn package(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        w.start_file(*name, SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

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

/// A workbook of one sheet `name` holding `rows` (numbers written as numbers).
fn xlsx(name: &str, rows: &[&[&str]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(name).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match v.parse::<f64>() {
                Ok(x) if r > 0 => ws.write_number(r, c, x).map(drop),
                _ => ws.write_string(r, c, *v).map(drop),
            }
            .unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A hand-written one-sheet workbook around `sheet_xml`.
fn raw_xlsx(sheet_xml: &str) -> Vec<u8> {
    let rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let workbook = format!(
        r#"<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="survey" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let wb_rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
    );
    package(&[
        ("_rels/.rels", rels.into_bytes()),
        ("xl/workbook.xml", workbook.into_bytes()),
        ("xl/_rels/workbook.xml.rels", wb_rels.into_bytes()),
        ("xl/worksheets/sheet1.xml", sheet_xml.as_bytes().to_vec()),
    ])
}

/// The hostile XLSX shapes: cells at A1 and XFD1048576; a sheet of 2 MB of spaces.
fn hostile_xlsx() -> Vec<(&'static str, Vec<u8>)> {
    let sparse = format!(
        r#"<worksheet xmlns="{MAIN}"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#
    );
    let bomb = format!(
        r#"<worksheet xmlns="{MAIN}"><sheetData>{}</sheetData></worksheet>"#,
        " ".repeat(2 << 20)
    );
    vec![
        ("sparse.xlsx", raw_xlsx(&sparse)),
        ("bomb.xlsx", raw_xlsx(&bomb)),
    ]
}

/// `bytes` with its first shared-string cell pointing past the shared-string table.
fn bad_shared_string(bytes: &[u8]) -> Vec<u8> {
    let mut parts = unpack(bytes);
    for (name, data) in &mut parts {
        if name.starts_with("xl/worksheets/") {
            let xml = String::from_utf8(data.clone()).unwrap();
            *data = xml
                .replacen(r#"t="s"><v>0</v>"#, r#"t="s"><v>9999</v>"#, 1)
                .into_bytes();
        }
    }
    let refs: Vec<(&str, Vec<u8>)> = parts.iter().map(|(n, d)| (n.as_str(), d.clone())).collect();
    package(&refs)
}

const TASKS: &[&[&str]] = &[
    &["BIỂU TỔNG HỢP NHIỆM VỤ"],
    &[
        "STT",
        "Nhiệm vụ",
        "Nội dung",
        "Chủ trì",
        "Phối hợp",
        "Sản phẩm",
        "Thời hạn",
    ],
    &["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
    &["I", "Chỉ số nội dung 1"],
    &[
        "1",
        "Tuyên truyền",
        "1.1.a",
        "VP UBND",
        "Đoàn TN, Hội ND",
        "Báo cáo",
        "30/06/2025",
    ],
    &["2", "Niêm yết", "1.2.b", "VH-XH", "", "Biên bản", "Quý II"],
    &[
        "3",
        "Họp giao ban",
        "",
        "VP UBND",
        "",
        "Biên bản",
        "Hằng tháng",
    ],
];

const POPULATION: &[&[&str]] = &[
    &["village", "sex", "age_band", "population"],
    &["Thôn Đông", "F", "18-29", "100"],
    &["Thôn Đông", "M", "18-29", "90"],
    &["Thôn Tây", "F", "30-44", "1040"],
    &["Thôn Tây", "M", "60+", "55"],
];

const PROVINCIAL: &[&[&str]] = &[
    &["Điểm PAPI theo tỉnh"],
    &["Tỉnh", "Năm", "SC11", "SC12", "SC13", "Tổng"],
    &["P21", "2024", "1.25", "1.5", "2", "44.4"],
    &["P01", "2023", "1", "", "1.75", ""],
];

fn csv(rows: &[&[&str]], delimiter: &str) -> Vec<u8> {
    rows.iter()
        .map(|r| r.join(delimiter) + "\n")
        .collect::<String>()
        .into_bytes()
}

/// A Kobo-like export of the default questionnaire: its question columns, three answers.
fn responses(delimiter: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let form = default_form();
    let mut header = Vec::new();
    let mut row = |i: usize| -> Vec<String> {
        let mut cells = Vec::new();
        for q in &form.questions {
            let v = match q.kind.as_str() {
                "begin_group" | "end_group" | "note" => continue,
                "select_one yes_no" => ["yes", "no", "dk"][i % 3].to_string(),
                "select_one internet_freq" => ["never", "daily", "weekly"][i % 3].to_string(),
                k if k.starts_with("select_one") && q.name == "village" => {
                    ["Thôn Đông", "Thôn Tây"][i % 2].to_string()
                }
                _ if q.name == "sex" => ["F", "M"][i % 2].to_string(),
                _ if q.name == "age_band" => ["18-29", "60+"][i % 2].to_string(),
                k if k.starts_with("select_one") => ["1", "4", "refused"][i % 3].to_string(),
                _ => String::new(),
            };
            if i == 0 {
                header.push(q.name.clone());
            }
            cells.push(v);
        }
        cells.push(format!("uuid-{i}"));
        cells.push(format!("2025-03-0{}T08:00:00", i + 1));
        cells
    };
    let rows: Vec<Vec<String>> = (0..3).map(&mut row).collect();
    header.extend(["_uuid".to_string(), "_submission_time".to_string()]);
    let _ = delimiter;
    (header, rows)
}

fn small_docx(body: &str) -> Vec<u8> {
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let doc = format!(r#"<w:document {w}><w:body>{body}</w:body></w:document>"#);
    let styles = format!(
        r#"<w:styles {w}><w:style w:styleId="H1"><w:name w:val="heading 1"/><w:rPr><w:b/></w:rPr></w:style><w:style w:styleId="H2"><w:basedOn w:val="H1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>"#
    );
    let numbering = format!(
        r#"<w:numbering {w}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="2"/></w:lvlOverride></w:num></w:numbering>"#
    );
    package(&[
        ("word/document.xml", doc.into_bytes()),
        ("word/styles.xml", styles.into_bytes()),
        ("word/numbering.xml", numbering.into_bytes()),
    ])
}

fn para(style: Option<&str>, num: Option<(u8, u8)>, bold: bool, text: &str) -> String {
    let mut ppr = String::new();
    if let Some(s) = style {
        ppr.push_str(&format!(r#"<w:pStyle w:val="{s}"/>"#));
    }
    if let Some((lvl, id)) = num {
        ppr.push_str(&format!(
            r#"<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr>"#
        ));
    }
    let rpr = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    format!(
        r#"<w:p><w:pPr>{ppr}</w:pPr><w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
    )
}

fn main() {
    let fixtures = Path::new("../crates/papi-docs/tests/fixtures");

    // plan_text: the fixtures, as they are
    for f in [
        "cong_thong_tin_an_phu.md",
        "quyet_dinh_hoa_binh.txt",
        "thieu_linh_vuc.txt",
    ] {
        save("plan_text", f, &std::fs::read(fixtures.join(f)).unwrap());
    }

    // plan_docx: a plan in Word's terms (heading styles, outline levels, numbering, a table)
    let plan = std::fs::read_to_string(fixtures.join("thieu_linh_vuc.txt")).unwrap();
    let mut body = String::new();
    for (i, line) in plan.lines().enumerate() {
        let line = line.replace('&', "&amp;").replace('<', "&lt;");
        body.push_str(&match i % 5 {
            0 => para(Some("H1"), None, false, &line),
            1 => para(Some("H2"), None, true, &line),
            2 => para(None, Some((0, 1)), false, &line),
            3 => para(None, Some((1, 1)), true, &line),
            _ => para(None, None, false, &line),
        });
    }
    body.push_str("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ô</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");
    save("plan_docx", "plan.docx", &small_docx(&body));
    let spaces = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", " ".repeat(2 << 20));
    save("plan_docx", "bomb.docx", &small_docx(&spaces));

    // task tables
    let tasks = xlsx("Biểu", TASKS);
    save("task_table_xlsx", "tasks.xlsx", &tasks);
    save(
        "task_table_xlsx",
        "bad-shared-string.xlsx",
        &bad_shared_string(&tasks),
    );
    for (name, bytes) in hostile_xlsx() {
        save("task_table_xlsx", name, &bytes);
    }
    save("task_table_csv", "tasks-comma.csv", &csv(TASKS, ","));
    save("task_table_csv", "tasks-semicolon.csv", &csv(TASKS, ";"));

    // survey answers
    let (header, rows) = responses(",");
    let mut text = header.join(",") + "\n";
    for r in &rows {
        text.push_str(&(r.join(",") + "\n"));
    }
    save("survey_responses", "kobo.csv", text.as_bytes());
    let table: Vec<Vec<&str>> = std::iter::once(&header)
        .chain(&rows)
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let table: Vec<&[&str]> = table.iter().map(Vec::as_slice).collect();
    save("survey_responses", "kobo.xlsx", &xlsx("Khảo sát", &table));
    save("survey_responses", "sparse.xlsx", &hostile_xlsx()[0].1);

    // questionnaires
    save(
        "questionnaire",
        "questionnaire-vi.toml",
        DEFAULT_QUESTIONNAIRE_TOML.as_bytes(),
    );
    save(
        "questionnaire",
        "deep.toml",
        format!("x = {}", "[".repeat(300)).as_bytes(),
    );
    save(
        "questionnaire",
        "xlsform.xlsx",
        &write_xlsform(&default_form()).unwrap(),
    );

    // population
    save("population", "dan-so.csv", &csv(POPULATION, ","));
    save("population", "dan-so.xlsx", &xlsx("Dân số", POPULATION));
    save(
        "population",
        "absurd.csv",
        b"village,sex,age_band,population\nA,F,18-29,1e308\n",
    );

    // provincial scores
    save("provincial", "tinh.xlsx", &xlsx("Điểm", PROVINCIAL));
    save(
        "provincial",
        "2024.csv",
        b"Province,SC11,SC12,SC13,SC14\nP01,1.21,1.3,0.8,1.1\nP21,1.25,1.5,0.9,1\n",
    );
    save(
        "provincial",
        "absurd.csv",
        b"Province,SC11,SC12\nP21,1e308,NaN\n",
    );

    report();
}

/// Prints what each reader makes of the valid seeds, so a seed that stopped reading shows.
fn report() {
    let read = |t: &str, f: &str| std::fs::read(Path::new("seeds").join(t).join(f)).unwrap();
    let show = |what: &str, ok: Result<String, String>| match ok {
        Ok(s) => println!("{what}: ok ({s})"),
        Err(e) => println!(
            "{what}: ERROR {}",
            e.lines().take(3).collect::<Vec<_>>().join(" | ")
        ),
    };
    for (t, f) in [
        ("task_table_xlsx", "tasks.xlsx"),
        ("task_table_csv", "tasks-comma.csv"),
    ] {
        let r = read_task_table_bytes(&read(t, f), f);
        show(
            f,
            r.map(|r| format!("{} rows", r.len()))
                .map_err(|e| e.to_string()),
        );
    }
    let mut form = default_form();
    let villages = vec!["Thôn Đông".to_string(), "Thôn Tây".to_string()];
    form.set_villages(&villages);
    let bands: Vec<String> = papi_docs::survey::DEFAULT_AGE_BANDS
        .iter()
        .map(|s| s.to_string())
        .collect();
    let none = Default::default();
    let spec = ImportSpec {
        villages: &villages,
        age_bands: &bands,
        existing_uuids: &none,
    };
    for f in ["kobo.csv", "kobo.xlsx"] {
        let r = read_responses(&form, &read("survey_responses", f), f, &spec);
        show(
            f,
            r.map(|r| format!("{} rows", r.meta.len()))
                .map_err(|e| e.to_string()),
        );
    }
    for f in ["dan-so.csv", "dan-so.xlsx"] {
        let r = read_population(&read("population", f), f, None, None);
        show(
            f,
            r.map(|p| format!("{:?}", p.adults))
                .map_err(|e| e.to_string()),
        );
    }
    for f in ["tinh.xlsx", "2024.csv"] {
        let r = read_provincial(&read("provincial", f), f, Some(2024));
        show(
            f,
            r.map(|s| format!("{} scores", s.len()))
                .map_err(|e| e.to_string()),
        );
    }
}

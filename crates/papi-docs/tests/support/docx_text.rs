//! Reading documents back in tests: the paragraph texts of a DOCX, plain-text goldens
//! (`PAPI_UPDATE_GOLDEN=1` rewrites them, `PAPI_DOCS_OUT=dir` keeps the DOCX files), and a
//! conversion with LibreOffice to PDF read back with `pdftotext`. Shared by the document tests.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut f = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the DOCX"));
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    s
}

/// The texts of the paragraphs of word/document.xml, in order (table cells included).
pub fn paragraph_texts(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_t = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::Start(e) if e.name().as_ref() == b"w:p" => cur.clear(),
            Event::Empty(e) if e.name().as_ref() == b"w:br" => cur.push('\n'),
            Event::End(e) if e.name().as_ref() == b"w:p" && !cur.trim().is_empty() => {
                out.push(std::mem::take(&mut cur));
            }
            Event::Text(t) if in_t => cur.push_str(&t.unescape().unwrap()),
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

pub fn texts(docx: &[u8]) -> Vec<String> {
    paragraph_texts(&part(docx, "word/document.xml"))
}

pub fn golden(name: &str, docx: &[u8]) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.txt"));
    // PAPI_DOCS_OUT=dir keeps the DOCX files, to open them and look (convert to PNG).
    if let Ok(dir) = std::env::var("PAPI_DOCS_OUT") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(Path::new(&dir).join(format!("{name}.docx")), docx).unwrap();
    }
    let got = texts(docx).join("\n") + "\n";
    if std::env::var("PAPI_UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "golden {} missing; run with PAPI_UPDATE_GOLDEN=1",
            path.display()
        )
    });
    if got != want {
        let first = got
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(got.lines().count().min(want.lines().count()));
        panic!(
            "{name}: text differs from {} at line {}:\n got: {:?}\nwant: {:?}\n\
             (PAPI_UPDATE_GOLDEN=1 rewrites it after review)",
            path.display(),
            first + 1,
            got.lines().nth(first),
            want.lines().nth(first)
        );
    }
}

pub fn tool(name: &str, package: &str) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!(
            "`{name}` is not installed: this test converts the documents with LibreOffice and \
             reads the PDF back. Install it with \
             `apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils` \
             (package {package})"
        )
    })
}

/// Converts `docx` to PDF with LibreOffice in `dir` and returns the PDF's text with runs of
/// whitespace collapsed to one space.
pub fn via_libreoffice(dir: &Path, name: &str, docx: &[u8]) -> String {
    let soffice = tool("libreoffice", "libreoffice-writer-nogui");
    let pdftotext = tool("pdftotext", "poppler-utils");
    std::fs::create_dir_all(dir).unwrap();
    let input = dir.join(format!("{name}.docx"));
    std::fs::write(&input, docx).unwrap();
    let profile = dir.join("lo-profile");
    let out = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .arg(&input)
        .output()
        .expect("libreoffice runs");
    let pdf = dir.join(format!("{name}.pdf"));
    assert!(
        pdf.is_file(),
        "LibreOffice did not convert {name}.docx: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let txt = dir.join(format!("{name}.txt"));
    let st = Command::new(pdftotext)
        .arg("-enc")
        .arg("UTF-8")
        .arg(&pdf)
        .arg(&txt)
        .status()
        .expect("pdftotext runs");
    assert!(st.success());
    let text = std::fs::read_to_string(&txt).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

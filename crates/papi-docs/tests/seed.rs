//! The real plan (Lương Tài 10/KH-UBND) as text and as a DOCX made from it with pandoc.

use std::path::PathBuf;
use std::process::Command;

use papi_docs::plan_import::{docx_to_text, import_plan_file, parse_plan_text, ImportedPlan};

fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/ke-hoach-10-KH-UBND-luong-tai-2025.txt")
}

fn seed() -> ImportedPlan {
    import_plan_file(&seed_path()).expect("seed plan readable")
}

fn item<'a>(p: &'a ImportedPlan, code: &str) -> &'a str {
    p.dimensions
        .iter()
        .flat_map(|d| &d.items)
        .chain(p.cross_cutting.iter().flat_map(|c| &c.items))
        .find(|i| i.code == code)
        .map(|i| i.text.as_str())
        .unwrap_or_else(|| panic!("no item {code}"))
}

#[test]
fn seed_identity_and_structure() {
    let p = seed();
    println!("{}", serde_json::to_string_pretty(&p).unwrap());
    assert_eq!(p.number.as_deref(), Some("10/KH-UBND"));
    assert_eq!(
        p.issued_on.map(|d| d.to_string()).as_deref(),
        Some("2025-01-16")
    );
    assert_eq!(p.year, Some(2025));
    assert_eq!(
        p.title,
        "Nâng cao hiệu quả quản trị và hành chính công xã Lương Tài năm 2025"
    );
    let dims: Vec<(u8, usize)> = p
        .dimensions
        .iter()
        .map(|d| (d.dimension.number(), d.items.len()))
        .collect();
    assert_eq!(
        dims,
        vec![
            (1, 4),
            (2, 4),
            (3, 3),
            (4, 3),
            (5, 4),
            (6, 4),
            (7, 3),
            (8, 4)
        ]
    );
    let cross: Vec<(&str, usize)> = p
        .cross_cutting
        .iter()
        .map(|c| (c.kind.code(), c.items.len()))
        .collect();
    assert_eq!(cross, vec![("outreach", 3), ("inspection", 5)]);
    assert_eq!(p.unit_plan_due_working_days, Some(15));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn seed_items_spanning_paragraphs() {
    let p = seed();
    // 1.2.d is split mid-sentence by a page break: both halves, joined as one sentence.
    let d = item(&p, "1.2.d");
    assert!(d.starts_with("Công khai quy hoạch, kế hoạch sử dụng đất và khung giá đất"));
    assert!(d.contains("lấy ý kiến đóng góp của người dân đối với dự thảo về quy hoạch"));
    assert!(d.ends_with("công khai quy hoạch, kế hoạch sử dụng đất tại UBND xã."));
    // 1.6.a is a short heading line followed by its paragraph.
    let a = item(&p, "1.6.a");
    assert!(a.starts_with(
        "Nâng cao chất lượng công tác chăm sóc sức khỏe ban đầu của mạng lưới y tế tuyến xã\n"
    ));
    assert!(a.contains("Cải tiến quy trình quản lý trong lĩnh vực chăm sóc sức khỏe"));
    // The purpose items of part I and the organisation items of part III are not items.
    assert!(!serde_json::to_string(&p)
        .unwrap()
        .contains("Triển khai đồng bộ, hiệu quả"));
    assert!(item(&p, "KT.đ").starts_with("Các ban, ngành, công chức UBND xã chịu trách nhiệm"));
    assert!(item(&p, "TT.b").contains("trách nhiệm tham gia các hoạt động và đóng góp ý kiến"));
}

#[test]
fn seed_json_shape() {
    let v = serde_json::to_value(seed()).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec![
        "number",
        "issued_on",
        "year",
        "title",
        "dimensions",
        "cross_cutting",
        "reporting_periods",
        "unit_plan_due_working_days",
        "warnings",
    ];
    expected.sort();
    let mut keys = keys;
    keys.sort();
    assert_eq!(keys, expected);
    assert_eq!(
        v["reporting_periods"],
        serde_json::json!([
            {"kind":"half_year","from":"2025-01-01","to":"2025-06-30","due":"2025-07-10"},
            {"kind":"annual","from":"2025-01-01","to":"2025-12-31","due":"2026-01-10"}
        ])
    );
    assert_eq!(v["dimensions"][1]["items"][3]["code"], "1.2.d");
    assert_eq!(v["dimensions"][0]["dimension"], 1);
    assert_eq!(v["cross_cutting"][1]["items"][4]["code"], "KT.đ");
}

/// Runs pandoc (installed on the dev machines and CI) on `markdown`; None if it is missing.
fn pandoc_docx(markdown: &std::path::Path) -> Option<Vec<u8>> {
    let out = std::env::temp_dir().join(format!(
        "papi-docs-{}-{}.docx",
        std::process::id(),
        markdown.file_stem()?.to_string_lossy()
    ));
    let status = Command::new("pandoc")
        .args(["-f", "markdown", "-t", "docx", "-o"])
        .arg(&out)
        .arg(markdown)
        .status()
        .ok()?;
    assert!(status.success(), "pandoc failed");
    let bytes = std::fs::read(&out).ok();
    let _ = std::fs::remove_file(&out);
    bytes
}

#[test]
fn seed_docx_gives_the_same_plan() {
    let Some(bytes) = pandoc_docx(&seed_path()) else {
        panic!("pandoc is needed for this test (apt-get install pandoc)");
    };
    let text = docx_to_text(&bytes).expect("docx readable");
    let from_docx = parse_plan_text(&text);
    let from_text = seed();
    assert_eq!(
        serde_json::to_value(&from_docx).unwrap(),
        serde_json::to_value(&from_text).unwrap()
    );
    // And through the file entry point, chosen by extension.
    let path = std::env::temp_dir().join(format!("papi-docs-seed-{}.docx", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    let via_file = import_plan_file(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    assert_eq!(via_file.dimensions, from_text.dimensions);
}

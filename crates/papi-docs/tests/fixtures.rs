//! Plans written for these tests (not taken from anywhere), each in a shape real plans use:
//! wrapped in the issuing decision, copied from a portal page, or incomplete.

use std::path::PathBuf;
use std::process::Command;

use papi_docs::plan_import::{docx_to_text, import_plan_file, parse_plan_text, ImportedPlan};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn import(name: &str) -> ImportedPlan {
    import_plan_file(&fixture(name)).expect("fixture readable")
}

fn counts(p: &ImportedPlan) -> Vec<(u8, usize)> {
    p.dimensions
        .iter()
        .map(|d| (d.dimension.number(), d.items.len()))
        .collect()
}

fn cross(p: &ImportedPlan) -> Vec<(&'static str, usize)> {
    p.cross_cutting
        .iter()
        .map(|c| (c.kind.code(), c.items.len()))
        .collect()
}

fn periods(p: &ImportedPlan) -> Vec<String> {
    p.reporting_periods
        .iter()
        .map(|r| {
            format!(
                "{} {}..{} due {}",
                serde_json::to_value(r.kind).unwrap().as_str().unwrap(),
                r.from,
                r.to,
                r.due
            )
        })
        .collect()
}

#[test]
fn plan_wrapped_in_its_decision() {
    let p = import("quyet_dinh_hoa_binh.txt");
    // The attached plan has no number or date of its own: the decision's, with warnings.
    assert_eq!(p.number.as_deref(), Some("15/QĐ-UBND"));
    assert_eq!(
        p.issued_on.map(|d| d.to_string()).as_deref(),
        Some("2026-02-20")
    );
    assert_eq!(p.year, Some(2026));
    assert_eq!(
        p.title,
        "Nâng cao hiệu quả quản trị và hành chính công (PAPI) xã Hòa Bình năm 2026"
    );
    assert_eq!(
        counts(&p),
        vec![
            (1, 2),
            (2, 3),
            (3, 2),
            (4, 2),
            (5, 2),
            (6, 2),
            (7, 1),
            (8, 2)
        ]
    );
    assert_eq!(cross(&p), vec![("outreach", 2), ("inspection", 2)]);
    // Last year's score opens sections 1 and 2 but is not an item.
    assert!(p.dimensions[0].items[0]
        .text
        .starts_with("Tổ chức hội nghị thôn"));
    assert!(p.dimensions[1].items[0]
        .text
        .starts_with("Niêm yết danh sách hộ nghèo"));
    assert_eq!(p.dimensions[1].items[2].code, "1.2.c");
    assert_eq!(p.unit_plan_due_working_days, Some(10));
    assert_eq!(
        periods(&p),
        vec![
            "quarter 2026-01-01..2026-03-31 due 2026-04-10",
            "half_year 2026-01-01..2026-06-30 due 2026-07-10",
            "annual 2026-01-01..2026-12-31 due 2027-01-10",
        ]
    );
    assert_eq!(p.warnings.len(), 2, "{:?}", p.warnings);
    assert!(p.warnings[0].contains("15/QĐ-UBND"));
    assert!(p.warnings[1].contains("20/02/2026"));
}

#[test]
fn portal_page_with_numbered_tasks() {
    let p = import("cong_thong_tin_an_phu.md");
    assert_eq!(p.number.as_deref(), Some("07/KH-UBND"));
    assert_eq!(
        p.issued_on.map(|d| d.to_string()).as_deref(),
        Some("2025-03-05")
    );
    assert_eq!(p.title, "Cải thiện Chỉ số PAPI phường An Phú năm 2025");
    assert_eq!(
        counts(&p),
        vec![
            (1, 1),
            (2, 2),
            (3, 1),
            (4, 1),
            (5, 1),
            (6, 1),
            (7, 2),
            (8, 1)
        ]
    );
    assert_eq!(cross(&p), vec![("outreach", 1), ("inspection", 1)]);
    // "(1) … (2) … (3)" tasks stay inside their item, in one paragraph.
    let a = &p.dimensions[0].items[0].text;
    assert!(a.contains("(1) niêm yết danh sách cử tri") && a.contains("(3) báo cáo kết quả"));
    // Portal noise is nowhere: not in items, not in the title, not in warnings.
    let json = serde_json::to_string(&p).unwrap();
    for noise in [
        "Lượt xem",
        "Chia sẻ",
        "https://",
        "Trang chủ",
        "Facebook",
        "Tin liên quan",
    ] {
        assert!(!json.contains(noise), "{noise} leaked: {json}");
    }
    assert_eq!(p.unit_plan_due_working_days, Some(10));
    assert_eq!(
        periods(&p),
        vec![
            "half_year 2025-01-01..2025-06-30 due 2025-06-15",
            "annual 2025-01-01..2025-12-31 due 2025-12-15",
        ]
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn incomplete_plan_is_reported_not_refused() {
    let p = import("thieu_linh_vuc.txt");
    assert_eq!(p.number, None);
    assert_eq!(
        p.issued_on.map(|d| d.to_string()).as_deref(),
        Some("2025-01-10")
    );
    assert_eq!(p.title, "Nâng cao Chỉ số PAPI xã Tân Lập năm 2025");
    assert_eq!(
        counts(&p),
        vec![(1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (7, 1), (8, 1)]
    );
    let has = |s: &str| p.warnings.iter().any(|w| w.contains(s));
    assert!(
        has("Không xác định được số hiệu kế hoạch"),
        "{:?}",
        p.warnings
    );
    assert!(has("Không tìm thấy lĩnh vực 6"), "{:?}", p.warnings);
    assert!(has("Thông tin, tuyên truyền"), "{:?}", p.warnings);
    assert!(has("Kiểm tra, giám sát"), "{:?}", p.warnings);
    assert!(has("ngày làm việc"), "{:?}", p.warnings);
    assert_eq!(
        periods(&p),
        vec!["annual 2025-01-01..2025-12-31 due 2026-01-10"]
    );
    // The last item does not swallow the reporting paragraph after "III. TỔ CHỨC THỰC HIỆN".
    assert_eq!(
        p.dimensions[6].items[0].text,
        "Hỗ trợ dịch vụ công trực tuyến."
    );
}

#[test]
fn fixtures_read_the_same_from_docx() {
    for name in [
        "quyet_dinh_hoa_binh.txt",
        "cong_thong_tin_an_phu.md",
        "thieu_linh_vuc.txt",
    ] {
        let out =
            std::env::temp_dir().join(format!("papi-docs-{}-{name}.docx", std::process::id()));
        let ok = Command::new("pandoc")
            .args(["-f", "markdown", "-t", "docx", "-o"])
            .arg(&out)
            .arg(fixture(name))
            .status()
            .expect("pandoc is needed for this test (apt-get install pandoc)")
            .success();
        assert!(ok);
        let bytes = std::fs::read(&out).unwrap();
        let _ = std::fs::remove_file(&out);
        let from_docx = parse_plan_text(&docx_to_text(&bytes).unwrap());
        let from_text = import(name);
        assert_eq!(
            serde_json::to_value(&from_docx).unwrap(),
            serde_json::to_value(&from_text).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn unreadable_files_say_so_in_vietnamese() {
    let missing = import_plan_file(&fixture("khong_co.txt"))
        .unwrap_err()
        .to_string();
    assert!(missing.starts_with("Không đọc được tệp"), "{missing}");
    let dir = std::env::temp_dir().join(format!("papi-docs-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad_docx = dir.join("hong.docx");
    std::fs::write(&bad_docx, b"not a zip").unwrap();
    let e = import_plan_file(&bad_docx).unwrap_err().to_string();
    assert!(
        e.starts_with("Không đọc được tệp") && e.contains("DOCX"),
        "{e}"
    );
    let latin1 = dir.join("cu.txt");
    std::fs::write(&latin1, [0x4b, 0xc9, 0x20, 0xff, 0xfe]).unwrap();
    let e = import_plan_file(&latin1).unwrap_err().to_string();
    assert!(e.contains("UTF-8"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

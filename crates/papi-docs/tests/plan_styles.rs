//! Plans in the styles communes and wards really write them, each written by hand for this
//! test with known content (`tests/fixtures/plans`, see its README): the assertions are the
//! facts written into the fixture — how many items per dimension, the periods, number, date.

mod support;

use std::path::PathBuf;

use chrono::NaiveDate;
use papi_docs::plan_import::{import_plan_file, parse_plan_text, ImportedPlan};

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/plans")
        .join(name)
}

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).expect("fixture readable")
}

fn import(name: &str) -> ImportedPlan {
    import_plan_file(&fixture_path(name)).expect("fixture readable")
}

/// The DOCX built from a fixture's markup, read back through the file entry point.
fn import_docx(name: &str) -> ImportedPlan {
    let bytes = support::plan_docx::build(&fixture_text(name));
    let path = std::env::temp_dir().join(format!(
        "papi-docs-styles-{}-{name}.docx",
        std::process::id()
    ));
    std::fs::write(&path, &bytes).unwrap();
    let p = import_plan_file(&path);
    let _ = std::fs::remove_file(&path);
    p.expect("generated docx readable")
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
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

fn item<'a>(p: &'a ImportedPlan, code: &str) -> &'a papi_docs::plan_import::ImportedItem {
    p.dimensions
        .iter()
        .flat_map(|d| &d.items)
        .chain(p.cross_cutting.iter().flat_map(|c| &c.items))
        .find(|i| i.code == code)
        .unwrap_or_else(|| panic!("no item {code} in {:#?}", p.dimensions))
}

fn text<'a>(p: &'a ImportedPlan, code: &str) -> &'a str {
    &item(p, code).text
}

// ------------------------------------------------------------ the ward plan of the issue

fn check_ward_plan(p: &ImportedPlan) {
    // Wrapped in its decision, the plan has no number or date of its own: the decision's.
    assert_eq!(p.number.as_deref(), Some("118/QĐ-UBND"));
    assert_eq!(p.issued_on, Some(d(2025, 2, 24)));
    assert_eq!(p.year, Some(2025));
    assert_eq!(
        p.title,
        "Nâng cao Chỉ số hiệu quả quản trị và hành chính công (PAPI) phường Đông Ngàn năm 2025"
    );
    assert_eq!(p.dimensions_found(), 8);
    assert_eq!(
        counts(p),
        vec![
            (1, 3),
            (2, 2),
            (3, 4),
            (4, 2),
            (5, 2),
            (6, 3),
            (7, 1),
            (8, 2)
        ]
    );
    assert_eq!(cross(p), vec![("outreach", 2), ("inspection", 1)]);
    assert_eq!(
        text(p, "1.1.a"),
        "Tổ chức hội nghị nhân dân ở 12 tổ dân phố"
    );
    assert_eq!(
        text(p, "1.1.c"),
        "Lấy ý kiến người dân về dự án nâng cấp đường Nguyễn Văn Cừ."
    );
    // Straight quotes and « » name the dimension as well as “ ”.
    assert_eq!(
        text(p, "1.2.a"),
        "Niêm yết danh sách hộ nghèo, cận nghèo tại nhà văn hóa các tổ dân phố"
    );
    assert_eq!(text(p, "1.3.d"), "Công khai kết quả giải quyết khiếu nại.");
    // a) b) inline, and one task with no mark at all.
    assert_eq!(
        text(p, "1.5.b"),
        "Niêm yết đầy đủ thủ tục tại Bộ phận một cửa."
    );
    assert_eq!(
        text(p, "1.7.a"),
        "Xử lý điểm tập kết rác tự phát tại bãi sông."
    );
    assert_eq!(
        text(p, "KT.a"),
        "Kiểm tra việc thực hiện kế hoạch tại 12 tổ dân phố trong quý III."
    );
    assert_eq!(
        p.dimensions[0].heading,
        "1. Lĩnh vực “Tham gia của người dân ở cấp cơ sở”"
    );
    assert_eq!(
        periods(p),
        vec![
            "half_year 2024-12-01..2025-05-31 due 2025-06-05",
            "annual 2024-12-01..2025-11-30 due 2025-12-05",
        ]
    );
    assert_eq!(p.unit_plan_due_working_days, Some(10));
    assert!(p.unplaced.is_empty(), "{:?}", p.unplaced);
    assert_eq!(p.warnings.len(), 2, "{:?}", p.warnings);
    assert!(p.warnings[0].contains("118/QĐ-UBND"));
    assert!(p.warnings[1].contains("24/02/2025"));
}

#[test]
fn ward_plan_in_its_decision_with_inline_tasks() {
    check_ward_plan(&import("phuong_dong_ngan_quyet_dinh.txt"));
}

#[test]
fn ward_plan_as_docx() {
    check_ward_plan(&import_docx("phuong_dong_ngan_quyet_dinh.txt"));
}

// ------------------------------------------------------------ appendix task table

fn check_table_plan(p: &ImportedPlan) {
    assert_eq!(p.number.as_deref(), Some("21/KH-UBND"));
    assert_eq!(p.issued_on, Some(d(2025, 3, 10)));
    assert_eq!(p.title, "Cải thiện Chỉ số PAPI xã Tiên Phong năm 2025");
    assert_eq!(p.dimensions_found(), 8);
    assert_eq!(
        counts(p),
        vec![
            (1, 2),
            (2, 1),
            (3, 1),
            (4, 1),
            (5, 2),
            (6, 1),
            (7, 1),
            (8, 1)
        ]
    );
    assert_eq!(cross(p), vec![("outreach", 1), ("inspection", 0)]);
    let a = item(p, "1.1.a");
    assert_eq!(a.text, "Tổ chức hội nghị cử tri tại 8 thôn");
    assert_eq!(a.lead_unit.as_deref(), Some("Văn phòng HĐND và UBND"));
    assert_eq!(a.coordinating_units, ["Ủy ban MTTQ xã", "Đoàn Thanh niên"]);
    assert_eq!(a.due, Some(d(2025, 6, 30)));
    assert_eq!(a.due_text.as_deref(), Some("30/6/2025"));
    assert_eq!(a.deliverable.as_deref(), Some("Biên bản hội nghị"));
    let due = |code: &str| item(p, code).due;
    assert_eq!(due("1.1.b"), Some(d(2025, 6, 30))); // Tháng 6/2025
    assert_eq!(due("1.2.a"), Some(d(2025, 6, 30))); // Quý II/2025
    assert_eq!(due("1.3.a"), None); // Thường xuyên
    assert_eq!(item(p, "1.3.a").due_text.as_deref(), Some("Thường xuyên"));
    assert_eq!(
        item(p, "1.3.a").coordinating_units,
        ["Công an xã", "Văn phòng HĐND và UBND"]
    );
    assert_eq!(due("1.4.a"), Some(d(2025, 3, 15))); // Trước ngày 15 tháng 3 năm 2025
    assert_eq!(due("1.5.a"), Some(d(2025, 10, 15)));
    assert_eq!(due("1.5.b"), Some(d(2025, 12, 31))); // Quý IV/2025
    assert_eq!(due("1.7.a"), None); // Hằng tháng
    assert_eq!(due("1.8.a"), Some(d(2025, 9, 30))); // Quý III/2025
    assert_eq!(
        item(p, "1.2.a").lead_unit.as_deref(),
        Some("Công chức Lao động - Thương binh và Xã hội")
    );
    assert_eq!(item(p, "1.6.a").coordinating_units, Vec::<String>::new());
    assert_eq!(text(p, "TT.a"), "Phát thanh chuyên mục PAPI hằng tuần");
    // The general task before any dimension group is kept, not lost, and counted.
    assert_eq!(
        p.unplaced,
        ["Giao chỉ tiêu cải thiện từng lĩnh vực cho các ban, ngành"]
    );
    assert!(
        p.warnings.iter().any(|w| w.starts_with("Có 1 đoạn")),
        "{:?}",
        p.warnings
    );
    assert_eq!(
        periods(p),
        vec![
            "half_year 2025-01-01..2025-06-30 due 2025-06-10",
            "annual 2025-01-01..2025-12-31 due 2025-12-10",
        ]
    );
    assert_eq!(p.unit_plan_due_working_days, Some(7));
}

#[test]
fn appendix_table_in_text() {
    let p = import("phu_luc_bang_nhiem_vu.md");
    check_table_plan(&p);
    // Table items carry their details in the JSON; narrative items keep the old shape.
    let v = serde_json::to_value(&p).unwrap();
    assert_eq!(v["dimensions"][0]["items"][0]["due"], "2025-06-30");
    assert_eq!(
        v["dimensions"][0]["items"][0]["coordinating_units"][1],
        "Đoàn Thanh niên"
    );
}

#[test]
fn appendix_table_in_docx() {
    check_table_plan(&import_docx("phu_luc_bang_nhiem_vu.md"));
}

// ------------------------------------------------------------ Word styles

#[test]
fn docx_with_automatic_numbering() {
    let p = import_docx("tu_dong_danh_so.docx.txt");
    assert_eq!(p.number.as_deref(), Some("05/KH-UBND"));
    assert_eq!(p.issued_on, Some(d(2025, 1, 8)));
    assert_eq!(p.title, "Nâng cao Chỉ số PAPI xã Minh Tân năm 2025");
    assert_eq!(p.dimensions_found(), 8);
    assert_eq!(
        counts(&p),
        vec![
            (1, 2),
            (2, 1),
            (3, 3),
            (4, 1),
            (5, 2),
            (6, 1),
            (7, 2),
            (8, 1)
        ]
    );
    assert_eq!(cross(&p), vec![("outreach", 1), ("inspection", 1)]);
    // The numbers Word shows are not in the text: derived from numPr and the numbering part.
    assert_eq!(
        p.dimensions[0].heading,
        "1. Nội dung “Tham gia của người dân ở cấp cơ sở”"
    );
    assert_eq!(
        p.dimensions[2].heading,
        "3. Trách nhiệm giải trình với người dân"
    );
    assert_eq!(
        text(&p, "1.3.c"),
        "Đối thoại với người dân về giải phóng mặt bằng."
    );
    assert_eq!(text(&p, "1.7.b"), "Trồng 300 cây xanh dọc đê.");
    assert_eq!(p.unit_plan_due_working_days, Some(15));
    assert_eq!(
        periods(&p),
        vec![
            "half_year 2025-01-01..2025-06-30 due 2025-07-10",
            "annual 2025-01-01..2025-12-31 due 2026-01-10",
        ]
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn docx_with_heading_styles() {
    let p = import_docx("tieu_de_kieu.docx.txt");
    assert_eq!(p.number.as_deref(), Some("12/KH-UBND"));
    assert_eq!(p.issued_on, Some(d(2025, 1, 20)));
    assert_eq!(p.title, "Cải thiện Chỉ số PAPI xã Đức Hợp năm 2025");
    assert_eq!(p.dimensions_found(), 8);
    assert_eq!(
        counts(&p),
        vec![
            (1, 2),
            (2, 1),
            (3, 2),
            (4, 1),
            (5, 1),
            (6, 3),
            (7, 1),
            (8, 1)
        ]
    );
    assert_eq!(cross(&p), vec![("outreach", 1), ("inspection", 2)]);
    assert_eq!(
        p.dimensions[1].heading,
        "Lĩnh vực 2: Công khai, minh bạch trong việc ra quyết định ở địa phương"
    );
    assert_eq!(text(&p, "1.2.a"), "Công khai quy hoạch sử dụng đất.");
    assert_eq!(text(&p, "1.6.c"), "Bảo đảm nước sạch.");
    assert_eq!(
        text(&p, "KT.b"),
        "Báo cáo kết quả kiểm tra với Chủ tịch UBND xã."
    );
    assert_eq!(p.unit_plan_due_working_days, Some(10));
    assert_eq!(
        periods(&p),
        vec![
            "half_year 2025-01-01..2025-06-30 due 2025-07-05",
            "annual 2025-01-01..2025-12-31 due 2026-01-05",
        ]
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn docx_with_bold_only_headings() {
    let p = import_docx("tieu_de_dam.docx.txt");
    assert_eq!(p.number.as_deref(), Some("03/KH-UBND"));
    assert_eq!(p.issued_on, Some(d(2025, 1, 6)));
    assert_eq!(
        p.title,
        "Nâng cao hiệu quả quản trị và hành chính công xã Yên Lạc năm 2025"
    );
    assert_eq!(p.dimensions_found(), 8);
    assert_eq!(
        counts(&p),
        vec![
            (1, 1),
            (2, 2),
            (3, 1),
            (4, 2),
            (5, 1),
            (6, 1),
            (7, 3),
            (8, 1)
        ]
    );
    assert_eq!(cross(&p), vec![("outreach", 1), ("inspection", 1)]);
    assert_eq!(p.dimensions[7].heading, "Quản trị điện tử");
    assert_eq!(text(&p, "1.7.b"), "Xử lý nước thải chăn nuôi.");
    assert_eq!(p.unit_plan_due_working_days, Some(15));
    assert_eq!(
        periods(&p),
        vec![
            "half_year 2025-01-01..2025-06-30 due 2025-06-10",
            "annual 2025-01-01..2025-12-31 due 2025-12-10",
        ]
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

// ------------------------------------------------------------ text styles

#[test]
fn roman_numbered_dimensions_with_arabic_items() {
    let p = import("la_ma.txt");
    assert_eq!(p.number.as_deref(), Some("09/KH-UBND"));
    assert_eq!(p.issued_on, Some(d(2025, 1, 14))); // "Phú Lâm, ngày 14/01/2025"
    assert_eq!(
        p.title,
        "Thực hiện các giải pháp nâng cao Chỉ số PAPI xã Phú Lâm năm 2025"
    );
    assert_eq!(p.dimensions_found(), 8);
    assert_eq!(
        counts(&p),
        vec![
            (1, 2),
            (2, 3),
            (3, 1),
            (4, 2),
            (5, 1),
            (6, 2),
            (7, 1),
            (8, 2)
        ]
    );
    assert_eq!(cross(&p), vec![("outreach", 1), ("inspection", 1)]);
    assert_eq!(text(&p, "1.2.c"), "Niêm yết danh sách hộ nghèo.");
    // "C. TỔ CHỨC THỰC HIỆN" ends the last section.
    assert_eq!(text(&p, "KT.a"), "Kiểm tra việc thực hiện tại các thôn.");
    assert_eq!(p.unit_plan_due_working_days, Some(5));
    assert_eq!(
        periods(&p),
        vec![
            "quarter 2025-01-01..2025-03-31 due 2025-03-15",
            "half_year 2025-01-01..2025-06-30 due 2025-06-15",
            "annual 2025-01-01..2025-12-31 due 2025-12-15",
        ]
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn items_over_several_paragraphs() {
    let p = import("nhieu_doan.txt");
    assert_eq!(p.number.as_deref(), Some("14/KH-UBND"));
    assert_eq!(p.issued_on, Some(d(2025, 1, 17)));
    assert_eq!(
        counts(&p),
        vec![
            (1, 2),
            (2, 1),
            (3, 3),
            (4, 1),
            (5, 1),
            (6, 1),
            (7, 1),
            (8, 1)
        ]
    );
    assert_eq!(cross(&p), vec![("outreach", 1), ("inspection", 1)]);
    assert_eq!(
        text(&p, "1.1.a"),
        "Tổ chức bầu cử trưởng thôn nhiệm kỳ 2025 - 2027 đúng quy định\n\
         Ban hành kế hoạch bầu cử, thành lập tổ bầu cử ở từng thôn.\n\
         - Niêm yết danh sách cử tri trước ngày bầu cử 10 ngày;\n\
         - Báo cáo kết quả bầu cử về UBND xã."
    );
    // Split mid-sentence (a page break): joined with a space.
    assert_eq!(
        text(&p, "1.1.b"),
        "Lấy ý kiến Nhân dân về phương án xây dựng đường trục thôn Bắc trước khi UBND xã \
         quyết định, bảo đảm mọi hộ gia đình được thông báo và được tham gia ý kiến."
    );
    assert_eq!(
        text(&p, "1.2.a"),
        "Công khai dự toán, quyết toán ngân sách xã:\n\
         (1) niêm yết tại trụ sở UBND xã;\n\
         (2) đăng trên Trang thông tin điện tử xã."
    );
    assert_eq!(
        text(&p, "1.6.a"),
        "Nâng cấp trạm y tế\nMua sắm trang thiết bị khám bệnh;\nsửa chữa phòng khám."
    );
    assert!(p.unplaced.is_empty(), "{:?}", p.unplaced);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn portal_page_noise_is_dropped() {
    let p = import("cong_thong_tin_nhieu.txt");
    assert_eq!(p.number.as_deref(), Some("16/KH-UBND"));
    assert_eq!(p.issued_on, Some(d(2025, 1, 21)));
    assert_eq!(p.title, "Nâng cao Chỉ số PAPI xã Thanh Xuân năm 2025");
    assert_eq!(
        counts(&p),
        vec![
            (1, 2),
            (2, 1),
            (3, 1),
            (4, 1),
            (5, 1),
            (6, 2),
            (7, 1),
            (8, 1)
        ]
    );
    assert_eq!(cross(&p), vec![("outreach", 1), ("inspection", 1)]);
    assert_eq!(text(&p, "1.1.a"), "Tổ chức hội nghị cử tri tại 5 thôn.");
    assert_eq!(text(&p, "1.5.a"), "Giải quyết hồ sơ đúng hạn.");
    assert_eq!(text(&p, "KT.a"), "Kiểm tra việc thực hiện.");
    let json = serde_json::to_string(&p).unwrap();
    for noise in [
        "Giới thiệu",
        "Trang chủ",
        "Chia sẻ",
        "In trang",
        "Lượt xem",
        "Facebook",
        "Zalo",
        "Tải về",
        "truy cập",
        "Bản quyền",
        "Điện thoại",
        "gmail",
        "Chịu trách nhiệm chính",
    ] {
        assert!(!json.contains(noise), "{noise} leaked: {json}");
    }
    assert_eq!(
        periods(&p),
        vec![
            "half_year 2025-01-01..2025-06-30 due 2025-07-10",
            "annual 2025-01-01..2025-12-31 due 2026-01-10",
        ]
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn dates_in_every_written_form() {
    let template = fixture_text("ngay_thang.txt");
    for written in [
        "Lương Tài, ngày 16 tháng 01 năm 2025",
        "Lương Tài, ngày  16  tháng 1 năm 2025",
        "Lương Tài, 16/01/2025",
        "Lương Tài, ngày 16-01-2025",
        "Lương Tài, 16.01.2025",
        "Lương Tài, ngày 16/1/2025",
        "ngày 16/1/2025",
    ] {
        let p = parse_plan_text(&template.replace("NGÀY_BAN_HÀNH", written));
        assert_eq!(p.issued_on, Some(d(2025, 1, 16)), "{written}");
        assert_eq!(p.year, Some(2025));
        assert_eq!(p.number.as_deref(), Some("11/KH-UBND"));
        assert_eq!(p.dimensions_found(), 8, "{written}");
        assert_eq!(cross(&p), vec![("outreach", 1), ("inspection", 1)]);
        // The report dates are written with -, . and in words.
        assert_eq!(
            periods(&p),
            vec![
                "quarter 2025-01-01..2025-03-31 due 2025-04-10",
                "half_year 2025-01-01..2025-06-30 due 2025-07-10",
                "annual 2025-01-01..2025-12-31 due 2026-01-10",
            ],
            "{written}"
        );
        assert!(p.warnings.is_empty(), "{written}: {:?}", p.warnings);
    }
}

#[test]
fn a_decision_about_something_else_is_no_plan() {
    let p = import("khong_phai_ke_hoach.txt");
    assert_eq!(p.dimensions_found(), 0);
    assert!(p.dimensions.is_empty());
    assert_eq!(p.number.as_deref(), Some("45/QĐ-UBND"));
    assert_eq!(p.issued_on, Some(d(2025, 4, 3)));
    assert!(p.reporting_periods.is_empty());
    assert!(p
        .warnings
        .iter()
        .any(|w| w.contains("Không tìm thấy lĩnh vực 1")));
}

#[test]
fn task_paragraphs_outside_any_section_are_kept_as_unplaced() {
    // Written for this test: two lettered tasks under a heading that names no dimension,
    // between two dimensions, and purpose items before the first (those are not tasks).
    let p = parse_plan_text(
        "Số: 02/KH-UBND\n\nAn Lạc, ngày 05 tháng 01 năm 2025\n\nKẾ HOẠCH\n\
         Nâng cao Chỉ số PAPI xã An Lạc năm 2025\n\n\
         I. MỤC ĐÍCH\n\na) Cải thiện Chỉ số PAPI.\n\n\
         II. NỘI DUNG\n\n1. Tham gia của người dân ở cấp cơ sở\n\na) Họp dân.\n\n\
         2. Nhiệm vụ trọng tâm khác\n\na) Rà soát quy chế làm việc.\n\n\
         b) Sắp xếp lại Bộ phận Một cửa.\n\n\
         3. Quản trị điện tử\n\na) Dịch vụ công trực tuyến.\n\n\
         III. TỔ CHỨC THỰC HIỆN\n\na) Các ban, ngành triển khai.\n",
    );
    assert_eq!(counts(&p), vec![(1, 1), (8, 1)]);
    assert_eq!(p.dimensions_found(), 2);
    assert_eq!(
        p.unplaced,
        [
            "a) Rà soát quy chế làm việc.",
            "b) Sắp xếp lại Bộ phận Một cửa."
        ]
    );
    assert!(
        p.warnings.iter().any(|w| w.starts_with("Có 2 đoạn")),
        "{:?}",
        p.warnings
    );
    // It is in the JSON the dry run prints.
    let v = serde_json::to_value(&p).unwrap();
    assert_eq!(v["unplaced"][1], "b) Sắp xếp lại Bộ phận Một cửa.");
}

#[test]
fn text_after_the_colon_introducing_lettered_items_stays_in_the_heading() {
    let p = parse_plan_text(
        "II. NỘI DUNG\n\n7. Lĩnh vực “Quản trị môi trường”: thực hiện các nhiệm vụ sau\n\n\
         a) Thu gom rác thải.\n\nb) Trồng cây xanh.\n\n\
         8. Lĩnh vực “Quản trị điện tử”: Hướng dẫn dịch vụ công trực tuyến.\n\n\
         III. TỔ CHỨC THỰC HIỆN\n",
    );
    assert_eq!(counts(&p), vec![(7, 2), (8, 1)]);
    assert_eq!(
        p.dimensions[0].heading,
        "7. Lĩnh vực “Quản trị môi trường”: thực hiện các nhiệm vụ sau"
    );
    assert_eq!(text(&p, "1.7.a"), "Thu gom rác thải.");
    assert_eq!(text(&p, "1.8.a"), "Hướng dẫn dịch vụ công trực tuyến.");
}

#[test]
fn task_table_with_the_usual_header_and_a_cross_section_group() {
    let p = parse_plan_text(
        "PHỤ LỤC\n\n\
         | STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |\n\
         |:---:|---|---|---|---|---|\n\
         | I. | Nội dung 5: Thủ tục hành chính công | | | | |\n\
         | 1 | Rà soát thủ tục | Văn phòng | Tư pháp; Địa chính | Quý 2/2025 | Báo cáo rà soát |\n\
         | 2 | Khảo sát hài lòng | Văn phòng | | Trước ngày 15 tháng 3 năm 2025 | Phiếu khảo sát |\n\
         | II. | Kiểm tra, giám sát | | | | |\n\
         | 3 | Kiểm tra các thôn | Chủ tịch UBND xã | Các ban, ngành | Tháng 11 năm 2025 | Biên bản |\n",
    );
    assert_eq!(counts(&p), vec![(5, 2)]);
    assert_eq!(cross(&p), vec![("outreach", 0), ("inspection", 1)]);
    let a = item(&p, "1.5.a");
    assert_eq!(a.lead_unit.as_deref(), Some("Văn phòng"));
    assert_eq!(a.coordinating_units, ["Tư pháp", "Địa chính"]);
    assert_eq!(a.due, Some(d(2025, 6, 30)));
    assert_eq!(a.deliverable.as_deref(), Some("Báo cáo rà soát"));
    assert_eq!(item(&p, "1.5.b").due, Some(d(2025, 3, 15)));
    let k = item(&p, "KT.a");
    assert_eq!(k.text, "Kiểm tra các thôn");
    assert_eq!(k.coordinating_units, ["Các ban, ngành"]);
    assert_eq!(k.due, Some(d(2025, 11, 30)));
    assert!(p.unplaced.is_empty(), "{:?}", p.unplaced);
}

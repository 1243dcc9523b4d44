//! The disclosure documents: the quarterly list (Luật 10/2022/QH15 Điều 13 khoản 2 ¶2) and the
//! annual report to the People's Council (Điều 14 khoản 3) against their goldens, with the
//! Decree-30 frame read back from the DOCX and the list's columns in its landscape table.

use chrono::NaiveDate;
use papi_docs::decree30::{write_docx, Signature, MOTTO, NATIONAL_TITLE};
use papi_docs::disclosure::*;
use papi_docs::reports::Letterhead;

#[path = "support/docx_text.rs"]
mod docx_text;
use docx_text::{golden, part, texts};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn head() -> Letterhead {
    Letterhead {
        issuer_parent: "UBND TỈNH HƯNG YÊN".into(),
        issuer: "ỦY BAN NHÂN DÂN XÃ LƯƠNG TÀI".into(),
        issuer_short: "UBND xã Lương Tài".into(),
        place: "Lương Tài".into(),
        recipients: vec![
            "Thường trực HĐND xã".into(),
            "Ủy ban MTTQ Việt Nam xã".into(),
            "Lưu: VT, VP".into(),
        ],
        signature: Signature {
            authority: "TM. ỦY BAN NHÂN DÂN".into(),
            position: "CHỦ TỊCH".into(),
            deputy: false,
            signer_name: "Nguyễn Trọng Chung".into(),
        },
    }
}

fn rows() -> Vec<DisclosedRow> {
    vec![
        DisclosedRow {
            group: 10,
            title: "Kết luận kiểm tra Bộ phận một cửa quý III năm 2025".into(),
            legal_basis: "Luật 10/2022/QH15 Điều 11 khoản 10".into(),
            decided_on: d(2025, 10, 1),
            forms: vec![
                "Niêm yết tại trụ sở HĐND, UBND xã: từ 03/10/2025 (đang công khai)".into(),
                "Phát trên hệ thống truyền thanh: các ngày 06/10/2025, 07/10/2025, 08/10/2025"
                    .into(),
            ],
            standing: "đúng hạn".into(),
        },
        DisclosedRow {
            group: 5,
            title: "Mức huy động Nhân dân đóng góp làm đường bê tông thôn Đông".into(),
            legal_basis: "Luật 10/2022/QH15 Điều 11 khoản 5".into(),
            decided_on: d(2025, 9, 1),
            forms: vec!["Niêm yết tại trụ sở HĐND, UBND xã: từ 15/09/2025 (đang công khai)".into()],
            standing: "chậm".into(),
        },
    ]
}

fn quarter() -> QuarterListData {
    QuarterListData {
        head: head(),
        number: "25/TB-UBND".into(),
        date: d(2025, 10, 15),
        commune: "xã Lương Tài".into(),
        year: 2025,
        quarter: 4,
        rows: rows(),
    }
}

fn annual() -> AnnualReportData {
    AnnualReportData {
        head: head(),
        number: "120/BC-UBND".into(),
        date: d(2025, 12, 10),
        commune: "xã Lương Tài".into(),
        year: 2025,
        by_group: vec![
            (5, "Quản lý, sử dụng các loại quỹ".into(), 1),
            (10, "Kết quả thanh tra, kiểm tra".into(), 1),
        ],
        by_standing: vec![("Đúng hạn".into(), 1), ("Chậm".into(), 1)],
        redisclosed: 0,
        open_findings: vec!["Mức huy động: thiếu niêm yết tại Thôn Tây.".into()],
        rows: rows(),
    }
}

#[test]
fn goldens() {
    golden(
        "disclosure_quarterly_list",
        &write_docx(&quarterly_list(&quarter())).unwrap(),
    );
    golden(
        "disclosure_annual_report",
        &write_docx(&annual_report(&annual())).unwrap(),
    );
}

#[test]
fn both_open_with_the_decree_30_frame_and_carry_the_list() {
    for (doc, kind) in [
        (quarterly_list(&quarter()), "THÔNG BÁO"),
        (annual_report(&annual()), "BÁO CÁO"),
    ] {
        let docx = write_docx(&doc).unwrap();
        let t = texts(&docx);
        let pos = |needle: &str| {
            t.iter()
                .position(|p| p == needle)
                .unwrap_or_else(|| panic!("{needle:?} in {t:#?}"))
        };
        assert!(pos(NATIONAL_TITLE) < pos(MOTTO));
        assert!(pos(MOTTO) < pos(kind));
        assert!(pos(&format!("Số: {}", doc.number)) < pos(kind));
        let at = pos("STT");
        assert_eq!(t[at + 1], "Nội dung công khai");
        assert!(t
            .iter()
            .any(|p| p.contains("các ngày 06/10/2025, 07/10/2025, 08/10/2025")));
        assert!(part(&docx, "word/document.xml").contains(r#"w:orient="landscape""#));
    }
    let q = texts(&write_docx(&quarterly_list(&quarter())).unwrap());
    assert!(q
        .iter()
        .any(|p| p.contains("Danh mục thông tin đã công khai quý IV năm 2025")));
    let a = texts(&write_docx(&annual_report(&annual())).unwrap());
    assert!(a.iter().any(|p| p.contains("khoản 3 Điều 14")));
    assert!(a
        .iter()
        .any(|p| p == "- Mức huy động: thiếu niêm yết tại Thôn Tây."));
}

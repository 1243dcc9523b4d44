//! "Thông báo kết quả kiểm tra": its text against a golden, the Decree-30 frame, the results
//! disclosed under Luật 10/2022/QH15 Điều 11 khoản 10, and a LibreOffice round trip when
//! LibreOffice is installed.

use chrono::NaiveDate;
use papi_docs::decree30::{write_docx, Signature, MOTTO, NATIONAL_TITLE};
use papi_docs::inspection::{notice, CriterionLine, FindingLine, NoticeData};
use papi_docs::reports::Letterhead;

#[path = "support/docx_text.rs"]
mod docx_text;
use docx_text::{golden, texts, via_libreoffice};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn data() -> NoticeData {
    NoticeData {
        head: Letterhead {
            issuer_parent: "UBND TỈNH HƯNG YÊN".into(),
            issuer: "ỦY BAN NHÂN DÂN XÃ LƯƠNG TÀI".into(),
            issuer_short: "UBND xã Lương Tài".into(),
            place: "Lương Tài".into(),
            recipients: vec![
                "Bộ phận Một cửa".into(),
                "Ủy ban MTTQ Việt Nam xã, Ban Thanh tra nhân dân".into(),
                "Lưu: VT".into(),
            ],
            signature: Signature {
                authority: "TM. ỦY BAN NHÂN DÂN".into(),
                position: "CHỦ TỊCH".into(),
                deputy: false,
                signer_name: "Trần Văn Minh".into(),
            },
        },
        number: "25/TB-UBND".into(),
        date: d(2025, 6, 12),
        target: "Bộ phận Một cửa".into(),
        mode: "đột xuất".into(),
        subject: "Bộ phận một cửa".into(),
        held_on: d(2025, 6, 10),
        inspector: "Nguyễn Thị Lan, Chánh Văn phòng".into(),
        criteria: vec![
            CriterionLine {
                text: "Tỷ lệ hồ sơ giải quyết đúng hạn trong kỳ".into(),
                verdict: "Đạt".into(),
                note: "142/150 hồ sơ đúng hạn".into(),
            },
            CriterionLine {
                text: "Mỗi hồ sơ trễ hạn có \"Phiếu xin lỗi và hẹn lại ngày trả kết quả\"".into(),
                verdict: "Không đạt".into(),
                note: "2 hồ sơ thiếu phiếu".into(),
            },
        ],
        conclusion: vec!["Bộ phận Một cửa giải quyết đúng hạn 94,7% hồ sơ".into()],
        findings: vec![FindingLine {
            text: "2 hồ sơ trễ hạn không có phiếu xin lỗi".into(),
            owner: "Bộ phận Một cửa".into(),
            due: d(2025, 6, 24),
            status: "Đang khắc phục".into(),
        }],
    }
}

#[test]
fn golden_text() {
    golden("inspection_notice", &write_docx(&notice(&data())).unwrap());
}

#[test]
fn the_notice_has_the_decree_30_frame_and_the_disclosure_basis() {
    let doc = notice(&data());
    let t = texts(&write_docx(&doc).unwrap());
    for needle in [NATIONAL_TITLE, MOTTO, "THÔNG BÁO", "Số: 25/TB-UBND"] {
        assert!(
            t.iter().any(|p| p.contains(needle)),
            "{needle} missing in {t:#?}"
        );
    }
    let all = t.join("\n");
    assert!(all.contains("khoản 10 Điều 11 Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"));
    assert!(all.contains("thời hạn khắc phục: 24/06/2025"));
    assert!(all.contains("Phiếu xin lỗi và hẹn lại ngày trả kết quả"));
    let mut none = data();
    none.findings.clear();
    let t = texts(&write_docx(&notice(&none)).unwrap()).join("\n");
    assert!(t.contains("Không có nội dung phải khắc phục."));
}

#[test]
fn libreoffice_reads_the_notice_back() {
    let installed = std::process::Command::new("libreoffice")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !installed {
        println!("libreoffice is not installed: the PDF round trip is skipped");
        return;
    }
    let dir = std::env::temp_dir().join(format!("papi-inspection-lo-{}", std::process::id()));
    let pdf = via_libreoffice(
        &dir,
        "inspection_notice",
        &write_docx(&notice(&data())).unwrap(),
    );
    for needle in [
        NATIONAL_TITLE,
        MOTTO,
        "THÔNG BÁO",
        "Nơi nhận:",
        "Trần Văn Minh",
    ] {
        assert!(pdf.contains(needle), "{needle:?} not in {pdf}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

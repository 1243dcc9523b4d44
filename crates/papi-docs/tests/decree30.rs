//! Decree-30 documents: structure read back from the DOCX XML, the paragraph texts against
//! plain-text goldens (`PAPI_UPDATE_GOLDEN=1` rewrites them), a round trip through the plan
//! importer, and a conversion with LibreOffice to PDF read back with `pdftotext`.

use std::io::Read;

use chrono::NaiveDate;
use papi_core::{Dimension, TaskStatus};
use papi_docs::decree30::{write_docx, Document, Signature, MOTTO, NATIONAL_TITLE};
use papi_docs::reports::{
    commune_report_document, compliance_xlsx, plan_document, report_figures_xlsx,
    unit_plan_document, unit_report_document, write_xlsx_table, Cell, CommuneReportData,
    DimensionReport, Figure, Letterhead, OrgDuty, PlanDimension, PlanDocData, Projection,
    ReportKind, ReportSection, ReportingDate, SubmissionState, TaskResult, UnitPlanData,
    UnitPlanLine, UnitReportData, UnitSubmission, UnitTaskReport,
};
use papi_docs::task_table::TaskTableRow;

#[path = "support/docx_text.rs"]
mod docx_text;
use docx_text::{golden, part, texts, via_libreoffice};

// ---------------------------------------------------------------- fixtures

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn commune_head() -> Letterhead {
    Letterhead {
        issuer_parent: "UBND TỈNH HƯNG YÊN".into(),
        issuer: "ỦY BAN NHÂN DÂN XÃ LƯƠNG TÀI".into(),
        issuer_short: "UBND xã Lương Tài".into(),
        place: "Lương Tài".into(),
        recipients: vec![
            "UBND tỉnh (để báo cáo)".into(),
            "TT Đảng ủy, TT HĐND xã".into(),
            "Lãnh đạo UBND xã".into(),
            "Các ban, ngành, đoàn thể xã".into(),
            "Cổng thông tin điện tử xã".into(),
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

fn unit_head() -> Letterhead {
    Letterhead {
        issuer_parent: "UBND XÃ LƯƠNG TÀI".into(),
        issuer: "CÔNG AN XÃ".into(),
        issuer_short: "Công an xã".into(),
        place: "Lương Tài".into(),
        recipients: vec!["UBND xã (qua Văn phòng)".into(), "Lưu: CA".into()],
        signature: Signature {
            authority: String::new(),
            position: "TRƯỞNG CÔNG AN XÃ".into(),
            deputy: false,
            signer_name: "Trần Văn Bình".into(),
        },
    }
}

fn task(
    stt: u32,
    title: &str,
    code: &str,
    lead: &str,
    coord: &str,
    product: &str,
    due: &str,
) -> TaskTableRow {
    TaskTableRow {
        stt: stt.to_string(),
        title: title.into(),
        item_code: code.into(),
        lead: lead.into(),
        coordinating: coord.into(),
        deliverable: product.into(),
        due: due.into(),
    }
}

fn plan_data() -> PlanDocData {
    PlanDocData {
        head: commune_head(),
        number: "10/KH-UBND".into(),
        date: d(2025, 1, 16),
        year: 2025,
        title: "Nâng cao hiệu quả quản trị và hành chính công\nxã Lương Tài năm 2025".into(),
        legal_bases: vec![
            "Căn cứ Kế hoạch số 180/KH-UBND ngày 27/12/2024 của UBND huyện về nâng cao hiệu quả \
             quản trị và hành chính công năm 2025; Ủy ban nhân dân xã ban hành Kế hoạch nâng cao \
             hiệu quả quản trị và hành chính công (PAPI) xã Lương Tài năm 2025 như sau:"
                .into(),
        ],
        purposes: vec![
            "Triển khai đồng bộ, hiệu quả các giải pháp nhằm duy trì, cải thiện và nâng cao Chỉ \
             số PAPI năm 2025."
                .into(),
            "Xác định cụ thể trách nhiệm của công chức trong việc thực hiện các nhiệm vụ, giải pháp."
                .into(),
        ],
        requirements: vec![
            "Kế hoạch được triển khai đồng bộ toàn xã; tập trung tại các thôn, tổ dân phố.".into(),
        ],
        dimensions: vec![
            PlanDimension {
                dimension: Dimension::new(1).unwrap(),
                heading: String::new(),
                items: vec![
                    "Triển khai thực hiện tốt các văn bản hướng dẫn về bầu cử.".into(),
                    "Tuyên truyền, phổ biến Luật Thực hiện dân chủ ở cơ sở.".into(),
                ],
            },
            PlanDimension {
                dimension: Dimension::new(2).unwrap(),
                heading: "Công khai, minh bạch trong hoạch định chính sách".into(),
                items: vec![
                    "Công khai danh sách hộ nghèo tại Trụ sở UBND xã và nhà văn hóa thôn.".into(),
                    "Công khai thu chi ngân sách cấp xã theo quy định.".into(),
                ],
            },
        ],
        outreach: vec!["Tăng cường các kênh truyền thông tới cộng đồng dân cư.".into()],
        inspection: vec!["Tăng cường công tác kiểm tra; chú trọng kiểm tra đột xuất.".into()],
        unit_plan_due_working_days: 15,
        unit_plan_due: d(2025, 2, 13),
        reporting: vec![
            ReportingDate {
                label: "6 tháng đầu năm".into(),
                data_from: d(2025, 1, 1),
                data_to: d(2025, 6, 30),
                due: d(2025, 7, 10),
            },
            ReportingDate {
                label: "năm".into(),
                data_from: d(2025, 1, 1),
                data_to: d(2025, 12, 31),
                due: d(2026, 1, 10),
            },
        ],
        organisation: vec![OrgDuty {
            body: "Văn phòng UBND xã".into(),
            duties: vec![
                "Là cơ quan thường trực giúp UBND xã triển khai thực hiện Kế hoạch.".into(),
                "Tham mưu sơ kết, tổng kết việc thực hiện.".into(),
            ],
        }],
        tasks: vec![
            task(1, "Tổ chức hội nghị tuyên truyền bầu cử", "1.1.a", "Văn phòng UBND xã", "MTTQ xã", "Hội nghị", "30/06/2025"),
            task(2, "Phổ biến Luật Thực hiện dân chủ ở cơ sở", "1.1.b", "Công chức Tư pháp", "Các thôn", "Báo cáo", "Hằng quý"),
            task(3, "Niêm yết danh sách hộ nghèo", "1.2.a", "Công chức LĐ-TB&XH", "Trưởng thôn", "Danh sách niêm yết", "31/03/2025"),
            task(4, "Công khai dự toán ngân sách xã", "1.2.b", "Công chức Tài chính", "", "Quyết định công khai", "31/01/2025"),
        ],
    }
}

fn result(
    stt: &str,
    title: &str,
    lead: &str,
    status: TaskStatus,
    late: bool,
    progress: u8,
) -> TaskResult {
    TaskResult {
        stt: stt.into(),
        title: title.into(),
        lead: lead.into(),
        status,
        late,
        progress,
        result: if status == TaskStatus::Done {
            "Đã hoàn thành, có văn bản kèm theo.".into()
        } else {
            String::new()
        },
    }
}

fn report_data() -> CommuneReportData {
    let mut head = commune_head();
    head.signature.deputy = true;
    head.signature.signer_name = "Lê Thị Hoa".into();
    CommuneReportData {
        head,
        number: "15/BC-UBND".into(),
        date: d(2025, 7, 5),
        kind: ReportKind::HalfYear,
        year: 2025,
        data_from: d(2025, 1, 1),
        data_to: d(2025, 6, 30),
        facts_on: d(2025, 6, 30),
        projection: None,
        plan_number: "10/KH-UBND".into(),
        plan_date: d(2025, 1, 16),
        plan_title: "Nâng cao hiệu quả quản trị và hành chính công xã Lương Tài năm 2025".into(),
        direction: vec!["UBND xã ban hành Kế hoạch số 10/KH-UBND ngày 16/01/2025 và giao nhiệm vụ cho các ban, ngành.".into()],
        dimensions: vec![
            DimensionReport {
                dimension: Dimension::new(1).unwrap(),
                tasks: vec![
                    result("1", "Tổ chức hội nghị tuyên truyền bầu cử", "Văn phòng UBND xã", TaskStatus::Done, false, 100),
                    result("2", "Phổ biến Luật Thực hiện dân chủ ở cơ sở", "Công chức Tư pháp", TaskStatus::InProgress, false, 50),
                ],
                highlights: vec!["Tổ chức 12 buổi tuyên truyền tại 8 thôn với 960 lượt người tham dự.".into()],
            },
            DimensionReport {
                dimension: Dimension::new(2).unwrap(),
                tasks: vec![
                    result("3", "Niêm yết danh sách hộ nghèo", "Công chức LĐ-TB&XH", TaskStatus::InProgress, true, 60),
                    result("4", "Công khai dự toán ngân sách xã", "Công chức Tài chính", TaskStatus::Done, false, 100),
                ],
                highlights: vec![],
            },
        ],
        other_sections: vec![
            ReportSection {
                title: "Công tác thông tin, tuyên truyền".into(),
                tasks: vec![result("5", "Đưa tin trên loa truyền thanh", "Công chức Văn hóa", TaskStatus::NotStarted, false, 0)],
                highlights: vec![],
            },
            // Nothing to say: left out of the text and the figures, the numbering unbroken.
            ReportSection { title: "Công tác kiểm tra".into(), tasks: vec![], highlights: vec![] },
            ReportSection {
                title: "Kết quả nổi bật".into(),
                tasks: vec![],
                highlights: vec![
                    "Lập nhóm Zalo của UBND xã với 1.200 thành viên.".into(),
                    "Triển khai Nghị định 42/2022/NĐ-CP tại bộ phận một cửa.".into(),
                ],
            },
        ],
        units: vec![
            UnitSubmission { unit: "Văn phòng UBND xã".into(), due: d(2025, 7, 10), submitted_on: Some(d(2025, 7, 8)), state: SubmissionState::OnTime, note: "Đã tiếp nhận".into() },
            UnitSubmission { unit: "Công an xã".into(), due: d(2025, 7, 10), submitted_on: Some(d(2025, 7, 14)), state: SubmissionState::Late(2), note: String::new() },
            UnitSubmission { unit: "Công chức Tư pháp".into(), due: d(2025, 7, 10), submitted_on: None, state: SubmissionState::Missing, note: String::new() },
        ],
        shortcomings: vec!["Một số ban, ngành gửi báo cáo chậm.".into()],
        causes: vec!["Công chức kiêm nhiệm nhiều việc.".into()],
        next_steps: vec!["Hoàn thành các nhiệm vụ còn chậm trong quý III.".into()],
        proposals: vec![],
        audit_anchor: String::new(),
    }
}

fn unit_plan_data() -> UnitPlanData {
    UnitPlanData {
        head: unit_head(),
        number: "03/KH-CA".into(),
        date: d(2025, 2, 5),
        year: 2025,
        unit_name: "Công an xã".into(),
        commune_plan_number: "10/KH-UBND".into(),
        commune_plan_date: d(2025, 1, 16),
        commune_plan_title: "Nâng cao hiệu quả quản trị và hành chính công xã Lương Tài năm 2025"
            .into(),
        commune_short: "UBND xã Lương Tài".into(),
        rows: vec![UnitPlanLine {
            stt: "1".into(),
            task: "Bảo đảm an ninh trật tự tại các thôn".into(),
            item_code: "1.6.d".into(),
            role: "Chủ trì".into(),
            actions: "Tuần tra, kiểm soát hằng tuần".into(),
            deliverable: "Báo cáo tháng".into(),
            due: "Hằng tháng".into(),
            official: "Đ/c Trần Văn Bình".into(),
        }],
        reporting: plan_data().reporting,
    }
}

fn unit_report_data() -> UnitReportData {
    UnitReportData {
        head: unit_head(),
        number: "07/BC-CA".into(),
        date: d(2025, 7, 8),
        kind: ReportKind::HalfYear,
        year: 2025,
        data_from: d(2025, 1, 1),
        data_to: d(2025, 6, 30),
        unit_name: "Công an xã".into(),
        commune_short: "UBND xã Lương Tài".into(),
        plan_number: "10/KH-UBND".into(),
        plan_date: d(2025, 1, 16),
        plan_title: "Nâng cao hiệu quả quản trị và hành chính công xã Lương Tài năm 2025".into(),
        tasks: vec![UnitTaskReport {
            stt: "1".into(),
            title: "Bảo đảm an ninh trật tự tại các thôn".into(),
            role: "Chủ trì".into(),
            status: TaskStatus::InProgress,
            late: false,
            progress: 50,
            done_text: "Tuần tra 26 đợt; không để xảy ra điểm nóng.".into(),
            figures: vec![Figure {
                label: "Số buổi tuyên truyền".into(),
                value: 12.0,
                unit: "buổi".into(),
            }],
            evidence: vec!["bao-cao-thang-6.pdf".into()],
        }],
        shortcomings: vec![],
        causes: vec![],
        next_steps: vec!["Tiếp tục tuần tra, kiểm soát.".into()],
        proposals: vec![],
    }
}

// ---------------------------------------------------------------- reading DOCX back

fn report_docx() -> Vec<u8> {
    write_docx(&commune_report_document(&report_data())).unwrap()
}

fn plan_docx() -> Vec<u8> {
    write_docx(&plan_document(&plan_data())).unwrap()
}

// ---------------------------------------------------------------- structure

#[test]
fn report_has_the_decree_30_frame() {
    let docx = report_docx();
    let xml = part(&docx, "word/document.xml");
    // A4 portrait, margins 20/20/30/15 mm.
    assert!(
        xml.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#),
        "A4 portrait"
    );
    assert!(
        xml.contains(r#"<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701""#),
        "margins"
    );
    // Times New Roman everywhere, in the runs and as the default.
    assert!(xml.contains(r#"w:ascii="Times New Roman""#));
    assert!(!xml.contains("Calibri") && !xml.contains("Arial"));
    let styles = part(&docx, "word/styles.xml");
    assert!(
        styles.contains(r#"w:ascii="Times New Roman""#),
        "default font"
    );

    let t = texts(&docx);
    let pos = |needle: &str| {
        t.iter()
            .position(|p| p == needle)
            .unwrap_or_else(|| panic!("paragraph {needle:?} missing in {t:#?}"))
    };
    let order = [
        pos("UBND TỈNH HƯNG YÊN"),
        pos("ỦY BAN NHÂN DÂN"),
        pos("XÃ LƯƠNG TÀI"),
        pos(NATIONAL_TITLE),
        pos(MOTTO),
        pos("Số: 15/BC-UBND"),
        pos("Lương Tài, ngày 05 tháng 7 năm 2025"),
        pos("BÁO CÁO"),
        pos("I. KẾT QUẢ THỰC HIỆN"),
        pos("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
        pos("III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2025"),
        pos("Nơi nhận:"),
        pos("TM. ỦY BAN NHÂN DÂN"),
        pos("KT. CHỦ TỊCH"),
        pos("PHÓ CHỦ TỊCH"),
        pos("Lê Thị Hoa"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "order {order:?}");
    assert!(t.contains(&"- Lưu: VT, VP.".to_string()));
    assert!(t.contains(&"- UBND tỉnh (để báo cáo);".to_string()));

    // The motto is bold and underlined; the date italic.
    let motto_run = run_xml(&xml, MOTTO);
    assert!(
        motto_run.contains(r#"<w:u w:val="single" />"#),
        "{motto_run}"
    );
    assert!(motto_run.contains("<w:b />"), "{motto_run}");
    assert!(run_xml(&xml, "Lương Tài, ngày 05 tháng 7 năm 2025").contains("<w:i />"));
    assert!(run_xml(&xml, "Nơi nhận:").contains("<w:i />"));
    assert!(run_xml(&xml, "Nơi nhận:").contains("<w:b />"));

    // Computed figures: 5 tasks, 2 done (40 %), 1 late; the compliance sentence.
    let all = t.join("\n");
    assert!(
        all.contains("Kết quả chung tính đến ngày 30/06/2025: tổng số 5 nhiệm vụ: hoàn thành 2 nhiệm vụ (40%); đang thực hiện, chưa quá hạn 2; chậm so với hạn 1."),
        "{all}"
    );
    assert!(all.contains(
        "Tổng số 2 nhiệm vụ: hoàn thành 1 nhiệm vụ (50%); đang thực hiện, chưa quá hạn 0; chậm so với hạn 1."
    ));
    assert!(all.contains("1/3 ban, ngành gửi báo cáo đúng hạn; 1 ban, ngành gửi chậm; 1 ban, ngành chưa gửi báo cáo."));
    assert!(all.contains("- Còn 1 nhiệm vụ chậm so với thời hạn của Kế hoạch."));

    // Sections: body portrait with no page number on page 1, figures portrait, task list landscape.
    let sects: Vec<&str> = xml
        .match_indices("<w:sectPr>")
        .map(|(i, _)| &xml[i..])
        .collect();
    assert_eq!(
        sects.len(),
        3,
        "one section for the body and one per appendix"
    );
    assert!(sects[0][..sects[0].find("</w:sectPr>").unwrap()].contains("<w:titlePg />"));
    let last = &sects[2][..sects[2].find("</w:sectPr>").unwrap()];
    assert!(
        last.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape" />"#),
        "{last}"
    );
    // The appendix tables repeat their header row.
    assert_eq!(xml.matches("<w:tblHeader />").count(), 2);
    // Page numbers live in a header part.
    let header = (1..=4)
        .filter_map(|i| {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx[..])).unwrap();
            let mut f = zip.by_name(&format!("word/header{i}.xml")).ok()?;
            let mut s = String::new();
            f.read_to_string(&mut s).ok()?;
            Some(s)
        })
        .collect::<String>();
    assert!(header.contains("PAGE"), "page number field");
}

/// The XML of the run holding `text`.
fn run_xml<'a>(xml: &'a str, text: &str) -> &'a str {
    let at = xml
        .find(&format!(">{}</w:t>", quick_xml::escape::escape(text)))
        .unwrap_or_else(|| panic!("{text} not found"));
    let start = xml[..at].rfind("<w:r>").expect("run start");
    &xml[start..at]
}

#[test]
fn plan_has_its_appendix_in_landscape_and_reads_back_into_the_importer() {
    let docx = plan_docx();
    let xml = part(&docx, "word/document.xml");
    let t = texts(&docx);
    for needle in [
        "Số: 10/KH-UBND",
        "Lương Tài, ngày 16 tháng 01 năm 2025",
        "KẾ HOẠCH",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1.1. Nội dung “Tham gia của người dân ở cấp cơ sở”",
        "1.2. Nội dung “Công khai, minh bạch trong hoạch định chính sách”",
        "BIỂU TỔNG HỢP NHIỆM VỤ",
        "(Kèm theo Kế hoạch số 10/KH-UBND ngày 16/01/2025 của UBND xã Lương Tài)",
        "Nội dung 1. Tham gia của người dân ở cấp cơ sở",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Trọng Chung",
    ] {
        assert!(
            t.iter().any(|p| p == needle),
            "{needle:?} missing in {t:#?}"
        );
    }
    assert!(t
        .iter()
        .any(|p| p.contains("chậm nhất 15 ngày làm việc") && p.contains("13/02/2025")));
    assert!(xml.contains(r#"w:orient="landscape""#));
    assert_eq!(xml.matches("<w:tblHeader />").count(), 1);

    // The plan importer reads the whole regenerated plan back, appendix included: number,
    // date, dimensions and items (the appendix's group rows are not taken for sections).
    let text = papi_docs::plan_import::docx_to_text(&docx).expect("importer reads it");
    let back = papi_docs::plan_import::parse_plan_text(&text);
    assert_eq!(back.number.as_deref(), Some("10/KH-UBND"));
    assert_eq!(back.issued_on, Some(d(2025, 1, 16)));
    let dims: Vec<(u8, usize)> = back
        .dimensions
        .iter()
        .map(|x| (x.dimension.number(), x.items.len()))
        .collect();
    assert_eq!(dims, [(1, 2), (2, 2)], "warnings: {:?}", back.warnings);
}

#[test]
fn unit_documents_are_written() {
    let plan = write_docx(&unit_plan_document(&unit_plan_data())).unwrap();
    let t = texts(&plan);
    assert!(t.iter().any(|p| p == "CÔNG AN XÃ"));
    assert!(t.iter().any(|p| p == "Số: 03/KH-CA"));
    assert!(t.iter().any(|p| p == "TRƯỞNG CÔNG AN XÃ"));
    assert!(!t.iter().any(|p| p.starts_with("TM.")));
    assert!(t
        .iter()
        .any(|p| p == "- Người phụ trách: Đ/c Trần Văn Bình."));
    let report = write_docx(&unit_report_document(&unit_report_data())).unwrap();
    let t = texts(&report);
    assert!(
        t.iter()
            .any(|p| p == "- Số liệu: Số buổi tuyên truyền: 12 buổi."),
        "{t:#?}"
    );
    assert!(t.iter().any(|p| p == "Số: 07/BC-CA"));
}

#[test]
fn a_document_without_appendix_has_one_section() {
    let doc = Document {
        issuer: "ỦY BAN NHÂN DÂN XÃ LƯƠNG TÀI".into(),
        number: "01/TB-UBND".into(),
        place: "Lương Tài".into(),
        date: d(2025, 3, 3),
        kind_title: "THÔNG BÁO".into(),
        subject: "Lịch tiếp công dân".into(),
        ..Document::default()
    };
    let docx = write_docx(&doc).unwrap();
    let xml = part(&docx, "word/document.xml");
    assert_eq!(xml.matches("<w:sectPr>").count(), 1);
    assert!(!xml.contains("landscape"));
    let t = texts(&docx);
    assert!(t.contains(&"Lương Tài, ngày 03 tháng 3 năm 2025".to_string()));
    assert!(t.contains(&"- Lưu: VT.".to_string()), "archive line added");
}

// ---------------------------------------------------------------- goldens

#[test]
fn an_early_report_states_facts_to_today_and_labels_the_projection() {
    let mut data = report_data();
    data.facts_on = d(2025, 5, 15);
    data.projection = Some(Projection {
        on: d(2025, 6, 30),
        late: 3,
    });
    data.plan_title = "UBND xã Lương Tài nâng cao chỉ số PAPI năm 2025".into();
    let text = texts(&write_docx(&commune_report_document(&data)).unwrap()).join("\n");
    assert!(
        text.contains("Kết quả chung tính đến ngày 15/05/2025: tổng số 5 nhiệm vụ"),
        "{text}"
    );
    assert!(text.contains("Dự kiến đến ngày 30/06/2025 (kỳ báo cáo chưa kết thúc, số liệu dự kiến): nếu không hoàn thành thêm, 3 nhiệm vụ sẽ chậm so với hạn."));
    assert!(text.contains("Chậm so với hạn (tính đến 15/05/2025)"));
    // The plan's title keeps its abbreviation in running text.
    assert!(
        text.contains("về UBND xã Lương Tài nâng cao chỉ số PAPI năm 2025;"),
        "{text}"
    );
    assert!(!text.to_lowercase().contains("chậm tiến độ 1"));
}

#[test]
fn empty_sections_are_left_out_and_highlights_kept_apart() {
    let text = texts(&report_docx());
    let joined = text.join("\n");
    assert!(!joined.contains("Công tác kiểm tra"), "{joined}");
    assert!(!joined.contains("Tổng số 0 nhiệm vụ"));
    // 2.1, 2.2 dimensions, 2.3 outreach, 2.4 the highlights: consecutive.
    assert!(text
        .iter()
        .any(|l| l == "2.3. Công tác thông tin, tuyên truyền"));
    assert!(text.iter().any(|l| l == "2.4. Kết quả nổi bật"));
    // Each highlight its own paragraph, written as typed.
    assert!(text
        .iter()
        .any(|l| l == "- Lập nhóm Zalo của UBND xã với 1.200 thành viên."));
    assert!(text
        .iter()
        .any(|l| l == "- Triển khai Nghị định 42/2022/NĐ-CP tại bộ phận một cửa."));
    // The figures table and the XLSX: three sections with tasks, then the total.
    let rows = papi_docs::reports::figure_rows(&report_data());
    let labels: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r.stt.as_str(), r.label.as_str()))
        .collect();
    assert_eq!(
        labels,
        vec![
            ("1", "Tham gia của người dân ở cấp cơ sở"),
            (
                "2",
                "Công khai, minh bạch trong việc ra quyết định ở địa phương"
            ),
            ("3", "Công tác thông tin, tuyên truyền"),
            ("", "Tổng cộng"),
        ]
    );
}

#[test]
fn goldens() {
    golden("plan", &plan_docx());
    golden("commune_report", &report_docx());
    golden(
        "unit_plan",
        &write_docx(&unit_plan_document(&unit_plan_data())).unwrap(),
    );
    golden(
        "unit_report",
        &write_docx(&unit_report_document(&unit_report_data())).unwrap(),
    );
}

// ---------------------------------------------------------------- XLSX

#[test]
fn xlsx_tables_read_back() {
    use calamine::{Data, Reader, Xlsx};
    let bytes = write_xlsx_table(
        "Số liệu",
        &["STT", "Nội dung", "Số lượng"],
        &[
            vec![
                Cell::from(1usize),
                Cell::from("Tuyên truyền"),
                Cell::from(12.5),
            ],
            vec![Cell::from(2usize), Cell::from("Tiếp công dân")],
        ],
    )
    .unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("Số liệu").unwrap();
    assert_eq!(
        range.get_value((0, 0)),
        Some(&Data::String("Số liệu".into()))
    );
    assert_eq!(
        range.get_value((1, 1)),
        Some(&Data::String("Nội dung".into()))
    );
    assert_eq!(range.get_value((2, 2)), Some(&Data::Float(12.5)));
    assert_eq!(
        range.get_value((3, 1)),
        Some(&Data::String("Tiếp công dân".into()))
    );

    let figures = report_figures_xlsx(&report_data()).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(figures)).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let total_row = range.rows().next_back().unwrap().to_vec();
    assert_eq!(total_row[1], Data::String("Tổng cộng".into()));
    assert_eq!(total_row[2], Data::Float(5.0));
    assert_eq!(total_row[3], Data::Float(2.0));
    assert_eq!(total_row[7], Data::Float(40.0));

    let compliance =
        compliance_xlsx("Tình hình gửi báo cáo 6 tháng", &report_data().units).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(compliance)).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    assert_eq!(
        range.get_value((3, 4)),
        Some(&Data::String("Chậm 2 ngày làm việc".into()))
    );
}

// ---------------------------------------------------------------- LibreOffice

#[test]
fn libreoffice_reads_the_documents_back() {
    let dir = std::env::temp_dir().join(format!("papi-docs-lo-{}", std::process::id()));
    let report = via_libreoffice(&dir, "bao-cao", &report_docx());
    for needle in [
        NATIONAL_TITLE,
        MOTTO,
        "Số: 15/BC-UBND",
        "Lương Tài, ngày 05 tháng 7 năm 2025",
        "BÁO CÁO",
        "I. KẾT QUẢ THỰC HIỆN",
        "2.1. Nội dung “Tham gia của người dân ở cấp cơ sở”",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lê Thị Hoa",
        "SỐ LIỆU KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
        "Tổng cộng",
    ] {
        assert!(
            report.contains(needle),
            "{needle:?} not in the PDF text:\n{report}"
        );
    }
    let plan = via_libreoffice(&dir, "ke-hoach", &plan_docx());
    for needle in [
        "Số: 10/KH-UBND",
        "Lương Tài, ngày 16 tháng 01 năm 2025",
        "KẾ HOẠCH",
        "III. TỔ CHỨC THỰC HIỆN",
        "BIỂU TỔNG HỢP NHIỆM VỤ",
        "Niêm yết danh sách hộ nghèo",
        "Nguyễn Trọng Chung",
    ] {
        assert!(
            plan.contains(needle),
            "{needle:?} not in the PDF text:\n{plan}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

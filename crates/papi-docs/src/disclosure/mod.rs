//! Disclosure documents: the quarterly list of what was disclosed, with its forms and dates,
//! posted at the office and in the villages (Luật 10/2022/QH15 Điều 13 khoản 2 ¶2), and the
//! annual report on the disclosure work to the People's Council (Điều 14 khoản 3). Both are
//! Decree-30 documents built from plain rows the application fills; nothing here decides.

use chrono::NaiveDate;

use crate::decree30::{Appendix, Document, Paragraph, Section, Table};
use crate::reports::{base_document, dmy, Letterhead};

/// One disclosed content as the documents print it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DisclosedRow {
    /// The group of Điều 11 (1–14).
    pub group: u8,
    pub title: String,
    pub legal_basis: String,
    pub decided_on: NaiveDate,
    /// Each form with its place and dates, one per entry: `Niêm yết tại trụ sở UBND xã: từ …`.
    pub forms: Vec<String>,
    /// The register's judgement: `đúng hạn`, `chậm`, …
    pub standing: String,
}

/// The quarterly list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuarterListData {
    pub head: Letterhead,
    pub number: String,
    pub date: NaiveDate,
    /// `xã Lương Tài`.
    pub commune: String,
    pub year: i32,
    pub quarter: u8,
    pub rows: Vec<DisclosedRow>,
}

const COLUMNS: [&str; 6] = [
    "STT",
    "Nội dung công khai",
    "Nhóm (Điều 11)",
    "Ngày ban hành",
    "Hình thức, địa điểm, thời gian công khai",
    "Đánh giá",
];

fn table(rows: &[DisclosedRow]) -> Table {
    Table {
        headers: COLUMNS.iter().map(|s| s.to_string()).collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    (i + 1).to_string(),
                    format!("{} ({})", r.title.trim(), r.legal_basis.trim()),
                    format!("Khoản {}", r.group),
                    dmy(r.decided_on),
                    r.forms.join("\n"),
                    r.standing.clone(),
                ]
            })
            .collect(),
        column_widths: vec![5, 30, 9, 11, 35, 10],
        centered_columns: vec![0, 2, 3],
    }
}

fn roman(q: u8) -> &'static str {
    match q {
        1 => "I",
        2 => "II",
        3 => "III",
        _ => "IV",
    }
}

/// The list of what was disclosed in a quarter, for posting: a short notice, then the table.
pub fn quarterly_list(d: &QuarterListData) -> Document {
    let subject = format!(
        "Danh mục thông tin đã công khai quý {} năm {}",
        roman(d.quarter),
        d.year
    );
    let mut doc = base_document(&d.head, &d.number, d.date, "THÔNG BÁO", subject);
    doc.preamble.push(Paragraph::italic_text(
        "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 11, Điều 12 và khoản 2 Điều 13;",
    ));
    doc.preamble.push(Paragraph::text(format!(
        "Ủy ban nhân dân {} thông báo danh mục {} nội dung thông tin đã công khai trong quý {} năm {}, \
         với hình thức, địa điểm và thời gian công khai của từng nội dung (chi tiết tại danh mục kèm theo). \
         Danh mục này được niêm yết tại trụ sở Hội đồng nhân dân, Ủy ban nhân dân xã và nhà văn hóa, \
         điểm sinh hoạt cộng đồng các thôn.",
        d.commune.trim(),
        d.rows.len(),
        roman(d.quarter),
        d.year
    )));
    doc.closing.push(Paragraph::text(
        "Nhân dân có thể đề nghị cung cấp thông tin chưa được công khai, đã hết thời hạn công khai \
         hoặc không tiếp cận được theo quy định của Luật Tiếp cận thông tin (khoản 2 Điều 14 Luật \
         Thực hiện dân chủ ở cơ sở)./.",
    ));
    doc.appendices.push(Appendix {
        title: format!(
            "DANH MỤC THÔNG TIN ĐÃ CÔNG KHAI QUÝ {} NĂM {}",
            roman(d.quarter),
            d.year
        ),
        subtitle: format!(
            "(Kèm theo Thông báo số {} ngày {} của UBND {})",
            d.number,
            dmy(d.date),
            d.commune.trim()
        ),
        table: table(&d.rows),
        landscape: true,
    });
    doc
}

/// The annual report on the disclosure work.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnnualReportData {
    pub head: Letterhead,
    pub number: String,
    pub date: NaiveDate,
    pub commune: String,
    pub year: i32,
    /// (group, its title, how many contents) for the groups with at least one.
    pub by_group: Vec<(u8, String, usize)>,
    /// (judgement, how many), in the register's order.
    pub by_standing: Vec<(String, usize)>,
    /// How many contents were disclosed again after a change.
    pub redisclosed: usize,
    /// The findings still open, one line each.
    pub open_findings: Vec<String>,
    pub rows: Vec<DisclosedRow>,
}

/// The report to the People's Council at its next regular session, sent to the Front
/// (Điều 14 khoản 3): what was disclosed, how, how the law's times were kept, what is still
/// to fix.
pub fn annual_report(d: &AnnualReportData) -> Document {
    let subject = format!(
        "Kết quả thực hiện công khai thông tin năm {} theo Luật Thực hiện dân chủ ở cơ sở",
        d.year
    );
    let mut doc = base_document(&d.head, &d.number, d.date, "BÁO CÁO", subject);
    let total: usize = d.by_group.iter().map(|(_, _, n)| n).sum();
    doc.preamble.push(Paragraph::text(format!(
        "Thực hiện khoản 3 Điều 14 Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Ủy ban nhân dân {} \
         báo cáo Hội đồng nhân dân xã kết quả thực hiện công khai thông tin năm {} như sau:",
        d.commune.trim(),
        d.year
    )));
    let mut s1 = Section::new("Nội dung đã công khai").para(Paragraph::text(format!(
        "Trong năm, Ủy ban nhân dân xã đã công khai {total} nội dung thông tin thuộc {} nhóm nội dung \
         theo Điều 11; {} nội dung được công khai lại do thông tin thay đổi.",
        d.by_group.len(),
        d.redisclosed
    )));
    for (g, title, n) in &d.by_group {
        s1 = s1.para(Paragraph::dash(format!(
            "Khoản {g} ({title}): {n} nội dung."
        )));
    }
    let mut s2 = Section::new("Việc chấp hành thời hạn, thời gian và hình thức công khai");
    for (label, n) in &d.by_standing {
        s2 = s2.para(Paragraph::dash(format!("{label}: {n} nội dung.")));
    }
    let s3 = if d.open_findings.is_empty() {
        Section::new("Tồn tại, hạn chế và việc khắc phục").para(Paragraph::text(
            "Không có nội dung công khai nào còn tồn tại cần khắc phục.",
        ))
    } else {
        Section::new("Tồn tại, hạn chế và việc khắc phục")
            .paras(d.open_findings.iter().map(Paragraph::dash))
    };
    let s4 = Section::new("Phương hướng, nhiệm vụ năm tiếp theo").para(Paragraph::text(
        "Tiếp tục công khai đầy đủ, kịp thời các nội dung theo Điều 11; niêm yết đủ thời gian tại \
         trụ sở và các thôn; phát trên hệ thống truyền thanh và thông qua trưởng thôn đối với nội \
         dung khoản 7 đến khoản 12; lập danh mục thông tin đã công khai hằng quý.",
    ));
    doc.sections = vec![s1, s2, s3, s4];
    doc.closing.push(Paragraph::text(format!(
        "Trên đây là báo cáo kết quả thực hiện công khai thông tin năm {} của Ủy ban nhân dân {}./.",
        d.year,
        d.commune.trim()
    )));
    doc.appendices.push(Appendix {
        title: format!("DANH MỤC NỘI DUNG ĐÃ CÔNG KHAI NĂM {}", d.year),
        subtitle: format!(
            "(Kèm theo Báo cáo số {} ngày {} của UBND {})",
            d.number,
            dmy(d.date),
            d.commune.trim()
        ),
        table: table(&d.rows),
        landscape: true,
    });
    doc
}

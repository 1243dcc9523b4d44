//! The commune plan regenerated from its data, and a unit's sub-plan.

use chrono::NaiveDate;
use papi_core::Dimension;

use super::{base_document, dmy, letter, lower_first, roman, sentence, without_year, Letterhead};
use crate::decree30::{Appendix, Document, Paragraph, Section, Table};
use crate::task_table::TaskTableRow;

/// One dimension of the plan's section II.1 with its lettered items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDimension {
    pub dimension: Dimension,
    /// The wording the plan uses for the dimension; empty: the official name.
    pub heading: String,
    /// The items a), b), … in order.
    pub items: Vec<String>,
}

/// A reporting date the plan sets: `6 tháng đầu năm`, data 01/01–30/06, due 10/07.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportingDate {
    pub label: String,
    pub data_from: NaiveDate,
    pub data_to: NaiveDate,
    pub due: NaiveDate,
}

/// What section III gives a body to do: `Văn phòng UBND xã` and its duties a), b), …
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgDuty {
    pub body: String,
    pub duties: Vec<String>,
}

/// The commune plan as the store holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDocData {
    pub head: Letterhead,
    /// `10/KH-UBND`.
    pub number: String,
    pub date: NaiveDate,
    pub year: i32,
    /// `Nâng cao hiệu quả quản trị và hành chính công xã Lương Tài năm 2025`.
    pub title: String,
    /// The "Căn cứ …" paragraphs.
    pub legal_bases: Vec<String>,
    /// I.1 Mục đích, a) b) c) …
    pub purposes: Vec<String>,
    /// I.2 Yêu cầu, a) b) c) …
    pub requirements: Vec<String>,
    pub dimensions: Vec<PlanDimension>,
    /// II.3 Công tác thông tin, tuyên truyền.
    pub outreach: Vec<String>,
    /// II.4 Kiểm tra, giám sát việc thực hiện Kế hoạch.
    pub inspection: Vec<String>,
    /// "chậm nhất N ngày làm việc" for the units' own plans, and the date that makes.
    pub unit_plan_due_working_days: u32,
    pub unit_plan_due: NaiveDate,
    pub reporting: Vec<ReportingDate>,
    /// Section III from item 3 on: the standing body, the Front, …
    pub organisation: Vec<OrgDuty>,
    /// The task table (appendix "Biểu tổng hợp nhiệm vụ").
    pub tasks: Vec<TaskTableRow>,
}

fn items(list: &[String]) -> Vec<Paragraph> {
    list.iter()
        .enumerate()
        .map(|(i, t)| Paragraph::item(&letter(i), t))
        .collect()
}

/// Group headings for the appendix from the item codes (`1.2.b` → dimension 2, `TT.a`
/// outreach, `KT.c` inspection), when the rows come grouped; otherwise none.
fn group_of(code: &str) -> Option<String> {
    let mut parts = code.split('.');
    match parts.next()? {
        "TT" => Some("Công tác thông tin, tuyên truyền".into()),
        "KT" => Some("Kiểm tra, giám sát việc thực hiện Kế hoạch".into()),
        "1" => {
            let d = Dimension::new(parts.next()?.parse().ok()?)?;
            Some(format!("Nội dung {}. {}", d.number(), d.name_vi()))
        }
        _ => None,
    }
}

/// The task table rows, with a heading row before each group when every task belongs to a
/// group and the groups do not interleave.
pub(crate) fn task_rows_grouped(tasks: &[TaskTableRow]) -> Vec<Vec<String>> {
    let groups: Vec<Option<String>> = tasks.iter().map(|t| group_of(&t.item_code)).collect();
    let mut seen: Vec<&String> = Vec::new();
    let mut contiguous = groups.iter().all(Option::is_some);
    for (i, g) in groups.iter().enumerate() {
        let Some(g) = g else { break };
        if i > 0 && groups[i - 1].as_ref() == Some(g) {
            continue;
        }
        if seen.contains(&g) {
            contiguous = false;
            break;
        }
        seen.push(g);
    }
    let mut out = Vec::with_capacity(tasks.len() + 12);
    for (i, t) in tasks.iter().enumerate() {
        if contiguous && (i == 0 || groups[i - 1] != groups[i]) {
            out.push(vec![groups[i].clone().unwrap_or_default()]);
        }
        out.push(vec![
            t.stt.clone(),
            t.title.clone(),
            t.item_code.clone(),
            t.lead.clone(),
            t.coordinating.clone(),
            t.deliverable.clone(),
            t.due.clone(),
        ]);
    }
    out
}

fn numbered(n: &mut usize, heading: &str) -> Section {
    *n += 1;
    Section::new(format!("{n}. {heading}"))
}

/// The commune plan (Kế hoạch …/KH-UBND) regenerated from its data, with the task table as a
/// landscape appendix.
pub fn plan_document(d: &PlanDocData) -> Document {
    let mut doc = base_document(
        &d.head,
        &d.number,
        d.date,
        "KẾ HOẠCH",
        d.title.trim().to_string(),
    );
    doc.preamble = d.legal_bases.iter().map(Paragraph::text).collect();

    let mut s1 = Section::new(format!("{}. MỤC ĐÍCH, YÊU CẦU", roman(1)));
    let mut n = 0;
    if !d.purposes.is_empty() {
        s1 = s1.subsection(numbered(&mut n, "Mục đích").paras(items(&d.purposes)));
    }
    if !d.requirements.is_empty() {
        s1 = s1.subsection(numbered(&mut n, "Yêu cầu").paras(items(&d.requirements)));
    }

    let mut s2 = Section::new(format!("{}. NỘI DUNG", roman(2)));
    let mut n = 0;
    if !d.dimensions.is_empty() {
        let mut part = numbered(
            &mut n,
            "Tổ chức thực hiện tốt nhiệm vụ chuyên môn và nhiệm vụ chính trị của ngành mình \
             gắn với các nội dung của Chỉ số PAPI, cụ thể:",
        );
        for (k, dim) in d.dimensions.iter().enumerate() {
            let name = if dim.heading.trim().is_empty() {
                dim.dimension.name_vi()
            } else {
                dim.heading.trim()
            };
            part = part.subsection(
                Section::new(format!("{n}.{}. Nội dung “{name}”", k + 1)).paras(items(&dim.items)),
            );
        }
        s2 = s2.subsection(part);
    }
    if !d.tasks.is_empty() {
        s2 = s2.subsection(
            numbered(&mut n, "Nhiệm vụ, giải pháp cụ thể")
                .para(Paragraph::italic_text("(Có Phụ lục kèm theo)"))
                .para(format!(
                    "Gồm {} nhiệm vụ; đơn vị chủ trì, đơn vị phối hợp, sản phẩm và thời hạn \
                     hoàn thành của từng nhiệm vụ tại Biểu tổng hợp nhiệm vụ kèm theo Kế hoạch này.",
                    d.tasks.len()
                )),
        );
    }
    if !d.outreach.is_empty() {
        s2 = s2.subsection(
            numbered(&mut n, "Công tác thông tin, tuyên truyền").paras(items(&d.outreach)),
        );
    }
    if !d.inspection.is_empty() {
        s2 = s2.subsection(
            numbered(&mut n, "Kiểm tra, giám sát việc thực hiện Kế hoạch")
                .paras(items(&d.inspection)),
        );
    }

    let mut s3 = Section::new(format!("{}. TỔ CHỨC THỰC HIỆN", roman(3)));
    let mut n = 0;
    s3 = s3.subsection(
        numbered(&mut n, "Các ban, ngành, công chức UBND xã")
            .para(Paragraph::item(
                "a",
                format!(
                    "Xây dựng, ban hành kế hoạch của ngành mình để thực hiện Kế hoạch này chậm \
                     nhất {} ngày làm việc sau ngày ban hành Kế hoạch (trước ngày {}); kế hoạch \
                     có đầy đủ các nhiệm vụ được giao tại Biểu tổng hợp nhiệm vụ, sản phẩm, thời \
                     gian hoàn thành và người phụ trách cụ thể.",
                    d.unit_plan_due_working_days,
                    dmy(d.unit_plan_due)
                ),
            ))
            .para(Paragraph::item(
                "b",
                "Định kỳ báo cáo kết quả thực hiện về UBND xã (qua Văn phòng UBND xã) để theo \
                 dõi, tổng hợp, báo cáo cấp trên theo quy định:",
            ))
            .paras(d.reporting.iter().map(|r| {
                Paragraph::dash(format!(
                    "{}: gửi trước ngày {} (số liệu tính từ ngày {} đến ngày {}).",
                    report_name(&r.label),
                    dmy(r.due),
                    dmy(r.data_from),
                    dmy(r.data_to)
                ))
            })),
    );
    for o in &d.organisation {
        s3 = s3.subsection(numbered(&mut n, o.body.trim()).paras(items(&o.duties)));
    }

    doc.sections = vec![s1, s2, s3];
    doc.closing = vec![Paragraph::text(format!(
        "Trên đây là Kế hoạch {} của {}. Yêu cầu các ban, ngành, công chức UBND xã nghiêm túc \
         triển khai, thực hiện./.",
        lower_first(&d.title),
        d.head.issuer_short.trim()
    ))];

    if !d.tasks.is_empty() {
        doc.appendices.push(Appendix {
            title: "BIỂU TỔNG HỢP NHIỆM VỤ".into(),
            subtitle: format!(
                "(Kèm theo Kế hoạch số {} ngày {} của {})",
                d.number.trim(),
                dmy(d.date),
                d.head.issuer_short.trim()
            ),
            table: Table {
                headers: [
                    "STT",
                    "Nhiệm vụ",
                    "Nội dung",
                    "Chủ trì",
                    "Phối hợp",
                    "Sản phẩm",
                    "Thời hạn",
                ]
                .map(String::from)
                .to_vec(),
                rows: task_rows_grouped(&d.tasks),
                column_widths: vec![5, 34, 8, 14, 17, 22, 11],
                centered_columns: vec![0, 2, 6],
            },
            landscape: true,
        });
    }
    doc
}

/// One row of a unit's sub-plan: a task assigned to the unit and how the unit will do it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitPlanLine {
    pub stt: String,
    pub task: String,
    /// The plan item (`1.2.b`), may be empty.
    pub item_code: String,
    /// `Chủ trì` or `Phối hợp`.
    pub role: String,
    pub actions: String,
    pub deliverable: String,
    /// As the unit commits to it: `30/06/2025`, `Hằng quý`.
    pub due: String,
    pub official: String,
}

/// A unit's own plan carrying out the commune plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitPlanData {
    pub head: Letterhead,
    pub number: String,
    pub date: NaiveDate,
    pub year: i32,
    /// `Công an xã`.
    pub unit_name: String,
    pub commune_plan_number: String,
    pub commune_plan_date: NaiveDate,
    pub commune_plan_title: String,
    /// `UBND xã Lương Tài`.
    pub commune_short: String,
    pub rows: Vec<UnitPlanLine>,
    pub reporting: Vec<ReportingDate>,
}

/// A unit's sub-plan: purposes, one numbered part per task, organisation, and the assignment
/// table as a landscape appendix.
pub fn unit_plan_document(d: &UnitPlanData) -> Document {
    let unit = d.unit_name.trim();
    let mut doc = base_document(
        &d.head,
        &d.number,
        d.date,
        "KẾ HOẠCH",
        format!(
            "Thực hiện Kế hoạch {}\nnăm {}",
            without_year(&lower_first(&d.commune_plan_title), d.year),
            d.year
        ),
    );
    doc.preamble = vec![Paragraph::text(format!(
        "Căn cứ Kế hoạch số {} ngày {} của {} về {}; {} xây dựng Kế hoạch thực hiện như sau:",
        d.commune_plan_number.trim(),
        dmy(d.commune_plan_date),
        d.commune_short.trim(),
        lower_first(&d.commune_plan_title),
        unit
    ))];
    let lead = d.rows.iter().filter(|r| r.role.trim() == "Chủ trì").count();
    let s1 = Section::new(format!("{}. MỤC ĐÍCH, YÊU CẦU", roman(1)))
        .para(Paragraph::item(
            "a",
            format!(
                "Cụ thể hóa {} nhiệm vụ {} giao cho {} tại Kế hoạch số {} ({} nhiệm vụ chủ trì, {} \
                 nhiệm vụ phối hợp); xác định rõ nội dung thực hiện, sản phẩm, thời hạn và người \
                 phụ trách từng nhiệm vụ.",
                d.rows.len(),
                d.commune_short.trim(),
                unit,
                d.commune_plan_number.trim(),
                lead,
                d.rows.len() - lead
            ),
        ))
        .para(Paragraph::item(
            "b",
            "Thực hiện đầy đủ, đúng thời hạn; báo cáo kết quả đúng chế độ quy định.",
        ));
    let mut s2 = Section::new(format!("{}. NHIỆM VỤ CỤ THỂ", roman(2)));
    for (i, r) in d.rows.iter().enumerate() {
        let code = if r.item_code.trim().is_empty() {
            String::new()
        } else {
            format!(", nội dung {}", r.item_code.trim())
        };
        s2 = s2.subsection(
            Section::new(format!("{}. {}", i + 1, r.task.trim()))
                .para(Paragraph::dash(format!(
                    "Vai trò: {}{code}.",
                    r.role.trim()
                )))
                .para(Paragraph::dash(format!(
                    "Nội dung thực hiện: {}",
                    sentence(&r.actions)
                )))
                .para(Paragraph::dash(format!(
                    "Sản phẩm: {}",
                    sentence(&r.deliverable)
                )))
                .para(Paragraph::dash(format!("Thời hạn: {}", sentence(&r.due))))
                .para(Paragraph::dash(format!(
                    "Người phụ trách: {}",
                    sentence(&r.official)
                ))),
        );
    }
    let s3 = Section::new(format!("{}. TỔ CHỨC THỰC HIỆN", roman(3)))
        .para(Paragraph::text(format!(
            "Công chức được phân công chủ động triển khai nhiệm vụ, phối hợp với các ban, ngành \
             liên quan; kịp thời báo cáo {} những khó khăn, vướng mắc phát sinh. {} báo cáo kết \
             quả thực hiện về {} (qua Văn phòng UBND xã):",
            unit,
            unit,
            d.commune_short.trim()
        )))
        .paras(d.reporting.iter().map(|r| {
            Paragraph::dash(format!(
                "{}: trước ngày {} (số liệu từ ngày {} đến ngày {}).",
                report_name(&r.label),
                dmy(r.due),
                dmy(r.data_from),
                dmy(r.data_to)
            ))
        }));
    doc.sections = vec![s1, s2, s3];
    doc.closing = vec![Paragraph::text(format!(
        "Trên đây là Kế hoạch thực hiện năm {} của {}./.",
        d.year, unit
    ))];
    doc.appendices.push(Appendix {
        title: "BẢNG PHÂN CÔNG THỰC HIỆN NHIỆM VỤ".into(),
        subtitle: format!(
            "(Kèm theo Kế hoạch số {} ngày {} của {})",
            d.number.trim(),
            dmy(d.date),
            unit
        ),
        table: Table {
            headers: [
                "STT",
                "Nhiệm vụ",
                "Vai trò",
                "Nội dung thực hiện",
                "Sản phẩm",
                "Thời hạn",
                "Người phụ trách",
            ]
            .map(String::from)
            .to_vec(),
            rows: d
                .rows
                .iter()
                .map(|r| {
                    vec![
                        r.stt.clone(),
                        r.task.clone(),
                        r.role.clone(),
                        r.actions.clone(),
                        r.deliverable.clone(),
                        r.due.clone(),
                        r.official.clone(),
                    ]
                })
                .collect(),
            column_widths: vec![5, 28, 9, 26, 18, 10, 14],
            centered_columns: vec![0, 2, 5],
        },
        landscape: true,
    });
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(stt: &str, code: &str) -> TaskTableRow {
        TaskTableRow {
            stt: stt.into(),
            title: "t".into(),
            item_code: code.into(),
            lead: String::new(),
            coordinating: String::new(),
            deliverable: String::new(),
            due: String::new(),
        }
    }

    #[test]
    fn groups_only_when_contiguous() {
        let rows = task_rows_grouped(&[row("1", "1.1.a"), row("2", "1.1.b"), row("3", "TT.a")]);
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[0].len(), 1);
        assert!(rows[0][0].contains("Tham gia"));
        let rows = task_rows_grouped(&[row("1", "1.1.a"), row("2", "TT.a"), row("3", "1.1.b")]);
        assert_eq!(rows.len(), 3);
        let rows = task_rows_grouped(&[row("1", "1.1.a"), row("2", "")]);
        assert_eq!(rows.len(), 2);
    }
}

/// A report's name built once: "Báo cáo 6 tháng đầu năm" whether the label already says
/// "Báo cáo …" or only "6 tháng đầu năm".
fn report_name(label: &str) -> String {
    let label = label.trim();
    if papi_core::text::fold(label).starts_with("bao cao") {
        label.to_string()
    } else {
        format!("Báo cáo {label}")
    }
}

#[cfg(test)]
mod name_tests {
    use super::report_name;

    #[test]
    fn the_word_report_is_written_once() {
        assert_eq!(
            report_name("Báo cáo 6 tháng đầu năm"),
            "Báo cáo 6 tháng đầu năm"
        );
        assert_eq!(report_name("6 tháng đầu năm"), "Báo cáo 6 tháng đầu năm");
        assert_eq!(report_name("năm"), "Báo cáo năm");
    }
}

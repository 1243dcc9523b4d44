//! The commune's half-year / annual report and a unit's report. Every number printed is
//! computed here from the task rows; the caller supplies only statuses and texts.

use chrono::NaiveDate;
use papi_core::{Dimension, TaskStatus};

use super::{
    base_document, dmy, lower_first, roman, vi_number, without_year, Letterhead, ReportTally,
};
use crate::decree30::{Appendix, Document, Paragraph, Section, Table};

/// Kind of report, which sets its wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportKind {
    HalfYear,
    Annual,
    /// Quý 1–4.
    Quarter(u8),
    /// Báo cáo đột xuất: the period as it should read ("tháng 9 năm 2025").
    AdHoc(String),
}

impl ReportKind {
    /// "6 tháng đầu năm 2025", "năm 2025", "quý III năm 2025".
    pub fn period(&self, year: i32) -> String {
        match self {
            ReportKind::HalfYear => format!("6 tháng đầu năm {year}"),
            ReportKind::Annual => format!("năm {year}"),
            ReportKind::Quarter(q) => format!("quý {} năm {year}", roman(usize::from(*q))),
            ReportKind::AdHoc(p) => p.trim().to_string(),
        }
    }

    /// What section III looks ahead to.
    pub fn next(&self, year: i32) -> String {
        match self {
            ReportKind::HalfYear => format!("6 THÁNG CUỐI NĂM {year}"),
            ReportKind::Annual => format!("NĂM {}", year + 1),
            ReportKind::Quarter(q) if *q < 4 => {
                format!("QUÝ {} NĂM {year}", roman(usize::from(*q) + 1))
            }
            ReportKind::Quarter(_) => format!("NĂM {}", year + 1),
            ReportKind::AdHoc(_) => "THỜI GIAN TỚI".to_string(),
        }
    }
}

/// A task as the report sees it at the end of the data window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskResult {
    pub stt: String,
    pub title: String,
    pub lead: String,
    pub status: TaskStatus,
    /// Past its due date (or a period end) without being done.
    pub late: bool,
    /// 0–100.
    pub progress: u8,
    /// What was done, from the accepted unit reports (may be empty).
    pub result: String,
}

/// The results of one PAPI dimension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimensionReport {
    pub dimension: Dimension,
    pub tasks: Vec<TaskResult>,
    /// Highlights written by the office (or taken from the unit reports).
    pub highlights: Vec<String>,
}

/// Another part of the results: outreach, inspection, …
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSection {
    pub title: String,
    pub tasks: Vec<TaskResult>,
    pub highlights: Vec<String>,
}

/// A unit's report for the period, as the compliance table counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmissionState {
    OnTime,
    /// Submitted after the due date, by so many working days.
    Late(u32),
    Missing,
}

impl SubmissionState {
    pub fn label(self) -> String {
        match self {
            SubmissionState::OnTime => "Đúng hạn".into(),
            SubmissionState::Late(d) => format!("Chậm {d} ngày làm việc"),
            SubmissionState::Missing => "Chưa gửi".into(),
        }
    }
}

/// One row of the compliance table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitSubmission {
    pub unit: String,
    pub due: NaiveDate,
    pub submitted_on: Option<NaiveDate>,
    pub state: SubmissionState,
    /// `Đã tiếp nhận`, `Trả lại: …`; may be empty.
    pub note: String,
}

/// The commune's report for a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommuneReportData {
    pub head: Letterhead,
    /// `15/BC-UBND`.
    pub number: String,
    pub date: NaiveDate,
    pub kind: ReportKind,
    pub year: i32,
    pub data_from: NaiveDate,
    pub data_to: NaiveDate,
    /// The day the figures are facts on: `data_to`, or the day the report was drawn if that is
    /// earlier (a report approved before its period ends).
    pub facts_on: NaiveDate,
    /// Lateness at the period's end when that is still ahead: printed as a projection only.
    pub projection: Option<Projection>,
    pub plan_number: String,
    pub plan_date: NaiveDate,
    /// `Nâng cao hiệu quả quản trị và hành chính công xã Lương Tài năm 2025`.
    pub plan_title: String,
    /// Công tác chỉ đạo, triển khai — written by the office.
    pub direction: Vec<String>,
    pub dimensions: Vec<DimensionReport>,
    /// Outreach, inspection, … after the dimensions.
    pub other_sections: Vec<ReportSection>,
    /// The units' reports for the period (empty: not mentioned).
    pub units: Vec<UnitSubmission>,
    pub shortcomings: Vec<String>,
    pub causes: Vec<String>,
    pub next_steps: Vec<String>,
    pub proposals: Vec<String>,
    /// The audit chain's head when the chairman approved the report (`XÃ-SỐBẢNGHI-MÃBĂM`),
    /// printed under Phụ lục I so a later cut or rewrite of the log shows against the paper;
    /// empty for a draft.
    pub audit_anchor: String,
}

/// What the tasks not done by `facts_on` would be at the period's end: so many late if
/// nothing more is done by `on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Projection {
    pub on: NaiveDate,
    pub late: usize,
}

/// The heading of the lateness column: what it counts and up to which day.
pub fn late_heading(facts_on: NaiveDate) -> String {
    format!("Chậm so với hạn (tính đến {})", dmy(facts_on))
}

/// The headings of the figures table (DOCX Phụ lục I and the XLSX alike).
pub fn figure_headings(facts_on: NaiveDate) -> Vec<String> {
    vec![
        "STT".into(),
        "Nội dung".into(),
        "Tổng số nhiệm vụ".into(),
        "Hoàn thành".into(),
        "Đang thực hiện, chưa quá hạn".into(),
        late_heading(facts_on),
        "Dừng thực hiện".into(),
        "Tỷ lệ hoàn thành (%)".into(),
    ]
}

/// One line of the figures table: a dimension or other section, or the total.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRow {
    pub stt: String,
    pub label: String,
    pub tally: ReportTally,
}

/// The figures of a commune report: one row per dimension and other section that has tasks
/// (numbered without gaps), then the total (its `stt` empty, label `Tổng cộng`).
pub fn figure_rows(d: &CommuneReportData) -> Vec<FigureRow> {
    let tally = |ts: &[TaskResult]| {
        let mut t = ReportTally::default();
        for x in ts {
            t.add(x.status, x.late);
        }
        t
    };
    let mut rows: Vec<FigureRow> = d
        .dimensions
        .iter()
        .map(|x| (x.dimension.name_vi().to_string(), tally(&x.tasks)))
        .chain(
            d.other_sections
                .iter()
                .map(|x| (x.title.trim().to_string(), tally(&x.tasks))),
        )
        .filter(|(_, t)| t.total > 0)
        .enumerate()
        .map(|(i, (label, tally))| FigureRow {
            stt: (i + 1).to_string(),
            label,
            tally,
        })
        .collect();
    let mut total = ReportTally::default();
    for r in &rows {
        total.merge(r.tally);
    }
    rows.push(FigureRow {
        stt: String::new(),
        label: "Tổng cộng".into(),
        tally: total,
    });
    rows
}

/// What the closing parts of a report are made of.
struct Closing<'a> {
    total: ReportTally,
    shortcomings: &'a [String],
    causes: &'a [String],
    next_steps: &'a [String],
    proposals: &'a [String],
    next: String,
    split_causes: bool,
}

fn d_closing<'a>(
    total: ReportTally,
    shortcomings: &'a [String],
    causes: &'a [String],
    next_steps: &'a [String],
    proposals: &'a [String],
    next: String,
    split_causes: bool,
) -> Closing<'a> {
    Closing {
        total,
        shortcomings,
        causes,
        next_steps,
        proposals,
        next,
        split_causes,
    }
}

/// II. shortcomings and causes (the late tasks always the first shortcoming), III. next
/// steps, IV. proposals — each left out when it has nothing to say. Headings unnumbered.
fn closing_parts(c: Closing) -> Vec<Section> {
    let mut out = Vec::new();
    let mut shortcomings = Vec::new();
    if c.total.late > 0 {
        shortcomings.push(Paragraph::dash(format!(
            "Còn {} nhiệm vụ chậm so với thời hạn của Kế hoạch.",
            c.total.late
        )));
    }
    shortcomings.extend(dashes(c.shortcomings));
    let causes = dashes(c.causes);
    if !shortcomings.is_empty() || !causes.is_empty() {
        let mut s = Section::new("TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN");
        if c.split_causes {
            let mut n = 0;
            for (title, paras) in [("Tồn tại, hạn chế", shortcomings), ("Nguyên nhân", causes)]
            {
                if !paras.is_empty() {
                    n += 1;
                    s = s.subsection(Section::new(format!("{n}. {title}")).paras(paras));
                }
            }
        } else {
            s = s.paras(shortcomings).paras(causes);
        }
        out.push(s);
    }
    let next = dashes(c.next_steps);
    if !next.is_empty() {
        out.push(Section::new(format!("PHƯƠNG HƯỚNG, NHIỆM VỤ {}", c.next)).paras(next));
    }
    let proposals = dashes(c.proposals);
    if !proposals.is_empty() {
        out.push(Section::new("ĐỀ XUẤT, KIẾN NGHỊ").paras(proposals));
    }
    out
}

/// Numbers top-level headings I., II., … in order.
fn number_top(sections: Vec<Section>) -> Vec<Section> {
    sections
        .into_iter()
        .enumerate()
        .map(|(i, mut s)| {
            s.heading = format!("{}. {}", roman(i + 1), s.heading);
            s
        })
        .collect()
}

fn tally_sentence(t: &ReportTally) -> String {
    let mut s = format!(
        "Tổng số {} nhiệm vụ: hoàn thành {} nhiệm vụ ({}%); đang thực hiện, chưa quá hạn {}; chậm so với hạn {}",
        t.total,
        t.done,
        vi_number(t.done_percent()),
        t.in_progress,
        t.late
    );
    if t.cancelled > 0 {
        s.push_str(&format!("; dừng thực hiện {}", t.cancelled));
    }
    s.push('.');
    s
}

fn late_list(tasks: &[TaskResult]) -> Vec<Paragraph> {
    let late: Vec<&TaskResult> = tasks
        .iter()
        .filter(|t| t.late && !matches!(t.status, TaskStatus::Done | TaskStatus::Cancelled))
        .collect();
    if late.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Paragraph::text("Nhiệm vụ chậm so với hạn:")];
    out.extend(late.iter().map(|t| {
        let lead = if t.lead.trim().is_empty() {
            String::new()
        } else {
            format!(" ({})", t.lead.trim())
        };
        Paragraph::dash(format!(
            "{}{lead}: đạt {}%.",
            t.title.trim().trim_end_matches('.'),
            t.progress
        ))
    }));
    out
}

fn dashes(list: &[String]) -> Vec<Paragraph> {
    list.iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| Paragraph::dash(s.trim()))
        .collect()
}

/// The commune's report (Báo cáo …/BC-UBND) for a half-year, a year, a quarter.
pub fn commune_report_document(d: &CommuneReportData) -> Document {
    let period = d.kind.period(d.year);
    let who = d.head.issuer_short.trim();
    let plan = lower_first(&d.plan_title);
    let mut doc = base_document(
        &d.head,
        &d.number,
        d.date,
        "BÁO CÁO",
        format!(
            "Kết quả thực hiện Kế hoạch {}\n{period}",
            without_year(&plan, d.year)
        ),
    );
    doc.preamble = vec![Paragraph::text(format!(
        "Thực hiện Kế hoạch số {} ngày {} của {who} về {plan}; {who} báo cáo kết quả thực hiện \
         {period} (số liệu tính từ ngày {} đến ngày {}) như sau:",
        d.plan_number.trim(),
        dmy(d.plan_date),
        dmy(d.data_from),
        dmy(d.data_to)
    ))];

    let figures = figure_rows(d);
    let total = figures.last().map(|r| r.tally).unwrap_or_default();
    let s1 = Section::new("KẾT QUẢ THỰC HIỆN")
        .subsection(direction_section(d, &total))
        .subsection(results_by_section(d, &figures));
    let mut sections = vec![s1];
    sections.extend(closing_parts(d_closing(
        total,
        &d.shortcomings,
        &d.causes,
        &d.next_steps,
        &d.proposals,
        d.kind.next(d.year),
        true,
    )));
    doc.sections = number_top(sections);
    doc.closing = vec![Paragraph::text(format!(
        "Trên đây là báo cáo kết quả thực hiện Kế hoạch số {} {period} của {who}./.",
        d.plan_number.trim()
    ))];

    let attached = format!(
        "(Kèm theo Báo cáo số {} ngày {} của {who})",
        d.number.trim(),
        dmy(d.date)
    );
    doc.appendices
        .push(figures_appendix(d, &figures, &attached));
    doc.appendices.extend(tasks_appendix(d, attached));
    doc
}

/// I.1: how the plan was directed, the units' reporting, the overall result.
fn direction_section(d: &CommuneReportData, total: &ReportTally) -> Section {
    let mut direction = Section::new("1. Công tác chỉ đạo, triển khai").paras(dashes(&d.direction));
    let unit_count = d.units.len();
    if unit_count > 0 {
        let on_time = d
            .units
            .iter()
            .filter(|u| u.state == SubmissionState::OnTime)
            .count();
        let late = d
            .units
            .iter()
            .filter(|u| matches!(u.state, SubmissionState::Late(_)))
            .count();
        let missing = unit_count - on_time - late;
        direction = direction.para(Paragraph::text(format!(
            "Về chế độ báo cáo: {on_time}/{unit_count} ban, ngành gửi báo cáo đúng hạn; {late} \
             ban, ngành gửi chậm; {missing} ban, ngành chưa gửi báo cáo."
        )));
    }
    direction = direction.para(Paragraph::text(format!(
        "Kết quả chung tính đến ngày {}: {}",
        dmy(d.facts_on),
        lower_first(&tally_sentence(total))
    )));
    if let Some(p) = d.projection {
        direction = direction.para(Paragraph::text(format!(
            "Dự kiến đến ngày {} (kỳ báo cáo chưa kết thúc, số liệu dự kiến): nếu không hoàn thành thêm, {} nhiệm vụ sẽ chậm so với hạn.",
            dmy(p.on),
            p.late
        )));
    }

    direction
}

/// I.2: the results of each dimension and other section, with its late tasks.
fn results_by_section(d: &CommuneReportData, figures: &[FigureRow]) -> Section {
    let mut by_dim = Section::new("2. Kết quả thực hiện theo từng nội dung");
    let _ = figures;
    let parts = d
        .dimensions
        .iter()
        .map(|x| {
            (
                format!("Nội dung “{}”", x.dimension.name_vi()),
                &x.tasks,
                &x.highlights,
            )
        })
        .chain(
            d.other_sections
                .iter()
                .map(|x| (x.title.trim().to_string(), &x.tasks, &x.highlights)),
        );
    // A part with nothing to say is left out; the numbers stay consecutive.
    let mut k = 0;
    for (title, tasks, highlights) in parts {
        let highlights = dashes(highlights);
        if tasks.is_empty() && highlights.is_empty() {
            continue;
        }
        k += 1;
        let mut s = Section::new(format!("2.{k}. {title}"));
        if !tasks.is_empty() {
            let mut t = ReportTally::default();
            for x in tasks {
                t.add(x.status, x.late);
            }
            s = s.para(tally_sentence(&t));
        }
        by_dim = by_dim.subsection(s.paras(highlights).paras(late_list(tasks)));
    }
    by_dim = by_dim.para(Paragraph::italic_text(
        "(Số liệu chi tiết tại Phụ lục kèm theo)",
    ));
    by_dim
}

/// Appendix I: the figures table, one row per dimension or section and the total.
fn figures_appendix(d: &CommuneReportData, figures: &[FigureRow], attached: &str) -> Appendix {
    let anchor = d.audit_anchor.trim();
    Appendix {
        title: "Phụ lục I\nSỐ LIỆU KẾT QUẢ THỰC HIỆN NHIỆM VỤ".into(),
        subtitle: if anchor.is_empty() {
            attached.to_string()
        } else {
            format!("{attached}\n(Mốc nhật ký thay đổi khi phê duyệt: {anchor})")
        },
        table: Table {
            headers: figure_headings(d.facts_on),
            rows: figures
                .iter()
                .map(|r| {
                    let t = r.tally;
                    vec![
                        r.stt.clone(),
                        r.label.clone(),
                        t.total.to_string(),
                        t.done.to_string(),
                        t.in_progress.to_string(),
                        t.late.to_string(),
                        t.cancelled.to_string(),
                        vi_number(t.done_percent()),
                    ]
                })
                .collect(),
            column_widths: vec![6, 28, 10, 10, 12, 16, 9, 9],
            centered_columns: vec![0, 2, 3, 4, 5, 6, 7],
        },
        landscape: false,
    }
}

/// Appendix II: every task with its state and result, grouped by section (none without tasks).
fn tasks_appendix(d: &CommuneReportData, attached: String) -> Option<Appendix> {
    let mut rows = Vec::new();
    let mut n = 0;
    let groups = d
        .dimensions
        .iter()
        .map(|x| {
            (
                format!(
                    "Nội dung {}. {}",
                    x.dimension.number(),
                    x.dimension.name_vi()
                ),
                &x.tasks,
            )
        })
        .chain(d.other_sections.iter().map(|x| (x.title.clone(), &x.tasks)));
    for (title, tasks) in groups {
        if tasks.is_empty() {
            continue;
        }
        rows.push(vec![title]);
        for t in tasks {
            n += 1;
            let state = match t.status {
                TaskStatus::Done | TaskStatus::Cancelled => t.status.label().to_string(),
                _ if t.late => "Chậm so với hạn".to_string(),
                _ => t.status.label().to_string(),
            };
            rows.push(vec![
                if t.stt.trim().is_empty() {
                    n.to_string()
                } else {
                    t.stt.clone()
                },
                t.title.clone(),
                t.lead.clone(),
                state,
                format!("{}%", t.progress),
                t.result.clone(),
            ]);
        }
    }
    (!rows.is_empty()).then(|| Appendix {
        title: "Phụ lục II\nKẾT QUẢ THỰC HIỆN TỪNG NHIỆM VỤ".into(),
        subtitle: attached,
        table: Table {
            headers: [
                "STT",
                "Nhiệm vụ",
                "Chủ trì",
                "Tình trạng",
                "Tiến độ",
                "Kết quả thực hiện",
            ]
            .map(String::from)
            .to_vec(),
            rows,
            column_widths: vec![5, 36, 15, 12, 8, 40],
            centered_columns: vec![0, 3, 4],
        },
        landscape: true,
    })
}

/// A figure a task reports: `Số buổi tuyên truyền` 12 `buổi`.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub label: String,
    pub value: f64,
    pub unit: String,
}

/// One task in a unit's report.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitTaskReport {
    pub stt: String,
    pub title: String,
    /// `Chủ trì` / `Phối hợp`.
    pub role: String,
    pub status: TaskStatus,
    pub late: bool,
    pub progress: u8,
    /// What was done in the window.
    pub done_text: String,
    pub figures: Vec<Figure>,
    /// Names of the evidence files / documents.
    pub evidence: Vec<String>,
}

/// A unit's report for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitReportData {
    pub head: Letterhead,
    pub number: String,
    pub date: NaiveDate,
    pub kind: ReportKind,
    pub year: i32,
    pub data_from: NaiveDate,
    pub data_to: NaiveDate,
    /// `Công an xã`.
    pub unit_name: String,
    /// `UBND xã Lương Tài`.
    pub commune_short: String,
    pub plan_number: String,
    pub plan_date: NaiveDate,
    pub plan_title: String,
    pub tasks: Vec<UnitTaskReport>,
    pub shortcomings: Vec<String>,
    pub causes: Vec<String>,
    pub next_steps: Vec<String>,
    pub proposals: Vec<String>,
}

fn figure_text(f: &Figure) -> String {
    let unit = f.unit.trim();
    let sep = if unit.is_empty() { "" } else { " " };
    format!("{}: {}{sep}{unit}", f.label.trim(), vi_number(f.value))
}

/// A unit's report to the commune (Báo cáo of the unit) for a period.
pub fn unit_report_document(d: &UnitReportData) -> Document {
    let period = d.kind.period(d.year);
    let unit = d.unit_name.trim();
    let plan = lower_first(&d.plan_title);
    let mut doc = base_document(
        &d.head,
        &d.number,
        d.date,
        "BÁO CÁO",
        format!(
            "Kết quả thực hiện Kế hoạch {}\n{period}",
            without_year(&plan, d.year)
        ),
    );
    doc.preamble = vec![Paragraph::text(format!(
        "Thực hiện Kế hoạch số {} ngày {} của {} về {plan}; {unit} báo cáo kết quả thực hiện \
         {period} (số liệu tính từ ngày {} đến ngày {}) như sau:",
        d.plan_number.trim(),
        dmy(d.plan_date),
        d.commune_short.trim(),
        dmy(d.data_from),
        dmy(d.data_to)
    ))];
    let mut total = ReportTally::default();
    for t in &d.tasks {
        total.add(t.status, t.late);
    }
    let lead = d
        .tasks
        .iter()
        .filter(|t| t.role.trim() == "Chủ trì")
        .count();
    let mut results = Section::new("2. Kết quả thực hiện từng nhiệm vụ");
    for (i, t) in d.tasks.iter().enumerate() {
        let state = match t.status {
            TaskStatus::Done | TaskStatus::Cancelled => t.status.label().to_string(),
            _ if t.late => format!("Chậm so với hạn, đạt {}%", t.progress),
            _ => format!("{}, đạt {}%", t.status.label(), t.progress),
        };
        let mut s = Section::new(format!(
            "2.{}. {} ({})",
            i + 1,
            t.title.trim(),
            lower_first(&t.role)
        ));
        if !t.done_text.trim().is_empty() {
            s = s.para(Paragraph::dash(format!("Kết quả: {}", t.done_text.trim())));
        }
        if !t.figures.is_empty() {
            s = s.para(Paragraph::dash(format!(
                "Số liệu: {}.",
                t.figures
                    .iter()
                    .map(figure_text)
                    .collect::<Vec<_>>()
                    .join("; ")
            )));
        }
        s = s.para(Paragraph::dash(format!("Tình trạng: {state}.")));
        if !t.evidence.is_empty() {
            s = s.para(Paragraph::dash(format!(
                "Tài liệu kèm theo: {}.",
                t.evidence.join("; ")
            )));
        }
        results = results.subsection(s);
    }
    let s1 = Section::new("KẾT QUẢ THỰC HIỆN")
        .subsection(Section::new("1. Kết quả chung").para(format!(
            "{unit} được giao {} nhiệm vụ ({lead} chủ trì, {} phối hợp). {}",
            d.tasks.len(),
            d.tasks.len() - lead,
            tally_sentence(&total)
        )))
        .subsection(results);
    let mut sections = vec![s1];
    sections.extend(closing_parts(d_closing(
        total,
        &d.shortcomings,
        &d.causes,
        &d.next_steps,
        &d.proposals,
        d.kind.next(d.year),
        false,
    )));
    doc.sections = number_top(sections);
    doc.closing = vec![Paragraph::text(format!(
        "Trên đây là báo cáo kết quả thực hiện {period} của {}./.",
        unit
    ))];
    doc
}

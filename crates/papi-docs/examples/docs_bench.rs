//! Speed of the Decree-30 writers (issue 5), printed, not asserted: the annual commune report
//! of a generated plan with 500 tasks led by 20 units, built and written to DOCX (body with a
//! section per dimension, figures appendix, 500-row landscape task appendix) and to XLSX
//! (the 500-row task sheet, and the figures sheet). Targets: ≤ 200 ms each.
//!
//! Usage: docs_bench [tasks] [units] [runs]

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use papi_core::{Dimension, TaskStatus};
use papi_docs::decree30::{write_docx, Signature};
use papi_docs::reports::{
    commune_report_document, report_figures_xlsx, report_tasks_xlsx, CommuneReportData,
    DimensionReport, Letterhead, ReportKind, ReportSection, SubmissionState, TaskResult,
    UnitSubmission,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A deterministic report: tasks spread over the 8 dimensions and 2 other sections, states
/// mixed, every tenth task late, results of a sentence or two.
fn report(tasks: usize, units: usize) -> CommuneReportData {
    let unit_names: Vec<String> = (1..=units).map(|i| format!("Ban, ngành số {i}")).collect();
    let mut buckets: Vec<Vec<TaskResult>> = vec![Vec::new(); 10];
    for i in 0..tasks {
        let status = match i % 7 {
            0..=3 => TaskStatus::Done,
            4 | 5 => TaskStatus::InProgress,
            _ => TaskStatus::NotStarted,
        };
        let late = status != TaskStatus::Done && i % 10 == 4;
        buckets[i % 10].push(TaskResult {
            stt: (i + 1).to_string(),
            title: format!(
                "Nhiệm vụ số {}: tổ chức tuyên truyền, công khai và kiểm tra việc thực hiện tại \
                 các thôn, tổ dân phố",
                i + 1
            ),
            lead: unit_names[i % units].clone(),
            status,
            late,
            progress: if status == TaskStatus::Done {
                100
            } else {
                (i % 9) as u8 * 10
            },
            result: if status == TaskStatus::Done {
                "Đã hoàn thành; tổ chức 4 hội nghị với 320 lượt người tham dự, có biên bản và \
                 hình ảnh kèm theo."
                    .into()
            } else {
                String::new()
            },
        });
    }
    let mut buckets = buckets.into_iter();
    let dimensions = Dimension::all()
        .map(|dim| DimensionReport {
            dimension: dim,
            tasks: buckets.next().unwrap(),
            highlights: vec![
                "Các ban, ngành triển khai đầy đủ nhiệm vụ được giao; kết quả được công khai trên \
                 Cổng thông tin điện tử xã."
                    .into(),
            ],
        })
        .collect();
    let other_sections = [
        "Công tác thông tin, tuyên truyền",
        "Kiểm tra, giám sát việc thực hiện Kế hoạch",
    ]
    .into_iter()
    .map(|t| ReportSection {
        title: t.into(),
        tasks: buckets.next().unwrap(),
        highlights: vec![],
    })
    .collect();
    CommuneReportData {
        head: Letterhead {
            issuer_parent: "UBND TỈNH HƯNG YÊN".into(),
            issuer: "ỦY BAN NHÂN DÂN XÃ LƯƠNG TÀI".into(),
            issuer_short: "UBND xã Lương Tài".into(),
            place: "Lương Tài".into(),
            recipients: vec!["UBND tỉnh".into(), "Lưu: VT, VP".into()],
            signature: Signature {
                authority: "TM. ỦY BAN NHÂN DÂN".into(),
                position: "CHỦ TỊCH".into(),
                deputy: false,
                signer_name: "Nguyễn Trọng Chung".into(),
            },
        },
        number: "02/BC-UBND".into(),
        date: d(2026, 1, 8),
        kind: ReportKind::Annual,
        year: 2025,
        data_from: d(2025, 1, 1),
        data_to: d(2025, 12, 31),
        facts_on: d(2025, 12, 31),
        projection: None,
        plan_number: "10/KH-UBND".into(),
        plan_date: d(2025, 1, 16),
        plan_title: "Nâng cao hiệu quả quản trị và hành chính công xã Lương Tài năm 2025".into(),
        direction: vec!["UBND xã ban hành Kế hoạch và giao nhiệm vụ cho các ban, ngành.".into()],
        dimensions,
        other_sections,
        units: unit_names
            .iter()
            .enumerate()
            .map(|(i, u)| UnitSubmission {
                unit: u.clone(),
                due: d(2026, 1, 10),
                submitted_on: (i % 5 != 4).then(|| d(2026, 1, 9)),
                state: match i % 5 {
                    4 => SubmissionState::Missing,
                    3 => SubmissionState::Late(2),
                    _ => SubmissionState::OnTime,
                },
                note: String::new(),
            })
            .collect(),
        shortcomings: vec!["Một số ban, ngành gửi báo cáo chậm.".into()],
        causes: vec!["Công chức kiêm nhiệm nhiều việc.".into()],
        next_steps: vec!["Hoàn thành các nhiệm vụ còn chậm.".into()],
        proposals: vec![],
        audit_anchor: String::new(),
    }
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f());
        times.push(t.elapsed());
    }
    times.sort();
    (times[0], times[times.len() / 2], last.unwrap())
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let tasks: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(500);
    let units: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(15);
    let data = report(tasks, units);
    println!("annual commune report: {tasks} tasks, {units} units, {runs} runs (min / median)");

    let (min, med, docx) = time(runs, || {
        write_docx(&commune_report_document(&data)).expect("docx")
    });
    println!(
        "DOCX (build + write):     {:>9} / {:>9}   {:>7} bytes   target ≤ 200 ms",
        ms(min),
        ms(med),
        docx.len()
    );
    let (min, med, xlsx) = time(runs, || report_tasks_xlsx(&data).expect("xlsx"));
    println!(
        "XLSX tasks ({tasks} rows):  {:>9} / {:>9}   {:>7} bytes   target ≤ 200 ms",
        ms(min),
        ms(med),
        xlsx.len()
    );
    let (min, med, fig) = time(runs, || report_figures_xlsx(&data).expect("xlsx"));
    println!(
        "XLSX figures:             {:>9} / {:>9}   {:>7} bytes",
        ms(min),
        ms(med),
        fig.len()
    );
}

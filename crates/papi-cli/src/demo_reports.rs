//! The demo's sub-plans and reports, as they would stand on the demo's day: for the sub-plans
//! due 13/02/2025 one unit is late, one missing, one returned, one awaiting review and the rest
//! accepted; for the half-year 2025 period the unit reports are in every state; the commune
//! report is drafted and approved.

use anyhow::anyhow;
use chrono::NaiveDate;
use papi_core::reporting::{prefill, Filed, UnitReport};
use papi_core::review::ReviewStatus;
use papi_core::review::Reviewed;
use papi_core::unit_plan::{assigned_tasks, UnitPlan, UnitPlanRow};
use papi_core::{Due, Task};
use papi_store::{org, plan, reporting, review, unit_plan, unit_report, Store, WriteTx};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid demo date")
}

/// How a unit's document fares in the demo.
#[derive(Clone, Copy)]
enum Fate {
    /// Submitted on this day, then accepted or returned (with a comment) or left for review.
    Sent(NaiveDate, Option<ReviewStatus>),
    /// Saved as a draft, never sent.
    DraftOnly,
    /// Never started.
    Nothing,
}

fn subplan_fate(unit: &str) -> Fate {
    match unit {
        "Công chức Tư pháp - Hộ tịch" => Fate::Nothing,
        "Công chức Địa chính - Xây dựng - Nông nghiệp và Môi trường" => {
            Fate::Sent(d(2025, 2, 18), Some(ReviewStatus::Accepted))
        }
        "Công chức Văn hóa - Xã hội" => {
            Fate::Sent(d(2025, 2, 12), Some(ReviewStatus::Returned))
        }
        "Bộ phận Một cửa" => Fate::Sent(d(2025, 2, 13), None),
        _ => Fate::Sent(d(2025, 2, 11), Some(ReviewStatus::Accepted)),
    }
}

fn report_fate(unit: &str) -> Fate {
    match unit {
        "Công chức Tư pháp - Hộ tịch" => Fate::Nothing,
        "Bộ phận Một cửa" => Fate::DraftOnly,
        "Công chức Địa chính - Xây dựng - Nông nghiệp và Môi trường" => {
            Fate::Sent(d(2025, 7, 15), None)
        }
        "Công chức Văn hóa - Xã hội" => {
            Fate::Sent(d(2025, 7, 9), Some(ReviewStatus::Returned))
        }
        _ => Fate::Sent(d(2025, 7, 8), Some(ReviewStatus::Accepted)),
    }
}

/// A plausible official in charge per unit (fictional names).
fn officer(unit_id: i64) -> &'static str {
    const NAMES: [&str; 6] = [
        "Nguyễn Văn Thành",
        "Trần Thị Hương",
        "Lê Minh Đức",
        "Phạm Thị Ngọc",
        "Hoàng Văn Long",
        "Đặng Thị Thu",
    ];
    NAMES[unit_id as usize % NAMES.len()]
}

fn row_for(t: &Task, unit_id: i64, year: i32, complete: bool) -> UnitPlanRow {
    let lead = t.lead_unit_id == unit_id;
    UnitPlanRow {
        task_id: t.id,
        actions: if lead {
            format!(
                "Xây dựng kế hoạch chi tiết, phân công thực hiện: {}",
                t.title.to_lowercase()
            )
        } else {
            "Phối hợp với đơn vị chủ trì, cung cấp thông tin, cử người tham gia".into()
        },
        deliverable: if lead {
            t.deliverable.clone()
        } else {
            "Văn bản phối hợp, báo cáo kết quả phối hợp".into()
        },
        due: Some(match t.due {
            Due::Date(d) => d,
            Due::Recurring(_) => d(year, 12, 31),
        }),
        officer: if complete {
            officer(unit_id).into()
        } else {
            String::new()
        },
    }
}

/// A unit's symbol in document numbers: the initials of its short name ("Văn hóa - XH" → VHXH).
fn symbol(short_name: &str) -> String {
    short_name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let ascii = papi_core::text::fold(w).to_uppercase();
            // Acronyms stay whole; other words give their initial.
            if w.chars().all(|c| c.is_uppercase()) {
                ascii
            } else {
                ascii[..1].to_string()
            }
        })
        .collect()
}

pub async fn seed(store: &Store, commune_id: i64, plan_id: i64) -> anyhow::Result<()> {
    let p = plan::plan(store, plan_id).await?;
    let units = org::units(store, commune_id).await?;
    let tasks: Vec<Task> = plan::tasks(store, plan_id)
        .await?
        .into_iter()
        .map(|t| t.task)
        .collect();
    let office = "Nguyễn Thị Lan (vanphong)";
    let mut w = store.begin_write().await?;
    for u in &units {
        let assigned = assigned_tasks(u.id, &tasks);
        let fate = subplan_fate(&u.name);
        if assigned.is_empty() || matches!(fate, Fate::Nothing) {
            continue;
        }
        let returned = matches!(fate, Fate::Sent(_, Some(ReviewStatus::Returned)));
        let rows: Vec<UnitPlanRow> = assigned
            .iter()
            .map(|t| row_for(t, u.id, p.year, !returned))
            .collect();
        let up = UnitPlan {
            id: 0,
            commune_id,
            plan_id,
            unit_id: u.id,
            number: format!("{:02}/KH-{}", u.id, symbol(&u.short_name)),
            issued_on: match fate {
                Fate::Sent(on, _) => Some(on),
                _ => None,
            },
            status: ReviewStatus::Draft,
            first_submitted_on: None,
            comment: String::new(),
        };
        let id = unit_plan::save(&mut w, "papi demo", &up, &rows).await?;
        let up = UnitPlan { id, ..up };
        if let Fate::Sent(on, review) = fate {
            let decided = on.succ_opt().unwrap_or(on);
            let comment = "Đề nghị bổ sung người phụ trách từng nhiệm vụ.";
            send_and_review(&mut w, office, up.reviewed(), on, review, decided, comment).await?;
        }
    }
    w.commit().await?;

    // The half-year period comes from the plan import.
    let periods = reporting::periods(store, plan_id).await?;
    let half = periods
        .iter()
        .find(|p| p.kind == papi_core::reporting::PeriodKind::HalfYear)
        .ok_or_else(|| anyhow!("demo plan lacks the half-year period"))?;
    let history = plan::history(store, plan_id).await?;
    let filed: Vec<Filed> = history
        .iter()
        .map(papi_store::plan::HistoryEntry::filed)
        .collect();
    let mut w = store.begin_write().await?;
    for u in &units {
        let assigned = assigned_tasks(u.id, &tasks);
        let fate = report_fate(&u.name);
        if assigned.is_empty() || matches!(fate, Fate::Nothing) {
            continue;
        }
        let rows: Vec<_> = assigned
            .iter()
            .map(|t| {
                let mut r = prefill(t.id, &filed, half.from, half.to);
                if r.done.is_empty() {
                    r.done = "Đã xây dựng kế hoạch, đang chuẩn bị triển khai.".into();
                }
                r
            })
            .collect();
        let report = UnitReport {
            id: 0,
            commune_id,
            period_id: half.id,
            unit_id: u.id,
            status: ReviewStatus::Draft,
            first_submitted_on: None,
            comment: String::new(),
        };
        let id = unit_report::save(&mut w, "papi demo", &report, &rows).await?;
        let report = UnitReport { id, ..report };
        if let Fate::Sent(on, review) = fate {
            let comment =
                "Đề nghị bổ sung số liệu: số điểm niêm yết, số lượt người được tuyên truyền.";
            let doc = report.reviewed();
            send_and_review(&mut w, office, doc, on, review, d(2025, 7, 11), comment).await?;
        }
    }
    let report = reporting::CommuneReport {
        period_id: half.id,
        number: "125/BC-UBND".into(),
        issued_on: Some(d(2025, 7, 16)),
        approved: true,
        highlights: "Các ban, ngành đã triển khai kế hoạch đồng bộ; công khai dự toán ngân sách, danh sách hộ nghèo, kế hoạch sử dụng đất đúng quy định; tổ chức đối thoại với Nhân dân; tỷ lệ hồ sơ trực tuyến toàn trình tăng.".into(),
        shortcomings: "Một số nhiệm vụ thường xuyên chưa được báo cáo đúng kỳ; một số đơn vị gửi kế hoạch và báo cáo chậm so với thời hạn.".into(),
        causes: "Cán bộ kiêm nhiệm nhiều việc; việc theo dõi, đôn đốc ở một số đơn vị chưa thường xuyên.".into(),
        next_steps: "Đôn đốc các đơn vị hoàn thành nhiệm vụ quá hạn trong quý III; tăng cường kiểm tra đột xuất tại các thôn; tiếp tục tuyên truyền về Chỉ số PAPI.".into(),
        approved_by: "Trần Văn Minh".into(),
        audit_anchor: String::new(),
    };
    reporting::save_commune_report(&mut w, office, commune_id, &report).await?;
    w.commit().await?;
    Ok(())
}

/// A unit sends its document on `sent`; the office then decides on `decided` (a return with
/// `comment`), as the review flow records it for any kind of document.
async fn send_and_review(
    w: &mut WriteTx<'_>,
    office: &str,
    doc: Reviewed,
    sent: NaiveDate,
    decision: Option<ReviewStatus>,
    decided: NaiveDate,
    comment: &str,
) -> anyhow::Result<()> {
    review::set_status(w, "papi demo", &doc, ReviewStatus::Submitted, "", sent).await?;
    let Some(decision) = decision else {
        return Ok(());
    };
    let submitted = Reviewed {
        status: ReviewStatus::Submitted,
        first_submitted_on: Some(sent),
        ..doc
    };
    let comment = if decision == ReviewStatus::Returned {
        comment
    } else {
        ""
    };
    review::set_status(w, office, &submitted, decision, comment, decided).await?;
    Ok(())
}

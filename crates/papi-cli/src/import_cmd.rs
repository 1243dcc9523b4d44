//! `papi import plan|tasks`: documents into the database, all or nothing.

use std::process::ExitCode;

use anyhow::{anyhow, bail, Context};
use papi_core::{Commune, ItemKind, Plan, Task, TaskStatus};
use papi_docs::plan_import::{import_plan_file, ImportedPlan, PeriodKind};
use papi_docs::task_table::{read_task_table, resolve_task_rows, RawTaskRow};
use papi_store::plan::{NewPlan, ReportingPeriod};
use papi_store::{org, plan, Store};

use crate::args::ImportCommand;

/// The commune named by its GSO code, or the only one in the database.
pub async fn pick_commune(store: &Store, gso: Option<&str>) -> anyhow::Result<Commune> {
    let all = org::communes(store).await?;
    match (gso, all.as_slice()) {
        (Some(code), _) => all
            .iter()
            .find(|c| c.gso_code == code)
            .cloned()
            .ok_or_else(|| anyhow!("không có xã mã {code} trong cơ sở dữ liệu")),
        (None, [one]) => Ok(one.clone()),
        (None, []) => bail!("cơ sở dữ liệu chưa có xã nào (chạy `papi demo` để xem dữ liệu mẫu)"),
        (None, _) => bail!("cơ sở dữ liệu có nhiều xã: chọn bằng --commune MÃ"),
    }
}

/// Turns what the importer found into a plan to store; refuses a plan without number or date.
pub fn to_new_plan(found: &ImportedPlan, commune_id: i64) -> anyhow::Result<NewPlan> {
    let number = found
        .number
        .clone()
        .ok_or_else(|| anyhow!("không tìm thấy số/ký hiệu kế hoạch"))?;
    let issued_on = found
        .issued_on
        .ok_or_else(|| anyhow!("không tìm thấy ngày ban hành kế hoạch"))?;
    let mut items = Vec::new();
    for d in &found.dimensions {
        for i in &d.items {
            items.push((
                i.code.clone(),
                ItemKind::Content(d.dimension),
                i.text.clone(),
            ));
        }
    }
    for c in &found.cross_cutting {
        for i in &c.items {
            items.push((
                i.code.clone(),
                ItemKind::CrossCutting(c.kind),
                i.text.clone(),
            ));
        }
    }
    let periods = found
        .reporting_periods
        .iter()
        .map(|p| ReportingPeriod {
            kind: match p.kind {
                PeriodKind::Quarter => "quarter",
                PeriodKind::HalfYear => "half_year",
                PeriodKind::Annual => "annual",
            }
            .to_string(),
            from: p.from,
            to: p.to,
            due: p.due,
        })
        .collect();
    Ok(NewPlan {
        plan: Plan {
            id: 0,
            commune_id,
            number,
            issued_on,
            year: found
                .year
                .unwrap_or_else(|| chrono::Datelike::year(&issued_on)),
            title: found.title.clone(),
            full_text: found.full_text.clone(),
            unit_plan_due_working_days: found.unit_plan_due_working_days,
        },
        items,
        periods,
    })
}

fn print_summary(found: &ImportedPlan) {
    println!(
        "Số/ký hiệu: {}",
        found.number.as_deref().unwrap_or("(không tìm thấy)")
    );
    println!(
        "Ngày ban hành: {}",
        found
            .issued_on
            .map(papi_core::clock::format_date)
            .unwrap_or_else(|| "(không tìm thấy)".into())
    );
    println!("Tên: {}", found.title);
    for d in &found.dimensions {
        println!(
            "  Lĩnh vực {}: {} nội dung — {}",
            d.dimension.number(),
            d.items.len(),
            d.dimension.name_vi()
        );
    }
    for c in &found.cross_cutting {
        println!("  {}: {} nội dung", c.kind.label(), c.items.len());
    }
    for p in &found.reporting_periods {
        println!(
            "  Kỳ báo cáo {:?}: số liệu {} – {}, hạn {}",
            p.kind,
            papi_core::clock::format_date(p.from),
            papi_core::clock::format_date(p.to),
            papi_core::clock::format_date(p.due)
        );
    }
    if let Some(n) = found.unit_plan_due_working_days {
        println!("  Kế hoạch của đơn vị: chậm nhất {n} ngày làm việc");
    }
    for w in &found.warnings {
        println!("Cảnh báo: {w}");
    }
}

/// Stores what the importer found as the commune's plan; returns the new plan's id.
pub async fn store_plan(
    store: &Store,
    commune: &Commune,
    found: &ImportedPlan,
    actor: &str,
) -> anyhow::Result<i64> {
    let new = to_new_plan(found, commune.id)?;
    let mut w = store.begin_write().await?;
    let id = plan::insert_plan(&mut w, actor, &new).await?;
    w.commit().await?;
    Ok(id)
}

/// Reads, checks and stores a task table into `plan_id`. Any bad row refuses the whole table.
pub async fn store_tasks(
    store: &Store,
    commune: &Commune,
    plan_id: i64,
    rows: &[RawTaskRow],
    actor: &str,
    dry_run: bool,
) -> anyhow::Result<Result<usize, Vec<String>>> {
    let p = plan::plan(store, plan_id).await?;
    let units = org::units(store, commune.id).await?;
    let items = plan::items(store, plan_id).await?;
    let codes: Vec<String> = items.iter().map(|i| i.code.clone()).collect();
    let resolved = match resolve_task_rows(rows, &units, &codes, p.year) {
        Ok(r) => r,
        Err(errors) => return Ok(Err(errors.iter().map(|e| e.to_string()).collect())),
    };
    if dry_run {
        return Ok(Ok(resolved.len()));
    }
    let start = plan::tasks(store, plan_id)
        .await?
        .iter()
        .map(|t| t.task.position)
        .max()
        .unwrap_or(0);
    let mut w = store.begin_write().await?;
    for r in &resolved {
        let item_id = r
            .item_code
            .as_ref()
            .and_then(|c| items.iter().find(|i| &i.code == c))
            .map(|i| i.id);
        let task = Task {
            id: 0,
            commune_id: commune.id,
            plan_id,
            item_id,
            position: start + r.position,
            title: r.title.clone(),
            description: String::new(),
            lead_unit_id: r.lead_unit_id,
            coordinating_unit_ids: r.coordinating_unit_ids.clone(),
            deliverable: r.deliverable.clone(),
            due: r.due,
            status: TaskStatus::NotStarted,
            progress: 0,
            public: true,
        };
        plan::insert_task(&mut w, actor, &task).await?;
    }
    w.commit().await?;
    Ok(Ok(resolved.len()))
}

pub async fn run(db: &str, cmd: ImportCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        ImportCommand::Plan {
            file,
            dry_run,
            json,
            commune,
        } => {
            let found = import_plan_file(&file).map_err(|e| anyhow!("{e}"))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&found)?);
            } else {
                print_summary(&found);
            }
            if dry_run {
                return Ok(ExitCode::SUCCESS);
            }
            let store = Store::open(db)
                .await
                .context("không mở được cơ sở dữ liệu")?;
            let c = pick_commune(&store, commune.as_deref()).await?;
            let id = store_plan(&store, &c, &found, "papi import").await?;
            eprintln!("Đã lưu kế hoạch (mã {id}) cho {}.", c.full_name());
            Ok(ExitCode::SUCCESS)
        }
        ImportCommand::Tasks {
            file,
            dry_run,
            commune,
        } => {
            let store = Store::open(db)
                .await
                .context("không mở được cơ sở dữ liệu")?;
            let c = pick_commune(&store, commune.as_deref()).await?;
            let p = plan::current_plan(&store, c.id)
                .await?
                .ok_or_else(|| anyhow!("xã chưa có kế hoạch: chạy `papi import plan TỆP` trước"))?;
            let rows = read_task_table(&file).map_err(|e| anyhow!("{e}"))?;
            match store_tasks(&store, &c, p.id, &rows, "papi import", dry_run).await? {
                Ok(n) if dry_run => println!("Biểu hợp lệ: {n} nhiệm vụ (chưa lưu, --dry-run)."),
                Ok(n) => println!("Đã nhập {n} nhiệm vụ vào kế hoạch {}.", p.number),
                Err(errors) => {
                    eprintln!("Không nhập dòng nào vì biểu có {} lỗi:", errors.len());
                    for e in errors {
                        eprintln!("  {e}");
                    }
                    return Ok(ExitCode::FAILURE);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

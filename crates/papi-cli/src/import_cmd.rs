//! `papi import plan|tasks`: documents into the database, all or nothing.

use std::process::ExitCode;

use anyhow::{anyhow, bail};
pub use papi_app::plan::{store_plan, store_tasks};
use papi_core::Commune;
use papi_docs::plan_import::{import_plan_file, ImportedPlan};
use papi_docs::task_table::read_task_table;
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

pub async fn run(db: &crate::open::Database, cmd: ImportCommand) -> anyhow::Result<ExitCode> {
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
            let store = crate::open::store(db).await?;
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
            let store = crate::open::store(db).await?;
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

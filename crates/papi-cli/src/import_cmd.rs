//! `papi import plan|tasks`: documents into the database, all or nothing.

use std::process::ExitCode;

use anyhow::{anyhow, bail};
use papi_app::plan::{dimensions_found, preview_plan, save_plan};
pub use papi_app::plan::{store_plan, store_tasks};
use papi_core::plan_version::check_is_plan;
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
        (None, []) => bail!("cơ sở dữ liệu chưa có xã nào: khởi tạo bằng `papi init` (hoặc `papi demo` để xem dữ liệu mẫu)"),
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
            "  {}: số liệu {} – {}, hạn {}",
            p.kind.label(),
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
            confirm,
        } => {
            let found = import_plan_file(&file).map_err(|e| anyhow!("{e}"))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&found)?);
            } else {
                print_summary(&found);
            }
            if let Err(why) = check_is_plan(&dimensions_found(&found)) {
                eprintln!("Lỗi: {why}");
                return Ok(ExitCode::FAILURE);
            }
            if dry_run {
                return Ok(ExitCode::SUCCESS);
            }
            let store = crate::open::store(db).await?;
            let c = pick_commune(&store, commune.as_deref()).await?;
            let preview = preview_plan(&store, &c, &found).await?;
            if let Some((current, _)) = &preview.current {
                for line in preview.summary_lines() {
                    println!("{line}");
                }
                if !confirm {
                    eprintln!(
                        "Chưa lưu: năm {} đã có kế hoạch {}. Xem các thay đổi ở trên, rồi chạy \
                         lại với --confirm để lưu thành phiên bản mới.",
                        current.year, current.number
                    );
                    return Ok(ExitCode::FAILURE);
                }
            }
            let saved = save_plan(&store, &c, &found, "papi import", confirm).await?;
            if saved.version > 1 {
                eprintln!(
                    "Đã lưu phiên bản {} của kế hoạch (mã {}) cho {}; các nhiệm vụ được giữ lại.",
                    saved.version,
                    saved.plan_id,
                    c.full_name()
                );
            } else {
                eprintln!(
                    "Đã lưu kế hoạch (mã {}) cho {}.",
                    saved.plan_id,
                    c.full_name()
                );
            }
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
                Ok(r) if dry_run => println!(
                    "Biểu hợp lệ: {} nhiệm vụ — {} (chưa lưu, --dry-run).",
                    r.new + r.updated + r.unchanged,
                    r.summary()
                ),
                Ok(r) => println!("Đã nhập biểu vào kế hoạch {}: {}.", p.number, r.summary()),
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

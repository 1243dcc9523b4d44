//! `papi export tasks --xlsx`.

use std::process::ExitCode;

use anyhow::{anyhow, Context};
use papi_store::{org, plan};

use crate::args::ExportCommand;
use crate::import_cmd::pick_commune;

pub async fn run(db: &crate::open::Database, cmd: ExportCommand) -> anyhow::Result<ExitCode> {
    let ExportCommand::Tasks {
        xlsx: _,
        output,
        commune,
    } = cmd;
    let store = crate::open::store(db).await?;
    let c = pick_commune(&store, commune.as_deref()).await?;
    let p = plan::current_plan(&store, c.id)
        .await?
        .ok_or_else(|| anyhow!("xã chưa có kế hoạch"))?;
    let units = org::units(&store, c.id).await?;
    let items = plan::items(&store, p.id).await?;
    let records = plan::tasks(&store, p.id).await?;
    let codes: Vec<String> = records.iter().map(|t| t.code.clone()).collect();
    let tasks: Vec<_> = records.into_iter().map(|t| t.task).collect();
    let rows = papi_docs::task_table::table_rows(&tasks, &items, &units);
    let title = format!("BIỂU TỔNG HỢP NHIỆM VỤ (Kèm theo Kế hoạch số {})", p.number);
    let bytes = papi_docs::task_table::write_coded_task_table_xlsx(&rows, &codes, &title)
        .map_err(|e| anyhow!("{e}"))?;
    std::fs::write(&output, bytes)
        .with_context(|| format!("không ghi được {}", output.display()))?;
    println!("Đã ghi {} nhiệm vụ vào {}.", rows.len(), output.display());
    Ok(ExitCode::SUCCESS)
}

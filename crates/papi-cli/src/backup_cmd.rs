//! `papi backup DEST`: an online, consistent copy while the server keeps running.

use std::process::ExitCode;

use anyhow::{anyhow, Context};
use papi_store::{backup, Store};

use crate::args::BackupArgs;

pub async fn run(db: &str, args: BackupArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open(db)
        .await
        .context("không mở được cơ sở dữ liệu")?;
    backup::backup_sqlite(&store, &args.dest)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let copy = Store::open(&format!("sqlite://{}", args.dest.display())).await?;
    let problems = copy.integrity_check().await?;
    if !problems.is_empty() {
        return Err(anyhow!("bản sao lỗi: {}", problems.join("; ")));
    }
    println!(
        "Đã sao lưu vào {} (đã kiểm tra toàn vẹn).",
        args.dest.display()
    );
    Ok(ExitCode::SUCCESS)
}

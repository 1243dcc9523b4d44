//! `papi backup DEST`: an online, consistent copy while the server keeps running.

use std::process::ExitCode;

use anyhow::anyhow;
use papi_store::{backup, Store};

use crate::args::BackupArgs;

pub async fn run(db: &crate::open::Database, args: BackupArgs) -> anyhow::Result<ExitCode> {
    let store = crate::open::store(db).await?;
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
    // The head at the time of the copy: kept with the backup, it shows later cuts or rewrites.
    let found = papi_store::audit::verify(&store).await?;
    crate::audit_cmd::print_heads(&found.heads);
    Ok(ExitCode::SUCCESS)
}

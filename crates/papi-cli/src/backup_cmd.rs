//! `papi backup DEST`: an online, consistent copy while the server keeps running, on SQLite or
//! PostgreSQL, in papi's one backup format (see `papi_store::backup`).

use std::process::ExitCode;

use anyhow::anyhow;
use papi_store::{backup, restore};

use crate::args::BackupArgs;

pub async fn run(db: &crate::open::Database, args: BackupArgs) -> anyhow::Result<ExitCode> {
    let store = crate::open::store(db).await?;
    backup::backup(&store, &args.dest)
        .await
        .map_err(|e| anyhow!("không sao lưu được: {e}"))?;
    // The copy must pass what a restore will ask of it: integrity, schema, audit chain.
    let key = crate::restore_cmd::existing_key(db)?;
    let checked = restore::check(&args.dest, key)
        .await
        .map_err(|e| anyhow!("bản sao {} không dùng được: {e}", args.dest.display()))?;
    println!(
        "Đã sao lưu vào {} ({}); đã kiểm tra toàn vẹn, phiên bản lược đồ và nhật ký kiểm toán.",
        args.dest.display(),
        checked.counts
    );
    // The heads at the time of the copy: kept with the backup, they show later cuts or rewrites.
    crate::audit_cmd::print_heads(&checked.heads);
    Ok(ExitCode::SUCCESS)
}

//! `papi restore SRC`: checks a backup file, then replaces the database's contents with it in
//! one transaction. Nothing is touched unless the file passes every check.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::anyhow;
use papi_store::audit::AuditKey;
use papi_store::restore;

use crate::args::RestoreArgs;

pub async fn run(db: &crate::open::Database, args: RestoreArgs) -> anyhow::Result<ExitCode> {
    // Check the file before opening (let alone changing) the target.
    let key = existing_key(db)?;
    let checked = match restore::check(&args.src, key).await {
        Ok(c) => c,
        Err(e) => {
            eprintln!("Lỗi: không khôi phục từ {}: {e}.", args.src.display());
            eprintln!("Cơ sở dữ liệu hiện tại không bị thay đổi.");
            return Ok(ExitCode::FAILURE);
        }
    };
    println!(
        "Bản sao lưu {} hợp lệ (toàn vẹn, đúng phiên bản lược đồ, nhật ký kiểm toán khớp): {}.",
        args.src.display(),
        checked.counts
    );
    let target = crate::open::store(db).await?;
    let now = restore::counts(&target).await?;
    if now.rows > 0 {
        if !args.replace {
            eprintln!(
                "Lỗi: cơ sở dữ liệu đích đã có dữ liệu ({now}); không khôi phục. \
                 Thêm --replace để thay thế toàn bộ."
            );
            return Ok(ExitCode::FAILURE);
        }
        println!("Sẽ thay thế toàn bộ dữ liệu hiện có: {now}.");
        if !args.yes && !confirmed()? {
            eprintln!("Đã hủy: không thay đổi gì.");
            return Ok(ExitCode::FAILURE);
        }
    }
    let after = restore::restore(&target, &checked)
        .await
        .map_err(|e| anyhow!("khôi phục không thành công, dữ liệu cũ giữ nguyên: {e}"))?;
    println!("Đã khôi phục: {after}.");
    crate::audit_cmd::print_heads(&checked.heads);
    Ok(ExitCode::SUCCESS)
}

/// Asks on a terminal; anything but "có" cancels. Without a terminal, `--yes` is required.
fn confirmed() -> anyhow::Result<bool> {
    if !std::io::stdin().is_terminal() {
        eprintln!("Cần xác nhận: chạy lại với --yes.");
        return Ok(false);
    }
    print!("Gõ “có” để thay thế: ");
    std::io::stdout().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    // "có" precomposed, or "co" with a combining acute accent.
    let answer = line.trim().to_lowercase();
    Ok(answer == "có" || answer == "co\u{301}")
}

/// The installation's audit key if its file exists (a missing key is not created here: a
/// backup with keyed entries is then refused, saying the key file is needed).
pub fn existing_key(db: &crate::open::Database) -> anyhow::Result<Option<AuditKey>> {
    match db.key_path() {
        Some(p) if p.exists() => Ok(Some(AuditKey::load_or_create(&p)?.0)),
        _ => Ok(None),
    }
}

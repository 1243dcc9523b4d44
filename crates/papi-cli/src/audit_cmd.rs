//! `papi audit verify`: walks the hash chain.

use std::process::ExitCode;

use anyhow::Context;
use papi_store::{audit, Store};

use crate::args::AuditCommand;

pub async fn run(db: &str, cmd: AuditCommand) -> anyhow::Result<ExitCode> {
    let AuditCommand::Verify { json } = cmd;
    let store = Store::open(db)
        .await
        .context("không mở được cơ sở dữ liệu")?;
    let (checked, broken) = audit::verify(&store).await?;
    if json {
        println!(
            "{}",
            serde_json::json!({"checked": checked, "ok": broken.is_none(), "first_tampered": broken})
        );
    } else {
        match &broken {
            None => println!("Nhật ký toàn vẹn: {checked} bản ghi, chuỗi mã băm khớp."),
            Some(t) => println!(
                "NHẬT KÝ BỊ SỬA: bản ghi đầu tiên sai là #{} (xã {}): {}. Đã kiểm tra {checked} bản ghi trước nó.",
                t.id, t.commune_id, t.reason
            ),
        }
    }
    Ok(if broken.is_none() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

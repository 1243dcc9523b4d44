//! `papi audit verify`: walks the chain, the keyed heads and the task seals, checks earlier
//! printed heads (`--since`), and prints each commune's head to keep.

use std::process::ExitCode;

use anyhow::anyhow;
use papi_store::audit::{self, Anchor, Head, Tampered};

use crate::args::AuditCommand;

pub async fn run(db: &crate::open::Database, cmd: AuditCommand) -> anyhow::Result<ExitCode> {
    let AuditCommand::Verify { json, since } = cmd;
    let anchors = since
        .iter()
        .map(|a| a.parse::<Anchor>().map_err(|e| anyhow!(e)))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let store = crate::open::store(db).await?;
    let found = audit::verify(&store).await?;
    let mut problem = found.problem.clone();
    for anchor in &anchors {
        if problem.is_some() {
            break;
        }
        problem = audit::verify_since(&store, anchor).await?;
    }
    if json {
        println!(
            "{}",
            serde_json::json!({
                "checked": found.checked,
                "ok": problem.is_none(),
                "keyed": found.keyed,
                "first_tampered": problem,
                "heads": found.heads.iter().map(|h| serde_json::json!({
                    "commune_id": h.commune_id, "entries": h.entries, "hash": h.hash,
                    "anchor": h.anchor(),
                })).collect::<Vec<_>>(),
            })
        );
    } else {
        print_human(found.checked, &found.heads, problem.as_ref(), anchors.len());
    }
    Ok(if problem.is_none() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn print_human(checked: usize, heads: &[Head], problem: Option<&Tampered>, anchors: usize) {
    match problem {
        None => {
            println!("Nhật ký toàn vẹn: {checked} bản ghi, chuỗi mã băm, dấu đầu chuỗi và niêm phong nhiệm vụ khớp.");
            if anchors > 0 {
                println!("Khớp với {anchors} mốc đã in trước đây.");
            }
        }
        Some(t) if t.id > 0 && !t.reason.starts_with("nhiệm vụ") => println!(
            "NHẬT KÝ BỊ SỬA: bản ghi đầu tiên sai là #{} (xã {}): {}. Đã kiểm tra {checked} bản ghi trước nó.",
            t.id, t.commune_id, t.reason
        ),
        Some(t) => println!("NHẬT KÝ BỊ SỬA (xã {}): {}.", t.commune_id, t.reason),
    }
    print_heads(heads);
}

/// Each commune's head, as an anchor to keep (print it, file it with the report).
pub fn print_heads(heads: &[Head]) {
    for h in heads {
        println!(
            "Đầu chuỗi xã {}: {} bản ghi — mốc: {}",
            h.commune_id,
            h.entries,
            h.anchor()
        );
    }
}

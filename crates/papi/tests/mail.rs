//! `papi mail` as an administrator tries it: the capture server prints each message's
//! recipient and subject as it arrives and keeps it as an `.eml` file; `papi mail digest`
//! queues the morning's digests once a day, and `papi mail send` delivers them through the
//! server named on the command line (the password only from the environment).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn papi(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_papi"))
        .current_dir(dir)
        .env("PAPI_DATABASE_URL", "sqlite://papi.db")
        .env("PAPI_AUDIT_KEY_FILE", dir.join("audit.key"))
        .env("PAPI_LOG", "warn")
        .args(args)
        .output()
        .expect("run papi")
}

fn ok(out: &Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    text
}

#[test]
fn the_capture_server_receives_the_digests_sent_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&papi(d, &["demo", "--file", "papi.db", "--no-serve"]));
    let queued = ok(&papi(d, &["mail", "digest", "--day", "2025-10-15"]));
    assert!(queued.contains("đã xếp 3 thư tóm tắt"), "{queued}");
    // "… 3 thư tóm tắt và N thư nhắc việc …": every message queued is to arrive.
    let reminders: usize = queued
        .split(" và ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    let total = 3 + reminders;
    let again = ok(&papi(d, &["mail", "digest", "--day", "2025-10-15"]));
    assert!(
        again.contains("đã xếp 0 thư tóm tắt và 0 thư nhắc việc"),
        "{again}"
    );

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let mut sink = Command::new(env!("CARGO_BIN_EXE_papi"))
        .current_dir(d)
        .env("PAPI_LOG", "warn")
        .args(["mail", "sink", "--listen", &listen, "--dir", "thu"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(sink.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(first.contains(&listen), "{first}");

    let sent = Command::new(env!("CARGO_BIN_EXE_papi"))
        .current_dir(d)
        .env("PAPI_DATABASE_URL", "sqlite://papi.db")
        .env("PAPI_AUDIT_KEY_FILE", d.join("audit.key"))
        .env("PAPI_LOG", "warn")
        .env(
            "PAPI_SMTP_FROM",
            "UBND xã Lương Tài <khpapi@luongtai.example>",
        )
        .args([
            "mail",
            "send",
            "--smtp-host",
            "127.0.0.1",
            "--smtp-tls",
            "none",
        ])
        .args(["--smtp-port", &port.to_string()])
        .output()
        .unwrap();
    let out = ok(&sent);
    // The demo's residents' matters queued their own acknowledgements and assignments beside
    // the digests and reminders: everything in the outbox goes, and all of it arrives.
    let sent_count: usize = out
        .split("Đã gửi ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(sent_count >= total, "{out}");
    let total = sent_count;
    let received: Vec<String> = lines
        .by_ref()
        .map_while(Result::ok)
        .filter(|l| l.starts_with("Nhận thư"))
        .take(total)
        .collect();
    let _ = sink.kill();
    let _ = sink.wait();
    assert!(
        out.contains(&format!("Đã gửi {total} thư; 0 thư lỗi")),
        "{out}"
    );
    assert_eq!(received.len(), total, "{received:?}");
    assert!(received.iter().any(|l| l
        .starts_with("Nhận thư: tới chutich@luongtai.example — [papi] Tóm tắt ngày 15/10/2025:")));
    let deadline = Instant::now() + Duration::from_secs(5);
    let files = loop {
        let n = std::fs::read_dir(d.join("thu")).unwrap().count();
        if n >= total || Instant::now() > deadline {
            break n;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(files, total);
}

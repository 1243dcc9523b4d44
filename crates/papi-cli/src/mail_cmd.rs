//! `papi mail`: the local capture server, the daily reminders for cron, one sending run; and
//! the mail worker `papi serve` starts when a mail server is set.

use std::process::ExitCode;
use std::sync::Arc;

use chrono::NaiveDate;
use papi_app::mail::sink::{OnMessage, Received, Sink};
use papi_app::mail::{MailConfig, Mailer, TlsMode};
use papi_app::App;
use papi_store::Store;
use tokio::task::JoinHandle;

use crate::args::{MailCommand, SmtpArgs};

pub async fn run(db: &crate::open::Database, c: MailCommand) -> anyhow::Result<ExitCode> {
    match c {
        MailCommand::Sink { listen, dir } => sink(&listen, dir).await,
        MailCommand::Digest { day } => {
            let store = crate::open::store(db).await?;
            let app = App::new(store, None);
            let day = day.unwrap_or_else(|| app.today());
            let q = papi_app::mail::run_daily(&app, day).await?;
            println!(
                "Ngày {}: đã xếp {} thư tóm tắt và {} thư nhắc việc vào hàng chờ gửi.",
                papi_core::clock::format_date(day),
                q.digests,
                q.reminders
            );
            Ok(ExitCode::SUCCESS)
        }
        MailCommand::Send { smtp } => {
            let Some(mailer) = mailer(&smtp)? else {
                anyhow::bail!("chưa có máy chủ thư: đặt --smtp-host hoặc PAPI_SMTP_HOST");
            };
            let store = crate::open::store(db).await?;
            let app = App::new(store, None);
            let (mut sent, mut failed) = (0, 0);
            loop {
                let s = papi_app::mail::send_due(&app, &mailer).await?;
                sent += s.sent;
                failed += s.failed;
                if s.sent + s.failed < papi_app::mail::send::BATCH as usize {
                    break;
                }
            }
            println!("Đã gửi {sent} thư; {failed} thư lỗi sẽ được gửi lại sau.");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The mail server from the flags and the environment; `None` without a host.
pub fn mailer(a: &SmtpArgs) -> anyhow::Result<Option<Mailer>> {
    let Some(host) = a.smtp_host.clone().filter(|h| !h.trim().is_empty()) else {
        return Ok(None);
    };
    let tls = TlsMode::parse(&a.smtp_tls).map_err(anyhow::Error::msg)?;
    let Some(from) = a.smtp_from.clone() else {
        anyhow::bail!("chưa có địa chỉ người gửi: đặt --smtp-from hoặc PAPI_SMTP_FROM");
    };
    let config = MailConfig {
        host,
        port: a.smtp_port.unwrap_or(tls.default_port()),
        tls,
        username: a.smtp_username.clone(),
        password: std::env::var("PAPI_SMTP_PASSWORD").ok(),
        from,
    };
    Ok(Some(Mailer::new(&config).map_err(anyhow::Error::msg)?))
}

/// Starts the background sender when a mail server is set; requests only queue.
pub fn start_worker(
    store: &Store,
    today: Option<NaiveDate>,
    smtp: &SmtpArgs,
) -> anyhow::Result<Option<JoinHandle<()>>> {
    let Some(m) = mailer(smtp)? else {
        tracing::info!("no mail server set (--smtp-host): mail is queued, not sent");
        return Ok(None);
    };
    Ok(Some(papi_app::mail::worker::spawn(
        App::new(store.clone(), today),
        m,
    )))
}

fn print_received(m: &Received) {
    println!(
        "Nhận thư: tới {} — {}{}",
        m.to.join(", "),
        m.subject(),
        m.file
            .as_ref()
            .map(|f| format!(" ({})", f.display()))
            .unwrap_or_default()
    );
}

async fn sink(listen: &str, dir: Option<std::path::PathBuf>) -> anyhow::Result<ExitCode> {
    let on: OnMessage = Arc::new(print_received);
    let s = Sink::start(listen, dir.clone(), Some(on))
        .await
        .map_err(|e| anyhow::anyhow!("không mở được cổng {listen}: {e}"))?;
    println!(
        "Máy chủ nhận thư thử đang chạy tại {} (không xác thực, không chuyển tiếp){}. Dừng: Ctrl-C.",
        s.addr,
        dir.map(|d| format!("; thư ghi vào {}", d.display()))
            .unwrap_or_default()
    );
    println!(
        "Cho papi gửi tới đây: --smtp-host {} --smtp-port {} --smtp-tls none --smtp-from \"papi <papi@localhost.localdomain>\"",
        s.addr.ip(),
        s.addr.port()
    );
    tokio::signal::ctrl_c().await?;
    Ok(ExitCode::SUCCESS)
}

/// For the demo: a capture server on a free local port writing into `dir`, and the worker
/// sending there. Both run as long as the returned handles are kept.
pub async fn demo_mail(
    store: &Store,
    today: NaiveDate,
    dir: std::path::PathBuf,
) -> anyhow::Result<(Sink, JoinHandle<()>)> {
    let s = Sink::start("127.0.0.1:0", Some(dir), None).await?;
    let config = MailConfig {
        host: s.addr.ip().to_string(),
        port: s.addr.port(),
        tls: TlsMode::None,
        username: None,
        password: None,
        from: "UBND xã Lương Tài <khpapi@luongtai.example>".into(),
    };
    let m = Mailer::new(&config).map_err(anyhow::Error::msg)?;
    let worker = papi_app::mail::worker::spawn(App::new(store.clone(), Some(today)), m);
    Ok((s, worker))
}

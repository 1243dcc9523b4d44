//! The command line of `papi`: load the demo, import and export documents, manage users,
//! verify the audit log, back up, compute calendars and survey scores. Every command calls
//! `papi-app` (or the layers below it); serving the web is handed in by the `papi` binary, so
//! this crate needs nothing of the web.

pub mod args;
mod audit_cmd;
mod backup_cmd;
mod calendar_cmd;
pub mod demo;
mod demo_boards;
mod demo_decisions;
mod demo_disclosure;
mod demo_inspection;
mod demo_reports;
mod demo_satisfaction;
mod demo_survey;
mod demo_voice;
mod export_cmd;
mod import_cmd;
mod mail_cmd;
pub mod open;
mod restore_cmd;
pub mod serve;
mod setup_cmd;
mod survey_cmd;
mod user_cmd;

use std::future::Future;
use std::pin::Pin;

use clap::Parser;
use papi_store::Store;

use args::{Cli, Command, ServeArgs};

/// Starts the web server on a store until Ctrl-C, printing the banner (or the URL) once it
/// listens. The `papi` binary passes the web's; the command line only calls it.
pub type Serve = fn(
    Store,
    ServeArgs,
    Option<String>,
) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>>;

/// Parses the command line and runs it to an exit code.
pub fn main(serve: Serve) -> std::process::ExitCode {
    let cli = Cli::parse();
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PAPI_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr);
    match cli.log_format {
        // One JSON object a line, with the request's span (id, method, path, status, latency).
        args::LogFormat::Json => logs.json().with_current_span(true).init(),
        args::LogFormat::Text => logs.init(),
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("Lỗi: không khởi động được: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli, serve)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Lỗi: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli, serve: Serve) -> anyhow::Result<std::process::ExitCode> {
    let db = open::Database {
        url: cli.database_url.clone(),
        key_file: cli.audit_key_file.clone(),
    };
    match cli.command {
        Command::Serve(a) => serve::run(&db, a, serve).await,
        Command::Init(a) => setup_cmd::run(&db, a).await,
        Command::Demo(a) => demo::run(a, db.key_file.as_deref(), serve).await,
        Command::Import(a) => import_cmd::run(&db, a).await,
        Command::Export(a) => export_cmd::run(&db, a).await,
        Command::User(a) => user_cmd::run(&db, a).await,
        Command::Audit(a) => audit_cmd::run(&db, a).await,
        Command::Backup(a) => backup_cmd::run(&db, a).await,
        Command::Restore(a) => restore_cmd::run(&db, a).await,
        Command::Calendar(args::CalendarCommand::Import {
            file,
            year,
            source,
            commune,
        }) => calendar_cmd::import(&db, &file, year, &source, commune.as_deref()).await,
        Command::Calendar(c) => calendar_cmd::run(c),
        Command::Survey(c) => survey_cmd::run(c),
        Command::Benchmark(c) => survey_cmd::run_benchmark(&db, c).await,
        Command::Mail(c) => mail_cmd::run(&db, c).await,
    }
}

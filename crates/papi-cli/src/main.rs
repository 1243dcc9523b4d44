//! `papi`: one binary for the commune's PAPI plan — serve the web, load the demo, import and
//! export documents, manage users, verify the audit log, back up.

mod args;
mod audit_cmd;
mod backup_cmd;
mod calendar_cmd;
mod demo;
mod demo_reports;
mod demo_survey;
mod export_cmd;
mod import_cmd;
mod open;
mod serve;
mod survey_cmd;
mod user_cmd;

use clap::Parser;

use args::{Cli, Command};

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PAPI_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
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
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Lỗi: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<std::process::ExitCode> {
    let db = open::Database {
        url: cli.database_url.clone(),
        key_file: cli.audit_key_file.clone(),
    };
    match cli.command {
        Command::Serve(a) => serve::run(&db, a).await,
        Command::Demo(a) => demo::run(a, db.key_file.as_deref()).await,
        Command::Import(a) => import_cmd::run(&db, a).await,
        Command::Export(a) => export_cmd::run(&db, a).await,
        Command::User(a) => user_cmd::run(&db, a).await,
        Command::Audit(a) => audit_cmd::run(&db, a).await,
        Command::Backup(a) => backup_cmd::run(&db, a).await,
        Command::Calendar(args::CalendarCommand::Import {
            file,
            year,
            source,
            commune,
        }) => calendar_cmd::import(&db, &file, year, &source, commune.as_deref()).await,
        Command::Calendar(c) => calendar_cmd::run(c),
        Command::Survey(c) => survey_cmd::run(c),
        Command::Benchmark(c) => survey_cmd::run_benchmark(&db, c).await,
    }
}

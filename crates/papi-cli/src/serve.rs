//! `papi serve`: opens the database and hands it to the web server the binary provides.

use crate::args::ServeArgs;

pub async fn run(
    db: &crate::open::Database,
    args: ServeArgs,
    serve: crate::Serve,
) -> anyhow::Result<std::process::ExitCode> {
    let store = crate::open::store(db).await?;
    let worker = crate::mail_cmd::start_worker(&store, args.today, &args.smtp)?;
    let served = serve(store, args, None).await;
    if let Some(w) = worker {
        w.abort();
    }
    served?;
    Ok(std::process::ExitCode::SUCCESS)
}

//! `papi serve`: opens the database and hands it to the web server the binary provides.

use crate::args::ServeArgs;

pub async fn run(
    db: &crate::open::Database,
    args: ServeArgs,
    serve: crate::Serve,
) -> anyhow::Result<std::process::ExitCode> {
    let store = crate::open::store(db).await?;
    serve(store, args, None).await?;
    Ok(std::process::ExitCode::SUCCESS)
}

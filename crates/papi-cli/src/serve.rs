//! Serving the web.

use std::net::SocketAddr;

use anyhow::Context;
use papi_store::Store;
use papi_web::AppState;

use crate::args::ServeArgs;

pub async fn run(
    db: &crate::open::Database,
    args: ServeArgs,
) -> anyhow::Result<std::process::ExitCode> {
    let store = crate::open::store(db).await?;
    serve(store, &args, None).await?;
    Ok(std::process::ExitCode::SUCCESS)
}

/// Serves until Ctrl-C; prints `banner` (or the URL) once listening.
pub async fn serve(store: Store, args: &ServeArgs, banner: Option<String>) -> anyhow::Result<()> {
    papi_store::org::warm_up_sign_in();
    let state = AppState::new(store, args.today, args.secure_cookies)
        .with_trusted_proxies(args.trusted_proxy.clone());
    state.load_calendar_overrides().await?;
    let app = papi_web::router(state);
    let listener = tokio::net::TcpListener::bind(&args.bind)
        .await
        .with_context(|| format!("không mở được cổng {}", args.bind))?;
    let addr = listener.local_addr()?;
    match banner {
        Some(b) => println!("{b}"),
        None => println!("papi đang chạy: http://{addr}/  (dừng: Ctrl-C)"),
    }
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}

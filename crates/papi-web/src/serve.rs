//! Running the web server until Ctrl-C.

use std::net::SocketAddr;

use anyhow::Context;
use chrono::NaiveDate;
use papi_store::Store;

use crate::AppState;

/// How `papi serve` and `papi demo` start the server.
pub struct ServeOptions {
    /// Address to listen on, e.g. `127.0.0.1:8080`.
    pub bind: String,
    /// Pins "today" instead of the real date in Vietnam.
    pub today: Option<NaiveDate>,
    /// Send cookies with `Secure` (behind HTTPS).
    pub secure_cookies: bool,
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// Serves until Ctrl-C; prints `banner` (or the URL) once listening.
pub async fn serve(store: Store, o: ServeOptions, banner: Option<String>) -> anyhow::Result<()> {
    papi_store::org::warm_up_sign_in();
    let state =
        AppState::new(store, o.today, o.secure_cookies).with_trusted_proxies(o.trusted_proxies);
    // The calendar corrections stored by admins, before the first request.
    state.app.catch_up().await?;
    let first_run = papi_app::setup::needs_first_run(&state.app)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .then(|| state.issue_first_run_code());
    let app = crate::router(state);
    let listener = tokio::net::TcpListener::bind(&o.bind)
        .await
        .with_context(|| format!("không mở được cổng {}", o.bind))?;
    let addr = listener.local_addr()?;
    match banner {
        Some(b) => println!("{b}"),
        None => println!("papi đang chạy: http://{addr}/  (dừng: Ctrl-C)"),
    }
    if let Some(code) = first_run {
        println!("Cơ sở dữ liệu chưa có xã, phường nào: mở http://{addr}/setup để khởi tạo (hoặc chạy `papi init`).");
        println!("Mã khởi tạo: {code}");
        tracing::warn!("first run: the one-time code is printed on standard output");
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

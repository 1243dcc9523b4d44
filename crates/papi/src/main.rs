//! `papi`: one binary for the commune's PAPI plan. The command line (`papi-cli`) does the
//! work; this file only joins it to the web server (`papi-web`) for `papi serve` and
//! `papi demo`, so that neither front door depends on the other.

use std::future::Future;
use std::pin::Pin;

use papi_cli::args::ServeArgs;
use papi_store::Store;

fn main() -> std::process::ExitCode {
    papi_cli::main(serve)
}

fn serve(
    store: Store,
    args: ServeArgs,
    banner: Option<String>,
) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>> {
    Box::pin(async move {
        let options = papi_web::ServeOptions {
            bind: args.bind,
            today: args.today,
            secure_cookies: args.secure_cookies,
            trusted_proxies: args.trusted_proxy,
        };
        papi_web::serve(store, options, banner).await
    })
}

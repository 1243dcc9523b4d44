//! The web layer: it parses requests, calls the domain and storage, and renders pages.
//! No rule is decided here; permissions and states come from papi-core.

mod api;
mod assets;
mod audit;
mod auth;
mod calendar;
mod charts;
mod collect;
mod disclosure;
mod documents;
mod error;
mod inspection;
mod mail;
mod openapi;
mod ops;
mod org;
mod outreach;
mod parsing;
mod participation;
mod plan;
mod province;
mod public;
mod reporting;
mod review;
mod routes;
mod satisfaction;
mod serve;
mod setup;
mod survey;
mod unit_plan;
mod view;
mod voice;

use chrono::NaiveDate;
use papi_app::App;
use papi_store::Store;

pub use routes::{router, Access, RouteSpec, ROUTES};
pub use serve::{serve, ServeOptions};

/// What a handler needs: the application context ([`App`], which it derefs to) and what only
/// the web has (cookies, request limits, proxies, upload parsing). Cloned cheaply per request.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    /// Send cookies with `Secure` (behind HTTPS).
    pub secure_cookies: bool,
    limiter: std::sync::Arc<auth::RateLimiter>,
    /// Upload parsing, off the async workers and a few at a time.
    parsers: parsing::Parsers,
    /// Reverse proxies whose `X-Forwarded-For` is believed (the client is the last address
    /// they did not add themselves).
    trusted_proxies: std::sync::Arc<Vec<std::net::IpAddr>>,
    /// The one-time code of the first-run page (issued when the database holds no commune).
    first_run: std::sync::Arc<setup::FirstRunCode>,
}

impl std::ops::Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl AppState {
    pub fn new(store: Store, today: Option<NaiveDate>, secure_cookies: bool) -> AppState {
        AppState {
            app: App::new(store, today),
            secure_cookies,
            limiter: Default::default(),
            parsers: Default::default(),
            trusted_proxies: Default::default(),
            first_run: Default::default(),
        }
    }

    /// Issues the first-run page's one-time code (for the server log, or a test).
    pub fn issue_first_run_code(&self) -> String {
        self.first_run.issue()
    }

    /// Believes `X-Forwarded-For` from these addresses (the reverse proxies in front).
    pub fn with_trusted_proxies(mut self, proxies: Vec<std::net::IpAddr>) -> AppState {
        self.trusted_proxies = std::sync::Arc::new(proxies);
        self
    }

    /// Today and the calendar in force, for counting working days in views.
    pub fn day(&self) -> view::Day {
        view::Day {
            today: self.today(),
            cal: self.calendar(),
        }
    }
}

//! The web layer: it parses requests, calls the domain and storage, and renders pages.
//! No rule is decided here; permissions and states come from papi-core.

mod api;
mod assets;
mod audit;
mod auth;
mod error;
mod org;
mod plan;
mod public;
mod routes;
mod view;

use std::sync::Arc;

use chrono::NaiveDate;
use papi_store::Store;

pub use routes::{router, Access, RouteSpec, ROUTES};

/// Everything a handler needs, cloned cheaply per request.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    /// Pins "today" (demo data and tests); `None` means the real date in Vietnam.
    pub today: Option<NaiveDate>,
    /// Send cookies with `Secure` (behind HTTPS).
    pub secure_cookies: bool,
    limiter: Arc<auth::RateLimiter>,
    plan_cache: Arc<plan::load::PlanCache>,
}

impl AppState {
    pub fn new(store: Store, today: Option<NaiveDate>, secure_cookies: bool) -> AppState {
        AppState {
            store,
            today,
            secure_cookies,
            limiter: Arc::new(auth::RateLimiter::default()),
            plan_cache: Default::default(),
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| papi_core::clock::vn_date(chrono::Utc::now()))
    }
}

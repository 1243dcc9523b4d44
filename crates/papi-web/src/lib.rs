//! The web layer: it parses requests, calls the domain and storage, and renders pages.
//! No rule is decided here; permissions and states come from papi-core.

mod api;
mod assets;
mod audit;
mod auth;
mod calendar;
mod charts;
mod documents;
mod error;
mod openapi;
mod org;
mod parsing;
mod plan;
mod province;
mod public;
mod reporting;
mod routes;
mod survey;
mod unit_plan;
mod view;

use std::sync::{Arc, RwLock};

use chrono::NaiveDate;
use papi_store::Store;

pub use plan::import::{store_plan, store_tasks, to_new_plan};
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
    /// Upload parsing, off the async workers and a few at a time.
    parsers: parsing::Parsers,
    /// Reverse proxies whose `X-Forwarded-For` is believed (the client is the last address
    /// they did not add themselves).
    trusted_proxies: Arc<Vec<std::net::IpAddr>>,
    plan_cache: Arc<plan::load::PlanCache>,
    /// Working days and holidays, with the admins' corrections applied.
    calendar: Arc<RwLock<Arc<papi_calendar::Calendar>>>,
}

impl AppState {
    pub fn new(store: Store, today: Option<NaiveDate>, secure_cookies: bool) -> AppState {
        AppState {
            store,
            today,
            secure_cookies,
            limiter: Arc::new(auth::RateLimiter::default()),
            parsers: Default::default(),
            trusted_proxies: Arc::new(Vec::new()),
            plan_cache: Default::default(),
            calendar: Arc::new(RwLock::new(Arc::new(papi_calendar::Calendar::new()))),
        }
    }

    /// Believes `X-Forwarded-For` from these addresses (the reverse proxies in front).
    pub fn with_trusted_proxies(mut self, proxies: Vec<std::net::IpAddr>) -> AppState {
        self.trusted_proxies = Arc::new(proxies);
        self
    }

    /// Today and the calendar in force, for counting working days in views.
    pub fn day(&self) -> view::Day {
        view::Day {
            today: self.today(),
            cal: self.calendar(),
        }
    }

    /// Applies the schedule corrections stored by admins (call once at start).
    pub async fn load_calendar_overrides(&self) -> anyhow::Result<()> {
        let mut cal = papi_calendar::Calendar::new();
        for (year, json) in papi_store::calendar::overrides(&self.store).await? {
            match serde_json::from_str::<papi_calendar::YearSchedule>(&json) {
                Ok(s) => cal
                    .set_override(s)
                    .map_err(|e| anyhow::anyhow!("lịch năm {year}: {e}"))?,
                Err(e) => tracing::error!("stored schedule of {year} unreadable: {e}"),
            }
        }
        self.set_calendar(cal);
        Ok(())
    }

    /// The calendar in force now.
    pub fn calendar(&self) -> Arc<papi_calendar::Calendar> {
        self.calendar
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Puts a changed calendar in force at once for every later request.
    pub fn set_calendar(&self, cal: papi_calendar::Calendar) {
        *self.calendar.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(cal);
    }

    /// The filing time to store: `None` (the store's clock) unless "today" is pinned, in which
    /// case the pinned day at the current time of day, so demo records carry the demo's date.
    pub fn filed_at(&self) -> Option<String> {
        self.today.map(|day| {
            papi_core::clock::on_day(day, chrono::Utc::now())
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        })
    }

    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| papi_core::clock::vn_date(chrono::Utc::now()))
    }
}

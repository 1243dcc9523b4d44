//! The application context: the database, the clock, the calendar with the admins'
//! corrections, and the caches. Whatever it keeps in memory is tagged with a version the
//! database holds (the audit log's last entry), so several servers on one database never
//! serve a stale copy: each request first [`App::catch_up`]s.

use std::sync::{Arc, Mutex, RwLock};

use chrono::NaiveDate;
use papi_calendar::{Calendar, YearSchedule};
use papi_store::Store;

use crate::plan::load::PlanCache;

/// Everything a use case needs, cloned cheaply per request.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    /// Pins "today" (demo data and tests); `None` means the real date in Vietnam.
    pub today: Option<NaiveDate>,
    pub(crate) plans: Arc<PlanCache>,
    calendar: Arc<RwLock<Arc<Calendar>>>,
    /// The audit log's last entry when the calendar was last read from the database.
    calendar_seen: Arc<Mutex<Option<i64>>>,
    /// The newest audit head read, and this process's commit count just before reading it.
    version: Arc<Mutex<(i64, u64)>>,
}

impl App {
    pub fn new(store: Store, today: Option<NaiveDate>) -> App {
        App {
            store,
            today,
            plans: Default::default(),
            calendar: Arc::new(RwLock::new(Arc::new(Calendar::new()))),
            calendar_seen: Default::default(),
            version: Arc::new(Mutex::new((-1, u64::MAX))),
        }
    }

    /// Brings what this process holds in memory up to the database: when anything was written
    /// since (by this or another server, or the CLI), the calendar corrections are read again.
    /// One indexed query when nothing changed.
    pub async fn catch_up(&self) -> anyhow::Result<()> {
        let last = self.read_version().await?;
        if *self.calendar_seen.lock().unwrap_or_else(|p| p.into_inner()) == Some(last) {
            return Ok(());
        }
        let cal = self.read_calendar().await?;
        *self.calendar.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(cal);
        *self.calendar_seen.lock().unwrap_or_else(|p| p.into_inner()) = Some(last);
        Ok(())
    }

    /// The database's version: the audit log's last entry, which every change advances. Read
    /// again only when this process committed a write since it last read it; writes of other
    /// processes are picked up by the next [`App::catch_up`], at the start of every request.
    pub async fn version(&self) -> anyhow::Result<i64> {
        let (head, commits) = *self.version.lock().unwrap_or_else(|p| p.into_inner());
        if commits == self.store.commits() {
            return Ok(head);
        }
        self.read_version().await
    }

    async fn read_version(&self) -> anyhow::Result<i64> {
        // The count is taken first: a commit racing with the read makes the next call read again.
        let commits = self.store.commits();
        let head = papi_store::audit::last_id(&self.store).await?;
        let mut v = self.version.lock().unwrap_or_else(|p| p.into_inner());
        if head >= v.0 {
            *v = (head, commits);
        }
        Ok(head)
    }

    /// The built-in calendar with every correction stored by admins applied.
    async fn read_calendar(&self) -> anyhow::Result<Calendar> {
        let mut cal = Calendar::new();
        for (year, json) in papi_store::calendar::overrides(&self.store).await? {
            match serde_json::from_str::<YearSchedule>(&json) {
                Ok(s) => cal
                    .set_override(s)
                    .map_err(|e| anyhow::anyhow!("lịch năm {year}: {e}"))?,
                Err(e) => tracing::error!("stored schedule of {year} unreadable: {e}"),
            }
        }
        Ok(cal)
    }

    /// The calendar in force (as of the last [`App::catch_up`]).
    pub fn calendar(&self) -> Arc<Calendar> {
        self.calendar
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Puts a changed calendar in force at once in this process (other servers see it on
    /// their next request, through the audit log).
    pub fn set_calendar(&self, cal: Calendar) {
        *self.calendar.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(cal);
    }

    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| papi_core::clock::vn_date(chrono::Utc::now()))
    }

    /// The filing time to store: `None` (the store's clock) unless "today" is pinned, in which
    /// case the pinned day at the current time of day, so demo records carry the demo's date.
    pub fn filed_at(&self) -> Option<String> {
        self.today.map(|day| {
            papi_core::clock::on_day(day, chrono::Utc::now())
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        })
    }
}

//! The background sender started by `papi serve` and `papi demo` when a mail server is
//! configured: every few seconds it sends what is due, and once a day, from the morning on,
//! it queues the staff's digests and reminders.

use std::time::Duration;

use chrono::{NaiveDate, NaiveTime, Utc};
use tokio::task::JoinHandle;

use super::config::Mailer;
use crate::App;

/// How often the outbox is read: a queued message leaves within this time.
pub const EVERY: Duration = Duration::from_secs(5);

/// The reminders go out from 07:00 in Vietnam, when the working day starts (the day's dates
/// are judged in Vietnamese time, as everywhere in papi).
fn digest_hour() -> NaiveTime {
    NaiveTime::from_hms_opt(7, 0, 0).unwrap_or(NaiveTime::MIN)
}

/// Starts the worker on the current tokio runtime; it runs until the task is aborted.
pub fn spawn(app: App, mailer: Mailer) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut last_digest: Option<NaiveDate> = None;
        let mut tick = tokio::time::interval(EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let day = app.today();
            let local = Utc::now().with_timezone(&papi_core::clock::vn_offset());
            // A pinned day (demo) has no morning: its reminders go out at once.
            let morning = app.today.is_some() || local.time() >= digest_hour();
            if morning && last_digest != Some(day) {
                match super::run_daily(&app, day).await {
                    Ok(q) => {
                        tracing::info!(
                            digests = q.digests,
                            reminders = q.reminders,
                            "daily mail queued"
                        );
                        last_digest = Some(day);
                    }
                    Err(e) => tracing::error!("daily mail not queued: {e}"),
                }
            }
            // A full batch may mean more is waiting: go on at once rather than next tick.
            loop {
                match super::send_due(&app, &mailer).await {
                    Ok(s) if s.sent + s.failed > 0 => {
                        tracing::info!(sent = s.sent, failed = s.failed, "mail sent");
                        if s.sent + s.failed < super::send::BATCH as usize {
                            break;
                        }
                    }
                    Ok(_) => break,
                    Err(e) => {
                        tracing::error!("outbox not read: {e}");
                        break;
                    }
                }
            }
        }
    })
}

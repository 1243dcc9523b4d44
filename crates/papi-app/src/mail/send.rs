//! Sending what is queued: the worker's step. Requests only queue (see [`super::to_user`]);
//! this runs in the background, so a slow or absent mail server never holds a page.

use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::{AsyncTransport, Message};
use papi_core::mail::retry_after;
use papi_store::mail::{self, QueuedMail};

use super::config::Mailer;
use crate::error::Result;
use crate::App;

/// How long a message taken for sending stays reserved for this worker: longer than the
/// transport's timeout, so that another server does not send it a second time meanwhile.
const CLAIM_SECS: i64 = 5 * 60;
/// Messages taken per run; the rest wait for the next run (the worker starts it at once).
pub const BATCH: i64 = 50;

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub sent: usize,
    pub failed: usize,
}

/// Sends every message due now.
pub async fn send_due(app: &App, mailer: &Mailer) -> Result<Sent> {
    send_due_at(app, mailer, Utc::now()).await
}

/// Sends every message due at `now`; a failure is retried later (see
/// `papi_core::mail::retry_after`) and given up after the last try.
pub async fn send_due_at(app: &App, mailer: &Mailer, now: DateTime<Utc>) -> Result<Sent> {
    let mut done = Sent::default();
    for m in mail::due(&app.store, now, BATCH).await? {
        if !mail::claim(&app.store, &m, now + chrono::Duration::seconds(CLAIM_SECS)).await? {
            continue;
        }
        match deliver(mailer, &m).await {
            Ok(()) => {
                mail::mark_sent(&app.store, m.id, Utc::now()).await?;
                done.sent += 1;
            }
            Err(error) => {
                let next = retry_after(m.attempts + 1)
                    .and_then(|d| chrono::Duration::from_std(d).ok())
                    .map(|d| now + d);
                tracing::warn!(
                    id = m.id,
                    attempts = m.attempts + 1,
                    "mail not sent: {error}"
                );
                mail::mark_failed(&app.store, m.id, &error, next).await?;
                done.failed += 1;
            }
        }
    }
    Ok(done)
}

async fn deliver(mailer: &Mailer, m: &QueuedMail) -> Result<(), String> {
    let message = build(mailer, m)?;
    mailer
        .smtp
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| format!("Máy chủ thư không nhận: {e}"))
}

/// The message as sent: plain UTF-8 text, its subject encoded for the header, the date of
/// sending, and a Message-ID made from the outbox row, so a retry carries the same id and a
/// receiving server can drop a duplicate.
pub(crate) fn build(mailer: &Mailer, m: &QueuedMail) -> Result<Message, String> {
    let to = m
        .to_addr
        .parse::<lettre::message::Mailbox>()
        .map_err(|e| format!("Địa chỉ người nhận «{}» không hợp lệ: {e}", m.to_addr))?;
    let domain = mailer.from.email.domain().to_string();
    Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(m.subject.clone())
        .message_id(Some(format!(
            "<papi.{}.{}.{}@{domain}>",
            m.commune_id,
            m.id,
            m.created_at
                .chars()
                .filter(|c| c.is_ascii_digit())
                .collect::<String>()
        )))
        .date_now()
        .header(ContentType::TEXT_PLAIN)
        .body(m.body.clone())
        .map_err(|e| format!("Không lập được thư: {e}"))
}

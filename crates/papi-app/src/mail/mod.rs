//! E-mail from papi: queuing beside an action, the staff's choices, the office's view of the
//! outbox, sending in the background, and the daily reminders.
//!
//! A request only queues (`to_user`, `to_address`, inside the action's own write
//! transaction); the worker ([`worker::spawn`]) sends in the background and retries, so a slow
//! or absent mail server never holds a page.

pub mod config;
mod decode;
pub mod digest;
pub mod send;
pub mod sink;
pub mod worker;

pub use config::{MailConfig, Mailer, TlsMode};
pub use digest::run_daily;
pub use send::{send_due, send_due_at, Sent};

use papi_core::mail::{check_address, receives, MailKind};
use papi_core::{Action, Actor, User};
use papi_store::mail::{self as store, MailFilter, OutgoingMail, QueuedMail};
use papi_store::WriteTx;

use crate::error::{Error, Result};
use crate::App;

/// Queues a message to a user of the commune, if they want this kind and have a valid
/// address; otherwise nothing is queued and `None` comes back (no error: the action goes on).
pub async fn to_user(
    tx: &mut WriteTx<'_>,
    _app: &App,
    user_id: i64,
    kind: MailKind,
    subject: &str,
    body: &str,
) -> Result<Option<i64>> {
    queue_to_user(tx, user_id, kind, subject, body, None).await
}

/// As [`to_user`], with a key that stops the same message being queued twice.
pub(crate) async fn queue_to_user(
    tx: &mut WriteTx<'_>,
    user_id: i64,
    kind: MailKind,
    subject: &str,
    body: &str,
    dedupe_key: Option<String>,
) -> Result<Option<i64>> {
    let Some((user, choice)) = store::recipient(tx, user_id, kind).await? else {
        return Ok(None);
    };
    if !user.active || !receives(kind, user.role, choice) {
        return Ok(None);
    }
    let Ok(addr) = check_address(&user.email) else {
        return Ok(None);
    };
    let mail = OutgoingMail {
        commune_id: user.commune_id,
        to_addr: addr,
        subject: subject.to_string(),
        body: body.to_string(),
        kind,
        dedupe_key,
    };
    Ok(store::enqueue(tx, &mail).await?)
}

/// Queues a message to an address a resident gave. The address is checked (the error says
/// what is wrong with it, for the form); `dedupe_key` stops a second copy of the same notice.
/// Returns `None` when a message with that key was already queued.
pub async fn to_address(
    tx: &mut WriteTx<'_>,
    commune_id: i64,
    addr: &str,
    kind: MailKind,
    subject: &str,
    body: &str,
    dedupe_key: Option<&str>,
) -> Result<Option<i64>> {
    let to_addr = check_address(addr).map_err(Error::Invalid)?;
    let mail = OutgoingMail {
        commune_id,
        to_addr,
        subject: subject.to_string(),
        body: body.to_string(),
        kind,
        dedupe_key: dedupe_key.map(str::to_string),
    };
    Ok(store::enqueue(tx, &mail).await?)
}

/// A user's mail settings page: their address (checked) and, for each kind they may choose,
/// whether they receive it.
pub struct MyMail {
    pub user: User,
    /// `Err` holds why the address cannot be used (empty or invalid).
    pub address: std::result::Result<String, String>,
    pub kinds: Vec<(MailKind, bool)>,
}

/// What the signed-in user receives.
pub async fn my_mail(app: &App, actor: &Actor) -> Result<MyMail> {
    let user = papi_store::org::user(&app.store, actor.user_id).await?;
    let chosen = store::prefs_of(&app.store, user.id).await?;
    let kinds = MailKind::STAFF
        .into_iter()
        .map(|k| {
            let choice = chosen.iter().find(|(c, _)| *c == k).map(|(_, on)| *on);
            (k, receives(k, user.role, choice))
        })
        .collect();
    Ok(MyMail {
        address: check_address(&user.email),
        user,
        kinds,
    })
}

/// Stores the signed-in user's choices: the kinds in `enabled` on, every other staff kind off.
/// Audited under `actor_name`, one entry per changed kind.
pub async fn set_my_mail(
    app: &App,
    actor: &Actor,
    actor_name: &str,
    enabled: &[MailKind],
) -> Result<()> {
    let user = papi_store::org::user(&app.store, actor.user_id).await?;
    if user.commune_id != actor.commune_id {
        return Err(Error::Forbidden);
    }
    let mut w = app.store.begin_write().await?;
    for k in MailKind::STAFF {
        store::set_pref(&mut w, actor_name, &user, k, enabled.contains(&k)).await?;
    }
    w.commit().await?;
    Ok(())
}

/// The commune's outbox for its office and administrators, newest first.
pub async fn outbox(app: &App, actor: &Actor, filter: MailFilter) -> Result<Vec<QueuedMail>> {
    if !actor.can(Action::ViewOutbox) {
        return Err(Error::Forbidden);
    }
    Ok(store::list(&app.store, actor.commune_id, filter).await?)
}

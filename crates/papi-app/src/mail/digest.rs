//! The staff's reminders, once a day: per user a digest of what is late and what falls due
//! soon in their scope, and one reminder per obligation as it falls due and again if it goes
//! late. Everything comes from the agenda (`crate::agenda::for_actor`), so a process whose
//! obligations join the agenda joins these mails with nothing more to write. Each message
//! carries a dedupe key, so running this twice a day, or on two servers, sends each once.

use chrono::NaiveDate;
use papi_core::mail::{
    digest_key, digest_text, reminder_key, reminder_kind, reminder_text, MailKind,
};
use papi_core::{Actor, User};

use super::queue_to_user;
use crate::error::Result;
use crate::plan::PlanData;
use crate::App;

/// How many messages a daily run queued.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Queued {
    pub digests: usize,
    pub reminders: usize,
}

/// Queues the day's digests and reminders for every commune's staff.
pub async fn run_daily(app: &App, day: NaiveDate) -> Result<Queued> {
    app.catch_up().await?;
    let mut total = Queued::default();
    for commune in papi_store::org::communes(&app.store).await? {
        let q = run_for_commune(app, commune.id, day).await?;
        total.digests += q.digests;
        total.reminders += q.reminders;
    }
    Ok(total)
}

/// Queues the day's digests and reminders for one commune's staff (none before it has a plan).
pub async fn run_for_commune(app: &App, commune_id: i64, day: NaiveDate) -> Result<Queued> {
    let mut queued = Queued::default();
    let Some(data) = PlanData::load(app, commune_id).await? else {
        return Ok(queued);
    };
    let cal = app.calendar();
    let on = data.on(day, &cal);
    let commune = data.commune.full_name();
    let users = papi_store::org::users(&app.store, commune_id).await?;
    // Whether each user wants each kind, and has an address, is decided where the message is
    // queued (`queue_to_user`), inside this one transaction.
    let mut w = app.store.begin_write().await?;
    for user in users
        .iter()
        .filter(|u| u.active && !u.email.trim().is_empty())
    {
        let actor = actor_of(user);
        let mine = crate::agenda::for_actor_with_matters(app, Some(&data), &cal, &actor).await?;
        if let Some((subject, body)) = digest_text(&user.full_name, &commune, &mine, &on) {
            let key = Some(digest_key(user.id, day));
            let id =
                queue_to_user(&mut w, user.id, MailKind::DailyDigest, &subject, &body, key).await?;
            queued.digests += usize::from(id.is_some());
        }
        for o in &mine {
            let Some(kind) = reminder_kind(o, &on) else {
                continue;
            };
            let Some((subject, body)) = reminder_text(kind, o, &on, &commune) else {
                continue;
            };
            let key = Some(reminder_key(kind, o, user.id));
            let id = queue_to_user(&mut w, user.id, kind, &subject, &body, key).await?;
            queued.reminders += usize::from(id.is_some());
        }
    }
    w.commit().await?;
    Ok(queued)
}

fn actor_of(u: &User) -> Actor {
    Actor {
        user_id: u.id,
        commune_id: u.commune_id,
        role: u.role,
        unit_id: u.unit_id,
    }
}

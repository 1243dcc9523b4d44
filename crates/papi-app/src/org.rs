//! The commune's organisation as use cases: its settings that every page reads.

use papi_core::agenda::DueSoon;
use papi_core::{Action, Actor};

use crate::error::{Error, Result};
use crate::App;

/// Sets how many working days before a deadline the commune's pages and reminders warn, as
/// its administrator typed it; audited. A bad value is refused with the reason.
pub async fn set_due_soon(
    app: &App,
    actor: &Actor,
    actor_name: &str,
    typed: &str,
) -> Result<DueSoon> {
    if !actor.can(Action::ManageOrganisation) {
        return Err(Error::Forbidden);
    }
    let due_soon = DueSoon::parse(typed).map_err(Error::Invalid)?;
    let mut w = app.store.begin_write().await?;
    papi_store::org::set_due_soon(&mut w, actor_name, actor.commune_id, due_soon).await?;
    w.commit().await?;
    Ok(due_soon)
}

//! The calendar as use cases: an administrator corrects a year's official schedule (a day off
//! announced late, a swapped working day) or goes back to the built-in one. Every deadline the
//! server counts follows at once, on this server and, through the database version, on others.

use papi_calendar::schedule_text::parse_lines;
use papi_core::{Action, Actor};

use crate::error::{Error, Result};
use crate::App;

fn may_correct(actor: &Actor) -> Result<()> {
    match actor.can(Action::ManageOrganisation) {
        true => Ok(()),
        false => Err(Error::Forbidden),
    }
}

/// Stores `year`'s schedule as the administrator typed it (one day per line); audited. The
/// inner `Err` lists what is wrong, line by line, to show beside the form.
pub async fn correct_year(
    app: &App,
    actor: &Actor,
    actor_name: &str,
    year: i32,
    source: &str,
    lines: &str,
) -> Result<Result<(), Vec<String>>> {
    may_correct(actor)?;
    let source = Some(source.trim())
        .filter(|s| !s.is_empty())
        .unwrap_or("Điều chỉnh của quản trị hệ thống");
    let schedule = match parse_lines(year, source, lines) {
        Ok(s) => s,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut cal = (*app.calendar()).clone();
    cal.set_override(schedule.clone())
        .map_err(|e| Error::Invalid(format!("Lịch không hợp lệ: {e}")))?;
    let json = serde_json::to_string(&schedule).map_err(|e| Error::Internal(e.into()))?;
    let mut w = app.store.begin_write().await?;
    papi_store::calendar::save_override(&mut w, actor_name, actor.commune_id, year as i64, &json)
        .await?;
    w.commit().await?;
    app.set_calendar(cal);
    Ok(Ok(()))
}

/// Drops the correction of `year`: the built-in schedule counts again; audited.
pub async fn reset_year(app: &App, actor: &Actor, actor_name: &str, year: i32) -> Result<()> {
    may_correct(actor)?;
    let mut w = app.store.begin_write().await?;
    papi_store::calendar::delete_override(&mut w, actor_name, actor.commune_id, year as i64)
        .await?;
    w.commit().await?;
    let mut cal = (*app.calendar()).clone();
    cal.remove_override(year);
    app.set_calendar(cal);
    Ok(())
}

/// Gives the user a new private feed address (the old one stops working); the token, shown
/// once.
pub async fn new_feed_token(app: &App, actor: &Actor) -> Result<String> {
    let mut w = app.store.begin_write().await?;
    let token = papi_store::calendar::new_token(&mut w, actor.user_id, actor.commune_id).await?;
    w.commit().await?;
    Ok(token)
}

/// Stops the user's private feed address from working.
pub async fn revoke_feed_token(app: &App, actor: &Actor) -> Result<()> {
    let mut w = app.store.begin_write().await?;
    papi_store::calendar::revoke(&mut w, actor.user_id).await?;
    w.commit().await?;
    Ok(())
}

//! Citizen reception as use cases: the chairman's schedule and its compliance
//! ([`schedule`]), the register (sổ tiếp công dân) whose lines open matters ([`register`]),
//! and the register as the commune prints it ([`export`]).

pub mod export;
pub mod register;
pub mod schedule;

use chrono::NaiveDate;
use papi_core::{Action, Actor};

use crate::error::{Error, Result};

pub use export::{register_docx, register_xlsx};
pub use register::{add_entry, register, set_handling, EntryInput, RegisterLine};
pub use schedule::{
    add_session, compliance, schedule, update_session, Schedule, SessionUpdate, SessionView,
};

/// Reception belongs to the chairman and the office; the CLI reaches these functions without
/// the web's route guard, so the role is checked here too.
fn allowed(actor: &Actor) -> Result<()> {
    if actor.can(Action::ManageReception) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// A date typed by an official: `dd/mm/yyyy` (or ISO). Empty is `None`; anything else that
/// does not parse says which field and what was typed.
pub fn parse_day(label: &str, s: &str) -> Result<Option<NaiveDate>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    papi_core::task::parse_date(s, 0)
        .filter(|_| s.matches(['/', '-', '.']).count() == 2)
        .map(Some)
        .ok_or_else(|| Error::Invalid(format!("{label}: «{s}» không phải ngày dạng dd/mm/yyyy.")))
}

/// As [`parse_day`], for a date that must be given.
pub fn required_day(label: &str, s: &str) -> Result<NaiveDate> {
    parse_day(label, s)?
        .ok_or_else(|| Error::Invalid(format!("{label}: nhập ngày dạng dd/mm/yyyy.")))
}

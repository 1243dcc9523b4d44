//! Disclosure (công khai): the register of postings, their forms and checks, as use cases —
//! the staff register and its writes (`register`), what residents see (`public`), the
//! quarterly list and the annual report (`documents`), and what other processes ask of it
//! (`link`). Every judgement comes from `papi_core::disclosure::check`, with today and the
//! commune's calendar.

pub mod documents;
pub mod link;
pub mod public;
pub mod register;

pub use register::{
    add_form, add_photo, create, entry, file, list, redisclose, take_down, EntryInput, EntryView,
    Filter, FormInput, Judged,
};

use papi_core::agenda::Obligation;
use papi_core::{Action, Actor};

/// What falls due in this process that `actor` may see (merged into the agenda by
/// `agenda::process_obligations`): every finding on the commune's current entries — to
/// publish, not published, missing a form, too short, taken down — and late publications as
/// met late.
pub async fn obligations(app: &crate::App, actor: &Actor) -> crate::error::Result<Vec<Obligation>> {
    if !actor.can(Action::ManageDisclosure) {
        return Ok(Vec::new());
    }
    let judged = register::judge_commune(app, actor.commune_id).await?;
    Ok(judged
        .iter()
        .flat_map(|j| papi_core::disclosure::obligations(&j.entry, &j.findings))
        .collect())
}

//! Progress as a use case, the same for the web form and the JSON API: whoever answers for a
//! task files what was done, with evidence; the task's status follows the domain rule inside
//! the same transaction (`papi_store::plan::post_update`).

use papi_core::permission::can_post_progress;
use papi_core::User;
use papi_store::plan::{self, NewEvidence, NewUpdate, PostError};

use crate::error::{Error, Result};
use crate::App;

/// What the user filed.
pub struct Filing<'a> {
    pub text: &'a str,
    pub progress: i64,
    pub evidence: Vec<NewEvidence>,
}

/// How a filing ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Filed {
    /// Stored: the update's id.
    Posted(i64),
    /// The rule refused it (say why beside the form).
    Refused(String),
}

/// Files progress on a task of `author`'s commune, as `author` (named `author_name` in the
/// audit log). Another commune's task is "not found"; a task the author does not answer for
/// is forbidden.
pub async fn post(
    app: &App,
    author: &User,
    author_name: &str,
    task_id: i64,
    filing: Filing<'_>,
) -> Result<Filed> {
    let rec = plan::task(&app.store, task_id).await?;
    if rec.task.commune_id != author.commune_id {
        return Err(Error::NotFound);
    }
    let actor = papi_core::Actor {
        user_id: author.id,
        commune_id: author.commune_id,
        role: author.role,
        unit_id: author.unit_id,
    };
    if !can_post_progress(&actor, &rec.task) {
        return Err(Error::Forbidden);
    }
    let update = NewUpdate {
        task_id,
        author_id: author.id,
        author_name,
        text: filing.text,
        progress: filing.progress,
        on: app.today(),
        created_at: app.filed_at(),
        evidence: filing.evidence,
    };
    match plan::post_update(&app.store, update).await {
        Ok(id) => Ok(Filed::Posted(id)),
        Err(PostError::Rule(e)) => Ok(Filed::Refused(e.to_string())),
        Err(PostError::Store(e)) => Err(e.into()),
    }
}

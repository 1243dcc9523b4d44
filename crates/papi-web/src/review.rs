//! The review flow on the web, one handler and one form for every reviewed document: the
//! office accepts or returns what a unit submitted. Each kind of document says how to find it
//! from its path, how to draw its page, and where it lives ([`ReviewedPage`]).

use std::future::Future;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use papi_app::review::Decision;
use papi_core::review::{ReviewStatus, Reviewed};
use papi_core::Action;
use serde::de::DeserializeOwned;

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::AppState;

/// A kind of reviewed document as the web shows it.
pub trait ReviewedPage {
    /// What its path names it by (a unit; a period and a unit).
    type Key: DeserializeOwned + Copy + Send + 'static;

    /// The document, checked to be the signed-in user's commune's.
    fn find(
        state: &AppState,
        user: &CurrentUser,
        key: Self::Key,
    ) -> impl Future<Output = Result<Reviewed, AppError>> + Send;

    /// Its page, with what refused the last action.
    fn page(
        state: &AppState,
        user: &CurrentUser,
        key: Self::Key,
        errors: Vec<String>,
    ) -> impl Future<Output = PageResult> + Send;

    /// Its page's address.
    fn url(key: Self::Key) -> String;
}

/// The office's review form under a document (the `office_form` macro of `templates/review.html`).
pub struct ReviewForm {
    /// Shown only to the office while the document waits for it.
    pub open: bool,
    pub action: String,
}

impl ReviewForm {
    pub fn new(user: &CurrentUser, status: ReviewStatus, page_url: &str) -> ReviewForm {
        ReviewForm {
            open: user.actor().can(Action::ReviewUnitWork) && status == ReviewStatus::Submitted,
            action: format!("{page_url}/review"),
        }
    }
}

/// `POST …/review`: the office accepts or returns a submitted document.
pub async fn decide<P: ReviewedPage>(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(key): Path<P::Key>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let doc = P::find(&state, &user, key).await?;
    let decision = papi_app::review::decide(
        &state,
        &user.audit_name(),
        &doc,
        f.get("step"),
        f.get("comment").trim(),
    )
    .await?;
    match decision {
        Decision::Recorded => Ok(Redirect::to(&format!("{}?saved=1", P::url(key))).into_response()),
        Decision::Refused(why) => P::page(&state, &user, key, vec![why]).await,
    }
}

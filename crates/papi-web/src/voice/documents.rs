//! The Decree-30 documents of a matter, for download: each one built from the case by
//! `papi_app::voice::documents`, which decides who may print what (the denouncer's notice is
//! the custodian's alone, and its printing is logged).

use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::IntoResponse;
use papi_app::voice::documents::{available, build, VoiceDoc};
use papi_app::voice::MatterView;

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::AppState;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The address of one document of a matter.
pub fn href(matter_id: i64, doc: VoiceDoc) -> String {
    format!("/staff/voice/{matter_id}/documents/{}", doc.code())
}

/// The documents the matter's page lists for this user: `(address, label)`, in the law's
/// order. Only what the user may print is listed.
// Called by the matter's page, which lists them.
pub fn links(view: &MatterView) -> Vec<(String, &'static str)> {
    available(view)
        .into_iter()
        .map(|d| (href(view.matter.id, d), d.label()))
        .collect()
}

/// `GET /staff/voice/{id}/documents/{doc}`: the DOCX, named after the document and the
/// matter's tracking code.
pub async fn download(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, doc)): Path<(i64, String)>,
) -> PageResult {
    let doc = VoiceDoc::parse(&doc).ok_or(AppError::NotFound)?;
    let (name, bytes) = build(&state, &user.actor(), id, doc).await?;
    Ok((
        [
            (CONTENT_TYPE, DOCX.to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

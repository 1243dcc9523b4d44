//! Filing progress on a task, with evidence files.

use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect};
use papi_app::progress::{self, Filed, Filing};
use papi_core::evidence::{self, MAX_FILES};
use papi_store::plan::NewEvidence;

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::AppState;

/// What the progress form sent.
#[derive(Default)]
pub struct ProgressForm {
    pub csrf: String,
    pub text: String,
    pub progress: String,
    pub files: Vec<NewEvidence>,
    /// Why a file was refused; the rest of the form is still read, so the page can show
    /// again what the user typed.
    pub file_error: Option<String>,
}

/// Reads the multipart form; a broken or oversized upload is a clear error, not a 500.
pub async fn read_form(mut mp: Multipart) -> Result<ProgressForm, AppError> {
    let mut form = ProgressForm::default();
    let too_big = crate::parsing::upload_error;
    while let Some(field) = mp.next_field().await.map_err(too_big)? {
        let name = field.name().unwrap_or("").to_string();
        match name.as_str() {
            "evidence" => {
                let file_name = field.file_name().unwrap_or("").to_string();
                let bytes = field.bytes().await.map_err(too_big)?;
                if file_name.is_empty() && bytes.is_empty() {
                    continue; // the empty file input of a form sent without a file
                }
                let content_type = match evidence::check(&file_name, &bytes) {
                    Ok(t) => t,
                    Err(why) => {
                        form.file_error.get_or_insert(why);
                        continue;
                    }
                };
                if form.files.len() == MAX_FILES {
                    form.file_error
                        .get_or_insert(format!("Mỗi lần cập nhật gửi tối đa {MAX_FILES} tệp."));
                    continue;
                }
                form.files.push(NewEvidence {
                    original_name: evidence::clean_name(&file_name),
                    content_type: content_type.to_string(),
                    content: bytes.to_vec(),
                });
            }
            _ => {
                let value = field.text().await.map_err(too_big)?;
                match name.as_str() {
                    "csrf" => form.csrf = value,
                    "text" => form.text = value,
                    "progress" => form.progress = value,
                    _ => {}
                }
            }
        }
    }
    Ok(form)
}

pub async fn post(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    mp: Multipart,
) -> PageResult {
    let form = read_form(mp).await;
    let form = match form {
        Ok(f) => f,
        Err(AppError::BadRequest(msg)) => {
            return refuse(&state, &user, id, msg, String::new(), None).await
        }
        Err(e) => return Err(e),
    };
    user.check_csrf(&form.csrf)?;
    if let Some(why) = form.file_error {
        let typed = form
            .progress
            .trim()
            .trim_end_matches('%')
            .parse::<i64>()
            .ok();
        return refuse(&state, &user, id, why, form.text, typed).await;
    }
    let Ok(progress) = form.progress.trim().trim_end_matches('%').parse::<i64>() else {
        let msg = format!("Tiến độ “{}” không phải là số từ 0 đến 100.", form.progress);
        return refuse(&state, &user, id, msg, form.text, None).await;
    };
    let filing = Filing {
        text: &form.text,
        progress,
        evidence: form.files,
    };
    match progress::post(&state, &user.user, &user.audit_name(), id, filing).await? {
        Filed::Posted(_) => Ok(Redirect::to(&format!("/staff/tasks/{id}?saved=1")).into_response()),
        Filed::Refused(why) => refuse(&state, &user, id, why, form.text, Some(progress)).await,
    }
}

/// Shows the task page again with the reason and what the user typed.
async fn refuse(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    msg: String,
    text: String,
    progress: Option<i64>,
) -> PageResult {
    let p = progress.map(|p| p.clamp(0, 100) as u8).unwrap_or(0);
    let mut resp = super::task_page::render(state, user, id, false, Some((msg, text, p))).await?;
    *resp.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(resp)
}

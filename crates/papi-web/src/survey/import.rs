//! Imports by the office: answers exported from KoboToolbox/ODK (CSV or XLSX) and the
//! population table; and the questionnaire as XLSForm for those tools.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

use askama::Template;
use tokio::io::AsyncWriteExt;

use axum::extract::{Multipart, Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Redirect};
use papi_docs::survey::{read_population, read_responses_from, write_xlsform, ImportSpec};
use papi_store::org;
use papi_store::survey::{self as store, Response};

use super::parse_form;
use super::results::{staff_page, DesignQuery};
use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::view::Nav;
use crate::AppState;

/// The uploaded file and the CSRF token of a multipart form.
async fn read_upload(mut mp: Multipart) -> Result<(String, String, Vec<u8>), AppError> {
    let (mut csrf, mut name, mut bytes) = (String::new(), String::new(), Vec::new());
    let bad = crate::parsing::upload_error;
    while let Some(field) = mp.next_field().await.map_err(bad)? {
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.map_err(bad)?,
            "file" => {
                name = field.file_name().unwrap_or("").to_string();
                bytes = field.bytes().await.map_err(bad)?.to_vec();
            }
            _ => {}
        }
    }
    if bytes.is_empty() {
        return Err(AppError::BadRequest("Chưa chọn tệp.".into()));
    }
    Ok((csrf, name, bytes))
}

/// The most an answers file may weigh (a CSV of a million respondents is a few hundred MB).
pub const RESPONSES_UPLOAD_LIMIT: usize = 1024 * 1024 * 1024;

/// An answers import running in the background, watched by its progress page.
struct Job {
    survey_id: i64,
    commune_id: i64,
    file_name: String,
    size: u64,
    /// Bytes of the file read and checked.
    read: AtomicU64,
    /// Respondents to store, and stored so far.
    to_store: AtomicUsize,
    stored: AtomicUsize,
    outcome: Mutex<Option<Outcome>>,
    /// Told once the outcome is there.
    done: tokio::sync::Notify,
}

/// How long the upload's answer waits for the import: a small file's outcome is shown at
/// once, as a page of results or of errors; a large one's progress page is shown instead.
const WAIT_FOR_SMALL_FILES: std::time::Duration = std::time::Duration::from_secs(3);

#[derive(Clone)]
enum Outcome {
    Stored(usize),
    /// Nothing stored: the messages say why (each error with its row and column).
    Refused(Vec<String>),
}

static JOBS: LazyLock<Mutex<HashMap<u64, Arc<Job>>>> = LazyLock::new(Default::default);
static NEXT_JOB: AtomicU64 = AtomicU64::new(1);
/// Finished jobs kept for their pages (the oldest forgotten first).
const KEPT_JOBS: usize = 64;

fn jobs() -> std::sync::MutexGuard<'static, HashMap<u64, Arc<Job>>> {
    JOBS.lock().unwrap_or_else(|e| e.into_inner())
}

/// The upload written to a temporary file as it arrives (never held in memory), with the
/// CSRF token and the file's name.
async fn spool_upload(
    mut mp: Multipart,
) -> Result<(String, String, tempfile_path::TempPath, u64), AppError> {
    let bad = crate::parsing::upload_error;
    let (mut csrf, mut name, mut spooled) = (String::new(), String::new(), None);
    while let Some(mut field) = mp.next_field().await.map_err(bad)? {
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.map_err(bad)?,
            "file" => {
                name = field.file_name().unwrap_or("").to_string();
                let path = tempfile_path::TempPath::new();
                let mut out = tokio::fs::File::create(path.path())
                    .await
                    .map_err(|e| AppError::Internal(e.into()))?;
                let mut size = 0u64;
                while let Some(chunk) = field.chunk().await.map_err(bad)? {
                    size += chunk.len() as u64;
                    out.write_all(&chunk)
                        .await
                        .map_err(|e| AppError::Internal(e.into()))?;
                }
                out.flush()
                    .await
                    .map_err(|e| AppError::Internal(e.into()))?;
                spooled = Some((path, size));
            }
            _ => {}
        }
    }
    match spooled {
        Some((path, size)) if size > 0 => Ok((csrf, name, path, size)),
        _ => Err(AppError::BadRequest("Chưa chọn tệp.".into())),
    }
}

/// A temporary file removed when dropped.
mod tempfile_path {
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicU64, Ordering};

    static NEXT: AtomicU64 = AtomicU64::new(0);

    pub struct TempPath(PathBuf);

    impl TempPath {
        pub fn new() -> TempPath {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            TempPath(
                std::env::temp_dir().join(format!("papi-upload-{}-{n}.part", std::process::id())),
            )
        }

        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for TempPath {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}

/// Imports answers in the background and shows its progress page; any bad row refuses the
/// whole file, every error named by row and column.
pub async fn responses(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    mp: Multipart,
) -> PageResult {
    let (csrf, name, path, size) = spool_upload(mp).await?;
    user.check_csrf(&csrf)?;
    let sv = store::survey(&state.store, id).await?;
    if sv.commune_id != user.user.commune_id {
        return Err(AppError::NotFound);
    }
    let form = parse_form(&sv)?;
    let villages: Vec<String> = org::villages(&state.store, sv.commune_id)
        .await?
        .into_iter()
        .map(|v| v.name)
        .collect();
    let existing: HashSet<String> = store::response_uuids(&state.store, id)
        .await?
        .into_iter()
        .collect();
    let job = Arc::new(Job {
        survey_id: id,
        commune_id: sv.commune_id,
        file_name: name.clone(),
        size,
        read: AtomicU64::new(0),
        to_store: AtomicUsize::new(0),
        stored: AtomicUsize::new(0),
        outcome: Mutex::new(None),
        done: tokio::sync::Notify::new(),
    });
    let job_id = NEXT_JOB.fetch_add(1, Ordering::Relaxed);
    {
        let mut all = jobs();
        if all.len() >= KEPT_JOBS {
            let done: Vec<u64> = all
                .iter()
                .filter(|(_, j)| j.outcome.lock().is_ok_and(|o| o.is_some()))
                .map(|(k, _)| *k)
                .collect();
            if let Some(oldest) = done.into_iter().min() {
                all.remove(&oldest);
            }
        }
        all.insert(job_id, job.clone());
    }
    let actor = user.audit_name();
    let (task_state, task_job) = (state.clone(), job.clone());
    tokio::spawn(async move {
        let (state, job) = (task_state, task_job);
        let outcome = run_import(&state, &job, &sv, form, villages, existing, path, &actor).await;
        let outcome = outcome.unwrap_or_else(|e| {
            tracing::error!("survey import failed: {e:?}");
            Outcome::Refused(vec![format!(
                "Không lưu được phiếu của tệp “{}” (lỗi máy chủ); không phiếu nào được nhập, vui lòng thử lại.",
                job.file_name
            )])
        });
        *job.outcome.lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
        job.done.notify_one();
    });
    if tokio::time::timeout(WAIT_FOR_SMALL_FILES, job.done.notified())
        .await
        .is_ok()
    {
        let outcome = job
            .outcome
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        match outcome {
            Some(Outcome::Refused(msgs)) => {
                return staff_page(&state, &user, id, &DesignQuery::default(), msgs).await
            }
            Some(Outcome::Stored(_)) | None => {
                return Ok(Redirect::to(&format!("/staff/survey/{id}")).into_response())
            }
        }
    }
    Ok(Redirect::to(&format!("/staff/survey/{id}/import/{job_id}")).into_response())
}

#[allow(clippy::too_many_arguments)]
async fn run_import(
    state: &AppState,
    job: &Arc<Job>,
    sv: &store::SurveyRecord,
    form: papi_docs::survey::SurveyForm,
    villages: Vec<String>,
    existing: HashSet<String>,
    path: tempfile_path::TempPath,
    actor: &str,
) -> Result<Outcome, AppError> {
    let (v, bands, file, watch) = (
        villages.clone(),
        sv.age_bands.clone(),
        job.file_name.clone(),
        job.clone(),
    );
    let read = state.parsers.run(move || {
        let spec = ImportSpec {
            villages: &v,
            age_bands: &bands,
            existing_uuids: &existing,
        };
        let f = std::fs::File::open(path.path()).map_err(|e| {
            papi_docs::survey::ImportErrors::from(papi_docs::survey::FormatError::new(format!(
                "không đọc được tệp tạm: {e}"
            )))
        })?;
        read_responses_from(
            &form,
            std::io::BufReader::with_capacity(1 << 20, f),
            &file,
            &spec,
            &|done| watch.read.store(done, Ordering::Relaxed),
        )
    });
    let imported = match read.await? {
        Ok(i) => i,
        Err(errs) => {
            let mut msgs = vec![format!(
                "Không nhập phiếu nào vì tệp “{}” có lỗi:",
                job.file_name
            )];
            msgs.extend(errs.errors.iter().map(|e| e.to_string()));
            if errs.total > errs.errors.len() {
                msgs.push(format!("… và {} lỗi khác.", errs.total - errs.errors.len()));
            }
            return Ok(Outcome::Refused(msgs));
        }
    };
    job.read.store(job.size, Ordering::Relaxed);
    let count = imported.meta.len();
    job.to_store.store(count, Ordering::Relaxed);
    let n_age = sv.age_bands.len().max(1);
    let response = |i: usize| {
        let m = &imported.meta[i];
        Response {
            uuid: m.uuid.clone(),
            village: villages[m.village].clone(),
            sex: if m.cell / n_age == 1 {
                "M".into()
            } else {
                "F".into()
            },
            age_band: sv.age_bands[m.cell % n_age].clone(),
            submitted_at: m
                .submitted
                .map(|t| t.and_utc().to_rfc3339())
                .unwrap_or_else(papi_store::now_utc),
            answers: Default::default(),
            scores: imported
                .respondents
                .row(i)
                .iter()
                .map(|x| (!x.is_nan()).then_some(*x))
                .collect(),
            complete: true,
        }
    };
    let mut w = state.store.begin_write().await?;
    store::insert_responses_from(
        &mut w,
        actor,
        sv.commune_id,
        sv.id,
        count,
        &response,
        &|done| job.stored.store(done, Ordering::Relaxed),
    )
    .await?;
    w.commit().await?;
    Ok(Outcome::Stored(count))
}

/// `1234567` as `1.234.567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[derive(Template)]
#[template(path = "survey_import.html")]
struct ImportPage {
    nav: Nav,
    id: i64,
    file_name: String,
    /// Still working: the page refreshes itself.
    running: bool,
    /// What the bar shows, in thousandths.
    value: u64,
    step: String,
    stored: Option<usize>,
    messages: Vec<String>,
}

/// `GET /staff/survey/{id}/import/{job}`: the progress of an import (reading and checking the
/// file, then storing), refreshed by the browser every second until done; then how many
/// respondents were stored, or every error with its row and column.
pub async fn progress(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, job_id)): Path<(i64, String)>,
) -> PageResult {
    user.require(papi_core::Action::ReviewUnitWork)?;
    let job = job_id
        .parse()
        .ok()
        .and_then(|j: u64| jobs().get(&j).cloned());
    let Some(job) = job.filter(|j| j.survey_id == id && j.commune_id == user.user.commune_id)
    else {
        // an import of long ago (or of before a restart): its results are on the survey's page
        return Ok(Redirect::to(&format!("/staff/survey/{id}")).into_response());
    };
    let outcome = job.outcome.lock().unwrap_or_else(|e| e.into_inner());
    let (running, stored, messages) = match &*outcome {
        None => (true, None, vec![]),
        Some(Outcome::Stored(n)) => (false, Some(*n), vec![]),
        Some(Outcome::Refused(m)) => (false, None, m.clone()),
    };
    drop(outcome);
    let to_store = job.to_store.load(Ordering::Relaxed);
    let stored_so_far = job.stored.load(Ordering::Relaxed);
    let read = job.read.load(Ordering::Relaxed).min(job.size);
    // reading and checking is the first half of the bar, storing the second
    let (value, step) = if to_store == 0 {
        (
            read * 500 / job.size.max(1),
            format!(
                "Đang đọc và kiểm tra tệp: {} / {} MB",
                read / 1_000_000,
                job.size.div_ceil(1_000_000)
            ),
        )
    } else {
        (
            500 + (stored_so_far as u64 * 500 / to_store.max(1) as u64),
            format!(
                "Đang lưu phiếu: {} / {} phiếu",
                thousands(stored_so_far as u64),
                thousands(to_store as u64)
            ),
        )
    };
    let page = ImportPage {
        nav: Nav::new(&user, &state, "survey"),
        id,
        file_name: job.file_name.clone(),
        running,
        value: if running { value } else { 1000 },
        step,
        stored,
        messages,
    };
    let mut resp = crate::view::form_page(&page, !page.messages.is_empty())?;
    if running {
        resp.headers_mut().insert(
            axum::http::header::REFRESH,
            axum::http::HeaderValue::from_static("1"),
        );
    }
    Ok(resp)
}

/// Replaces the population table (village, sex, age band, population).
pub async fn population(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    mp: Multipart,
) -> PageResult {
    let (csrf, name, bytes) = read_upload(mp).await?;
    user.check_csrf(&csrf)?;
    let sv = store::survey(&state.store, id).await?;
    if sv.commune_id != user.user.commune_id {
        return Err(AppError::NotFound);
    }
    let villages: Vec<String> = org::villages(&state.store, sv.commune_id)
        .await?
        .into_iter()
        .map(|v| v.name)
        .collect();
    let (v, bands, file) = (villages.clone(), sv.age_bands.clone(), name.clone());
    let read = state
        .parsers
        .run(move || read_population(&bytes, &file, Some(&v), Some(&bands)));
    let pop = match read.await? {
        Ok(p) => p,
        Err(errs) => {
            let mut msgs = vec![format!("Không nhập bảng dân số vì tệp “{name}” có lỗi:")];
            msgs.extend(errs.errors.iter().map(|e| e.to_string()));
            return staff_page(&state, &user, id, &DesignQuery::default(), msgs).await;
        }
    };
    papi_app::survey::store_population(&state, &user.audit_name(), &sv, &pop).await?;
    Ok(Redirect::to(&format!("/staff/survey/{id}")).into_response())
}

/// `GET /staff/survey/{id}/xlsform`: the questionnaire for KoboToolbox/ODK, with the villages.
pub async fn xlsform(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> PageResult {
    let sv = store::survey(&state.store, id).await?;
    if sv.commune_id != user.user.commune_id {
        return Err(AppError::NotFound);
    }
    let mut form = parse_form(&sv)?;
    let villages: Vec<String> = org::villages(&state.store, sv.commune_id)
        .await?
        .into_iter()
        .map(|v| v.name)
        .collect();
    form.set_villages(&villages);
    let bytes = write_xlsform(&form).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok((
        [
            (
                CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"phieu-khao-sat-xlsform.xlsx\"".to_string(),
            ),
        ],
        bytes,
    )
        .into_response())
}

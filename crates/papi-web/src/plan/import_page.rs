//! The office loads the year's plan document and the task table from the browser: the plan is
//! shown as read (dimensions, items, periods, warnings) before it is saved; a task table with a
//! bad row is refused whole, every row named.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::{Html, IntoResponse, Redirect};
use papi_core::clock::format_date;
use papi_core::Action;
use papi_docs::plan_import::{docx_to_text, parse_plan_text_checked, ImportedPlan};
use papi_docs::task_table::read_task_table_bytes;
use papi_store::{org, plan};

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::view::Nav;
use crate::AppState;
use papi_app::plan::{preview_plan, save_plan, store_tasks, PlanPreview};

/// What the preview shows of a plan document.
pub struct Found {
    pub number: String,
    pub issued_on: String,
    pub title: String,
    pub sections: Vec<(String, usize)>,
    pub periods: Vec<String>,
    pub unit_days: String,
    pub warnings: Vec<String>,
    pub text: String,
    pub complete: bool,
    /// Why the document is not a PAPI plan (no save button then).
    pub refused: Option<String>,
    /// "5 (Thủ tục hành chính), …": dimensions found, and missing.
    pub dims_found: String,
    pub dims_missing: String,
    /// For a year that has a plan: what the new version changes.
    pub version: Option<VersionChanges>,
}

/// What a new version changes against the current one, as the preview shows it.
pub struct VersionChanges {
    pub current: String,
    pub next: i64,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<String>,
    pub unchanged: usize,
    pub kept: Vec<String>,
    pub lost: Vec<String>,
}

fn dims(ds: &[papi_core::Dimension]) -> String {
    if ds.is_empty() {
        return "(không có)".into();
    }
    ds.iter()
        .map(|d| format!("{} ({})", d.number(), d.short_name_vi()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn with_preview(mut f: Found, p: &PlanPreview) -> Found {
    f.refused = p.refused.clone();
    f.dims_found = format!(
        "{}/8: {}",
        p.found_dimensions.len(),
        dims(&p.found_dimensions)
    );
    f.dims_missing = dims(&p.missing_dimensions);
    f.version = p.current.as_ref().map(|(plan, v)| VersionChanges {
        current: format!(
            "Kế hoạch số {} năm {} (phiên bản {v})",
            plan.number, plan.year
        ),
        next: v + 1,
        added: p
            .diff
            .added
            .iter()
            .map(|i| format!("{} {}", i.code, i.text))
            .collect(),
        removed: p
            .diff
            .removed
            .iter()
            .map(|i| format!("{} {}", i.code, i.text))
            .collect(),
        changed: p
            .diff
            .changed
            .iter()
            .map(|c| {
                format!(
                    "{} {} → {} {}",
                    c.old.code, c.old.text, c.new.code, c.new.text
                )
            })
            .collect(),
        unchanged: p.diff.unchanged,
        kept: p
            .kept
            .iter()
            .map(|m| {
                let to = m.to.as_deref().unwrap_or("");
                format!("{} {} ({} → {to})", m.code, m.title, m.from)
            })
            .collect(),
        lost: p
            .lost
            .iter()
            .map(|m| format!("{} {} (mất nội dung {})", m.code, m.title, m.from))
            .collect(),
    });
    f
}

fn found(p: &ImportedPlan) -> Found {
    Found {
        number: p
            .number
            .clone()
            .unwrap_or_else(|| "(không tìm thấy)".into()),
        issued_on: p
            .issued_on
            .map(format_date)
            .unwrap_or_else(|| "(không tìm thấy)".into()),
        title: p.title.clone(),
        sections: p
            .dimensions
            .iter()
            .map(|d| {
                (
                    format!("{}. {}", d.dimension.number(), d.dimension.name_vi()),
                    d.items.len(),
                )
            })
            .chain(
                p.cross_cutting
                    .iter()
                    .map(|c| (c.kind.label().to_string(), c.items.len())),
            )
            .collect(),
        periods: p
            .reporting_periods
            .iter()
            .map(|r| {
                let kind = r.kind.label();
                let (from, to, due) = (format_date(r.from), format_date(r.to), format_date(r.due));
                format!("{kind}: số liệu {from} – {to}, hạn gửi {due}")
            })
            .collect(),
        unit_days: p
            .unit_plan_due_working_days
            .map(|n| format!("{n} ngày làm việc"))
            .unwrap_or_else(|| "(không tìm thấy)".into()),
        warnings: p.warnings.clone(),
        text: p.full_text.clone(),
        complete: p.number.is_some() && p.issued_on.is_some(),
        refused: None,
        dims_found: String::new(),
        dims_missing: String::new(),
        version: None,
    }
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    nav: Nav,
    found: Option<Found>,
    errors: Vec<String>,
    has_plan: bool,
    /// After a task table was imported: "N mới, M cập nhật, K không đổi …".
    done: Option<String>,
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    found: Option<Found>,
    errors: Vec<String>,
) -> PageResult {
    page_done(state, user, found, errors, None).await
}

async fn page_done(
    state: &AppState,
    user: &CurrentUser,
    found: Option<Found>,
    errors: Vec<String>,
    done: Option<String>,
) -> PageResult {
    user.require(Action::EditPlan)?;
    let has_plan = plan::current_plan(&state.store, user.user.commune_id)
        .await?
        .is_some();
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let p = ImportPage {
        nav: Nav::new(user, state, "plan"),
        found,
        errors,
        has_plan,
        done,
    };
    Ok((status, Html(p.render()?)).into_response())
}

pub async fn show(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    page(&state, &user, None, vec![]).await
}

/// The fields of an import form: the CSRF token, the file, and text fields.
#[derive(Default)]
struct Upload {
    csrf: String,
    file_name: String,
    bytes: Vec<u8>,
    op: String,
    plan_text: String,
    confirm: bool,
    dry_run: bool,
}

async fn read(mut mp: Multipart) -> Result<Upload, AppError> {
    let mut u = Upload::default();
    let bad = crate::parsing::upload_error;
    while let Some(field) = mp.next_field().await.map_err(bad)? {
        match field.name().unwrap_or("") {
            "file" => {
                u.file_name = field.file_name().unwrap_or("").to_string();
                u.bytes = field.bytes().await.map_err(bad)?.to_vec();
            }
            "csrf" => u.csrf = field.text().await.map_err(bad)?,
            "op" => u.op = field.text().await.map_err(bad)?,
            "plan_text" => u.plan_text = field.text().await.map_err(bad)?,
            "confirm" => u.confirm = !field.text().await.map_err(bad)?.is_empty(),
            "dry_run" => u.dry_run = !field.text().await.map_err(bad)?.is_empty(),
            _ => {}
        }
    }
    Ok(u)
}

/// Shows what a plan document holds; with `op=save`, stores the text shown.
pub async fn plan(State(state): State<AppState>, user: CurrentUser, mp: Multipart) -> PageResult {
    let u = read(mp).await?;
    user.check_csrf(&u.csrf)?;
    if u.op == "save" {
        let text = u.plan_text;
        let parsed = match state
            .parsers
            .run(move || parse_plan_text_checked(&text))
            .await?
        {
            Ok(p) => p,
            Err(e) => return page(&state, &user, None, vec![format!("Chưa lưu được: {e}.")]).await,
        };
        let commune = org::commune(&state.store, user.user.commune_id).await?;
        let confirmed = u.confirm;
        return match save_plan(
            &state.store,
            &commune,
            &parsed,
            &user.audit_name(),
            confirmed,
        )
        .await
        {
            Ok(saved) if saved.version > 1 => {
                Ok(Redirect::to("/staff/plan/versions?saved=1").into_response())
            }
            Ok(_) => Ok(Redirect::to("/staff/plan").into_response()),
            Err(e) => {
                let preview = preview_plan(&state.store, &commune, &parsed)
                    .await
                    .map_err(AppError::Internal)?;
                page(
                    &state,
                    &user,
                    Some(with_preview(found(&parsed), &preview)),
                    vec![format!("Chưa lưu được: {e}.")],
                )
                .await
            }
        };
    }
    if u.bytes.is_empty() {
        return page(&state, &user, None, vec!["Chưa chọn tệp kế hoạch.".into()]).await;
    }
    let file_name = u.file_name.clone();
    let parsed = state
        .parsers
        .run(move || read_plan_upload(&u.file_name, u.bytes))
        .await?;
    match parsed {
        Ok(p) => {
            let commune = org::commune(&state.store, user.user.commune_id).await?;
            let preview = preview_plan(&state.store, &commune, &p)
                .await
                .map_err(AppError::Internal)?;
            page(
                &state,
                &user,
                Some(with_preview(found(&p), &preview)),
                vec![],
            )
            .await
        }
        Err(e) => page(&state, &user, None, vec![format!("Tệp “{file_name}”: {e}")]).await,
    }
}

/// The plan in an uploaded DOCX or UTF-8 text file.
fn read_plan_upload(file_name: &str, bytes: Vec<u8>) -> Result<ImportedPlan, String> {
    let text = if file_name.to_lowercase().ends_with(".docx") {
        docx_to_text(&bytes).map_err(|e| e.to_string())?
    } else {
        String::from_utf8(bytes)
            .map_err(|_| "không phải DOCX hay văn bản UTF-8.".to_string())?
            .trim_start_matches('\u{feff}')
            .to_string()
    };
    parse_plan_text_checked(&text).map_err(|e| e.to_string())
}

/// Imports a task table into the current plan: every row or none.
pub async fn tasks(State(state): State<AppState>, user: CurrentUser, mp: Multipart) -> PageResult {
    let u = read(mp).await?;
    user.check_csrf(&u.csrf)?;
    let Some(current) = plan::current_plan(&state.store, user.user.commune_id).await? else {
        return page(
            &state,
            &user,
            None,
            vec!["Chưa có kế hoạch: hãy nạp kế hoạch trước.".into()],
        )
        .await;
    };
    let (bytes, file_name) = (u.bytes, u.file_name.clone());
    let rows = match state
        .parsers
        .run(move || read_task_table_bytes(&bytes, &file_name))
        .await?
    {
        Ok(r) => r,
        Err(e) => {
            return page(
                &state,
                &user,
                None,
                vec![format!("Tệp “{}”: {e}", u.file_name)],
            )
            .await
        }
    };
    let commune = org::commune(&state.store, user.user.commune_id).await?;
    match store_tasks(
        &state.store,
        &commune,
        current.id,
        &rows,
        &user.audit_name(),
        u.dry_run,
    )
    .await
    {
        Ok(Ok(r)) => {
            let done = if u.dry_run {
                format!("Xem trước (chưa lưu): {}.", r.summary())
            } else {
                format!("Đã nhập biểu nhiệm vụ: {}.", r.summary())
            };
            page_done(&state, &user, None, vec![], Some(done)).await
        }
        Ok(Err(errors)) => {
            let mut all = vec![format!(
                "Không nhập dòng nào vì biểu có {} lỗi:",
                errors.len()
            )];
            all.extend(errors);
            page(&state, &user, None, all).await
        }
        Err(e) => Err(AppError::Internal(e)),
    }
}

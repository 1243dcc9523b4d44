//! Imports by the office: answers exported from KoboToolbox/ODK (CSV or XLSX) and the
//! population table; and the questionnaire as XLSForm for those tools.

use std::collections::HashSet;

use axum::extract::{Multipart, Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Redirect};
use papi_docs::survey::{read_population, read_responses, write_xlsform, ImportSpec};
use papi_store::org;
use papi_store::survey::{self as store, Response};

use super::parse_form;
use super::results::{staff_page, DesignQuery};
use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
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

/// Imports answers; any bad row refuses the whole file, every error named by row and column.
pub async fn responses(
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
    let (v, bands, file) = (villages.clone(), sv.age_bands.clone(), name.clone());
    let read = state.parsers.run(move || {
        let spec = ImportSpec {
            villages: &v,
            age_bands: &bands,
            existing_uuids: &existing,
        };
        read_responses(&form, &bytes, &file, &spec)
    });
    let imported = match read.await? {
        Ok(i) => i,
        Err(errs) => {
            let mut msgs = vec![format!("Không nhập phiếu nào vì tệp “{name}” có lỗi:")];
            msgs.extend(errs.errors.iter().map(|e| e.to_string()));
            if errs.total > errs.errors.len() {
                msgs.push(format!("… và {} lỗi khác.", errs.total - errs.errors.len()));
            }
            return staff_page(&state, &user, id, &DesignQuery::default(), msgs).await;
        }
    };
    let n_age = sv.age_bands.len().max(1);
    let rows: Vec<Response> = imported
        .meta
        .iter()
        .enumerate()
        .map(|(i, m)| Response {
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
        })
        .collect();
    let mut w = state.store.begin_write().await?;
    store::insert_responses(&mut w, &user.audit_name(), sv.commune_id, id, &rows).await?;
    w.commit().await?;
    Ok(Redirect::to(&format!("/staff/survey/{id}")).into_response())
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

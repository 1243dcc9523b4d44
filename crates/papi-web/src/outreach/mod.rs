//! Outreach (tuyên truyền): the log of communication work.
//!
//! `/staff/outreach?year=` is the year's log, its village × topic coverage with the villages
//! left out, and the form for a new entry with its evidence file (multipart). The entry's file
//! is served back at `/staff/outreach/{id}/evidence`; `/api/outreach?year=` gives the log as
//! JSON.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Redirect};
use axum::Json;
use papi_app::outreach::{self as svc, EntryInput, LogView};
use papi_core::clock::format_date;
use papi_core::Action;
use papi_store::outreach::EvidenceFile;
use serde_json::{json, Value};

use crate::auth::{ApiUser, CurrentUser};
use crate::error::{ApiError, AppError, PageResult};
use crate::participation::conference::{year_of, YearQuery};
use crate::view::{form_page, Nav};
use crate::AppState;

pub struct EntryRow {
    pub id: i64,
    pub dates: String,
    pub channel: &'static str,
    pub topic: String,
    pub title: String,
    pub villages: String,
    pub reach: String,
    pub by: String,
    pub disclosure: String,
    pub evidence: String,
}

pub struct CoverageLine {
    pub village: String,
    pub cells: Vec<usize>,
    pub laws: usize,
    pub other: usize,
    pub total: usize,
    pub gap: bool,
}

#[derive(Default)]
pub struct EntryForm {
    pub channel: String,
    pub topic: String,
    pub topic_text: String,
    pub title: String,
    pub village_ids: Vec<String>,
    pub dates: String,
    pub reach: String,
    pub by: String,
    pub disclosure_id: String,
}

#[derive(Template)]
#[template(path = "outreach.html")]
struct LogPage {
    nav: Nav,
    year: i32,
    rows: Vec<EntryRow>,
    coverage: Vec<CoverageLine>,
    gaps: Vec<String>,
    /// (id, name, ticked in the form).
    villages: Vec<(i64, String, bool)>,
    channels: Vec<(&'static str, &'static str)>,
    topics: Vec<(String, String)>,
    disclosures: Vec<(i64, String)>,
    can_log: bool,
    errors: Vec<String>,
    saved: bool,
    form: EntryForm,
}

fn names(villages: &[(i64, String)], ids: &[i64]) -> String {
    ids.iter()
        .filter_map(|id| villages.iter().find(|(v, _)| v == id))
        .map(|(_, n)| n.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

async fn log_page(
    state: &AppState,
    user: &CurrentUser,
    year: Option<i32>,
    errors: Vec<String>,
    saved: bool,
    form: EntryForm,
) -> Result<LogPage, AppError> {
    let actor = user.actor();
    let v: LogView = svc::year_log(state, &actor, year).await?;
    let disclosures = svc::disclosure_choices(state, &actor).await?;
    Ok(LogPage {
        nav: Nav::new(user, state, "outreach"),
        year: v.year,
        gaps: v.gaps().into_iter().map(str::to_string).collect(),
        rows: v
            .entries
            .iter()
            .map(|e| EntryRow {
                id: e.id,
                dates: e
                    .dates
                    .iter()
                    .map(|d| format_date(*d))
                    .collect::<Vec<_>>()
                    .join(", "),
                channel: e.channel.label(),
                topic: e.topic.label(),
                title: e.title.clone(),
                villages: names(&v.villages, &e.village_ids),
                reach: e.reach.map(|n| n.to_string()).unwrap_or_default(),
                by: e.by.clone(),
                disclosure: e
                    .disclosure_id
                    .map(|id| {
                        disclosures
                            .iter()
                            .find(|(d, _)| *d == id)
                            .map(|(_, t)| t.clone())
                            .unwrap_or_else(|| format!("Nội dung công khai số {id}"))
                    })
                    .unwrap_or_default(),
                evidence: e.evidence_name.clone(),
            })
            .collect(),
        coverage: v
            .coverage
            .iter()
            .map(|r| CoverageLine {
                village: r.village.clone(),
                cells: r.by_dimension.clone(),
                laws: r.laws,
                other: r.other,
                total: r.total,
                gap: r.is_gap(),
            })
            .collect(),
        villages: v
            .villages
            .iter()
            .map(|(id, n)| (*id, n.clone(), form.village_ids.contains(&id.to_string())))
            .collect(),
        channels: svc::channels(),
        topics: svc::topics(),
        disclosures,
        can_log: actor.can(Action::LogOutreach),
        errors,
        saved,
        form,
    })
}

/// `GET /staff/outreach`.
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<YearQuery>,
) -> PageResult {
    let year = year_of(&q.year)?;
    let p = log_page(
        &state,
        &user,
        year,
        vec![],
        q.saved.is_some(),
        EntryForm::default(),
    )
    .await?;
    Ok(Html(p.render()?).into_response())
}

/// `POST /staff/outreach`: a new entry with its evidence file.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    mut mp: Multipart,
) -> PageResult {
    let too_big = crate::parsing::upload_error;
    let mut csrf = String::new();
    let mut form = EntryForm::default();
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = mp.next_field().await.map_err(too_big)? {
        let name = field.name().unwrap_or("").to_string();
        if name == "evidence" {
            let fname = field.file_name().unwrap_or("").to_string();
            let bytes = field.bytes().await.map_err(too_big)?;
            if !bytes.is_empty() {
                file = Some((fname, bytes.to_vec()));
            }
            continue;
        }
        let text = field.text().await.map_err(too_big)?;
        match name.as_str() {
            "csrf" => csrf = text,
            "channel" => form.channel = text,
            "topic" => form.topic = text,
            "topic_text" => form.topic_text = text,
            "title" => form.title = text,
            "village_id" => form.village_ids.push(text),
            "dates" => form.dates = text,
            "reach" => form.reach = text,
            "by" => form.by = text,
            "disclosure_id" => form.disclosure_id = text,
            _ => {}
        }
    }
    user.check_csrf(&csrf)?;
    let evidence = match file {
        None => None,
        Some((name, bytes)) => match papi_core::evidence::check(&name, &bytes) {
            Ok(t) => Some(EvidenceFile {
                name: papi_core::evidence::clean_name(&name),
                content_type: t.to_string(),
                bytes,
            }),
            Err(why) => {
                let p = log_page(
                    &state,
                    &user,
                    None,
                    vec![format!("Tệp minh chứng: {why}")],
                    false,
                    form,
                )
                .await?;
                return form_page(&p, true);
            }
        },
    };
    let input = EntryInput {
        channel: form.channel.clone(),
        topic: form.topic.clone(),
        topic_text: form.topic_text.clone(),
        title: form.title.clone(),
        village_ids: form.village_ids.clone(),
        dates: form.dates.clone(),
        reach: form.reach.clone(),
        by: form.by.clone(),
        disclosure_id: form.disclosure_id.clone(),
    };
    match svc::log(&state, &user.actor(), &user.audit_name(), input, evidence).await {
        Ok(_) => Ok(Redirect::to("/staff/outreach?saved=1").into_response()),
        Err(papi_app::Error::Invalid(m)) => {
            let p = log_page(&state, &user, None, vec![m], false, form).await?;
            form_page(&p, true)
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /staff/outreach/{id}/evidence`: the entry's file, as a download.
pub async fn evidence(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> PageResult {
    let f = svc::evidence(&state, &user.actor(), id).await?;
    let ascii: String = f
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (CONTENT_TYPE, f.content_type),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\""),
            ),
        ],
        f.bytes,
    )
        .into_response())
}

/// `GET /api/outreach?year=`: the year's log as JSON.
pub async fn api_list(
    State(state): State<AppState>,
    user: ApiUser,
    Query(q): Query<YearQuery>,
) -> Result<Json<Value>, ApiError> {
    let year = year_of(&q.year)?;
    let v = svc::year_log(&state, &user.0.actor(), year).await?;
    Ok(Json(json!({
        "year": v.year,
        "entries": v.entries,
        "coverage": v.coverage,
    })))
}

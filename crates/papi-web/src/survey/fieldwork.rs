//! The fieldwork view: answers per village against the number each village needs, per
//! enumerator and per day; villages below their target highlighted; the submissions from the
//! field that were not counted (duplicates, rejected, outside the fieldwork window). The office
//! sets the fieldwork window and the village targets here.

use std::collections::BTreeMap;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect};
use papi_app::fieldwork::PlanForm;
use papi_core::clock::{format_date, format_timestamp};
use papi_core::collect::SubmissionStatus;
use papi_core::fieldwork::{below_target, progress_percent, stamp_day, village_target, Window};
use papi_core::Action;
use papi_store::fieldwork as store;
use papi_store::survey;

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::view::Nav;
use crate::AppState;

/// Most submissions listed per page.
const LISTED: i64 = 500;

pub struct VillageRow {
    pub name: String,
    pub answers: i64,
    pub target: i64,
    /// The office's own target, blank when the default applies.
    pub set: String,
    pub percent: i64,
    pub below: bool,
}

pub struct EnumeratorRow {
    pub who: String,
    pub channel: &'static str,
    pub answers: i64,
}

pub struct DayRow {
    pub day: String,
    pub answers: i64,
    pub inside: bool,
}

pub struct SubmissionRow {
    pub received: String,
    pub enumerator: String,
    pub village: String,
    pub instance: String,
    pub status: &'static str,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "survey_fieldwork.html")]
struct FieldworkPage {
    nav: Nav,
    id: i64,
    title: String,
    opens: String,
    closes: String,
    window: String,
    min_reportable: usize,
    villages: Vec<VillageRow>,
    below: usize,
    answers: i64,
    target: i64,
    enumerators: Vec<EnumeratorRow>,
    days: Vec<DayRow>,
    listed: Vec<SubmissionRow>,
    counts: Vec<(&'static str, i64)>,
    messages: Vec<String>,
}

fn channel_label(code: &str) -> &'static str {
    match code {
        "import" => "Tệp nhập (KoboToolbox/ODK)",
        "web" => "Biểu mẫu trên mạng",
        "odk" | "openrosa" | "collect" => "ODK Collect / KoboCollect",
        _ => "Khác",
    }
}

async fn own_survey(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
) -> Result<survey::SurveyRecord, AppError> {
    user.require(Action::ReviewUnitWork)?;
    let sv = survey::survey(&state.store, id).await?;
    if sv.commune_id != user.user.commune_id {
        return Err(AppError::NotFound);
    }
    Ok(sv)
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    messages: Vec<String>,
    typed: Option<(String, String, BTreeMap<String, String>)>,
) -> PageResult {
    let sv = own_survey(state, user, id).await?;
    let (opens, closes) = store::window(&state.store, id).await?;
    let window = Window::from_stored(&opens, &closes);
    let by_village: BTreeMap<String, i64> = store::answers_by_village(&state.store, id)
        .await?
        .into_iter()
        .collect();
    let targets: BTreeMap<String, i64> = store::targets(&state.store, id)
        .await?
        .into_iter()
        .collect();
    let adults: BTreeMap<String, i64> = store::adults_by_village(&state.store, id)
        .await?
        .into_iter()
        .collect();
    let names = papi_app::fieldwork::villages(state, sv.commune_id, id).await?;
    let min = papi_index::MIN_VILLAGE_RESPONDENTS;
    let villages: Vec<VillageRow> = names
        .iter()
        .map(|name| {
            let answers = by_village.get(name).copied().unwrap_or(0);
            let set = targets.get(name).copied();
            let target = village_target(set, min, adults.get(name).copied());
            VillageRow {
                name: name.clone(),
                answers,
                target,
                set: match &typed {
                    Some((_, _, t)) => t.get(name).cloned().unwrap_or_default(),
                    None => set.map(|t| t.to_string()).unwrap_or_default(),
                },
                percent: progress_percent(answers, target),
                below: below_target(answers, target),
            }
        })
        .collect();
    let enumerators = store::answers_by_enumerator(&state.store, id)
        .await?
        .into_iter()
        .map(|(who, channel, answers)| EnumeratorRow {
            who: if who.is_empty() {
                "(không ghi người thu)".into()
            } else {
                who
            },
            channel: channel_label(&channel),
            answers,
        })
        .collect();
    let mut per_day: BTreeMap<Option<chrono::NaiveDate>, i64> = BTreeMap::new();
    for (hour, n) in store::answers_by_hour(&state.store, id).await? {
        *per_day.entry(stamp_day(&hour)).or_default() += n;
    }
    let days = per_day
        .into_iter()
        .map(|(d, answers)| DayRow {
            day: d.map(format_date).unwrap_or_else(|| "không rõ ngày".into()),
            answers,
            inside: d.is_none_or(|d| window.contains(d)),
        })
        .collect();
    let attention: Vec<&str> = SubmissionStatus::ALL
        .into_iter()
        .filter(|s| s.needs_attention())
        .map(|s| s.code())
        .collect();
    let listed = store::submissions(&state.store, sv.commune_id, id, &attention, LISTED)
        .await?
        .into_iter()
        .map(|s| SubmissionRow {
            received: format_timestamp(&s.received_at),
            enumerator: s.enumerator,
            village: s.village,
            instance: s.instance_id,
            status: SubmissionStatus::parse(&s.status)
                .map(|x| x.label())
                .unwrap_or("Khác"),
            reason: s.reason,
        })
        .collect();
    let counts = store::submission_counts(&state.store, sv.commune_id, id)
        .await?
        .into_iter()
        .map(|(st, n)| {
            (
                SubmissionStatus::parse(&st)
                    .map(|x| x.label())
                    .unwrap_or("Khác"),
                n,
            )
        })
        .collect();
    let (opens_text, closes_text) = match &typed {
        Some((o, c, _)) => (o.clone(), c.clone()),
        None => (
            window.opens.map(format_date).unwrap_or_default(),
            window.closes.map(format_date).unwrap_or_default(),
        ),
    };
    let window_text = match (window.opens, window.closes) {
        (None, _) => "chưa mở (chưa đặt ngày bắt đầu)".to_string(),
        (Some(o), None) => format!("từ {}, chưa định ngày kết thúc", format_date(o)),
        (Some(o), Some(c)) => format!("{} – {}", format_date(o), format_date(c)),
    };
    let status = if messages.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = FieldworkPage {
        nav: Nav::new(user, state, "survey"),
        id,
        title: papi_core::survey_setup::heading(&sv.title, sv.year),
        opens: opens_text,
        closes: closes_text,
        window: window_text,
        min_reportable: min,
        below: villages.iter().filter(|v| v.below).count(),
        answers: villages.iter().map(|v| v.answers).sum(),
        target: villages.iter().map(|v| v.target).sum(),
        villages,
        enumerators,
        days,
        listed,
        counts,
        messages,
    }
    .render()?;
    Ok((status, Html(body)).into_response())
}

/// `GET /staff/survey/{id}/fieldwork`.
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> PageResult {
    page(&state, &user, id, vec![], None).await
}

/// `POST /staff/survey/{id}/fieldwork`: the window (`opens`, `closes`, dd/mm/yyyy, blank =
/// open) and the targets (`village` and `target` in pairs, blank = the default).
pub async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let names: Vec<String> = f.all("village").map(str::to_string).collect();
    let typed: Vec<String> = f.all("target").map(str::to_string).collect();
    if names.len() != typed.len() {
        return Err(AppError::BadRequest(
            "Biểu mẫu số phiếu cần theo thôn không đầy đủ.".into(),
        ));
    }
    let targets: Vec<(String, String)> = names.into_iter().zip(typed).collect();
    let form = PlanForm {
        opens: f.get("opens"),
        closes: f.get("closes"),
        targets: &targets,
    };
    let saved =
        papi_app::fieldwork::save_plan(&state, &user.actor(), &user.audit_name(), id, form).await?;
    if let Err(messages) = saved {
        let again = Some((
            f.get("opens").to_string(),
            f.get("closes").to_string(),
            targets.into_iter().collect(),
        ));
        return page(&state, &user, id, messages, again).await;
    }
    Ok(Redirect::to(&format!("/staff/survey/{id}/fieldwork")).into_response())
}

//! The resident's side: the phone form a desk's QR code opens (one short page, no script),
//! and the commune's published results. Repeat answers are kept out as the PAPI form keeps
//! them out: a form token in a cookie, limits per address and per device, one answer per
//! device per service and day, and bursts from one address held for the office to review.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse};
use axum::Extension;
use papi_app::satisfaction::{self as svc, Submission};
use papi_core::satisfaction::questionnaire::LIKERT5;
use papi_core::satisfaction::{ItemKind, Review, LABEL, NOT_OFFICIAL};
use papi_core::survey_review::{STARTS_PER_HOUR_PER_ADDRESS, STARTS_PER_HOUR_PER_DEVICE};

use super::view::{report, ReportView};
use crate::auth::random_token;
use crate::auth::{cookie, ClientIp};
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::survey::form::{with_form_cookies, DEVICE_COOKIE};
use crate::AppState;

const FORM_COOKIE: &str = "papi_satisfaction_form";

async fn commune_of(state: &AppState, gso: &str) -> Result<papi_core::Commune, AppError> {
    papi_store::org::communes(&state.store)
        .await?
        .into_iter()
        .find(|c| c.gso_code == gso)
        .ok_or(AppError::NotFound)
}

/// A short one-way tag: answers from one place can be grouped without keeping the address.
fn tag(value: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(format!("papi-origin:{value}").as_bytes())[..6])
}

pub struct Choice {
    pub value: u8,
    pub label: &'static str,
    pub checked: bool,
}

pub struct Question {
    pub code: String,
    pub text: String,
    pub choices: Vec<Choice>,
}

pub struct Group {
    pub title: String,
    pub questions: Vec<Question>,
}

#[derive(Template)]
#[template(path = "satisfaction_form.html")]
struct FormPage {
    commune: String,
    service: String,
    period: String,
    action: String,
    token: String,
    groups: Vec<Group>,
    error: String,
    closed: bool,
}

#[derive(Template)]
#[template(path = "satisfaction_thanks.html")]
struct ThanksPage {
    commune: String,
    service: String,
    gso: String,
    held: bool,
}

async fn form_page(
    state: &AppState,
    gso: &str,
    id: i64,
    error: String,
    typed: &[(String, String)],
    headers: &axum::http::HeaderMap,
) -> PageResult {
    let commune = commune_of(state, gso).await?;
    let s = svc::get(state, commune.id, id).await?;
    let given = |code: &str| {
        typed
            .iter()
            .find(|(k, _)| k == code)
            .and_then(|(_, v)| v.parse::<u8>().ok())
    };
    let groups = s
        .questionnaire
        .factors
        .iter()
        .map(|f| Group {
            title: f.title.clone(),
            questions: f
                .items
                .iter()
                .map(|i| Question {
                    code: i.code.clone(),
                    text: i.text.clone(),
                    choices: match i.kind {
                        ItemKind::Likert5 => (1..=5u8)
                            .map(|v| Choice {
                                value: v,
                                label: LIKERT5[usize::from(v) - 1],
                                checked: given(&i.code) == Some(v),
                            })
                            .collect(),
                        ItemKind::YesNo => [(1u8, "Đúng"), (0u8, "Không đúng")]
                            .into_iter()
                            .map(|(v, l)| Choice {
                                value: v,
                                label: l,
                                checked: given(&i.code) == Some(v),
                            })
                            .collect(),
                    },
                })
                .collect(),
        })
        .collect();
    let token = random_token();
    let page = FormPage {
        commune: commune.full_name(),
        service: s.service_name.clone(),
        period: s.period_label.clone(),
        action: format!("/public/{gso}/satisfaction/{id}"),
        token: token.clone(),
        groups,
        closed: !s.takes_answers(state.today()),
        error,
    };
    let status = if page.error.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(with_form_cookies(
        state,
        headers,
        FORM_COOKIE,
        &token,
        (status, Html(page.render()?)).into_response(),
    ))
}

/// `GET /public/{gso}/satisfaction/{id}`: the phone form.
pub async fn form(
    State(state): State<AppState>,
    Path((gso, id)): Path<(String, i64)>,
    headers: axum::http::HeaderMap,
) -> PageResult {
    form_page(&state, &gso, id, String::new(), &[], &headers).await
}

/// `POST /public/{gso}/satisfaction/{id}`: stores the answer and thanks the resident, or shows
/// the form again as filled with what is missing.
pub async fn submit(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path((gso, id)): Path<(String, i64)>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> PageResult {
    state.limiter.hit(ip, "satisfaction", 30)?;
    let hour = std::time::Duration::from_secs(3600);
    state.limiter.hit_within(
        ip.to_string(),
        "satisfaction_hour",
        STARTS_PER_HOUR_PER_ADDRESS,
        hour,
    )?;
    let device = cookie(&headers, DEVICE_COOKIE)
        .filter(|v| !v.is_empty())
        .unwrap_or("")
        .to_string();
    if !device.is_empty() {
        state.limiter.hit_within(
            device.clone(),
            "satisfaction_device",
            STARTS_PER_HOUR_PER_DEVICE,
            hour,
        )?;
    }
    let f = FormPairs::parse(&body)?;
    let expected = cookie(&headers, FORM_COOKIE).unwrap_or("");
    if expected.is_empty() || expected != f.get("token") {
        return Err(AppError::Csrf);
    }
    let commune = commune_of(&state, &gso).await?;
    let pairs: Vec<(String, String)> = f
        .pairs()
        .iter()
        .filter(|(k, _)| k != "token")
        .cloned()
        .collect();
    let at = state
        .filed_at()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_else(chrono::Utc::now);
    let sub = Submission {
        pairs: pairs.clone(),
        address_tag: tag(&ip.to_string()),
        device_tag: if device.is_empty() {
            String::new()
        } else {
            tag(&device)
        },
        at,
    };
    match svc::submit(&state, commune.id, id, sub).await {
        Ok(review) => {
            let s = svc::get(&state, commune.id, id).await?;
            let page = ThanksPage {
                commune: commune.full_name(),
                service: s.service_name,
                gso: gso.clone(),
                held: review == Review::Flagged,
            };
            Ok(Html(page.render()?).into_response())
        }
        Err(papi_app::Error::Invalid(msg)) => {
            form_page(&state, &gso, id, msg, &pairs, &headers).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "satisfaction_public.html")]
struct PublicPage {
    commune: String,
    gso: String,
    label: &'static str,
    not_official: &'static str,
    reports: Vec<ReportView>,
}

/// `GET /public/{gso}/satisfaction`: every survey's results, latest period first.
pub async fn results(State(state): State<AppState>, Path(gso): Path<String>) -> PageResult {
    let commune = commune_of(&state, &gso).await?;
    let reports = svc::reports(&state, commune.id, None)
        .await?
        .iter()
        .map(report)
        .collect();
    let page = PublicPage {
        commune: commune.full_name(),
        gso,
        label: LABEL,
        not_official: NOT_OFFICIAL,
        reports,
    };
    Ok(Html(page.render()?).into_response())
}

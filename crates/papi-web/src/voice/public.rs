//! What residents see: the phone-sized form to send feedback or a complaint to their commune
//! (only what the law requires is asked), the receipt with its tracking code, the page per
//! code (status, due date, answer; never a name, never a denunciation), the rating at closure,
//! the answers residents agreed to publish, and an Open311 GeoReport v2 endpoint for feedback.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Redirect};
use papi_core::clock::format_date;
use papi_core::voice::intake::IntakeForm;
use papi_core::voice::{MatterKind, Requester};
use papi_core::Commune;
use serde_json::json;

use crate::auth::ClientIp;
use crate::error::{AppError, PageResult};
use crate::plan::edit::{FormPairs, Option_};
use crate::view::form_page;
use crate::AppState;

async fn commune_by_gso(state: &AppState, gso: &str) -> Result<Commune, AppError> {
    papi_store::org::communes(&state.store)
        .await
        .map_err(papi_app::Error::from)?
        .into_iter()
        .find(|c| c.gso_code == gso)
        .ok_or(AppError::from(papi_app::Error::NotFound))
}

#[derive(Default)]
pub struct PublicValues {
    pub kind: String,
    pub title: String,
    pub content: String,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub village_id: String,
    pub place: String,
    pub respondent: String,
    pub publish_consent: bool,
}

#[derive(Template)]
#[template(path = "voice_public_form.html")]
struct FormPage {
    commune: String,
    gso: String,
    v: PublicValues,
    villages: Vec<Option_>,
    errors: Vec<String>,
}

async fn form_view(
    state: &AppState,
    c: &Commune,
    v: PublicValues,
    errors: Vec<String>,
) -> Result<FormPage, AppError> {
    let villages = papi_store::org::villages(&state.store, c.id)
        .await
        .map_err(papi_app::Error::from)?;
    Ok(FormPage {
        commune: c.name.clone(),
        gso: c.gso_code.clone(),
        villages: villages
            .iter()
            .map(|x| Option_ {
                id: x.id,
                label: x.name.clone(),
                selected: v.village_id.parse::<i64>().ok() == Some(x.id),
            })
            .collect(),
        v,
        errors,
    })
}

/// `GET /public/{gso}/feedback`.
pub async fn form(State(state): State<AppState>, Path(gso): Path<String>) -> PageResult {
    let c = commune_by_gso(&state, &gso).await?;
    let v = PublicValues {
        kind: "feedback".into(),
        ..Default::default()
    };
    let page = form_view(&state, &c, v, vec![]).await?;
    Ok(axum::response::Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "voice_public_receipt.html")]
struct ReceiptPage {
    commune: String,
    code: String,
    kind: &'static str,
    email: bool,
}

/// `POST /public/{gso}/feedback`: saves and shows the tracking code; on a refusal the form
/// comes back with everything typed.
pub async fn submit(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path(gso): Path<String>,
    body: Bytes,
) -> PageResult {
    state.limiter.hit(ip, "voice_public", 10)?;
    let c = commune_by_gso(&state, &gso).await?;
    let f = FormPairs::parse(&body)?;
    let v = PublicValues {
        kind: f.get("kind").into(),
        title: f.get("title").into(),
        content: f.get("content").into(),
        name: f.get("name").into(),
        address: f.get("address").into(),
        phone: f.get("phone").into(),
        email: f.get("email").into(),
        village_id: f.get("village_id").into(),
        place: f.get("place").into(),
        respondent: f.get("respondent").into(),
        publish_consent: !f.get("publish_consent").is_empty(),
    };
    let form = IntakeForm {
        kind: MatterKind::parse(&v.kind),
        title: v.title.clone(),
        content: v.content.clone(),
        requester: Requester {
            name: v.name.clone(),
            address: v.address.clone(),
            phone: v.phone.clone(),
            email: v.email.clone(),
            id_number: String::new(),
        },
        village_id: v.village_id.parse().ok(),
        place: v.place.clone(),
        respondent: v.respondent.clone(),
        publish_consent: v.publish_consent,
        ..Default::default()
    };
    match papi_app::voice::receive_public(&state, c.id, form, None).await {
        Ok(r) => {
            let page = ReceiptPage {
                commune: c.name.clone(),
                code: r.code,
                kind: r.kind.label(),
                email: !v.email.trim().is_empty(),
            };
            Ok((StatusCode::CREATED, axum::response::Html(page.render()?)).into_response())
        }
        Err(papi_app::Error::Invalid(msg)) => {
            let page = form_view(&state, &c, v, vec![msg]).await?;
            form_page(&page, true)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(serde::Deserialize)]
pub struct CodeQuery {
    code: Option<String>,
}

#[derive(Template)]
#[template(path = "voice_track.html")]
struct TrackPage {
    code: String,
    found: Option<papi_app::voice::PublicMatter>,
    asked: bool,
    due: String,
    received: String,
    answered: String,
    rated: bool,
    errors: Vec<String>,
}

fn track_page(
    code: String,
    found: Option<papi_app::voice::PublicMatter>,
    asked: bool,
    errors: Vec<String>,
    rated: bool,
) -> TrackPage {
    TrackPage {
        due: found
            .as_ref()
            .and_then(|m| m.due)
            .map(format_date)
            .unwrap_or_default(),
        received: found
            .as_ref()
            .map(|m| format_date(m.received_on))
            .unwrap_or_default(),
        answered: found
            .as_ref()
            .and_then(|m| m.answered_on)
            .map(format_date)
            .unwrap_or_default(),
        code,
        found,
        asked,
        rated,
        errors,
    }
}

/// `GET /track?code=…`: the form, or the matter of a code.
pub async fn track(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Query(q): Query<CodeQuery>,
) -> PageResult {
    let code = q.code.unwrap_or_default().trim().to_uppercase();
    if code.is_empty() {
        let page = track_page(code, None, false, vec![], false);
        return Ok(axum::response::Html(page.render()?).into_response());
    }
    state.limiter.hit(ip, "track", 60)?;
    Ok(Redirect::to(&format!("/track/{}", urlencode(&code))).into_response())
}

fn urlencode(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .collect()
}

/// `GET /track/{code}`.
pub async fn track_code(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path(code): Path<String>,
    Query(q): Query<RatedQuery>,
) -> PageResult {
    state.limiter.hit(ip, "track", 60)?;
    let found = papi_app::voice::public_view(&state, &code).await?;
    let status = if found.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let page = track_page(code.to_uppercase(), found, true, vec![], q.rated.is_some());
    Ok((status, axum::response::Html(page.render()?)).into_response())
}

#[derive(serde::Deserialize)]
pub struct RatedQuery {
    rated: Option<String>,
}

/// `POST /track/{code}/rate`: the resident's satisfaction at closure.
pub async fn rate(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path(code): Path<String>,
    body: Bytes,
) -> PageResult {
    state.limiter.hit(ip, "rate", 10)?;
    let f = FormPairs::parse(&body)?;
    let rating: u8 = f.get("rating").parse().unwrap_or(0);
    match papi_app::voice::rate(&state, &code, rating).await {
        Ok(()) => Ok(Redirect::to(&format!("/track/{}?rated=1", urlencode(&code))).into_response()),
        Err(papi_app::Error::Invalid(msg)) => {
            let found = papi_app::voice::public_view(&state, &code).await?;
            let page = track_page(code.to_uppercase(), found, true, vec![msg], false);
            form_page(&page, true)
        }
        Err(e) => Err(e.into()),
    }
}

pub struct AnswerRow {
    pub code: String,
    pub title: String,
    pub received: String,
    pub answer: String,
}

#[derive(Template)]
#[template(path = "voice_answers.html")]
struct AnswersPage {
    commune: String,
    gso: String,
    rows: Vec<AnswerRow>,
    total: usize,
    closed: usize,
    on_time: String,
    rating: String,
    by_kind: Vec<(String, usize)>,
    by_channel: Vec<(String, usize)>,
}

/// `GET /public/{gso}/answers`: answers residents agreed to publish (no names), and the
/// commune's figures for the year (dimension 3, accountability).
pub async fn answers(State(state): State<AppState>, Path(gso): Path<String>) -> PageResult {
    let c = commune_by_gso(&state, &gso).await?;
    let today = state.today();
    let from =
        chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&today), 1, 1).unwrap_or(today);
    let fig = papi_app::voice::figures(&state, c.id, from, today).await?;
    let rows = papi_app::voice::published_answers(&state, c.id)
        .await?
        .into_iter()
        .map(|m| AnswerRow {
            code: m.code,
            title: m.title,
            received: format_date(m.received_on),
            answer: m.answer,
        })
        .collect();
    let page = AnswersPage {
        commune: c.name.clone(),
        gso: c.gso_code.clone(),
        rows,
        total: fig.total,
        closed: fig.closed,
        on_time: fig
            .on_time_percent()
            .map(|p| format!("{p:.0}%"))
            .unwrap_or_else(|| "—".into()),
        rating: fig
            .rating_mean
            .map(|r| format!("{r:.1}/5 ({} lượt)", fig.ratings))
            .unwrap_or_else(|| "—".into()),
        by_kind: fig
            .by_kind
            .iter()
            .map(|(k, n)| (k.to_string(), *n))
            .collect(),
        by_channel: fig
            .by_channel
            .iter()
            .map(|(k, n)| (k.to_string(), *n))
            .collect(),
    };
    Ok(axum::response::Html(page.render()?).into_response())
}

// ------------------------------------------------------------------ Open311 GeoReport v2

#[derive(serde::Deserialize)]
pub struct Jurisdiction {
    jurisdiction_id: Option<String>,
}

async fn jurisdiction(state: &AppState, j: &Jurisdiction) -> Result<Commune, AppError> {
    let gso = j.jurisdiction_id.clone().unwrap_or_default();
    commune_by_gso(state, gso.trim()).await
}

/// Open311 service codes: one per PAPI dimension, so feedback lands in its dimension.
fn services() -> Vec<serde_json::Value> {
    papi_core::Dimension::all()
        .map(|d| {
            json!({
                "service_code": format!("pakn-{}", d.number()),
                "service_name": format!("Phản ánh, kiến nghị: {}", d.name_vi()),
                "description": "Phản ánh, kiến nghị gửi UBND xã (không dùng cho khiếu nại, tố cáo).",
                "metadata": false,
                "type": "realtime",
                "keywords": "pakn",
                "group": "Phản ánh, kiến nghị"
            })
        })
        .collect()
}

/// `GET /open311/v2/services.json?jurisdiction_id={gso}`.
pub async fn open311_services(
    State(state): State<AppState>,
    Query(j): Query<Jurisdiction>,
) -> Result<Json<Vec<serde_json::Value>>, AppError> {
    jurisdiction(&state, &j).await?;
    Ok(Json(services()))
}

fn request_json(m: &papi_app::voice::PublicMatter) -> serde_json::Value {
    json!({
        "service_request_id": m.code,
        "status": if m.closed { "closed" } else { "open" },
        "status_notes": m.stage.label(),
        "service_name": "Phản ánh, kiến nghị",
        "description": m.title,
        "requested_datetime": format!("{}T00:00:00+07:00", m.received_on),
        "expected_datetime": m.due.map(|d| format!("{d}T17:00:00+07:00")),
        "service_notice": format!("Hạn theo {} ({})", m.due_source, m.due_status),
        "agency_responsible": "UBND xã",
    })
}

/// `GET /open311/v2/requests/{code}.json`: one feedback, by its tracking code.
pub async fn open311_request(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Json<Vec<serde_json::Value>>, AppError> {
    let code = file.trim_end_matches(".json");
    let m = papi_app::voice::public_view(&state, code)
        .await?
        .filter(|m| m.kind == MatterKind::Feedback)
        .ok_or(AppError::from(papi_app::Error::NotFound))?;
    Ok(Json(vec![request_json(&m)]))
}

/// `GET /open311/v2/requests.json?jurisdiction_id={gso}`: the commune's feedback, newest first
/// (feedback only: complaints and denunciations never go through Open311).
pub async fn open311_requests(
    State(state): State<AppState>,
    Query(j): Query<Jurisdiction>,
) -> Result<Json<Vec<serde_json::Value>>, AppError> {
    let c = jurisdiction(&state, &j).await?;
    let codes: Vec<String> = papi_store::voice::list(&state.store, c.id)
        .await
        .map_err(papi_app::Error::from)?
        .into_iter()
        .filter(|m| m.kind == MatterKind::Feedback)
        .take(200)
        .map(|m| m.code)
        .collect();
    let mut out = Vec::new();
    for code in codes {
        if let Some(m) = papi_app::voice::public_view(&state, &code).await? {
            out.push(request_json(&m));
        }
    }
    Ok(Json(out))
}

/// `POST /open311/v2/requests.json`: a resident's feedback from an Open311 client.
pub async fn open311_post(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    body: Bytes,
) -> Result<(StatusCode, Json<serde_json::Value>), AppError> {
    state.limiter.hit(ip, "voice_public", 10)?;
    let f = FormPairs::parse(&body)?;
    let c = commune_by_gso(&state, f.get("jurisdiction_id").trim()).await?;
    let dimension = f
        .get("service_code")
        .strip_prefix("pakn-")
        .and_then(|n| n.parse::<u8>().ok())
        .and_then(papi_core::Dimension::new);
    let Some(d) = dimension else {
        return Err(AppError::from(papi_app::Error::Invalid(
            "service_code không đúng: dùng một mã trong services.json (pakn-1 … pakn-8).".into(),
        )));
    };
    let description = f.get("description").trim().to_string();
    let name = format!(
        "{} {}",
        f.get("last_name").trim(),
        f.get("first_name").trim()
    );
    let form = IntakeForm {
        kind: Some(MatterKind::Feedback),
        title: description.chars().take(120).collect(),
        content: description,
        requester: Requester {
            name: name.trim().to_string(),
            email: f.get("email").trim().to_string(),
            phone: f.get("phone").trim().to_string(),
            ..Default::default()
        },
        place: f.get("address_string").trim().to_string(),
        ..Default::default()
    };
    let r = papi_app::voice::receive_public(&state, c.id, form, Some(d)).await?;
    Ok((
        StatusCode::CREATED,
        Json(
            json!([{ "service_request_id": r.code, "service_notice": "Đã tiếp nhận; theo dõi bằng mã này." }]),
        ),
    ))
}

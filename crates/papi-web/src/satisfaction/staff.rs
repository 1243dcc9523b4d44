//! `/staff/satisfaction`: the commune's satisfaction surveys, the form that creates one (from
//! a built-in questionnaire or the commune's own XLSForm), a survey's results, and the QR code
//! printed for the desk.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect};
use papi_app::satisfaction as svc;
use papi_core::satisfaction::{NewSurvey, ServiceKind, LABEL, NOT_OFFICIAL};
use papi_core::Action;

use super::view::{report, ReportView};
use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::view::{form_page, Nav};
use crate::AppState;

pub struct Row {
    pub id: i64,
    pub service: String,
    pub kind: &'static str,
    pub period: String,
    pub respondents: usize,
    pub overall: String,
    pub change: String,
    pub open: bool,
}

#[derive(Template)]
#[template(path = "satisfaction_list.html")]
struct ListPage {
    nav: Nav,
    label: &'static str,
    not_official: &'static str,
    rows: Vec<Row>,
    can_manage: bool,
    kinds: Vec<(&'static str, &'static str)>,
    error: String,
    refused: bool,
    typed: NewSurvey,
}

#[derive(serde::Deserialize)]
pub struct SavedQuery {
    pub saved: Option<String>,
}

/// Rows of the list, latest period first.
pub async fn rows(state: &AppState, commune_id: i64) -> Result<Vec<Row>, AppError> {
    Ok(svc::reports(state, commune_id, None)
        .await?
        .iter()
        .map(|r| Row {
            id: r.survey.id,
            service: r.survey.service_name.clone(),
            kind: r.survey.kind.label(),
            period: r.survey.period_label.clone(),
            respondents: r.results.respondents,
            overall: r
                .results
                .overall
                .map(|e| papi_core::satisfaction::score::percent(e.value))
                .unwrap_or_else(|| "—".into()),
            change: r.change.map(|c| c.describe()).unwrap_or_default(),
            open: r.survey.open,
        })
        .collect())
}

async fn list_page(
    state: &AppState,
    user: &CurrentUser,
    error: String,
    typed: NewSurvey,
) -> PageResult {
    let actor = user.actor();
    let p = ListPage {
        nav: Nav::new(user, state, "satisfaction"),
        label: LABEL,
        not_official: NOT_OFFICIAL,
        rows: rows(state, actor.commune_id).await?,
        can_manage: actor.can(Action::ManageSatisfaction),
        kinds: ServiceKind::ALL
            .iter()
            .map(|k| (k.code(), k.label()))
            .collect(),
        refused: !error.is_empty(),
        error,
        typed,
    };
    form_page(&p, p.refused)
}

/// `GET /staff/satisfaction`.
pub async fn list(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    list_page(&state, &user, String::new(), NewSurvey::default()).await
}

/// `POST /staff/satisfaction` (multipart): creates a survey; the XLSForm file is optional.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    mut mp: Multipart,
) -> PageResult {
    let bad = crate::parsing::upload_error;
    let mut csrf = String::new();
    let mut form = NewSurvey::default();
    let mut file = Vec::new();
    while let Some(field) = mp.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            file = field.bytes().await.map_err(bad)?.to_vec();
            continue;
        }
        let v = field.text().await.map_err(bad)?;
        match name.as_str() {
            "csrf" => csrf = v,
            "kind" => form.kind = v,
            "service_name" => form.service_name = v,
            "period_label" => form.period_label = v,
            "starts_on" => form.starts_on = v,
            "ends_on" => form.ends_on = v,
            _ => {}
        }
    }
    user.check_csrf(&csrf)?;
    let questionnaire = if file.is_empty() {
        None
    } else {
        match state
            .parsers
            .run(move || papi_docs::satisfaction::from_xlsform(&file))
            .await?
        {
            Ok(q) => Some(q),
            Err(msg) => {
                return list_page(&state, &user, format!("Tệp XLSForm: {msg}"), form).await;
            }
        }
    };
    match svc::create(
        &state,
        &user.actor(),
        &user.audit_name(),
        &form,
        questionnaire,
    )
    .await
    {
        Ok(id) => Ok(Redirect::to(&format!("/staff/satisfaction/{id}?saved=1")).into_response()),
        Err(papi_app::Error::Invalid(msg)) => list_page(&state, &user, msg, form).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "satisfaction_results.html")]
struct ResultsPage {
    nav: Nav,
    label: &'static str,
    not_official: &'static str,
    r: ReportView,
    can_manage: bool,
    form_url: String,
    saved: bool,
}

/// `GET /staff/satisfaction/{id}`: the results, the change against the previous period, the
/// held answers, the links to the form and its QR code.
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<SavedQuery>,
    headers: axum::http::HeaderMap,
) -> PageResult {
    let actor = user.actor();
    let rep = svc::report(&state, actor.commune_id, id).await?;
    let commune = papi_store::org::commune(&state.store, actor.commune_id).await?;
    let p = ResultsPage {
        nav: Nav::new(&user, &state, "satisfaction"),
        label: LABEL,
        not_official: NOT_OFFICIAL,
        r: report(&rep),
        can_manage: actor.can(Action::ManageSatisfaction),
        form_url: format!(
            "{}/public/{}/satisfaction/{id}",
            crate::calendar::origin(&state, &headers),
            commune.gso_code
        ),
        saved: q.saved.is_some(),
    };
    Ok(Html(p.render()?).into_response())
}

/// `POST /staff/satisfaction/{id}/open`: `op` = `open` or `close`.
pub async fn set_open(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let open = match f.get("op") {
        "open" => true,
        "close" => false,
        _ => return Err(AppError::BadRequest("Thao tác không hợp lệ.".into())),
    };
    svc::set_open(&state, &user.actor(), &user.audit_name(), id, open).await?;
    Ok(Redirect::to(&format!("/staff/satisfaction/{id}?saved=1")).into_response())
}

/// `POST /staff/satisfaction/{id}/review`: `decision` = `accept` or `reject` for the answers
/// held as a burst from one address.
pub async fn review(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let accept = match f.get("decision") {
        "accept" => true,
        "reject" => false,
        _ => {
            return Err(AppError::BadRequest(
                "Vui lòng chọn tính hoặc không tính các phiếu chờ xem xét.".into(),
            ))
        }
    };
    svc::review(&state, &user.actor(), &user.audit_name(), id, accept).await?;
    Ok(Redirect::to(&format!("/staff/satisfaction/{id}?saved=1")).into_response())
}

#[derive(Template)]
#[template(path = "satisfaction_qr.html")]
struct QrPage {
    commune: String,
    service: String,
    period: String,
    url: String,
    svg: String,
}

/// `GET /staff/satisfaction/{id}/qr`: an A4 sheet to print and put at the desk: the service,
/// a short instruction and the QR code of the phone form (drawn here, no outside service).
pub async fn qr(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    headers: axum::http::HeaderMap,
) -> PageResult {
    let actor = user.actor();
    let s = svc::get(&state, actor.commune_id, id).await?;
    let commune = papi_store::org::commune(&state.store, actor.commune_id).await?;
    let url = format!(
        "{}/public/{}/satisfaction/{id}",
        crate::calendar::origin(&state, &headers),
        commune.gso_code
    );
    let p = QrPage {
        commune: commune.full_name(),
        service: s.service_name,
        period: s.period_label,
        svg: qr_svg(&url)?,
        url,
    };
    Ok(Html(p.render()?).into_response())
}

/// The QR code of `url` as inline SVG (medium error correction: survives a smudged print).
pub fn qr_svg(url: &str) -> Result<String, AppError> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| AppError::BadRequest(format!("Không tạo được mã QR: {e}")))?;
    Ok(code
        .render::<svg::Color>()
        .min_dimensions(600, 600)
        .quiet_zone(true)
        .build())
}

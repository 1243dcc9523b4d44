//! `/staff/survey/new`: the office starts a year's resident survey, with the default
//! questionnaire or the commune's own (XLSForm or TOML); the survey's page then takes the
//! population table and the answers.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect};
use papi_app::survey::NewSurveyForm;
use papi_core::Action;
use papi_docs::survey::{default_form, read_form_file, SurveyForm};

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::view::{form_page, Nav};
use crate::AppState;

#[derive(Template)]
#[template(path = "survey_new.html")]
struct NewPage {
    nav: Nav,
    year: String,
    title: String,
    age_bands: String,
    errors: Vec<String>,
    /// The commune has no survey yet (the page says how to begin).
    first: bool,
}

/// The values typed: year, title, age bands.
type Typed = (String, String, String);

async fn page(
    state: &AppState,
    user: &CurrentUser,
    (year, title, age_bands): Typed,
    errors: Vec<String>,
) -> PageResult {
    user.require(Action::ReviewUnitWork)?;
    let first = papi_store::survey::surveys(&state.store, user.user.commune_id)
        .await?
        .is_empty();
    let p = NewPage {
        nav: Nav::new(user, state, "survey"),
        year,
        title,
        age_bands,
        first,
        errors,
    };
    form_page(&p, !p.errors.is_empty())
}

/// `GET /staff/survey/new`.
pub async fn new_form(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    let year = state.today().format("%Y").to_string();
    let bands = papi_core::survey_setup::DEFAULT_AGE_BANDS.join(", ");
    page(&state, &user, (year, String::new(), bands), Vec::new()).await
}

/// `POST /staff/survey` (multipart: year, title, an optional questionnaire file).
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    mut mp: Multipart,
) -> PageResult {
    let bad = crate::parsing::upload_error;
    let mut csrf = String::new();
    let (mut year, mut title, mut bands) = (String::new(), String::new(), String::new());
    let (mut file_name, mut file) = (String::new(), Vec::new());
    while let Some(field) = mp.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            file_name = field.file_name().unwrap_or("").to_string();
            file = field.bytes().await.map_err(bad)?.to_vec();
            continue;
        }
        let v = field.text().await.map_err(bad)?;
        match name.as_str() {
            "csrf" => csrf = v,
            "year" => year = v,
            "title" => title = v,
            "age_bands" => bands = v,
            _ => {}
        }
    }
    user.check_csrf(&csrf)?;
    let form: SurveyForm = if file.is_empty() {
        default_form()
    } else {
        let name = file_name.clone();
        match state
            .parsers
            .run(move || read_form_file(&name, &file))
            .await?
        {
            Ok(f) => f,
            Err(errs) => {
                let mut lines = vec![format!("Tệp phiếu “{file_name}” có lỗi:")];
                lines.extend(errs.errors.iter().map(|e| e.to_string()));
                return page(&state, &user, (year, title, bands), lines).await;
            }
        }
    };
    let typed = NewSurveyForm {
        year: &year,
        title: &title,
        age_bands: &bands,
    };
    match papi_app::survey::create(&state, &user.actor(), &user.audit_name(), typed, &form).await {
        Ok(id) => Ok(Redirect::to(&format!("/staff/survey/{id}")).into_response()),
        Err(papi_app::Error::Invalid(msg)) => {
            page(&state, &user, (year, title, bands), vec![msg]).await
        }
        Err(e) => Err(AppError::from(e)),
    }
}

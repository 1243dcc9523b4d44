//! The web form a resident (or an enumerator with a phone) fills in: who and where first, then
//! one question per page. Each answer is saved as soon as it is given, so a lost connection or
//! a closed browser loses nothing; the link goes on where it stopped.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::SET_COOKIE;
use axum::response::{Html, IntoResponse, Redirect};
use axum::Extension;
use papi_docs::survey::{
    check_answer, parse_answers, Question, SurveyForm, AGE_BAND, SEX, VILLAGE,
};
use papi_index::Expr;
use papi_store::org;
use papi_store::survey::{self as store, Response};

use super::parse_form;
use papi_core::survey_review::{
    invitation_to_use, Review, STARTS_PER_HOUR_PER_ADDRESS, STARTS_PER_HOUR_PER_DEVICE,
};

use crate::auth::random_token;
use crate::auth::{cookie, ClientIp};
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::AppState;

const FORM_COOKIE: &str = "papi_survey_form";
/// A random token the phone keeps for a year, so one device's answers can be told apart from
/// others' behind the same address (no personal data: it identifies nothing but the browser).
pub(crate) const DEVICE_COOKIE: &str = "papi_device";

async fn commune_survey(
    state: &AppState,
    gso: &str,
    id: i64,
) -> Result<(papi_core::Commune, papi_store::survey::SurveyRecord), AppError> {
    let commune = org::communes(&state.store)
        .await?
        .into_iter()
        .find(|c| c.gso_code == gso)
        .ok_or(AppError::NotFound)?;
    let sv = store::survey(&state.store, id).await?;
    if sv.commune_id != commune.id {
        return Err(AppError::NotFound);
    }
    Ok((commune, sv))
}

#[derive(Template)]
#[template(path = "survey_start.html")]
struct StartPage {
    commune: String,
    title: String,
    action: String,
    token: String,
    villages: Vec<String>,
    age_bands: Vec<String>,
    error: Option<String>,
    /// The survey takes answers only with a one-time invitation code.
    invitations_only: bool,
}

async fn start_page(
    state: &AppState,
    gso: &str,
    id: i64,
    error: Option<String>,
    headers: &axum::http::HeaderMap,
) -> PageResult {
    let (commune, sv) = commune_survey(state, gso, id).await?;
    let token = random_token();
    let invitations_only = papi_store::survey_review::invitations_only(&state.store, id).await?;
    let page = StartPage {
        commune: commune.full_name(),
        title: sv.title.clone(),
        action: format!("/public/{gso}/survey/{id}/take"),
        token: token.clone(),
        villages: org::villages(&state.store, commune.id)
            .await?
            .into_iter()
            .map(|v| v.name)
            .collect(),
        age_bands: sv.age_bands.clone(),
        error,
        invitations_only,
    };
    let status = if page.error.is_some() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    Ok(with_form_cookies(
        state,
        headers,
        FORM_COOKIE,
        &token,
        (status, Html(page.render()?)).into_response(),
    ))
}

/// A public form's page with its one-time form token cookie (`form_cookie`), and the device
/// cookie when the phone has none yet.
pub(crate) fn with_form_cookies(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    form_cookie: &str,
    token: &str,
    mut res: axum::response::Response,
) -> axum::response::Response {
    let secure = crate::auth::secure_attr(state);
    let cookies = [
        Some(format!("{form_cookie}={token}; Path=/public; HttpOnly; SameSite=Strict{secure}")),
        cookie_of(headers, DEVICE_COOKIE).is_none().then(|| {
            format!(
                "{DEVICE_COOKIE}={}; Path=/public; HttpOnly; SameSite=Strict; Max-Age=31536000{secure}",
                random_token()
            )
        }),
    ];
    for c in cookies.into_iter().flatten() {
        if let Ok(v) = axum::http::HeaderValue::from_str(&c) {
            res.headers_mut().append(SET_COOKIE, v);
        }
    }
    res
}

pub async fn start_form(
    State(state): State<AppState>,
    Path((gso, id)): Path<(String, i64)>,
    headers: axum::http::HeaderMap,
) -> PageResult {
    start_page(&state, &gso, id, None, &headers).await
}

/// A cookie's value, when sent and not empty.
fn cookie_of<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    cookie(headers, name).filter(|v| !v.is_empty())
}

/// A short, one-way tag of a value: bursts from one place can be grouped without keeping
/// anyone's address.
fn tag(value: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(format!("papi-origin:{value}").as_bytes())[..6])
}

/// Starts a response: the village, sex and age band are saved at once.
pub async fn start(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path((gso, id)): Path<(String, i64)>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> PageResult {
    state.limiter.hit(ip, "survey", 30)?;
    let hour = std::time::Duration::from_secs(3600);
    state.limiter.hit_within(
        ip.to_string(),
        "survey_hour",
        STARTS_PER_HOUR_PER_ADDRESS,
        hour,
    )?;
    let device = cookie_of(&headers, DEVICE_COOKIE).unwrap_or("").to_string();
    if !device.is_empty() {
        state.limiter.hit_within(
            device.clone(),
            "survey_device",
            STARTS_PER_HOUR_PER_DEVICE,
            hour,
        )?;
    }
    let f = FormPairs::parse(&body)?;
    let expected = cookie(&headers, FORM_COOKIE).unwrap_or("");
    if expected.is_empty() || expected != f.get("token") {
        return Err(AppError::Csrf);
    }
    let (commune, sv) = commune_survey(&state, &gso, id).await?;
    let villages: Vec<String> = org::villages(&state.store, commune.id)
        .await?
        .into_iter()
        .map(|v| v.name)
        .collect();
    let village = f.get(VILLAGE);
    let sex = f.get(SEX);
    let age = f.get(AGE_BAND);
    let error = if !villages.iter().any(|v| v == village) {
        Some("Vui lòng chọn thôn, tổ dân phố nơi bạn sống.")
    } else if sex != "F" && sex != "M" {
        Some("Vui lòng chọn giới tính.")
    } else if !sv.age_bands.iter().any(|a| a == age) {
        Some("Vui lòng chọn nhóm tuổi.")
    } else {
        None
    };
    let invitations_only = papi_store::survey_review::invitations_only(&state.store, id).await?;
    let invitation = invitation_to_use(invitations_only, f.get("invitation"));
    let error = error.or(invitation.as_ref().err().copied());
    if let Some(e) = error {
        return start_page(&state, &gso, id, Some(e.into()), &headers).await;
    }
    let uuid = random_token();
    let r = Response {
        uuid: uuid.clone(),
        village: village.into(),
        sex: sex.into(),
        age_band: age.into(),
        submitted_at: state.filed_at().unwrap_or_else(papi_store::now_utc),
        answers: Default::default(),
        scores: vec![],
        complete: false,
    };
    let origin = format!("{}/{}", tag(&ip.to_string()), tag(&device));
    let code = invitation.ok().flatten();
    match store::start_response(&state.store, commune.id, id, &r, &origin, code.as_deref()).await {
        Ok(_) => {}
        Err(papi_store::StoreError::Conflict(m)) => {
            return start_page(&state, &gso, id, Some(m), &headers).await
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&format!("/public/{gso}/survey/{id}/r/{uuid}")).into_response())
}

/// The next question to ask, given the answers so far: skips groups, respondent details,
/// questions already answered and those whose (group's) condition does not hold.
fn next_question<'a>(
    form: &'a SurveyForm,
    answers: &std::collections::BTreeMap<String, String>,
) -> (Option<&'a Question>, usize, usize) {
    let lookup = |name: &str| answers.get(name).map(String::as_str);
    let holds = |cond: &Option<String>| {
        cond.as_deref()
            .filter(|c| !c.trim().is_empty())
            .is_none_or(|c| Expr::parse(c).map(|e| e.eval_with(&lookup)).unwrap_or(true))
    };
    let mut groups: Vec<bool> = Vec::new();
    let askable: Vec<&Question> = form
        .questions
        .iter()
        .filter(|q| {
            let kind = q.kind.to_ascii_lowercase();
            if kind.starts_with("begin") {
                groups.push(holds(&q.relevant));
                return false;
            }
            if kind.starts_with("end") {
                groups.pop();
                return false;
            }
            let asked = !matches!(
                kind.split_whitespace().next(),
                Some("calculate" | "start" | "end" | "today" | "deviceid")
            );
            asked
                && ![VILLAGE, SEX, AGE_BAND].contains(&q.name.as_str())
                && groups.iter().all(|g| *g)
        })
        .collect();
    let total = askable.len();
    let done = askable
        .iter()
        .filter(|q| answers.contains_key(&q.name))
        .count();
    let next = askable
        .into_iter()
        .find(|q| !answers.contains_key(&q.name) && holds(&q.relevant));
    (next, done, total)
}

pub struct ChoiceView {
    pub name: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "survey_question.html")]
struct QuestionPage {
    commune: String,
    title: String,
    action: String,
    name: String,
    label: String,
    hint: String,
    input: &'static str,
    choices: Vec<ChoiceView>,
    done: usize,
    total: usize,
    percent: usize,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "survey_thanks.html")]
struct ThanksPage {
    commune: String,
    gso: String,
    /// The answers wait for the office's review before they count.
    pending: bool,
}

async fn question_page(
    state: &AppState,
    gso: &str,
    id: i64,
    uuid: &str,
    error: Option<String>,
) -> PageResult {
    let (commune, sv) = commune_survey(state, gso, id).await?;
    let r = store::response(&state.store, id, uuid)
        .await?
        .ok_or(AppError::NotFound)?;
    if r.complete {
        return thanks(state, gso, id, &commune, uuid).await;
    }
    let form = parse_form(&sv)?;
    let (next, done, total) = next_question(&form, &r.answers);
    let Some(q) = next else {
        return finish(state, gso, id, &commune, &sv, &form, r).await;
    };
    let mut parts = q.kind.split_whitespace();
    let kind = parts.next().unwrap_or("");
    let list = parts.next().and_then(|l| form.list(l));
    let input = match kind {
        "select_one" => "radio",
        "select_multiple" => "checkbox",
        "integer" | "decimal" => "number",
        "note" => "note",
        _ => "text",
    };
    let page = QuestionPage {
        commune: commune.full_name(),
        title: sv.title.clone(),
        action: format!("/public/{gso}/survey/{id}/r/{uuid}"),
        name: q.name.clone(),
        label: q.label.clone(),
        hint: q.hint.clone(),
        input,
        choices: list
            .map(|l| {
                l.choices
                    .iter()
                    .map(|c| ChoiceView {
                        name: c.name.clone(),
                        label: c.label.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        done,
        total,
        percent: (done * 100).checked_div(total).unwrap_or(100),
        error,
    };
    let status = if page.error.is_some() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// Scores the completed answers and closes the response.
async fn finish(
    state: &AppState,
    gso: &str,
    id: i64,
    commune: &papi_core::Commune,
    sv: &papi_store::survey::SurveyRecord,
    form: &SurveyForm,
    r: Response,
) -> PageResult {
    let villages: Vec<String> = org::villages(&state.store, commune.id)
        .await?
        .into_iter()
        .map(|v| v.name)
        .collect();
    let mut pairs: Vec<(String, String)> = r
        .answers
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    pairs.extend([
        (VILLAGE.to_string(), r.village.clone()),
        (SEX.to_string(), r.sex.clone()),
        (AGE_BAND.to_string(), r.age_band.clone()),
    ]);
    let parsed = parse_answers(form, &pairs, &villages, &sv.age_bands).map_err(|e| {
        AppError::BadRequest(
            e.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    let scores: Vec<Option<f32>> = parsed
        .scores
        .iter()
        .map(|x| (!x.is_nan()).then_some(*x))
        .collect();
    store::save_answer(&state.store, id, &r.uuid, "", "", Some(&scores)).await?;
    thanks(state, gso, id, commune, &r.uuid).await
}

/// The closing page, saying whether the answers still wait for review.
async fn thanks(
    state: &AppState,
    gso: &str,
    id: i64,
    commune: &papi_core::Commune,
    uuid: &str,
) -> PageResult {
    let review = papi_store::survey_review::review_of(&state.store, id, uuid).await?;
    let page = ThanksPage {
        commune: commune.full_name(),
        gso: gso.into(),
        pending: review == Review::Pending,
    };
    Ok(Html(page.render()?).into_response())
}

pub async fn question(
    State(state): State<AppState>,
    Path((gso, id, uuid)): Path<(String, i64, String)>,
) -> PageResult {
    question_page(&state, &gso, id, &uuid, None).await
}

/// Saves one answer, then shows the next question.
pub async fn answer(
    State(state): State<AppState>,
    Path((gso, id, uuid)): Path<(String, i64, String)>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    let (_, sv) = commune_survey(&state, &gso, id).await?;
    let form = parse_form(&sv)?;
    let name = f.get("question").to_string();
    let value = f.all("value").collect::<Vec<_>>().join(" ");
    let value = value.trim();
    let q = form
        .question(&name)
        .ok_or_else(|| AppError::BadRequest("Câu hỏi không có trong phiếu.".into()))?;
    if value.is_empty() && q.required {
        return question_page(
            &state,
            &gso,
            id,
            &uuid,
            Some("Vui lòng trả lời câu hỏi này (có thể chọn “Không biết”).".into()),
        )
        .await;
    }
    if !value.is_empty() {
        if let Err(e) = check_answer(&form, &name, value) {
            return question_page(
                &state,
                &gso,
                id,
                &uuid,
                Some(format!("Câu trả lời chưa hợp lệ: {e}.")),
            )
            .await;
        }
    }
    match store::save_answer(&state.store, id, &uuid, &name, value, None).await {
        Ok(()) | Err(papi_store::StoreError::Conflict(_)) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&format!("/public/{gso}/survey/{id}/r/{uuid}")).into_response())
}

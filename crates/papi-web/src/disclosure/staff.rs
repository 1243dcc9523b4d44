//! `/staff/disclosure`: the register with each entry's standing (đúng hạn, chậm, niêm yết chưa
//! đủ, thiếu hình thức, thường xuyên …), the new-entry form with its document, each entry's
//! page with its forms, photos, versions, re-disclosure and take-down, the files, and the
//! quarterly list and annual report as DOCX.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use papi_app::disclosure::{self as svc, EntryInput, Filter, FormInput};
use papi_core::clock::format_date;
use papi_core::disclosure::{group_title, FormKind, Topic};
use serde::Deserialize;

use super::upload::{read, Upload};
use super::view::{groups, row, Row};
use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::view::Nav;
use crate::AppState;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

fn invalid(html: String) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response()
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    group: String,
    #[serde(default)]
    village: String,
    #[serde(default)]
    all: String,
}

#[derive(Template)]
#[template(path = "disclosure_list.html")]
struct ListPage {
    nav: Nav,
    rows: Vec<Row>,
    groups: Vec<(u8, String)>,
    villages: Vec<(i64, String)>,
    group: u8,
    village: i64,
    all: bool,
    counts: Vec<(&'static str, &'static str, usize)>,
    year: i32,
    quarter: u32,
}

/// `GET /staff/disclosure`.
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ListQuery>,
) -> PageResult {
    let filter = Filter {
        group: q.group.trim().parse().ok(),
        village_id: q.village.trim().parse().ok(),
        all_versions: !q.all.is_empty(),
    };
    let actor = user.actor();
    let judged = svc::list(&state, &actor, &filter).await?;
    let villages = svc::public::villages_of(&state, actor.commune_id).await?;
    let rows: Vec<Row> = judged.iter().map(row).collect();
    let mut counts: Vec<(&'static str, &'static str, usize)> = Vec::new();
    for r in &rows {
        match counts.iter_mut().find(|c| c.0 == r.standing) {
            Some(c) => c.2 += 1,
            None => counts.push((r.standing, r.class, 1)),
        }
    }
    use chrono::Datelike;
    let today = state.today();
    let page = ListPage {
        nav: Nav::new(&user, &state, "disclosure"),
        rows,
        groups: groups(),
        villages,
        group: filter.group.unwrap_or(0),
        village: filter.village_id.unwrap_or(0),
        all: filter.all_versions,
        counts,
        year: today.year(),
        quarter: today.month0() / 3 + 1,
    };
    Ok(Html(page.render()?).into_response())
}

/// What the entry form keeps after a refusal.
#[derive(Default, Clone)]
pub struct EntryValues {
    pub group: String,
    pub topic: String,
    pub title: String,
    pub legal_basis: String,
    pub decided_on: String,
    pub village_id: String,
}

#[derive(Template)]
#[template(path = "disclosure_new.html")]
struct NewPage {
    nav: Nav,
    v: EntryValues,
    groups: Vec<(u8, String)>,
    topics: Vec<(&'static str, &'static str)>,
    villages: Vec<(i64, String)>,
    error: String,
}

fn topics() -> Vec<(&'static str, &'static str)> {
    Topic::ALL.iter().map(|t| (t.code(), t.label())).collect()
}

async fn new_page(
    state: &AppState,
    user: &CurrentUser,
    v: EntryValues,
    error: String,
) -> Result<String, AppError> {
    let villages = svc::public::villages_of(state, user.user.commune_id).await?;
    Ok(NewPage {
        nav: Nav::new(user, state, "disclosure"),
        v,
        groups: groups(),
        topics: topics(),
        villages,
        error,
    }
    .render()?)
}

/// `GET /staff/disclosure/new`.
pub async fn new(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    let v = EntryValues {
        decided_on: format_date(state.today()),
        ..Default::default()
    };
    Ok(Html(new_page(&state, &user, v, String::new()).await?).into_response())
}

fn entry_values(up: &Upload) -> EntryValues {
    EntryValues {
        group: up.get("group"),
        topic: up.get("topic"),
        title: up.get("title"),
        legal_basis: up.get("legal_basis"),
        decided_on: up.get("decided_on"),
        village_id: up.get("village_id"),
    }
}

fn entry_input(v: &EntryValues, up: &mut Upload) -> EntryInput {
    EntryInput {
        group: v.group.clone(),
        topic: v.topic.clone(),
        title: v.title.clone(),
        legal_basis: v.legal_basis.clone(),
        decided_on: v.decided_on.clone(),
        village_id: v.village_id.clone(),
        document: up.files.remove("document"),
    }
}

/// `POST /staff/disclosure`: opens an entry with its document.
pub async fn create(State(state): State<AppState>, user: CurrentUser, mp: Multipart) -> PageResult {
    let mut up = match read(mp).await {
        Ok(u) => u,
        Err(AppError::BadRequest(m)) => {
            return Ok(invalid(
                new_page(&state, &user, EntryValues::default(), m).await?,
            ))
        }
        Err(e) => return Err(e),
    };
    user.check_csrf(&up.get("csrf"))?;
    let v = entry_values(&up);
    if let Some(why) = up.file_error.take() {
        return Ok(invalid(
            new_page(&state, &user, v, format!("Văn bản công khai: {why}")).await?,
        ));
    }
    let input = entry_input(&v, &mut up);
    match svc::create(&state, &user.actor(), input).await {
        Ok(id) => Ok(Redirect::to(&format!("/staff/disclosure/{id}?saved=1")).into_response()),
        Err(papi_app::Error::Invalid(m)) => Ok(invalid(new_page(&state, &user, v, m).await?)),
        Err(e) => Err(e.into()),
    }
}

/// One form as the entry page lists it.
pub struct FormRow {
    pub id: i64,
    pub line: String,
    pub done_by: String,
    pub note: String,
    pub photos: Vec<(i64, String)>,
}

#[derive(Template)]
#[template(path = "disclosure_entry.html")]
struct EntryPage {
    nav: Nav,
    r: Row,
    group_title: &'static str,
    topic: String,
    legal_basis: String,
    village: String,
    state_label: &'static str,
    current: bool,
    created_by: String,
    source: String,
    document: Option<(i64, String)>,
    forms: Vec<FormRow>,
    loose_photos: Vec<(i64, String)>,
    outreach_days: String,
    versions: Vec<(i64, i32, String, &'static str, bool)>,
    villages: Vec<(i64, String)>,
    kinds: Vec<(&'static str, &'static str)>,
    can_register: bool,
    saved: bool,
    error: String,
    gso: String,
    v: EntryValues,
}

#[derive(Deserialize, Default)]
pub struct Shown {
    #[serde(default)]
    saved: Option<String>,
}

async fn entry_page(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    saved: bool,
    error: String,
) -> Result<String, AppError> {
    let actor = user.actor();
    let e = svc::entry(state, &actor, id).await?;
    let j = &e.judged;
    let villages = e.villages.clone();
    let name_of = |v: Option<i64>| {
        v.and_then(|v| villages.iter().find(|(id, _)| *id == v))
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let photos_of = |form: Option<i64>| -> Vec<(i64, String)> {
        e.files
            .iter()
            .filter(|f| f.role == "photo" && f.form_id == form)
            .map(|f| (f.id, f.original_name.clone()))
            .collect()
    };
    let commune = papi_store::org::commune(&state.store, actor.commune_id)
        .await
        .map_err(papi_app::Error::from)?;
    let page = EntryPage {
        nav: Nav::new(user, state, "disclosure"),
        r: row(j),
        group_title: group_title(j.entry.group).unwrap_or(""),
        topic: j
            .entry
            .topic
            .map(|t| t.label().to_string())
            .unwrap_or_default(),
        legal_basis: j.entry.legal_basis.clone(),
        village: j
            .entry
            .village_id
            .map(|v| name_of(Some(v)))
            .unwrap_or_else(|| "Toàn xã".into()),
        state_label: j.entry.state.label(),
        current: j.entry.state == papi_core::disclosure::DisclosureState::Current,
        created_by: format!(
            "{}, {}",
            j.entry.created_by,
            format_date(j.entry.created_on)
        ),
        source: j.entry.source.clone(),
        document: e
            .files
            .iter()
            .find(|f| f.role == "document")
            .map(|f| (f.id, f.original_name.clone())),
        forms: j
            .forms
            .iter()
            .map(|f| FormRow {
                id: f.id,
                line: super::view::form_line(f, &villages),
                done_by: f.done_by.clone(),
                note: f.note.clone(),
                photos: photos_of(Some(f.id)),
            })
            .collect(),
        loose_photos: photos_of(None),
        outreach_days: j
            .outreach_days
            .iter()
            .map(|d| format_date(*d))
            .collect::<Vec<_>>()
            .join(", "),
        versions: e
            .versions
            .iter()
            .map(|x| {
                (
                    x.id,
                    x.version,
                    x.title.clone(),
                    x.state.label(),
                    x.id == id,
                )
            })
            .collect(),
        kinds: FormKind::ALL
            .iter()
            .map(|k| (k.code(), k.label()))
            .collect(),
        villages,
        can_register: e.can_register,
        saved,
        error,
        gso: commune.gso_code,
        v: EntryValues {
            group: j.entry.group.to_string(),
            topic: j
                .entry
                .topic
                .map(|t| t.code().to_string())
                .unwrap_or_default(),
            title: j.entry.title.clone(),
            legal_basis: j.entry.legal_basis.clone(),
            decided_on: format_date(state.today()),
            village_id: j
                .entry
                .village_id
                .map(|v| v.to_string())
                .unwrap_or_default(),
        },
    };
    Ok(page.render()?)
}

/// `GET /staff/disclosure/{id}`.
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<Shown>,
) -> PageResult {
    Ok(
        Html(entry_page(&state, &user, id, q.saved.is_some(), String::new()).await?)
            .into_response(),
    )
}

/// Reads an upload on an entry's page; a broken upload re-renders the page with the reason.
async fn upload_on(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    mp: Multipart,
) -> Result<Result<Upload, Response>, AppError> {
    match read(mp).await {
        Ok(up) => {
            user.check_csrf(&up.get("csrf"))?;
            Ok(Ok(up))
        }
        Err(AppError::BadRequest(m)) => {
            Ok(Err(invalid(entry_page(state, user, id, false, m).await?)))
        }
        Err(e) => Err(e),
    }
}

/// The answer to a write on an entry: back to its page, or the page with the refusal.
async fn after(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    to: i64,
    done: Result<(), papi_app::Error>,
) -> PageResult {
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/staff/disclosure/{to}?saved=1")).into_response()),
        Err(papi_app::Error::Invalid(m)) => {
            Ok(invalid(entry_page(state, user, id, false, m).await?))
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /staff/disclosure/{id}/forms`: records a form (with its photo).
pub async fn add_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    mp: Multipart,
) -> PageResult {
    let mut up = match upload_on(&state, &user, id, mp).await? {
        Ok(u) => u,
        Err(r) => return Ok(r),
    };
    if let Some(why) = up.file_error.take() {
        return after(
            &state,
            &user,
            id,
            id,
            Err(papi_app::Error::Invalid(format!("Ảnh minh chứng: {why}"))),
        )
        .await;
    }
    let input = FormInput {
        kind: up.get("kind"),
        village_id: up.get("village_id"),
        url: up.get("url"),
        from: up.get("from"),
        until: up.get("until"),
        days: up.get("days"),
        note: up.get("note"),
        done_by: up.get("done_by"),
        photo: up.files.remove("photo"),
    };
    let done = svc::add_form(&state, &user.actor(), id, input)
        .await
        .map(|_| ());
    after(&state, &user, id, id, done).await
}

/// `POST /staff/disclosure/{id}/photos`: adds a photo of a posting.
pub async fn add_photo(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    mp: Multipart,
) -> PageResult {
    let mut up = match upload_on(&state, &user, id, mp).await? {
        Ok(u) => u,
        Err(r) => return Ok(r),
    };
    let done = match (up.file_error.take(), up.files.remove("photo")) {
        (Some(why), _) => Err(papi_app::Error::Invalid(format!("Ảnh minh chứng: {why}"))),
        (None, None) => Err(papi_app::Error::Invalid(
            "Ảnh minh chứng: chưa chọn tệp ảnh (JPG, PNG).".into(),
        )),
        (None, Some(photo)) => {
            let form_id = up.get("form_id").trim().parse::<i64>().ok();
            svc::add_photo(&state, &user.actor(), id, form_id, photo)
                .await
                .map(|_| ())
        }
    };
    after(&state, &user, id, id, done).await
}

/// `POST /staff/disclosure/{id}/redisclose`: a new version of a changed content.
pub async fn redisclose(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    mp: Multipart,
) -> PageResult {
    let mut up = match upload_on(&state, &user, id, mp).await? {
        Ok(u) => u,
        Err(r) => return Ok(r),
    };
    if let Some(why) = up.file_error.take() {
        return after(
            &state,
            &user,
            id,
            id,
            Err(papi_app::Error::Invalid(format!(
                "Văn bản công khai: {why}"
            ))),
        )
        .await;
    }
    let v = entry_values(&up);
    let input = entry_input(&v, &mut up);
    match svc::redisclose(&state, &user.actor(), id, input).await {
        Ok(new_id) => after(&state, &user, id, new_id, Ok(())).await,
        Err(e) => after(&state, &user, id, id, Err(e)).await,
    }
}

/// `POST /staff/disclosure/{id}/take-down`.
pub async fn take_down(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let done = svc::take_down(&state, &user.actor(), id, f.get("on")).await;
    after(&state, &user, id, id, done).await
}

/// A file as a download, its name kept (RFC 5987).
pub fn download(name: &str, content_type: &str, bytes: Vec<u8>) -> Response {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    (
        [
            (CONTENT_TYPE, content_type.to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// `GET /staff/disclosure/files/{id}`: a document or photo of the register.
pub async fn file(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> PageResult {
    let (meta, bytes) = svc::file(&state, &user.actor(), id).await?;
    Ok(download(&meta.original_name, &meta.content_type, bytes))
}

/// `GET /staff/disclosure/quarter/{year}/{quarter}`: the quarterly list (DOCX).
pub async fn quarter(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((year, quarter)): Path<(i32, u8)>,
) -> PageResult {
    let (name, bytes) =
        svc::documents::quarterly_list(&state, &user.actor(), year, quarter).await?;
    Ok(download(&name, DOCX, bytes))
}

/// `GET /staff/disclosure/annual/{year}`: the annual report to the council (DOCX).
pub async fn annual(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(year): Path<i32>,
) -> PageResult {
    let (name, bytes) = svc::documents::annual_report(&state, &user.actor(), year).await?;
    Ok(download(&name, DOCX, bytes))
}

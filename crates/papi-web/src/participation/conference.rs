//! Village conferences, the commune's dialogue conference and meetings with residents.
//!
//! `/staff/participation/conferences?year=` lists a year's conferences with what is still owed
//! (a village without its conference, a year without a dialogue) and records one;
//! `/staff/participation/conferences/{id}` shows one with the matters residents raised, each
//! of which can open a residents' feedback matter.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect};
use papi_app::participation::conference::{self as svc, ConferenceInput, ItemInput};
use papi_core::clock::format_date;
use papi_core::Action;

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::view::{form_page, Nav};
use crate::AppState;

#[derive(serde::Deserialize, Default)]
pub struct YearQuery {
    pub year: Option<String>,
    pub saved: Option<String>,
}

/// The year asked for: empty is this year; anything else that is not a year is refused.
pub(crate) fn year_of(q: &Option<String>) -> Result<Option<i32>, AppError> {
    match q.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(y) => y
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=2100).contains(y))
            .map(Some)
            .ok_or_else(|| AppError::BadRequest(format!("Năm: «{y}» không phải năm hợp lệ."))),
    }
}

pub struct ConfRow {
    pub id: i64,
    pub kind: &'static str,
    pub village: String,
    pub held_on: String,
    pub title: String,
    pub attendance: String,
}

pub struct DueRow {
    pub title: String,
    pub due: String,
    pub met: String,
}

#[derive(Template)]
#[template(path = "participation_conferences.html")]
struct ListPage {
    nav: Nav,
    year: i32,
    rows: Vec<ConfRow>,
    dues: Vec<DueRow>,
    no_dialogue: Vec<i32>,
    villages: Vec<(i64, String)>,
    can_record: bool,
    errors: Vec<String>,
    notes: Vec<String>,
    saved: bool,
    form: ConfForm,
}

#[derive(Default)]
pub struct ConfForm {
    pub kind: String,
    pub village_id: String,
    pub held_on: String,
    pub noticed_on: String,
    pub title: String,
    pub agenda: String,
    pub minutes: String,
    pub attendance: String,
    pub head_report: bool,
    pub front_report: bool,
    pub board_report: bool,
    pub sent_ubnd_on: String,
    pub sent_mttq_on: String,
}

fn yes(f: &FormPairs, key: &str) -> bool {
    matches!(f.get(key), "1" | "on" | "yes" | "true")
}

impl ConfForm {
    fn from_pairs(f: &FormPairs) -> ConfForm {
        ConfForm {
            kind: f.get("kind").into(),
            village_id: f.get("village_id").into(),
            held_on: f.get("held_on").into(),
            noticed_on: f.get("noticed_on").into(),
            title: f.get("title").into(),
            agenda: f.get("agenda").into(),
            minutes: f.get("minutes").into(),
            attendance: f.get("attendance").into(),
            head_report: yes(f, "head_report"),
            front_report: yes(f, "front_report"),
            board_report: yes(f, "board_report"),
            sent_ubnd_on: f.get("sent_ubnd_on").into(),
            sent_mttq_on: f.get("sent_mttq_on").into(),
        }
    }

    fn input(&self) -> ConferenceInput {
        ConferenceInput {
            kind: self.kind.clone(),
            village_id: self.village_id.clone(),
            held_on: self.held_on.clone(),
            noticed_on: self.noticed_on.clone(),
            title: self.title.clone(),
            agenda: self.agenda.clone(),
            minutes: self.minutes.clone(),
            attendance: self.attendance.clone(),
            head_report: self.head_report,
            front_report: self.front_report,
            board_report: self.board_report,
            sent_ubnd_on: self.sent_ubnd_on.clone(),
            sent_mttq_on: self.sent_mttq_on.clone(),
        }
    }
}

async fn list_page(
    state: &AppState,
    user: &CurrentUser,
    year: Option<i32>,
    errors: Vec<String>,
    notes: Vec<String>,
    saved: bool,
    form: ConfForm,
) -> Result<ListPage, AppError> {
    let v = svc::year_view(state, &user.actor(), year).await?;
    Ok(ListPage {
        nav: Nav::new(user, state, "participation"),
        year: v.year,
        rows: v
            .conferences
            .iter()
            .map(|(c, village)| ConfRow {
                id: c.id,
                kind: c.kind.label(),
                village: village.clone(),
                held_on: format_date(c.held_on),
                title: c.title.clone(),
                attendance: c.attendance.map(|n| n.to_string()).unwrap_or_default(),
            })
            .collect(),
        dues: v
            .obligations
            .iter()
            .map(|o| DueRow {
                title: o.title.clone(),
                due: format_date(o.due),
                met: o.met_on.map(format_date).unwrap_or_default(),
            })
            .collect(),
        no_dialogue: v.years_without_dialogue,
        villages: v.villages,
        can_record: user.actor().can(Action::ManageParticipation),
        errors,
        notes,
        saved,
        form,
    })
}

/// `GET /staff/participation/conferences`.
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<YearQuery>,
) -> PageResult {
    let year = year_of(&q.year)?;
    let p = list_page(
        &state,
        &user,
        year,
        vec![],
        vec![],
        q.saved.is_some(),
        ConfForm::default(),
    )
    .await?;
    Ok(Html(p.render()?).into_response())
}

/// `POST /staff/participation/conferences`: records a conference or meeting.
pub async fn create(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let form = ConfForm::from_pairs(&f);
    match svc::record(&state, &user.actor(), &user.audit_name(), form.input()).await {
        Ok((id, notes)) if notes.is_empty() => Ok(Redirect::to(&format!(
            "/staff/participation/conferences/{id}?saved=1"
        ))
        .into_response()),
        Ok((id, notes)) => {
            let p = conf_page(&state, &user, id, vec![], notes, true).await?;
            Ok(Html(p.render()?).into_response())
        }
        Err(papi_app::Error::Invalid(m)) => {
            let p = list_page(&state, &user, None, vec![m], vec![], false, form).await?;
            form_page(&p, true)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "participation_conference.html")]
struct ConfPage {
    nav: Nav,
    id: i64,
    kind: &'static str,
    village: String,
    held_on: String,
    noticed_on: String,
    title: String,
    agenda: String,
    minutes: String,
    attendance: String,
    reports: Vec<(&'static str, bool)>,
    sent_ubnd: String,
    sent_mttq: String,
    village_conference: bool,
    items: Vec<(String, String)>,
    warnings: Vec<String>,
    notes: Vec<String>,
    errors: Vec<String>,
    saved: bool,
    can_record: bool,
}

async fn conf_page(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    errors: Vec<String>,
    notes: Vec<String>,
    saved: bool,
) -> Result<ConfPage, AppError> {
    let v = svc::view(state, &user.actor(), id).await?;
    let c = &v.conference;
    Ok(ConfPage {
        nav: Nav::new(user, state, "participation"),
        id,
        kind: c.kind.label(),
        village: v.village.clone(),
        held_on: format_date(c.held_on),
        noticed_on: c.noticed_on.map(format_date).unwrap_or_default(),
        title: c.title.clone(),
        agenda: c.agenda.clone(),
        minutes: c.minutes.clone(),
        attendance: c.attendance.map(|n| n.to_string()).unwrap_or_default(),
        reports: vec![
            ("Báo cáo của Trưởng thôn", c.head_report),
            ("Báo cáo của Ban công tác Mặt trận", c.front_report),
            (
                "Báo cáo của thành viên Ban Thanh tra nhân dân",
                c.board_report,
            ),
        ],
        sent_ubnd: c.sent_ubnd_on.map(format_date).unwrap_or_default(),
        sent_mttq: c.sent_mttq_on.map(format_date).unwrap_or_default(),
        village_conference: c.kind == papi_core::participation::conference::ConferenceKind::Village,
        items: v
            .items
            .iter()
            .map(|i| (i.text.clone(), i.matter_code.clone()))
            .collect(),
        warnings: v.warnings.clone(),
        notes,
        errors,
        saved,
        can_record: user.actor().can(Action::ManageParticipation),
    })
}

/// `GET /staff/participation/conferences/{id}`.
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> PageResult {
    let p = conf_page(&state, &user, id, vec![], vec![], q.saved.is_some()).await?;
    Ok(Html(p.render()?).into_response())
}

/// `POST /staff/participation/conferences/{id}/items`: a matter residents raised.
pub async fn add_item(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let input = ItemInput {
        text: f.get("text").into(),
        open_matter: yes(&f, "open_matter"),
    };
    match svc::add_item(&state, &user.actor(), &user.audit_name(), id, input).await {
        Ok((_, code)) if code.is_empty() => Ok(Redirect::to(&format!(
            "/staff/participation/conferences/{id}?saved=1"
        ))
        .into_response()),
        Ok((_, code)) => {
            let note = format!("Đã mở vụ việc phản ánh, mã theo dõi {code}.");
            let p = conf_page(&state, &user, id, vec![], vec![note], true).await?;
            Ok(Html(p.render()?).into_response())
        }
        Err(papi_app::Error::Invalid(m)) => {
            let p = conf_page(&state, &user, id, vec![m], vec![], false).await?;
            form_page(&p, true)
        }
        Err(e) => Err(e.into()),
    }
}

//! Calendars out and in: each user's private iCalendar feed of the deadlines that concern them,
//! the public feed of holidays and the commune's public dates, and the admins' corrections of a
//! year's official schedule.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Redirect};
use chrono::Datelike;
use papi_calendar::schedule_text::{kind_label, to_lines};
use papi_core::agenda::{Obligation, ObligationKind};
use papi_core::clock::format_date;
use papi_core::{Action, Actor};
use papi_docs::ics::{self, Event};
use papi_store::{calendar as store, org};
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::view::Nav;
use crate::AppState;
use papi_app::plan::PlanData;

#[derive(Template)]
#[template(path = "calendar.html")]
struct FeedPage {
    nav: Nav,
    created: Option<String>,
    new_url: Option<String>,
    public_url: String,
}

async fn feed_page(state: &AppState, user: &CurrentUser, new_url: Option<String>) -> PageResult {
    user.require(Action::ViewStaffPages)?;
    let created = store::token_created(&state.store, user.user.id)
        .await?
        .map(|t| papi_core::clock::format_timestamp(&t));
    let commune = org::commune(&state.store, user.user.commune_id).await?;
    let page = FeedPage {
        nav: Nav::new(user, state, "calendar"),
        created,
        new_url,
        public_url: format!("/public/{}/calendar.ics", commune.gso_code),
    };
    Ok(Html(page.render()?).into_response())
}

pub async fn show(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    feed_page(&state, &user, None).await
}

/// Makes a new private feed URL (the old one stops working) and shows it once.
pub async fn new_token(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> PageResult {
    user.check_csrf(FormPairs::parse(&body)?.get("csrf"))?;
    let token = papi_app::calendar::new_feed_token(&state, &user.actor()).await?;
    let url = format!("{}/ical/{token}.ics", origin(&state, &headers));
    feed_page(&state, &user, Some(url)).await
}

/// The address the browser reached this server at (`https://` behind HTTPS), so that the
/// private link is shown whole, ready to copy into a calendar program.
pub(crate) fn origin(state: &AppState, headers: &axum::http::HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("127.0.0.1:8080");
    let scheme = if state.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

pub async fn revoke(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    user.check_csrf(FormPairs::parse(&body)?.get("csrf"))?;
    papi_app::calendar::revoke_feed_token(&state, &user.actor()).await?;
    Ok(Redirect::to("/staff/calendar").into_response())
}

fn ics_response(body: String) -> PageResult {
    Ok((
        [
            (CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (CACHE_CONTROL, "private, max-age=300"),
        ],
        body,
    )
        .into_response())
}

fn stamp() -> String {
    chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string()
}

/// The agenda's obligations as calendar events. Several units owing the same document on
/// the same day show once, so a feed of the whole commune is not repeated per unit.
fn events_of<'a>(data: &PlanData, obligations: impl Iterator<Item = &'a Obligation>) -> Vec<Event> {
    let mut seen = std::collections::HashSet::new();
    let mut events = Vec::new();
    for o in obligations {
        let day = o.due.format("%Y%m%d");
        let (uid, summary, description) = match o.kind {
            ObligationKind::Task => {
                let Some(t) = data.task(o.subject_id) else {
                    continue;
                };
                (
                    format!("task-{}-{day}@papi", o.subject_id),
                    format!("Hạn: {}", o.title),
                    format!(
                        "Chủ trì: {}\nSản phẩm: {}\nThời hạn: {}",
                        data.unit_name(t.task.lead_unit_id),
                        t.task.deliverable,
                        t.task.due.label()
                    ),
                )
            }
            ObligationKind::UnitPlan => (
                format!("unit-plan-{}@papi", o.subject_id),
                "Hạn ban hành kế hoạch của đơn vị".into(),
                format!(
                    "Theo Kế hoạch số {} ngày {}",
                    data.plan.number,
                    format_date(data.plan.issued_on)
                ),
            ),
            ObligationKind::UnitReport => (
                format!("report-{}-{day}@papi", data.plan.id),
                format!(
                    "Hạn gửi {} (kết quả thực hiện Kế hoạch PAPI)",
                    o.title.to_lowercase()
                ),
                period_note(data, o.subject_id),
            ),
            ObligationKind::CommuneReport => (
                format!("commune-report-{}-{day}@papi", o.subject_id),
                format!("Hạn gửi {}", o.title.to_lowercase()),
                period_note(data, o.subject_id),
            ),
            // The title holds only the tracking code and the step: never a name or content.
            ObligationKind::Matter => (
                format!("matter-{}-{day}@papi", o.subject_id),
                format!("Hạn: {}", o.title),
                "Vụ việc của người dân (xem trang Phản ánh, khiếu nại, tố cáo)".into(),
            ),
            ObligationKind::Disclosure => (
                format!("disclosure-{}-{day}@papi", o.subject_id),
                format!("Hạn: {}", o.title),
                "Công khai thông tin (xem Sổ công khai)".into(),
            ),
            ObligationKind::Participation => (
                format!("participation-{}-{day}@papi", o.subject_id),
                format!("Hạn: {}", o.title),
                "Dân chủ ở cơ sở (xem trang Người dân tham gia)".into(),
            ),
            // An unannounced check never reaches the feed of the unit it inspects before its
            // day: `inspection::obligations` leaves it out.
            ObligationKind::Inspection => (
                format!("inspection-{}-{day}@papi", o.subject_id),
                format!("Hạn: {}", o.title),
                "Kiểm tra, khắc phục (xem trang Kiểm tra)".into(),
            ),
        };
        if seen.insert(uid.clone()) {
            events.push(Event {
                uid,
                date: o.due,
                summary,
                description,
            });
        }
    }
    events
}

/// "Số liệu từ … đến …" of a reporting period.
fn period_note(data: &PlanData, period_id: i64) -> String {
    data.periods
        .iter()
        .find(|p| p.id == period_id)
        .map(|p| {
            format!(
                "Số liệu từ {} đến {}",
                format_date(p.from),
                format_date(p.to)
            )
        })
        .unwrap_or_default()
}

/// `/ical/{token}.ics`: the deadlines that concern the token's owner.
pub async fn user_feed(State(state): State<AppState>, Path(file): Path<String>) -> PageResult {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    let user_id = store::token_user(&state.store, token)
        .await?
        .ok_or(AppError::NotFound)?;
    let user = org::user(&state.store, user_id).await?;
    if !user.active {
        return Err(AppError::NotFound);
    }
    let actor = Actor {
        user_id: user.id,
        commune_id: user.commune_id,
        role: user.role,
        unit_id: user.unit_id,
    };
    let mut events = Vec::new();
    if let Some(data) = PlanData::load(&state, user.commune_id).await? {
        let agenda = papi_app::agenda::for_actor_with_matters(
            &state,
            Some(&data),
            &state.calendar(),
            &actor,
        )
        .await?;
        events = events_of(&data, agenda.iter());
    }
    ics_response(ics::render(
        &ics::Feed {
            name: &format!("papi — {}", user.full_name),
            events: &events,
        },
        &stamp(),
    ))
}

/// `/public/{gso}/calendar.ics`: days off for civil servants and the public tasks' deadlines.
pub async fn public_feed(State(state): State<AppState>, Path(gso): Path<String>) -> PageResult {
    let commune = org::communes(&state.store)
        .await?
        .into_iter()
        .find(|c| c.gso_code == gso)
        .ok_or(AppError::NotFound)?;
    let cal = state.calendar();
    let year = state.today().year();
    let mut events: Vec<Event> = (year - 1..=year + 1)
        .flat_map(|y| cal.holidays(y))
        .filter(|d| d.kind.is_off())
        .map(|d| Event {
            uid: format!("holiday-{}@papi", d.date.format("%Y%m%d")),
            date: d.date,
            summary: format!("Nghỉ: {}", d.name_vi),
            description: format!("{} — {}", kind_label(d.kind), d.source),
        })
        .collect();
    if let Some(data) = PlanData::load(&state, commune.id).await? {
        events.extend(events_of(
            &data,
            papi_app::agenda::public(&data, &cal).iter(),
        ));
    }
    ics_response(ics::render(
        &ics::Feed {
            name: &format!("UBND {}", commune.full_name()),
            events: &events,
        },
        &stamp(),
    ))
}

#[derive(Template)]
#[template(path = "admin_calendar.html")]
struct SchedulePage {
    nav: Nav,
    year: i32,
    provisional: bool,
    overridden: bool,
    source: String,
    days: Vec<(String, &'static str, String, String)>,
    lines: String,
    working_days: i64,
    errors: Vec<String>,
    saved: bool,
}

#[derive(Deserialize)]
pub struct YearQuery {
    year: Option<i32>,
    saved: Option<String>,
}

async fn schedule_page(
    state: &AppState,
    user: &CurrentUser,
    year: i32,
    lines: Option<String>,
    errors: Vec<String>,
    saved: bool,
) -> PageResult {
    user.require(Action::ManageOrganisation)?;
    let cal = state.calendar();
    let s = cal.schedule(year);
    let overridden = store::overrides(&state.store)
        .await?
        .iter()
        .any(|(y, _)| *y == year as i64);
    let first = chrono::NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| AppError::BadRequest("Năm không hợp lệ.".into()))?;
    let last = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(first);
    let page = SchedulePage {
        nav: Nav::new(user, state, "admin"),
        year,
        provisional: s.provisional,
        overridden,
        source: s.source.clone(),
        days: s
            .days
            .iter()
            .map(|d| {
                (
                    format_date(d.date),
                    kind_label(d.kind),
                    d.name_vi.clone(),
                    d.source.clone(),
                )
            })
            .collect(),
        lines: lines.unwrap_or_else(|| to_lines(&s)),
        working_days: cal.working_days_between(first.pred_opt().unwrap_or(first), last),
        errors,
        saved,
    };
    crate::view::form_page(&page, !page.errors.is_empty())
}

pub async fn schedule(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<YearQuery>,
) -> PageResult {
    let year = q
        .year
        .unwrap_or_else(|| state.today().year())
        .clamp(1995, 2100);
    schedule_page(&state, &user, year, None, vec![], q.saved.is_some()).await
}

/// Saves a corrected schedule for a year; it is audited and counts from the next request on.
pub async fn save_schedule(
    State(state): State<AppState>,
    user: CurrentUser,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let year: i32 = f
        .get("year")
        .parse()
        .map_err(|_| AppError::BadRequest("Năm không hợp lệ.".into()))?;
    let lines = f.get("lines");
    let actor = user.actor();
    let name = user.audit_name();
    let done =
        papi_app::calendar::correct_year(&state, &actor, &name, year, f.get("source"), lines);
    if let Err(errors) = done.await? {
        return schedule_page(&state, &user, year, Some(lines.to_string()), errors, false).await;
    }
    Ok(Redirect::to(&format!("/staff/admin/calendar?year={year}&saved=1")).into_response())
}

pub async fn reset_schedule(
    State(state): State<AppState>,
    user: CurrentUser,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let year: i32 = f
        .get("year")
        .parse()
        .map_err(|_| AppError::BadRequest("Năm không hợp lệ.".into()))?;
    papi_app::calendar::reset_year(&state, &user.actor(), &user.audit_name(), year).await?;
    Ok(Redirect::to(&format!("/staff/admin/calendar?year={year}&saved=1")).into_response())
}

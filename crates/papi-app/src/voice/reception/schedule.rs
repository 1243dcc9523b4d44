//! The chairman's reception schedule: sessions added, posted, held, postponed (with the new
//! date announced) and, online, recorded; and what the law's frequency and posting rules flag
//! over a period (papi-core `voice::reception::compliance`).

use chrono::{Datelike, NaiveDate};
use papi_core::clock::format_date;
use papi_core::voice::reception::{compliance as flags_of, latest_posting, Flag, Session};
use papi_core::Actor;

use super::{allowed, parse_day, required_day};
use crate::error::{Error, Result};
use crate::App;

/// The rule that fixes the posting date, for display beside it.
const POSTING_RULE: &str = "TCD-SCHEDULE-POST";

/// One session as the schedule shows it.
#[derive(Debug, Clone)]
pub struct SessionView {
    pub session: Session,
    /// The latest day its schedule may be posted, `None` when the rule cannot be computed.
    pub latest_posting: Option<NaiveDate>,
    /// The rule's source and status (`Luật Tiếp công dân 2013 …, Điều 24 khoản 4 — OK`).
    pub posting_rule: String,
    /// Posted after `latest_posting`, or not posted while the date has passed.
    pub posting_late: bool,
}

/// The schedule over a period and what it breaks.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub sessions: Vec<SessionView>,
    pub flags: Vec<Flag>,
}

fn rule_label(on: NaiveDate) -> String {
    match papi_calendar::rules::rule(POSTING_RULE, on) {
        Ok(r) => format!("{} — {}", r.source, r.status),
        Err(e) => e.to_string(),
    }
}

/// The first day of the week or month (as `TCD-FREQ` in force on `today` counts) that
/// `today` falls in: the frequency of a period still running is not judged.
fn current_period_start(today: NaiveDate) -> NaiveDate {
    match papi_calendar::rules::rule("TCD-FREQ", today).map(|r| r.unit) {
        Ok(papi_calendar::LimitUnit::PerWeek) => {
            today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()))
        }
        _ => today.with_day(1).unwrap_or(today),
    }
}

/// The schedule of the current year.
pub async fn schedule(app: &App, actor: &Actor) -> Result<Schedule> {
    let y = app.today().year();
    let from = NaiveDate::from_ymd_opt(y, 1, 1).expect("1 January");
    let to = NaiveDate::from_ymd_opt(y, 12, 31).expect("31 December");
    compliance(app, actor, from, to).await
}

/// The sessions dated in `[from, to]`, with their posting dates, and the flags of the
/// period. Frequency is judged only up to today: a month not yet over is not "missed".
pub async fn compliance(
    app: &App,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Schedule> {
    allowed(actor)?;
    if to < from {
        return Err(Error::Invalid("Ngày cuối kỳ phải sau ngày đầu kỳ.".into()));
    }
    let cal = app.calendar();
    let all = papi_store::voice::reception::sessions(&app.store, actor.commune_id).await?;
    let today = app.today();
    let judged_to = to.min(current_period_start(today) - chrono::Duration::days(1));
    let mut flags = if judged_to >= from {
        flags_of(&cal, &all, from, judged_to)
    } else {
        Vec::new()
    };
    // Sessions of the current period and later: their frequency is not judged yet, but their
    // posting is (a late or missing posting shows while it can still be put right).
    for s in all.iter().filter(|s| s.date > judged_to && s.date <= to) {
        if let Ok(latest) = latest_posting(&cal, s.date) {
            match s.posted_on {
                Some(p) if p > latest => flags.push(Flag {
                    date: s.date,
                    message: format!(
                        "Lịch tiếp ngày {} niêm yết ngày {}, muộn hơn hạn {} (ít nhất 05 ngày làm \
                         việc trước, Luật Tiếp công dân Điều 24 khoản 4).",
                        format_date(s.date),
                        format_date(p),
                        format_date(latest)
                    ),
                }),
                None if today > latest => flags.push(Flag {
                    date: s.date,
                    message: format!(
                        "Lịch tiếp ngày {} chưa được niêm yết; hạn niêm yết {} đã qua.",
                        format_date(s.date),
                        format_date(latest)
                    ),
                }),
                _ => {}
            }
        }
        if s.postponed_to.is_some() && s.postponement_announced_on.is_none() {
            flags.push(Flag {
                date: s.date,
                message: format!(
                    "Buổi tiếp ngày {} đã hoãn nhưng chưa thông báo lịch mới.",
                    format_date(s.date)
                ),
            });
        }
        if s.online && s.held && s.recording.trim().is_empty() {
            flags.push(Flag {
                date: s.date,
                message: format!(
                    "Buổi tiếp trực tuyến ngày {} chưa lưu bản ghi hình, ghi âm (Luật Tiếp công \
                     dân Điều 3a).",
                    format_date(s.date)
                ),
            });
        }
    }
    flags.sort_by_key(|f| f.date);
    let sessions = all
        .into_iter()
        .filter(|s| s.date >= from && s.date <= to)
        .map(|s| {
            let latest = latest_posting(&cal, s.date).ok();
            let posting_late = match (s.posted_on, latest) {
                (Some(p), Some(l)) => p > l,
                (None, Some(l)) => today > l,
                _ => false,
            };
            SessionView {
                posting_rule: rule_label(s.date),
                latest_posting: latest,
                posting_late,
                session: s,
            }
        })
        .collect();
    Ok(Schedule {
        from,
        to,
        sessions,
        flags,
    })
}

fn check_posted(posted: Option<NaiveDate>, date: NaiveDate, today: NaiveDate) -> Result<()> {
    if let Some(p) = posted {
        if p > today {
            return Err(Error::Invalid(
                "Ngày niêm yết không được sau ngày hôm nay.".into(),
            ));
        }
        if p > date {
            return Err(Error::Invalid(format!(
                "Ngày niêm yết {} sau ngày tiếp {}: lịch phải niêm yết trước buổi tiếp.",
                format_date(p),
                format_date(date)
            )));
        }
    }
    Ok(())
}

fn host_of(host: &str) -> Result<String> {
    let host = host.trim();
    papi_core::text::limits::check("Người chủ trì", host, papi_core::text::limits::NAME)
        .map_err(Error::Invalid)?;
    Ok(if host.is_empty() {
        "Chủ tịch UBND xã".to_string()
    } else {
        host.to_string()
    })
}

/// Adds a session to the schedule. `date` and `posted_on` are typed `dd/mm/yyyy`;
/// `posted_on` may be empty (not posted yet).
pub async fn add_session(
    app: &App,
    actor: &Actor,
    by: &str,
    date: &str,
    host: &str,
    online: bool,
    posted_on: &str,
) -> Result<i64> {
    allowed(actor)?;
    let date = required_day("Ngày tiếp", date)?;
    let posted_on = parse_day("Ngày niêm yết lịch", posted_on)?;
    check_posted(posted_on, date, app.today())?;
    let session = Session {
        id: 0,
        date,
        posted_on,
        held: false,
        online,
        recording: String::new(),
        postponed_to: None,
        postponement_announced_on: None,
        host: host_of(host)?,
    };
    save(app, by, actor.commune_id, &session).await
}

async fn save(app: &App, by: &str, commune_id: i64, s: &Session) -> Result<i64> {
    let mut w = app.store.begin_write().await?;
    let id = papi_store::voice::reception::save_session(&mut w, by, commune_id, s).await?;
    w.commit().await?;
    Ok(id)
}

/// What an official records about a session; dates typed `dd/mm/yyyy`.
#[derive(Debug, Clone)]
pub enum SessionUpdate {
    /// The schedule was posted at the office and on the portal on this day.
    Posted { on: String },
    /// The session took place; an online one needs its recording's reference.
    Held { recording: String },
    /// Moved to a new date, announced (or not yet) on `announced_on`. The new date becomes a
    /// session of its own, so it is posted, held and counted like any other.
    Postponed { to: String, announced_on: String },
    /// The postponement was announced on this day.
    Announced { on: String },
    /// The reference of an online session's recording (file name, archive number).
    Recording { reference: String },
}

/// Records a step of a session. Returns the id of the session created by a postponement.
pub async fn update_session(
    app: &App,
    actor: &Actor,
    by: &str,
    id: i64,
    update: SessionUpdate,
) -> Result<Option<i64>> {
    allowed(actor)?;
    let mut s = papi_store::voice::reception::session(&app.store, actor.commune_id, id).await?;
    let today = app.today();
    let day = format_date(s.date);
    let mut new_session = None;
    match update {
        SessionUpdate::Posted { on } => {
            let on = required_day("Ngày niêm yết lịch", &on)?;
            check_posted(Some(on), s.date, today)?;
            s.posted_on = Some(on);
        }
        SessionUpdate::Held { recording } => {
            if s.date > today {
                return Err(Error::Invalid(format!(
                    "Buổi tiếp ngày {day} chưa diễn ra: chưa thể ghi nhận đã tiếp."
                )));
            }
            if let Some(to) = s.postponed_to {
                return Err(Error::Invalid(format!(
                    "Buổi tiếp ngày {day} đã hoãn sang ngày {}: ghi nhận tại buổi tiếp đó.",
                    format_date(to)
                )));
            }
            let recording = recording.trim();
            if !recording.is_empty() {
                s.recording = recording.to_string();
            }
            if s.online && s.recording.trim().is_empty() {
                return Err(Error::Invalid(format!(
                    "Buổi tiếp ngày {day} là tiếp trực tuyến: nhập số hiệu bản ghi hình, ghi âm \
                     đã lưu trữ (Luật Tiếp công dân Điều 3a) trước khi ghi nhận đã tiếp."
                )));
            }
            s.held = true;
        }
        SessionUpdate::Postponed { to, announced_on } => {
            if s.held {
                return Err(Error::Invalid(format!(
                    "Buổi tiếp ngày {day} đã diễn ra, không thể hoãn."
                )));
            }
            if s.postponed_to.is_some() {
                return Err(Error::Invalid(format!("Buổi tiếp ngày {day} đã hoãn rồi.")));
            }
            let to = required_day("Ngày tiếp mới", &to)?;
            if to <= s.date {
                return Err(Error::Invalid(format!(
                    "Ngày tiếp mới {} phải sau ngày {day}.",
                    format_date(to)
                )));
            }
            let announced = parse_day("Ngày thông báo hoãn", &announced_on)?;
            if announced.is_some_and(|a| a > today) {
                return Err(Error::Invalid(
                    "Ngày thông báo hoãn không được sau ngày hôm nay.".into(),
                ));
            }
            s.postponed_to = Some(to);
            s.postponement_announced_on = announced;
            new_session = Some(Session {
                id: 0,
                date: to,
                // The announcement of the new date is its posting.
                posted_on: announced,
                held: false,
                online: s.online,
                recording: String::new(),
                postponed_to: None,
                postponement_announced_on: None,
                host: s.host.clone(),
            });
        }
        SessionUpdate::Announced { on } => {
            let Some(to) = s.postponed_to else {
                return Err(Error::Invalid(format!("Buổi tiếp ngày {day} chưa hoãn.")));
            };
            let on = required_day("Ngày thông báo hoãn", &on)?;
            if on > today {
                return Err(Error::Invalid(
                    "Ngày thông báo hoãn không được sau ngày hôm nay.".into(),
                ));
            }
            if on > to {
                return Err(Error::Invalid(format!(
                    "Ngày thông báo {} sau ngày tiếp mới {}.",
                    format_date(on),
                    format_date(to)
                )));
            }
            s.postponement_announced_on = Some(on);
        }
        SessionUpdate::Recording { reference } => {
            if !s.online {
                return Err(Error::Invalid(format!(
                    "Buổi tiếp ngày {day} không phải tiếp trực tuyến."
                )));
            }
            let reference = reference.trim();
            if reference.is_empty() {
                return Err(Error::Invalid(
                    "Nhập số hiệu hoặc tên tệp bản ghi hình, ghi âm.".into(),
                ));
            }
            papi_core::text::limits::check("Bản ghi", reference, papi_core::text::limits::TITLE)
                .map_err(Error::Invalid)?;
            s.recording = reference.to_string();
        }
    }
    let mut w = app.store.begin_write().await?;
    papi_store::voice::reception::save_session(&mut w, by, actor.commune_id, &s).await?;
    let created = match &new_session {
        Some(n) => {
            Some(papi_store::voice::reception::save_session(&mut w, by, actor.commune_id, n).await?)
        }
        None => None,
    };
    w.commit().await?;
    Ok(created)
}

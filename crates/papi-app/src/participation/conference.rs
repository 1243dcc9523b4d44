//! Village conferences, the commune's dialogue conference and meetings with residents.
//!
//! Recorded by those who convene them (`Action::ManageParticipation`): the chairman and the
//! office for the commune, the Front, and a village head for their own village only. A matter
//! residents raise can open a residents' feedback matter in the same transaction, so the item
//! and its tracking code are written together or not at all.

use chrono::Datelike;
use papi_core::agenda::Obligation;
use papi_core::participation::conference::{self as rules, Conference, ConferenceKind, RaisedItem};
use papi_core::text::limits;
use papi_core::voice::intake::IntakeForm;
use papi_core::voice::{Channel, MatterKind};
use papi_core::{Action, Actor, Role};

use crate::error::{Error, Result};
use crate::participation::board::villages;
use crate::voice::reception::{parse_day, required_day};
use crate::App;

/// The village a village head works for; `None` for other roles.
async fn own_village(app: &App, actor: &Actor) -> Result<Option<Option<i64>>> {
    if actor.role != Role::VillageHead {
        return Ok(None);
    }
    let u = papi_store::org::user(&app.store, actor.user_id).await?;
    Ok(Some(u.village_id))
}

/// Whether `actor` may record for `village_id` (a commune-wide event has none): village heads
/// only in their own village.
pub(crate) async fn may_record_for(
    app: &App,
    actor: &Actor,
    village_id: Option<i64>,
) -> Result<()> {
    if !actor.can(Action::ManageParticipation) {
        return Err(Error::Forbidden);
    }
    match own_village(app, actor).await? {
        Some(own) if own.is_none() || own != village_id => Err(Error::Forbidden),
        _ => Ok(()),
    }
}

/// A conference or meeting as typed.
#[derive(Debug, Clone, Default)]
pub struct ConferenceInput {
    /// `village`, `dialogue` or `meeting`.
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

/// Records a conference; returns its id and the warnings of what the law asks and the record
/// lacks (a late notice, a missing report, a result not sent).
pub async fn record(
    app: &App,
    actor: &Actor,
    by: &str,
    input: ConferenceInput,
) -> Result<(i64, Vec<String>)> {
    if !actor.can(Action::ManageParticipation) {
        return Err(Error::Forbidden);
    }
    let kind = ConferenceKind::parse(&input.kind).ok_or_else(|| {
        Error::Invalid("Loại: chọn hội nghị thôn, hội nghị đối thoại hoặc cuộc họp.".into())
    })?;
    let villages = villages(app, actor.commune_id).await?;
    let v = input.village_id.trim();
    let village_id = if v.is_empty() {
        None
    } else {
        let id = v.parse::<i64>().ok();
        if !villages.iter().any(|(x, _)| Some(*x) == id) {
            return Err(Error::Invalid(format!(
                "Thôn: «{v}» không phải thôn của xã."
            )));
        }
        id
    };
    let attendance = match input.attendance.trim() {
        "" => None,
        a => Some(
            a.parse::<u32>()
                .map_err(|_| Error::Invalid(format!("Số người dự: «{a}» không phải một số.")))?,
        ),
    };
    for (label, t, max) in [
        ("Tên hội nghị, cuộc họp", &input.title, limits::TITLE),
        ("Chương trình", &input.agenda, limits::TEXT),
        ("Biên bản", &input.minutes, limits::TEXT),
    ] {
        limits::check(label, t, max).map_err(Error::Invalid)?;
    }
    let c = Conference {
        id: 0,
        commune_id: actor.commune_id,
        kind,
        village_id,
        held_on: required_day("Ngày họp", &input.held_on)?,
        noticed_on: parse_day("Ngày thông báo", &input.noticed_on)?,
        title: input.title.trim().to_string(),
        agenda: input.agenda.trim().to_string(),
        minutes: input.minutes.trim().to_string(),
        attendance,
        head_report: input.head_report,
        front_report: input.front_report,
        board_report: input.board_report,
        sent_ubnd_on: parse_day("Ngày gửi kết quả cho UBND xã", &input.sent_ubnd_on)?,
        sent_mttq_on: parse_day("Ngày gửi kết quả cho Ủy ban MTTQ xã", &input.sent_mttq_on)?,
    };
    let warnings = rules::check(&c, &app.calendar(), app.today()).map_err(Error::Invalid)?;
    may_record_for(app, actor, c.village_id).await?;
    let mut w = app.store.begin_write().await?;
    let id = papi_store::participation::conference::insert(&mut w, by, &c).await?;
    w.commit().await?;
    Ok((id, warnings))
}

/// The conferences page of a year.
#[derive(Debug, Clone)]
pub struct YearView {
    pub year: i32,
    /// The year's conferences, with their village's name.
    pub conferences: Vec<(Conference, String)>,
    /// The year's village conferences and the dialogue, met or open.
    pub obligations: Vec<Obligation>,
    /// Years from the first one on record to this one without a dialogue conference.
    pub years_without_dialogue: Vec<i32>,
    pub villages: Vec<(i64, String)>,
}

fn village_name(villages: &[(i64, String)], id: Option<i64>) -> String {
    id.and_then(|id| villages.iter().find(|(v, _)| *v == id))
        .map(|(_, n)| n.clone())
        .unwrap_or_default()
}

/// The conferences of `year` (this year when `None`) and the year's obligations.
pub async fn year_view(app: &App, actor: &Actor, year: Option<i32>) -> Result<YearView> {
    if !actor.can(Action::ViewStaffPages) {
        return Err(Error::Forbidden);
    }
    let year = year.unwrap_or(app.today().year());
    let all = papi_store::participation::conference::list(&app.store, actor.commune_id).await?;
    let villages = villages(app, actor.commune_id).await?;
    let first = all
        .iter()
        .map(|c| c.held_on.year())
        .min()
        .unwrap_or(year)
        .min(year);
    let last_closed = app.today().year() - 1;
    Ok(YearView {
        year,
        obligations: rules::obligations(year, &villages, &all),
        years_without_dialogue: rules::years_without_dialogue(
            &all,
            first,
            last_closed.max(first - 1),
        ),
        conferences: all
            .into_iter()
            .filter(|c| c.held_on.year() == year)
            .map(|c| {
                let n = village_name(&villages, c.village_id);
                (c, n)
            })
            .collect(),
        villages,
    })
}

/// One conference with its village, what was raised and the warnings of its record.
#[derive(Debug, Clone)]
pub struct ConferenceView {
    pub conference: Conference,
    pub village: String,
    pub items: Vec<RaisedItem>,
    pub warnings: Vec<String>,
}

pub async fn view(app: &App, actor: &Actor, id: i64) -> Result<ConferenceView> {
    if !actor.can(Action::ViewStaffPages) {
        return Err(Error::Forbidden);
    }
    let c = papi_store::participation::conference::get(&app.store, actor.commune_id, id).await?;
    let villages = villages(app, actor.commune_id).await?;
    Ok(ConferenceView {
        village: village_name(&villages, c.village_id),
        items: papi_store::participation::conference::items(&app.store, actor.commune_id, id)
            .await?,
        warnings: rules::check(&c, &app.calendar(), app.today()).unwrap_or_default(),
        conference: c,
    })
}

/// A matter raised at a meeting, as typed.
#[derive(Debug, Clone, Default)]
pub struct ItemInput {
    pub text: String,
    /// Open a residents' feedback matter for it.
    pub open_matter: bool,
}

/// Records a matter residents raised; with `open_matter`, opens a feedback matter for it in
/// the same transaction. Returns the item's id and the new tracking code (empty without one).
pub async fn add_item(
    app: &App,
    actor: &Actor,
    by: &str,
    conference_id: i64,
    input: ItemInput,
) -> Result<(i64, String)> {
    let c = papi_store::participation::conference::get(&app.store, actor.commune_id, conference_id)
        .await?;
    may_record_for(app, actor, c.village_id).await?;
    let text = input.text.trim().to_string();
    if text.is_empty() {
        return Err(Error::Invalid(
            "Ý kiến, kiến nghị của người dân: chưa nhập.".into(),
        ));
    }
    limits::check("Ý kiến, kiến nghị của người dân", &text, limits::TEXT)
        .map_err(Error::Invalid)?;
    let ready = if input.open_matter {
        if !actor.can(Action::WorkOnMatters) {
            return Err(Error::Invalid(
                "Mở vụ việc: tài khoản của bạn không tiếp nhận phản ánh, kiến nghị; hãy ghi ý \
                 kiến rồi chuyển cho Văn phòng tiếp nhận."
                    .into(),
            ));
        }
        let title: String = text.chars().take(120).collect();
        let form = IntakeForm {
            kind: Some(MatterKind::Feedback),
            channel: Some(Channel::VillageHead),
            received_on: Some(c.held_on.min(app.today())),
            title,
            content: format!(
                "Ý kiến nêu tại «{}» ngày {}: {text}",
                c.title,
                papi_core::clock::format_date(c.held_on)
            ),
            village_id: c.village_id,
            ..Default::default()
        };
        let intake = crate::voice::intake::Intake {
            form,
            ..Default::default()
        };
        Some(crate::voice::intake::prepare_official(app, actor, intake).await?)
    } else {
        None
    };
    let mut w = app.store.begin_write().await?;
    let code = match ready {
        Some(r) => {
            crate::voice::intake::receive_in(app, &mut w, by, r)
                .await?
                .code
        }
        None => String::new(),
    };
    let item = RaisedItem {
        id: 0,
        conference_id,
        text,
        matter_code: code.clone(),
    };
    let id = papi_store::participation::conference::add_item(&mut w, by, actor.commune_id, &item)
        .await?;
    w.commit().await?;
    Ok((id, code))
}

/// The annual village conferences of the commune for the public page: (village, held on).
pub async fn public_conferences(app: &App, commune_id: i64) -> Result<Vec<(Conference, String)>> {
    let all = papi_store::participation::conference::list(&app.store, commune_id).await?;
    let villages = villages(app, commune_id).await?;
    Ok(all
        .into_iter()
        .filter(|c| c.kind != ConferenceKind::Meeting)
        .map(|c| {
            let n = village_name(&villages, c.village_id);
            (c, n)
        })
        .collect())
}

/// What falls due in this process that `actor` may see (merged into the agenda by
/// `agenda::process_obligations`): this year's village conferences and dialogue conference.
pub async fn obligations(
    app: &crate::App,
    actor: &papi_core::Actor,
) -> crate::error::Result<Vec<papi_core::agenda::Obligation>> {
    if !actor.can(Action::ViewStaffPages) {
        return Ok(Vec::new());
    }
    let cid = actor.commune_id;
    let villages = villages(app, cid).await?;
    let all = papi_store::participation::conference::list(&app.store, cid).await?;
    Ok(rules::obligations(app.today().year(), &villages, &all))
}

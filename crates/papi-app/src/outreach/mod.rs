//! Outreach (tuyên truyền): the log of communication work.
//!
//! Anyone who does outreach logs it (`Action::LogOutreach`); a village head only for their own
//! villages. A loudspeaker entry may name the disclosure it broadcast; its days then count as
//! that disclosure's radio evidence ([`loudspeaker_days`]).

use chrono::{Datelike, NaiveDate};
use papi_core::outreach::{self as rules, Channel, CoverageRow, Entry, Topic};
use papi_core::text::limits;
use papi_core::{Action, Actor, Role};
use papi_store::outreach::EvidenceFile;

use crate::error::{Error, Result};
use crate::voice::reception::parse_day;
use crate::App;

/// An entry as typed in the form (or sent to the API).
#[derive(Debug, Clone, Default)]
pub struct EntryInput {
    pub channel: String,
    /// `dim:N`, `democracy`, `complaints` or `other`.
    pub topic: String,
    /// The topic's text when `other`.
    pub topic_text: String,
    pub title: String,
    /// The villages' ids as the checkboxes send them.
    pub village_ids: Vec<String>,
    /// Days as typed, separated by commas or spaces.
    pub dates: String,
    pub reach: String,
    pub by: String,
    /// The linked disclosure's id, empty for none.
    pub disclosure_id: String,
}

fn parse_dates(text: &str) -> Result<Vec<NaiveDate>> {
    let mut out = Vec::new();
    for part in text
        .split([',', ';', ' ', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if let Some(d) = parse_day("Ngày thực hiện", part)? {
            out.push(d);
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Records an entry with its evidence file; errors name the field.
pub async fn log(
    app: &App,
    actor: &Actor,
    by: &str,
    input: EntryInput,
    file: Option<EvidenceFile>,
) -> Result<i64> {
    if !actor.can(Action::LogOutreach) {
        return Err(Error::Forbidden);
    }
    let cid = actor.commune_id;
    let channel = Channel::parse(&input.channel)
        .ok_or_else(|| Error::Invalid("Hình thức: chưa chọn hình thức tuyên truyền.".into()))?;
    let topic = Topic::parse(&input.topic, &input.topic_text).map_err(Error::Invalid)?;
    let villages = crate::participation::board::villages(app, cid).await?;
    let mut village_ids = Vec::new();
    for v in input
        .village_ids
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
    {
        let id = v
            .parse::<i64>()
            .ok()
            .filter(|id| villages.iter().any(|(x, _)| x == id));
        match id {
            Some(id) if !village_ids.contains(&id) => village_ids.push(id),
            Some(_) => {}
            None => {
                return Err(Error::Invalid(format!(
                    "Thôn: «{v}» không phải thôn của xã."
                )))
            }
        }
    }
    let reach = match input.reach.trim() {
        "" => None,
        r => Some(r.parse::<u32>().map_err(|_| {
            Error::Invalid(format!(
                "Số người được tiếp cận (ước tính): «{r}» không phải một số."
            ))
        })?),
    };
    let disclosure = input.disclosure_id.trim();
    let disclosure_id = if disclosure.is_empty() {
        None
    } else {
        Some(disclosure.parse::<i64>().map_err(|_| {
            Error::Invalid(format!("Nội dung công khai: «{disclosure}» không hợp lệ."))
        })?)
    };
    for (label, t, max) in [
        ("Nội dung", &input.title, limits::TITLE),
        ("Người thực hiện", &input.by, limits::NAME),
        ("Chủ đề khác", &input.topic_text, limits::TITLE),
    ] {
        limits::check(label, t, max).map_err(Error::Invalid)?;
    }
    let e = Entry {
        id: 0,
        commune_id: cid,
        channel,
        topic,
        title: input.title.trim().to_string(),
        village_ids,
        dates: parse_dates(&input.dates)?,
        reach,
        by: input.by.trim().to_string(),
        disclosure_id,
        evidence_name: file.as_ref().map(|f| f.name.clone()).unwrap_or_default(),
    };
    rules::check(&e, app.today()).map_err(Error::Invalid)?;
    if actor.role == Role::VillageHead {
        let own = papi_store::org::user(&app.store, actor.user_id)
            .await?
            .village_id;
        if e.village_ids.iter().any(|v| Some(*v) != own) {
            return Err(Error::Forbidden);
        }
    }
    let mut w = app.store.begin_write().await?;
    let id = papi_store::outreach::insert(&mut w, by, &e, file.as_ref()).await?;
    w.commit().await?;
    Ok(id)
}

/// The outreach page: the year's log, its coverage by village, and the villages left out.
#[derive(Debug, Clone)]
pub struct LogView {
    pub year: i32,
    pub entries: Vec<Entry>,
    pub coverage: Vec<CoverageRow>,
    pub villages: Vec<(i64, String)>,
}

impl LogView {
    /// The villages with no outreach in the year.
    pub fn gaps(&self) -> Vec<&str> {
        self.coverage
            .iter()
            .filter(|r| r.is_gap())
            .map(|r| r.village.as_str())
            .collect()
    }
}

/// The log of `year` (this year when `None`) with its coverage.
pub async fn year_log(app: &App, actor: &Actor, year: Option<i32>) -> Result<LogView> {
    if !actor.can(Action::ViewStaffPages) {
        return Err(Error::Forbidden);
    }
    let year = year.unwrap_or(app.today().year());
    if !(2000..=2100).contains(&year) {
        return Err(Error::Invalid(format!(
            "Năm: {year} nằm ngoài khoảng 2000–2100."
        )));
    }
    let cid = actor.commune_id;
    let entries = papi_store::outreach::list(&app.store, cid, Some(year)).await?;
    let villages = crate::participation::board::villages(app, cid).await?;
    Ok(LogView {
        year,
        coverage: rules::coverage(&entries, &villages, year),
        entries,
        villages,
    })
}

/// The evidence file of an entry of the actor's commune.
pub async fn evidence(app: &App, actor: &Actor, entry_id: i64) -> Result<EvidenceFile> {
    if !actor.can(Action::ViewStaffPages) {
        return Err(Error::Forbidden);
    }
    Ok(papi_store::outreach::evidence(&app.store, actor.commune_id, entry_id).await?)
}

/// The loudspeaker days logged as outreach for a disclosure (they count as its radio form,
/// Đ.13 k.3), sorted.
pub async fn loudspeaker_days(
    app: &crate::App,
    commune_id: i64,
    disclosure_id: i64,
) -> crate::error::Result<Vec<chrono::NaiveDate>> {
    let entries =
        papi_store::outreach::for_disclosure(&app.store, commune_id, disclosure_id).await?;
    Ok(rules::loudspeaker_days(&entries, disclosure_id))
}

/// The loudspeaker days of every disclosure that has some, by disclosure id: one query for
/// the whole register instead of one per entry.
pub async fn loudspeaker_days_by_disclosure(
    app: &crate::App,
    commune_id: i64,
) -> crate::error::Result<std::collections::HashMap<i64, Vec<chrono::NaiveDate>>> {
    let entries = papi_store::outreach::linked_to_disclosures(&app.store, commune_id).await?;
    let ids: std::collections::BTreeSet<i64> =
        entries.iter().filter_map(|e| e.disclosure_id).collect();
    Ok(ids
        .into_iter()
        .map(|id| (id, rules::loudspeaker_days(&entries, id)))
        .collect())
}

/// The disclosures a loudspeaker entry may name, for the form's select.
pub async fn disclosure_choices(app: &App, actor: &Actor) -> Result<Vec<(i64, String)>> {
    crate::disclosure::link::choices(app, actor.commune_id).await
}

/// Every channel, for the form.
pub fn channels() -> Vec<(&'static str, &'static str)> {
    Channel::ALL.iter().map(|c| (c.code(), c.label())).collect()
}

/// Every topic choice, for the form: the eight dimensions, the two laws, and "other".
pub fn topics() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = papi_core::Dimension::all()
        .map(|d| {
            let t = Topic::Dimension(d);
            (t.code(), t.label())
        })
        .collect();
    out.push((Topic::DemocracyLaw.code(), Topic::DemocracyLaw.label()));
    out.push((Topic::ComplaintsLaw.code(), Topic::ComplaintsLaw.label()));
    out.push(("other".into(), "Chủ đề khác (ghi rõ)".into()));
    out
}

/// The year an entry's first day falls in (the log's filter).
pub fn entry_year(e: &Entry) -> Option<i32> {
    e.first_date().map(|d| d.year())
}

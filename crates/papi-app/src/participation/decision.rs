//! What residents decide (bàn và quyết định, Đ.15–22): proposals, forms, notices, votes
//! and the thresholds.
//!
//! A decision is recorded with its tallies in one step: papi-core checks the procedure and
//! computes the outcome; the office may not record "passed" below the threshold. Afterwards
//! only the days the record was sent and recognised are added. The public page of the whole
//! participation process is in [`public`].

pub mod public;

use chrono::NaiveDate;
use papi_core::participation::decision::{
    self as rules, check_claim, Decision, Form, Proposer, Subject, Tally,
};
use papi_core::{Action, Actor};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::voice::reception::parse_day;
use crate::App;

/// Writes need ManageParticipation, reads the staff pages; checked here too because the CLI
/// and the demo reach these functions without the web's route guard.
pub(crate) fn allowed(actor: &Actor, action: Action) -> Result<()> {
    if actor.can(action) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// One village's count as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TallyInput {
    pub village_id: i64,
    pub total_households: i64,
    #[serde(default)]
    pub present: i64,
    #[serde(default)]
    pub votes_for: i64,
    #[serde(default)]
    pub votes_against: i64,
    #[serde(default)]
    pub abstain: i64,
    #[serde(default)]
    pub online_agreed: i64,
}

/// A decision as the form or the API sends it; dates `dd/mm/yyyy` (or ISO), codes as
/// papi-core names them.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DecisionInput {
    pub title: String,
    pub subject: String,
    /// `None`: commune-wide, one tally per village.
    #[serde(default)]
    pub village_id: Option<i64>,
    pub proposer: String,
    #[serde(default)]
    pub agreed_with_front: bool,
    #[serde(default)]
    pub initiative_households: i64,
    #[serde(default)]
    pub initiative_consent_on: String,
    pub form: String,
    #[serde(default)]
    pub quorum_failed: bool,
    pub held_on: String,
    #[serde(default)]
    pub notice_on: String,
    #[serde(default)]
    pub documents_on: String,
    /// The outcome the official records: "passed" is refused below the threshold.
    #[serde(default)]
    pub passed: bool,
    #[serde(default)]
    pub tallies: Vec<TallyInput>,
}

/// The village names of the commune, by id.
pub(crate) async fn villages(app: &App, commune_id: i64) -> Result<Vec<(i64, String)>> {
    Ok(papi_store::org::villages(&app.store, commune_id)
        .await?
        .into_iter()
        .map(|v| (v.id, v.name))
        .collect())
}

fn name_of(villages: &[(i64, String)], id: i64) -> String {
    villages
        .iter()
        .find(|v| v.0 == id)
        .map(|v| v.1.clone())
        .unwrap_or_else(|| format!("Thôn số {id}"))
}

/// Builds the decision from what was typed, checks it with papi-core and computes its outcome.
fn build(
    app: &App,
    commune_id: i64,
    villages: &[(i64, String)],
    input: &DecisionInput,
) -> Result<Decision> {
    let subject = Subject::parse(&input.subject).ok_or_else(|| {
        Error::Invalid("Nội dung bàn, quyết định: chọn một trong các khoản của Điều 15.".into())
    })?;
    let proposer = Proposer::parse(&input.proposer)
        .ok_or_else(|| Error::Invalid("Người đề xuất: chọn người đề xuất (Điều 16).".into()))?;
    let form = Form::parse(&input.form).ok_or_else(|| {
        Error::Invalid("Hình thức: chọn họp, phát phiếu hoặc trực tuyến (Điều 17).".into())
    })?;
    let title = input.title.trim().to_string();
    papi_core::text::limits::check(
        "Nội dung quyết định",
        &title,
        papi_core::text::limits::TITLE,
    )
    .map_err(Error::Invalid)?;
    let held_on =
        parse_day("Ngày họp, phát phiếu, biểu quyết", &input.held_on)?.ok_or_else(|| {
            Error::Invalid("Ngày họp, phát phiếu, biểu quyết: nhập ngày dạng dd/mm/yyyy.".into())
        })?;
    let village_id = input.village_id.filter(|v| *v > 0);
    if let Some(v) = village_id {
        if !villages.iter().any(|x| x.0 == v) {
            return Err(Error::Invalid(
                "Phạm vi: thôn đã chọn không thuộc xã.".into(),
            ));
        }
    }
    let tallies: Vec<Tally> = input
        .tallies
        .iter()
        .filter(|t| village_id.is_none_or(|v| v == t.village_id))
        .map(|t| Tally {
            village_id: t.village_id,
            village: name_of(villages, t.village_id),
            total_households: t.total_households,
            present: t.present,
            votes_for: t.votes_for,
            votes_against: t.votes_against,
            abstain: t.abstain,
            online_agreed: t.online_agreed,
        })
        .collect();
    let mut d = Decision {
        id: 0,
        commune_id,
        title,
        subject,
        village_id,
        proposer,
        agreed_with_front: input.agreed_with_front,
        initiative_households: input.initiative_households,
        initiative_consent_on: parse_day("Ngày các hộ đồng thuận", &input.initiative_consent_on)?,
        form,
        quorum_failed: input.quorum_failed,
        held_on,
        notice_on: parse_day("Ngày thông báo", &input.notice_on)?,
        documents_on: parse_day("Ngày gửi tài liệu đến từng hộ", &input.documents_on)?,
        passed: false,
        result: String::new(),
        sent_on: None,
        recognised_on: None,
        tallies,
    };
    let ids: Vec<i64> = villages.iter().map(|v| v.0).collect();
    rules::check(&d, &app.calendar(), &ids, app.today()).map_err(Error::Invalid)?;
    let o = rules::outcome(d.subject, d.form, d.village_id.is_none(), &d.tallies);
    check_claim(input.passed, &o).map_err(Error::Invalid)?;
    d.passed = o.passed;
    d.result = o.explanation;
    Ok(d)
}

/// Records a decision with its tallies; returns its id. Refused with papi-core's message when
/// the procedure is wrong or "passed" is claimed below the threshold.
pub async fn record(app: &App, actor: &Actor, by: &str, input: &DecisionInput) -> Result<i64> {
    allowed(actor, Action::ManageParticipation)?;
    let villages = villages(app, actor.commune_id).await?;
    let d = build(app, actor.commune_id, &villages, input)?;
    let mut w = app.store.begin_write().await?;
    let id = papi_store::participation::decision::insert(&mut w, by, &d).await?;
    w.commit().await?;
    Ok(id)
}

/// One decision as the pages show it.
#[derive(Debug, Clone)]
pub struct DecisionView {
    pub decision: Decision,
    pub scope: String,
    pub outcome: rules::Outcome,
    pub obligations: Vec<papi_core::agenda::Obligation>,
}

fn view(app: &App, villages: &[(i64, String)], d: Decision) -> DecisionView {
    let outcome = rules::outcome(d.subject, d.form, d.village_id.is_none(), &d.tallies);
    let obligations = rules::obligations(&d, &app.calendar());
    DecisionView {
        scope: match d.village_id {
            Some(v) => name_of(villages, v),
            None => "Toàn xã".into(),
        },
        outcome,
        obligations,
        decision: d,
    }
}

pub async fn list(app: &App, actor: &Actor) -> Result<Vec<DecisionView>> {
    allowed(actor, Action::ViewStaffPages)?;
    list_of(app, actor.commune_id).await
}

pub(crate) async fn list_of(app: &App, commune_id: i64) -> Result<Vec<DecisionView>> {
    let villages = villages(app, commune_id).await?;
    Ok(
        papi_store::participation::decision::list(&app.store, commune_id)
            .await?
            .into_iter()
            .map(|d| view(app, &villages, d))
            .collect(),
    )
}

pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<DecisionView> {
    allowed(actor, Action::ViewStaffPages)?;
    let villages = villages(app, actor.commune_id).await?;
    let d = papi_store::participation::decision::get(&app.store, actor.commune_id, id).await?;
    Ok(view(app, &villages, d))
}

/// Records the day the record was sent to the UBND and the MTTQ, and the day it was
/// recognised (items 3–5 only). Dates typed `dd/mm/yyyy`; empty leaves it unset.
pub async fn follow_up(
    app: &App,
    actor: &Actor,
    by: &str,
    id: i64,
    sent_on: &str,
    recognised_on: &str,
) -> Result<()> {
    allowed(actor, Action::ManageParticipation)?;
    let d = papi_store::participation::decision::get(&app.store, actor.commune_id, id).await?;
    let sent = parse_day("Ngày gửi văn bản", sent_on)?;
    let recognised = parse_day("Ngày công nhận", recognised_on)?;
    let today = app.today();
    check_follow_up(&d, sent, recognised, today)?;
    let mut w = app.store.begin_write().await?;
    papi_store::participation::decision::set_dates(&mut w, by, &d, sent, recognised).await?;
    w.commit().await?;
    Ok(())
}

fn check_follow_up(
    d: &Decision,
    sent: Option<NaiveDate>,
    recognised: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<()> {
    use papi_core::clock::format_date as f;
    if let Some(s) = sent {
        if s < d.held_on || s > today {
            return Err(Error::Invalid(format!(
                "Ngày gửi văn bản {}: phải từ ngày biểu quyết {} đến hôm nay.",
                f(s),
                f(d.held_on)
            )));
        }
    }
    if let Some(r) = recognised {
        if d.subject.recogniser().is_none() {
            return Err(Error::Invalid(
                "Nội dung này không cần công nhận (chỉ khoản 3–5 Điều 15, Điều 21 khoản 2).".into(),
            ));
        }
        if !d.passed {
            return Err(Error::Invalid(
                "Quyết định không được thông qua: không có gì để công nhận.".into(),
            ));
        }
        match sent {
            None => {
                return Err(Error::Invalid(
                    "Ngày công nhận: nhập trước ngày gửi văn bản cho UBND, Ủy ban MTTQ xã.".into(),
                ))
            }
            Some(s) if r < s || r > today => {
                return Err(Error::Invalid(format!(
                    "Ngày công nhận {}: phải từ ngày nhận văn bản {} đến hôm nay.",
                    f(r),
                    f(s)
                )))
            }
            _ => {}
        }
    }
    Ok(())
}

/// What falls due in this process that `actor` may see (merged into the agenda by
/// `agenda::process_obligations`).
pub async fn obligations(
    app: &App,
    actor: &Actor,
) -> crate::error::Result<Vec<papi_core::agenda::Obligation>> {
    if !actor.can(Action::ViewStaffPages) {
        return Ok(Vec::new());
    }
    let cal = app.calendar();
    Ok(
        papi_store::participation::decision::list(&app.store, actor.commune_id)
            .await?
            .iter()
            .flat_map(|d| rules::obligations(d, &cal))
            .collect(),
    )
}

/// The commune's villages as (id, name), for the forms' choice lists.
pub async fn village_choices(app: &App, actor: &Actor) -> Result<Vec<(i64, String)>> {
    allowed(actor, Action::ViewStaffPages)?;
    villages(app, actor.commune_id).await
}

//! What residents decide (bàn và quyết định, Đ.15–22): proposals, forms, notices, votes
//! and the thresholds.
//!
//! A decision is written once with its tallies (the outcome papi-core computed from them);
//! afterwards only the dates it was sent and recognised change.

use chrono::NaiveDate;
use papi_core::participation::decision::{Decision, Form, Proposer, Subject, Tally};
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{corrupt, date, i, oi, opt_date, s};
use crate::{Result, Store, StoreError, WriteTx};

const COLUMNS: &str = "id, commune_id, title, subject, village_id, proposer, agreed_with_front, \
    initiative_households, initiative_consent_on, form, quorum_failed, held_on, notice_on, \
    documents_on, passed, result, sent_on, recognised_on";

fn decode(r: &AnyRow) -> Result<Decision> {
    let subject = s(r, "subject")?;
    let proposer = s(r, "proposer")?;
    let form = s(r, "form")?;
    Ok(Decision {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        title: s(r, "title")?,
        subject: Subject::parse(&subject).ok_or_else(|| corrupt("subject", &subject))?,
        village_id: oi(r, "village_id")?,
        proposer: Proposer::parse(&proposer).ok_or_else(|| corrupt("proposer", &proposer))?,
        agreed_with_front: i(r, "agreed_with_front")? != 0,
        initiative_households: i(r, "initiative_households")?,
        initiative_consent_on: opt_date(r, "initiative_consent_on")?,
        form: Form::parse(&form).ok_or_else(|| corrupt("form", &form))?,
        quorum_failed: i(r, "quorum_failed")? != 0,
        held_on: date(r, "held_on")?,
        notice_on: opt_date(r, "notice_on")?,
        documents_on: opt_date(r, "documents_on")?,
        passed: i(r, "passed")? != 0,
        result: s(r, "result")?,
        sent_on: opt_date(r, "sent_on")?,
        recognised_on: opt_date(r, "recognised_on")?,
        tallies: Vec::new(),
    })
}

fn decode_tally(r: &AnyRow) -> Result<(i64, Tally)> {
    Ok((
        i(r, "decision_id")?,
        Tally {
            village_id: i(r, "village_id")?,
            village: s(r, "name")?,
            total_households: i(r, "total_households")?,
            present: i(r, "present")?,
            votes_for: i(r, "votes_for")?,
            votes_against: i(r, "votes_against")?,
            abstain: i(r, "abstain")?,
            online_agreed: i(r, "online_agreed")?,
        },
    ))
}

const TALLY_SELECT: &str = "SELECT t.decision_id, t.village_id, v.name, t.total_households, \
    t.present, t.votes_for, t.votes_against, t.abstain, t.online_agreed \
    FROM participation_tallies t JOIN villages v ON v.id = t.village_id \
    WHERE t.commune_id = $1";

/// The commune's decisions with their tallies, the latest vote first.
pub async fn list(store: &Store, commune_id: i64) -> Result<Vec<Decision>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM participation_decisions WHERE commune_id = $1 \
         ORDER BY held_on DESC, id DESC"
    ))
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    let mut out: Vec<Decision> = rows.iter().map(decode).collect::<Result<_>>()?;
    let tallies = sqlx::query(&format!(
        "{TALLY_SELECT} ORDER BY t.decision_id, t.village_id"
    ))
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    for r in &tallies {
        let (id, t) = decode_tally(r)?;
        if let Some(d) = out.iter_mut().find(|d| d.id == id) {
            d.tallies.push(t);
        }
    }
    Ok(out)
}

pub async fn get(store: &Store, commune_id: i64, id: i64) -> Result<Decision> {
    let r = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM participation_decisions WHERE commune_id = $1 AND id = $2"
    ))
    .bind(commune_id)
    .bind(id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    let mut d = decode(&r)?;
    let tallies = sqlx::query(&format!(
        "{TALLY_SELECT} AND t.decision_id = $2 ORDER BY t.village_id"
    ))
    .bind(commune_id)
    .bind(id)
    .fetch_all(&store.pool)
    .await?;
    for r in &tallies {
        d.tallies.push(decode_tally(r)?.1);
    }
    Ok(d)
}

fn opt(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// Records a decision and its tallies; returns its id.
pub async fn insert(w: &mut WriteTx<'_>, actor: &str, d: &Decision) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO participation_decisions (commune_id, title, subject, village_id, proposer, \
         agreed_with_front, initiative_households, initiative_consent_on, form, quorum_failed, \
         held_on, notice_on, documents_on, passed, result, sent_on, recognised_on) VALUES \
         ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
    )
    .bind(d.commune_id)
    .bind(&d.title)
    .bind(d.subject.code())
    .bind(d.village_id)
    .bind(d.proposer.code())
    .bind(i64::from(d.agreed_with_front))
    .bind(d.initiative_households)
    .bind(opt(d.initiative_consent_on))
    .bind(d.form.code())
    .bind(i64::from(d.quorum_failed))
    .bind(d.held_on.to_string())
    .bind(opt(d.notice_on))
    .bind(opt(d.documents_on))
    .bind(i64::from(d.passed))
    .bind(&d.result)
    .bind(opt(d.sent_on))
    .bind(opt(d.recognised_on))
    .fetch_one(&mut *w.tx)
    .await?;
    for t in &d.tallies {
        sqlx::query(
            "INSERT INTO participation_tallies (commune_id, decision_id, village_id, \
             total_households, present, votes_for, votes_against, abstain, online_agreed) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(d.commune_id)
        .bind(id)
        .bind(t.village_id)
        .bind(t.total_households)
        .bind(t.present)
        .bind(t.votes_for)
        .bind(t.votes_against)
        .bind(t.abstain)
        .bind(t.online_agreed)
        .execute(&mut *w.tx)
        .await?;
    }
    audit::append(
        w,
        Change {
            commune_id: d.commune_id,
            actor,
            action: "record",
            entity: "participation_decision",
            entity_id: id,
            before: serde_json::Value::Null,
            after: json!(d),
        },
    )
    .await?;
    Ok(id)
}

/// Saves the days the record was sent and recognised.
pub async fn set_dates(
    w: &mut WriteTx<'_>,
    actor: &str,
    before: &Decision,
    sent_on: Option<NaiveDate>,
    recognised_on: Option<NaiveDate>,
) -> Result<()> {
    sqlx::query(
        "UPDATE participation_decisions SET sent_on = $1, recognised_on = $2 \
         WHERE commune_id = $3 AND id = $4",
    )
    .bind(opt(sent_on))
    .bind(opt(recognised_on))
    .bind(before.commune_id)
    .bind(before.id)
    .execute(&mut *w.tx)
    .await?;
    audit::append(
        w,
        Change {
            commune_id: before.commune_id,
            actor,
            action: "follow_up",
            entity: "participation_decision",
            entity_id: before.id,
            before: json!({"sent_on": before.sent_on, "recognised_on": before.recognised_on}),
            after: json!({"sent_on": sent_on, "recognised_on": recognised_on}),
        },
    )
    .await
}

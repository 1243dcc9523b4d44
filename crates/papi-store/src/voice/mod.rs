//! Residents' matters (papi_core::voice): the register of feedback, complaints and
//! denunciations, each matter's file of steps, the commune's feedback times, and — apart —
//! the sealed identities ([`seal`]), protection requests ([`protection`]) and citizen
//! reception ([`reception`]). Audit entries carry the tracking code, the kind and the stage,
//! never a name or the content (a denunciation's existence is already sensitive enough).

pub mod dialogue;
pub mod protection;
pub mod reception;
pub mod seal;

use papi_core::voice::{
    CaseFlags, Channel, FeedbackTimes, Matter, MatterKind, MatterStep, Requester, Stage, StepKind,
};
use papi_core::Dimension;
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{corrupt, date, i, oi, s};
use crate::{Result, Store, StoreError, WriteTx};

const COLUMNS: &str = "id, commune_id, code, kind, channel, round, received_on, title, content, \
    village_id, place, dimension, portal_code, referrer, stage, complex, remote, several_places, \
    flags_reason, unit_id, handler_id, entered_by, parent_id, duplicate_of, requester_name, \
    requester_address, requester_phone, requester_email, requester_id_number, publish_consent, \
    answer, rating, respondent, against_leadership, signs_of_crime";

fn b(r: &AnyRow, col: &str) -> Result<bool> {
    Ok(i(r, col)? != 0)
}

fn decode(r: &AnyRow) -> Result<Matter> {
    let kind = s(r, "kind")?;
    let channel = s(r, "channel")?;
    let stage = s(r, "stage")?;
    Ok(Matter {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        code: s(r, "code")?,
        kind: MatterKind::parse(&kind).ok_or_else(|| corrupt("kind", &kind))?,
        channel: Channel::parse(&channel).ok_or_else(|| corrupt("channel", &channel))?,
        round: i(r, "round")? as u8,
        received_on: date(r, "received_on")?,
        title: s(r, "title")?,
        content: s(r, "content")?,
        village_id: oi(r, "village_id")?,
        place: s(r, "place")?,
        dimension: oi(r, "dimension")?.and_then(|n| Dimension::new(n as u8)),
        portal_code: s(r, "portal_code")?,
        referrer: s(r, "referrer")?,
        stage: Stage::parse(&stage).ok_or_else(|| corrupt("stage", &stage))?,
        flags: CaseFlags {
            complex: b(r, "complex")?,
            remote: b(r, "remote")?,
            several_places: b(r, "several_places")?,
            reason: s(r, "flags_reason")?,
        },
        unit_id: oi(r, "unit_id")?,
        handler_id: oi(r, "handler_id")?,
        entered_by: oi(r, "entered_by")?,
        parent_id: oi(r, "parent_id")?,
        duplicate_of: oi(r, "duplicate_of")?,
        requester: Requester {
            name: s(r, "requester_name")?,
            address: s(r, "requester_address")?,
            phone: s(r, "requester_phone")?,
            email: s(r, "requester_email")?,
            id_number: s(r, "requester_id_number")?,
        },
        publish_consent: b(r, "publish_consent")?,
        answer: s(r, "answer")?,
        rating: oi(r, "rating")?.map(|n| n as u8),
        accused_user_ids: Vec::new(),
        respondent: s(r, "respondent")?,
        against_leadership: b(r, "against_leadership")?,
        signs_of_crime: b(r, "signs_of_crime")?,
    })
}

async fn with_accused(store: &Store, mut matters: Vec<Matter>) -> Result<Vec<Matter>> {
    if matters.iter().all(|m| m.kind != MatterKind::Denunciation) {
        return Ok(matters);
    }
    let commune = matters[0].commune_id;
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("SELECT matter_id, user_id FROM matter_accused WHERE commune_id = $1")
            .bind(commune)
            .fetch_all(&store.pool)
            .await?;
    for m in &mut matters {
        m.accused_user_ids = rows
            .iter()
            .filter(|(mid, _)| *mid == m.id)
            .map(|(_, u)| *u)
            .collect();
    }
    Ok(matters)
}

/// Every matter of a commune, newest first.
pub async fn list(store: &Store, commune_id: i64) -> Result<Vec<Matter>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM matters WHERE commune_id = $1 ORDER BY received_on DESC, id DESC"
    ))
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    let matters = rows.iter().map(decode).collect::<Result<Vec<_>>>()?;
    with_accused(store, matters).await
}

/// One matter of a commune.
pub async fn get(store: &Store, commune_id: i64, id: i64) -> Result<Matter> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM matters WHERE commune_id = $1 AND id = $2"
    ))
    .bind(commune_id)
    .bind(id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    let m = decode(&row)?;
    Ok(with_accused(store, vec![m]).await?.remove(0))
}

/// A matter by its tracking code, whatever the commune (the public page).
pub async fn by_code(store: &Store, code: &str) -> Result<Option<Matter>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM matters WHERE code = $1"))
        .bind(code.trim().to_uppercase())
        .fetch_optional(&store.pool)
        .await?;
    match row {
        Some(r) => Ok(Some(
            with_accused(store, vec![decode(&r)?]).await?.remove(0),
        )),
        None => Ok(None),
    }
}

/// The file of a matter, oldest first.
pub async fn steps(store: &Store, commune_id: i64, matter_id: i64) -> Result<Vec<MatterStep>> {
    let rows = sqlx::query(
        "SELECT kind, on_date, by_user, text, from_stage, to_stage FROM matter_steps \
         WHERE commune_id = $1 AND matter_id = $2 ORDER BY id",
    )
    .bind(commune_id)
    .bind(matter_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode_step).collect()
}

/// Every step of every matter of a commune, by matter id (the agenda and the figures).
pub async fn all_steps(store: &Store, commune_id: i64) -> Result<Vec<(i64, MatterStep)>> {
    let rows = sqlx::query(
        "SELECT matter_id, kind, on_date, by_user, text, from_stage, to_stage FROM matter_steps \
         WHERE commune_id = $1 ORDER BY id",
    )
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| Ok((i(r, "matter_id")?, decode_step(r)?)))
        .collect()
}

fn decode_step(r: &AnyRow) -> Result<MatterStep> {
    let kind = s(r, "kind")?;
    let from = s(r, "from_stage")?;
    let to = s(r, "to_stage")?;
    Ok(MatterStep {
        kind: StepKind::parse(&kind).ok_or_else(|| corrupt("step", &kind))?,
        on: date(r, "on_date")?,
        by_user: oi(r, "by_user")?,
        text: s(r, "text")?,
        from: Stage::parse(&from).ok_or_else(|| corrupt("stage", &from))?,
        to: Stage::parse(&to).ok_or_else(|| corrupt("stage", &to))?,
    })
}

fn trail(m: &Matter) -> serde_json::Value {
    json!({ "code": m.code, "kind": m.kind.code(), "stage": m.stage.code() })
}

/// Enters a new matter (its id is set from the insert) and returns the id.
pub async fn insert(w: &mut WriteTx<'_>, actor: &str, m: &Matter) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO matters (commune_id, code, kind, channel, round, received_on, title, content, \
         village_id, place, dimension, portal_code, referrer, stage, complex, remote, several_places, \
         flags_reason, unit_id, handler_id, entered_by, parent_id, duplicate_of, requester_name, \
         requester_address, requester_phone, requester_email, requester_id_number, publish_consent, \
         answer, rating, respondent, against_leadership, signs_of_crime) VALUES ($1, $2, $3, $4, $5, \
         $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, \
         $25, $26, $27, $28, $29, $30, $31, $32, $33, $34) RETURNING id",
    )
    .bind(m.commune_id)
    .bind(&m.code)
    .bind(m.kind.code())
    .bind(m.channel.code())
    .bind(i64::from(m.round))
    .bind(m.received_on.to_string())
    .bind(&m.title)
    .bind(&m.content)
    .bind(m.village_id)
    .bind(&m.place)
    .bind(m.dimension.map(|d| i64::from(d.number())))
    .bind(&m.portal_code)
    .bind(&m.referrer)
    .bind(m.stage.code())
    .bind(i64::from(m.flags.complex))
    .bind(i64::from(m.flags.remote))
    .bind(i64::from(m.flags.several_places))
    .bind(&m.flags.reason)
    .bind(m.unit_id)
    .bind(m.handler_id)
    .bind(m.entered_by)
    .bind(m.parent_id)
    .bind(m.duplicate_of)
    .bind(&m.requester.name)
    .bind(&m.requester.address)
    .bind(&m.requester.phone)
    .bind(&m.requester.email)
    .bind(&m.requester.id_number)
    .bind(i64::from(m.publish_consent))
    .bind(&m.answer)
    .bind(m.rating.map(i64::from))
    .bind(&m.respondent)
    .bind(i64::from(m.against_leadership))
    .bind(i64::from(m.signs_of_crime))
    .fetch_one(&mut *w.tx)
    .await?;
    for u in &m.accused_user_ids {
        sqlx::query(
            "INSERT INTO matter_accused (commune_id, matter_id, user_id) VALUES ($1, $2, $3)",
        )
        .bind(m.commune_id)
        .bind(id)
        .bind(*u)
        .execute(&mut *w.tx)
        .await?;
    }
    audit::append(
        w,
        Change {
            commune_id: m.commune_id,
            actor,
            action: "receive",
            entity: "matter",
            entity_id: id,
            before: serde_json::Value::Null,
            after: trail(m),
        },
    )
    .await?;
    Ok(id)
}

/// Records a step and the matter as it stands after it (stage, assignments, flags, answer,
/// rating), in one audited change.
pub async fn record_step(
    w: &mut WriteTx<'_>,
    actor: &str,
    before: &Matter,
    after: &Matter,
    step: &MatterStep,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO matter_steps (commune_id, matter_id, kind, on_date, by_user, text, from_stage, to_stage) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(after.commune_id)
    .bind(after.id)
    .bind(step.kind.code())
    .bind(step.on.to_string())
    .bind(step.by_user)
    .bind(&step.text)
    .bind(step.from.code())
    .bind(step.to.code())
    .execute(&mut *w.tx)
    .await?;
    sqlx::query(
        "UPDATE matters SET stage = $1, unit_id = $2, handler_id = $3, complex = $4, remote = $5, \
         several_places = $6, flags_reason = $7, answer = $8, rating = $9, duplicate_of = $10, \
         publish_consent = $11 WHERE commune_id = $12 AND id = $13",
    )
    .bind(after.stage.code())
    .bind(after.unit_id)
    .bind(after.handler_id)
    .bind(i64::from(after.flags.complex))
    .bind(i64::from(after.flags.remote))
    .bind(i64::from(after.flags.several_places))
    .bind(&after.flags.reason)
    .bind(&after.answer)
    .bind(after.rating.map(i64::from))
    .bind(after.duplicate_of)
    .bind(i64::from(after.publish_consent))
    .bind(after.commune_id)
    .bind(after.id)
    .execute(&mut *w.tx)
    .await?;
    let mut b = trail(before);
    let mut a = trail(after);
    a["step"] = json!(step.kind.code());
    a["on"] = json!(step.on.to_string());
    if before.unit_id != after.unit_id {
        b["unit_id"] = json!(before.unit_id);
        a["unit_id"] = json!(after.unit_id);
    }
    if before.handler_id != after.handler_id {
        b["handler_id"] = json!(before.handler_id);
        a["handler_id"] = json!(after.handler_id);
    }
    audit::append(
        w,
        Change {
            commune_id: after.commune_id,
            actor,
            action: step.kind.code(),
            entity: "matter",
            entity_id: after.id,
            before: b,
            after: a,
        },
    )
    .await
}

/// Links a matter split from a mixed letter to the letter it came from.
pub async fn set_parent(w: &mut WriteTx<'_>, actor: &str, m: &Matter, parent: i64) -> Result<()> {
    sqlx::query("UPDATE matters SET parent_id = $1 WHERE commune_id = $2 AND id = $3")
        .bind(parent)
        .bind(m.commune_id)
        .bind(m.id)
        .execute(&mut *w.tx)
        .await?;
    audit::append(
        w,
        Change {
            commune_id: m.commune_id,
            actor,
            action: "split",
            entity: "matter",
            entity_id: m.id,
            before: trail(m),
            after: json!({ "code": m.code, "parent_id": parent }),
        },
    )
    .await
}

/// The resident's rating at closure: bookkeeping on a closed matter, audited.
pub async fn set_rating(w: &mut WriteTx<'_>, m: &Matter, rating: u8) -> Result<()> {
    sqlx::query("UPDATE matters SET rating = $1 WHERE commune_id = $2 AND id = $3")
        .bind(i64::from(rating))
        .bind(m.commune_id)
        .bind(m.id)
        .execute(&mut *w.tx)
        .await?;
    audit::append(
        w,
        Change {
            commune_id: m.commune_id,
            actor: "người dân",
            action: "rate",
            entity: "matter",
            entity_id: m.id,
            before: json!({ "code": m.code, "rating": m.rating }),
            after: json!({ "code": m.code, "rating": rating }),
        },
    )
    .await
}

/// The commune's feedback times (defaults until an administrator sets them).
pub async fn feedback_times(store: &Store, commune_id: i64) -> Result<FeedbackTimes> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT acknowledge_working_days, answer_working_days FROM voice_settings WHERE commune_id = $1",
    )
    .bind(commune_id)
    .fetch_optional(&store.pool)
    .await?;
    Ok(
        row.map_or_else(FeedbackTimes::default, |(a, b)| FeedbackTimes {
            acknowledge_working_days: a as u32,
            answer_working_days: b as u32,
        }),
    )
}

pub async fn set_feedback_times(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    before: FeedbackTimes,
    t: FeedbackTimes,
) -> Result<()> {
    sqlx::query("DELETE FROM voice_settings WHERE commune_id = $1")
        .bind(commune_id)
        .execute(&mut *w.tx)
        .await?;
    sqlx::query(
        "INSERT INTO voice_settings (commune_id, acknowledge_working_days, answer_working_days) VALUES ($1, $2, $3)",
    )
    .bind(commune_id)
    .bind(i64::from(t.acknowledge_working_days))
    .bind(i64::from(t.answer_working_days))
    .execute(&mut *w.tx)
    .await?;
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: "set_feedback_times",
            entity: "commune",
            entity_id: commune_id,
            before: json!(before),
            after: json!(t),
        },
    )
    .await
}

/// Whether a tracking code is taken (codes are random; the insert retries on a clash).
pub async fn code_taken(w: &mut WriteTx<'_>, code: &str) -> Result<bool> {
    let n: (i64,) = sqlx::query_as("SELECT count(*) FROM matters WHERE code = $1")
        .bind(code)
        .fetch_one(&mut *w.tx)
        .await?;
    Ok(n.0 > 0)
}

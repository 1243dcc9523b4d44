//! Village conferences, the commune's dialogue conference and meetings with residents, and the
//! matters residents raised at them. Writes are audited on the conference (entity
//! `conference`).

use papi_core::participation::conference::{Conference, ConferenceKind, RaisedItem};
use serde_json::json;
use sqlx::any::AnyRow;

use super::board::log;
use crate::rows::{corrupt, date, i, oi, opt_date, s};
use crate::{Result, Store, StoreError, WriteTx};

const COLUMNS: &str = "id, commune_id, kind, village_id, held_on, noticed_on, title, agenda, \
    minutes, attendance, head_report, front_report, board_report, sent_ubnd_on, sent_mttq_on";

fn decode(r: &AnyRow) -> Result<Conference> {
    let kind = s(r, "kind")?;
    Ok(Conference {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        kind: ConferenceKind::parse(&kind).ok_or_else(|| corrupt("conferences.kind", &kind))?,
        village_id: oi(r, "village_id")?,
        held_on: date(r, "held_on")?,
        noticed_on: opt_date(r, "noticed_on")?,
        title: s(r, "title")?,
        agenda: s(r, "agenda")?,
        minutes: s(r, "minutes")?,
        attendance: oi(r, "attendance")?.map(|n| n.clamp(0, i64::from(u32::MAX)) as u32),
        head_report: i(r, "head_report")? != 0,
        front_report: i(r, "front_report")? != 0,
        board_report: i(r, "board_report")? != 0,
        sent_ubnd_on: opt_date(r, "sent_ubnd_on")?,
        sent_mttq_on: opt_date(r, "sent_mttq_on")?,
    })
}

/// Every conference and meeting of a commune, newest first.
pub async fn list(store: &Store, commune_id: i64) -> Result<Vec<Conference>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM conferences WHERE commune_id = $1 ORDER BY held_on DESC, id DESC"
    ))
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

pub async fn get(store: &Store, commune_id: i64, id: i64) -> Result<Conference> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM conferences WHERE commune_id = $1 AND id = $2"
    ))
    .bind(commune_id)
    .bind(id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    decode(&row)
}

pub async fn insert(w: &mut WriteTx<'_>, actor: &str, c: &Conference) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO conferences (commune_id, kind, village_id, held_on, noticed_on, title, \
         agenda, minutes, attendance, head_report, front_report, board_report, sent_ubnd_on, \
         sent_mttq_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
         RETURNING id",
    )
    .bind(c.commune_id)
    .bind(c.kind.code())
    .bind(c.village_id)
    .bind(c.held_on.to_string())
    .bind(c.noticed_on.map(|d| d.to_string()))
    .bind(&c.title)
    .bind(&c.agenda)
    .bind(&c.minutes)
    .bind(c.attendance.map(i64::from))
    .bind(i64::from(c.head_report))
    .bind(i64::from(c.front_report))
    .bind(i64::from(c.board_report))
    .bind(c.sent_ubnd_on.map(|d| d.to_string()))
    .bind(c.sent_mttq_on.map(|d| d.to_string()))
    .fetch_one(&mut *w.tx)
    .await?;
    log(
        w,
        actor,
        c.commune_id,
        "record_conference",
        "conference",
        id,
        json!({ "kind": c.kind.code(), "village_id": c.village_id, "held_on": c.held_on, "title": c.title }),
    )
    .await?;
    Ok(id)
}

/// What residents raised at a conference, in order.
pub async fn items(store: &Store, commune_id: i64, conference_id: i64) -> Result<Vec<RaisedItem>> {
    let rows = sqlx::query(
        "SELECT id, conference_id, text, matter_code FROM conference_items \
         WHERE commune_id = $1 AND conference_id = $2 ORDER BY id",
    )
    .bind(commune_id)
    .bind(conference_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(RaisedItem {
                id: i(r, "id")?,
                conference_id: i(r, "conference_id")?,
                text: s(r, "text")?,
                matter_code: s(r, "matter_code")?,
            })
        })
        .collect()
}

pub async fn add_item(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    it: &RaisedItem,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO conference_items (commune_id, conference_id, text, matter_code) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(commune_id)
    .bind(it.conference_id)
    .bind(&it.text)
    .bind(&it.matter_code)
    .fetch_one(&mut *w.tx)
    .await?;
    log(
        w,
        actor,
        commune_id,
        "record_raised_item",
        "conference",
        it.conference_id,
        json!({ "item_id": id, "matter_code": it.matter_code }),
    )
    .await?;
    Ok(id)
}

//! Citizen reception: the chairman's sessions (schedule, posting, postponement, online
//! recording) and the register (sổ tiếp công dân), numbered per commune.

use chrono::NaiveDate;
use papi_core::voice::reception::Session;
use serde::Serialize;
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{date, i, oi, opt_date, s};
use crate::{Result, Store, StoreError, WriteTx};

fn decode_session(r: &AnyRow) -> Result<Session> {
    Ok(Session {
        id: i(r, "id")?,
        date: date(r, "date")?,
        posted_on: opt_date(r, "posted_on")?,
        held: i(r, "held")? != 0,
        online: i(r, "online")? != 0,
        recording: s(r, "recording")?,
        postponed_to: opt_date(r, "postponed_to")?,
        postponement_announced_on: opt_date(r, "postponement_announced_on")?,
        host: s(r, "host")?,
    })
}

const SESSION_COLUMNS: &str =
    "id, date, posted_on, held, online, recording, postponed_to, postponement_announced_on, host";

pub async fn sessions(store: &Store, commune_id: i64) -> Result<Vec<Session>> {
    let rows = sqlx::query(&format!(
        "SELECT {SESSION_COLUMNS} FROM reception_sessions WHERE commune_id = $1 ORDER BY date, id"
    ))
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode_session).collect()
}

pub async fn session(store: &Store, commune_id: i64, id: i64) -> Result<Session> {
    let r = sqlx::query(&format!(
        "SELECT {SESSION_COLUMNS} FROM reception_sessions WHERE commune_id = $1 AND id = $2"
    ))
    .bind(commune_id)
    .bind(id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    decode_session(&r)
}

/// Adds a session (`id == 0`) or saves its new state.
pub async fn save_session(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    x: &Session,
) -> Result<i64> {
    let opt = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    let id = if x.id == 0 {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO reception_sessions (commune_id, date, posted_on, held, online, recording, \
             postponed_to, postponement_announced_on, host) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             RETURNING id",
        )
        .bind(commune_id)
        .bind(x.date.to_string())
        .bind(opt(x.posted_on))
        .bind(i64::from(x.held))
        .bind(i64::from(x.online))
        .bind(&x.recording)
        .bind(opt(x.postponed_to))
        .bind(opt(x.postponement_announced_on))
        .bind(&x.host)
        .fetch_one(&mut *w.tx)
        .await?;
        id
    } else {
        sqlx::query(
            "UPDATE reception_sessions SET date = $1, posted_on = $2, held = $3, online = $4, \
             recording = $5, postponed_to = $6, postponement_announced_on = $7, host = $8 \
             WHERE commune_id = $9 AND id = $10",
        )
        .bind(x.date.to_string())
        .bind(opt(x.posted_on))
        .bind(i64::from(x.held))
        .bind(i64::from(x.online))
        .bind(&x.recording)
        .bind(opt(x.postponed_to))
        .bind(opt(x.postponement_announced_on))
        .bind(&x.host)
        .bind(commune_id)
        .bind(x.id)
        .execute(&mut *w.tx)
        .await?;
        x.id
    };
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: if x.id == 0 {
                "schedule"
            } else {
                "update_session"
            },
            entity: "reception_session",
            entity_id: id,
            before: serde_json::Value::Null,
            after: json!(x),
        },
    )
    .await?;
    Ok(id)
}

/// One line of the sổ tiếp công dân (Luật Tiếp công dân Điều 25 khoản 2). For a denunciation
/// the identity columns hold a pointer to the sealed record, never the identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: i64,
    pub number: i64,
    pub received_on: NaiveDate,
    pub session_id: Option<i64>,
    pub name: String,
    pub address: String,
    pub id_number: String,
    pub content: String,
    pub prior_handling: String,
    pub requests: String,
    pub handling: String,
    pub matter_id: Option<i64>,
}

pub async fn entries(store: &Store, commune_id: i64) -> Result<Vec<Entry>> {
    let rows = sqlx::query(
        "SELECT id, number, received_on, session_id, name, address, id_number, content, \
         prior_handling, requests, handling, matter_id FROM reception_entries \
         WHERE commune_id = $1 ORDER BY number",
    )
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Entry {
                id: i(r, "id")?,
                number: i(r, "number")?,
                received_on: date(r, "received_on")?,
                session_id: oi(r, "session_id")?,
                name: s(r, "name")?,
                address: s(r, "address")?,
                id_number: s(r, "id_number")?,
                content: s(r, "content")?,
                prior_handling: s(r, "prior_handling")?,
                requests: s(r, "requests")?,
                handling: s(r, "handling")?,
                matter_id: oi(r, "matter_id")?,
            })
        })
        .collect()
}

/// Adds a line with the next number of the commune's register. Audited by number only.
pub async fn add_entry(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    e: &Entry,
) -> Result<i64> {
    let (next,): (i64,) = sqlx::query_as(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM reception_entries WHERE commune_id = $1",
    )
    .bind(commune_id)
    .fetch_one(&mut *w.tx)
    .await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO reception_entries (commune_id, number, received_on, session_id, name, address, \
         id_number, content, prior_handling, requests, handling, matter_id) VALUES ($1, $2, $3, $4, \
         $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(commune_id)
    .bind(next)
    .bind(e.received_on.to_string())
    .bind(e.session_id)
    .bind(&e.name)
    .bind(&e.address)
    .bind(&e.id_number)
    .bind(&e.content)
    .bind(&e.prior_handling)
    .bind(&e.requests)
    .bind(&e.handling)
    .bind(e.matter_id)
    .fetch_one(&mut *w.tx)
    .await?;
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: "register",
            entity: "reception_entry",
            entity_id: id,
            before: serde_json::Value::Null,
            after: json!({ "number": next, "matter_id": e.matter_id }),
        },
    )
    .await?;
    Ok(id)
}

/// Updates what was done with a register line (the last column).
pub async fn set_handling(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    entry_id: i64,
    handling: &str,
) -> Result<()> {
    sqlx::query("UPDATE reception_entries SET handling = $1 WHERE commune_id = $2 AND id = $3")
        .bind(handling)
        .bind(commune_id)
        .bind(entry_id)
        .execute(&mut *w.tx)
        .await?;
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: "set_handling",
            entity: "reception_entry",
            entity_id: entry_id,
            before: serde_json::Value::Null,
            after: json!({ "handling_updated": true }),
        },
    )
    .await
}

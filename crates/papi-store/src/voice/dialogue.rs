//! Dialogues held on complaints, with their participants' attendance as JSON text. The audit
//! entry carries the matter and the date only: names and what was said stay in the record.

use papi_core::voice::dialogue::{Attendee, Dialogue};
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{corrupt, date, i, opt_date, s};
use crate::{Result, Store, WriteTx};

fn decode(r: &AnyRow) -> Result<Dialogue> {
    let participants: Vec<Attendee> = serde_json::from_str(&s(r, "participants")?)
        .map_err(|e| corrupt("voice_dialogues.participants", e))?;
    Ok(Dialogue {
        id: i(r, "id")?,
        matter_id: i(r, "matter_id")?,
        held_on: date(r, "held_on")?,
        starts_at: s(r, "starts_at")?,
        place: s(r, "place")?,
        chair: s(r, "chair")?,
        invited_on: opt_date(r, "invited_on")?,
        participants,
        content: s(r, "content")?,
        opinions: s(r, "opinions")?,
        result: s(r, "result")?,
        copies: u32::try_from(i(r, "copies")?).map_err(|e| corrupt("voice_dialogues.copies", e))?,
    })
}

/// The dialogues of a matter, oldest first.
pub async fn list(store: &Store, commune_id: i64, matter_id: i64) -> Result<Vec<Dialogue>> {
    let rows = sqlx::query(
        "SELECT id, matter_id, held_on, starts_at, place, chair, invited_on, participants, \
         content, opinions, result, copies FROM voice_dialogues \
         WHERE commune_id = $1 AND matter_id = $2 ORDER BY held_on, id",
    )
    .bind(commune_id)
    .bind(matter_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

/// Records a dialogue (a new row each time: a case may need more than one) and returns its id.
pub async fn save(w: &mut WriteTx<'_>, actor: &str, commune_id: i64, d: &Dialogue) -> Result<i64> {
    let participants =
        serde_json::to_string(&d.participants).map_err(|e| corrupt("participants", e))?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO voice_dialogues (commune_id, matter_id, held_on, starts_at, place, chair, \
         invited_on, participants, content, opinions, result, copies) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(commune_id)
    .bind(d.matter_id)
    .bind(d.held_on.to_string())
    .bind(&d.starts_at)
    .bind(&d.place)
    .bind(&d.chair)
    .bind(d.invited_on.map(|x| x.to_string()))
    .bind(participants)
    .bind(&d.content)
    .bind(&d.opinions)
    .bind(&d.result)
    .bind(i64::from(d.copies))
    .fetch_one(&mut *w.tx)
    .await?;
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: "record_dialogue",
            entity: "matter",
            entity_id: d.matter_id,
            before: serde_json::Value::Null,
            after: json!({ "matter_id": d.matter_id, "dialogue_id": id, "held_on": d.held_on }),
        },
    )
    .await?;
    Ok(id)
}

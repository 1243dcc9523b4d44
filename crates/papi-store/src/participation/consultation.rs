//! Consultations (tham gia ý kiến, Đ.25–28): drafts, forms, the 20-day window, comments,
//! the summary and the explanation.

use papi_core::participation::consultation::{Channel, Comment, Consultation, Stance, Topic};
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::audit::{self, Change};
use crate::rows::{corrupt, date, i, oi, opt_date, s};
use crate::{Result, Store, StoreError, WriteTx};

const COLUMNS: &str = "id, commune_id, title, topic, village_id, channels, published_on, \
    closes_on, draft_name, summary, decision, adopted, explanation, closed_on";

fn decode(r: &AnyRow) -> Result<Consultation> {
    let topic = s(r, "topic")?;
    let channels = s(r, "channels")?
        .split(',')
        .filter(|c| !c.is_empty())
        .map(|c| Channel::parse(c).ok_or_else(|| corrupt("channels", c)))
        .collect::<Result<Vec<_>>>()?;
    Ok(Consultation {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        title: s(r, "title")?,
        topic: Topic::parse(&topic).ok_or_else(|| corrupt("topic", &topic))?,
        village_id: oi(r, "village_id")?,
        channels,
        published_on: date(r, "published_on")?,
        closes_on: date(r, "closes_on")?,
        draft_name: s(r, "draft_name")?,
        summary: s(r, "summary")?,
        decision: s(r, "decision")?,
        adopted: oi(r, "adopted")?.map(|a| a != 0),
        explanation: s(r, "explanation")?,
        closed_on: opt_date(r, "closed_on")?,
    })
}

fn channels(c: &Consultation) -> String {
    c.channels
        .iter()
        .map(|c| c.code())
        .collect::<Vec<_>>()
        .join(",")
}

pub async fn list(store: &Store, commune_id: i64) -> Result<Vec<Consultation>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM participation_consultations WHERE commune_id = $1 \
         ORDER BY published_on DESC, id DESC"
    ))
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

pub async fn get(store: &Store, commune_id: i64, id: i64) -> Result<Consultation> {
    let r = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM participation_consultations WHERE commune_id = $1 AND id = $2"
    ))
    .bind(commune_id)
    .bind(id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    decode(&r)
}

/// Adds (`id == 0`) or saves a consultation; returns its id.
pub async fn save(w: &mut WriteTx<'_>, actor: &str, c: &Consultation) -> Result<i64> {
    let adopted = c.adopted.map(i64::from);
    let closed = c.closed_on.map(|d| d.to_string());
    let id = if c.id == 0 {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO participation_consultations (commune_id, title, topic, village_id, \
             channels, published_on, closes_on, draft_name, summary, decision, adopted, \
             explanation, closed_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
             $13) RETURNING id",
        )
        .bind(c.commune_id)
        .bind(&c.title)
        .bind(c.topic.code())
        .bind(c.village_id)
        .bind(channels(c))
        .bind(c.published_on.to_string())
        .bind(c.closes_on.to_string())
        .bind(&c.draft_name)
        .bind(&c.summary)
        .bind(&c.decision)
        .bind(adopted)
        .bind(&c.explanation)
        .bind(closed)
        .fetch_one(&mut *w.tx)
        .await?;
        id
    } else {
        sqlx::query(
            "UPDATE participation_consultations SET title = $1, topic = $2, village_id = $3, \
             channels = $4, published_on = $5, closes_on = $6, draft_name = $7, summary = $8, \
             decision = $9, adopted = $10, explanation = $11, closed_on = $12 \
             WHERE commune_id = $13 AND id = $14",
        )
        .bind(&c.title)
        .bind(c.topic.code())
        .bind(c.village_id)
        .bind(channels(c))
        .bind(c.published_on.to_string())
        .bind(c.closes_on.to_string())
        .bind(&c.draft_name)
        .bind(&c.summary)
        .bind(&c.decision)
        .bind(adopted)
        .bind(&c.explanation)
        .bind(closed)
        .bind(c.commune_id)
        .bind(c.id)
        .execute(&mut *w.tx)
        .await?;
        c.id
    };
    audit::append(
        w,
        Change {
            commune_id: c.commune_id,
            actor,
            action: if c.id == 0 { "open" } else { "update" },
            entity: "participation_consultation",
            entity_id: id,
            before: serde_json::Value::Null,
            after: json!(c),
        },
    )
    .await?;
    Ok(id)
}

/// Keeps the draft document (replacing an earlier one) and its name on the consultation.
pub async fn save_draft(
    w: &mut WriteTx<'_>,
    actor: &str,
    c: &Consultation,
    name: &str,
    content_type: &str,
    bytes: &[u8],
) -> Result<()> {
    sqlx::query("DELETE FROM participation_consultation_drafts WHERE commune_id = $1 AND consultation_id = $2")
        .bind(c.commune_id)
        .bind(c.id)
        .execute(&mut *w.tx)
        .await?;
    sqlx::query(
        "INSERT INTO participation_consultation_drafts (commune_id, consultation_id, name, \
         content_type, content) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(c.commune_id)
    .bind(c.id)
    .bind(name)
    .bind(content_type)
    .bind(bytes.to_vec())
    .execute(&mut *w.tx)
    .await?;
    sqlx::query(
        "UPDATE participation_consultations SET draft_name = $1 WHERE commune_id = $2 AND id = $3",
    )
    .bind(name)
    .bind(c.commune_id)
    .bind(c.id)
    .execute(&mut *w.tx)
    .await?;
    audit::append(
        w,
        Change {
            commune_id: c.commune_id,
            actor,
            action: "draft",
            entity: "participation_consultation",
            entity_id: c.id,
            before: json!({"draft_name": c.draft_name}),
            after: json!({"draft_name": name, "size": bytes.len()}),
        },
    )
    .await
}

/// The draft as (file name, content type, bytes).
pub async fn draft(store: &Store, commune_id: i64, id: i64) -> Result<(String, String, Vec<u8>)> {
    let r = sqlx::query(
        "SELECT name, content_type, content FROM participation_consultation_drafts \
         WHERE commune_id = $1 AND consultation_id = $2",
    )
    .bind(commune_id)
    .bind(id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok((
        s(&r, "name")?,
        s(&r, "content_type")?,
        r.try_get::<Vec<u8>, _>("content")?,
    ))
}

fn decode_comment(r: &AnyRow) -> Result<Comment> {
    let stance = s(r, "stance")?;
    Ok(Comment {
        id: i(r, "id")?,
        consultation_id: i(r, "consultation_id")?,
        on: date(r, "on_date")?,
        who: s(r, "who")?,
        village_id: oi(r, "village_id")?,
        text: s(r, "text")?,
        stance: Stance::parse(&stance).ok_or_else(|| corrupt("stance", &stance))?,
    })
}

/// The comments of a consultation, oldest first.
pub async fn comments(store: &Store, commune_id: i64, id: i64) -> Result<Vec<Comment>> {
    let rows = sqlx::query(
        "SELECT id, consultation_id, on_date, who, village_id, text, stance \
         FROM participation_comments WHERE commune_id = $1 AND consultation_id = $2 \
         ORDER BY on_date, id",
    )
    .bind(commune_id)
    .bind(id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode_comment).collect()
}

pub async fn add_comment(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    c: &Comment,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO participation_comments (commune_id, consultation_id, on_date, who, \
         village_id, text, stance) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(commune_id)
    .bind(c.consultation_id)
    .bind(c.on.to_string())
    .bind(&c.who)
    .bind(c.village_id)
    .bind(&c.text)
    .bind(c.stance.code())
    .fetch_one(&mut *w.tx)
    .await?;
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: "comment",
            entity: "participation_comment",
            entity_id: id,
            before: serde_json::Value::Null,
            after: json!(c),
        },
    )
    .await?;
    Ok(id)
}

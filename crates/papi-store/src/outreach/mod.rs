//! Outreach (tuyên truyền): the log of communication work.
//!
//! Villages and dates of an entry are JSON lists (an entry covers several villages on several
//! days); `first_date` is kept beside them so the log sorts and filters by year in SQL. The
//! evidence file sits in its own table so listing the log never reads file contents.

use papi_core::outreach::{Channel, Entry, Topic};
use serde_json::json;
use sqlx::any::AnyRow;

use crate::participation::board::log;
use crate::rows::{corrupt, i, oi, s};
use crate::{Result, Store, StoreError, WriteTx};

const COLUMNS: &str = "id, commune_id, channel, topic, title, village_ids, dates, reach, \
    done_by, disclosure_id, evidence_name";

fn decode(r: &AnyRow) -> Result<Entry> {
    let channel = s(r, "channel")?;
    let topic = s(r, "topic")?;
    let villages = s(r, "village_ids")?;
    let dates = s(r, "dates")?;
    Ok(Entry {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        channel: Channel::parse(&channel).ok_or_else(|| corrupt("outreach.channel", &channel))?,
        topic: Topic::parse(&topic, "").map_err(|_| corrupt("outreach.topic", &topic))?,
        title: s(r, "title")?,
        village_ids: serde_json::from_str(&villages)
            .map_err(|e| corrupt("outreach.village_ids", e))?,
        dates: serde_json::from_str(&dates).map_err(|e| corrupt("outreach.dates", e))?,
        reach: oi(r, "reach")?.map(|n| n.clamp(0, i64::from(u32::MAX)) as u32),
        by: s(r, "done_by")?,
        disclosure_id: oi(r, "disclosure_id")?,
        evidence_name: s(r, "evidence_name")?,
    })
}

/// The log of a commune, newest first; `year` keeps the entries whose first day falls in it.
pub async fn list(store: &Store, commune_id: i64, year: Option<i32>) -> Result<Vec<Entry>> {
    let (from, to) = match year {
        Some(y) => (format!("{y:04}-01-01"), format!("{y:04}-12-31")),
        None => ("0000-01-01".into(), "9999-12-31".into()),
    };
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM outreach_entries WHERE commune_id = $1 \
         AND first_date >= $2 AND first_date <= $3 ORDER BY first_date DESC, id DESC"
    ))
    .bind(commune_id)
    .bind(from)
    .bind(to)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

/// The loudspeaker entries linked to a disclosure.
pub async fn for_disclosure(
    store: &Store,
    commune_id: i64,
    disclosure_id: i64,
) -> Result<Vec<Entry>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM outreach_entries WHERE commune_id = $1 AND disclosure_id = $2 \
         ORDER BY first_date, id"
    ))
    .bind(commune_id)
    .bind(disclosure_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

/// Every entry linked to some disclosure, for judging the whole register at once.
pub async fn linked_to_disclosures(store: &Store, commune_id: i64) -> Result<Vec<Entry>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM outreach_entries WHERE commune_id = $1 \
         AND disclosure_id IS NOT NULL ORDER BY first_date, id"
    ))
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

/// An uploaded evidence file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceFile {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Records an entry, with its evidence file if any, and returns its id.
pub async fn insert(
    w: &mut WriteTx<'_>,
    actor: &str,
    e: &Entry,
    file: Option<&EvidenceFile>,
) -> Result<i64> {
    let first = e
        .first_date()
        .ok_or_else(|| StoreError::Conflict("Ngày thực hiện: chưa nhập.".into()))?;
    let villages = serde_json::to_string(&e.village_ids).map_err(|x| corrupt("village_ids", x))?;
    let mut dates = e.dates.clone();
    dates.sort();
    let dates_json = serde_json::to_string(&dates).map_err(|x| corrupt("dates", x))?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO outreach_entries (commune_id, channel, topic, title, village_ids, dates, \
         first_date, reach, done_by, disclosure_id, evidence_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(e.commune_id)
    .bind(e.channel.code())
    .bind(e.topic.code())
    .bind(&e.title)
    .bind(villages)
    .bind(dates_json)
    .bind(first.to_string())
    .bind(e.reach.map(i64::from))
    .bind(&e.by)
    .bind(e.disclosure_id)
    .bind(file.map(|f| f.name.clone()).unwrap_or_default())
    .fetch_one(&mut *w.tx)
    .await?;
    if let Some(f) = file {
        sqlx::query(
            "INSERT INTO outreach_files (commune_id, entry_id, content_type, content) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(e.commune_id)
        .bind(id)
        .bind(&f.content_type)
        .bind(f.bytes.clone())
        .execute(&mut *w.tx)
        .await?;
    }
    log(
        w,
        actor,
        e.commune_id,
        "log_outreach",
        "outreach",
        id,
        json!({ "channel": e.channel.code(), "topic": e.topic.code(), "villages": e.village_ids, "dates": dates, "disclosure_id": e.disclosure_id, "evidence": file.map(|f| f.name.clone()) }),
    )
    .await?;
    Ok(id)
}

/// The evidence file of an entry of the commune.
pub async fn evidence(store: &Store, commune_id: i64, entry_id: i64) -> Result<EvidenceFile> {
    let row = sqlx::query(
        "SELECT e.evidence_name, f.content_type, f.content FROM outreach_files f \
         JOIN outreach_entries e ON e.id = f.entry_id \
         WHERE f.commune_id = $1 AND f.entry_id = $2",
    )
    .bind(commune_id)
    .bind(entry_id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    use sqlx::Row;
    Ok(EvidenceFile {
        name: s(&row, "evidence_name")?,
        content_type: s(&row, "content_type")?,
        bytes: row.try_get::<Vec<u8>, _>("content")?,
    })
}

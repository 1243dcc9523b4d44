//! A check's own copy of its checklist: the criteria, each verdict and evidence note, and an
//! optional evidence file kept in the database with the rest of the record (backups carry it).

use papi_core::inspection::{Criterion, Verdict};
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{corrupt, i, os, s};
use crate::{Result, Store, StoreError, WriteTx};

fn decode(r: &AnyRow) -> Result<Criterion> {
    let verdict = s(r, "verdict")?;
    Ok(Criterion {
        id: i(r, "id")?,
        inspection_id: i(r, "inspection_id")?,
        position: i(r, "position")?,
        text: s(r, "text")?,
        verdict: Verdict::parse(&verdict)
            .ok_or_else(|| corrupt("inspection_criteria.verdict", &verdict))?,
        note: s(r, "note")?,
        file_name: os(r, "file_name")?,
    })
}

/// Adds a criterion (no audit entry of its own: it is part of the check or checklist write
/// that calls it).
pub(crate) async fn insert(w: &mut WriteTx<'_>, commune_id: i64, c: &Criterion) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO inspection_criteria (commune_id, inspection_id, position, text, verdict, \
         note) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(commune_id)
    .bind(c.inspection_id)
    .bind(c.position)
    .bind(&c.text)
    .bind(c.verdict.code())
    .bind(&c.note)
    .fetch_one(&mut *w.tx)
    .await?;
    Ok(id)
}

/// The checklist of a check, in order.
pub async fn list(store: &Store, commune_id: i64, inspection_id: i64) -> Result<Vec<Criterion>> {
    let rows = sqlx::query(
        "SELECT id, inspection_id, position, text, verdict, note, file_name \
         FROM inspection_criteria WHERE commune_id = $1 AND inspection_id = $2 \
         ORDER BY position, id",
    )
    .bind(commune_id)
    .bind(inspection_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

/// An evidence file to attach to a criterion.
#[derive(Debug, Clone)]
pub struct File {
    pub name: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// Saves the verdicts and notes of a check's checklist as typed (criteria matched by id, new
/// ones, id 0, added at the end), with the files given for some criteria.
pub async fn save(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    inspection_id: i64,
    criteria: &[Criterion],
    files: &[(i64, File)],
) -> Result<()> {
    for c in criteria {
        if c.id == 0 {
            insert(w, commune_id, c).await?;
            continue;
        }
        sqlx::query(
            "UPDATE inspection_criteria SET text = $1, verdict = $2, note = $3 \
             WHERE commune_id = $4 AND inspection_id = $5 AND id = $6",
        )
        .bind(&c.text)
        .bind(c.verdict.code())
        .bind(&c.note)
        .bind(commune_id)
        .bind(inspection_id)
        .bind(c.id)
        .execute(&mut *w.tx)
        .await?;
    }
    for (criterion_id, f) in files {
        sqlx::query(
            "UPDATE inspection_criteria SET file_name = $1, file_type = $2, file_content = $3 \
             WHERE commune_id = $4 AND inspection_id = $5 AND id = $6",
        )
        .bind(&f.name)
        .bind(&f.content_type)
        .bind(&f.content)
        .bind(commune_id)
        .bind(inspection_id)
        .bind(criterion_id)
        .execute(&mut *w.tx)
        .await?;
    }
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: "save_checklist",
            entity: "inspection",
            entity_id: inspection_id,
            before: serde_json::Value::Null,
            after: json!({
                "verdicts": criteria.iter().map(|c| c.verdict.code()).collect::<Vec<_>>(),
                "files": files.iter().map(|(id, f)| json!({"criterion": id, "name": f.name})).collect::<Vec<_>>(),
            }),
        },
    )
    .await?;
    Ok(())
}

/// The evidence file of a criterion: name, type, content.
pub async fn file(
    store: &Store,
    commune_id: i64,
    criterion_id: i64,
) -> Result<(i64, String, String, Vec<u8>)> {
    let r = sqlx::query(
        "SELECT inspection_id, file_name, file_type, file_content FROM inspection_criteria \
         WHERE commune_id = $1 AND id = $2 AND file_name IS NOT NULL",
    )
    .bind(commune_id)
    .bind(criterion_id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    let content: Vec<u8> = sqlx::Row::try_get(&r, "file_content")?;
    Ok((
        i(&r, "inspection_id")?,
        s(&r, "file_name")?,
        s(&r, "file_type")?,
        content,
    ))
}

//! The files of the register: the document a version discloses and the photos that show a
//! posting was up. Kept in the database with their SHA-256, as the task evidence is, so a backup
//! carries them and the audit entry can name them without their bytes.

use serde::Serialize;
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{i, oi, s};
use crate::{Result, Store, StoreError, WriteTx};

/// A file as uploaded.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub original_name: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// A stored file without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileMeta {
    pub id: i64,
    pub disclosure_id: i64,
    pub form_id: Option<i64>,
    /// `document` or `photo`.
    pub role: String,
    pub original_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
}

fn decode(r: &AnyRow) -> Result<FileMeta> {
    Ok(FileMeta {
        id: i(r, "id")?,
        disclosure_id: i(r, "disclosure_id")?,
        form_id: oi(r, "form_id")?,
        role: s(r, "role")?,
        original_name: s(r, "original_name")?,
        content_type: s(r, "content_type")?,
        size: i(r, "size")?,
        sha256: s(r, "sha256")?,
    })
}

/// Stores a file of an entry (`role` is `document` or `photo`) and returns its id.
pub async fn add_file(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    disclosure_id: i64,
    form_id: Option<i64>,
    role: &str,
    f: &NewFile,
) -> Result<i64> {
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&f.content));
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO disclosure_files (commune_id, disclosure_id, form_id, role, original_name, \
         content_type, size, sha256, content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         RETURNING id",
    )
    .bind(commune_id)
    .bind(disclosure_id)
    .bind(form_id)
    .bind(role)
    .bind(&f.original_name)
    .bind(&f.content_type)
    .bind(f.content.len() as i64)
    .bind(&sha)
    .bind(&f.content)
    .fetch_one(&mut *w.tx)
    .await?;
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: if role == "photo" {
                "add_photo"
            } else {
                "attach_document"
            },
            entity: "disclosure",
            entity_id: disclosure_id,
            before: serde_json::Value::Null,
            after: json!({ "file_id": id, "form_id": form_id, "name": f.original_name, "sha256": sha }),
        },
    )
    .await?;
    Ok(id)
}

/// The files of an entry, without their bytes.
pub async fn files(store: &Store, commune_id: i64, disclosure_id: i64) -> Result<Vec<FileMeta>> {
    let rows = sqlx::query(
        "SELECT id, disclosure_id, form_id, role, original_name, content_type, size, sha256 \
         FROM disclosure_files WHERE commune_id = $1 AND disclosure_id = $2 ORDER BY id",
    )
    .bind(commune_id)
    .bind(disclosure_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

/// One file of the commune with its bytes.
pub async fn file(store: &Store, commune_id: i64, id: i64) -> Result<(FileMeta, Vec<u8>)> {
    let r = sqlx::query(
        "SELECT id, disclosure_id, form_id, role, original_name, content_type, size, sha256, \
         content FROM disclosure_files WHERE commune_id = $1 AND id = $2",
    )
    .bind(commune_id)
    .bind(id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    let content: Vec<u8> = sqlx::Row::try_get(&r, "content")?;
    Ok((decode(&r)?, content))
}

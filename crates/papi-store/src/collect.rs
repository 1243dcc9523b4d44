//! Field collection: enumerators' accounts, every submission as received (with its status and
//! reason), its attachments, the survey's fieldwork window, and the key that signs Digest
//! nonces. Accepted submissions also become rows of `survey_responses` (channel `odk`), in
//! the same transaction. What a submission becomes is decided by `papi_core::collect`.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use papi_core::collect::{digest_ha1, parse_villages, SubmissionStatus};
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{i, s};
use crate::survey::Response;
use crate::{now_utc, Result, Store, StoreError, WriteTx};

/// An enumerator's account (ODK Collect signs in with it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enumerator {
    pub id: i64,
    pub commune_id: i64,
    pub login: String,
    pub name: String,
    /// Villages they collect in; empty = any.
    pub villages: Vec<String>,
    pub active: bool,
    pub created_at: String,
}

fn decode_enumerator(r: &AnyRow) -> Result<Enumerator> {
    Ok(Enumerator {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        login: s(r, "login")?,
        name: s(r, "name")?,
        villages: parse_villages(&s(r, "villages")?),
        active: i(r, "active")? != 0,
        created_at: s(r, "created_at")?,
    })
}

const ENUMERATOR_COLUMNS: &str = "id, commune_id, login, name, villages, active, created_at";

/// Creates an enumerator with `password` (argon2 hash for Basic, HA1 for Digest).
pub async fn insert_enumerator(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    login: &str,
    name: &str,
    villages: &[String],
    password: &str,
) -> Result<i64> {
    let taken: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM survey_enumerators WHERE commune_id = $1 AND login = $2")
            .bind(commune_id)
            .bind(login)
            .fetch_optional(&mut *w.tx)
            .await?;
    if taken.is_some() {
        return Err(StoreError::Conflict(format!(
            "Tên đăng nhập “{login}” đã có điều tra viên khác dùng."
        )));
    }
    let hash = {
        let pw = password.to_string();
        tokio::task::spawn_blocking(move || {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(pw.as_bytes(), &salt)
                .map(|h| h.to_string())
        })
        .await
        .map_err(|e| StoreError::Conflict(format!("argon2: {e}")))?
        .map_err(|e| StoreError::Conflict(format!("argon2: {e}")))?
    };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO survey_enumerators (commune_id, login, name, villages, password_hash, digest_ha1, active, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7) RETURNING id",
    )
    .bind(commune_id)
    .bind(login)
    .bind(name)
    .bind(villages.join("\n"))
    .bind(&hash)
    .bind(digest_ha1(login, password))
    .bind(now_utc())
    .fetch_one(&mut *w.tx)
    .await?;
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: "create",
            entity: "survey_enumerator",
            entity_id: id,
            before: json!(null),
            after: json!({"login": login, "name": name, "villages": villages}),
        },
    )
    .await?;
    Ok(id)
}

/// Turns an enumerator's account on or off.
pub async fn set_active(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    id: i64,
    active: bool,
) -> Result<()> {
    let done =
        sqlx::query("UPDATE survey_enumerators SET active = $1 WHERE id = $2 AND commune_id = $3")
            .bind(active as i64)
            .bind(id)
            .bind(commune_id)
            .execute(&mut *w.tx)
            .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: if active { "activate" } else { "deactivate" },
            entity: "survey_enumerator",
            entity_id: id,
            before: json!({"active": !active}),
            after: json!({"active": active}),
        },
    )
    .await
}

pub async fn enumerators(store: &Store, commune_id: i64) -> Result<Vec<Enumerator>> {
    let rows = sqlx::query(&format!(
        "SELECT {ENUMERATOR_COLUMNS} FROM survey_enumerators WHERE commune_id = $1 ORDER BY login"
    ))
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode_enumerator).collect()
}

/// An enumerator by login with the stored Digest HA1 and argon2 hash.
pub async fn by_login(
    store: &Store,
    commune_id: i64,
    login: &str,
) -> Result<Option<(Enumerator, String, String)>> {
    let row = sqlx::query(&format!(
        "SELECT {ENUMERATOR_COLUMNS}, digest_ha1, password_hash FROM survey_enumerators WHERE commune_id = $1 AND login = $2"
    ))
    .bind(commune_id)
    .bind(login)
    .fetch_optional(&store.pool)
    .await?;
    match row {
        None => Ok(None),
        Some(r) => Ok(Some((
            decode_enumerator(&r)?,
            s(&r, "digest_ha1")?,
            s(&r, "password_hash")?,
        ))),
    }
}

/// Checks a password against an argon2 hash, off the async workers.
pub async fn password_matches(password: &str, hash: &str) -> bool {
    let (pw, hash) = (password.to_string(), hash.to_string());
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .is_ok_and(|h| Argon2::default().verify_password(pw.as_bytes(), &h).is_ok())
    })
    .await
    .unwrap_or(false)
}

/// The key that signs Digest nonces, made on first use and shared through the database.
pub async fn nonce_key(store: &Store) -> Result<Vec<u8>> {
    let row: Option<(String,)> = sqlx::query_as("SELECT secret FROM collect_keys WHERE id = 1")
        .fetch_optional(&store.pool)
        .await?;
    if let Some((k,)) = row {
        return Ok(k.into_bytes());
    }
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let fresh = hex::encode(bytes);
    // Two servers may race: the first row wins and both read it back.
    let _ = sqlx::query(
        "INSERT INTO collect_keys (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING",
    )
    .bind(&fresh)
    .execute(&store.pool)
    .await?;
    let (k,): (String,) = sqlx::query_as("SELECT secret FROM collect_keys WHERE id = 1")
        .fetch_one(&store.pool)
        .await?;
    Ok(k.into_bytes())
}

/// A survey's fieldwork window as stored (ISO dates; empty = unset).
pub async fn window(store: &Store, survey_id: i64) -> Result<(String, String)> {
    sqlx::query_as("SELECT field_opens, field_closes FROM surveys WHERE id = $1")
        .bind(survey_id)
        .fetch_optional(&store.pool)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Sets a survey's fieldwork window (ISO dates; empty = unset).
pub async fn set_window(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    survey_id: i64,
    opens: &str,
    closes: &str,
) -> Result<()> {
    let before: Option<(String, String)> = sqlx::query_as(
        "SELECT field_opens, field_closes FROM surveys WHERE id = $1 AND commune_id = $2",
    )
    .bind(survey_id)
    .bind(commune_id)
    .fetch_optional(&mut *w.tx)
    .await?;
    let (o, c) = before.ok_or(StoreError::NotFound)?;
    sqlx::query("UPDATE surveys SET field_opens = $1, field_closes = $2 WHERE id = $3")
        .bind(opens)
        .bind(closes)
        .bind(survey_id)
        .execute(&mut *w.tx)
        .await?;
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: "fieldwork_window",
            entity: "survey",
            entity_id: survey_id,
            before: json!({"opens": o, "closes": c}),
            after: json!({"opens": opens, "closes": closes}),
        },
    )
    .await
}

/// One submission as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub id: i64,
    pub commune_id: i64,
    pub survey_id: i64,
    pub instance_id: String,
    pub enumerator: String,
    pub received_at: String,
    pub status: SubmissionStatus,
    pub reason: String,
    pub village: String,
    pub xml: String,
}

fn decode_submission(r: &AnyRow) -> Result<Submission> {
    let status = s(r, "status")?;
    Ok(Submission {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        survey_id: i(r, "survey_id")?,
        instance_id: s(r, "instance_id")?,
        enumerator: s(r, "enumerator")?,
        received_at: s(r, "received_at")?,
        status: SubmissionStatus::parse(&status)
            .ok_or_else(|| crate::rows::corrupt("survey_submissions.status", &status))?,
        reason: s(r, "reason")?,
        village: s(r, "village")?,
        xml: s(r, "xml")?,
    })
}

const SUBMISSION_COLUMNS: &str =
    "id, commune_id, survey_id, instance_id, enumerator, received_at, status, reason, village, xml";

/// The submission with this instanceID that counts (accepted, or still waiting for its
/// attachments), if any.
pub async fn standing(
    store: &Store,
    survey_id: i64,
    instance_id: &str,
) -> Result<Option<Submission>> {
    let row = sqlx::query(&format!(
        "SELECT {SUBMISSION_COLUMNS} FROM survey_submissions WHERE survey_id = $1 AND instance_id = $2 \
         AND status IN ('accepted', 'incomplete') ORDER BY id LIMIT 1"
    ))
    .bind(survey_id)
    .bind(instance_id)
    .fetch_optional(&store.pool)
    .await?;
    row.map(|r| decode_submission(&r)).transpose()
}

/// A file that came with a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub name: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// What to record of one post.
pub struct Received<'a> {
    pub commune_id: i64,
    pub survey_id: i64,
    pub instance_id: &'a str,
    pub enumerator: &'a str,
    pub status: SubmissionStatus,
    pub reason: &'a str,
    pub village: &'a str,
    pub xml: &'a str,
    /// `Some(id)`: this post completes (or adds files to) an earlier incomplete submission.
    pub continues: Option<i64>,
    pub files: &'a [NewFile],
    /// The scored answers to store when the status is `Accepted`.
    pub response: Option<&'a Response>,
}

/// Records one post of a submission, its files and, when accepted, the response row, in one
/// transaction with its audit entry. Returns the submission's id. A file already stored
/// under the same name for that submission is kept once.
pub async fn record(w: &mut WriteTx<'_>, r: Received<'_>) -> Result<i64> {
    let id = match r.continues {
        Some(id) => {
            sqlx::query("UPDATE survey_submissions SET status = $1, reason = $2, received_at = $3 WHERE id = $4 AND commune_id = $5")
                .bind(r.status.code())
                .bind(r.reason)
                .bind(now_utc())
                .bind(id)
                .bind(r.commune_id)
                .execute(&mut *w.tx)
                .await?;
            id
        }
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO survey_submissions (commune_id, survey_id, instance_id, enumerator, received_at, status, reason, village, xml) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(r.commune_id)
            .bind(r.survey_id)
            .bind(r.instance_id)
            .bind(r.enumerator)
            .bind(now_utc())
            .bind(r.status.code())
            .bind(r.reason)
            .bind(r.village)
            .bind(r.xml)
            .fetch_one(&mut *w.tx)
            .await?;
            id
        }
    };
    // Attachments are kept for submissions that count (or may still count).
    if matches!(
        r.status,
        SubmissionStatus::Accepted | SubmissionStatus::Incomplete
    ) {
        add_files(w, r.commune_id, id, r.files).await?;
    }
    if let (SubmissionStatus::Accepted, Some(resp)) = (r.status, r.response) {
        sqlx::query(
            "INSERT INTO survey_responses (commune_id, survey_id, uuid, village, sex, age_band, submitted_at, answers_json, scores_json, complete, enumerator, channel) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, 'odk')",
        )
        .bind(r.commune_id)
        .bind(r.survey_id)
        .bind(&resp.uuid)
        .bind(&resp.village)
        .bind(&resp.sex)
        .bind(&resp.age_band)
        .bind(&resp.submitted_at)
        .bind(serde_json::to_string(&resp.answers).unwrap_or_else(|_| "{}".into()))
        .bind(serde_json::to_string(&resp.scores).unwrap_or_else(|_| "[]".into()))
        .bind(r.enumerator)
        .execute(&mut *w.tx)
        .await?;
    }
    audit::append(
        w,
        Change {
            commune_id: r.commune_id,
            actor: &format!("điều tra viên {}", r.enumerator),
            action: "submit",
            entity: "survey_submission",
            entity_id: id,
            before: json!(null),
            after: json!({
                "survey_id": r.survey_id,
                "instance_id": r.instance_id,
                "status": r.status.code(),
                "reason": r.reason,
                "files": r.files.iter().map(|f| &f.name).collect::<Vec<_>>(),
            }),
        },
    )
    .await?;
    Ok(id)
}

/// Stores files of a submission; one already stored under the same name is kept once.
pub async fn add_files(
    w: &mut WriteTx<'_>,
    commune_id: i64,
    submission_id: i64,
    files: &[NewFile],
) -> Result<()> {
    for f in files {
        let have: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM survey_submission_files WHERE commune_id = $1 AND submission_id = $2 AND name = $3",
        )
        .bind(commune_id)
        .bind(submission_id)
        .bind(&f.name)
        .fetch_optional(&mut *w.tx)
        .await?;
        if have.is_some() {
            continue;
        }
        sqlx::query(
            "INSERT INTO survey_submission_files (commune_id, submission_id, name, content_type, content) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(commune_id)
        .bind(submission_id)
        .bind(&f.name)
        .bind(&f.content_type)
        .bind(&f.content)
        .execute(&mut *w.tx)
        .await?;
    }
    Ok(())
}

/// Whether a response row with this uuid exists (imported from a file, say).
pub async fn response_exists(store: &Store, survey_id: i64, uuid: &str) -> Result<bool> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM survey_responses WHERE survey_id = $1 AND uuid = $2")
            .bind(survey_id)
            .bind(uuid)
            .fetch_optional(&store.pool)
            .await?;
    Ok(row.is_some())
}

/// A survey's submissions, newest first (at most `limit`).
pub async fn submissions(
    store: &Store,
    commune_id: i64,
    survey_id: i64,
    limit: i64,
) -> Result<Vec<Submission>> {
    let rows = sqlx::query(&format!(
        "SELECT {SUBMISSION_COLUMNS} FROM survey_submissions WHERE commune_id = $1 AND survey_id = $2 ORDER BY id DESC LIMIT $3"
    ))
    .bind(commune_id)
    .bind(survey_id)
    .bind(limit)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode_submission).collect()
}

/// A stored attachment's metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    pub id: i64,
    pub submission_id: i64,
    pub name: String,
    pub content_type: String,
    pub size: i64,
}

/// The attachments of a survey's submissions.
pub async fn files(store: &Store, commune_id: i64, survey_id: i64) -> Result<Vec<FileInfo>> {
    let rows = sqlx::query(
        "SELECT f.id, f.submission_id, f.name, f.content_type, CAST(LENGTH(f.content) AS BIGINT) AS size \
         FROM survey_submission_files f JOIN survey_submissions s ON s.id = f.submission_id \
         WHERE f.commune_id = $1 AND s.survey_id = $2 ORDER BY f.id",
    )
    .bind(commune_id)
    .bind(survey_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(FileInfo {
                id: i(r, "id")?,
                submission_id: i(r, "submission_id")?,
                name: s(r, "name")?,
                content_type: s(r, "content_type")?,
                size: i(r, "size")?,
            })
        })
        .collect()
}

/// One attachment's content (name, type, bytes), within the commune.
pub async fn file(
    store: &Store,
    commune_id: i64,
    file_id: i64,
) -> Result<(String, String, Vec<u8>)> {
    let r = sqlx::query(
        "SELECT name, content_type, content FROM survey_submission_files WHERE id = $1 AND commune_id = $2",
    )
    .bind(file_id)
    .bind(commune_id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    let content: Vec<u8> = sqlx::Row::try_get(&r, "content")?;
    Ok((s(&r, "name")?, s(&r, "content_type")?, content))
}

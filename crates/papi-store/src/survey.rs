//! The resident self-assessment: surveys, their responses (raw answers, scored on reading),
//! the population table for weighting, and the official provincial scores to compare with.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::any::AnyRow;

use papi_core::survey_review::{initial_review, Review};

use crate::audit::{self, Change};
use crate::rows::{i, s};
use crate::{now_utc, Result, Store, StoreError, WriteTx};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SurveyRecord {
    pub id: i64,
    pub commune_id: i64,
    pub year: i64,
    pub title: String,
    /// The questionnaire as JSON (papi-index's `Questionnaire`).
    pub questionnaire_json: String,
    /// Age-band labels in order, e.g. ["18-29", "30-44", "45-59", "60+"].
    pub age_bands: Vec<String>,
}

/// One respondent: who and where (no name is kept), and the raw answers by question name.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Response {
    pub uuid: String,
    pub village: String,
    pub sex: String,
    pub age_band: String,
    pub submitted_at: String,
    pub answers: BTreeMap<String, String>,
    /// One rescaled (1–10) value per indicator, `None` where not eligible or missing; filled
    /// when the response is complete (imports come scored).
    pub scores: Vec<Option<f32>>,
    pub complete: bool,
}

fn decode_survey(r: &AnyRow) -> Result<SurveyRecord> {
    let bands = s(r, "age_bands")?;
    Ok(SurveyRecord {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        year: i(r, "year")?,
        title: s(r, "title")?,
        questionnaire_json: s(r, "questionnaire_json")?,
        age_bands: serde_json::from_str(&bands)
            .map_err(|e| StoreError::Corrupt(format!("age_bands: {e}")))?,
    })
}

pub async fn insert_survey(w: &mut WriteTx<'_>, actor: &str, sv: &SurveyRecord) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO surveys (commune_id, year, title, questionnaire_json, age_bands, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(sv.commune_id)
    .bind(sv.year)
    .bind(&sv.title)
    .bind(&sv.questionnaire_json)
    .bind(serde_json::to_string(&sv.age_bands).unwrap_or_else(|_| "[]".into()))
    .bind(now_utc())
    .fetch_one(&mut *w.tx)
    .await?;
    let change = Change {
        commune_id: sv.commune_id,
        actor,
        action: "create",
        entity: "survey",
        entity_id: id,
        before: json!(null),
        after: json!({"year": sv.year, "title": sv.title}),
    };
    audit::append(w, change).await?;
    Ok(id)
}

pub async fn surveys(store: &Store, commune_id: i64) -> Result<Vec<SurveyRecord>> {
    let rows = sqlx::query("SELECT id, commune_id, year, title, questionnaire_json, age_bands FROM surveys WHERE commune_id = $1 ORDER BY year DESC, id DESC")
        .bind(commune_id)
        .fetch_all(&store.pool)
        .await?;
    rows.iter().map(decode_survey).collect()
}

pub async fn survey(store: &Store, id: i64) -> Result<SurveyRecord> {
    let r = sqlx::query("SELECT id, commune_id, year, title, questionnaire_json, age_bands FROM surveys WHERE id = $1")
        .bind(id)
        .fetch_optional(&store.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
    decode_survey(&r)
}

/// Stores responses all together (an import is all or nothing); a uuid seen before is a conflict.
pub async fn insert_responses(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    survey_id: i64,
    responses: &[Response],
) -> Result<()> {
    insert_responses_from(
        w,
        actor,
        commune_id,
        survey_id,
        responses.len(),
        &|i| responses[i].clone(),
        &|_| {},
    )
    .await
}

/// Rows per `INSERT` of [`insert_responses_from`]. Small on purpose: the SQLite driver finds
/// each bound parameter by a name lookup that scans the statement's parameters, so a
/// statement of n parameters costs n²; at 400 rows (4,000 parameters) that lookup was 62 % of
/// a million-row import, at 25 rows it is negligible beside the writing.
const INSERT_BATCH: usize = 25;

/// As [`insert_responses`] for `count` responses made one at a time by `response(i)` (a
/// large import is not held twice), stored by multi-row `INSERT`s; `progress` hears how many
/// are stored so far. One audit entry for the whole import.
pub async fn insert_responses_from(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    survey_id: i64,
    count: usize,
    response: &(dyn Fn(usize) -> Response + Send + Sync),
    progress: &(dyn Fn(usize) + Send + Sync),
) -> Result<()> {
    let taken: Vec<(String,)> =
        sqlx::query_as("SELECT uuid FROM survey_responses WHERE survey_id = $1")
            .bind(survey_id)
            .fetch_all(&mut *w.tx)
            .await?;
    let taken: std::collections::HashSet<String> = taken.into_iter().map(|t| t.0).collect();
    let mut done = 0;
    while done < count {
        let batch: Vec<Response> = (done..count.min(done + INSERT_BATCH))
            .map(response)
            .collect();
        if let Some(r) = batch.iter().find(|r| taken.contains(&r.uuid)) {
            return Err(StoreError::Conflict(format!(
                "Phiếu {} đã được nhập trước đây.",
                r.uuid
            )));
        }
        let mut sql = String::with_capacity(64 + batch.len() * 48);
        sql.push_str("INSERT INTO survey_responses (commune_id, survey_id, uuid, village, sex, age_band, submitted_at, answers_json, scores_json, complete) VALUES ");
        for k in 0..batch.len() {
            if k > 0 {
                sql.push(',');
            }
            let b = k * 10;
            sql.push_str(&format!(
                "(${},${},${},${},${},${},${},${},${},${})",
                b + 1,
                b + 2,
                b + 3,
                b + 4,
                b + 5,
                b + 6,
                b + 7,
                b + 8,
                b + 9,
                b + 10
            ));
        }
        let mut q = sqlx::query(&sql);
        for r in &batch {
            q = q
                .bind(commune_id)
                .bind(survey_id)
                .bind(r.uuid.as_str())
                .bind(r.village.as_str())
                .bind(r.sex.as_str())
                .bind(r.age_band.as_str())
                .bind(r.submitted_at.as_str())
                .bind(serde_json::to_string(&r.answers).unwrap_or_else(|_| "{}".into()))
                .bind(serde_json::to_string(&r.scores).unwrap_or_else(|_| "[]".into()))
                .bind(r.complete as i64);
        }
        q.execute(&mut *w.tx).await?;
        done += batch.len();
        progress(done);
    }
    let change = Change {
        commune_id,
        actor,
        action: "import",
        entity: "survey_responses",
        entity_id: survey_id,
        before: json!(null),
        after: json!({"count": count}),
    };
    audit::append(w, change).await
}

fn decode_response(r: &AnyRow) -> Result<Response> {
    let answers = s(r, "answers_json")?;
    let scores = s(r, "scores_json")?;
    Ok(Response {
        uuid: s(r, "uuid")?,
        village: s(r, "village")?,
        sex: s(r, "sex")?,
        age_band: s(r, "age_band")?,
        submitted_at: s(r, "submitted_at")?,
        answers: serde_json::from_str(&answers)
            .map_err(|e| StoreError::Corrupt(format!("answers: {e}")))?,
        scores: serde_json::from_str(&scores)
            .map_err(|e| StoreError::Corrupt(format!("scores: {e}")))?,
        complete: i(r, "complete")? != 0,
    })
}

const RESPONSE_COLUMNS: &str =
    "uuid, village, sex, age_band, submitted_at, answers_json, scores_json, complete";

/// Completed responses, in the order they came.
pub async fn responses(store: &Store, survey_id: i64) -> Result<Vec<Response>> {
    let rows = sqlx::query(&format!("SELECT {RESPONSE_COLUMNS} FROM survey_responses WHERE survey_id = $1 AND complete = 1 AND review = 'accepted' ORDER BY id"))
        .bind(survey_id)
        .fetch_all(&store.pool)
        .await?;
    rows.iter().map(decode_response).collect()
}

pub async fn response_uuids(store: &Store, survey_id: i64) -> Result<Vec<String>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT uuid FROM survey_responses WHERE survey_id = $1")
            .bind(survey_id)
            .fetch_all(&store.pool)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// A respondent's form in progress (web form), by its uuid.
pub async fn response(store: &Store, survey_id: i64, uuid: &str) -> Result<Option<Response>> {
    let row = sqlx::query(&format!(
        "SELECT {RESPONSE_COLUMNS} FROM survey_responses WHERE survey_id = $1 AND uuid = $2"
    ))
    .bind(survey_id)
    .bind(uuid)
    .fetch_optional(&store.pool)
    .await?;
    row.map(|r| decode_response(&r)).transpose()
}

/// Starts a web respondent's form: saved at once, completed later answer by answer.
/// `origin` is where it came from (hashed); `invitation` a one-time code that lets the
/// answers count without review (refused with `Conflict` when unknown or already used).
/// Returns the review the response starts in.
pub async fn start_response(
    store: &Store,
    commune_id: i64,
    survey_id: i64,
    r: &Response,
    origin: &str,
    invitation: Option<&str>,
) -> Result<Review> {
    let mut w = store.begin_write().await?;
    let invited = match invitation {
        Some(code) => {
            if !crate::survey_review::use_invitation(&mut w, survey_id, code, &r.uuid).await? {
                return Err(StoreError::Conflict(
                    "Mã mời không đúng hoặc đã được dùng. Vui lòng kiểm tra lại mã trên phiếu mời."
                        .into(),
                ));
            }
            true
        }
        None => false,
    };
    let review = initial_review(invited);
    sqlx::query(
        "INSERT INTO survey_responses (commune_id, survey_id, uuid, village, sex, age_band, submitted_at, answers_json, scores_json, complete, review, origin, started_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, '{}', '[]', 0, $8, $9, $7)",
    )
    .bind(commune_id)
    .bind(survey_id)
    .bind(&r.uuid)
    .bind(&r.village)
    .bind(&r.sex)
    .bind(&r.age_band)
    .bind(&r.submitted_at)
    .bind(review.code())
    .bind(origin)
    .execute(&mut *w.tx)
    .await?;
    w.commit().await?;
    Ok(review)
}

/// Saves one answer as it is given (so nothing typed is lost if the phone goes off); with
/// `scores`, the response is complete and counts from then on.
pub async fn save_answer(
    store: &Store,
    survey_id: i64,
    uuid: &str,
    question: &str,
    value: &str,
    scores: Option<&[Option<f32>]>,
) -> Result<()> {
    let complete = scores.is_some();
    let mut w = store.begin_write().await?;
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT answers_json, complete FROM survey_responses WHERE survey_id = $1 AND uuid = $2",
    )
    .bind(survey_id)
    .bind(uuid)
    .fetch_optional(&mut *w.tx)
    .await?;
    let (json_text, done) = row.ok_or(StoreError::NotFound)?;
    if done != 0 {
        return Err(StoreError::Conflict(
            "Phiếu này đã hoàn thành, không sửa được.".into(),
        ));
    }
    let mut answers: BTreeMap<String, String> =
        serde_json::from_str(&json_text).unwrap_or_default();
    if !question.is_empty() {
        answers.insert(question.to_string(), value.to_string());
    }
    sqlx::query("UPDATE survey_responses SET answers_json = $1, complete = $2, submitted_at = $3, scores_json = $4 WHERE survey_id = $5 AND uuid = $6")
        .bind(serde_json::to_string(&answers).unwrap_or_else(|_| "{}".into()))
        .bind(complete as i64)
        .bind(now_utc())
        .bind(serde_json::to_string(&scores.unwrap_or(&[])).unwrap_or_else(|_| "[]".into()))
        .bind(survey_id)
        .bind(uuid)
        .execute(&mut *w.tx)
        .await?;
    w.commit().await
}

/// One row of the population table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PopulationRow {
    pub village: String,
    pub sex: String,
    pub age_band: String,
    pub population: i64,
}

/// Replaces the survey's population table.
pub async fn set_population(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    survey_id: i64,
    rows: &[PopulationRow],
) -> Result<()> {
    sqlx::query("DELETE FROM survey_population WHERE survey_id = $1")
        .bind(survey_id)
        .execute(&mut *w.tx)
        .await?;
    for r in rows {
        sqlx::query("INSERT INTO survey_population (commune_id, survey_id, village, sex, age_band, population) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(commune_id)
            .bind(survey_id)
            .bind(&r.village)
            .bind(&r.sex)
            .bind(&r.age_band)
            .bind(r.population)
            .execute(&mut *w.tx)
            .await?;
    }
    let change = Change {
        commune_id,
        actor,
        action: "import",
        entity: "survey_population",
        entity_id: survey_id,
        before: json!(null),
        after: json!({"rows": rows.len()}),
    };
    audit::append(w, change).await
}

pub async fn population(store: &Store, survey_id: i64) -> Result<Vec<PopulationRow>> {
    let rows = sqlx::query("SELECT village, sex, age_band, population FROM survey_population WHERE survey_id = $1 ORDER BY village, sex, age_band")
        .bind(survey_id)
        .fetch_all(&store.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(PopulationRow {
                village: s(r, "village")?,
                sex: s(r, "sex")?,
                age_band: s(r, "age_band")?,
                population: i(r, "population")?,
            })
        })
        .collect()
}

/// Official provincial scores: (province, year, sub-dimension, score). Replaces what was there
/// for the same keys; returns how many were stored.
pub async fn import_provincial(
    store: &Store,
    scores: &[(String, i64, String, f64)],
) -> Result<usize> {
    let mut w = store.begin_write().await?;
    for (province, year, sub, score) in scores {
        sqlx::query(
            "DELETE FROM provincial_scores WHERE province = $1 AND year = $2 AND subdimension = $3",
        )
        .bind(province)
        .bind(year)
        .bind(sub)
        .execute(&mut *w.tx)
        .await?;
        sqlx::query("INSERT INTO provincial_scores (province, year, subdimension, score) VALUES ($1, $2, $3, $4)")
            .bind(province)
            .bind(year)
            .bind(sub)
            .bind(score)
            .execute(&mut *w.tx)
            .await?;
    }
    w.commit().await?;
    Ok(scores.len())
}

/// Every stored provincial score.
pub async fn provincial(store: &Store) -> Result<Vec<(String, i64, String, f64)>> {
    let rows: Vec<(String, i64, String, f64)> = sqlx::query_as("SELECT province, year, subdimension, score FROM provincial_scores ORDER BY year, province, subdimension")
        .fetch_all(&store.pool)
        .await?;
    Ok(rows)
}

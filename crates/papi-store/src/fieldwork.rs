//! The survey's fieldwork: its window, the answers each village needs, and counts of the
//! answers received per village, per enumerator and per day, with the submissions from the
//! field that were not counted (duplicates, rejected, outside the window).

use serde_json::json;

use crate::audit::{self, Change};
use crate::rows::{i, s};
use crate::{Result, Store, WriteTx};

/// The fieldwork window as stored (ISO dates, empty = unset): one reader for both pages.
pub use crate::collect::window;

/// Per-village targets set by the office.
pub async fn targets(store: &Store, survey_id: i64) -> Result<Vec<(String, i64)>> {
    let rows = sqlx::query(
        "SELECT village, target FROM survey_village_targets WHERE survey_id = $1 ORDER BY village",
    )
    .bind(survey_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| Ok((s(r, "village")?, i(r, "target")?)))
        .collect()
}

/// Sets the window and replaces the targets (`None` = back to the default).
pub async fn set_plan(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    survey_id: i64,
    window: (&str, &str),
    targets: &[(String, Option<i64>)],
) -> Result<()> {
    sqlx::query(
        "UPDATE surveys SET field_opens = $1, field_closes = $2 WHERE id = $3 AND commune_id = $4",
    )
    .bind(window.0)
    .bind(window.1)
    .bind(survey_id)
    .bind(commune_id)
    .execute(&mut *w.tx)
    .await?;
    sqlx::query("DELETE FROM survey_village_targets WHERE survey_id = $1 AND commune_id = $2")
        .bind(survey_id)
        .bind(commune_id)
        .execute(&mut *w.tx)
        .await?;
    for (village, target) in targets {
        if let Some(t) = target {
            sqlx::query("INSERT INTO survey_village_targets (commune_id, survey_id, village, target) VALUES ($1, $2, $3, $4)")
                .bind(commune_id)
                .bind(survey_id)
                .bind(village)
                .bind(t)
                .execute(&mut *w.tx)
                .await?;
        }
    }
    let set: Vec<(&String, i64)> = targets
        .iter()
        .filter_map(|(v, t)| t.map(|t| (v, t)))
        .collect();
    let change = Change {
        commune_id,
        actor,
        action: "update",
        entity: "survey_fieldwork",
        entity_id: survey_id,
        before: json!(null),
        after: json!({"opens": window.0, "closes": window.1, "targets": set}),
    };
    audit::append(w, change).await
}

/// Counted answers (complete and accepted, as the results count them).
const COUNTED: &str = "survey_id = $1 AND complete = 1 AND review = 'accepted'";

/// Answers per village.
pub async fn answers_by_village(store: &Store, survey_id: i64) -> Result<Vec<(String, i64)>> {
    let rows = sqlx::query(&format!(
        "SELECT village, COUNT(*) AS n FROM survey_responses WHERE {COUNTED} GROUP BY village ORDER BY village"
    ))
    .bind(survey_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| Ok((s(r, "village")?, i(r, "n")?)))
        .collect()
}

/// Answers per (enumerator, channel); the enumerator is empty for files and the web form.
pub async fn answers_by_enumerator(
    store: &Store,
    survey_id: i64,
) -> Result<Vec<(String, String, i64)>> {
    let rows = sqlx::query(&format!(
        "SELECT enumerator, channel, COUNT(*) AS n FROM survey_responses WHERE {COUNTED} \
         GROUP BY enumerator, channel ORDER BY enumerator, channel"
    ))
    .bind(survey_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| Ok((s(r, "enumerator")?, s(r, "channel")?, i(r, "n")?)))
        .collect()
}

/// Answers per hour of `submitted_at` (its first thirteen characters, "2025-06-03T08"; the
/// caller turns hours into Vietnamese days).
pub async fn answers_by_hour(store: &Store, survey_id: i64) -> Result<Vec<(String, i64)>> {
    let rows = sqlx::query(&format!(
        "SELECT SUBSTR(submitted_at, 1, 13) AS day, COUNT(*) AS n FROM survey_responses \
         WHERE {COUNTED} GROUP BY SUBSTR(submitted_at, 1, 13) ORDER BY day"
    ))
    .bind(survey_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| Ok((s(r, "day")?, i(r, "n")?)))
        .collect()
}

/// Adults per village from the population table.
pub async fn adults_by_village(store: &Store, survey_id: i64) -> Result<Vec<(String, i64)>> {
    let rows = sqlx::query(
        "SELECT village, CAST(SUM(population) AS BIGINT) AS n FROM survey_population WHERE survey_id = $1 \
         GROUP BY village ORDER BY village",
    )
    .bind(survey_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| Ok((s(r, "village")?, i(r, "n")?)))
        .collect()
}

/// A submission received from the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub id: i64,
    pub instance_id: String,
    pub enumerator: String,
    pub received_at: String,
    pub status: String,
    pub reason: String,
    pub village: String,
}

/// Submissions with one of `statuses`, newest first (at most `limit`).
pub async fn submissions(
    store: &Store,
    commune_id: i64,
    survey_id: i64,
    statuses: &[&str],
    limit: i64,
) -> Result<Vec<Submission>> {
    if statuses.is_empty() {
        return Ok(vec![]);
    }
    let marks: Vec<String> = (0..statuses.len()).map(|k| format!("${}", k + 3)).collect();
    let sql = format!(
        "SELECT id, instance_id, enumerator, received_at, status, reason, village FROM survey_submissions \
         WHERE commune_id = $1 AND survey_id = $2 AND status IN ({}) ORDER BY received_at DESC, id DESC LIMIT ${}",
        marks.join(", "),
        statuses.len() + 3
    );
    let mut q = sqlx::query(&sql).bind(commune_id).bind(survey_id);
    for st in statuses {
        q = q.bind(*st);
    }
    q = q.bind(limit);
    let rows = q.fetch_all(&store.pool).await?;
    rows.iter()
        .map(|r| {
            Ok(Submission {
                id: i(r, "id")?,
                instance_id: s(r, "instance_id")?,
                enumerator: s(r, "enumerator")?,
                received_at: s(r, "received_at")?,
                status: s(r, "status")?,
                reason: s(r, "reason")?,
                village: s(r, "village")?,
            })
        })
        .collect()
}

/// Submissions per status.
pub async fn submission_counts(
    store: &Store,
    commune_id: i64,
    survey_id: i64,
) -> Result<Vec<(String, i64)>> {
    let rows = sqlx::query(
        "SELECT status, COUNT(*) AS n FROM survey_submissions WHERE commune_id = $1 AND survey_id = $2 \
         GROUP BY status ORDER BY status",
    )
    .bind(commune_id)
    .bind(survey_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| Ok((s(r, "status")?, i(r, "n")?)))
        .collect()
}

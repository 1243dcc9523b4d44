//! The review queue of web-form answers and the one-time invitation codes (rules in
//! `papi_core::survey_review`).

use papi_core::survey_review::Review;
use serde_json::json;

use crate::audit::{self, Change};
use crate::rows::{i, s};
use crate::{now_utc, Result, Store, StoreError, WriteTx};

/// A web-form response waiting for review.
#[derive(Debug, Clone)]
pub struct Pending {
    pub uuid: String,
    pub village: String,
    pub sex: String,
    pub age_band: String,
    pub started_at: String,
    pub submitted_at: String,
    pub complete: bool,
    /// `address-hash/device-hash`.
    pub origin: String,
}

/// Responses not yet reviewed, oldest first.
pub async fn pending(store: &Store, survey_id: i64) -> Result<Vec<Pending>> {
    let rows = sqlx::query(
        "SELECT uuid, village, sex, age_band, started_at, submitted_at, complete, origin \
         FROM survey_responses WHERE survey_id = $1 AND review = 'pending' ORDER BY id",
    )
    .bind(survey_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Pending {
                uuid: s(r, "uuid")?,
                village: s(r, "village")?,
                sex: s(r, "sex")?,
                age_band: s(r, "age_band")?,
                started_at: s(r, "started_at")?,
                submitted_at: s(r, "submitted_at")?,
                complete: i(r, "complete")? != 0,
                origin: s(r, "origin")?,
            })
        })
        .collect()
}

/// The review state of one response.
pub async fn review_of(store: &Store, survey_id: i64, uuid: &str) -> Result<Review> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT review FROM survey_responses WHERE survey_id = $1 AND uuid = $2")
            .bind(survey_id)
            .bind(uuid)
            .fetch_optional(&store.pool)
            .await?;
    let (code,) = row.ok_or(StoreError::NotFound)?;
    Review::parse(&code).ok_or_else(|| StoreError::Corrupt(format!("review: {code}")))
}

/// Records a decision on a pending response (refused when already decided).
pub async fn decide(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    survey_id: i64,
    uuid: &str,
    decision: Review,
) -> Result<()> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, review FROM survey_responses WHERE survey_id = $1 AND uuid = $2 AND commune_id = $3",
    )
    .bind(survey_id)
    .bind(uuid)
    .bind(commune_id)
    .fetch_optional(&mut *w.tx)
    .await?;
    let (id, code) = row.ok_or(StoreError::NotFound)?;
    let now = Review::parse(&code).unwrap_or(Review::Rejected);
    if !now.can_become(decision) {
        return Err(StoreError::Conflict("Phiếu này đã được xét rồi.".into()));
    }
    sqlx::query("UPDATE survey_responses SET review = $1 WHERE id = $2")
        .bind(decision.code())
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
    let change = Change {
        commune_id,
        actor,
        action: "review_response",
        entity: "survey_response",
        entity_id: id,
        before: json!({"review": now.code()}),
        after: json!({"review": decision.code(), "uuid": uuid}),
    };
    audit::append(w, change).await
}

/// Whether the survey's web form takes only answers with an invitation code.
pub async fn invitations_only(store: &Store, survey_id: i64) -> Result<bool> {
    let (on,): (i64,) = sqlx::query_as("SELECT invitations_only FROM surveys WHERE id = $1")
        .bind(survey_id)
        .fetch_one(&store.pool)
        .await?;
    Ok(on != 0)
}

/// Stores new invitation codes and turns invitation-only answering on.
pub async fn add_invitations(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    survey_id: i64,
    codes: &[String],
) -> Result<()> {
    let at = now_utc();
    for code in codes {
        sqlx::query(
            "INSERT INTO survey_invitations (survey_id, commune_id, code, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(survey_id)
        .bind(commune_id)
        .bind(code)
        .bind(&at)
        .execute(&mut *w.tx)
        .await?;
    }
    sqlx::query("UPDATE surveys SET invitations_only = 1 WHERE id = $1")
        .bind(survey_id)
        .execute(&mut *w.tx)
        .await?;
    let change = Change {
        commune_id,
        actor,
        action: "create_invitations",
        entity: "survey",
        entity_id: survey_id,
        before: json!(null),
        after: json!({"codes": codes.len()}),
    };
    audit::append(w, change).await
}

/// Every code of the survey with whether it has been used, newest batch first.
pub async fn invitations(store: &Store, survey_id: i64) -> Result<Vec<(String, bool)>> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT code, used_by FROM survey_invitations WHERE survey_id = $1 ORDER BY created_at DESC, code",
    )
    .bind(survey_id)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows.into_iter().map(|(c, u)| (c, u.is_some())).collect())
}

/// Marks `code` used by response `uuid`; false when the code does not exist or was used.
pub(crate) async fn use_invitation(
    w: &mut WriteTx<'_>,
    survey_id: i64,
    code: &str,
    uuid: &str,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE survey_invitations SET used_by = $1 WHERE survey_id = $2 AND code = $3 AND used_by IS NULL",
    )
    .bind(uuid)
    .bind(survey_id)
    .bind(code)
    .execute(&mut *w.tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

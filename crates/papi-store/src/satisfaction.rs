//! Satisfaction surveys of public services and the answers residents send. Creating a survey,
//! opening or closing it and reviewing held answers append audit entries
//! (`entity: "satisfaction_survey"`); a resident's answer, like the PAPI form's, is bookkeeping
//! stored without one.

use chrono::{DateTime, Utc};
use papi_core::satisfaction::{Answers, Questionnaire, Review, ServiceKind, Survey};
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{corrupt, date, i, s};
use crate::{Result, Store, StoreError, WriteTx};

const COLUMNS: &str =
    "id, commune_id, kind, service_name, period_label, starts_on, ends_on, questionnaire_json, open";

fn decode(r: &AnyRow) -> Result<Survey> {
    let kind = s(r, "kind")?;
    let q: Questionnaire = serde_json::from_str(&s(r, "questionnaire_json")?)
        .map_err(|e| corrupt("satisfaction_surveys.questionnaire_json", e))?;
    Ok(Survey {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        kind: ServiceKind::parse(&kind)
            .ok_or_else(|| corrupt("satisfaction_surveys.kind", &kind))?,
        service_name: s(r, "service_name")?,
        period_label: s(r, "period_label")?,
        starts_on: date(r, "starts_on")?,
        ends_on: date(r, "ends_on")?,
        questionnaire: q,
        open: i(r, "open")? != 0,
    })
}

/// One survey of the commune.
pub async fn get(store: &Store, commune_id: i64, id: i64) -> Result<Survey> {
    let r = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM satisfaction_surveys WHERE commune_id = $1 AND id = $2"
    ))
    .bind(commune_id)
    .bind(id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    decode(&r)
}

/// The commune's surveys, latest period first.
pub async fn list(store: &Store, commune_id: i64) -> Result<Vec<Survey>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM satisfaction_surveys WHERE commune_id = $1 \
         ORDER BY starts_on DESC, id DESC"
    ))
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

fn snapshot(x: &Survey) -> serde_json::Value {
    json!({
        "kind": x.kind.code(), "service_name": x.service_name, "period": x.period_label,
        "starts_on": x.starts_on, "ends_on": x.ends_on, "open": x.open,
        "items": x.questionnaire.items().count(),
    })
}

/// Stores a new survey with its own copy of the questionnaire; returns its id.
pub async fn insert(w: &mut WriteTx<'_>, actor: &str, x: &Survey) -> Result<i64> {
    let q = serde_json::to_string(&x.questionnaire)
        .map_err(|e| corrupt("satisfaction questionnaire", e))?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO satisfaction_surveys (commune_id, kind, service_name, period_label, \
         starts_on, ends_on, questionnaire_json, open) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         RETURNING id",
    )
    .bind(x.commune_id)
    .bind(x.kind.code())
    .bind(&x.service_name)
    .bind(&x.period_label)
    .bind(x.starts_on.to_string())
    .bind(x.ends_on.to_string())
    .bind(q)
    .bind(i64::from(x.open))
    .fetch_one(&mut *w.tx)
    .await?;
    audit::append(
        w,
        Change {
            commune_id: x.commune_id,
            actor,
            action: "create_satisfaction_survey",
            entity: "satisfaction_survey",
            entity_id: id,
            before: serde_json::Value::Null,
            after: snapshot(x),
        },
    )
    .await?;
    Ok(id)
}

/// Opens or closes the phone form.
pub async fn set_open(w: &mut WriteTx<'_>, actor: &str, before: &Survey, open: bool) -> Result<()> {
    sqlx::query("UPDATE satisfaction_surveys SET open = $1 WHERE commune_id = $2 AND id = $3")
        .bind(i64::from(open))
        .bind(before.commune_id)
        .bind(before.id)
        .execute(&mut *w.tx)
        .await?;
    let after = Survey {
        open,
        ..before.clone()
    };
    audit::append(
        w,
        Change {
            commune_id: before.commune_id,
            actor,
            action: if open {
                "open_satisfaction_survey"
            } else {
                "close_satisfaction_survey"
            },
            entity: "satisfaction_survey",
            entity_id: before.id,
            before: snapshot(before),
            after: snapshot(&after),
        },
    )
    .await?;
    Ok(())
}

/// One stored answer.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub id: i64,
    pub submitted_at: DateTime<Utc>,
    pub address_tag: String,
    pub device_tag: String,
    pub answers: Answers,
    pub review: Review,
}

/// Stores a resident's answer as the intake rule decided.
pub async fn add_response(
    store: &Store,
    commune_id: i64,
    survey_id: i64,
    r: &StoredResponse,
) -> Result<i64> {
    let answers =
        serde_json::to_string(&r.answers).map_err(|e| corrupt("satisfaction answers", e))?;
    let mut w = store.begin_write().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO satisfaction_responses (commune_id, survey_id, submitted_at, address_tag, \
         device_tag, answers_json, review) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(commune_id)
    .bind(survey_id)
    .bind(
        r.submitted_at
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    )
    .bind(&r.address_tag)
    .bind(&r.device_tag)
    .bind(answers)
    .bind(r.review.code())
    .fetch_one(&mut *w.tx)
    .await?;
    w.commit().await?;
    Ok(id)
}

/// Every answer of a survey, oldest first.
pub async fn responses(
    store: &Store,
    commune_id: i64,
    survey_id: i64,
) -> Result<Vec<StoredResponse>> {
    let rows = sqlx::query(
        "SELECT id, submitted_at, address_tag, device_tag, answers_json, review \
         FROM satisfaction_responses WHERE commune_id = $1 AND survey_id = $2 \
         ORDER BY submitted_at, id",
    )
    .bind(commune_id)
    .bind(survey_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let at = s(r, "submitted_at")?;
            let review = s(r, "review")?;
            Ok(StoredResponse {
                id: i(r, "id")?,
                submitted_at: DateTime::parse_from_rfc3339(&at)
                    .map_err(|e| corrupt("satisfaction_responses.submitted_at", e))?
                    .with_timezone(&Utc),
                address_tag: s(r, "address_tag")?,
                device_tag: s(r, "device_tag")?,
                answers: serde_json::from_str(&s(r, "answers_json")?)
                    .map_err(|e| corrupt("satisfaction_responses.answers_json", e))?,
                review: Review::parse(&review)
                    .ok_or_else(|| corrupt("satisfaction_responses.review", &review))?,
            })
        })
        .collect()
}

/// Moves every held answer of a survey to `to` (accepted or rejected); returns how many.
pub async fn decide_flagged(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    survey_id: i64,
    to: Review,
) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE satisfaction_responses SET review = $1 \
         WHERE commune_id = $2 AND survey_id = $3 AND review = $4",
    )
    .bind(to.code())
    .bind(commune_id)
    .bind(survey_id)
    .bind(Review::Flagged.code())
    .execute(&mut *w.tx)
    .await?
    .rows_affected();
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: "review_satisfaction_answers",
            entity: "satisfaction_survey",
            entity_id: survey_id,
            before: json!({ "flagged": done }),
            after: json!({ "review": to.code(), "count": done }),
        },
    )
    .await?;
    Ok(done)
}

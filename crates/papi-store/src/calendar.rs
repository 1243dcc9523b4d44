//! Calendar feed tokens (private iCalendar URLs) and the admins' corrections of yearly
//! holiday schedules.

use serde_json::json;

use crate::audit::{self, Change};
use crate::session::{random_hex, token_hash};
use crate::{now_utc, Result, Store, WriteTx};

/// Replaces the user's feed token with a new one and returns it; the old URL stops working.
pub async fn new_token(w: &mut WriteTx<'_>, user_id: i64, commune_id: i64) -> Result<String> {
    revoke(w, user_id).await?;
    let token = random_hex();
    sqlx::query("INSERT INTO calendar_tokens (token_hash, user_id, commune_id, created_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(commune_id)
        .bind(now_utc())
        .execute(&mut *w.tx)
        .await?;
    Ok(token)
}

pub async fn revoke(w: &mut WriteTx<'_>, user_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM calendar_tokens WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *w.tx)
        .await?;
    Ok(())
}

/// When the user's current token was made, if they have one.
pub async fn token_created(store: &Store, user_id: i64) -> Result<Option<String>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT created_at FROM calendar_tokens WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(&store.pool)
            .await?;
    Ok(row.map(|r| r.0))
}

/// The user a feed token belongs to.
pub async fn token_user(store: &Store, token: &str) -> Result<Option<i64>> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT user_id FROM calendar_tokens WHERE token_hash = $1")
            .bind(token_hash(token))
            .fetch_optional(&store.pool)
            .await?;
    Ok(row.map(|r| r.0))
}

/// Every stored schedule override: (year, schedule as JSON).
pub async fn overrides(store: &Store) -> Result<Vec<(i64, String)>> {
    Ok(
        sqlx::query_as("SELECT year, schedule_json FROM calendar_overrides ORDER BY year")
            .fetch_all(&store.pool)
            .await?,
    )
}

/// Stores a year's corrected schedule (JSON of a `YearSchedule`), audited with before/after.
pub async fn save_override(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    year: i64,
    schedule_json: &str,
) -> Result<()> {
    let before: Option<(String,)> =
        sqlx::query_as("SELECT schedule_json FROM calendar_overrides WHERE year = $1")
            .bind(year)
            .fetch_optional(&mut *w.tx)
            .await?;
    sqlx::query("DELETE FROM calendar_overrides WHERE year = $1")
        .bind(year)
        .execute(&mut *w.tx)
        .await?;
    sqlx::query("INSERT INTO calendar_overrides (year, schedule_json, updated_at, updated_by) VALUES ($1, $2, $3, $4)")
        .bind(year)
        .bind(schedule_json)
        .bind(now_utc())
        .bind(actor)
        .execute(&mut *w.tx)
        .await?;
    let parse = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap_or(json!(s));
    let change = Change {
        commune_id,
        actor,
        action: "calendar_override",
        entity: "calendar_year",
        entity_id: year,
        before: before.map(|b| parse(&b.0)).unwrap_or(json!(null)),
        after: parse(schedule_json),
    };
    audit::append(w, change).await
}

/// Removes a year's correction so the official or computed schedule applies again.
pub async fn delete_override(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    year: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM calendar_overrides WHERE year = $1")
        .bind(year)
        .execute(&mut *w.tx)
        .await?;
    let change = Change {
        commune_id,
        actor,
        action: "calendar_override_removed",
        entity: "calendar_year",
        entity_id: year,
        before: json!(null),
        after: json!(null),
    };
    audit::append(w, change).await
}

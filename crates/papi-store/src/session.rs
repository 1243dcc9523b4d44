//! Server-side sessions. The cookie holds a random token; the database holds only its hash,
//! so a leaked database copy cannot be used to sign in.

use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::rows::{i, s};
use crate::{Result, Store};

/// Sessions last at most 12 hours: one working day (OWASP ASVS 3.3.2, level 2).
pub const LIFETIME_SECS: i64 = 12 * 3600;
/// A session unused for 30 minutes ends (ASVS 3.3.2, level 2).
pub const IDLE_SECS: i64 = 30 * 60;
/// How stale the recorded last use may get before a request writes it again: one write a
/// minute per session at most, so reading pages does not turn into writing the database.
const TOUCH_EVERY_SECS: i64 = 60;

pub struct Session {
    pub user_id: i64,
    pub csrf: String,
}

pub(crate) fn random_hex() -> String {
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    hex::encode(b)
}

pub(crate) fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a session and returns its cookie token.
pub async fn create(store: &Store, user_id: i64, commune_id: i64) -> Result<String> {
    let token = random_hex();
    let now = chrono::Utc::now().timestamp();
    let expires = now + LIFETIME_SECS;
    let mut w = store.begin_write().await?;
    sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
        .bind(chrono::Utc::now().timestamp())
        .execute(&mut *w.tx)
        .await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, commune_id, csrf, expires_at, last_seen_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(commune_id)
    .bind(random_hex())
    .bind(expires)
    .bind(now)
    .execute(&mut *w.tx)
    .await?;
    w.commit().await?;
    Ok(token)
}

/// The live session of `token`: not past its lifetime and used within the idle time. Marks
/// it used (at most once a minute).
pub async fn find(store: &Store, token: &str) -> Result<Option<Session>> {
    Ok(find_with_user(store, token).await?.map(|(s, _)| s))
}

/// The live session of `token` with its user, in one query (every staff request needs both).
pub async fn find_with_user(
    store: &Store,
    token: &str,
) -> Result<Option<(Session, papi_core::User)>> {
    let now = chrono::Utc::now().timestamp();
    let hash = token_hash(token);
    let row = sqlx::query(&format!(
        "SELECT s.user_id, s.csrf, s.last_seen_at, {} FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3",
        crate::org::USER_COLUMNS_OF_U
    ))
    .bind(&hash)
    .bind(now)
    .bind(now - IDLE_SECS)
    .fetch_optional(&store.pool)
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    let user = crate::org::decode_user(&r)?;
    if now - i(&r, "last_seen_at")? >= TOUCH_EVERY_SECS {
        let mut w = store.begin_write().await?;
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(&mut *w.tx)
            .await?;
        w.commit().await?;
    }
    let session = Session {
        user_id: i(&r, "user_id")?,
        csrf: s(&r, "csrf")?,
    };
    Ok(Some((session, user)))
}

pub async fn delete(store: &Store, token: &str) -> Result<()> {
    let mut w = store.begin_write().await?;
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(&mut *w.tx)
        .await?;
    w.commit().await
}

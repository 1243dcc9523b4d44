//! Server-side sessions. The cookie holds a random token; the database holds only its hash,
//! so a leaked database copy cannot be used to sign in.

use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::rows::{i, s};
use crate::{Result, Store};

/// Sessions last 12 hours: one working day.
pub const LIFETIME_SECS: i64 = 12 * 3600;

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
    let expires = chrono::Utc::now().timestamp() + LIFETIME_SECS;
    let mut w = store.begin_write().await?;
    sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
        .bind(chrono::Utc::now().timestamp())
        .execute(&mut *w.tx)
        .await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, commune_id, csrf, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(commune_id)
    .bind(random_hex())
    .bind(expires)
    .execute(&mut *w.tx)
    .await?;
    w.commit().await?;
    Ok(token)
}

pub async fn find(store: &Store, token: &str) -> Result<Option<Session>> {
    let row =
        sqlx::query("SELECT user_id, csrf FROM sessions WHERE token_hash = $1 AND expires_at > $2")
            .bind(token_hash(token))
            .bind(chrono::Utc::now().timestamp())
            .fetch_optional(&store.pool)
            .await?;
    row.map(|r| {
        Ok(Session {
            user_id: i(&r, "user_id")?,
            csrf: s(&r, "csrf")?,
        })
    })
    .transpose()
}

pub async fn delete(store: &Store, token: &str) -> Result<()> {
    let mut w = store.begin_write().await?;
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(&mut *w.tx)
        .await?;
    w.commit().await
}

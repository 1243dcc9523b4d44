//! The denouncer's sealed identity: encrypted with XChaCha20-Poly1305 under a key kept in a
//! file outside the database (like the audit key), so a copy of the database — a backup, a
//! dump, a stolen disk — does not reveal who denounced whom. Each record is bound to its
//! commune and matter (associated data), so a ciphertext cannot be moved to another case.
//! Every opening is written to `identity_openings`, the restricted log.

use std::path::Path;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::audit::{load_or_create_secret, KeyError};
use crate::rows::{i, s};
use crate::{Result, Store, StoreError, WriteTx};

/// The 256-bit seal key.
pub struct SealKey([u8; 32]);

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealKey(…)")
    }
}

impl SealKey {
    pub fn from_bytes(bytes: [u8; 32]) -> SealKey {
        SealKey(bytes)
    }

    /// A fresh random key (tests, and an in-memory demo that keeps nothing).
    pub fn random() -> SealKey {
        let mut bytes = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
        SealKey(bytes)
    }

    /// Reads the key file, or creates it (mode 0600). Back it up apart from the database:
    /// without it sealed identities cannot be read.
    pub fn load_or_create(path: &Path) -> std::result::Result<(SealKey, bool), KeyError> {
        let (bytes, created) = load_or_create_secret(path)?;
        Ok((SealKey(bytes), created))
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&self.0).into())
    }

    fn seal(&self, aad: &str, plain: &[u8]) -> (String, Vec<u8>) {
        let mut nonce = [0u8; 24];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut nonce);
        let ct = self
            .cipher()
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: aad.as_bytes(),
                },
            )
            .expect("encryption with a valid key does not fail");
        (hex::encode(nonce), ct)
    }

    fn open(&self, aad: &str, nonce_hex: &str, ct: &[u8]) -> Result<Vec<u8>> {
        let nonce = hex::decode(nonce_hex).map_err(|_| crate::rows::corrupt("nonce", nonce_hex))?;
        if nonce.len() != 24 {
            return Err(crate::rows::corrupt("nonce", nonce_hex));
        }
        self.cipher()
            .decrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: ct,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| StoreError::Sealed)
    }
}

/// What is sealed about a denouncer (Luật Tố cáo Điều 9 khoản 1 b: name, address, handwriting
/// and other personal information), and the letter as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub name: String,
    pub address: String,
    pub id_number: String,
    pub phone: String,
    pub email: String,
    /// The letter's text as received, before redaction.
    pub original_text: String,
}

/// A scan or file that shows the identity (the signed letter), sealed the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedFile {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

fn aad(commune_id: i64, matter_id: i64, what: &str) -> String {
    format!("papi/voice/{what}/{commune_id}/{matter_id}")
}

fn key(w_key: &Option<std::sync::Arc<SealKey>>) -> Result<&SealKey> {
    w_key.as_deref().ok_or(StoreError::NoSealKey)
}

/// Seals a denouncer's identity for a matter.
pub async fn put_identity(
    w: &mut WriteTx<'_>,
    commune_id: i64,
    matter_id: i64,
    id: &Identity,
) -> Result<()> {
    let plain = serde_json::to_vec(id).expect("serialisable");
    let (nonce, ct) = key(&w.seal_key)?.seal(&aad(commune_id, matter_id, "identity"), &plain);
    sqlx::query(
        "INSERT INTO sealed_identities (matter_id, commune_id, nonce, ciphertext) VALUES ($1, $2, $3, $4)",
    )
    .bind(matter_id)
    .bind(commune_id)
    .bind(nonce)
    .bind(ct)
    .execute(&mut *w.tx)
    .await?;
    Ok(())
}

/// Seals a file showing the identity.
pub async fn put_file(
    w: &mut WriteTx<'_>,
    commune_id: i64,
    matter_id: i64,
    file: &SealedFile,
) -> Result<()> {
    let plain = serde_json::to_vec(file).expect("serialisable");
    let (nonce, ct) = key(&w.seal_key)?.seal(&aad(commune_id, matter_id, "file"), &plain);
    sqlx::query(
        "INSERT INTO sealed_files (commune_id, matter_id, nonce, ciphertext) VALUES ($1, $2, $3, $4)",
    )
    .bind(commune_id)
    .bind(matter_id)
    .bind(nonce)
    .bind(ct)
    .execute(&mut *w.tx)
    .await?;
    Ok(())
}

/// Opens the sealed identity and its files, writing the opening to the restricted log in the
/// same transaction: no opening without its log line. The caller has checked that the user is
/// the custodian (`papi_core::voice::can_open_identity`).
pub async fn open(
    w: &mut WriteTx<'_>,
    commune_id: i64,
    matter_id: i64,
    user_id: i64,
    purpose: &str,
) -> Result<Option<(Identity, Vec<SealedFile>)>> {
    let k = key(&w.seal_key)?;
    let row = sqlx::query(
        "SELECT nonce, ciphertext FROM sealed_identities WHERE commune_id = $1 AND matter_id = $2",
    )
    .bind(commune_id)
    .bind(matter_id)
    .fetch_optional(&mut *w.tx)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let ct: Vec<u8> = row.try_get("ciphertext")?;
    let plain = k.open(
        &aad(commune_id, matter_id, "identity"),
        &s(&row, "nonce")?,
        &ct,
    )?;
    let identity: Identity =
        serde_json::from_slice(&plain).map_err(|e| crate::rows::corrupt("identity", e))?;
    let rows = sqlx::query(
        "SELECT nonce, ciphertext FROM sealed_files WHERE commune_id = $1 AND matter_id = $2 ORDER BY id",
    )
    .bind(commune_id)
    .bind(matter_id)
    .fetch_all(&mut *w.tx)
    .await?;
    let mut files = Vec::new();
    for r in rows {
        let ct: Vec<u8> = r.try_get("ciphertext")?;
        let plain = k.open(&aad(commune_id, matter_id, "file"), &s(&r, "nonce")?, &ct)?;
        files.push(serde_json::from_slice(&plain).map_err(|e| crate::rows::corrupt("file", e))?);
    }
    sqlx::query(
        "INSERT INTO identity_openings (commune_id, matter_id, user_id, at, purpose) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(commune_id)
    .bind(matter_id)
    .bind(user_id)
    .bind(crate::now_utc())
    .bind(purpose)
    .execute(&mut *w.tx)
    .await?;
    Ok(Some((identity, files)))
}

/// One line of the restricted log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Opening {
    pub user_id: i64,
    pub at: String,
    pub purpose: String,
}

/// The restricted log of a matter.
pub async fn openings(store: &Store, commune_id: i64, matter_id: i64) -> Result<Vec<Opening>> {
    let rows = sqlx::query(
        "SELECT user_id, at, purpose FROM identity_openings WHERE commune_id = $1 AND matter_id = $2 ORDER BY id",
    )
    .bind(commune_id)
    .bind(matter_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Opening {
                user_id: i(r, "user_id")?,
                at: s(r, "at")?,
                purpose: s(r, "purpose")?,
            })
        })
        .collect()
}

/// Whether a matter has a sealed identity.
pub async fn has_identity(store: &Store, commune_id: i64, matter_id: i64) -> Result<bool> {
    let n: (i64,) = sqlx::query_as(
        "SELECT count(*) FROM sealed_identities WHERE commune_id = $1 AND matter_id = $2",
    )
    .bind(commune_id)
    .bind(matter_id)
    .fetch_one(&store.pool)
    .await?;
    Ok(n.0 > 0)
}

/// How many sealed files a matter has (their names stay sealed).
pub async fn file_count(store: &Store, commune_id: i64, matter_id: i64) -> Result<i64> {
    let n: (i64,) = sqlx::query_as(
        "SELECT count(*) FROM sealed_files WHERE commune_id = $1 AND matter_id = $2",
    )
    .bind(commune_id)
    .bind(matter_id)
    .fetch_one(&store.pool)
    .await?;
    Ok(n.0)
}

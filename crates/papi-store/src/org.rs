//! Communes, villages, units and users.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use papi_core::agenda::DueSoon;
use papi_core::{Commune, CommuneKind, Role, Unit, User, Village};
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{corrupt, i, oi, s};
use crate::{Result, Store, StoreError, WriteTx};

pub fn hash_password(pw: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pw.as_bytes(), &salt)
        .expect("argon2 with default params")
        .to_string()
}

fn password_matches(pw: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .is_ok_and(|h| Argon2::default().verify_password(pw.as_bytes(), &h).is_ok())
}

/// A hash made once, checked against when the username is unknown, so that a miss costs the
/// same one argon2 verification as a real account (usernames cannot be probed by timing).
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("papi-decoy-password"))
}

/// Computes the decoy hash ahead of the first sign-in (at server start), so even the first
/// unknown username costs no more than a known one.
pub fn warm_up_sign_in() {
    decoy_hash();
}

/// Runs the argon2 check off the async workers, which must keep serving other requests.
async fn matches_off_thread(pw: &str, hash: String) -> bool {
    let pw = pw.to_string();
    tokio::task::spawn_blocking(move || password_matches(&pw, &hash))
        .await
        .unwrap_or(false)
}

pub async fn insert_commune(w: &mut WriteTx<'_>, c: &Commune) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO communes (gso_code, name, kind, province, due_soon_working_days) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&c.gso_code)
    .bind(&c.name)
    .bind(c.kind.code())
    .bind(&c.province)
    .bind(i64::from(c.due_soon.working_days))
    .fetch_one(&mut *w.tx)
    .await?;
    Ok(id)
}

fn decode_commune(r: &AnyRow) -> Result<Commune> {
    let kind = s(r, "kind")?;
    Ok(Commune {
        id: i(r, "id")?,
        gso_code: s(r, "gso_code")?,
        name: s(r, "name")?,
        kind: CommuneKind::parse(&kind).ok_or_else(|| corrupt("commune kind", &kind))?,
        province: s(r, "province")?,
        due_soon: DueSoon {
            working_days: u32::try_from(i(r, "due_soon_working_days")?)
                .map_err(|_| corrupt("due-soon window", "negative"))?,
        },
    })
}

/// Sets how many working days before a deadline the commune's pages warn; audited.
pub async fn set_due_soon(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    due_soon: DueSoon,
) -> Result<()> {
    let (before,): (i64,) =
        sqlx::query_as("SELECT due_soon_working_days FROM communes WHERE id = $1")
            .bind(commune_id)
            .fetch_optional(&mut *w.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
    sqlx::query("UPDATE communes SET due_soon_working_days = $1 WHERE id = $2")
        .bind(i64::from(due_soon.working_days))
        .bind(commune_id)
        .execute(&mut *w.tx)
        .await?;
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: "set_due_soon",
            entity: "commune",
            entity_id: commune_id,
            before: json!({ "due_soon_working_days": before }),
            after: json!({ "due_soon_working_days": due_soon.working_days }),
        },
    )
    .await
}

pub async fn communes(store: &Store) -> Result<Vec<Commune>> {
    let rows = sqlx::query("SELECT id, gso_code, name, kind, province, due_soon_working_days FROM communes ORDER BY id")
        .fetch_all(&store.pool)
        .await?;
    rows.iter().map(decode_commune).collect()
}

pub async fn commune(store: &Store, id: i64) -> Result<Commune> {
    let r = sqlx::query("SELECT id, gso_code, name, kind, province, due_soon_working_days FROM communes WHERE id = $1")
        .bind(id)
        .fetch_optional(&store.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
    decode_commune(&r)
}

pub async fn insert_village(w: &mut WriteTx<'_>, commune_id: i64, name: &str) -> Result<i64> {
    let (id,): (i64,) =
        sqlx::query_as("INSERT INTO villages (commune_id, name) VALUES ($1, $2) RETURNING id")
            .bind(commune_id)
            .bind(name)
            .fetch_one(&mut *w.tx)
            .await?;
    Ok(id)
}

pub async fn villages(store: &Store, commune_id: i64) -> Result<Vec<Village>> {
    let rows =
        sqlx::query("SELECT id, commune_id, name FROM villages WHERE commune_id = $1 ORDER BY id")
            .bind(commune_id)
            .fetch_all(&store.pool)
            .await?;
    rows.iter()
        .map(|r| {
            Ok(Village {
                id: i(r, "id")?,
                commune_id: i(r, "commune_id")?,
                name: s(r, "name")?,
            })
        })
        .collect()
}

/// Adds a unit; a unit of the same name in the commune is a conflict.
pub async fn insert_unit(w: &mut WriteTx<'_>, actor: &str, unit: &Unit) -> Result<i64> {
    let existing: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM units WHERE commune_id = $1 AND name = $2")
            .bind(unit.commune_id)
            .bind(&unit.name)
            .fetch_optional(&mut *w.tx)
            .await?;
    if existing.is_some() {
        return Err(StoreError::Conflict(format!(
            "Đã có đơn vị “{}”.",
            unit.name
        )));
    }
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO units (commune_id, name, short_name) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(unit.commune_id)
    .bind(&unit.name)
    .bind(&unit.short_name)
    .fetch_one(&mut *w.tx)
    .await?;
    let after = json!({"name": unit.name, "short_name": unit.short_name});
    let change = Change {
        commune_id: unit.commune_id,
        actor,
        action: "create",
        entity: "unit",
        entity_id: id,
        before: json!(null),
        after,
    };
    audit::append(w, change).await?;
    Ok(id)
}

pub async fn units(store: &Store, commune_id: i64) -> Result<Vec<Unit>> {
    let rows = sqlx::query(
        "SELECT id, commune_id, name, short_name FROM units WHERE commune_id = $1 ORDER BY id",
    )
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Unit {
                id: i(r, "id")?,
                commune_id: i(r, "commune_id")?,
                name: s(r, "name")?,
                short_name: s(r, "short_name")?,
            })
        })
        .collect()
}

const USER_COLUMNS: &str =
    "id, commune_id, username, full_name, email, role, unit_id, village_id, active, password_hash";
/// The same columns of a `users u` joined to another table (the session lookup).
pub(crate) const USER_COLUMNS_OF_U: &str =
    "u.id, u.commune_id, u.username, u.full_name, u.email, u.role, u.unit_id, u.village_id, u.active, u.password_hash";

pub(crate) fn decode_user(r: &AnyRow) -> Result<User> {
    let role = s(r, "role")?;
    Ok(User {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        username: s(r, "username")?,
        full_name: s(r, "full_name")?,
        email: s(r, "email")?,
        role: Role::parse(&role).ok_or_else(|| corrupt("role", &role))?,
        unit_id: oi(r, "unit_id")?,
        village_id: oi(r, "village_id")?,
        active: i(r, "active")? != 0,
    })
}

/// Adds a user with a password; usernames are unique across the installation.
pub async fn insert_user(
    w: &mut WriteTx<'_>,
    actor: &str,
    u: &User,
    password: &str,
) -> Result<i64> {
    let taken: Option<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE username = $1")
        .bind(&u.username)
        .fetch_optional(&mut *w.tx)
        .await?;
    if taken.is_some() {
        return Err(StoreError::Conflict(format!(
            "Tên đăng nhập “{}” đã có người dùng.",
            u.username
        )));
    }
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO users (commune_id, username, full_name, email, role, unit_id, village_id, \
         password_hash, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(u.commune_id)
    .bind(&u.username)
    .bind(&u.full_name)
    .bind(&u.email)
    .bind(u.role.code())
    .bind(u.unit_id)
    .bind(u.village_id)
    .bind(hash_password(password))
    .bind(u.active as i64)
    .fetch_one(&mut *w.tx)
    .await?;
    let after = json!({"username": u.username, "full_name": u.full_name, "role": u.role.code(),
                       "unit_id": u.unit_id, "active": u.active});
    let change = Change {
        commune_id: u.commune_id,
        actor,
        action: "create",
        entity: "user",
        entity_id: id,
        before: json!(null),
        after,
    };
    audit::append(w, change).await?;
    Ok(id)
}

pub async fn users(store: &Store, commune_id: i64) -> Result<Vec<User>> {
    let rows = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE commune_id = $1 ORDER BY id"
    ))
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode_user).collect()
}

pub async fn user(store: &Store, id: i64) -> Result<User> {
    let r = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(&store.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
    decode_user(&r)
}

/// The active user with these credentials, if any.
pub async fn authenticate(store: &Store, username: &str, password: &str) -> Result<Option<User>> {
    let row = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE username = $1"
    ))
    .bind(username)
    .fetch_optional(&store.pool)
    .await?;
    let Some(row) = row else {
        matches_off_thread(password, decoy_hash().to_string()).await;
        return Ok(None);
    };
    let user = decode_user(&row)?;
    let ok = matches_off_thread(password, s(&row, "password_hash")?).await;
    Ok((user.active && ok).then_some(user))
}

pub async fn set_password(
    w: &mut WriteTx<'_>,
    actor: &str,
    user: &User,
    password: &str,
) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash_password(password))
        .bind(user.id)
        .execute(&mut *w.tx)
        .await?;
    // Sessions of a user whose password changed end at once.
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.id)
        .execute(&mut *w.tx)
        .await?;
    let change = Change {
        commune_id: user.commune_id,
        actor,
        action: "set_password",
        entity: "user",
        entity_id: user.id,
        before: json!(null),
        after: json!(null),
    };
    audit::append(w, change).await
}

pub async fn set_active(w: &mut WriteTx<'_>, actor: &str, user: &User, active: bool) -> Result<()> {
    sqlx::query("UPDATE users SET active = $1 WHERE id = $2")
        .bind(active as i64)
        .bind(user.id)
        .execute(&mut *w.tx)
        .await?;
    if !active {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.id)
            .execute(&mut *w.tx)
            .await?;
    }
    let change = Change {
        commune_id: user.commune_id,
        actor,
        action: if active { "activate" } else { "deactivate" },
        entity: "user",
        entity_id: user.id,
        before: json!({"active": user.active}),
        after: json!({"active": active}),
    };
    audit::append(w, change).await
}

pub async fn user_by_username(store: &Store, username: &str) -> Result<User> {
    let r = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE username = $1"
    ))
    .bind(username)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    decode_user(&r)
}

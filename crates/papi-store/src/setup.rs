//! Creating a commune with everything it needs to start (papi_core::setup): the commune, its
//! villages, its units and its first administrator, in the caller's transaction, audited.

use papi_core::setup::CommuneSetup;
use papi_core::text::capitalise_first;
use papi_core::{Commune, Role, Unit, User};
use serde_json::json;

use crate::audit::{self, Change};
use crate::{org, Result, StoreError, WriteTx};

/// Creates the commune of `setup`; a commune with the same code is a conflict. Returns the
/// new commune's id.
pub async fn create_commune(w: &mut WriteTx<'_>, actor: &str, setup: &CommuneSetup) -> Result<i64> {
    let taken: Option<(i64,)> = sqlx::query_as("SELECT id FROM communes WHERE gso_code = $1")
        .bind(&setup.gso_code)
        .fetch_optional(&mut *w.tx)
        .await?;
    if taken.is_some() {
        return Err(StoreError::Conflict(format!(
            "{} {} (mã {}) đã có trên máy chủ này.",
            capitalise_first(setup.kind.label()),
            setup.name,
            setup.gso_code
        )));
    }
    let commune = Commune {
        id: 0,
        gso_code: setup.gso_code.clone(),
        name: setup.name.clone(),
        kind: setup.kind,
        province: setup.province.clone(),
        due_soon: setup.due_soon,
    };
    let id = org::insert_commune(w, &commune).await?;
    sqlx::query("UPDATE communes SET successor_code = $1 WHERE id = $2")
        .bind(setup.successor_code.clone())
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
    audit::append(
        w,
        Change {
            commune_id: id,
            actor,
            action: "create",
            entity: "commune",
            entity_id: id,
            before: json!(null),
            after: json!({
                "gso_code": setup.gso_code, "name": setup.name, "kind": setup.kind.code(),
                "province": setup.province, "successor_code": setup.successor_code,
                "villages": setup.villages, "due_soon_working_days": setup.due_soon.working_days,
            }),
        },
    )
    .await?;
    for v in &setup.villages {
        org::insert_village(w, id, v).await?;
    }
    for (name, short_name) in &setup.units {
        let unit = Unit {
            id: 0,
            commune_id: id,
            name: name.clone(),
            short_name: short_name.clone(),
        };
        org::insert_unit(w, actor, &unit).await?;
    }
    if let Some(a) = &setup.admin {
        let user = User {
            id: 0,
            commune_id: id,
            username: a.username.clone(),
            full_name: a.full_name.clone(),
            email: a.email.clone(),
            role: Role::Admin,
            unit_id: None,
            village_id: None,
            active: true,
        };
        org::insert_user(w, actor, &user, &a.password).await?;
    }
    Ok(id)
}

/// The official unit that succeeded a historic commune, if it was created as one.
pub async fn successor_code(store: &crate::Store, commune_id: i64) -> Result<Option<String>> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT successor_code FROM communes WHERE id = $1")
            .bind(commune_id)
            .fetch_optional(&store.pool)
            .await?;
    Ok(row.and_then(|(c,)| c))
}

/// How many communes the database holds, read inside a write (so that a first run checks and
/// creates in one step).
pub async fn communes_in(w: &mut WriteTx<'_>) -> Result<i64> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM communes")
        .fetch_one(&mut *w.tx)
        .await?;
    Ok(count)
}

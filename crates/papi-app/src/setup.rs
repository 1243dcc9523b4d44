//! Setting communes up: the first run on an empty database (the first-run page and
//! `papi init`), and a province administrator adding the communes of a shared deployment. The
//! rules are in `papi_core::setup`; the writes in `papi_store::setup`.

use papi_core::admin_units;
use papi_core::setup::{check, default_units, units_text, CommuneSetup, SetupForm};
use papi_core::{Action, Actor, Role, User};
use papi_store::{org, StoreError};

use crate::error::{Error, Result};
use crate::App;

/// Whether the database holds no commune yet: the first run is still to be done.
pub async fn needs_first_run(app: &App) -> Result<bool> {
    Ok(org::communes(&app.store).await?.is_empty())
}

/// The first run: creates the commune with its first administrator, villages and units, only
/// while the database holds no commune (checked inside the write, so two first runs cannot
/// both succeed). The inner `Err` lists the reasons to show beside the form.
pub async fn first_run(
    app: &App,
    by: &str,
    form: &SetupForm,
) -> Result<std::result::Result<CommuneSetup, Vec<String>>> {
    let setup = match check(form, true) {
        Ok(s) => s,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut w = app.store.begin_write().await?;
    if papi_store::setup::communes_in(&mut w).await? > 0 {
        return Err(Error::Invalid(
            "Máy chủ đã được khởi tạo; đăng nhập bằng tài khoản quản trị.".into(),
        ));
    }
    if let Err(e) = papi_store::setup::create_commune(&mut w, by, &setup).await {
        return refusal(e);
    }
    w.commit().await?;
    Ok(Ok(setup))
}

/// A province administrator adds one commune (with its first administrator when given).
pub async fn add_commune(
    app: &App,
    actor: &Actor,
    actor_name: &str,
    form: &SetupForm,
) -> Result<std::result::Result<CommuneSetup, Vec<String>>> {
    may_manage(actor)?;
    let setup = match check(form, false) {
        Ok(s) => s,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut w = app.store.begin_write().await?;
    if let Err(e) = papi_store::setup::create_commune(&mut w, actor_name, &setup).await {
        return refusal(e);
    }
    w.commit().await?;
    Ok(Ok(setup))
}

/// What adding a whole province did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ProvinceAdded {
    pub added: usize,
    /// Units of the province already on the server.
    pub already: usize,
}

/// A province administrator adds every unit of a province not yet on the server, each with
/// the default units and no villages yet (their administrators add those), in one write.
pub async fn add_province(
    app: &App,
    actor: &Actor,
    actor_name: &str,
    province_code: &str,
) -> Result<ProvinceAdded> {
    may_manage(actor)?;
    let Some(province) = admin_units::province(province_code) else {
        return Err(Error::Invalid(format!(
            "Không có tỉnh, thành phố mã “{}” trong danh mục.",
            province_code.trim()
        )));
    };
    let present: Vec<String> = org::communes(&app.store)
        .await?
        .into_iter()
        .map(|c| c.gso_code)
        .collect();
    let mut result = ProvinceAdded::default();
    let mut w = app.store.begin_write().await?;
    for unit in admin_units::of_province(province.code) {
        if present.iter().any(|c| c == unit.code) {
            result.already += 1;
            continue;
        }
        let form = SetupForm {
            commune_code: unit.code.to_string(),
            units: units_text(&default_units(unit.kind)),
            ..SetupForm::default()
        };
        let setup = check(&form, false).map_err(|e| Error::Invalid(e.join(" ")))?;
        papi_store::setup::create_commune(&mut w, actor_name, &setup).await?;
        result.added += 1;
    }
    w.commit().await?;
    Ok(result)
}

/// A province administrator gives a commune of the server its (first) administrator.
pub async fn add_commune_admin(
    app: &App,
    actor: &Actor,
    actor_name: &str,
    commune_id: i64,
    form: &SetupForm,
) -> Result<std::result::Result<(), Vec<String>>> {
    may_manage(actor)?;
    let commune = org::commune(&app.store, commune_id).await?;
    let admin = match papi_core::setup::check_first_admin(form, &commune.name) {
        Ok(a) => a,
        Err(errors) => return Ok(Err(errors)),
    };
    let user = User {
        id: 0,
        commune_id,
        username: admin.username,
        full_name: admin.full_name,
        email: admin.email,
        role: Role::Admin,
        unit_id: None,
        village_id: None,
        active: true,
    };
    let mut w = app.store.begin_write().await?;
    if let Err(e) = org::insert_user(&mut w, actor_name, &user, &admin.password).await {
        return refusal(e);
    }
    w.commit().await?;
    Ok(Ok(()))
}

fn may_manage(actor: &Actor) -> Result<()> {
    match actor.can(Action::ManageCommunes) {
        true => Ok(()),
        false => Err(Error::Forbidden),
    }
}

fn refusal<T>(e: StoreError) -> Result<std::result::Result<T, Vec<String>>> {
    match e {
        StoreError::Conflict(m) => Ok(Err(vec![m])),
        e => Err(e.into()),
    }
}

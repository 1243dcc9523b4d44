//! The commune's organisation as use cases: its units, its users (with the password policy
//! and who may give which role), and its settings that every page reads. The inner `Err` of a
//! refusal lists the reasons to show beside the form.

use papi_core::agenda::DueSoon;
use papi_core::org::validate_username;
use papi_core::password::check_password;
use papi_core::text::visible;
use papi_core::{Action, Actor, Role, Unit, User};
use papi_store::org;

use crate::error::{Error, Result};
use crate::App;

/// Sets how many working days before a deadline the commune's pages and reminders warn, as
/// its administrator typed it; audited. A bad value is refused with the reason.
pub async fn set_due_soon(
    app: &App,
    actor: &Actor,
    actor_name: &str,
    typed: &str,
) -> Result<DueSoon> {
    if !actor.can(Action::ManageOrganisation) {
        return Err(Error::Forbidden);
    }
    let due_soon = DueSoon::parse(typed).map_err(Error::Invalid)?;
    let mut w = app.store.begin_write().await?;
    papi_store::org::set_due_soon(&mut w, actor_name, actor.commune_id, due_soon).await?;
    w.commit().await?;
    Ok(due_soon)
}

fn may_manage(actor: &Actor) -> Result<()> {
    match actor.can(Action::ManageOrganisation) {
        true => Ok(()),
        false => Err(Error::Forbidden),
    }
}

/// Stores a refusable write: a conflict in the store (a name taken) is a reason for the form.
fn refusal(e: papi_store::StoreError) -> Result<std::result::Result<(), Vec<String>>> {
    match e {
        papi_store::StoreError::Conflict(m) => Ok(Err(vec![m])),
        e => Err(e.into()),
    }
}

/// Adds a unit (an office or a mass organisation) to the commune.
pub async fn add_unit(
    app: &App,
    actor: &Actor,
    actor_name: &str,
    name: &str,
    short_name: &str,
) -> Result<std::result::Result<(), Vec<String>>> {
    may_manage(actor)?;
    let name = visible(name);
    if name.is_empty() {
        return Ok(Err(vec!["Tên đơn vị không được để trống.".into()]));
    }
    let short = visible(short_name);
    let unit = Unit {
        id: 0,
        commune_id: actor.commune_id,
        short_name: if short.is_empty() {
            name.clone()
        } else {
            short
        },
        name,
    };
    let mut w = app.store.begin_write().await?;
    if let Err(e) = org::insert_unit(&mut w, actor_name, &unit).await {
        return refusal(e);
    }
    w.commit().await?;
    Ok(Ok(()))
}

/// A new account as the administrator typed it.
pub struct NewAccount<'a> {
    pub username: &'a str,
    pub full_name: &'a str,
    pub email: &'a str,
    /// The role's code.
    pub role: &'a str,
    /// The unit's id as typed; required for the roles that belong to a unit.
    pub unit_id: &'a str,
    pub password: &'a str,
}

/// Creates an account in the commune after checking the name, the role the administrator may
/// give, the unit and the password's strength.
pub async fn add_user(
    app: &App,
    actor: &Actor,
    actor_name: &str,
    typed: NewAccount<'_>,
) -> Result<std::result::Result<(), Vec<String>>> {
    may_manage(actor)?;
    let mut errors = Vec::new();
    let username = typed.username.trim().to_lowercase();
    if let Err(e) = validate_username(&username) {
        errors.push(format!("Tên đăng nhập: {e}"));
    }
    let full_name = visible(typed.full_name);
    if full_name.is_empty() {
        errors.push("Họ và tên không được để trống.".into());
    }
    let role = Role::parse(typed.role);
    if role.is_none() {
        errors.push("Chưa chọn vai trò.".into());
    }
    if role.is_some_and(|r| !papi_core::permission::may_assign_role(actor, r)) {
        errors.push(
            "Tài khoản cấp tỉnh chỉ tạo được trên máy chủ (papi user add), không tạo từ một xã."
                .into(),
        );
    }
    let units = org::units(&app.store, actor.commune_id).await?;
    let unit_id = typed
        .unit_id
        .parse::<i64>()
        .ok()
        .filter(|id| units.iter().any(|u| u.id == *id));
    if role.is_some_and(Role::needs_unit) && unit_id.is_none() {
        errors.push("Trưởng ban, ngành và công chức phải thuộc một đơn vị.".into());
    }
    if let Err(e) = check_password(typed.password, &[typed.username, typed.full_name]) {
        errors.push(e);
    }
    let (Some(role), true) = (role, errors.is_empty()) else {
        return Ok(Err(errors));
    };
    let new = User {
        id: 0,
        commune_id: actor.commune_id,
        username,
        full_name,
        email: typed.email.trim().to_string(),
        role,
        unit_id,
        village_id: None,
        active: true,
    };
    let mut w = app.store.begin_write().await?;
    if let Err(e) = org::insert_user(&mut w, actor_name, &new, typed.password).await {
        return refusal(e);
    }
    w.commit().await?;
    Ok(Ok(()))
}

/// Sets a new password (`op` = `password`), or deactivates or activates, one account of the
/// commune. An administrator cannot lock themselves out.
pub async fn change_user(
    app: &App,
    actor: &Actor,
    actor_name: &str,
    target_id: i64,
    op: &str,
    password: &str,
) -> Result<std::result::Result<(), Vec<String>>> {
    may_manage(actor)?;
    let target = org::user(&app.store, target_id).await?;
    if target.commune_id != actor.commune_id {
        return Err(Error::NotFound);
    }
    let mut w = app.store.begin_write().await?;
    match op {
        "password" => {
            let own = [target.username.as_str(), target.full_name.as_str()];
            if let Err(e) = check_password(password, &own) {
                return Ok(Err(vec![format!("{}: {e}", target.username)]));
            }
            org::set_password(&mut w, actor_name, &target, password).await?;
        }
        "deactivate" => {
            if let Err(why) = papi_core::org::may_deactivate(actor.user_id, target.id) {
                return Ok(Err(vec![why]));
            }
            org::set_active(&mut w, actor_name, &target, false).await?
        }
        "activate" => org::set_active(&mut w, actor_name, &target, true).await?,
        _ => return Err(Error::Invalid("Thao tác không hợp lệ.".into())),
    }
    w.commit().await?;
    Ok(Ok(()))
}

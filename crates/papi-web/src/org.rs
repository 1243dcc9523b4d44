//! Units and users, managed by the admin.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect};
use papi_core::org::validate_username;
use papi_core::password::check_password;
use papi_core::text::visible;
use papi_core::{Action, Role, Unit, User};
use papi_store::org;

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::FormPairs;
use crate::view::Nav;
use crate::view::SavedQuery;
use crate::AppState;

pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub full_name: String,
    pub role: &'static str,
    pub unit: String,
    pub active: bool,
}

pub struct RoleChoice {
    pub code: &'static str,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    nav: Nav,
    units: Vec<Unit>,
    users: Vec<UserRow>,
    roles: Vec<RoleChoice>,
    /// Working days before a deadline that pages and reminders warn (papi_core::agenda).
    due_soon_days: u32,
    errors: Vec<String>,
    saved: bool,
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    errors: Vec<String>,
    saved: bool,
) -> PageResult {
    user.require(Action::ManageOrganisation)?;
    let cid = user.user.commune_id;
    let units = org::units(&state.store, cid).await?;
    let users = org::users(&state.store, cid)
        .await?
        .into_iter()
        .map(|u| UserRow {
            id: u.id,
            unit: u
                .unit_id
                .and_then(|id| units.iter().find(|x| x.id == id))
                .map(|x| x.name.clone())
                .unwrap_or_default(),
            username: u.username,
            full_name: u.full_name,
            role: u.role.label(),
            active: u.active,
        })
        .collect();
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let due_soon_days = org::commune(&state.store, cid).await?.due_soon.working_days;
    let page = AdminPage {
        nav: Nav::new(user, state, "admin"),
        due_soon_days,
        units,
        users,
        roles: Role::ALL
            .iter()
            .map(|r| RoleChoice {
                code: r.code(),
                label: r.label(),
            })
            .collect(),
        errors,
        saved,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    axum::extract::Query(q): axum::extract::Query<SavedQuery>,
) -> PageResult {
    page(&state, &user, vec![], q.saved.is_some()).await
}

/// The commune's warning window before deadlines, in working days.
pub async fn set_due_soon(
    State(state): State<AppState>,
    user: CurrentUser,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let typed = f.get("due_soon_days");
    match papi_app::org::set_due_soon(&state, &user.actor(), &user.audit_name(), typed).await {
        Ok(_) => Ok(Redirect::to("/staff/admin?saved=1").into_response()),
        Err(papi_app::Error::Invalid(why)) => page(&state, &user, vec![why], false).await,
        Err(e) => Err(e.into()),
    }
}

pub async fn add_unit(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let name = visible(f.get("name"));
    let name = name.as_str();
    if name.is_empty() {
        return page(
            &state,
            &user,
            vec!["Tên đơn vị không được để trống.".into()],
            false,
        )
        .await;
    }
    let short = visible(f.get("short_name"));
    let short = Some(short.as_str())
        .filter(|s| !s.is_empty())
        .unwrap_or(name);
    let unit = Unit {
        id: 0,
        commune_id: user.user.commune_id,
        name: name.into(),
        short_name: short.into(),
    };
    let mut w = state.store.begin_write().await?;
    match org::insert_unit(&mut w, &user.audit_name(), &unit).await {
        Ok(_) => w.commit().await?,
        Err(papi_store::StoreError::Conflict(m)) => {
            return page(&state, &user, vec![m], false).await
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to("/staff/admin?saved=1").into_response())
}

pub async fn add_user(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let cid = user.user.commune_id;
    let mut errors = Vec::new();
    let username = f.get("username").trim().to_lowercase();
    if let Err(e) = validate_username(&username) {
        errors.push(format!("Tên đăng nhập: {e}"));
    }
    let full_name = visible(f.get("full_name"));
    if full_name.is_empty() {
        errors.push("Họ và tên không được để trống.".into());
    }
    let role = Role::parse(f.get("role"));
    if role.is_none() {
        errors.push("Chưa chọn vai trò.".into());
    }
    if role.is_some_and(|r| !papi_core::permission::may_assign_role(&user.actor(), r)) {
        errors.push(
            "Tài khoản cấp tỉnh chỉ tạo được trên máy chủ (papi user add), không tạo từ một xã."
                .into(),
        );
    }
    let units = org::units(&state.store, cid).await?;
    let unit_id = f
        .get("unit_id")
        .parse::<i64>()
        .ok()
        .filter(|id| units.iter().any(|u| u.id == *id));
    if role.is_some_and(Role::needs_unit) && unit_id.is_none() {
        errors.push("Trưởng ban, ngành và công chức phải thuộc một đơn vị.".into());
    }
    let password = f.get("password");
    if let Err(e) = check_password(password, &[f.get("username"), f.get("full_name")]) {
        errors.push(e);
    }
    let (Some(role), true) = (role, errors.is_empty()) else {
        return page(&state, &user, errors, false).await;
    };
    let new = User {
        id: 0,
        commune_id: cid,
        username,
        full_name,
        email: f.get("email").trim().to_string(),
        role,
        unit_id,
        village_id: None,
        active: true,
    };
    let mut w = state.store.begin_write().await?;
    match org::insert_user(&mut w, &user.audit_name(), &new, password).await {
        Ok(_) => w.commit().await?,
        Err(papi_store::StoreError::Conflict(m)) => {
            return page(&state, &user, vec![m], false).await
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to("/staff/admin?saved=1").into_response())
}

/// Sets a new password, or activates/deactivates, for one user of the commune.
pub async fn change_user(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let target = org::user(&state.store, id).await?;
    if target.commune_id != user.user.commune_id {
        return Err(AppError::NotFound);
    }
    let mut w = state.store.begin_write().await?;
    match f.get("op") {
        "password" => {
            let own = [target.username.as_str(), target.full_name.as_str()];
            if let Err(e) = check_password(f.get("password"), &own) {
                return page(
                    &state,
                    &user,
                    vec![format!("{}: {e}", target.username)],
                    false,
                )
                .await;
            }
            org::set_password(&mut w, &user.audit_name(), &target, f.get("password")).await?;
        }
        "deactivate" => {
            if let Err(why) = papi_core::org::may_deactivate(user.user.id, target.id) {
                return page(&state, &user, vec![why], false).await;
            }
            org::set_active(&mut w, &user.audit_name(), &target, false).await?
        }
        "activate" => org::set_active(&mut w, &user.audit_name(), &target, true).await?,
        _ => return Err(AppError::BadRequest("Thao tác không hợp lệ.".into())),
    }
    w.commit().await?;
    Ok(Redirect::to("/staff/admin?saved=1").into_response())
}

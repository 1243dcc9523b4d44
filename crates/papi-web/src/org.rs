//! Units and users, managed by the admin.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect};
use papi_core::{Action, Role, Unit};
use papi_store::org;

use crate::auth::CurrentUser;
use crate::error::PageResult;
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
    /// What was typed into the add-user form, shown again when it was refused (no password).
    typed: TypedAccount,
}

/// The add-user form as typed.
#[derive(Default)]
pub struct TypedAccount {
    pub username: String,
    pub full_name: String,
    pub email: String,
    pub role: String,
    pub unit_id: String,
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    errors: Vec<String>,
    saved: bool,
) -> PageResult {
    page_typed(state, user, errors, saved, TypedAccount::default()).await
}

async fn page_typed(
    state: &AppState,
    user: &CurrentUser,
    errors: Vec<String>,
    saved: bool,
    typed: TypedAccount,
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
            .filter(|r| papi_core::permission::may_assign_role(&user.actor(), **r))
            .map(|r| RoleChoice {
                code: r.code(),
                label: r.label(),
            })
            .collect(),
        errors,
        saved,
        typed,
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

/// After a write: back to the page, saved, or the page again with the reasons.
async fn answer(state: &AppState, user: &CurrentUser, done: Result<(), Vec<String>>) -> PageResult {
    match done {
        Ok(()) => Ok(Redirect::to("/staff/admin?saved=1").into_response()),
        Err(why) => page(state, user, why, false).await,
    }
}

pub async fn add_unit(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let (actor, name) = (user.actor(), user.audit_name());
    let (unit, short) = (f.get("name"), f.get("short_name"));
    let done = papi_app::org::add_unit(&state, &actor, &name, unit, short).await?;
    answer(&state, &user, done).await
}

pub async fn add_user(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let typed = papi_app::org::NewAccount {
        username: f.get("username"),
        full_name: f.get("full_name"),
        email: f.get("email"),
        role: f.get("role"),
        unit_id: f.get("unit_id"),
        password: f.get("password"),
    };
    let (actor, name) = (user.actor(), user.audit_name());
    match papi_app::org::add_user(&state, &actor, &name, typed).await? {
        Ok(()) => Ok(Redirect::to("/staff/admin?saved=1").into_response()),
        Err(why) => {
            let typed = TypedAccount {
                username: f.get("username").into(),
                full_name: f.get("full_name").into(),
                email: f.get("email").into(),
                role: f.get("role").into(),
                unit_id: f.get("unit_id").into(),
            };
            page_typed(&state, &user, why, false, typed).await
        }
    }
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
    let (actor, name) = (user.actor(), user.audit_name());
    let (op, password) = (f.get("op"), f.get("password"));
    let done = papi_app::org::change_user(&state, &actor, &name, id, op, password).await?;
    answer(&state, &user, done).await
}

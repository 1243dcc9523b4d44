//! Signing in and out, the signed-in user, CSRF tokens and rate limits.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use askama::Template;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use papi_core::{Action, Actor, User};
use papi_store::{login, org, session};
use serde::Deserialize;

use crate::error::{ApiError, AppError, PageResult};
use crate::AppState;

const SESSION_COOKIE: &str = "papi_session";
const LOGIN_CSRF_COOKIE: &str = "papi_login_csrf";

/// The person behind a request, with their session's CSRF token.
#[derive(Clone)]
pub struct CurrentUser {
    pub user: User,
    pub csrf: String,
    token: String,
}

impl CurrentUser {
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.user.id,
            commune_id: self.user.commune_id,
            role: self.user.role,
            unit_id: self.user.unit_id,
        }
    }

    /// Refuses unless the user's role allows `action`.
    pub fn require(&self, action: Action) -> Result<(), AppError> {
        if self.actor().can(action) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Checks the CSRF token a form sent back.
    pub fn check_csrf(&self, sent: &str) -> Result<(), AppError> {
        if !sent.is_empty() && constant_time_eq(sent.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(AppError::Csrf)
        }
    }

    /// The name written into the audit log.
    pub fn audit_name(&self) -> String {
        format!("{} ({})", self.user.full_name, self.user.username)
    }
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn cookie<'a>(parts: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    parts
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The user whose session cookie came with the request.
pub async fn signed_in(parts: &Parts, state: &AppState) -> Result<CurrentUser, AppError> {
    let token = cookie(&parts.headers, SESSION_COOKIE).ok_or(AppError::Unauthorized)?;
    let (s, user) = session::find_with_user(&state.store, token)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if !user.active {
        return Err(AppError::Unauthorized);
    }
    Ok(CurrentUser {
        user,
        csrf: s.csrf,
        token: token.to_string(),
    })
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        match parts.extensions.get::<CurrentUser>() {
            // Already looked up by the route's role check.
            Some(u) => Ok(u.clone()),
            None => signed_in(parts, state).await,
        }
    }
}

/// The signed-in user of an API call; failures answer in JSON.
pub struct ApiUser(pub CurrentUser);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(ApiUser(
            CurrentUser::from_request_parts(parts, state).await?,
        ))
    }
}

/// Who is counted (an address or a device token) and the kind of form it sends.
type LimitKey = (String, &'static str);
/// The start of the current window and the attempts counted in it.
type Window = (Instant, u32);

/// Fixed-window counters for public forms, per address or per device.
#[derive(Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<LimitKey, Window>>,
}

impl RateLimiter {
    /// Counts one attempt; refuses past `limit` per minute.
    pub fn hit(&self, ip: IpAddr, what: &'static str, limit: u32) -> Result<(), AppError> {
        self.hit_within(ip.to_string(), what, limit, Duration::from_secs(60))
    }

    /// Counts one attempt by `who`; refuses past `limit` within `window`.
    pub fn hit_within(
        &self,
        who: String,
        what: &'static str,
        limit: u32,
        window: Duration,
    ) -> Result<(), AppError> {
        let mut map = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        if map.len() > 10_000 {
            map.retain(|_, (start, _)| now.duration_since(*start) < Duration::from_secs(3600));
        }
        let entry = map.entry((who, what)).or_insert((now, 0));
        if now.duration_since(entry.0) >= window {
            *entry = (now, 0);
        }
        entry.1 += 1;
        if entry.1 > limit {
            Err(AppError::TooManyRequests)
        } else {
            Ok(())
        }
    }
}

/// The client's address, or loopback when the server was not given connection info.
#[derive(Clone, Copy)]
pub struct ClientIp(pub IpAddr);

pub async fn client_ip(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let ip = behind_proxies(peer, req.headers(), &state.trusted_proxies);
    req.extensions_mut().insert(ClientIp(ip));
    next.run(req).await
}

/// The client's address: the peer, unless the peer is a trusted proxy, in which case the
/// right-most `X-Forwarded-For` address that is not itself a trusted proxy (addresses further
/// left were written by the client and prove nothing).
fn behind_proxies(peer: IpAddr, headers: &axum::http::HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    hops.into_iter()
        .rev()
        .find(|a| !trusted.contains(a))
        .unwrap_or(peer)
}

fn session_cookie(state: &AppState, value: &str, max_age: i64) -> String {
    let secure = secure_attr(state);
    format!("{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// `; Secure` behind HTTPS: every cookie papi sets carries it then.
pub fn secure_attr(state: &AppState) -> &'static str {
    if state.secure_cookies {
        "; Secure"
    } else {
        ""
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    csrf: String,
    error: Option<String>,
    username: String,
}

/// A random 128-bit token in hex: session ids, CSRF tokens, form and device cookies.
pub(crate) fn random_token() -> String {
    use rand::RngCore;
    let mut b = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut b);
    hex::encode(b)
}

fn login_page(
    state: &AppState,
    error: Option<String>,
    username: String,
    status: axum::http::StatusCode,
) -> PageResult {
    let csrf = random_token();
    let body = LoginPage {
        csrf: csrf.clone(),
        error,
        username,
    }
    .render()?;
    let secure = secure_attr(state);
    let cookie =
        format!("{LOGIN_CSRF_COOKIE}={csrf}; Path=/login; HttpOnly; SameSite=Strict{secure}");
    Ok((status, [(SET_COOKIE, cookie)], Html(body)).into_response())
}

pub async fn login_form(State(state): State<AppState>) -> PageResult {
    login_page(&state, None, String::new(), axum::http::StatusCode::OK)
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
}

/// Signs in. A form without the login page's token is refused before anything is counted;
/// then the account and the address must not be waiting out earlier failures; a failure is
/// counted against both and audited (`login::record_failure`), a success clears the account's
/// count.
pub async fn login(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    headers: axum::http::HeaderMap,
    Form(form): Form<LoginForm>,
) -> PageResult {
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or("");
    if expected.is_empty() || !constant_time_eq(expected.as_bytes(), form.csrf.as_bytes()) {
        return Err(AppError::Csrf);
    }
    let username: String = form
        .username
        .trim()
        .to_lowercase()
        .chars()
        .take(64)
        .collect();
    let address = ip.to_string();
    let now = chrono::Utc::now().timestamp();
    let wait = login::wait(&state.store, &username, &address, now).await?;
    if wait > 0 {
        tracing::warn!(%ip, username, wait, "sign-in refused while locked");
        return locked_page(&state, username, wait);
    }
    let Some(user) = org::authenticate(&state.store, &username, &form.password).await? else {
        let locked = login::record_failure(&state.store, &username, &address, now).await?;
        tracing::warn!(%ip, username, locked, "failed sign-in");
        if locked > 0 {
            return locked_page(&state, username, locked);
        }
        let msg = "Tên đăng nhập hoặc mật khẩu không đúng.".to_string();
        return login_page(
            &state,
            Some(msg),
            username,
            axum::http::StatusCode::UNAUTHORIZED,
        );
    };
    login::clear(&state.store, &username).await?;
    let token = session::create(&state.store, user.id, user.commune_id).await?;
    let cookie = session_cookie(&state, &token, session::LIFETIME_SECS);
    use papi_core::permission::{landing, Landing};
    let to = match landing(user.role, user.unit_id) {
        Landing::UnitWork => "/staff/unit",
        Landing::Dashboard => "/staff",
        Landing::Province => "/staff/province",
        Landing::Communes => "/staff/province/communes",
    };
    Ok(([(SET_COOKIE, cookie)], Redirect::to(to)).into_response())
}

/// The login page answering 429 with how long to wait.
fn locked_page(state: &AppState, username: String, wait: i64) -> PageResult {
    let mut page = login_page(
        state,
        Some(papi_core::login::locked_message(wait)),
        username,
        axum::http::StatusCode::TOO_MANY_REQUESTS,
    )?;
    if let Ok(v) = axum::http::HeaderValue::from_str(&wait.to_string()) {
        page.headers_mut()
            .insert(axum::http::header::RETRY_AFTER, v);
    }
    Ok(page)
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

pub async fn logout(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(form): Form<CsrfForm>,
) -> PageResult {
    user.check_csrf(&form.csrf)?;
    session::delete(&state.store, &user.token).await?;
    Ok((
        [(SET_COOKIE, session_cookie(&state, "", 0))],
        Redirect::to("/"),
    )
        .into_response())
}
